package org.sarnakh.lead;

import java.util.List;

/**
 * Where the duplicate guard looks for records sharing a key. The lead module supplies the leads;
 * modules that keep people of their own (contacts) add a bean of this type, so the guard stays one
 * service without depending on them.
 */
public interface DuplicateSource {

  /** Records sharing a key with {@code keys}, at most {@code limit}. Deleted records do not count. */
  List<DuplicateMatch> find(DuplicateKeys keys, int limit);
}
