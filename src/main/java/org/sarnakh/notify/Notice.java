package org.sarnakh.notify;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something to tell one user. {@code params} fill the kind's texts in the reader's language;
 * {@code link} is a path of Sarnakh ({@code /leads/<id>}); {@code key} names the cause (say
 * {@code lead-qualified:<lead>:<crossing>}): the same user is told once per key, however often it is sent.
 */
public record Notice(UUID recipient, NotificationKind kind, List<String> params, @Nullable String link, String key) {

  public Notice {
    params = List.copyOf(params);
    if (key.isBlank() || key.length() > 150) {
      throw new IllegalArgumentException("a notice key is 1 to 150 characters");
    }
    if (link != null && !link.startsWith("/")) {
      throw new IllegalArgumentException("a notice links to a path of Sarnakh: " + link);
    }
  }
}
