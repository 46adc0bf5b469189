package org.sarnakh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sarnakh.SarnakhApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sarnakh", mixinStandardHelpOptions = true, version = "Sarnakh 0.1.0",
    description = "Lead management: capture, track, score, route, nurture and convert leads.",
    subcommands = {ServeCommand.class, UsersCommand.class, ApiKeysCommand.class, ImportCommand.class,
        ExportCommand.class, DemoDataCommand.class, BenchCommand.class})
public class SarnakhCommand implements Runnable {

  /** Exit code meaning "the server is running; do not exit the JVM". */
  public static final int KEEP_RUNNING = -1;

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static int run(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    CommandLine cli = new CommandLine(new SarnakhCommand());
    cli.setExecutionStrategy(new CommandLine.RunLast());
    cli.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return 2;
    });
    int code = cli.execute(effective);
    Object result = cli.getParseResult() == null ? null : last(cli).getExecutionResult();
    return Boolean.TRUE.equals(result) ? KEEP_RUNNING : code;
  }

  private static CommandLine last(CommandLine cli) {
    var pr = cli.getParseResult();
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return pr.commandSpec().commandLine();
  }

  /**
   * Starts Sarnakh without the web server and background jobs, for verbs that act on the database
   * and then exit.
   */
  static ConfigurableApplicationContext offline(String... extraArgs) {
    SpringApplication app = new SpringApplication(SarnakhApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(Map.of("sarnakh.scheduling.enabled", "false", "logging.level.root", "warn",
        "logging.level.org.sarnakh", "info"));
    List<String> a = new ArrayList<>(List.of(extraArgs));
    return app.run(a.toArray(String[]::new));
  }
}
