package org.sarnakh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidValueTest {

  @Test
  void carriesFieldAndMessage() {
    InvalidValue invalid = new InvalidValue("address.country", "unknown country: \"Atlantis\"");
    assertThat(invalid.field()).isEqualTo("address.country");
    assertThat(invalid.getMessage()).isEqualTo("unknown country: \"Atlantis\"");
  }

  @Test
  void controlCharactersNamesTheFieldWithOneWording() {
    InvalidValue invalid = InvalidValue.controlCharacters("lastName");
    assertThat(invalid.field()).isEqualTo("lastName");
    assertThat(invalid.getMessage())
        .isEqualTo("must not contain control or bidirectional override characters");
  }

  @Test
  void quotedShowsShortValuesWhole() {
    assertThat(InvalidValue.quoted("ایران")).isEqualTo("\"ایران\"");
  }

  @Test
  void quotedCutsLongValuesToFortyCharacters() {
    assertThat(InvalidValue.quoted("x".repeat(10_000))).isEqualTo("\"" + "x".repeat(40) + "…\"");
  }

  @Test
  void quotedNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    assertThat(InvalidValue.quoted(emoji.repeat(50))).isEqualTo("\"" + emoji.repeat(40) + "…\"");
  }
}
