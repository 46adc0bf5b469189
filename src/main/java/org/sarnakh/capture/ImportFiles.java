package org.sarnakh.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The uploaded files of imports, kept under the data folder until their import ends, and what a
 * first look at one tells: CSV or XLSX, encoding, separator, header and the first records.
 */
@Component
class ImportFiles {

  static final String CSV = "CSV";
  static final String XLSX = "XLSX";
  /** Bytes read to detect the format and show the first records. */
  static final int SNIFF = 1024 * 1024;
  static final int PREVIEW_ROWS = 10;
  static final int MAX_COLUMNS = 500;
  static final int MAX_HEADER = 200;
  private static final Logger log = LoggerFactory.getLogger(ImportFiles.class);

  /** What the first look found. {@code encoding} is null for XLSX; {@code complete} whether the whole file was read. */
  record Inspection(String kind, TextFormat.@Nullable Encoding encoding, char delimiter, List<String> header,
      List<SourceRows.Row> preview, boolean complete) {

    String encodingName() {
      return encoding == null ? "" : encoding.charset().name();
    }
  }

  private final Path folder;

  ImportFiles(ImportSettings settings) {
    this.folder = settings.folder().toAbsolutePath().normalize();
    try {
      Files.createDirectories(folder.resolve("incoming"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the import folder " + folder, e);
    }
  }

  Path folder() {
    return folder;
  }

  /** Stores an upload for a new import; the file name decides nothing, the bytes do. */
  Path store(UUID id, LeadImports.Upload upload) {
    Path target = folder.resolve(id + ".upload");
    try {
      upload.writeTo(target);
      return target;
    } catch (IOException e) {
      delete(target);
      throw new UncheckedIOException("could not store the upload", e);
    }
  }

  Path path(String stored) {
    Path p = folder.resolve(stored).normalize();
    if (!p.startsWith(folder)) {
      throw new IllegalStateException("an import file outside the import folder: " + stored);
    }
    return p;
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete import file {}: {}", file, e.getMessage());
    }
  }

  /**
   * Looks at a stored upload. Refuses (400, field {@code file}) what cannot be imported at all: an
   * empty file, binary data, the old Excel format, a header without records, a header of more than
   * {@value #MAX_COLUMNS} columns.
   *
   * @param encodingOption {@code auto} or a charset name
   * @param delimiterOption {@code auto} or the separator
   */
  Inspection inspect(Path file, String encodingOption, String delimiterOption) {
    try {
      long size = Files.size(file);
      byte[] head = new byte[(int) Math.min(SNIFF, size)];
      int n;
      try (InputStream in = Files.newInputStream(file)) {
        n = in.readNBytes(head, 0, head.length);
      }
      if (size == 0) {
        throw refuse("the file is empty");
      }
      if (startsWith(head, n, OLE2)) {
        throw refuse("this is an old Excel (.xls) workbook; save it as .xlsx or CSV and upload that");
      }
      Inspection inspection = startsWith(head, n, ZIP) ? xlsx(file)
          : csv(file, head, n, size <= n, encodingOption, delimiterOption);
      if (inspection.header().stream().allMatch(String::isBlank)) {
        throw refuse("the file is empty: it has no header row");
      }
      if (inspection.header().size() > MAX_COLUMNS) {
        throw refuse("the header has " + inspection.header().size() + " columns; at most " + MAX_COLUMNS);
      }
      if (inspection.complete() && inspection.preview().stream().allMatch(r -> r.cells().stream().allMatch(String::isBlank))) {
        throw refuse("the file has a header but no rows");
      }
      return inspection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Inspection csv(Path file, byte[] head, int n, boolean complete, String encodingOption,
      String delimiterOption) throws IOException {
    TextFormat.Encoding encoding;
    if (encodingOption.equals("auto")) {
      encoding = TextFormat.detect(head, n, complete);
      if (encoding == null) {
        throw refuse("this is not a CSV file (nor an XLSX workbook): its bytes are not text");
      }
    } else {
      encoding = TextFormat.named(Charset.forName(encodingOption), head, n);
      if (!TextFormat.looksLikeText(TextFormat.decode(head, encoding.bomLength(), n, encoding.charset()))) {
        throw refuse("this is not a CSV file (nor an XLSX workbook): its bytes are not text in " + encodingOption);
      }
    }
    String sample = TextFormat.decode(head, encoding.bomLength(), n, encoding.charset());
    if (sample.isBlank()) {
      throw refuse("the file is empty");
    }
    char delimiter = delimiterOption.equals("auto") ? TextFormat.delimiter(sample, complete) : delimiterOption.charAt(0);
    List<SourceRows.Row> preview = new ArrayList<>();
    try (CsvSource rows = new CsvSource(file, encoding, delimiter)) {
      boolean reachedEnd = firstRows(rows, preview);
      return new Inspection(CSV, encoding, delimiter, rows.header(), preview, reachedEnd && complete);
    }
  }

  /** Reads up to {@value #PREVIEW_ROWS} records into {@code preview}; true when the file ended within them. */
  private static boolean firstRows(SourceRows rows, List<SourceRows.Row> preview) {
    while (preview.size() < PREVIEW_ROWS) {
      SourceRows.Row r;
      try {
        r = rows.next();
      } catch (SourceRows.MalformedFile e) {
        return false;
      }
      if (r == null) {
        return true;
      }
      preview.add(r);
    }
    return false;
  }

  private Inspection xlsx(Path file) {
    List<SourceRows.Row> preview = new ArrayList<>();
    try (XlsxSource rows = new XlsxSource(file)) {
      boolean reachedEnd = firstRows(rows, preview);
      return new Inspection(XLSX, null, ',', rows.header(), preview, reachedEnd);
    } catch (IOException | RuntimeException e) {
      throw refuse("this looks like an XLSX workbook but cannot be read as one");
    }
  }

  static SourceRows open(Path file, String kind, String encoding, int bomLength, char delimiter) throws IOException {
    return kind.equals(XLSX) ? new XlsxSource(file)
        : new CsvSource(file, new TextFormat.Encoding(Charset.forName(encoding), bomLength), delimiter);
  }

  /**
   * Headers as mapping keys: cut to {@value #MAX_HEADER} characters, a blank one named by its
   * position, a repeated one numbered ({@code Phone (2)}), so that every column has its own name.
   */
  static List<String> uniqueHeader(List<String> header) {
    List<String> out = new ArrayList<>(header.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip();
      if (h.length() > MAX_HEADER) {
        h = h.substring(0, MAX_HEADER);
      }
      if (h.isEmpty()) {
        h = "(" + (i + 1) + ")";
      }
      int count = seen.merge(h, 1, Integer::sum);
      out.add(count == 1 ? h : h + " (" + count + ")");
    }
    return out;
  }

  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
      (byte) 0xE1};
  private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};

  private static boolean startsWith(byte[] bytes, int length, byte[] magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (bytes[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static InvalidInput refuse(String message) {
    return InvalidInput.of("file", message);
  }
}
