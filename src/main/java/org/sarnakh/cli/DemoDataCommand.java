package org.sarnakh.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-data", description = "Add generated leads (Persian, Arabic and English) to the database.")
class DemoDataCommand implements Callable<Integer> {

  @Option(names = "--leads", defaultValue = "500", description = "How many leads (default ${DEFAULT-VALUE}).")
  int leads;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed, for a reproducible set.")
  long seed;

  @Override
  public Integer call() {
    if (leads < 1) {
      System.err.println("--leads must be at least 1");
      return 2;
    }
    try (var ctx = SarnakhCommand.offline()) {
      var took = ctx.getBean(DemoDataLoader.class).load(leads, seed);
      System.out.printf("added %d leads in %.1f s (%.0f leads/s)%n", leads, took.toMillis() / 1000.0,
          leads / Math.max(0.001, took.toMillis() / 1000.0));
      return 0;
    }
  }
}
