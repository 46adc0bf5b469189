package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

class PhoneNumberPropertiesTest {

  private static final String PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  @Property
  void everyTypedFormOfAnIranianMobileGivesOneE164(
      @ForAll("iranianMobiles") String national, @ForAll("forms") Form form) {
    assertThat(PhoneNumber.parse(form.write(national), "IR", "mobile").e164())
        .isEqualTo("+98" + national);
  }

  @Property
  void parsedNumberReparsesToItself(@ForAll("iranianMobiles") String national) {
    PhoneNumber once = PhoneNumber.parse("0" + national, "IR", "phone");
    assertThat(PhoneNumber.parse(once.e164(), "DE", "phone")).isEqualTo(once);
  }

  @Property
  void searchDigitsOfTheStoredAndTheTypedFormAgree(
      @ForAll("iranianMobiles") String national, @ForAll("forms") Form form) {
    String typed = form.write(national);
    assertThat(TextKeys.phoneSearchDigits(PhoneNumber.parse(typed, "IR", "phone").e164()))
        .isEqualTo(TextKeys.phoneSearchDigits(typed));
  }

  @Property(tries = 3000)
  void anyInputIsEitherE164OrAnInvalidValueForTheField(@ForAll("phoneLike") String typed) {
    try {
      assertThat(PhoneNumber.parse(typed, "IR", "phone").e164()).matches("\\+[1-9][0-9]{6,14}");
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isEqualTo("phone");
    }
  }

  enum Form {
    TRUNK_PREFIX {
      @Override
      String write(String national) {
        return "0" + national;
      }
    },
    PLUS {
      @Override
      String write(String national) {
        return "+98" + national;
      }
    },
    DOUBLE_ZERO {
      @Override
      String write(String national) {
        return "0098" + national;
      }
    },
    PERSIAN_DIGITS_GROUPED {
      @Override
      String write(String national) {
        StringBuilder out = new StringBuilder("۰");
        for (int i = 0; i < national.length(); i++) {
          if (i == 3 || i == 6) {
            out.append(' ');
          }
          out.append(PERSIAN_DIGITS.charAt(national.charAt(i) - '0'));
        }
        return out.toString();
      }
    },
    DASHED_WITH_PARENTHESES {
      @Override
      String write(String national) {
        return "(0" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-"
            + national.substring(6);
      }
    };

    abstract String write(String national);
  }

  @Provide
  Arbitrary<Form> forms() {
    return Arbitraries.of(Form.class);
  }

  @Provide
  Arbitrary<String> iranianMobiles() {
    return Combinators.combine(
            Arbitraries.of("901", "910", "912", "919", "921", "930", "935", "939", "990"),
            Arbitraries.strings().numeric().ofLength(7))
        .as(String::concat);
  }

  @Provide
  Arbitrary<String> phoneLike() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789۰۱۲۹٠٩+-() .\u00A0/x").ofMaxLength(25),
        Arbitraries.strings().all().ofMaxLength(25));
  }
}
