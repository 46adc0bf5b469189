package org.sarnakh.nurture;

import java.util.List;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.notify.Notice;
import org.sarnakh.notify.NotificationKind;
import org.sarnakh.notify.Notifications;
import org.sarnakh.scoring.LeadBecameQualified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The recycle program's way back (S4): a lost lead whose score crosses the MQL threshold again has
 * re-engaged. It becomes RECYCLED (routing then gives it to a rep again) and its previous owner is
 * told, once per crossing.
 */
@Component
class Reengagement {

  private static final Logger log = LoggerFactory.getLogger(Reengagement.class);
  private static final Actor ACTOR = new Actor(null, "re-engagement", Actor.Channel.SYSTEM);

  private final LeadManagement leads;
  private final Notifications notifications;
  private final TransactionTemplate tx;

  Reengagement(LeadManagement leads, Notifications notifications, TransactionTemplate tx) {
    this.leads = leads;
    this.notifications = notifications;
    this.tx = tx;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void qualified(LeadBecameQualified event) {
    try {
      tx.executeWithoutResult(s -> leads.reactivate(event.lead(), ACTOR).ifPresent(recycled -> tell(recycled, event)));
    } catch (RuntimeException e) {
      log.warn("lead {} re-engaged but could not be recycled: {}", event.lead().value(), e.toString());
    }
  }

  /** Recycling keeps the owner, so the lead's owner is the one who lost it. */
  private void tell(Lead recycled, LeadBecameQualified event) {
    if (recycled.ownerId() == null) {
      return;
    }
    notifications.notify(new Notice(recycled.ownerId(), NotificationKind.LEAD_RECYCLED,
        List.of(recycled.displayName(), "score " + event.score()), "/leads/" + recycled.id().value(),
        "lead-recycled:" + recycled.id().value() + ":" + event.crossing()));
  }
}
