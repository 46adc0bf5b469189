package org.sarnakh.conversion;

import java.util.List;
import java.util.Map;
import org.sarnakh.platform.DomainConflict;

/** A record conversion would create exists already (same email, phone, company name or website): 409 with the matches. */
public class DuplicateRecords extends DomainConflict {

  private final List<Map<String, Object>> matches;

  public DuplicateRecords(String what, List<Map<String, Object>> matches) {
    super("duplicate-" + what, "a " + what + " like this exists; link it with existingId, or create anyway with"
        + " allowDuplicate");
    this.matches = List.copyOf(matches);
  }

  @Override
  public Map<String, Object> properties() {
    return Map.of("matches", matches);
  }
}
