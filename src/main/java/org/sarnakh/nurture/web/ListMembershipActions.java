package org.sarnakh.nurture.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadListActions;
import org.sarnakh.nurture.Segment;
import org.sarnakh.nurture.Segments;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.web.Flash;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Add to list" and "Remove from list" for the leads ticked on the lead list, into static lists. */
@Controller
class ListMembershipActions implements LeadListActions {

  private final Segments segments;
  private final Accessor access;

  ListMembershipActions(Segments segments, Accessor access) {
    this.segments = segments;
    this.access = access;
  }

  @Override
  public List<Action> actions(CurrentUser user) {
    if (user.is(Role.SALES_REP)) {
      return List.of();
    }
    Map<String, String> lists = new LinkedHashMap<>();
    segments.list().stream().filter(s -> !s.dynamic()).forEach(s -> lists.put(s.id().toString(), s.name()));
    if (lists.isEmpty()) {
      return List.of();
    }
    return List.of(new Action("segments.addToList", "/segments/members/add", "segment", lists),
        new Action("segments.removeFromList", "/segments/members/remove", "segment", lists));
  }

  @PostMapping("/segments/members/add")
  String add(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
    return change(form, redirect, true);
  }

  @PostMapping("/segments/members/remove")
  String remove(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
    return change(form, redirect, false);
  }

  private String change(MultiValueMap<String, String> form, RedirectAttributes redirect, boolean add) {
    CurrentUser user = access.current();
    String back = org.sarnakh.platform.web.LocalPath.within(form.getFirst("back"), "/leads");
    try {
      UUID segment = UUID.fromString(String.valueOf(form.getFirst("segment")));
      List<UUID> ids = new ArrayList<>();
      for (String v : form.getOrDefault("ids", List.of())) {
        ids.add(UUID.fromString(v.strip()));
      }
      Segment s = segments.get(segment);
      int n = add ? segments.addMembers(segment, ids, user) : segments.removeMembers(segment, ids, user);
      redirect.addFlashAttribute("flash", Flash.success(add ? "segments.added" : "segments.removed", n, s.name()));
    } catch (IllegalArgumentException | NotFound e) {
      redirect.addFlashAttribute("flash", Flash.refused("segments.refused", "not a list or lead id"));
    } catch (InvalidInput e) {
      redirect.addFlashAttribute("flash", Flash.refused("segments.refused", e.problems().get(0).message()));
    } catch (DomainConflict e) {
      redirect.addFlashAttribute("flash", Flash.refused("segments.refused", e.getMessage()));
    }
    return "redirect:" + back;
  }

}
