package org.sarnakh.capture;

import java.io.Closeable;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The records of an uploaded file (CSV or the first sheet of an XLSX workbook), read one after the
 * other after the header, each with the 1-based physical line (or sheet row) it starts on. Cells
 * longer than {@link #CELL_CAP} are cut there as they are read, so no record, however hostile,
 * keeps more than that per cell in memory.
 */
interface SourceRows extends Closeable {

  /** One character over the largest field (a description, 32,000): a cell this long was longer still. */
  int CELL_CAP = 32_001;

  record Row(long line, List<String> cells) {}

  /** The header cells as the file has them; empty for a file without any record. */
  List<String> header();

  /** The next record, or null at the end of the file. */
  @Nullable Row next() throws MalformedFile;

  static String cap(String cell) {
    return cell.length() > CELL_CAP ? cell.substring(0, CELL_CAP) : cell;
  }

  /** The file cannot be read on from {@code line}: an unclosed quote, a cell beyond any limit, broken XML. */
  final class MalformedFile extends Exception {
    private final long line;

    MalformedFile(long line, String message, @Nullable Throwable cause) {
      super(message, cause);
      this.line = line;
    }

    long line() {
      return line;
    }
  }
}
