package org.sarnakh.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-data", description = "Add generated leads (Persian, Arabic and English) to the database, "
    + "or write them to a CSV file to import.")
class DemoDataCommand implements Callable<Integer> {

  @Option(names = "--leads", defaultValue = "500", description = "How many leads (default ${DEFAULT-VALUE}).")
  int leads;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed, for a reproducible set.")
  long seed;

  @Option(names = "--csv", description = "Write the leads to this CSV file (the export's format) instead of the database.")
  @Nullable Path csv;

  @Option(names = "--duplicates", defaultValue = "0.02",
      description = "With --csv: share of rows repeating an earlier person, spelled differently (default ${DEFAULT-VALUE}).")
  double duplicates;

  @Override
  public Integer call() throws Exception {
    if (leads < 1) {
      System.err.println("--leads must be at least 1");
      return 2;
    }
    if (duplicates < 0 || duplicates >= 1) {
      System.err.println("--duplicates must be in [0, 1)");
      return 2;
    }
    try (var ctx = SarnakhCommand.offline()) {
      DemoDataLoader loader = ctx.getBean(DemoDataLoader.class);
      if (csv != null) {
        var written = loader.writeCsv(csv, leads, seed, duplicates);
        System.out.printf("wrote %d leads (%d near-duplicates) to %s, %.1f MB%n", written.rows(),
            written.nearDuplicates(), csv, written.bytes() / 1e6);
        return 0;
      }
      var took = loader.load(leads, seed);
      System.out.printf("added %d leads in %.1f s (%.0f leads/s)%n", leads, took.toMillis() / 1000.0,
          leads / Math.max(0.001, took.toMillis() / 1000.0));
      return 0;
    }
  }
}
