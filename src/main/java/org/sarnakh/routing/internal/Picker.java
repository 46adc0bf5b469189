package org.sarnakh.routing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sarnakh.routing.RoutingRule;
import org.sarnakh.routing.SkipReason;
import org.sarnakh.routing.Strategy;

/**
 * Picks one rep of a rule's pool for one lead and says why every other member was passed over.
 * Works on the state of one routing batch ({@link State}), which it moves on as it assigns, so the
 * leads of a batch share out exactly as one-at-a-time routing would.
 */
public final class Picker {

  /** One member as the explanation shows it: CHOSEN, SKIPPED (with a reason) or PASSED (available, not picked). */
  public record Candidate(UUID userId, String name, String outcome, @Nullable SkipReason reason, @Nullable String detail) {}

  public record Choice(@Nullable UUID chosen, List<Candidate> candidates) {}

  /** The batch's view of rotation pointers, weighted turns, open loads and assignments made so far. */
  public static final class State {
    final Map<UUID, @Nullable UUID> lastUser;
    final Map<UUID, Map<UUID, Long>> turns;
    final Map<UUID, Integer> openLoad;
    final Map<UUID, Integer> addedToday = new HashMap<>();
    final Map<UUID, Integer> addedMonth = new HashMap<>();

    public State(Map<UUID, @Nullable UUID> lastUser, Map<UUID, Map<UUID, Long>> turns, Map<UUID, Integer> openLoad) {
      this.lastUser = new HashMap<>(lastUser);
      this.turns = new HashMap<>();
      turns.forEach((k, v) -> this.turns.put(k, new HashMap<>(v)));
      this.openLoad = new HashMap<>(openLoad);
    }

    public Map<UUID, @Nullable UUID> lastUser() {
      return lastUser;
    }

    public Map<UUID, Map<UUID, Long>> turns() {
      return turns;
    }

    void assigned(RoutingRule rule, UUID user) {
      lastUser.put(rule.id(), user);
      turns.computeIfAbsent(rule.id(), k -> new HashMap<>()).merge(user, 1L, Long::sum);
      openLoad.merge(user, 1, Integer::sum);
      addedToday.merge(user, 1, Integer::sum);
      addedMonth.merge(user, 1, Integer::sum);
    }

    /** A lead given to {@code user} outside any rule (the default owner) still counts against their caps and load. */
    public void assignedByDefault(UUID user) {
      openLoad.merge(user, 1, Integer::sum);
      addedToday.merge(user, 1, Integer::sum);
      addedMonth.merge(user, 1, Integer::sum);
    }

    public @Nullable SkipReason unavailable(Rep rep, java.time.Instant at, Set<UUID> excluded) {
      return rep.unavailable(at, excluded, addedToday.getOrDefault(rep.id(), 0), addedMonth.getOrDefault(rep.id(), 0));
    }
  }

  private Picker() {}

  /**
   * @param members the pool at routing time, in the rule's order (listed users, or the team's
   *     members by id); {@code fit} gives a member's smoothed conversion rate (BEST_FIT only)
   */
  public static Choice pick(RoutingRule rule, List<UUID> members, Map<UUID, Rep> reps, State state,
      java.time.Instant at, Set<UUID> excluded, Function<UUID, Fit> fit) {
    Map<UUID, SkipReason> skipped = new HashMap<>();
    List<UUID> available = new ArrayList<>();
    for (UUID m : members) {
      Rep rep = reps.getOrDefault(m, Rep.unknown(m));
      SkipReason why = state.unavailable(rep, at, excluded);
      if (why == null) {
        available.add(m);
      } else {
        skipped.put(m, why);
      }
    }
    UUID chosen = available.isEmpty() ? null : switch (rule.strategy()) {
      case ROUND_ROBIN -> nextAfter(state.lastUser.get(rule.id()), available);
      case FIXED -> available.get(0);
      case WEIGHTED -> weighted(rule, members, available, state);
      case LEAST_LOADED -> available.stream()
          .min(Comparator.comparingInt((UUID u) -> state.openLoad.getOrDefault(u, 0))
              .thenComparing(u -> turnsOf(state, rule, u)).thenComparing(available::indexOf)).orElseThrow();
      case BEST_FIT -> available.stream()
          .max(Comparator.comparingDouble((UUID u) -> fit.apply(u).score())
              .thenComparing(u -> -turnsOf(state, rule, u)).thenComparing(u -> -available.indexOf(u))).orElseThrow();
    };
    List<Candidate> out = new ArrayList<>();
    for (UUID m : members) {
      Rep rep = reps.getOrDefault(m, Rep.unknown(m));
      String detail = detail(rule.strategy(), m, state, rule, fit);
      if (skipped.containsKey(m)) {
        out.add(new Candidate(m, rep.name(), "SKIPPED", skipped.get(m), null));
      } else {
        out.add(new Candidate(m, rep.name(), m.equals(chosen) ? "CHOSEN" : "PASSED", null, detail));
      }
    }
    if (chosen != null) {
      state.assigned(rule, chosen);
    }
    return new Choice(chosen, out);
  }

  /** A rep's record on leads like this one, and its smoothed rate. */
  public record Fit(long converted, long decided, double score) {}

  private static @Nullable String detail(Strategy s, UUID m, State state, RoutingRule rule, Function<UUID, Fit> fit) {
    return switch (s) {
      case LEAST_LOADED -> state.openLoad.getOrDefault(m, 0) + " open leads";
      case WEIGHTED -> turnsOf(state, rule, m) + " leads at weight " + rule.weightOf(m);
      case BEST_FIT -> {
        Fit f = fit.apply(m);
        yield String.format(java.util.Locale.ROOT, "converted %d of %d similar leads, fit %.3f", f.converted(),
            f.decided(), f.score());
      }
      default -> null;
    };
  }

  /** The first available member after {@code last} in id order, wrapping round; the first when there is no last. */
  static UUID nextAfter(@Nullable UUID last, List<UUID> available) {
    List<UUID> sorted = available.stream().sorted().toList();
    if (last != null) {
      for (UUID u : sorted) {
        if (u.compareTo(last) > 0) {
          return u;
        }
      }
    }
    return sorted.get(0);
  }

  private static long turnsOf(State state, RoutingRule rule, UUID user) {
    return state.turns.getOrDefault(rule.id(), Map.of()).getOrDefault(user, 0L);
  }

  /**
   * The member furthest behind their share: least (turns + 1) / weight. A member with no turns
   * recorded (new to the pool) starts level with the least served member, not at zero.
   */
  private static UUID weighted(RoutingRule rule, List<UUID> members, List<UUID> available, State state) {
    Map<UUID, Long> turns = state.turns.computeIfAbsent(rule.id(), k -> new HashMap<>());
    double level = members.stream().filter(turns::containsKey)
        .mapToDouble(u -> (double) turns.get(u) / rule.weightOf(u)).min().orElse(0);
    for (UUID u : members) {
      turns.computeIfAbsent(u, k -> (long) Math.floor(level * rule.weightOf(u)));
    }
    return available.stream().min(Comparator.comparingDouble((UUID u) -> (turns.get(u) + 1.0) / rule.weightOf(u))
        .thenComparing(available::indexOf)).orElseThrow();
  }
}
