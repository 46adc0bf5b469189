package org.sarnakh.capture;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the bytes of a text (CSV) file are to be read: the encoding (a byte-order mark, BOM-less
 * UTF-16, UTF-8, or Windows-1256 when the bytes are not valid UTF-8, as Persian and Arabic Excel
 * writes), whether they are text at all, and the field separator ({@code ,} {@code ;} or tab).
 */
final class TextFormat {

  /** The Arabic-script code page of Windows, the usual encoding of a CSV saved by Excel on a Persian or Arabic system. */
  static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
  static final List<Character> DELIMITERS = List.of(',', ';', '\t');

  /** An encoding and the length of the byte-order mark to skip before decoding. */
  record Encoding(Charset charset, int bomLength) {
    boolean asciiCompatible() {
      return !charset.name().startsWith("UTF-16") && !charset.name().startsWith("UTF-32");
    }
  }

  private TextFormat() {}

  /** The byte-order mark at the start of {@code bytes}, if any. */
  static @Nullable Encoding byteOrderMark(byte[] bytes, int length) {
    if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return new Encoding(StandardCharsets.UTF_8, 3);
    }
    if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return new Encoding(StandardCharsets.UTF_16LE, 2);
    }
    if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return new Encoding(StandardCharsets.UTF_16BE, 2);
    }
    return null;
  }

  /**
   * Guesses the encoding from the first bytes of a file: a byte-order mark wins; zero bytes in every
   * other position mean UTF-16 without one; bytes that are valid UTF-8 (a sequence cut at the end of
   * a prefix is fine) mean UTF-8; anything else Windows-1256. Null when the bytes are not text.
   *
   * @param complete whether {@code bytes} hold the whole file (a cut sequence at the end is then invalid)
   */
  static @Nullable Encoding detect(byte[] bytes, int length, boolean complete) {
    Encoding bom = byteOrderMark(bytes, length);
    if (bom != null) {
      return looksLikeText(decode(bytes, bom.bomLength(), length, bom.charset())) ? bom : null;
    }
    Charset utf16 = utf16WithoutBom(bytes, length);
    if (utf16 != null) {
      Encoding e = new Encoding(utf16, 0);
      return looksLikeText(decode(bytes, 0, length, utf16)) ? e : null;
    }
    Charset cs = isUtf8(bytes, 0, length, complete) ? StandardCharsets.UTF_8 : WINDOWS_1256;
    return looksLikeText(decode(bytes, 0, length, cs)) ? new Encoding(cs, 0) : null;
  }

  /** The encoding a caller named, with the byte-order mark (of that encoding) the file may start with. */
  static Encoding named(Charset charset, byte[] bytes, int length) {
    Encoding bom = byteOrderMark(bytes, length);
    if (bom != null && (bom.charset().equals(charset)
        || charset.name().equals("UTF-16") && bom.charset().name().startsWith("UTF-16"))) {
      return new Encoding(bom.charset(), bom.bomLength());
    }
    return new Encoding(charset, 0);
  }

  private static @Nullable Charset utf16WithoutBom(byte[] bytes, int length) {
    int pairs = length / 2;
    if (pairs < 2) {
      return null;
    }
    int[] zero = countAtEvenAndOdd(bytes, length, (byte) 0);
    // Latin text in UTF-16 has a zero in every other byte; Persian and Arabic (U+06xx) has 0x06 there
    // instead, which no single-byte text has in every other position either.
    if (zero[1] * 10 >= pairs * 3 && zero[0] * 20 < pairs) {
      return StandardCharsets.UTF_16LE;
    }
    if (zero[0] * 10 >= pairs * 3 && zero[1] * 20 < pairs) {
      return StandardCharsets.UTF_16BE;
    }
    int[] six = countAtEvenAndOdd(bytes, length, (byte) 6);
    if (six[1] * 10 >= pairs * 3 && six[0] == 0) {
      return StandardCharsets.UTF_16LE;
    }
    if (six[0] * 10 >= pairs * 3 && six[1] == 0) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /** How often {@code value} stands at even and at odd positions. */
  private static int[] countAtEvenAndOdd(byte[] bytes, int length, byte value) {
    int[] counts = new int[2];
    for (int i = 0; i + 1 < length; i += 2) {
      if (bytes[i] == value) {
        counts[0]++;
      }
      if (bytes[i + 1] == value) {
        counts[1]++;
      }
    }
    return counts;
  }

  /** Whether the bytes are valid UTF-8; with {@code complete} false, a sequence cut at the very end is allowed. */
  static boolean isUtf8(byte[] bytes, int offset, int length, boolean complete) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length - offset);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, complete);
      if (r.isError()) {
        return false;
      }
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      // Underflow: everything read, but for an incomplete sequence at the end of a prefix.
      return complete ? !d.flush(out).isError() && !in.hasRemaining() : in.remaining() < 4;
    }
  }

  static String decode(byte[] bytes, int offset, int length, Charset cs) {
    return cs.decode(ByteBuffer.wrap(bytes, offset, Math.max(0, length - offset))).toString();
  }

  /**
   * Text has almost no control characters but tab, line feed and carriage return; binary data
   * (images, executables, archives) has plenty, NUL first of all.
   */
  static boolean looksLikeText(String s) {
    int controls = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n++;
      if (c == 0) {
        return false;
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        controls++;
      }
    }
    return n == 0 || controls * 100 <= n;
  }

  /**
   * The separator that splits the sample's lines most consistently into the most fields: each of
   * {@code ,} {@code ;} and tab is tried with the CSV parser, and a reading that breaks (a quote
   * where none can be) or leaves quote characters inside cells is the wrong one. A file of one
   * column gets a comma.
   *
   * @param complete whether the sample is the whole file (else its last record may be cut)
   */
  static char delimiter(String sample, boolean complete) {
    char best = ',';
    double bestScore = 0;
    for (char d : DELIMITERS) {
      Reading r = reading(sample, d, 50, complete);
      if (r.counts().isEmpty() || r.counts().get(0) < 2) {
        continue;
      }
      int header = r.counts().get(0);
      long same = r.counts().stream().filter(c -> c == header).count();
      double score = (double) same / r.counts().size() * 1000 + header
          - 200.0 * r.quotedCells() / Math.max(1, r.cells()) - (r.broken() ? 500 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = d;
      }
    }
    return best;
  }

  /** How a sample reads with one separator: fields per record, cells with a quote character inside, whether it broke. */
  private record Reading(List<Integer> counts, int quotedCells, int cells, boolean broken) {}

  private static Reading reading(String sample, char delimiter, int maxRecords, boolean complete) {
    List<Integer> counts = new ArrayList<>();
    int quoted = 0;
    int cells = 0;
    boolean broken = false;
    try (CsvReader<CsvRecord> csv = reader(delimiter).ofCsvRecord(sample)) {
      for (CsvRecord r : csv) {
        counts.add(r.getFieldCount());
        for (String f : r.getFields()) {
          cells++;
          if (f.indexOf('"') >= 0) {
            quoted++;
          }
        }
        if (counts.size() >= maxRecords) {
          break;
        }
      }
    } catch (CsvParseException e) {
      // A sample cut inside a quoted cell ends unclosed; anything else means the separator is wrong.
      broken = complete || !String.valueOf(e.getMessage()).startsWith("Unclosed quoted field at end of input");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The last record of a cut sample may be cut short.
    if (!complete && counts.size() > 2) {
      counts.remove(counts.size() - 1);
    }
    return new Reading(counts, quoted, cells, broken);
  }

  /** The one CSV dialect imports read: RFC 4180 quotes, any line ending, empty lines skipped, field counts checked by the caller. */
  static CsvReader.CsvReaderBuilder reader(char delimiter) {
    return CsvReader.builder().fieldSeparator(delimiter).quoteCharacter('"').skipEmptyLines(true)
        .allowUnclosedQuote(false)
        .extraFieldStrategy(de.siegmar.fastcsv.reader.FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(de.siegmar.fastcsv.reader.FieldMismatchStrategy.IGNORE);
  }

  /** What a pass over a whole text file found: its data records (after the header) and whether all of it is valid UTF-8. */
  record Scan(long records, boolean utf8) {}

  /**
   * Counts the records of an ASCII-compatible file without parsing its cells: line ends outside
   * quoted cells, empty lines not counted; checks on the way whether the bytes are valid UTF-8.
   * About ten times faster than parsing, so the job knows its total before it starts.
   */
  static Scan scan(InputStream in, char delimiter, int skip) {
    try {
      in.skipNBytes(skip);
      CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      boolean valid = true;
      CharBuffer sink = CharBuffer.allocate(64 * 1024);
      byte[] buf = new byte[64 * 1024];
      ByteBuffer pending = ByteBuffer.allocate(64 * 1024 + 8);
      long records = 0;
      boolean inQuotes = false;
      boolean quoteSeen = false;
      boolean fieldStart = true;
      boolean lineHasContent = false;
      boolean lastWasCr = false;
      int n;
      while ((n = in.read(buf)) > 0) {
        if (valid) {
          pending.put(buf, 0, n).flip();
          CoderResult r;
          do {
            sink.clear();
            r = utf8.decode(pending, sink, false);
          } while (r.isOverflow());
          valid = !r.isError();
          pending.compact();
        }
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (inQuotes) {
            if (quoteSeen) {
              quoteSeen = false;
              if (b != '"') {
                inQuotes = false;
              } else {
                continue;
              }
            } else {
              if (b == '"') {
                quoteSeen = true;
              }
              continue;
            }
          }
          if (b == '\n' || b == '\r') {
            if (!(b == '\n' && lastWasCr) && lineHasContent) {
              records++;
            }
            lineHasContent = false;
            fieldStart = true;
            lastWasCr = b == '\r';
            continue;
          }
          lastWasCr = false;
          lineHasContent = true;
          if (b == delimiter) {
            fieldStart = true;
          } else {
            if (b == '"' && fieldStart) {
              inQuotes = true;
            }
            fieldStart = false;
          }
        }
      }
      if (lineHasContent || inQuotes) {
        records++;
      }
      if (valid) {
        pending.flip();
        sink.clear();
        valid = !utf8.decode(pending, sink, true).isError() && !pending.hasRemaining() && !utf8.flush(sink).isError();
      }
      return new Scan(Math.max(0, records - 1), valid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a decoder met bytes its encoding cannot read (they became U+FFFD). */
  static boolean hasReplacement(String s) {
    return s.indexOf('\uFFFD') >= 0;
  }
}
