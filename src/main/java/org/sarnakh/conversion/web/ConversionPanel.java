package org.sarnakh.conversion.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.conversion.Conversion;
import org.sarnakh.conversion.LeadConversion;
import org.sarnakh.conversion.QualificationChecklist;
import org.sarnakh.crm.Accounts;
import org.sarnakh.crm.Contacts;
import org.sarnakh.crm.Opportunities;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadPanel;
import org.sarnakh.lead.LeadStatus;
import org.springframework.stereotype.Component;

/**
 * The lead page's conversion panel: the qualification checklist to tick and the Convert button
 * while the lead can convert; links to what it became once it has.
 */
@Component
class ConversionPanel implements LeadPanel {

  /** A record the lead became, named for its link. */
  record Link(UUID id, String name) {}

  record Model(UUID leadId, boolean convertible, QualificationChecklist.State checklist,
      @Nullable Conversion conversion, @Nullable Link contact, @Nullable Link account, @Nullable Link opportunity) {}

  private final LeadConversion conversions;
  private final QualificationChecklist checklist;
  private final Contacts contacts;
  private final Accounts accounts;
  private final Opportunities opportunities;

  ConversionPanel(LeadConversion conversions, QualificationChecklist checklist, Contacts contacts, Accounts accounts,
      Opportunities opportunities) {
    this.conversions = conversions;
    this.checklist = checklist;
    this.contacts = contacts;
    this.accounts = accounts;
    this.opportunities = opportunities;
  }

  @Override
  public String template() {
    return "conversion/panel";
  }

  @Override
  public String fragment() {
    return "convert";
  }

  @Override
  public Object model(Lead lead, CurrentUser user) {
    Conversion c = lead.status() == LeadStatus.CONVERTED ? conversions.of(lead.id()).orElse(null) : null;
    return new Model(lead.id().value(), lead.status().convertible() && lead.deletedAt() == null,
        checklist.state(lead.id()), c,
        c == null ? null : new Link(c.contactId(), contacts.get(c.contactId()).displayName()),
        c == null || c.accountId() == null ? null : new Link(c.accountId(), accounts.get(c.accountId()).name()),
        c == null || c.opportunityId() == null ? null
            : new Link(c.opportunityId(), opportunities.get(c.opportunityId()).name()));
  }
}
