package org.sarnakh.lead;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

  /**
   * The matches of many keys at once, in the order given (an empty list where nothing matches),
   * leads first and each in the order its source found it. Bulk paths (imports) ask once per chunk
   * with a few set-based queries per source instead of one query per key and row.
   */
  public List<List<DuplicateMatch>> findAll(List<DuplicateKeys> keys) {
    Set<String> emails = new LinkedHashSet<>();
    Set<String> phones = new LinkedHashSet<>();
    Set<String> externalIds = new LinkedHashSet<>();
    for (DuplicateKeys k : keys) {
      if (k.email() != null) {
        emails.add(k.email());
      }
      phones.addAll(k.phones());
      if (k.externalId() != null) {
        externalIds.add(k.externalId());
      }
    }
    List<List<DuplicateMatch>> result = new ArrayList<>(keys.size());
    if (emails.isEmpty() && phones.isEmpty() && externalIds.isEmpty()) {
      keys.forEach(k -> result.add(List.of()));
      return result;
    }
    Map<String, List<DuplicateSource.Holder>> byKey = new HashMap<>();
    for (DuplicateSource source : sources) {
      for (DuplicateSource.Holder h : source.findAny(emails, phones, externalIds)) {
        if (h.keys().email() != null) {
          byKey.computeIfAbsent("e:" + h.keys().email(), x -> new ArrayList<>()).add(h);
        }
        for (String p : h.keys().phones()) {
          byKey.computeIfAbsent("p:" + p, x -> new ArrayList<>()).add(h);
        }
        if (h.keys().externalId() != null) {
          byKey.computeIfAbsent("x:" + h.keys().externalId(), x -> new ArrayList<>()).add(h);
        }
      }
    }
    for (DuplicateKeys k : keys) {
      Map<DuplicateMatch.Kind, Map<UUID, DuplicateMatch>> found = new EnumMap<>(DuplicateMatch.Kind.class);
      List<String> lookups = new ArrayList<>();
      if (k.email() != null) {
        lookups.add("e:" + k.email());
      }
      k.phones().forEach(p -> lookups.add("p:" + p));
      if (k.externalId() != null) {
        lookups.add("x:" + k.externalId());
      }
      for (String lookup : lookups) {
        for (DuplicateSource.Holder h : byKey.getOrDefault(lookup, List.of())) {
          String on = k.matchedOn(h.keys());
          found.computeIfAbsent(h.match().kind(), x -> new LinkedHashMap<>()).putIfAbsent(h.match().id(),
              new DuplicateMatch(h.match().kind(), h.match().id(), on == null ? h.match().matchedOn() : on,
                  h.match().name()));
        }
      }
      List<DuplicateMatch> matches = new ArrayList<>();
      found.values().forEach(m -> matches.addAll(m.values()));
      result.add(matches.size() > MAX_MATCHES ? List.copyOf(matches.subList(0, MAX_MATCHES)) : List.copyOf(matches));
    }
    return result;
  }
}
