package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sarnakh.platform.InvalidValue;

class WebsiteTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://WWW.Example.com/path, www.example.com",
    "http://example.com, example.com",
    "HTTPS://Example.COM, example.com",
    "example.com, example.com",
    "www.example.co.uk/about?x=1#top, www.example.co.uk",
    "example.com:8080/shop, example.com",
    "https://example.com:443, example.com",
    "//cdn.example.com/x, cdn.example.com",
    "example.com., example.com",
    "https://example.com?q=1, example.com",
    "https://example.com#frag, example.com",
    "'  https://shop.example.ir/  ', shop.example.ir",
    "https://شرکت.ایران/درباره, شرکت.ایران",
    "xn--mgba3a4f16a.ir, xn--mgba3a4f16a.ir"
  })
  void hostIsLowerCasedWithoutSchemePortPathOrTrailingDot(String typed, String host) {
    assertThat(Website.host(typed)).isEqualTo(host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "javascript://example.com/%0Aalert(1)",
        "ftp://example.com",
        "mailto:ana@example.com",
        "localhost",
        "http://localhost:8080",
        "not a website",
        "exa mple.com",
        "https://",
        "https:///path",
        "http://[::1]/",
        "http://192.168.1.1/",
        "example..com",
        "-example.com",
        "example.com:",
        "example.com:http"
      })
  void junkIsRefusedNamingTheWebsiteField(String typed) {
    assertThatThrownBy(() -> Website.host(typed))
        .isInstanceOfSatisfying(
            InvalidValue.class,
            e -> {
              assertThat(e.field()).isEqualTo("website");
              assertThat(e.getMessage()).startsWith("not a website");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://user:secret@example.com", "ana@example.com", "//user:secret@example.com/x"
      })
  void userInfoIsRefusedWithoutEchoingIt(String typed) {
    assertThatThrownBy(() -> Website.host(typed))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("not a website: a user name in the address is not accepted");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankIsRefused(String typed) {
    assertThatThrownBy(() -> Website.host(typed))
        .isInstanceOf(InvalidValue.class)
        .hasMessage("must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com\n", "https://exa\u0000mple.com", "\u202Eexample.com"})
  void controlAndBidiOverrideCharactersAreRefused(String typed) {
    assertThatThrownBy(() -> Website.host(typed))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("control");
  }
}
