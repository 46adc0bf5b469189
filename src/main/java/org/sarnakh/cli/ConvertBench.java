package org.sarnakh.cli;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sarnakh.SarnakhApplication;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadMatching;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversion latency over real HTTP: loads N demo leads (when the database has fewer), makes one
 * fresh lead per request (its own email, phone and company, so the duplicate guard runs and finds
 * nothing), starts the server in this process and converts them with a few closed-loop clients,
 * each request creating a contact, an account and an opportunity in one transaction.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Lead conversion latency: POST /leads/{id}/convert creating contact, account and deal "
        + "(SPRING_DATASOURCE_* picks the database).")
class ConvertBench implements Callable<Integer> {

  @Option(names = "--leads", defaultValue = "100000", description = "Leads in the database (default ${DEFAULT-VALUE}).")
  int leads;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--requests", defaultValue = "2000", description = "Measured conversions (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "500", description = "Conversions before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public Integer call() throws Exception {
    if (leads < 0 || clients < 1 || requests < 1 || warmup < 0) {
      System.err.println("--leads must be at least 0, --clients and --requests at least 1, --warmup at least 0");
      return 2;
    }
    ConfigurableApplicationContext ctx = SpringApplication.run(SarnakhApplication.class, "--server.port=0",
        "--logging.level.root=warn", "--logging.level.org.sarnakh.cli=info");
    try {
      int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
      long have = ctx.getBean(LeadBulkLoad.class).count();
      if (have < leads) {
        System.out.printf("loading %d leads …%n", leads - have);
        var took = ctx.getBean(DemoDataLoader.class).load((int) (leads - have), 7 + have);
        System.out.printf("loaded %d leads in %.1f s%n", leads - have, took.toMillis() / 1000.0);
      }
      var adminId = BenchCommand.benchUser(ctx, "bench-admin@localhost", Role.ADMIN);
      CurrentUser admin = ctx.getBean(UserDirectory.class).current(adminId).orElseThrow();
      String token = ctx.getBean(Credentials.class).issueSession(adminId).token();
      String run = Long.toString(System.currentTimeMillis(), 36);
      long t0 = System.nanoTime();
      List<String> warm = fresh(ctx, admin, run + "w", warmup);
      List<String> measured = fresh(ctx, admin, run, requests);
      System.out.printf("made %d fresh leads to convert in %.1f s%n", warmup + requests, (System.nanoTime() - t0) / 1e9);
      var db = ctx.getBean(org.jooq.DSLContext.class);
      if (db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
        // What autovacuum does on a server after this many inserts; unanalyzed tables that grew plan badly.
        db.execute("analyze");
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String base = "http://127.0.0.1:" + port + "/api/v1/leads/";
      var os = ManagementFactory.getOperatingSystemMXBean();
      if (!warm.isEmpty()) {
        check(BenchLoad.closedLoop(http, clients, warm.size(), i -> convert(base, token, warm.get(i), i), 201), "warm-up");
      }
      System.gc();
      long cpu0 = BenchLoad.processCpuNanos();
      BenchLoad.Run r = BenchLoad.closedLoop(http, clients, measured.size(), i -> convert(base, token, measured.get(i), i),
          201);
      double cpuMs = (BenchLoad.processCpuNanos() - cpu0) / 1e6 / measured.size();
      check(r, "measured run");
      System.out.printf("database %s; %d leads; %d cores, load average %.2f; heap max %d MB; %d clients%n",
          db.dialect().getName(), Math.max(have, leads), os.getAvailableProcessors(), os.getSystemLoadAverage(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024), clients);
      System.out.printf("%,d conversions (contact + account + opportunity each) in %.1f s (%.0f/s): p50 %.1f ms, "
              + "p95 %.1f ms, p99 %.1f ms, max %.1f ms; CPU %.2f ms per conversion in this JVM (the database "
              + "server's own not counted)%n", measured.size(), r.seconds(), r.perSecond(), r.pct(50), r.pct(95),
          r.pct(99), r.maxMs(), cpuMs);
      return 0;
    } finally {
      ctx.close();
    }
  }

  private static void check(BenchLoad.Run r, String what) {
    if (r.errors() > 0) {
      throw new IllegalStateException(r.errors() + " conversions of the " + what + " did not answer 201");
    }
  }

  /** Leads with their own email, mobile and company, ready to convert. */
  private static List<String> fresh(ConfigurableApplicationContext ctx, CurrentUser admin, String run, int count) {
    LeadManagement leads = ctx.getBean(LeadManagement.class);
    List<String> ids = new ArrayList<>(count);
    // Two digits of the run in the number, so a second run's leads do not match the first run's contacts.
    int prefix = 10 + (int) (System.currentTimeMillis() / 1000 % 90);
    for (int i = 0; i < count; i++) {
      Map<String, Object> lead = new LinkedHashMap<>();
      lead.put("firstName", "سارا");
      lead.put("lastName", "تبدیل " + i);
      lead.put("accountName", "شرکت بنچ " + run + " " + i);
      lead.put("email", "convert-" + run + "-" + i + "@bench.sarnakh.org");
      lead.put("mobile", String.format("+98935%02d%05d", prefix, i % 100_000));
      lead.put("title", "مدیر خرید");
      lead.put("leadSource", "trade_show");
      lead.put("rating", "HOT");
      lead.put("opportunityAmount", Map.of("amount", "1500000000", "currency", "IRR"));
      lead.put("address", Map.of("city", "تهران", "country", "IR"));
      ids.add(leads.create(lead, admin, Actor.Channel.API, LeadMatching.OnDuplicate.ALLOW).lead().id().toString());
    }
    return ids;
  }

  private static HttpRequest convert(String base, String token, String lead, int i) {
    String body = JSON.writeValueAsString(Map.of("opportunity", Map.of("name", "Bench deal " + i,
        "closeDate", "2027-06-30", "stage", "PROPOSAL")));
    return HttpRequest.newBuilder(URI.create(base + lead + "/convert")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
