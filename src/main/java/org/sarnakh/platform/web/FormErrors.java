package org.sarnakh.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;

/** The problems of one submitted form by field name, for inline messages beside each input. */
public record FormErrors(Map<String, String> fields) {

  public static final FormErrors NONE = new FormErrors(Map.of());

  public static FormErrors of(InvalidInput e) {
    Map<String, String> m = new LinkedHashMap<>();
    e.problems().forEach(p -> m.putIfAbsent(p.field(), p.message()));
    return new FormErrors(m);
  }

  public static FormErrors of(String field, String message) {
    return new FormErrors(Map.of(field, message));
  }

  public boolean has(String field) {
    return fields.containsKey(field);
  }

  public @Nullable String get(String field) {
    return fields.get(field);
  }

  public boolean any() {
    return !fields.isEmpty();
  }
}
