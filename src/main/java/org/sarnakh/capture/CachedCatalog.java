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
    String key = list + '\u0000' + code;
    Boolean known = codes.get(key);
    if (known == null) {
      known = catalog.codeExists(list, code);
      remember(codes, key, known);
    }
    return known;
  }

  @Override
  public Optional<CustomFieldDefinition> customField(String name) {
    var known = custom.get(name);
    if (known == null) {
      known = catalog.customField(name);
      remember(custom, name, known);
    }
    return known;
  }

  @Override
  public boolean campaignExists(UUID id) {
    var known = campaigns.get(id);
    if (known == null) {
      known = catalog.campaignExists(id);
      remember(campaigns, id, known);
    }
    return known;
  }

  @Override
  public boolean activeUser(UUID id) {
    var known = users.get(id);
    if (known == null) {
      known = catalog.activeUser(id);
      remember(users, id, known);
    }
    return known;
  }

  @Override
  public boolean teamExists(UUID id) {
    var known = teams.get(id);
    if (known == null) {
      known = catalog.teamExists(id);
      remember(teams, id, known);
    }
    return known;
  }

  @Override
  public String defaultRegion() {
    return region;
  }

  private static <K, V> void remember(Map<K, V> cache, K key, V value) {
    if (cache.size() < MAX_ENTRIES) {
      cache.put(key, value);
    }
  }
}
