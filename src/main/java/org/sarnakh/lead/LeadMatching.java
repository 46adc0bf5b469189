package org.sarnakh.lead;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The duplicate guard: one service every entry point asks (API, pages, imports, forms) before it
 * writes a lead, matching exactly on normalised email, E.164 phone or external id against leads
 * and contacts (PRODUCT.md §1, capture).
 */
@Service
public class LeadMatching {

  /** What to do when a lead being created matches stored records. */
  public enum OnDuplicate {
    /** Refuse with the matches (409): the API's and the pages' default. */
    REJECT,
    /** Apply the new values to the matching lead instead of creating one. */
    UPSERT,
    /** Create anyway: a person decided they are different. */
    ALLOW
  }

  static final int MAX_MATCHES = 10;

  private final List<DuplicateSource> sources;

  LeadMatching(List<DuplicateSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Records sharing a key with {@code keys}, leads first; {@code self} (a lead being edited) is left out. */
  public List<DuplicateMatch> find(DuplicateKeys keys, @Nullable LeadId self) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<DuplicateMatch> matches = new ArrayList<>();
    for (DuplicateSource source : sources) {
      for (DuplicateMatch m : source.find(keys, MAX_MATCHES + 1)) {
        if (self == null || !(m.kind() == DuplicateMatch.Kind.LEAD && m.id().equals(self.value()))) {
          matches.add(m);
        }
      }
    }
    matches.sort((a, b) -> a.kind().compareTo(b.kind()));
    return matches.size() > MAX_MATCHES ? List.copyOf(matches.subList(0, MAX_MATCHES)) : List.copyOf(matches);
  }
}
