package org.sarnakh.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Creates up to 1,000 leads in one call, each in its own transaction: good items land, bad ones are
 * answered with their own problem, and a later item that duplicates an earlier one is caught by
 * the duplicate guard like any other.
 */
@Service
public class LeadBatch {

  public static final int MAX_ITEMS = 1000;

  /** What became of one item: its index in the request, an HTTP-like status and the lead or the problem. */
  public record ItemResult(int index, int status, @Nullable UUID id, @Nullable String detail,
      List<InvalidInput.FieldProblem> errors, List<DuplicateMatch> matches) {}

  private final LeadManagement leads;

  LeadBatch(LeadManagement leads) {
    this.leads = leads;
  }

  public List<ItemResult> create(List<?> items, CurrentUser user, OnDuplicate onDuplicate) {
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw InvalidInput.of("leads", "between 1 and " + MAX_ITEMS + " leads; use an import for more");
    }
    List<ItemResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      results.add(one(i, items.get(i), user, onDuplicate));
    }
    return results;
  }

  private ItemResult one(int index, @Nullable Object item, CurrentUser user, OnDuplicate onDuplicate) {
    if (!(item instanceof Map<?, ?> map)) {
      return failed(index, 400, "each item is a lead object", List.of(), List.of());
    }
    @SuppressWarnings("unchecked")
    Map<String, ?> json = (Map<String, ?>) map;
    try {
      var saved = leads.create(json, user, Actor.Channel.API, onDuplicate);
      return new ItemResult(index, saved.created() ? 201 : 200, saved.lead().id().value(), null, List.of(), List.of());
    } catch (InvalidInput e) {
      return failed(index, 400, e.getMessage(), e.problems(), List.of());
    } catch (DuplicateLead e) {
      return failed(index, 409, e.getMessage(), List.of(), e.matches());
    } catch (DomainConflict e) {
      return failed(index, 409, e.getMessage(), List.of(), List.of());
    } catch (AccessDeniedException e) {
      return failed(index, 403, e.getMessage(), List.of(), List.of());
    }
  }

  private static ItemResult failed(int index, int status, String detail, List<InvalidInput.FieldProblem> errors,
      List<DuplicateMatch> matches) {
    return new ItemResult(index, status, null, detail, errors, matches);
  }
}
