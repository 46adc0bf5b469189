package org.sarnakh.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.lead.LeadCsvRows;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import leads from a CSV file with API field names as headers "
    + "(as written by export); each refused row is reported with its line number.")
class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "CSV file (UTF-8, with or without BOM).")
  Path file;

  @Override
  public Integer call() throws Exception {
    int created = 0;
    int failed = 0;
    try (var ctx = SarnakhCommand.offline();
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(in)) {
      var user = SystemUser.admin(ctx);
      LeadManagement leads = ctx.getBean(LeadManagement.class);
      List<String> header = null;
      for (CsvRecord record : csv) {
        if (header == null) {
          header = record.getFields().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
          continue;
        }
        try {
          Map<String, Object> json = LeadCsvRows.toJson(header, record.getFields());
          leads.create(json, user, Actor.Channel.IMPORT, LeadMatching.OnDuplicate.REJECT);
          created++;
        } catch (InvalidInput e) {
          failed++;
          e.problems().forEach(p -> System.err.printf("line %d: %s: %s%n", record.getStartingLineNumber(), p.field(),
              p.message()));
        } catch (DomainConflict e) {
          failed++;
          System.err.printf("line %d: %s%n", record.getStartingLineNumber(), e.getMessage());
        }
      }
    }
    System.out.printf("created %d, failed %d%n", created, failed);
    return failed == 0 ? 0 : 1;
  }
}
