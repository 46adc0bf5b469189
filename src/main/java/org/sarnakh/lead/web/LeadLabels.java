package org.sarnakh.lead.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.internal.CampaignNames;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What lead pages show instead of codes and ids: list labels in the reader's language, user,
 * team and campaign names. Loaded once per page with a few small queries, never per row.
 */
@Component
class LeadLabels {

  static final List<String> LISTS = List.of("lead_source", "industry", "sub_industry", "lost_reason");
  static final int CAMPAIGN_PICKER_SIZE = 200;

  /** Labels for one page. {@code codes} holds every code, inactive ones too, since old leads keep them. */
  record Labels(Map<String, Map<String, String>> codes, Map<String, Map<String, String>> activeCodes,
      Map<UUID, String> users, Map<UUID, String> teams, Map<UUID, String> campaigns,
      Function<String, @Nullable String> messages) {

    /**
     * A stored value (as the change log and the form hold it) the way a reader reads it: labels
     * for codes and statuses, names for ids, as typed for everything else.
     */
    public String value(String field, @Nullable String raw) {
      if (raw == null || raw.isEmpty()) {
        return "";
      }
      return switch (field) {
        case "leadSource" -> code("lead_source", raw);
        case "industry" -> code("industry", raw);
        case "subIndustry" -> code("sub_industry", raw);
        case "deadReason" -> code("lost_reason", raw);
        case "ownerId" -> user(raw);
        case "teamId" -> team(raw);
        case "campaignId" -> campaign(raw);
        case "status", "lifecycleStage", "rating", "marketingConsent" -> {
          String m = messages.apply(field + "." + raw);
          yield m == null ? raw : m;
        }
        default -> raw;
      };
    }

    /** The label of a field by its API name (history rows), or the name itself for custom fields. */
    public String field(String name) {
      String m = messages.apply("lead.field." + name);
      return m != null ? m : name.startsWith("customFields.") ? name.substring("customFields.".length()) : name;
    }

    public String code(String list, @Nullable Object code) {
      if (code == null) {
        return "";
      }
      return codes.getOrDefault(list, Map.of()).getOrDefault(code.toString(), code.toString());
    }

    public String user(@Nullable Object id) {
      return name(users, id);
    }

    public String team(@Nullable Object id) {
      return name(teams, id);
    }

    public String campaign(@Nullable Object id) {
      return name(campaigns, id);
    }

    /** The values of an enum-like field with their labels in the reader's language ({@code status.NEW} …). */
    public Map<String, String> named(String field, List<String> values) {
      Map<String, String> out = new LinkedHashMap<>();
      for (String v : values) {
        String label = messages.apply(field + "." + v);
        out.put(v, label == null ? v : label);
      }
      return out;
    }

    public Map<String, String> ratings() {
      return named("rating", List.of("HOT", "WARM", "COLD"));
    }

    /** Active codes of a list, for pickers. */
    public Map<String, String> choices(String list) {
      return activeCodes.getOrDefault(list, Map.of());
    }

    private static String name(Map<UUID, String> names, @Nullable Object id) {
      if (id == null || id.toString().isEmpty()) {
        return "";
      }
      try {
        return names.getOrDefault(UUID.fromString(id.toString()), id.toString());
      } catch (IllegalArgumentException e) {
        return id.toString();
      }
    }
  }

  private final CodeLists lists;
  private final UserDirectory directory;
  private final CampaignNames campaigns;
  private final MessageSource messages;

  LeadLabels(CodeLists lists, UserDirectory directory, CampaignNames campaigns, MessageSource messages) {
    this.lists = lists;
    this.directory = directory;
    this.campaigns = campaigns;
    this.messages = messages;
  }

  /** Labels for pages that show leads and pick values: every user, team and recent campaign. */
  Labels forPickers(String language, Collection<Lead> shown) {
    Map<UUID, String> users = new LinkedHashMap<>();
    for (UserSummary u : directory.list()) {
      users.put(u.id(), u.displayName());
    }
    Map<UUID, String> camps = new LinkedHashMap<>(campaigns.recent(CAMPAIGN_PICKER_SIZE));
    Set<UUID> missing = new HashSet<>();
    for (Lead l : shown) {
      Object c = l.get(org.sarnakh.lead.LeadField.CAMPAIGN_ID);
      if (c instanceof UUID id && !camps.containsKey(id)) {
        missing.add(id);
      }
    }
    camps.putAll(campaigns.of(missing));
    return build(language, users, camps);
  }

  /** Active users only, for owner pickers. */
  Map<UUID, String> activeUsers() {
    Map<UUID, String> users = new LinkedHashMap<>();
    for (UserSummary u : directory.list()) {
      if (u.active()) {
        users.put(u.id(), u.displayName());
      }
    }
    return users;
  }

  private Labels build(String language, Map<UUID, String> users, Map<UUID, String> camps) {
    Map<String, Map<String, String>> codes = new LinkedHashMap<>();
    Map<String, Map<String, String>> active = new LinkedHashMap<>();
    for (String list : LISTS) {
      Map<String, String> all = new LinkedHashMap<>();
      Map<String, String> on = new LinkedHashMap<>();
      for (CodeLists.Code c : lists.list(list, language, true)) {
        all.put(c.code(), c.label());
        if (c.active()) {
          on.put(c.code(), c.label());
        }
      }
      codes.put(list, all);
      active.put(list, on);
    }
    Map<UUID, String> teams = new LinkedHashMap<>();
    for (TeamSummary t : directory.teams()) {
      teams.put(t.id(), t.name());
    }
    Locale locale = LocaleContextHolder.getLocale();
    return new Labels(codes, active, users, teams, camps, key -> messages.getMessage(key, null, null, locale));
  }
}
