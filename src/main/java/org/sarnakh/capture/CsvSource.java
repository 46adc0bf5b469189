package org.sarnakh.capture;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file read with FastCSV, streaming: bytes the encoding cannot read become U+FFFD (the row is
 * then refused, not the file), an unclosed quote or a broken quoted cell ends the reading at the
 * line where that record starts.
 */
final class CsvSource implements SourceRows {

  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  private final CsvReader<CsvRecord> csv;
  private final CloseableIterator<CsvRecord> records;
  private final List<String> header;
  private long lastLine;

  CsvSource(Path file, TextFormat.Encoding encoding, char delimiter) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      in.skipNBytes(encoding.bomLength());
      var decoder = encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
      this.csv = TextFormat.reader(delimiter).ofCsvRecord(new InputStreamReader(in, decoder));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    this.records = csv.iterator();
    List<String> first = List.of();
    try {
      if (records.hasNext()) {
        CsvRecord r = records.next();
        lastLine = r.getStartingLineNumber();
        first = cells(r);
      }
    } catch (CsvParseException e) {
      // A header that cannot be read leaves the file without one; the caller refuses it.
      first = List.of();
    }
    List<String> h = new ArrayList<>(first);
    if (!h.isEmpty()) {
      h.set(0, h.get(0).replace("\uFEFF", ""));
    }
    this.header = List.copyOf(h);
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public @Nullable Row next() throws MalformedFile {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CsvRecord r = records.next();
      lastLine = r.getStartingLineNumber();
      return new Row(r.getStartingLineNumber(), cells(r));
    } catch (CsvParseException e) {
      Matcher m = LINE.matcher(String.valueOf(e.getMessage()));
      long line = m.find() ? Long.parseLong(m.group(1)) : lastLine + 1;
      throw new MalformedFile(line, reason(String.valueOf(e.getMessage())), e);
    } catch (UncheckedIOException e) {
      throw new MalformedFile(lastLine + 1, "the file could not be read on: " + e.getCause().getMessage(), e);
    }
  }

  private static String reason(String parser) {
    if (parser.startsWith("Unclosed quoted field")) {
      return "a quoted cell that starts on this line is never closed; this line and the rest of the file were not read";
    }
    if (parser.contains("exceeds the max")) {
      return "a cell or row starting on this line is larger than 16 MB; this line and the rest of the file were not read";
    }
    if (parser.startsWith("Unexpected character after closing quote")) {
      return "a quoted cell on this line has text after its closing quote (write a quote inside a quoted cell as \"\"); "
          + "this line and the rest of the file were not read";
    }
    return "the file cannot be read as CSV from this line on (" + parser + ")";
  }

  private static List<String> cells(CsvRecord r) {
    List<String> cells = new ArrayList<>(r.getFieldCount());
    for (int i = 0; i < r.getFieldCount(); i++) {
      cells.add(SourceRows.cap(r.getField(i)));
    }
    return cells;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
