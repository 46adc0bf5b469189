package org.sarnakh.conversion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;

/**
 * What the caller asks of a conversion (PRODUCT.md §9): for the contact and the account, create
 * one (fields given override the mapped lead values) or link an existing one; optionally an
 * opportunity. An omitted contact is created; an omitted account is created when the lead names a
 * company; {@code "account": null} asks for none.
 */
public record ConvertRequest(Part contact, Part account, Part opportunity) {

  /** One record of the request. */
  public sealed interface Part permits Create, Existing, None, Auto {}

  public record Create(Map<String, Object> fields, boolean allowDuplicate) implements Part {}

  public record Existing(UUID id) implements Part {}

  public record None() implements Part {}

  /** Create when the lead holds a company name, none otherwise. */
  public record Auto() implements Part {}

  public static ConvertRequest parse(Map<String, ?> body) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!Set.of("contact", "account", "opportunity").contains(key)) {
        problems.add(new FieldProblem(key, "unknown field"));
      }
    }
    Part contact = body.containsKey("contact") ? part("contact", body.get("contact"), problems)
        : new Create(Map.of(), false);
    if (contact instanceof None) {
      problems.add(new FieldProblem("contact", "required: {\"create\": {…}} or {\"existingId\": …}"));
    }
    Part account = body.containsKey("account") ? part("account", body.get("account"), problems) : new Auto();
    Part opportunity = new None();
    Object o = body.get("opportunity");
    if (o instanceof Map<?, ?> m) {
      opportunity = new Create(fields(m), false);
    } else if (o != null) {
      problems.add(new FieldProblem("opportunity", "null or an object {\"name\", \"amount\", \"closeDate\", \"stage\"}"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return new ConvertRequest(contact, account, opportunity);
  }

  private static Part part(String name, Object value, List<FieldProblem> problems) {
    if (value == null) {
      return new None();
    }
    if (!(value instanceof Map<?, ?> m)) {
      problems.add(new FieldProblem(name, "an object {\"create\": {…}} or {\"existingId\": …}"));
      return new None();
    }
    for (Object key : m.keySet()) {
      if (!Set.of("create", "existingId", "allowDuplicate").contains(String.valueOf(key))) {
        problems.add(new FieldProblem(name + "." + key, "unknown field"));
      }
    }
    Object create = m.get("create");
    Object existing = m.get("existingId");
    if ((create == null) == (existing == null)) {
      problems.add(new FieldProblem(name, "either create or existingId"));
      return new None();
    }
    if (existing != null) {
      try {
        return new Existing(UUID.fromString(String.valueOf(existing)));
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(name + ".existingId", "a UUID"));
        return new None();
      }
    }
    if (!(create instanceof Map<?, ?> c)) {
      problems.add(new FieldProblem(name + ".create", "an object of " + name + " fields"));
      return new None();
    }
    return new Create(fields(c), Boolean.TRUE.equals(m.get("allowDuplicate")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fields(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
