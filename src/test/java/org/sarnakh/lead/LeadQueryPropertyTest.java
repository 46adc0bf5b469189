package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidInput;

/** {@link LeadQuery#parse}: any parameters give a query or an {@link InvalidInput}; cursors stay with their query. */
class LeadQueryPropertyTest {

  static final List<String> PARAMETERS = List.copyOf(LeadQuery.PARAMETERS);

  static Arbitrary<String> anyValue() {
    Arbitrary<String> random = Arbitraries.strings()
        .withChars('\u0000', '\n', '\u202E', '\u2066', '\uD800', '-', '+', ',', ' ', '%', '\'', '=', '۵', '٣', 'a', 'Z')
        .withCharRange('!', '~')
        .ofMaxLength(30);
    Arbitrary<String> plausible = Arbitraries.of("10", "500", "501", "0", "-1", "99999999999", "١٢", "createdAt",
        "-score", "--score", "-", "NEW", "new,DEAD", "ZOMBIE", "me", "none", "IR", "irn", "website", "Website",
        "2026-11-23", "2026-11-23T08:15:00Z", "2026-13-01", "true", "false", "yes", UUID.randomUUID().toString(),
        "not-a-uuid", "' or 1=1 --", "", "x".repeat(250), "bmV3", "LWNyZWF0ZWRBdAo");
    return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(2, plausible));
  }

  @Provide
  Arbitrary<Map<String, List<String>>> anyParameters() {
    Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(PARAMETERS)),
        Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)));
    return Arbitraries.maps(name, anyValue().list().ofMinSize(1).ofMaxSize(2)).ofMaxSize(6)
        .map(m -> (Map<String, List<String>>) new LinkedHashMap<>(m));
  }

  @Property(tries = 3000)
  void parseAnswersAQueryOrInvalidInputOnly(@ForAll("anyParameters") Map<String, List<String>> params) {
    Throwable thrown = catchThrowable(() -> LeadQuery.parse(params));
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(InvalidInput.class);
      assertThat(((InvalidInput) thrown).problems()).isNotEmpty();
    } else {
      LeadQuery q = LeadQuery.parse(params);
      assertThat(q.limit()).isBetween(1, LeadQuery.MAX_LIMIT);
    }
    Map<String, List<String>> filtersOnly = new LinkedHashMap<>(params);
    filtersOnly.keySet().removeAll(LeadQuery.PAGING);
    Throwable filterThrown = catchThrowable(() -> LeadQuery.parseFilters(filtersOnly));
    if (filterThrown != null) {
      assertThat(filterThrown).isInstanceOf(InvalidInput.class);
    }
  }

  // ---- cursors ----

  /** Valid filters: each parameter present or not. */
  @Provide
  Arbitrary<Map<String, List<String>>> validFilters() {
    return Combinators.combine(
        Arbitraries.of("", "NEW", "DEAD,IN_PROCESS"),
        Arbitraries.of("", "me", "none", UUID.randomUUID().toString()),
        Arbitraries.of("", "vip", "expo,vip"),
        Arbitraries.of("", "علی", "ana@example.com", "0912"),
        Arbitraries.integers().between(-5, 200).injectNull(0.5),
        Arbitraries.of("", "IR", "de,gb"),
        Arbitraries.of("", "2026-01-01", "2026-11-23T08:15:00Z"))
        .as((status, owner, tag, q, scoreMin, country, from) -> {
          Map<String, List<String>> p = new LinkedHashMap<>();
          put(p, "status", status);
          put(p, "ownerId", owner);
          put(p, "tag", tag);
          put(p, "q", q);
          put(p, "scoreMin", scoreMin == null ? "" : scoreMin.toString());
          put(p, "country", country);
          put(p, "createdFrom", from);
          return p;
        });
  }

  static void put(Map<String, List<String>> p, String name, String value) {
    if (!value.isEmpty()) {
      p.put(name, List.of(value));
    }
  }

  @Provide
  Arbitrary<LeadQuery.Sort> sorts() {
    return Combinators.combine(Arbitraries.of(LeadQuery.SortKey.class), Arbitraries.of(true, false))
        .as(LeadQuery.Sort::new);
  }

  static @Nullable String sortValue(LeadQuery.SortKey key, int seed) {
    if (seed % 5 == 0) {
      return null;
    }
    return switch (key) {
      case createdAt, updatedAt -> Instant.ofEpochMilli(1_700_000_000_000L + seed * 997L).toString();
      case score, companySize -> String.valueOf(seed);
      case ownerId -> new UUID(seed, seed * 31L).toString();
      default -> "value, with\nnewline " + seed;
    };
  }

  static Map<String, List<String>> with(Map<String, List<String>> params, String name, String value) {
    Map<String, List<String>> p = new LinkedHashMap<>(params);
    p.put(name, List.of(value));
    return p;
  }

  @Property(tries = 1000)
  void cursorIsAcceptedByItsOwnQueryOnly(@ForAll("validFilters") Map<String, List<String>> filters,
      @ForAll("sorts") LeadQuery.Sort sort, @ForAll int seed) {
    Map<String, List<String>> params = with(filters, "sort", sort.asParameter());
    LeadQuery query = LeadQuery.parse(params);
    String value = sortValue(sort.key(), Math.abs(seed % 100_000));
    UUID id = UUID.randomUUID();
    String cursor = query.encodeCursor(value, id);

    LeadQuery next = LeadQuery.parse(with(with(params, "cursor", cursor), "limit", "7"));
    assertThat(next.after()).isEqualTo(new LeadQuery.Cursor(value, id));
    assertThat(next.limit()).isEqualTo(7);

    LeadQuery.Sort otherSort = new LeadQuery.Sort(sort.key(), !sort.descending());
    assertThatThrownBy(() -> LeadQuery.parse(with(with(params, "sort", otherSort.asParameter()), "cursor", cursor)))
        .isInstanceOf(InvalidInput.class);
    String otherMin = filters.containsKey("scoreMin") && filters.get("scoreMin").get(0).equals("1000") ? "1001" : "1000";
    assertThatThrownBy(() -> LeadQuery.parse(with(with(params, "scoreMin", otherMin), "cursor", cursor)))
        .isInstanceOf(InvalidInput.class);
    List<String> other = new ArrayList<>(List.of("status", "DEAD"));
    if (!"DEAD".equals(filters.getOrDefault("status", List.of("")).get(0))) {
      assertThatThrownBy(() -> LeadQuery.parse(with(with(params, other.get(0), other.get(1)), "cursor", cursor)))
          .isInstanceOf(InvalidInput.class);
    }
  }
}
