package org.sarnakh.notify;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A notification as its reader sees it: texts rendered in the reader's language. */
public record NotificationView(long id, NotificationKind kind, String title, String body, List<String> params,
    @Nullable String link, Instant createdAt, @Nullable Instant readAt) {

  public boolean unread() {
    return readAt == null;
  }
}
