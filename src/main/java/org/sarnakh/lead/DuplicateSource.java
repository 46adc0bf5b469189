package org.sarnakh.lead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where the duplicate guard looks for records sharing a key. The lead module supplies the leads;
 * modules that keep people of their own (contacts) add a bean of this type, so the guard stays one
 * service without depending on them.
 */
public interface DuplicateSource {

  /** A stored record and the keys it holds, so that a caller asking for many keys can tell who matched what. */
  record Holder(DuplicateMatch match, DuplicateKeys keys) {}

  /** Records sharing a key with {@code keys}, at most {@code limit}. Deleted records do not count. */
  List<DuplicateMatch> find(DuplicateKeys keys, int limit);

  /**
   * Every record holding any of these emails, phones or external ids, for bulk paths (an import
   * asks for thousands of keys per chunk). Sources override it with a few set-based queries; this
   * default asks {@link #find} once per key, which is right but slow.
   */
  default List<Holder> findAny(Set<String> emails, Set<String> phones, Set<String> externalIds) {
    Map<UUID, Holder> found = new LinkedHashMap<>();
    for (String email : emails) {
      collect(new DuplicateKeys(email, Set.of(), null), found);
    }
    for (String phone : phones) {
      collect(new DuplicateKeys(null, Set.of(phone), null), found);
    }
    for (String externalId : externalIds) {
      collect(new DuplicateKeys(null, Set.of(), externalId), found);
    }
    return new ArrayList<>(found.values());
  }

  private void collect(DuplicateKeys key, Map<UUID, Holder> found) {
    for (DuplicateMatch m : find(key, LeadMatching.MAX_MATCHES)) {
      found.merge(m.id(), new Holder(m, key), (a, b) -> new Holder(a.match(), a.keys().union(b.keys())));
    }
  }
}
