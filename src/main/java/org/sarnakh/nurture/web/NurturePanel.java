package org.sarnakh.nurture.web;

import static org.sarnakh.platform.db.Tables.SEGMENT;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadPanel;
import org.sarnakh.nurture.Sequences;
import org.springframework.stereotype.Component;

/** The lead page's nurture panel: the segments and lists the lead is in, and its sequences with their state. */
@Component
class NurturePanel implements LeadPanel {

  record Membership(UUID id, String name, boolean dynamic) {}

  record Model(List<Membership> segments, List<Sequences.Enrollment> enrollments) {
    public boolean empty() {
      return segments.isEmpty() && enrollments.isEmpty();
    }
  }

  private final DSLContext db;
  private final Sequences sequences;

  NurturePanel(DSLContext db, Sequences sequences) {
    this.db = db;
    this.sequences = sequences;
  }

  @Override
  public String template() {
    return "nurture/panel";
  }

  @Override
  public String fragment() {
    return "nurture";
  }

  @Override
  public Object model(Lead lead, CurrentUser user) {
    List<Membership> segments = db.select(SEGMENT.ID, SEGMENT.NAME, SEGMENT.KIND).from(SEGMENT_MEMBER).join(SEGMENT)
        .on(SEGMENT.ID.eq(SEGMENT_MEMBER.SEGMENT_ID)).where(SEGMENT_MEMBER.LEAD_ID.eq(lead.id().value()))
        .orderBy(SEGMENT.NAME).limit(50).fetch(r -> new Membership(r.value1(), r.value2(), "DYNAMIC".equals(r.value3())));
    return new Model(segments, sequences.ofLead(lead.id().value(), user));
  }
}
