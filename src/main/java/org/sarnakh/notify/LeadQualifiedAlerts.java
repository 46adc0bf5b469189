package org.sarnakh.notify;

import java.util.List;
import java.util.UUID;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.scoring.LeadBecameQualified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Alerts a lead's owner when its score crosses the MQL threshold (the members of its team when it
 * has no active owner). Runs before the scoring transaction commits, so the alert and its mail are
 * recorded with the crossing or not at all; the key {@code lead-qualified:<lead>:<crossing>} makes it
 * one alert per crossing, however often the lead is rescored.
 */
@Component
class LeadQualifiedAlerts {

  private static final Logger log = LoggerFactory.getLogger(LeadQualifiedAlerts.class);

  private final LeadQueries leads;
  private final UserDirectory users;
  private final Notifications notifications;

  LeadQualifiedAlerts(LeadQueries leads, UserDirectory users, Notifications notifications) {
    this.leads = leads;
    this.users = users;
    this.notifications = notifications;
  }

  @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
  void qualified(LeadBecameQualified event) {
    Lead lead = leads.forSystem(List.of(event.lead().value())).stream().findFirst().orElse(null);
    if (lead == null || lead.status() == LeadStatus.CONVERTED) {
      return;
    }
    List<UUID> recipients = recipients(lead);
    if (recipients.isEmpty()) {
      log.info("lead {} became an MQL but has no active owner or team member to alert", lead.id().value());
    }
    String key = "lead-qualified:" + lead.id().value() + ":" + event.crossing();
    for (UUID user : recipients) {
      notifications.notify(new Notice(user, NotificationKind.LEAD_QUALIFIED,
          List.of(lead.displayName(), String.valueOf(event.score()), String.valueOf(event.threshold())),
          "/leads/" + lead.id().value(), key));
    }
  }

  private List<UUID> recipients(Lead lead) {
    if (lead.ownerId() != null && users.isActiveUser(lead.ownerId())) {
      return List.of(lead.ownerId());
    }
    if (lead.teamId() == null) {
      return List.of();
    }
    UUID team = lead.teamId();
    return users.list().stream().filter(u -> u.active() && u.teamIds().contains(team)).map(UserSummary::id).toList();
  }
}
