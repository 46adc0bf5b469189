package org.sarnakh.nurture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.sarnakh.platform.InvalidInput.FieldProblem;

/** Merge fields: any text parses without failing, values never become markup, and only known fields pass. */
class MergeTextPropertiesTest {

  static final Set<String> KNOWN = Set.of("lead.firstName", "owner.name");

  @Property(tries = 2000)
  void anyTextParsesIntoTokensOrProblemsAndNeverFails(@ForAll String text) {
    List<FieldProblem> problems = new ArrayList<>();
    List<MergeText.Token> tokens = MergeText.parse(text, "body", KNOWN, problems);
    for (MergeText.Token t : tokens) {
      assertThat(KNOWN).contains(t.field());
      assertThat(text.substring(t.start(), t.end())).startsWith("{{").endsWith("}}");
    }
  }

  @Property(tries = 2000)
  void aValueInHtmlIsAlwaysTextNeverMarkup(@ForAll String value) {
    String html = MergeText.render("<p>Hi {{lead.firstName}}</p>", KNOWN, f -> value, true);
    String inside = html.substring("<p>Hi ".length(), html.length() - "</p>".length());

    assertThat(inside).doesNotContain("<", ">", "\"");
  }

  @Property(tries = 1000)
  void textWithoutBracesRendersUnchanged(@ForAll String text) {
    String plain = text.replace("{", "(").replace("}", ")");
    assertThat(MergeText.render(plain, KNOWN, f -> "x", true)).isEqualTo(plain);
  }

  @Test
  void anEmptyValueTakesTheFallbackAndAnUnknownFieldIsNamed() {
    assertThat(MergeText.render("Dear {{ lead.firstName | friend }},", KNOWN, f -> null, false)).isEqualTo("Dear friend,");
    List<FieldProblem> problems = new ArrayList<>();
    MergeText.parse("Hi {{lead.password}} and {{lead.firstName", "variants.en.text", KNOWN, problems);
    assertThat(problems).extracting(FieldProblem::message)
        .anyMatch(m -> m.contains("unknown merge field {{lead.password}}"))
        .anyMatch(m -> m.contains("not closed"));
    assertThat(problems).extracting(FieldProblem::field).containsOnly("variants.en.text");
  }
}
