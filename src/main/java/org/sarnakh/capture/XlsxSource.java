package org.sarnakh.capture;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.jspecify.annotations.Nullable;

/**
 * The first sheet of an XLSX workbook, streamed row by row with fastexcel-reader; the "line" of a
 * row is its row number in the sheet. Numbers come as typed, without exponent notation.
 */
final class XlsxSource implements SourceRows {

  private final ReadableWorkbook workbook;
  private final Stream<org.dhatim.fastexcel.reader.Row> stream;
  private final Iterator<org.dhatim.fastexcel.reader.Row> rows;
  private final List<String> header;
  private long lastLine;

  XlsxSource(Path file) throws IOException {
    this.workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(false, false));
    try {
      this.stream = workbook.getFirstSheet().openStream();
      this.rows = stream.iterator();
      List<String> first = List.of();
      while (rows.hasNext()) {
        org.dhatim.fastexcel.reader.Row r = rows.next();
        lastLine = r.getRowNum();
        List<String> cells = cells(r, 0);
        if (cells.stream().anyMatch(c -> !c.isBlank())) {
          first = cells;
          break;
        }
      }
      this.header = List.copyOf(first);
    } catch (IOException | RuntimeException e) {
      workbook.close();
      throw e instanceof IOException io ? io : new IOException("not a readable XLSX workbook", e);
    }
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public @Nullable Row next() throws MalformedFile {
    try {
      if (!rows.hasNext()) {
        return null;
      }
      org.dhatim.fastexcel.reader.Row r = rows.next();
      lastLine = r.getRowNum();
      return new Row(r.getRowNum(), cells(r, header.size()));
    } catch (ExcelReaderException | java.io.UncheckedIOException e) {
      throw new MalformedFile(lastLine + 1, "the sheet cannot be read on from this row: " + e.getMessage(), e);
    }
  }

  private static List<String> cells(org.dhatim.fastexcel.reader.Row r, int atLeast) {
    int n = Math.max(atLeast, r.getCellCount());
    // Trailing empty cells beyond the header are not cells of the record.
    while (n > atLeast && text(r.getCell(n - 1)).isEmpty()) {
      n--;
    }
    List<String> cells = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cells.add(SourceRows.cap(text(i < r.getCellCount() ? r.getCell(i) : null)));
    }
    return cells;
  }

  static String text(@Nullable Cell cell) {
    if (cell == null || cell.getType() == null) {
      return "";
    }
    return switch (cell.getType()) {
      case NUMBER -> number(cell.getRawValue());
      case BOOLEAN -> Boolean.TRUE.equals(cell.asBoolean()) ? "true" : "false";
      case EMPTY -> "";
      case FORMULA -> cell.getRawValue() == null ? "" : cell.getRawValue();
      default -> cell.getText() == null ? "" : cell.getText();
    };
  }

  private static String number(@Nullable String raw) {
    if (raw == null) {
      return "";
    }
    try {
      return new BigDecimal(raw).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return raw;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stream.close();
    } finally {
      workbook.close();
    }
  }
}
