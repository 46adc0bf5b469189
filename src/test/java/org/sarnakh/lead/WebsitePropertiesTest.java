package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;

class WebsitePropertiesTest {

  @Property
  void hostOfAnyUrlAroundAHostIsThatHostLowerCased(
      @ForAll("hosts") String host,
      @ForAll("prefixes") String prefix,
      @ForAll("suffixes") String suffix) {
    assertThat(Website.host(prefix + host + suffix)).isEqualTo(host.toLowerCase(Locale.ROOT));
  }

  @Property
  void hostIsIdempotent(@ForAll("hosts") String host) {
    String once = Website.host(host);
    assertThat(Website.host(once)).isEqualTo(once);
  }

  @Property(tries = 3000)
  void anyInputIsEitherADomainOrAnInvalidValueForTheWebsiteField(@ForAll String typed) {
    try {
      String host = Website.host(typed);
      assertThat(host)
          .contains(".")
          .doesNotContain("/", ":", "@", " ")
          .isEqualTo(host.toLowerCase(Locale.ROOT));
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isEqualTo("website");
    }
  }

  @Provide
  Arbitrary<String> hosts() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> tlds = Arbitraries.of("com", "IR", "org", "ایران");
    return Combinators.combine(label.list().ofMinSize(1).ofMaxSize(3), tlds)
        .as((labels, tld) -> String.join(".", labels) + "." + tld);
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of("", "http://", "https://", "HTTPS://", "//", "  ");
  }

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.of("", "/", "/path/x.html", ":8443", ":80/a?b=c", "?q=1", "#top", ".", "  ");
  }
}
