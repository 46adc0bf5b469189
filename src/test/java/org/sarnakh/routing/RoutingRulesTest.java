package org.sarnakh.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.sarnakh.routing.internal.Picker;
import org.sarnakh.routing.internal.Rep;

/** Working hours, first-touch deadlines counted in them, and the strategies' picks, without a database. */
class RoutingRulesTest {

  static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
  static final WorkingHours OFFICE = new WorkingHours(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY,
      DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

  @Test
  void aDeadlineLateInTheDayContinuesOnTheNextWorkingDay() {
    // Wednesday 16:55 in Tehran; Thursday and Friday are off: 15 working minutes end Saturday 09:10.
    Instant wednesday = Instant.parse("2026-12-02T13:25:00Z");
    assertThat(OFFICE.plusWorking(wednesday, Duration.ofMinutes(15), TEHRAN).atZone(TEHRAN).toLocalDateTime())
        .hasToString("2026-12-05T09:10");
    assertThat(OFFICE.contains(wednesday, TEHRAN)).isTrue();
    assertThat(OFFICE.contains(Instant.parse("2026-12-03T08:00:00Z"), TEHRAN)).isFalse();
  }

  @Test
  void nightShiftsBelongToTheDayTheyStart() {
    WorkingHours night = new WorkingHours(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(6, 0));
    ZoneId utc = ZoneId.of("UTC");
    assertThat(night.contains(Instant.parse("2026-11-30T23:00:00Z"), utc)).isTrue();
    assertThat(night.contains(Instant.parse("2026-12-01T05:59:00Z"), utc)).isTrue();
    assertThat(night.contains(Instant.parse("2026-12-01T23:00:00Z"), utc)).isFalse();
  }

  @Test
  void roundRobinGoesOnAfterTheLastOneAndSkipsWhoIsFull() {
    List<UUID> pool = ids(3);
    RoutingRule rule = rule(Strategy.ROUND_ROBIN, Map.of());
    Map<UUID, Rep> reps = reps(pool);
    reps.put(pool.get(1), rep(pool.get(1), new Capacity(pool.get(1), true, 0, null, null)));
    Picker.State state = new Picker.State(Map.of(rule.id(), pool.get(0)), Map.of(), Map.of());
    Picker.Choice choice = Picker.pick(rule, pool, reps, state, Instant.now(), Set.of(), u -> null);
    assertThat(choice.chosen()).isEqualTo(pool.get(2));
    assertThat(choice.candidates()).anySatisfy(c -> {
      assertThat(c.userId()).isEqualTo(pool.get(1));
      assertThat(c.reason()).isEqualTo(SkipReason.DAILY_CAP_REACHED);
    });
    assertThat(Picker.pick(rule, pool, reps, state, Instant.now(), Set.of(), u -> null).chosen()).isEqualTo(pool.get(0));
  }

  @Test
  void weightedSharesByWeightAndANewcomerStartsLevelWithTheLeastServed() {
    List<UUID> pool = ids(2);
    RoutingRule rule = rule(Strategy.WEIGHTED, Map.of(pool.get(0), 3, pool.get(1), 1));
    Picker.State state = new Picker.State(Map.of(), Map.of(), Map.of());
    Map<UUID, Integer> got = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      got.merge(Picker.pick(rule, pool, reps(pool), state, Instant.now(), Set.of(), u -> null).chosen(), 1, Integer::sum);
    }
    assertThat(got).containsEntry(pool.get(0), 30).containsEntry(pool.get(1), 10);

    List<UUID> grown = new java.util.ArrayList<>(pool);
    UUID newcomer = UUID.randomUUID();
    grown.add(newcomer);
    RoutingRule bigger = new RoutingRule(rule.id(), 1, "w", true, List.of(), Strategy.WEIGHTED, null,
        List.of(new RoutingRule.Member(pool.get(0), 3), new RoutingRule.Member(pool.get(1), 1),
            new RoutingRule.Member(newcomer, 1)), null, 0);
    Map<UUID, Integer> next = new HashMap<>();
    for (int i = 0; i < 5; i++) {
      next.merge(Picker.pick(bigger, grown, reps(grown), state, Instant.now(), Set.of(), u -> null).chosen(), 1,
          Integer::sum);
    }
    assertThat(next.getOrDefault(newcomer, 0)).isLessThanOrEqualTo(2);
  }

  private static List<UUID> ids(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).sorted().toList();
  }

  private static RoutingRule rule(Strategy s, Map<UUID, Integer> weights) {
    return new RoutingRule(UUID.randomUUID(), 1, "r", true, List.of(), s, null,
        weights.entrySet().stream().map(e -> new RoutingRule.Member(e.getKey(), e.getValue())).toList(), null, 0);
  }

  private static Map<UUID, Rep> reps(List<UUID> ids) {
    Map<UUID, Rep> out = new HashMap<>();
    ids.forEach(id -> out.put(id, rep(id, Capacity.open(id))));
    return out;
  }

  private static Rep rep(UUID id, Capacity c) {
    return new Rep(id, "rep", true, true, TEHRAN, c, false, 0, 0);
  }
}
