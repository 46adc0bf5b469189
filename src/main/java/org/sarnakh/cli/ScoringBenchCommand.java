package org.sarnakh.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.sarnakh.SarnakhApplication;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.platform.jobs.Jobs;
import org.sarnakh.scoring.ScoringRescore;
import org.sarnakh.scoring.ScoringRules;
import org.sarnakh.tracking.TrackingLinks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** Benchmarks of tracking and scoring: event ingest with live scoring, the public pixel and click, full rescoring. */
final class ScoringBenchCommand {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String RULE_TAG = "bench";

  private ScoringBenchCommand() {}

  /** The bench's rule set: two fit rules, three engagement rules (one negative with a frequency), as a team might start. */
  static void rules(ConfigurableApplicationContext ctx, CurrentUser user) {
    ScoringRules rules = ctx.getBean(ScoringRules.class);
    if (rules.list().stream().anyMatch(r -> r.rule().name().startsWith(RULE_TAG + ":"))) {
      return;
    }
    rules.create(Map.of("name", RULE_TAG + ": decision makers", "axis", "FIT", "points", 15, "condition",
        Map.of("field", "title", "op", "CONTAINS", "values", List.of("manager", "director", "مدیر"))), user);
    rules.create(Map.of("name", RULE_TAG + ": web leads", "axis", "FIT", "points", 5, "condition",
        Map.of("field", "leadSource", "op", "EQUALS", "values", List.of("website"))), user);
    rules.create(Map.of("name", RULE_TAG + ": pricing", "axis", "ENGAGEMENT", "points", 10, "condition",
        Map.of("eventTypes", List.of("PAGE_VIEW"), "path", "/pricing*")), user);
    rules.create(Map.of("name", RULE_TAG + ": reading", "axis", "ENGAGEMENT", "points", 2, "cap", 20, "condition",
        Map.of("eventTypes", List.of("PAGE_VIEW"), "path", "/blog/**")), user);
    rules.create(Map.of("name", RULE_TAG + ": job seeker", "axis", "ENGAGEMENT", "points", -30, "condition",
        Map.of("eventTypes", List.of("PAGE_VIEW"), "path", "/careers/**", "frequency",
            Map.of("count", 4, "window", "P1D"))), user);
  }

  static final String[] PATHS = {"/pricing", "/blog/a", "/blog/b", "/blog/c", "/careers/x", "/", "/product", "/blog/d"};

  static CurrentUser admin(ConfigurableApplicationContext ctx) {
    return ctx.getBean(UserDirectory.class).current(BenchCommand.benchUser(ctx, "bench-admin@localhost", Role.ADMIN))
        .orElseThrow();
  }

  static void ensureLeads(ConfigurableApplicationContext ctx, int leads) {
    long have = ctx.getBean(LeadBulkLoad.class).count();
    if (have < leads) {
      System.out.printf("loading %,d leads …%n", leads - have);
      var took = ctx.getBean(DemoDataLoader.class).load((int) (leads - have), 7 + have);
      System.out.printf("loaded in %.1f s%n", took.toMillis() / 1000.0);
    }
  }

  static List<UUID> leadIds(ConfigurableApplicationContext ctx, int most) {
    LeadQueries leads = ctx.getBean(LeadQueries.class);
    List<UUID> ids = new ArrayList<>();
    UUID after = null;
    while (ids.size() < most) {
      List<UUID> chunk = leads.idsAfter(after, Math.min(10_000, most - ids.size()));
      if (chunk.isEmpty()) {
        break;
      }
      ids.addAll(chunk);
      after = chunk.get(chunk.size() - 1);
    }
    return ids;
  }

  static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return String.format("%d cores, load average %.2f, heap max %d MB", os.getAvailableProcessors(),
        os.getSystemLoadAverage(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  static ConfigurableApplicationContext server(String... extra) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=warn",
        "--logging.level.org.sarnakh.cli=info", "--sarnakh.tracking.rate-limits=false", "--server.tomcat.threads.max=64"));
    args.addAll(List.of(extra));
    return SpringApplication.run(SarnakhApplication.class, args.toArray(String[]::new));
  }

  /**
   * Batches of events over real HTTP from concurrent clients to random leads, with live scoring on;
   * beside them a probe sends one event at a time to a lead of its own and polls the lead until its
   * score shows it: the time from event to updated score under that load.
   */
  @Command(name = "events", description = "Event ingest with live scoring: events/s over HTTP, and event → updated score latency under that load.")
  static class EventsBench implements Callable<Integer> {

    @Option(names = "--leads", defaultValue = "100000", description = "Leads the events go to (default ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--events", defaultValue = "1000000", description = "Events to send (default ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--batch", defaultValue = "1000", description = "Events per request (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent senders (default ${DEFAULT-VALUE}).")
    int clients;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext ctx = server()) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        ensureLeads(ctx, leads);
        CurrentUser admin = admin(ctx);
        rules(ctx, admin);
        String token = ctx.getBean(Credentials.class).issueSession(admin.id()).token();
        List<UUID> ids = leadIds(ctx, leads);
        String base = "http://127.0.0.1:" + port;
        // The probe's lead gets only the probe's events, so each change of its score is the probe's own.
        UUID probeLead = ids.get(0);
        List<UUID> targets = ids.subList(1, ids.size());
        System.out.printf("%s; %,d leads, %,d events in batches of %d from %d clients%n", machine(), ids.size(), events,
            batch, clients);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicInteger sent = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        int batches = (events + batch - 1) / batch;
        long[] batchNanos = new long[batches];
        AtomicInteger nextBatch = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Long> probes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Future<?> probe = pool.submit(() -> probe(base, token, probeLead, running, probes));
        long cpu0 = BenchLoad.processCpuNanos();
        long t0 = System.nanoTime();
        List<Future<?>> senders = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          senders.add(pool.submit(() -> {
            int b;
            while ((b = nextBatch.getAndIncrement()) < batches) {
              int n = Math.min(batch, events - b * batch);
              String body = batchBody(targets, n);
              long s = System.nanoTime();
              try {
                var res = http.send(post(base + "/api/v1/events", token, body), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 202) {
                  sent.addAndGet(n);
                } else {
                  errors.incrementAndGet();
                }
              } catch (Exception e) {
                errors.incrementAndGet();
              }
              batchNanos[b] = System.nanoTime() - s;
            }
            return null;
          }));
        }
        for (Future<?> f : senders) {
          f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (BenchLoad.processCpuNanos() - cpu0) / 1e9;
        running.set(false);
        probe.get();
        pool.shutdown();
        Arrays.sort(batchNanos);
        long[] p = probes.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("ingested %,d events in %.1f s = %,.0f events/s (%d failed requests); batch p50 %.0f ms, "
                + "p99 %.0f ms; JVM CPU %.1f s (%.1f µs per event, PostgreSQL's own not counted)%n", sent.get(), seconds,
            sent.get() / seconds, errors.get(), BenchLoad.pct(batchNanos, 50), BenchLoad.pct(batchNanos, 99), cpu, cpu * 1e6 / sent.get());
        System.out.printf("event → updated score under that load: %d probes, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
            p.length, BenchLoad.pct(p, 50), BenchLoad.pct(p, 99), p.length == 0 ? Double.NaN : p[p.length - 1] / 1e6);
        System.out.printf("peak heap pools %d MB; %s%n", BenchCommand.peakHeapMb(), machine());
        return errors.get() == 0 ? 0 : 1;
      }
    }

    private String batchBody(List<UUID> ids, int n) {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      StringBuilder b = new StringBuilder(n * 140).append("{\"events\":[");
      Instant now = Instant.now();
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : ",").append("{\"eventId\":\"b-").append(UUID.randomUUID()).append("\",\"type\":\"PAGE_VIEW\",")
            .append("\"leadId\":\"").append(ids.get(r.nextInt(ids.size()))).append("\",\"url\":\"https://example.com")
            .append(PATHS[r.nextInt(PATHS.length)]).append("\",\"occurredAt\":\"")
            .append(now.minusSeconds(r.nextInt(86_400 * 30))).append("\"}");
      }
      return b.append("]}").toString();
    }

    /** One pricing view at a time to the probe lead, then polls its score until it grew: event → score latency. */
    private Void probe(String base, String token, UUID lead, java.util.concurrent.atomic.AtomicBoolean running,
        List<Long> out) throws Exception {
      while (running.get()) {
        int before = total(base, token, lead);
        long s = System.nanoTime();
        String body = "{\"events\":[{\"eventId\":\"probe-" + UUID.randomUUID() + "\",\"type\":\"PAGE_VIEW\",\"leadId\":\""
            + lead + "\",\"url\":\"https://example.com/pricing\"}]}";
        http.send(post(base + "/api/v1/events", token, body), HttpResponse.BodyHandlers.discarding());
        long deadline = s + Duration.ofSeconds(30).toNanos();
        while (total(base, token, lead) == before && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        out.add(System.nanoTime() - s);
      }
      return null;
    }

    private int total(String base, String token, UUID lead) throws Exception {
      var res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/leads/" + lead))
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(res.body()).get("score").get("total").asInt();
    }

    static HttpRequest post(String url, String token, String body) {
      return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
  }

  /** The public open pixel and click redirect over real HTTP, each hit a distinct signed link of a real lead. */
  @Command(name = "tracking", description = "Open pixel and click redirect: requests/s and latency percentiles.")
  static class TrackingBench implements Callable<Integer> {

    @Option(names = "--leads", defaultValue = "10000", description = "Leads the links belong to (default ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--requests", defaultValue = "50000", description = "Requests per endpoint (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Integer call() throws Exception {
      try (ConfigurableApplicationContext ctx = server()) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        ensureLeads(ctx, leads);
        List<UUID> ids = leadIds(ctx, leads);
        TrackingLinks links = ctx.getBean(TrackingLinks.class);
        String base = "http://127.0.0.1:" + port;
        System.out.printf("%s; %d clients, %,d requests per endpoint%n", machine(), clients, requests);
        for (String kind : List.of("open pixel", "click redirect")) {
          int expected = kind.startsWith("open") ? 200 : 302;
          run(urls(links, ids, Math.min(requests / 5, 5000), kind, base, "warm"), expected);
          List<String> urls = urls(links, ids, requests, kind, base, "run");
          long cpu0 = BenchLoad.processCpuNanos();
          BenchLoad.Run r = run(urls, expected);
          double cpu = (BenchLoad.processCpuNanos() - cpu0) / 1e6 / requests;
          System.out.printf("%-15s %,8.0f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  cpu %.2f ms/req%n",
              kind, r.perSecond(), r.pct(50), r.pct(95), r.pct(99), r.maxMs(), cpu);
        }
        System.out.printf("peak heap pools %d MB; %s%n", BenchCommand.peakHeapMb(), machine());
        return 0;
      }
    }

    private static List<String> urls(TrackingLinks links, List<UUID> ids, int n, String kind, String base, String run) {
      List<String> out = new ArrayList<>(n);
      String prefix = UUID.randomUUID().toString().substring(0, 8);
      for (int i = 0; i < n; i++) {
        UUID lead = ids.get(i % ids.size());
        String url = kind.startsWith("open") ? links.openPixel(lead, run + "-" + prefix + "-" + i)
            : links.click(lead, run + "-" + prefix + "-" + i, "https://example.com/pricing?i=" + i);
        out.add(base + url.substring(url.indexOf("/t/")));
      }
      return out;
    }

    private BenchLoad.Run run(List<String> urls, int expected) throws Exception {
      BenchLoad.Run r = BenchLoad.closedLoop(http, clients, urls.size(),
          i -> HttpRequest.newBuilder(URI.create(urls.get(i))).GET().build(), expected);
      if (r.errors() > 0) {
        System.out.printf("  %d of %d requests did not answer %d%n", r.errors(), urls.size(), expected);
      }
      return r;
    }
  }

  /**
   * Seeds N leads and E events per lead (events written set-based by SQL, as history already
   * there), then times the rescore job over every lead: what changing a rule costs.
   */
  @Command(name = "rescore", description = "Full rescore: every lead through the rescore job, with its events.")
  static class RescoreBench implements Callable<Integer> {

    @Option(names = "--leads", defaultValue = "1000000", description = "Leads (default ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--events-per-lead", defaultValue = "10", description = "Events per lead (default ${DEFAULT-VALUE}).")
    int perLead;

    @Override
    public Integer call() throws Exception {
      try (var ctx = SarnakhCommand.offline("--sarnakh.scheduling.enabled=true", "--sarnakh.jobs.poll=100ms",
          "--sarnakh.scoring.poll=1h", "--logging.level.org.sarnakh=warn")) {
        ensureLeads(ctx, leads);
        CurrentUser admin = admin(ctx);
        rules(ctx, admin);
        DSLContext db = ctx.getBean(DSLContext.class);
        long wanted = (long) leads * perLead;
        long have = db.fetchCount(db.selectOne().from("tracking_event").where("event_id like 'seed-%'"));
        if (have < wanted) {
          seedEvents(db, perLead);
        }
        // The seeded events are history, not news: the live feed starts after them.
        db.execute("update scoring_cursor set last_event_id = (select coalesce(max(id), 0) from tracking_event)");
        System.out.printf("%s; %,d leads, %,d seeded events%n", machine(), ctx.getBean(LeadBulkLoad.class).count(),
            db.fetchCount(db.selectOne().from("tracking_event").where("event_id like 'seed-%'")));
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long cpu0 = BenchLoad.processCpuNanos();
        long t0 = System.nanoTime();
        UUID job = ctx.getBean(ScoringRescore.class).start(admin);
        Jobs jobs = ctx.getBean(Jobs.class);
        String status;
        long lastPrint = 0;
        while (true) {
          var view = jobs.find(job).orElseThrow();
          status = view.status();
          if (System.nanoTime() - lastPrint > 10_000_000_000L) {
            System.out.printf("  %,d / %,d leads after %.0f s%n", view.processed(), view.total(),
                (System.nanoTime() - t0) / 1e9);
            lastPrint = System.nanoTime();
          }
          if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
            break;
          }
          Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (BenchLoad.processCpuNanos() - cpu0) / 1e9;
        long contributions = db.fetchCount(db.selectOne().from("score_contribution"));
        System.out.printf("rescore %s: %,d leads in %.1f s = %,.0f leads/s; %,d contributions in the ledger; JVM CPU %.1f s; "
                + "peak heap pools %d MB; %s%n", status, jobs.find(job).orElseThrow().processed(), seconds,
            jobs.find(job).orElseThrow().processed() / seconds, contributions, cpu, BenchCommand.peakHeapMb(), machine());
        return status.equals("COMPLETED") ? 0 : 1;
      }
    }

    /** E events per lead over the last 60 days, on the rules' paths, inserted by the database itself. */
    private static void seedEvents(DSLContext db, int perLead) {
      long t0 = System.nanoTime();
      boolean pg = db.dialect().family() == SQLDialect.POSTGRES;
      String series = pg ? "generate_series(1, " + perLead + ") as g(n)" : "system_range(1, " + perLead + ") as g(n)";
      String paths = "case mod(g.n, 8) when 0 then '/pricing' when 1 then '/blog/a' when 2 then '/blog/b' "
          + "when 3 then '/careers/x' when 4 then '/' when 5 then '/product' when 6 then '/blog/c' else '/careers/y' end";
      // A spread over the last 60 days, fixed per lead and event.
      String ago = pg ? "now() - ((abs(hashtext(l.id::text || g.n::text)) % 5184000) * interval '1 second')"
          : "dateadd('SECOND', -mod(ora_hash(cast(l.id as varchar) || g.n), 5184000), current_timestamp)";
      db.execute("insert into tracking_event (event_id, event_type, lead_id, url, path, occurred_at, received_at, channel) "
          + "select 'seed-' || cast(l.id as varchar) || '-' || g.n, 'PAGE_VIEW', l.id, 'https://example.com' || " + paths
          + ", " + paths + ", " + ago + ", current_timestamp, 'API' from lead l cross join " + series
          + " where l.deleted_at is null and not exists (select 1 from tracking_event e where e.event_id = 'seed-' || "
          + "cast(l.id as varchar) || '-1')");
      if (pg) {
        db.execute("analyze tracking_event");
      }
      System.out.printf("seeded events in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
  }
}
