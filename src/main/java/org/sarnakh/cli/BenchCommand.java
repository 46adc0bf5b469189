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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

@Command(name = "bench", description = "Measure Sarnakh on this machine.", subcommands = BenchCommand.ListBench.class)
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
        DemoDataLoader loader = ctx.getBean(DemoDataLoader.class);
        long have = ctx.getBean(org.sarnakh.lead.LeadBulkLoad.class).count();
        if (have < leads) {
          System.out.printf("loading %d leads …%n", leads - have);
          var took = loader.load((int) (leads - have), 7 + have);
          System.out.printf("loaded %d leads in %.1f s (%.0f leads/s)%n", leads - have, took.toMillis() / 1000.0,
              (leads - have) / Math.max(0.001, took.toMillis() / 1000.0));
        }
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
      long cpuBefore = processCpuNanos();
      long[] latencies = run(token, url, requests);
      double cpuPerRequest = (processCpuNanos() - cpuBefore) / 1e6 / requests;
      Arrays.sort(latencies);
      System.out.printf("%-44s %8.1f %8.1f %8.1f %8.1f %9.0f %9.2f%n", name, pct(latencies, 50), pct(latencies, 95),
          pct(latencies, 99), latencies[latencies.length - 1] / 1e6, lastThroughput, cpuPerRequest);
    }

    /**
     * CPU time of this process (server and load generator together): unlike latency it does not
     * grow when other work shares the machine, so it shows what one request costs.
     */
    private static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }

    private double lastThroughput;

    private long[] run(String token, String url, int count) throws Exception {
      long[] latencies = new long[count];
      AtomicInteger next = new AtomicInteger();
      AtomicLong errors = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < count) {
            long t0 = System.nanoTime();
            try {
              var res = http.send(get(token, url), HttpResponse.BodyHandlers.discarding());
              if (res.statusCode() != 200) {
                errors.incrementAndGet();
              }
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            latencies[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      lastThroughput = count / ((System.nanoTime() - start) / 1e9);
      if (errors.get() > 0) {
        throw new IllegalStateException(errors.get() + " requests failed for " + url);
      }
      return latencies;
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

    private static double pct(long[] sorted, int p) {
      int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long peakHeapMb() {
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      return peak / (1024 * 1024);
    }

    /** A session token for the given user, created (with a random password) when missing. */
    private static String token(ConfigurableApplicationContext ctx, String email, Role createAs) {
      UserDirectory users = ctx.getBean(UserDirectory.class);
      var existing = users.list().stream().filter(u -> u.email().equals(email)).findFirst();
      java.util.UUID id = existing.isPresent() ? existing.get().id()
          : ctx.getBean(UserAdministration.class).create(new UserAdministration.NewUser(email, "Bench", createAs,
              List.of(), "bench-" + Secrets.random(12))).user().id();
      return ctx.getBean(Credentials.class).issueSession(id).token();
    }
  }
}
