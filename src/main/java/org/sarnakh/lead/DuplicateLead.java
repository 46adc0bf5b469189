package org.sarnakh.lead;

import java.util.List;
import java.util.Map;
import org.sarnakh.platform.DomainConflict;

/** A lead would duplicate stored records: 409 with the matches, so the caller can merge or decide. */
public class DuplicateLead extends DomainConflict {

  private final List<DuplicateMatch> matches;

  public DuplicateLead(List<DuplicateMatch> matches) {
    super("duplicate", "a lead or contact with the same " + matches.get(0).matchedOn() + " exists");
    this.matches = List.copyOf(matches);
  }

  public List<DuplicateMatch> matches() {
    return matches;
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("matches", matches.stream().map(DuplicateMatch::asMap).toList());
  }
}
