package org.sarnakh.lead.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMassUpdate;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the list does to the rows a user ticked, or to every lead its filters match: mass update
 * (ticked rows at once, all matching as a background job with a progress page) and delete.
 */
@Controller
@RequestMapping("/leads")
class LeadBulkPages {

  /** Fields the mass-update panel can set; an empty input leaves the field as it is. */
  static final List<String> SETTABLE = List.of("status", "deadReason", "ownerId", "teamId", "leadSource", "rating",
      "industry", "campaignId");

  private final LeadMassUpdate massUpdate;
  private final LeadManagement leads;
  private final Accessor access;

  LeadBulkPages(LeadMassUpdate massUpdate, LeadManagement leads, Accessor access) {
    this.massUpdate = massUpdate;
    this.leads = leads;
    this.access = access;
  }

  @PostMapping("/mass-update")
  String massUpdate(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    Map<String, Object> set = new LinkedHashMap<>();
    for (String field : SETTABLE) {
      String v = form.getFirst("set." + field);
      if (v != null && !v.isBlank()) {
        set.put(field, v.strip());
      }
    }
    if (!"DEAD".equals(set.get("status"))) {
      set.remove("deadReason");
    }
    var change = new LeadMassUpdate.Change(set, LeadForm.tags(form.getFirst("addTags")),
        LeadForm.tags(form.getFirst("removeTags")));
    String back = back(form.getFirst("back"));
    try {
      if ("filter".equals(form.getFirst("scope"))) {
        MultiValueMap<String, String> filter = LeadListPages.nonBlank(LeadListPages.query(form.getFirst("filterQuery")));
        UUID job = massUpdate.byFilter(LeadQuery.parseFilters(filter), filter, change, user);
        return "redirect:/jobs/" + job + "?back=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
      }
      List<UUID> ids = LeadListPages.ids(form.get("ids"));
      var result = massUpdate.byIds(ids, change, user);
      redirect.addFlashAttribute("flash", result.failed().isEmpty()
          ? Flash.success("leads.bulk.updated", result.updated())
          : Flash.warning("leads.bulk.updatedWithFailures", result.updated(), result.failed().size(),
              result.failed().get(0).detail()));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.refused("leads.bulk.refused", e.problems().get(0).message()));
    }
    return "redirect:" + back;
  }

  @PostMapping("/delete")
  String delete(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
    CurrentUser user = access.current();
    LeadManagement.requireCurator(user);
    String back = back(form.getFirst("back"));
    List<UUID> ids;
    try {
      ids = LeadListPages.ids(form.get("ids"));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.refused("leads.bulk.refused", e.problems().get(0).message()));
      return "redirect:" + back;
    }
    int deleted = 0;
    int failed = 0;
    for (UUID id : ids) {
      try {
        leads.delete(new LeadId(id), user, Actor.Channel.UI);
        deleted++;
      } catch (NotFound | DomainConflict e) {
        failed++;
      }
    }
    redirect.addFlashAttribute("flash", failed == 0 ? Flash.success("leads.bulk.deleted", deleted)
        : Flash.warning("leads.bulk.deletedWithFailures", deleted, failed));
    return "redirect:" + back;
  }

  /** Where to go after a bulk action: the list the user came from, never another site. */
  static String back(@Nullable String given) {
    return org.sarnakh.platform.web.LocalPath.within(given, "/leads");
  }
}
