package org.sarnakh.lead;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.sarnakh.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Streams leads as an XLSX workbook with the columns and cell texts of the CSV export. Every cell
 * is an inline string: never a formula, whatever it starts with, and no shared-string table
 * growing with the export. A sheet holds at most 1,048,575 leads; more continue on the next one.
 */
@Component
public class LeadXlsxExport {

  public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final int FLUSH_EVERY = 1000;

  private final LeadQueries queries;

  LeadXlsxExport(LeadQueries queries) {
    this.queries = queries;
  }

  public void write(LeadQuery.Filters filters, CurrentUser user, OutputStream out, boolean rightToLeft)
      throws IOException {
    Workbook workbook = new Workbook(out, "Sarnakh", "1.0");
    Sheets sheets = new Sheets(workbook, rightToLeft);
    try {
      queries.forEach(filters, user, lead -> sheets.add(LeadCsvExport.row(lead)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    sheets.finish();
    workbook.finish();
  }

  /** The sheet being written and its next row; a full sheet is closed and the next one begun. */
  private static final class Sheets {
    private final Workbook workbook;
    private final boolean rightToLeft;
    private final List<String> header = LeadCsvExport.header();
    private Worksheet sheet;
    private int number;
    private int row;

    Sheets(Workbook workbook, boolean rightToLeft) {
      this.workbook = workbook;
      this.rightToLeft = rightToLeft;
      begin();
    }

    void add(List<String> cells) {
      try {
        if (row == Worksheet.MAX_ROWS) {
          sheet.finish();
          begin();
        }
        for (int c = 0; c < cells.size(); c++) {
          if (!cells.get(c).isEmpty()) {
            sheet.inlineString(row, c, cells.get(c));
          }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
          sheet.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void finish() throws IOException {
      sheet.finish();
    }

    private void begin() {
      number++;
      sheet = workbook.newWorksheet(number == 1 ? "Leads" : "Leads " + number);
      if (rightToLeft) {
        sheet.rightToLeft();
      }
      for (int c = 0; c < header.size(); c++) {
        sheet.inlineString(0, c, header.get(c));
        sheet.style(0, c).bold().set();
      }
      sheet.freezePane(0, 1);
      row = 1;
    }
  }
}
