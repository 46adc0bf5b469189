package org.sarnakh.cli;

import static org.sarnakh.platform.db.Tables.SEGMENT;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jooq.DSLContext;
import org.sarnakh.SarnakhApplication;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadMatching.OnDuplicate;
import org.sarnakh.nurture.Segment;
import org.sarnakh.nurture.Segments;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Segments at scale: the full evaluation of a new dynamic segment over every lead (create → every
 * member stored), then how long a changed lead takes to join a segment while the segments exist
 * (change committed → membership row visible).
 */
@Command(name = "segment", description = "New dynamic segment over N leads; a changed lead's membership latency.")
class SegmentBench implements Callable<Integer> {

  @Option(names = "--leads", defaultValue = "1000000", description = "Leads in the database (default ${DEFAULT-VALUE}).")
  long leads;

  @Option(names = "--changes", defaultValue = "200", description = "Single-lead changes timed (default ${DEFAULT-VALUE}).")
  int changes;

  @Override
  public Integer call() throws Exception {
    ConfigurableApplicationContext ctx = SpringApplication.run(SarnakhApplication.class, "--server.port=0",
        "--logging.level.root=warn", "--logging.level.org.sarnakh.cli=info", "--sarnakh.jobs.poll=50ms");
    try {
      long have = BenchCommand.ensureLeads(ctx, leads);
      DSLContext db = ctx.getBean(DSLContext.class);
      Segments segments = ctx.getBean(Segments.class);
      CurrentUser user = ctx.getBean(UserDirectory.class)
          .current(BenchCommand.benchUser(ctx, "bench-marketing@localhost", Role.MARKETING)).orElseThrow();
      String run = UUID.randomUUID().toString().substring(0, 6);
      System.out.printf("%d leads; heap max %d MB%n", Math.max(have, leads), Runtime.getRuntime().maxMemory() >> 20);

      build(db, segments, user, "bench hot " + run, Map.of("match", Map.of("rating", List.of("HOT"))));
      build(db, segments, user, "bench new website " + run, Map.of("match", Map.of("status", List.of("NEW", "ASSIGNED"),
          "leadSource", List.of("website"))));
      build(db, segments, user, "bench pricing visitors " + run, Map.of("match", Map.of(), "events", List.of(
          Map.of("type", "PAGE_VIEW", "path", "/pricing*", "withinDays", 30))));

      String tag = "bench-" + run;
      Segment tagged = segments.create(Map.of("name", "bench tagged " + run, "kind", "DYNAMIC", "definition",
          Map.of("match", Map.of("tag", List.of(tag)))), user);
      await(db, tagged.id());
      latency(ctx, db, user, tagged.id(), tag);
      System.out.printf("heap used after run: %d MB (peak heap pools %d MB)%n",
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20, BenchCommand.peakHeapMb());
      return 0;
    } finally {
      ctx.close();
    }
  }

  private static void build(DSLContext db, Segments segments, CurrentUser user, String name, Map<String, Object> definition)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Segment s = segments.create(Map.of("name", name, "kind", "DYNAMIC", "definition", definition), user);
    long cpu0 = BenchLoad.processCpuNanos();
    await(db, s.id());
    double seconds = (System.nanoTime() - t0) / 1e9;
    Segment done = segments.get(s.id());
    System.out.printf("%-36s %9d members in %6.2f s (JVM CPU %.1f s)%n", name, done.memberCount(), seconds,
        (BenchLoad.processCpuNanos() - cpu0) / 1e9);
  }

  private static void await(DSLContext db, UUID segment) throws InterruptedException {
    while (!Segment.READY.equals(db.select(SEGMENT.STATE).from(SEGMENT).where(SEGMENT.ID.eq(segment)).fetchOne(SEGMENT.STATE))) {
      Thread.sleep(20);
    }
  }

  /** Tags random leads one at a time through the lead API and waits for each to appear as a member. */
  private void latency(ConfigurableApplicationContext ctx, DSLContext db, CurrentUser user, UUID segment, String tag)
      throws InterruptedException {
    LeadManagement leads = ctx.getBean(LeadManagement.class);
    List<UUID> ids = ctx.getBean(LeadQueries.class).idsAfter(null, Math.max(changes * 50, 10_000));
    Random random = new Random(11);
    long[] nanos = new long[changes];
    for (int i = 0; i < changes; i++) {
      UUID id = ids.get(random.nextInt(ids.size()));
      long t0 = System.nanoTime();
      leads.edit(new LeadId(id), Map.of("tags", List.of(tag, "n" + i)), null, user, Actor.Channel.API, OnDuplicate.REJECT);
      while (!db.fetchExists(SEGMENT_MEMBER, SEGMENT_MEMBER.SEGMENT_ID.eq(segment).and(SEGMENT_MEMBER.LEAD_ID.eq(id)))) {
        Thread.sleep(1);
      }
      nanos[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    System.out.printf("changed lead → member: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d changes%n",
        BenchLoad.pct(nanos, 50), BenchLoad.pct(nanos, 99), nanos[nanos.length - 1] / 1e6, changes);
  }
}
