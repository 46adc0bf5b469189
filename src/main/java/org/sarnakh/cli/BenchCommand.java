package org.sarnakh.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sarnakh.SarnakhApplication;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.platform.Secrets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Measure Sarnakh on this machine.",
    subcommands = {BenchCommand.ListBench.class, BenchCommand.ImportBench.class, FormBench.class,
        ScoringBenchCommand.EventsBench.class, ScoringBenchCommand.TrackingBench.class,
        ScoringBenchCommand.RescoreBench.class, SegmentBench.class, ConvertBench.class, RoutingBench.class, SequenceBench.class})
class BenchCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * Loads N leads (if the database has fewer), starts the server in this process on a free port
   * and drives the list API with concurrent clients over real HTTP, reporting latency percentiles.
   */
  @Command(name = "list", description = "Lead list latency under concurrency, at page 1 and deep in a cursor walk.")
  static class ListBench implements Callable<Integer> {

    @Option(names = "--leads", defaultValue = "1000000", description = "Leads in the database (default ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "6400", description = "Requests per scenario (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--deep-page", defaultValue = "1000", description = "Page whose cursor is measured (default ${DEFAULT-VALUE}).")
    int deepPage;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
      ConfigurableApplicationContext ctx = SpringApplication.run(SarnakhApplication.class, "--server.port=0",
          "--logging.level.root=warn", "--logging.level.org.sarnakh.cli=info");
      try {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        long have = ensureLeads(ctx, leads);
        String base = "http://127.0.0.1:" + port + "/api/v1/leads";
        String admin = token(ctx, "bench-admin@localhost", Role.ADMIN);
        String rep = token(ctx, "sara.karimi@demo.sarnakh.org", null);
        System.gc();
        System.out.printf("%d leads; %d clients; %d requests per scenario; heap max %d MB%n", have < leads ? leads : have,
            clients, requests, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf("%-44s %8s %8s %8s %8s %9s %9s%n", "scenario", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s",
            "cpu ms/r");
        scenario("admin, newest first", admin, base + "?limit=50&sort=-createdAt");
        scenario("admin, status=IN_PROCESS, newest first", admin, base + "?limit=50&status=IN_PROCESS&sort=-createdAt");
        scenario("admin, source=website, by last name", admin, base + "?limit=50&leadSource=website&sort=lastName");
        scenario("admin, score 80..120, by score desc", admin, base + "?limit=50&scoreMin=80&scoreMax=120&sort=-score");
        scenario("admin, q=Persian name (Arabic letters)", admin, base + "?limit=50&q=" + enc("رضايي"));
        scenario("admin, q=phone digits", admin, base + "?limit=50&q=" + enc("0912"));
        scenario("rep (own + team pool), recently updated", rep, base + "?limit=50&sort=-updatedAt");
        String cursor = walk(admin, base + "?limit=50&sort=-createdAt", deepPage);
        if (cursor != null) {
          scenario("admin, page " + deepPage + " by cursor", admin, base + "?limit=50&sort=-createdAt&cursor=" + cursor);
        }
        System.out.printf("heap used after run: %d MB (peak heap pools %d MB)%n",
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024), peakHeapMb());
        return 0;
      } finally {
        ctx.close();
      }
    }

    private void scenario(String name, String token, String url) throws Exception {
      // warm-up: JIT and database caches (the first scenario also warms the whole request path)
      run(token, url, Math.max(requests / 2, 1000));
      long cpuBefore = BenchLoad.processCpuNanos();
      BenchLoad.Run r = run(token, url, requests);
      double cpuPerRequest = (BenchLoad.processCpuNanos() - cpuBefore) / 1e6 / requests;
      System.out.printf("%-44s %8.1f %8.1f %8.1f %8.1f %9.0f %9.2f%n", name, r.pct(50), r.pct(95), r.pct(99), r.maxMs(),
          r.perSecond(), cpuPerRequest);
    }

    private BenchLoad.Run run(String token, String url, int count) throws Exception {
      BenchLoad.Run r = BenchLoad.closedLoop(http, clients, count, i -> get(token, url), 200);
      if (r.errors() > 0) {
        throw new IllegalStateException(r.errors() + " requests failed for " + url);
      }
      return r;
    }

    private String walk(String token, String url, int pages) throws Exception {
      Pattern next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"");
      String cursor = null;
      for (int p = 1; p < pages; p++) {
        var res = http.send(get(token, cursor == null ? url : url + "&cursor=" + cursor),
            HttpResponse.BodyHandlers.ofString());
        Matcher m = next.matcher(res.body());
        if (!m.find()) {
          System.out.printf("the list ends before page %d; deep-page scenario skipped%n", pages);
          return null;
        }
        cursor = m.group(1);
      }
      return cursor;
    }

    private static HttpRequest get(String token, String url) {
      return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A session token for the given user, created (with a random password) when missing. */
    private static String token(ConfigurableApplicationContext ctx, String email, Role createAs) {
      return ctx.getBean(Credentials.class).issueSession(benchUser(ctx, email, createAs)).token();
    }
  }

  /** Loads demo leads until the database holds {@code leads}; answers how many it held before. */
  static long ensureLeads(ConfigurableApplicationContext ctx, long leads) {
    DemoDataLoader loader = ctx.getBean(DemoDataLoader.class);
    long have = ctx.getBean(org.sarnakh.lead.LeadBulkLoad.class).count();
    if (have < leads) {
      System.out.printf("loading %d leads …%n", leads - have);
      var took = loader.load((int) (leads - have), 7 + have);
      System.out.printf("loaded %d leads in %.1f s (%.0f leads/s)%n", leads - have, took.toMillis() / 1000.0,
          (leads - have) / Math.max(0.001, took.toMillis() / 1000.0));
    }
    return have;
  }

  /** The user a benchmark acts as, created (with a random password) when missing. */
  static java.util.UUID benchUser(ConfigurableApplicationContext ctx, String email, Role createAs) {
    UserDirectory users = ctx.getBean(UserDirectory.class);
    var existing = users.list().stream().filter(u -> u.email().equals(email)).findFirst();
    return existing.isPresent() ? existing.get().id()
        : ctx.getBean(UserAdministration.class).create(new UserAdministration.NewUser(email, "Bench", createAs,
            List.of(), "bench-" + Secrets.random(12))).user().id();
  }

  static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }

  /**
   * Generates a CSV of N realistic fa/ar/en leads (with a share of near-duplicates) and imports it
   * through the real pipeline, the import job as the API runs it, timing file to committed,
   * indexed, duplicate-checked leads. On PostgreSQL, in the same run, PostgreSQL's own COPY of the
   * same rows into a scratch table with the lead table's indexes built afterwards, for reference.
   * Run it twice to import the second million into a database that holds a million.
   */
  @Command(name = "import", description = "Import throughput: N generated leads through the import job, "
      + "against PostgreSQL's own COPY of the same rows (SPRING_DATASOURCE_* picks the database).")
  static class ImportBench implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the generated file (default ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--duplicates", defaultValue = "0.02",
        description = "Share of rows that repeat an earlier row's person, spelled differently (default ${DEFAULT-VALUE}).")
    double duplicates;

    @Option(names = "--seed", description = "Seed of the generator (default: the lead count, so a second run brings new people).")
    Long seed;

    @Option(names = "--no-reference", description = "Skip PostgreSQL's own COPY for reference.")
    boolean noReference;

    @Override
    public Integer call() throws Exception {
      if (rows < 1 || duplicates < 0 || duplicates >= 1) {
        System.err.println("--rows must be at least 1 and --duplicates in [0, 1)");
        return 2;
      }
      try (var ctx = SarnakhCommand.offline("--sarnakh.scheduling.enabled=true", "--sarnakh.jobs.poll=100ms",
          "--logging.level.org.sarnakh=warn", "--logging.level.org.sarnakh.capture.ImportJob=info")) {
        var db = ctx.getBean(org.jooq.DSLContext.class);
        var bulk = ctx.getBean(org.sarnakh.lead.LeadBulkLoad.class);
        var imports = ctx.getBean(org.sarnakh.capture.LeadImports.class);
        var uploads = ctx.getBean(org.sarnakh.capture.ImportUploads.class);
        var settings = ctx.getBean(org.sarnakh.capture.ImportSettings.class);
        var user = ctx.getBean(UserDirectory.class).current(benchUser(ctx, "bench-admin@localhost", Role.ADMIN))
            .orElseThrow();
        boolean postgres = db.dialect().family() == org.jooq.SQLDialect.POSTGRES;
        long before = bulk.count();
        long useSeed = seed != null ? seed : 7 + before;
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf("database %s (%s); leads before: %,d; %d cores, load average %.2f; heap max %d MB%n",
            db.dialect().getName(), url(db), before, os.getAvailableProcessors(), os.getSystemLoadAverage(),
            Runtime.getRuntime().maxMemory() / (1024 * 1024));

        java.nio.file.Path file = settings.folder().toAbsolutePath().resolve("bench-" + useSeed + ".csv");
        long g0 = System.nanoTime();
        var written = ctx.getBean(DemoDataLoader.class).writeCsv(file, rows, useSeed, duplicates);
        System.out.printf("generated %,d rows (%,d near-duplicates, seed %d), %.1f MB, in %.1f s%n", written.rows(),
            written.nearDuplicates(), useSeed, written.bytes() / 1e6, (System.nanoTime() - g0) / 1e9);

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        var process = (com.sun.management.OperatingSystemMXBean) os;
        long cpu0 = process.getProcessCpuTime();
        long t0 = System.nanoTime();
        java.time.Instant startedAt = java.time.Instant.now().minusSeconds(1);
        var view = uploads.submit(file.getFileName().toString(),
            target -> java.nio.file.Files.move(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING),
            java.util.Map.of("mode", "CREATE_ONLY"), user);
        var heap = ManagementFactory.getMemoryMXBean();
        long[] peak = {0};
        var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "heap-sampler");
          t.setDaemon(true);
          return t;
        });
        sampler.scheduleAtFixedRate(() -> peak[0] = Math.max(peak[0], heap.getHeapMemoryUsage().getUsed()), 0, 20,
            java.util.concurrent.TimeUnit.MILLISECONDS);
        view = ImportCommand.await(imports, view, user);
        sampler.shutdownNow();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (process.getProcessCpuTime() - cpu0) / 1e9;
        double rate = view.processed() / seconds;
        System.out.printf("import %s: %,d rows in %.1f s = %,.0f rows/s (created %,d, skipped %,d duplicates, "
                + "failed %,d); heap used at most %d MB (sampled every 20 ms; pool peaks add up to %d MB); "
                + "load average %.2f%n", view.status(), view.processed(), seconds, rate, view.created(), view.skipped(),
            view.failed(), peak[0] / (1024 * 1024), peakHeapMb(), os.getSystemLoadAverage());
        System.out.printf("this JVM used %.1f s of CPU for it (%.0f µs per row)%s%n", cpu, cpu * 1e6 / view.processed(),
            postgres ? "; PostgreSQL's own CPU is not counted" : "");
        System.out.printf("leads after: %,d%n", bulk.count());
        if (postgres && !noReference) {
          reference(db, user.id(), startedAt, rate);
        }
        return view.status().equals("COMPLETED") ? 0 : 1;
      }
    }

    private static String url(org.jooq.DSLContext db) {
      return db.connectionResult(c -> c.getMetaData().getURL()).replaceAll("password=[^&;]*", "password=…");
    }

    /**
     * PostgreSQL's own COPY of the rows this run imported into a scratch copy of the lead table
     * without indexes, then the lead table's indexes built on it: the speed of the database itself.
     */
    private static void reference(org.jooq.DSLContext db, java.util.UUID by, java.time.Instant since, double ours)
        throws Exception {
      java.nio.file.Path rowsFile = java.nio.file.Files.createTempFile("sarnakh-bench-copy", ".csv");
      try {
        String select = "select * from lead where created_by = '" + by + "' and created_at >= '" + since + "'";
        long n = db.connectionResult(c -> {
          var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
          try (var out = java.nio.file.Files.newOutputStream(rowsFile)) {
            return copy.copyOut("copy (" + select + ") to stdout (format csv)", out);
          }
        });
        db.execute("drop table if exists bench_copy_reference");
        db.execute("create table bench_copy_reference (like lead including defaults)");
        long c0 = System.nanoTime();
        db.connection(c -> {
          var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
          try (var in = java.nio.file.Files.newInputStream(rowsFile)) {
            copy.copyIn("copy bench_copy_reference from stdin (format csv)", in);
          }
        });
        double copySeconds = (System.nanoTime() - c0) / 1e9;
        List<String> indexes = db.fetch("select indexname, indexdef from pg_indexes where tablename = 'lead' "
            + "and schemaname = current_schema() order by indexname").map(r -> r.get(1, String.class)
            .replaceFirst(" INDEX (\\S+) ON (\\S+\\.)?lead ", " INDEX bcr_$1 ON bench_copy_reference "));
        long i0 = System.nanoTime();
        for (String ddl : indexes) {
          db.execute(ddl);
        }
        double indexSeconds = (System.nanoTime() - i0) / 1e9;
        double reference = n / (copySeconds + indexSeconds);
        System.out.printf("PostgreSQL COPY of the same %,d rows: %.1f s (%,.0f rows/s without indexes), then %d indexes "
                + "in %.1f s: %,.0f rows/s with indexes built after%n", n, copySeconds, n / copySeconds, indexes.size(),
            indexSeconds, reference);
        System.out.printf("import rate / PostgreSQL's own: %.0f%%%n", ours / reference * 100);
      } finally {
        db.execute("drop table if exists bench_copy_reference");
        java.nio.file.Files.deleteIfExists(rowsFile);
      }
    }
  }
}
