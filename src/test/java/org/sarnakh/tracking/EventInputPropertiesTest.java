package org.sarnakh.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidValue;

/** Whatever an integration sends, an event is either read in full or refused with a field and a reason. */
class EventInputPropertiesTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Property(tries = 3000)
  void anyObjectIsReadOrRefusedWithAFieldAndAReason(@ForAll("events") Map<String, Object> json) {
    try {
      EventInput.Parsed p = EventInput.parse(json, NOW, TrackedEvent.Channel.API);
      assertThat(p.draft().eventId()).isNotBlank().hasSizeLessThanOrEqualTo(EventInput.MAX_ID);
      assertThat(p.draft().occurredAt()).isBeforeOrEqualTo(NOW.plus(EventInput.FUTURE_SLACK));
      if (p.draft().path() != null) {
        assertThat(p.draft().path()).startsWith("/");
      }
      assertThat(p.who().leadId() != null || p.who().email() != null || p.who().anonymousId() != null).isTrue();
    } catch (InvalidValue refused) {
      assertThat(refused.field()).isNotBlank();
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void campaignParametersComeFromTheUrlWhenNotGiven(@ForAll("words") String source, @ForAll("words") String campaign) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("eventId", "e1");
    json.put("type", "PAGE_VIEW");
    json.put("anonymousId", "a");
    json.put("url", "https://x.example/p?utm_source=" + source + "&utm_campaign=" + campaign + "&b=1");

    var utm = EventInput.parse(json, NOW, TrackedEvent.Channel.API).draft().utm();

    assertThat(utm.source()).isEqualTo(source);
    assertThat(utm.campaign()).isEqualTo(campaign);
    assertThat(utm.medium()).isNull();
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<Map<String, Object>> events() {
    Arbitrary<Object> anything = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(120).map(s -> (Object) s),
        Arbitraries.strings().withChars("/?#:%&=ab\u202e\u0000 ").ofMaxLength(30).map(s -> (Object) ("https://h.example" + s)),
        Arbitraries.of("2026-11-30T10:00:00Z", "2031-01-01T00:00:00Z", "1999-01-01T00:00:00Z", "yesterday")
            .map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.just((Object) Map.of("k", "v")),
        Arbitraries.just((Object) Map.of("k", Map.of())),
        Arbitraries.just((Object) List.of("x")),
        Arbitraries.just(null));
    Arbitrary<String> keys = Arbitraries.of("eventId", "type", "leadId", "email", "anonymousId", "url", "occurredAt",
        "properties", "utm", "referrer", "extra");
    return Combinators.combine(Arbitraries.maps(keys, anything).ofMaxSize(8),
        Arbitraries.of("PAGE_VIEW", "page_view", "EMAIL_CLICK", "NOPE"), Arbitraries.strings().ofMinLength(1).ofMaxLength(110))
        .as((m, type, id) -> {
          Map<String, Object> json = new LinkedHashMap<>(m);
          json.putIfAbsent("type", type);
          json.putIfAbsent("eventId", id);
          return json;
        });
  }
}
