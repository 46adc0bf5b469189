package org.sarnakh.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Puts the domain's refusal messages (written in English for API clients) into the reader's
 * language on pages: each known wording maps to a message key, its numbers kept. A wording not
 * listed here is shown as the domain wrote it rather than hidden.
 * Templates call it as {@code ${@problemText.of(message)}}.
 */
@Component("problemText")
public class ProblemText {

  private record Wording(Pattern pattern, String key) {}

  private static final List<Wording> WORDINGS = List.of(
      w("(?:must be )?at most (\\d+) characters", "problem.maxLength"),
      w("at least (\\d+) characters", "problem.minLength"),
      w("(?:contains|must not contain) control or bidirectional.override characters", "problem.controls"),
      w("required, at most (\\d+) characters, no control characters", "problem.requiredUpTo"),
      w("required(?:,.*)?|must not be blank", "problem.required"),
      w("not an email address.*|not a valid email address", "problem.email"),
      w("not a valid phone number.*|not a phone number.*", "problem.phone"),
      w("unknown country.*", "problem.country"),
      w("unknown currency.*", "problem.currency"),
      w("not a decimal amount.*|must have at most \\d+ integer digits.*", "problem.amount"),
      w("must not be negative", "problem.negative"),
      w("not a website.*", "problem.website"),
      w("a whole number", "problem.integer"),
      w("between (\\d+) and (\\d+)", "problem.between"),
      w("unknown code .*", "problem.code"),
      w("unknown or inactive user", "problem.user"),
      w("an ISO-8601 instant(?: or date)?", "problem.date"),
      w("a lead needs a name, a company, an email or a phone number", "problem.leadIdentity"),
      w("a dead lead needs a reason.*|a known lost reason is needed.*|unknown lost reason.*", "problem.deadReason"),
      w("a planned activity needs a due time", "problem.dueAt"),
      w("a note is always done", "problem.noteDone"),
      w("nothing to change", "problem.nothingToChange"),
      w("a user with this email exists", "problem.duplicateUser"),
      w("a team with this name exists", "problem.duplicateTeam"),
      w("code '.*' exists in this list", "problem.duplicateCode"),
      w("lower snake case.*", "problem.codeFormat"),
      w("the lead changed meanwhile.*|version \\d+ is stale.*", "problem.stale"),
      w("1 to (\\d+) characters(?:, no control characters)?", "problem.lengthUpTo"),
      w("unknown team .*", "problem.team"),
      w("one of fa, ar, en", "problem.locale"),
      w("JALALI or GREGORIAN", "problem.calendar"),
      w("unknown time zone", "problem.timeZone"),
      w("camelCase letters and digits.*", "problem.customFieldName"),
      w("one of \\[.*\\]", "problem.choice"),
      w("custom field '.*' exists", "problem.duplicateCustomField"),
      w("administrators cannot demote or deactivate themselves", "problem.selfLockout"),
      w("a whole number from (-?\\d+) to (\\d+)(?:, not 0)?(?:, or null for none)?", "problem.fromTo"),
      w("a number of days from 0\\.5 to 3650", "problem.halfLife"),
      w("at most the MQL threshold.*", "problem.rearm"),
      w("a time of day such as 08:00", "problem.timeOfDay"),
      w("a list of 2 to (\\d+) bands, highest first", "problem.bands"),
      w("lower than the band before it", "problem.bandOrder"),
      w("a whole score; the last band alone has none", "problem.bandMin"),
      w("the last band takes every lower score and has no minimum", "problem.bandLast"),
      w("1 to 3 letters or digits", "problem.gradeName"),
      w("each grade once", "problem.gradeOnce"),
      w("from PT1M to P365D|an ISO-8601 duration such as P1D or PT6H", "problem.window"),
      w("unknown event type .*", "problem.eventType"),
      w("a lead field such as .*", "problem.ruleField"),
      w("at least one value", "problem.atLeastOneValue"),
      // Routing rules and reps' capacity (texts in routing*.properties).
      w("a name of 1 to (\\d+) characters", "problem.lengthUpTo"),
      w("a whole number from (\\d+) to (\\d+), or null for no cap", "problem.fromTo"),
      w("an ISO-8601 instant such as .*", "problem.date"),
      w("(?:in|not_in|gte|lte|between) takes (\\d+) value\\(s\\)", "problem.routing.valueCount"),
      w("whole minutes from (\\d+) to (\\d+) \\(a week\\), or null", "problem.routing.minutes"),
      w("numbers", "problem.routing.numbers"),
      w("a list of 1 to (\\d+) values", "problem.routing.values"),
      w("gte, lte and between apply to number fields: .*", "problem.routing.numberOps"),
      w("lifecycle stages: .*", "problem.routing.stages"),
      w("listed twice", "problem.routing.twice"),
      w("1 to (\\d+) users", "problem.routing.users"),
      w("a weighted rule lists its users with their weights", "problem.routing.weightedTeam"),
      w("\\{\"teamId\": .*", "problem.routing.pool"),
      w("days MONDAY.*", "problem.routing.hours"),
      w("after startsAt", "problem.routing.afterStart"),
      w("no lead field '(.*)' to route on", "problem.routing.field"));

  private final MessageSource messages;

  ProblemText(MessageSource messages) {
    this.messages = messages;
  }

  public String of(String message) {
    Locale locale = LocaleContextHolder.getLocale();
    for (Wording w : WORDINGS) {
      Matcher m = w.pattern().matcher(message.strip());
      if (m.matches()) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
          String g = m.group(i + 1);
          // Numbers go in as numbers, so that they are written in the reader's digits.
          args[i] = g.matches("\\d{1,9}") ? (Object) Integer.valueOf(g) : g;
        }
        return messages.getMessage(w.key(), args, message, locale);
      }
    }
    return message;
  }

  private static Wording w(String regex, String key) {
    return new Wording(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), key);
  }
}
