package org.sarnakh.capture;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.sarnakh.lead.LeadCatalog;

/**
 * The lead catalog for the length of one import run: code lists, custom fields, campaigns, users
 * and teams are asked once each instead of once per row (a million rows would otherwise ask a
 * million times). An import sees the catalog as it was when the run started, or first asked.
 * Each cache stops growing at {@value #MAX_ENTRIES} entries, so a file of a million made-up codes
 * costs queries, not memory.
 */
final class CachedCatalog implements LeadCatalog {

  static final int MAX_ENTRIES = 10_000;

  private final LeadCatalog catalog;
  private final Map<String, Boolean> codes = new ConcurrentHashMap<>();
  private final Map<String, Optional<CustomFieldDefinition>> custom = new ConcurrentHashMap<>();
  private final Map<UUID, Boolean> campaigns = new ConcurrentHashMap<>();
  private final Map<UUID, Boolean> users = new ConcurrentHashMap<>();
  private final Map<UUID, Boolean> teams = new ConcurrentHashMap<>();
  private final String region;

  CachedCatalog(LeadCatalog catalog) {
    this.catalog = catalog;
    this.region = catalog.defaultRegion();
  }

  @Override
  public boolean codeExists(String list, String code) {
    return cached(codes, list + '\u0000' + code, k -> catalog.codeExists(list, code));
  }

  @Override
  public Optional<CustomFieldDefinition> customField(String name) {
    return cached(custom, name, catalog::customField);
  }

  @Override
  public boolean campaignExists(UUID id) {
    return cached(campaigns, id, catalog::campaignExists);
  }

  @Override
  public boolean activeUser(UUID id) {
    return cached(users, id, catalog::activeUser);
  }

  @Override
  public boolean teamExists(UUID id) {
    return cached(teams, id, catalog::teamExists);
  }

  @Override
  public String defaultRegion() {
    return region;
  }

  private static <K, V> V cached(Map<K, V> cache, K key, java.util.function.Function<K, V> ask) {
    V known = cache.get(key);
    if (known == null) {
      known = ask.apply(key);
      if (cache.size() < MAX_ENTRIES) {
        cache.put(key, known);
      }
    }
    return known;
  }
}
