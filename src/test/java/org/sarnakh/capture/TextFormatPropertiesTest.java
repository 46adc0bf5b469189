package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The reader of import files, against generated tables written as CSV in every encoding and with
 * every separator it detects (quoted multi-line cells, CR LF and LF, Persian and Arabic text), and
 * against arbitrary bytes: whatever a file holds, reading it ends with rows or a clear refusal.
 */
class TextFormatPropertiesTest {

  /** A table as a file would hold it, and how it was written. */
  record Written(List<List<String>> records, char delimiter, String encoding, boolean crlf) {}

  static final String TEXT = "ab xyZ,;\t\"\r\nسلامعربيکگپچژ۱۲٣-=@'";
  /** What Windows-1256 can hold: no Farsi yeh (ی), as Persian text saved in that code page has it. */
  static final String TEXT_1256 = "ab xyZ,;\t\"\r\nسلامعربيکگپچژ-=@'";

  @Provide
  Arbitrary<Written> tables() {
    Arbitrary<String> encoding = Arbitraries.of("UTF-8", "UTF-8-BOM", "UTF-16LE-BOM", "UTF-16BE-BOM", "windows-1256");
    return Combinators.combine(encoding, Arbitraries.of(',', ';', '\t'), Arbitraries.integers().between(2, 5),
        Arbitraries.integers().between(1, 12), Arbitraries.of(true, false)).flatAs((enc, d, columns, rows, crlf) -> {
          String alphabet = enc.equals("windows-1256") ? TEXT_1256 : TEXT;
          Arbitrary<String> cell = Arbitraries.strings().withChars(alphabet.toCharArray()).ofMaxLength(10);
          Arbitrary<List<String>> record = cell.list().ofSize(columns);
          return record.list().ofSize(rows + 1).map(records -> new Written(records, d, enc, crlf));
        });
  }

  static String csv(Written w) {
    StringBuilder out = new StringBuilder();
    for (List<String> record : w.records()) {
      for (int i = 0; i < record.size(); i++) {
        if (i > 0) {
          out.append(w.delimiter());
        }
        String c = record.get(i);
        if (c.chars().anyMatch(ch -> ",;\t\"\r\n".indexOf(ch) >= 0)) {
          out.append('"').append(c.replace("\"", "\"\"")).append('"');
        } else {
          out.append(c);
        }
      }
      out.append(w.crlf() ? "\r\n" : "\n");
    }
    return out.toString();
  }

  static byte[] encode(String text, String encoding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      switch (encoding) {
        case "UTF-8" -> out.write(text.getBytes(StandardCharsets.UTF_8));
        case "UTF-8-BOM" -> {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
          out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        case "UTF-16LE-BOM" -> {
          out.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
          out.write(text.getBytes(StandardCharsets.UTF_16LE));
        }
        case "UTF-16BE-BOM" -> {
          out.write(new byte[] {(byte) 0xFE, (byte) 0xFF});
          out.write(text.getBytes(StandardCharsets.UTF_16BE));
        }
        default -> out.write(text.getBytes(Charset.forName(encoding)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Lines a record spans: one, and one more for each line break inside its cells (CR LF counts once). */
  static int lines(List<String> record) {
    int n = 1;
    for (String c : record) {
      n += c.replace("\r\n", "\n").replace('\r', '\n').chars().filter(ch -> ch == '\n').count();
    }
    return n;
  }

  static List<SourceRows.Row> read(byte[] bytes, TextFormat.Encoding encoding, char delimiter, List<String> header)
      throws Exception {
    Path file = Files.createTempFile("sarnakh-prop", ".csv");
    try {
      Files.write(file, bytes);
      try (CsvSource source = new CsvSource(file, encoding, delimiter)) {
        header.addAll(source.header());
        List<SourceRows.Row> rows = new ArrayList<>();
        for (SourceRows.Row r = source.next(); r != null; r = source.next()) {
          rows.add(r);
        }
        return rows;
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Property(tries = 300)
  void aTableWrittenInAnyEncodingWithAnySeparatorReadsBackCellForCellWithItsLines(@ForAll("tables") Written w)
      throws Exception {
    String text = csv(w);
    // A table whose first record is empty cells only starts with what the reader skips as a blank line.
    Assume.that(w.records().get(0).stream().anyMatch(c -> !c.isEmpty()));
    byte[] bytes = encode(text, w.encoding());

    TextFormat.Encoding encoding = TextFormat.detect(bytes, bytes.length, true);
    assertThat(encoding).isNotNull();
    String expected = switch (w.encoding()) {
      case "UTF-16LE-BOM" -> "UTF-16LE";
      case "UTF-16BE-BOM" -> "UTF-16BE";
      case "windows-1256" -> text.chars().allMatch(c -> c < 0x80) ? "UTF-8" : "windows-1256";
      default -> "UTF-8";
    };
    assertThat(encoding.charset().name()).isEqualTo(expected);
    String sample = TextFormat.decode(bytes, encoding.bomLength(), bytes.length, encoding.charset());
    assertThat(TextFormat.delimiter(sample, true)).isEqualTo(w.delimiter());

    List<String> header = new ArrayList<>();
    List<SourceRows.Row> rows = read(bytes, encoding, w.delimiter(), header);

    assertThat(header).isEqualTo(w.records().get(0));
    List<List<String>> data = w.records().subList(1, w.records().size());
    assertThat(rows.stream().map(SourceRows.Row::cells).toList()).isEqualTo(data);
    long line = 1 + lines(w.records().get(0));
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).line()).as("record %d starts on its physical line", i).isEqualTo(line);
      line += lines(data.get(i));
    }
    if (encoding.asciiCompatible()) {
      TextFormat.Scan scan = TextFormat.scan(new ByteArrayInputStream(bytes), w.delimiter(), encoding.bomLength());
      assertThat(scan.records()).isEqualTo(data.size());
      assertThat(scan.utf8()).isEqualTo(expected.equals("UTF-8"));
    }
  }

  @Property(tries = 300)
  void arbitraryBytesAreReadToTheirEndOrRefusedNeverAnythingElse(@ForAll @Size(max = 600) byte[] bytes,
      @ForAll @IntRange(min = 0, max = 2) int delimiterIndex) throws Exception {
    char delimiter = TextFormat.DELIMITERS.get(delimiterIndex);
    TextFormat.Encoding encoding = TextFormat.detect(bytes, bytes.length, true);
    TextFormat.scan(new ByteArrayInputStream(bytes), delimiter, 0);
    if (encoding == null) {
      return;
    }
    Path file = Files.createTempFile("sarnakh-fuzz", ".csv");
    try {
      Files.write(file, bytes);
      try (CsvSource source = new CsvSource(file, encoding, delimiter)) {
        long last = 0;
        for (int i = 0; i < 10_000; i++) {
          SourceRows.Row r;
          try {
            r = source.next();
          } catch (SourceRows.MalformedFile e) {
            assertThat(e.line()).isGreaterThan(last);
            assertThat(e.getMessage()).contains("line");
            break;
          }
          if (r == null) {
            break;
          }
          assertThat(r.line()).isGreaterThan(last);
          assertThat(r.cells()).allMatch(c -> c.length() <= SourceRows.CELL_CAP);
          last = r.line();
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Property(tries = 200)
  void bytesWithZerosThatAreNotUtf16AreNotText(@ForAll @Size(min = 64, max = 2000) byte[] bytes,
      @ForAll @IntRange(min = 0, max = 63) int zeroAt) {
    Assume.that(TextFormat.byteOrderMark(bytes, bytes.length) == null);
    bytes[zeroAt] = 0;
    assertThat(TextFormat.detect(bytes, bytes.length, true)).isNull();
  }
}
