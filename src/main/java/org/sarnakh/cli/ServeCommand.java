package org.sarnakh.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sarnakh.SarnakhApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Start the server (pages and API) on http://localhost:8080.")
class ServeCommand implements Callable<Boolean> {

  @Option(names = "--port", description = "HTTP port (default 8080, or SERVER_PORT).")
  Integer port;

  @Option(names = "--demo", description = "Load a demo data set (fa/ar/en names) when the database is empty.")
  boolean demo;

  @Override
  public Boolean call() {
    List<String> args = new ArrayList<>();
    if (port != null) {
      args.add("--server.port=" + port);
    }
    ConfigurableApplicationContext ctx = SpringApplication.run(SarnakhApplication.class, args.toArray(String[]::new));
    if (demo) {
      ctx.getBean(DemoDataLoader.class).loadIfEmpty(DemoDataLoader.DEMO_SIZE);
      ctx.getBean(DemoDataLoader.class).starterRouting();
      ctx.getBean(DemoDataLoader.class).starterScoring();
    }
    return Boolean.TRUE;
  }
}
