package org.sarnakh.platform.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message a page shows once, after the redirect that follows a form post: a message key with
 * its arguments, so that the next page renders it in the reader's language.
 */
public record Flash(Level level, String key, List<Object> args, @Nullable String problem) {

  public enum Level { SUCCESS, WARNING, DANGER, INFO }

  public static Flash success(String key, Object... args) {
    return new Flash(Level.SUCCESS, key, List.of(args), null);
  }

  public static Flash warning(String key, Object... args) {
    return new Flash(Level.WARNING, key, List.of(args), null);
  }

  /** A refusal: the key says what was refused, {@code problem} the domain's reason (shown in the reader's language). */
  public static Flash refused(String key, String problem) {
    return new Flash(Level.DANGER, key, List.of(), problem);
  }

  public Object[] arguments() {
    return args.toArray();
  }

  public String css() {
    return "alert-" + level.name().toLowerCase(java.util.Locale.ROOT);
  }
}
