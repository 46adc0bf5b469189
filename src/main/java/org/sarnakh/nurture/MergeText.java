package org.sarnakh.nurture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.springframework.web.util.HtmlUtils;

/**
 * Text with merge fields: {@code {{lead.firstName}}}, or with a fallback for an empty value,
 * {@code {{lead.firstName | friend}}}. Only known fields are allowed, and every value is escaped
 * for where it lands (HTML or plain text), so a lead named {@code <script>} stays text.
 */
public final class MergeText {

  /** A merge field found in a text: its name, its fallback, and where it stands. */
  public record Token(String field, @Nullable String fallback, int start, int end) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*");
  static final int MAX_FALLBACK = 100;

  private MergeText() {}

  /** The merge fields of {@code text}; problems (unclosed braces, unknown fields) are added under {@code where}. */
  public static List<Token> parse(String text, String where, Set<String> known, List<FieldProblem> problems) {
    List<Token> tokens = new ArrayList<>();
    int at = 0;
    while (true) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        break;
      }
      int close = text.indexOf("}}", open + 2);
      int nextOpen = text.indexOf("{{", open + 2);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        problems.add(new FieldProblem(where, "a merge field opened at character " + (open + 1) + " is not closed with }}"));
        break;
      }
      String inner = text.substring(open + 2, close);
      int bar = inner.indexOf('|');
      String field = (bar < 0 ? inner : inner.substring(0, bar)).strip();
      String fallback = bar < 0 ? null : inner.substring(bar + 1).strip();
      if (!NAME.matcher(field).matches() || !known.contains(field)) {
        problems.add(new FieldProblem(where, "unknown merge field {{" + abbreviate(field) + "}}; known: " + known));
      } else if (fallback != null && fallback.length() > MAX_FALLBACK) {
        problems.add(new FieldProblem(where, "the fallback of {{" + field + "}} is longer than " + MAX_FALLBACK));
      } else {
        tokens.add(new Token(field, fallback, open, close + 2));
      }
      at = close + 2;
    }
    return tokens;
  }

  /**
   * {@code text} with each merge field replaced by its value (or fallback, or nothing), escaped for
   * HTML when {@code html}. The text around the fields is the author's and is not touched.
   */
  public static String render(String text, Set<String> known, Function<String, @Nullable String> values, boolean html) {
    List<FieldProblem> ignored = new ArrayList<>();
    List<Token> tokens = parse(text, "text", known, ignored);
    StringBuilder out = new StringBuilder(text.length() + 64);
    int at = 0;
    for (Token t : tokens) {
      out.append(text, at, t.start());
      String value = values.apply(t.field());
      if (value == null || value.isBlank()) {
        value = t.fallback() == null ? "" : t.fallback();
      }
      out.append(html ? HtmlUtils.htmlEscape(value, "UTF-8") : value);
      at = t.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
