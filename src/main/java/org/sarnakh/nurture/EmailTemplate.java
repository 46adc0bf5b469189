package org.sarnakh.nurture;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An email template: one variant per language, and the language used when a lead's is not among them. */
public record EmailTemplate(UUID id, String name, String defaultLanguage, Map<String, Variant> variants,
    Instant createdAt, Instant updatedAt, long version) {

  /** Subject and bodies in one language; {@code html} may be absent (a text-only mail). */
  public record Variant(String subject, @Nullable String html, String text) {}

  /** The variant for {@code language}, else the default one. */
  public Variant variant(@Nullable String language) {
    Variant v = language == null ? null : variants.get(language);
    return v != null ? v : variants.get(defaultLanguage);
  }
}
