package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;

class EmailAddressPropertiesTest {

  @Property
  void wellFormedAddressesAreKeptLowerCased(@ForAll("emails") String email) {
    assertThat(EmailAddress.of(" " + email + " ").value())
        .isEqualTo(email.toLowerCase(Locale.ROOT));
  }

  @Property
  void parsingIsIdempotent(@ForAll("emails") String email) {
    EmailAddress once = EmailAddress.of(email);
    assertThat(EmailAddress.of(once.value())).isEqualTo(once);
  }

  @Property
  void anAddressWithoutAtIsRefused(@ForAll("emails") String email) {
    assertThatThrownBy(() -> EmailAddress.of(email.replace("@", "")))
        .isInstanceOf(InvalidValue.class);
  }

  @Property(tries = 3000)
  void anyInputIsEitherAValidAddressOrAnInvalidValueForTheEmailField(@ForAll String typed) {
    try {
      String value = EmailAddress.of(typed).value();
      assertThat(value).hasSizeLessThanOrEqualTo(254).containsOnlyOnce("@").doesNotContain(" ");
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isEqualTo("email");
    }
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars("+_-")
            .ofMinLength(1)
            .ofMaxLength(20);
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('0', '9')
            .withChars("یکا")
            .ofMinLength(1)
            .ofMaxLength(15);
    Arbitrary<String> tld = Arbitraries.of("com", "ir", "org", "co.uk", "ایران");
    return Combinators.combine(local, label, tld).as((l, d, t) -> l + "@" + d + "." + t);
  }
}
