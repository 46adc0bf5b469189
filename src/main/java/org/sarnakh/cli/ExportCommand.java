package org.sarnakh.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadCsvExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Export every lead to a CSV file (the format the API exports and import reads).")
class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "CSV file to write.")
  Path file;

  @Override
  public Integer call() throws Exception {
    try (var ctx = SarnakhCommand.offline();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      ctx.getBean(LeadCsvExport.class).write(LeadQuery.Filters.none(), SystemUser.admin(ctx), out);
    }
    System.out.println("exported to " + file);
    return 0;
  }
}
