package org.sarnakh.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.RoutingRules;
import org.sarnakh.routing.RoutingWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Routing throughput and round-robin fairness: {@code --reps} reps in teams of equal size, one
 * round-robin rule per team (leads tagged for it; the last rule takes the rest), {@code --leads}
 * new leads queued by the bulk insert as any import queues them, then {@code --routers}
 * concurrent routers drain the queue. Reports assignments per second and, per rule, the spread
 * (most − fewest leads) among its reps.
 */
@Command(name = "routing", description = "Routing throughput with concurrent routers, and round-robin fairness per rep.")
class RoutingBench implements Callable<Integer> {

  @Option(names = "--leads", defaultValue = "100000", description = "Leads to route (default ${DEFAULT-VALUE}).")
  int leads;

  @Option(names = "--reps", defaultValue = "200", description = "Sales reps (default ${DEFAULT-VALUE}).")
  int reps;

  @Option(names = "--rules", defaultValue = "20", description = "Round-robin rules, one team each (default ${DEFAULT-VALUE}).")
  int rules;

  @Option(names = "--routers", defaultValue = "8", description = "Concurrent routers (default ${DEFAULT-VALUE}).")
  int routers;

  @Option(names = "--batch", defaultValue = "200", description = "Leads a router claims at once (default ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() throws Exception {
    // The routers are the bench's threads; the scheduled worker sleeps.
    try (var ctx = SarnakhCommand.offline("--sarnakh.routing.batch=" + batch, "--sarnakh.routing.poll=1h",
        "--sarnakh.scoring.poll=1h", "--logging.level.org.sarnakh=warn")) {
      DSLContext db = ctx.getBean(DSLContext.class);
      UUID admin = BenchCommand.benchUser(ctx, "bench-admin@localhost", Role.ADMIN);
      List<UUID> teams = teams(ctx);
      RoutingRules routingRules = ctx.getBean(RoutingRules.class);
      for (RoutingRule r : routingRules.list()) {
        routingRules.delete(r.id());
      }
      for (int i = 0; i < rules; i++) {
        List<?> conditions = i == rules - 1 ? List.of()
            : List.of(Map.of("field", "tags", "op", "in", "values", List.of("bench-r" + i)));
        routingRules.create(Map.of("name", "bench rule " + i, "conditions", conditions, "strategy", "ROUND_ROBIN",
            "pool", Map.of("teamId", teams.get(i).toString())));
      }
      db.execute("delete from routing_queue");
      System.out.printf("%s; %d reps in %d teams, %d round-robin rules, %,d leads, %d routers, batches of %d%n",
          ScoringBenchCommand.machine(), reps, rules, rules, leads, routers, batch);

      Instant started = Instant.now();
      long t0 = System.nanoTime();
      insertLeads(ctx, admin);
      ctx.getBean(LeadBulkLoad.class).refreshStatistics();
      double insertS = (System.nanoTime() - t0) / 1e9;
      int queued = db.fetchCount(DSL.table("routing_queue"));
      System.out.printf("inserted %,d leads in %.1f s (%.0f leads/s), %,d queued for routing on create%n", leads,
          insertS, leads / insertS, queued);

      RoutingWorker worker = ctx.getBean(RoutingWorker.class);
      long cpu0 = BenchLoad.processCpuNanos();
      long t1 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(routers);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < routers; i++) {
        runs.add(pool.submit(() -> {
          while (worker.drainOnce() > 0) {
            // Until the queue is empty.
          }
        }));
      }
      for (Future<?> f : runs) {
        f.get();
      }
      pool.shutdown();
      double routeS = (System.nanoTime() - t1) / 1e9;
      double cpuS = (BenchLoad.processCpuNanos() - cpu0) / 1e9;
      long assigned = db.fetchCount(DSL.table("routing_assignment"),
          DSL.field("at", Instant.class).ge(started).and(DSL.field("outcome", String.class).eq("ASSIGNED")));
      System.out.printf("%,d assignments in %.2f s: %.0f assignments/s (decided and handed over); process CPU %.1f s (%.1f cores)%n",
          assigned, routeS, assigned / routeS, cpuS, cpuS / routeS);

      int worst = 0;
      int most = 0;
      int fewest = Integer.MAX_VALUE;
      Map<UUID, Map<UUID, Integer>> perRule = new HashMap<>();
      for (var r : db.select(DSL.field("rule_id", UUID.class), DSL.field("owner_id", UUID.class), DSL.count())
          .from("routing_assignment").where(DSL.field("at", Instant.class).ge(started))
          .and(DSL.field("outcome", String.class).eq("ASSIGNED"))
          .groupBy(DSL.field("rule_id"), DSL.field("owner_id")).fetch()) {
        perRule.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3());
      }
      for (var counts : perRule.values()) {
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = counts.size() < reps / rules ? 0 : counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        worst = Math.max(worst, max - min);
        most = Math.max(most, max);
        fewest = Math.min(fewest, min);
      }
      System.out.printf("round-robin fairness: worst spread within a rule (most − fewest leads per rep) %d; "
          + "leads per rep from %d to %d across rules of different traffic%n", worst, fewest, most);
      System.out.printf("%s%n", ScoringBenchCommand.machine());
      return 0;
    }
  }

  /** The bench's teams of reps, created on the first run; rep i is in team i mod rules. */
  private List<UUID> teams(org.springframework.context.ConfigurableApplicationContext ctx) {
    UserDirectory directory = ctx.getBean(UserDirectory.class);
    UserAdministration admin = ctx.getBean(UserAdministration.class);
    Map<String, UUID> byName = new HashMap<>();
    for (TeamSummary t : directory.teams()) {
      byName.put(t.name(), t.id());
    }
    List<UUID> teams = new ArrayList<>();
    for (int i = 0; i < rules; i++) {
      String name = "Bench team " + i;
      UUID id = byName.get(name);
      teams.add(id != null ? id : admin.createTeam(name).id());
    }
    Map<String, UserSummary> existing = new HashMap<>();
    directory.list().forEach(u -> existing.put(u.email(), u));
    for (int i = 0; i < reps; i++) {
      String email = "bench-rep-" + i + "@bench.sarnakh.org";
      UUID team = teams.get(i % rules);
      UserSummary u = existing.get(email);
      if (u == null) {
        admin.create(new UserAdministration.NewUser(email, "Bench rep " + i, Role.SALES_REP, List.of(team), null));
      } else if (!u.teamIds().equals(java.util.Set.of(team))) {
        admin.setTeams(u.id(), List.of(team));
      }
    }
    return teams;
  }

  /** New leads without owner in bulk batches (each queued for routing in its batch's transaction). */
  private void insertLeads(org.springframework.context.ConfigurableApplicationContext ctx, UUID admin) {
    LeadBulkLoad bulk = ctx.getBean(LeadBulkLoad.class);
    Actor actor = new Actor(admin, "Routing bench", Actor.Channel.IMPORT);
    java.util.Random random = new java.util.Random(42);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    List<Lead> chunk = new ArrayList<>(5000);
    for (int i = 0; i < leads; i++) {
      Map<LeadField, @Nullable Object> v = new EnumMap<>(LeadField.class);
      v.put(LeadField.LAST_NAME, "Routed " + i);
      v.put(LeadField.TAGS, List.of("bench-r" + random.nextInt(rules)));
      chunk.add(LeadBulkLoad.build(new LeadInput.Parsed(v, null, null), now, admin));
      if (chunk.size() == 5000 || i == leads - 1) {
        bulk.insert(chunk, actor);
        chunk.clear();
      }
    }
  }
}
