package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TextFormatTest {

  static TextFormat.Encoding detect(byte[] bytes) {
    return TextFormat.detect(bytes, bytes.length, true);
  }

  @Test
  void utf16WithoutAByteOrderMarkIsRecognisedForLatinAndForPersianText() {
    String latin = "firstName,lastName,email\nSara,Karimi,sara@example.com\n";
    String persian = "نام,نام خانوادگی\nسارا,کریمی\n";
    assertThat(detect(latin.getBytes(StandardCharsets.UTF_16LE)).charset()).isEqualTo(StandardCharsets.UTF_16LE);
    assertThat(detect(latin.getBytes(StandardCharsets.UTF_16BE)).charset()).isEqualTo(StandardCharsets.UTF_16BE);
    assertThat(detect(persian.getBytes(StandardCharsets.UTF_16LE)).charset()).isEqualTo(StandardCharsets.UTF_16LE);
  }

  @Test
  void bytesThatAreNotUtf8AreReadAsWindows1256AndAPrefixCutInsideACharacterIsStillUtf8() {
    byte[] arabic = "الاسم,البريد\nعلي,ali@example.com\n".getBytes(Charset.forName("windows-1256"));
    assertThat(detect(arabic).charset().name()).isEqualTo("windows-1256");
    byte[] utf8 = "نام,ایمیل\nعلی,a@b.c\n".getBytes(StandardCharsets.UTF_8);
    assertThat(TextFormat.detect(utf8, 3, false).charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(TextFormat.detect(utf8, 3, true).charset().name()).isEqualTo("windows-1256");
  }

  @Test
  void imagesAndExecutablesAreNotText() {
    byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    assertThat(detect(png)).isNull();
    byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0};
    assertThat(detect(elf)).isNull();
  }

  @Test
  void theSeparatorIsTheOneThatSplitsEveryLineAlikeAndOneColumnGetsAComma() {
    assertThat(TextFormat.delimiter("a;b;c\n1;2;3\n", true)).isEqualTo(';');
    assertThat(TextFormat.delimiter("a\tb\n\"x;y\"\t2\n", true)).isEqualTo('\t');
    assertThat(TextFormat.delimiter("name,notes\n\"Ali; Sara\",\"a\tb\"\n", true)).isEqualTo(',');
    assertThat(TextFormat.delimiter("email\na@b.c\n", true)).isEqualTo(',');
  }
}
