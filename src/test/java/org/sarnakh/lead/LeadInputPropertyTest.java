package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.text.TextKeys;

/** {@link LeadInput#parse}: whatever JSON arrives, the answer is a parsed input or an {@link InvalidInput}. */
class LeadInputPropertyTest {

  static final UUID KNOWN_USER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final UUID KNOWN_TEAM = UUID.fromString("00000000-0000-0000-0000-00000000000b");

  /** The catalog of a fresh installation, in memory, plus one custom field of each type. */
  static final LeadCatalog CATALOG = new LeadCatalog() {
    final Map<String, Set<String>> codes = Map.of(
        "lead_source", Set.of("website", "referral", "trade_show"),
        "industry", Set.of("technology", "finance"),
        "sub_industry", Set.of("software"),
        "lost_reason", Set.of("no_budget"));
    final Map<String, CustomFieldDefinition> custom = Map.of(
        "shoeSize", new CustomFieldDefinition("shoeSize", "NUMBER", 20),
        "vip", new CustomFieldDefinition("vip", "BOOLEAN", 5),
        "nickname", new CustomFieldDefinition("nickname", "TEXT", 30),
        "since", new CustomFieldDefinition("since", "DATE", 10));

    @Override
    public boolean codeExists(String list, String code) {
      return codes.getOrDefault(list, Set.of()).contains(code);
    }

    @Override
    public Optional<CustomFieldDefinition> customField(String name) {
      return Optional.ofNullable(custom.get(name));
    }

    @Override
    public boolean campaignExists(UUID id) {
      return false;
    }

    @Override
    public boolean activeUser(UUID id) {
      return KNOWN_USER.equals(id);
    }

    @Override
    public boolean teamExists(UUID id) {
      return KNOWN_TEAM.equals(id);
    }

    @Override
    public String defaultRegion() {
      return "IR";
    }
  };

  static final List<String> NAMES = names();

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (LeadField f : LeadField.values()) {
      names.add(f.apiName());
      names.add(f.leafName());
    }
    names.addAll(LeadInput.READ_ONLY);
    names.addAll(LeadInput.GROUPS);
    names.addAll(List.of("marketingConsent", "status", "source", "amount", "currency", "shoeSize", "vip", "nickname",
        "since"));
    return names;
  }

  /** Text of every kind: ordinary, Persian, digits of other systems, controls, bidi overrides, surrogates. */
  static Arbitrary<String> anyText() {
    Arbitrary<String> mixed = Arbitraries.strings()
        .withChars('\u0000', '\u0007', '\n', '\r', '\t', '\u202A', '\u202E', '\u2066', '\u2069', '\u200C', '\uFEFF',
            '\uD800', '\u06F1', '\u0661', '=', '@', '+', '<', '"', '.', '-', ' ', '/', 'a', 'Z', '5', 'ی', 'ك')
        .withCharRange('\u0000', '\u07FF')
        .ofMaxLength(40);
    Arbitrary<String> likely = Arbitraries.of("ana@example.com", "+989121234567", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷", "IR",
        "Iran", "ایران", "website", "WARM", "hot", "https://example.com", "javascript:alert(1)", "12", "١٢", "-3",
        "1500000", "12.345", "IRR", "usd", "GRANTED", KNOWN_USER.toString(), KNOWN_TEAM.toString(),
        UUID.randomUUID().toString(), "", "   ", "true");
    Arbitrary<String> long_ = Arbitraries.integers().between(90, 400).map("x"::repeat);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, mixed), net.jqwik.api.Tuple.of(4, likely), net.jqwik.api.Tuple.of(1, long_));
  }

  static Arbitrary<Object> scalar() {
    return Arbitraries.oneOf(
        anyText().map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(b -> (Object) b),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.bigDecimals().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b))
        .injectNull(0.1);
  }

  static Arbitrary<Object> value(int depth) {
    if (depth <= 0) {
      return scalar();
    }
    Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map = jsonObject(depth - 1).map(m -> (Object) m);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, scalar()), net.jqwik.api.Tuple.of(1, list),
        net.jqwik.api.Tuple.of(2, map));
  }

  static Arbitrary<Map<String, Object>> jsonObject(int depth) {
    Arbitrary<String> key = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, Arbitraries.of(NAMES)),
        net.jqwik.api.Tuple.of(1, anyText()));
    return Arbitraries.maps(key, value(depth)).ofMaxSize(6).map(m -> (Map<String, Object>) new LinkedHashMap<>(m));
  }

  @Provide
  Arbitrary<Map<String, Object>> anyJson() {
    return jsonObject(2);
  }

  @Property(tries = 3000)
  void parseAnswersParsedInputOrInvalidInputOnly(@ForAll("anyJson") Map<String, Object> json) {
    Throwable thrown = catchThrowable(() -> LeadInput.parse(json, CATALOG));

    if (thrown != null) {
      assertThat(thrown).isInstanceOf(InvalidInput.class);
      assertThat(((InvalidInput) thrown).problems()).isNotEmpty().allSatisfy(p -> {
        assertThat(p.field()).isNotNull();
        assertThat(p.message()).isNotBlank();
      });
    }
  }

  // ---- valid input keeps within the limits ----

  static Arbitrary<String> cleanText(int maxLength) {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('ی', 'ب', 'ا', ' ', '<', '>', '\'', '=')
        .ofMinLength(1).ofMaxLength(maxLength).filter(s -> !s.isBlank());
  }

  @Provide
  Arbitrary<Map<String, Object>> validJson() {
    return Combinators.combine(
        cleanText(120), cleanText(120), cleanText(250),
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(30),
        Arbitraries.integers().between(0, 100_000_000),
        cleanText(50).list().ofMaxSize(8),
        Arbitraries.of("IR", "Iran", "de", "DEU", "امارات"),
        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99999999999")).ofScale(2))
        .as((first, last, account, local, size, tags, country, amount) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("firstName", first);
          m.put("lastName", last);
          m.put("accountName", account);
          m.put("email", local + "@Example.COM");
          m.put("companySize", size);
          m.put("tags", tags);
          m.put("address", Map.of("country", country));
          m.put("opportunityAmount", Map.of("amount", amount.toPlainString(), "currency", "irr"));
          m.put("ownerId", KNOWN_USER.toString());
          return m;
        });
  }

  @Property(tries = 500)
  void validInputIsParsedWithinTheLimitsOrRefusedForTheLongField(@ForAll("validJson") Map<String, Object> json) {
    List<String> tooLong = new ArrayList<>();
    for (String field : List.of("firstName", "lastName", "accountName")) {
      String v = ((String) json.get(field)).strip();
      if (v.codePointCount(0, v.length()) > LeadField.byApiName(field).orElseThrow().maxLength()) {
        tooLong.add(field);
      }
    }
    @SuppressWarnings("unchecked")
    List<String> tags = (List<String>) json.get("tags");

    Throwable thrown = catchThrowable(() -> LeadInput.parse(json, CATALOG));
    if (!tooLong.isEmpty()) {
      assertThat(thrown).isInstanceOf(InvalidInput.class);
      assertThat(((InvalidInput) thrown).problems()).extracting(InvalidInput.FieldProblem::field)
          .containsExactlyInAnyOrderElementsOf(tooLong);
      return;
    }
    assertThat(thrown).isNull();
    var parsed = LeadInput.parse(json, CATALOG).changes();
    for (LeadField f : List.of(LeadField.FIRST_NAME, LeadField.LAST_NAME, LeadField.ACCOUNT_NAME)) {
      String v = (String) parsed.get(f);
      assertThat(v.codePointCount(0, v.length())).isLessThanOrEqualTo(f.maxLength());
      assertThat(v).isEqualTo(v.strip());
      assertThat(TextKeys.hasForbiddenControls(v)).isFalse();
    }
    assertThat((String) parsed.get(LeadField.EMAIL)).isEqualTo(((String) parsed.get(LeadField.EMAIL)).toLowerCase())
        .hasSizeLessThanOrEqualTo(254);
    assertThat((Integer) parsed.get(LeadField.COMPANY_SIZE)).isBetween(0, 100_000_000);
    assertThat((String) parsed.get(LeadField.COUNTRY)).matches("[A-Z]{2}");
    assertThat(((Money) parsed.get(LeadField.OPPORTUNITY_AMOUNT)).currency().getCurrencyCode()).isEqualTo("IRR");
    assertThat(parsed.get(LeadField.OWNER_ID)).isEqualTo(KNOWN_USER);
    @SuppressWarnings("unchecked")
    List<String> parsedTags = (List<String>) parsed.get(LeadField.TAGS);
    if (tags.isEmpty()) {
      assertThat(parsedTags).isEmpty();
    } else {
      assertThat(parsedTags).hasSizeLessThanOrEqualTo(tags.size()).allSatisfy(t ->
          assertThat(t.length()).isBetween(1, LeadField.TAGS.maxLength()));
    }
    assertThat(Arrays.asList(LeadField.values())).containsAll(parsed.keySet());
  }
}
