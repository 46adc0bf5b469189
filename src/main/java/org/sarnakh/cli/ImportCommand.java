package org.sarnakh.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sarnakh.capture.ImportUploads;
import org.sarnakh.capture.ImportView;
import org.sarnakh.capture.LeadImports;
import org.sarnakh.platform.InvalidInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Import leads from a CSV or XLSX file through the import job (as the API and "
    + "the wizard do): headers in English, Persian or Arabic, or the export's API field names; duplicates skipped "
    + "unless --upsert; each refused row is printed with its line number.")
class ImportCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "CSV (UTF-8 with or without BOM, UTF-16, Windows-1256; , ; or tab) or XLSX file.")
  Path file;

  @Option(names = "--upsert", description = "Update the matching lead instead of skipping a duplicate row.")
  boolean upsert;

  @Option(names = "--encoding", defaultValue = "auto", description = "auto (default) or a charset such as windows-1256.")
  String encoding;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(file)) {
      System.err.println("cannot read " + file);
      return 2;
    }
    // The import runs as the job it is everywhere else, so this process runs the job worker too.
    try (var ctx = SarnakhCommand.offline("--sarnakh.scheduling.enabled=true", "--sarnakh.jobs.poll=100ms")) {
      var user = SystemUser.admin(ctx);
      LeadImports imports = ctx.getBean(LeadImports.class);
      ImportUploads uploads = ctx.getBean(ImportUploads.class);
      Map<String, Object> options = new LinkedHashMap<>();
      options.put("mode", upsert ? "UPSERT" : "CREATE_ONLY");
      options.put("encoding", encoding);
      ImportView view;
      try {
        view = uploads.submit(file.getFileName().toString(), target -> Files.copy(file, target), options, user);
      } catch (InvalidInput e) {
        e.problems().forEach(p -> System.err.printf("%s: %s%n", p.field(), p.message()));
        return 2;
      }
      view = await(imports, view, user);
      if (view.failed() > 0) {
        System.err.println("refused rows:");
        imports.writeErrors(view.id(), user, new java.io.FilterOutputStream(System.err) {
          @Override
          public void close() {
            // System.err stays open.
          }
        });
      }
      System.out.printf("%s: %d rows, created %d, updated %d, skipped %d (duplicates), failed %d%n", view.status(),
          view.processed(), view.created(), view.updated(), view.skipped(), view.failed());
      return view.status().equals("COMPLETED") && view.failed() == 0 ? 0 : 1;
    }
  }

  static ImportView await(LeadImports imports, ImportView view, org.sarnakh.identity.CurrentUser user)
      throws InterruptedException {
    long next = System.nanoTime();
    while (!view.finished()) {
      Thread.sleep(100);
      view = imports.get(view.id(), user);
      if (System.nanoTime() >= next) {
        System.err.printf("%s %d of %d rows%n", view.status(), view.processed(), view.total());
        next = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      }
    }
    return view;
  }
}
