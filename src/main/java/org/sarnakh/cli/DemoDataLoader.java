package org.sarnakh.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.Consent;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadCsvExport;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.lead.LeadScore;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Generates a realistic data set: a sales team with reps, and leads with Persian, Arabic and
 * English names, valid phone numbers, companies, sources and statuses spread over the past year.
 * Loads them into the database, or writes them as a CSV file in the export's format (typed as
 * people type them, with a chosen share of near-duplicates) for the import benchmark. Deterministic
 * for a given seed, so benchmarks and tests can reproduce it.
 */
@Component
public class DemoDataLoader {

  public static final int DEMO_SIZE = 500;
  /** Password of the generated demo users (documented in the README; demo data only). */
  public static final String DEMO_PASSWORD = "demo-sarnakh";
  static final int BATCH = 2000;
  private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

  static final String[] FA_FIRST = {"علی", "محمد", "رضا", "حسین", "مهدی", "زهرا", "فاطمه", "مریم", "سارا", "نرگس",
      "امیر", "حمید", "کاوه", "نیلوفر", "پریسا", "یاسمن", "آرش", "بهرام", "شیرین", "لیلا", "مهسا", "کیان", "یوسف", "هانیه"};
  static final String[] FA_LAST = {"رضایی", "محمدی", "حسینی", "کریمی", "احمدی", "جعفری", "موسوی", "کاظمی", "رحیمی",
      "صادقی", "قاسمی", "نوری", "یزدانی", "تهرانی", "شیرازی", "اصفهانی", "کرمانی", "فرهادی", "مرادی", "عباسی"};
  static final String[] AR_FIRST = {"أحمد", "محمد", "علي", "عمر", "خالد", "يوسف", "فاطمة", "عائشة", "مريم", "نور",
      "ليلى", "سارة", "حسن", "إبراهيم", "هدى", "زينب"};
  static final String[] AR_LAST = {"الحسيني", "العلي", "الخطيب", "المصري", "الكبيسي", "الهاشمي", "العبدالله",
      "الزهراني", "القحطاني", "الشمري", "الدوسري", "الحربي"};
  static final String[] EN_FIRST = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
      "David", "Sarah", "Daniel", "Emma", "Oliver", "Sophia", "Lucas", "Mia"};
  static final String[] EN_LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
      "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Clark"};
  static final String[] FA_COMPANIES = {"فناوران پارس", "صنایع غذایی مهرگان", "بیمه آسیا نوین", "پخش البرز",
      "نرم‌افزار داده‌کاوان", "ساختمانی آرمان", "بازرگانی سپهر", "انرژی سبز کویر", "آموزشگاه دانش‌پژوهان"};
  static final String[] AR_COMPANIES = {"شركة النور للتجارة", "مؤسسة الخليج", "مجموعة الفجر", "شركة الرافدين للبرمجيات",
      "مصنع الأمل", "دار المعرفة"};
  static final String[] EN_COMPANIES = {"Northwind Traders", "Acme Robotics", "Globex Energy", "Initech Software",
      "Umbrella Health", "Stark Manufacturing", "Blue Harbor Retail"};
  static final String[] FA_CITIES = {"تهران", "مشهد", "اصفهان", "شیراز", "تبریز", "کرج", "قم", "اهواز", "رشت"};
  static final String[] AR_CITIES = {"بغداد", "دبي", "الرياض", "الدوحة", "الكويت", "مسقط", "عمّان"};
  static final String[] AR_COUNTRIES = {"IQ", "AE", "SA", "QA", "KW", "OM", "JO"};
  static final String[] EN_CITIES = {"London", "Berlin", "Toronto", "Istanbul", "Dubai"};
  static final String[] EN_COUNTRIES = {"GB", "DE", "CA", "TR", "AE"};
  static final String[] SOURCES = {"conference", "referral", "website", "website", "website", "telemarketing",
      "email_campaign", "trade_show", "social", "advertisement", "partner", "other"};
  static final String[] INDUSTRIES = {"technology", "finance", "consumer", "manufacturing", "healthcare", "education",
      "retail", "construction", "energy"};
  static final String[] TITLES = {"CEO", "CTO", "Sales Manager", "Marketing Manager", "Procurement Officer",
      "مدیر فروش", "مدیر عامل", "کارشناس خرید", "مدير المبيعات", "مدير التسويق"};
  static final String[] TAGS = {"vip", "newsletter", "webinar-2026", "expo", "pricing-visited", "partner-lead"};
  static final String[] LOST = {"no_budget", "no_need", "competitor", "no_response", "bad_timing", "unqualified"};
  /** Mobile prefixes libphonenumber accepts, so every generated number is one the API would take. */
  static final String[] IR_MOBILE = {"910", "911", "912", "913", "914", "915", "916", "917", "918", "919", "930",
      "933", "935", "936", "937", "938", "939", "990", "991", "992", "901", "902", "903", "905"};
  static final String[] AE_MOBILE = {"50", "52", "54", "55", "56", "58"};
  static final String[] GB_LONDON = {"203", "207", "208"};
  /** Rows kept to draw near-duplicates from: recent enough to be in the same file, few enough to keep memory flat. */
  static final int RECENT = 4096;

  private final UserAdministration admin;
  private final UserDirectory directory;
  private final LeadBulkLoad bulk;
  private final Clock clock;

  private final org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringRules> scoringRules;
  private final org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringRescore> scoringRescore;

  private final org.springframework.beans.factory.ObjectProvider<org.sarnakh.routing.RoutingRules> routingRules;
  private final org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringModel> scoringModel;

  DemoDataLoader(UserAdministration admin, UserDirectory directory, LeadBulkLoad bulk, Clock clock,
      org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringRules> scoringRules,
      org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringRescore> scoringRescore,
      org.springframework.beans.factory.ObjectProvider<org.sarnakh.routing.RoutingRules> routingRules,
      org.springframework.beans.factory.ObjectProvider<org.sarnakh.scoring.ScoringModel> scoringModel) {
    this.routingRules = routingRules;
    this.scoringModel = scoringModel;
    this.scoringRules = scoringRules;
    this.scoringRescore = scoringRescore;
    this.admin = admin;
    this.directory = directory;
    this.bulk = bulk;
    this.clock = clock;
  }

  public void loadIfEmpty(int leads) {
    if (bulk.count() > 0) {
      log.info("demo data not loaded: the database already has leads");
      return;
    }
    load(leads, 42);
  }

  /**
   * The starter scoring model when there is none yet (rules, and an MQL threshold the demo's best
   * fits reach), then a rescore of every lead with it, so the demo's leads show scores, some become
   * MQLs, and the scoring pages have rules to edit.
   */
  public void starterScoring() {
    org.sarnakh.scoring.ScoringRules rules = scoringRules.getObject();
    if (!rules.list().isEmpty()) {
      return;
    }
    org.sarnakh.identity.CurrentUser by = directory.current(sales().creator()).orElseThrow();
    DemoScoring.starterRules(rules, by);
    // The demo's leads have no events yet, so fit alone decides: a threshold the best fits reach
    // makes some of them MQLs on the first scoring, and those without an owner are routed.
    scoringModel.getObject().update(java.util.Map.of("mqlThreshold", DemoScoring.DEMO_MQL_THRESHOLD,
        "rearmBelow", DemoScoring.DEMO_MQL_THRESHOLD - 10));
    scoringRescore.getObject().start(by);
    log.info("demo scoring rules written; every lead is being scored");
  }

  /**
   * The starter routing rule when there is none yet: the demo team's reps in turn, each new lead to
   * be touched within 15 working minutes, so that the demo's MQLs and new leads without an owner
   * are routed with an explanation, and one left untouched is reassigned.
   */
  public void starterRouting() {
    org.sarnakh.routing.RoutingRules rules = routingRules.getObject();
    if (rules.any()) {
      return;
    }
    rules.create(java.util.Map.of("name", "Tehran Sales in turn", "strategy", "ROUND_ROBIN",
        "pool", java.util.Map.of("teamId", sales().team().toString()), "slaMinutes", 15));
    log.info("demo routing rule written: new and qualified leads go to the Tehran Sales reps in turn");
  }

  /** Adds {@code count} leads (and the demo team on first use); returns how long it took. */
  public Duration load(int count, long seed) {
    Instant started = clock.instant();
    Sales sales = sales();
    List<UUID> reps = sales.reps();
    UUID creator = sales.creator();
    UUID team = sales.team();
    SplittableRandom random = new SplittableRandom(seed);
    Actor actor = new Actor(creator, "Demo data", Actor.Channel.IMPORT);
    Instant now = ApiTime.truncate(clock.instant());
    List<Lead> batch = new ArrayList<>(BATCH);
    long analyzedAt = Math.max(1, bulk.count());
    long loaded = analyzedAt;
    for (int i = 0; i < count; i++) {
      batch.add(lead(random, i, reps, team, creator, now));
      if (batch.size() == BATCH) {
        bulk.insert(batch, actor);
        loaded += batch.size();
        batch.clear();
        if (loaded >= 2 * analyzedAt) {
          // Statistics each time the table doubles: a few analyses in all, planners never far off.
          bulk.refreshStatistics();
          analyzedAt = loaded;
        }
      }
    }
    if (!batch.isEmpty()) {
      bulk.insert(batch, actor);
    }
    bulk.refreshStatistics();
    Duration took = Duration.between(started, clock.instant());
    log.info("loaded {} demo leads in {} ms", count, took.toMillis());
    return took;
  }

  /** The demo team's reps, the team, and who the generated leads are created by. */
  private record Sales(List<UUID> reps, UUID team, UUID creator) {}

  private Sales sales() {
    List<UUID> reps = ensureTeam();
    UUID creator = directory.list().stream().filter(u -> u.role() == Role.ADMIN).map(UserSummary::id).findFirst()
        .orElse(reps.get(0));
    UUID team = directory.teams().stream().filter(t -> t.name().equals("Tehran Sales")).map(TeamSummary::id)
        .findFirst().orElseThrow();
    return new Sales(reps, team, creator);
  }

  private List<UUID> ensureTeam() {
    Optional<TeamSummary> existing = directory.teams().stream().filter(t -> t.name().equals("Tehran Sales")).findFirst();
    if (existing.isPresent()) {
      return directory.list().stream().filter(u -> u.role() == Role.SALES_REP && u.teamIds().contains(existing.get().id()))
          .map(UserSummary::id).toList();
    }
    UUID team = admin.createTeam("Tehran Sales").id();
    String[][] people = {{"sara.karimi@demo.sarnakh.org", "سارا کریمی", "SALES_REP"},
        {"omid.rahimi@demo.sarnakh.org", "امید رحیمی", "SALES_REP"},
        {"layla.hashemi@demo.sarnakh.org", "ليلى الهاشمي", "SALES_REP"},
        {"daniel.wilson@demo.sarnakh.org", "Daniel Wilson", "SALES_REP"},
        {"neda.moradi@demo.sarnakh.org", "ندا مرادی", "SALES_MANAGER"},
        {"kaveh.nouri@demo.sarnakh.org", "کاوه نوری", "MARKETING"}};
    List<UUID> reps = new ArrayList<>();
    for (String[] p : people) {
      var created = admin.create(new UserAdministration.NewUser(p[0], p[1], Role.valueOf(p[2]),
          List.of(team), DEMO_PASSWORD));
      if (created.user().role() == Role.SALES_REP) {
        reps.add(created.user().id());
      }
    }
    return reps;
  }

  static Lead lead(SplittableRandom r, int i, List<UUID> reps, UUID team, UUID creator, Instant now) {
    Map<LeadField, @Nullable Object> v = new EnumMap<>(LeadField.class);
    int lang = r.nextInt(10);
    String first;
    String last;
    String company;
    String city;
    String country;
    if (lang < 6) {
      first = pick(r, FA_FIRST);
      last = pick(r, FA_LAST);
      company = pick(r, FA_COMPANIES);
      city = pick(r, FA_CITIES);
      country = "IR";
      v.put(LeadField.MOBILE, "+98" + pick(r, IR_MOBILE) + String.format("%07d", r.nextInt(10_000_000)));
    } else if (lang < 8) {
      first = pick(r, AR_FIRST);
      last = pick(r, AR_LAST);
      company = pick(r, AR_COMPANIES);
      int c = r.nextInt(AR_CITIES.length);
      city = AR_CITIES[c];
      country = AR_COUNTRIES[c];
      v.put(LeadField.PHONE, "+971" + pick(r, AE_MOBILE) + String.format("%07d", r.nextInt(10_000_000)));
    } else {
      first = pick(r, EN_FIRST);
      last = pick(r, EN_LAST);
      company = pick(r, EN_COMPANIES);
      int c = r.nextInt(EN_CITIES.length);
      city = EN_CITIES[c];
      country = EN_COUNTRIES[c];
      v.put(LeadField.PHONE, "+44" + pick(r, GB_LONDON) + String.format("%07d", r.nextInt(10_000_000)));
    }
    v.put(LeadField.FIRST_NAME, first);
    v.put(LeadField.LAST_NAME, last);
    v.put(LeadField.ACCOUNT_NAME, company);
    v.put(LeadField.EMAIL, "lead" + i + "." + Integer.toHexString(r.nextInt(1 << 20)) + "@example.com");
    v.put(LeadField.TITLE, pick(r, TITLES));
    v.put(LeadField.CITY, city);
    v.put(LeadField.COUNTRY, country);
    v.put(LeadField.LEAD_SOURCE, pick(r, SOURCES));
    v.put(LeadField.INDUSTRY, pick(r, INDUSTRIES));
    v.put(LeadField.RATING, pick(r, new String[] {"HOT", "WARM", "WARM", "COLD", "COLD"}));
    v.put(LeadField.COMPANY_SIZE, 5 + r.nextInt(2000));
    if (r.nextInt(3) == 0) {
      v.put(LeadField.OPPORTUNITY_AMOUNT, Money.of(String.valueOf((1 + r.nextInt(500)) * 1_000_000L), "IRR",
          "opportunityAmount"));
    }
    if (r.nextInt(4) == 0) {
      v.put(LeadField.TAGS, List.of(pick(r, TAGS)));
    }
    int ownership = r.nextInt(10);
    if (ownership < 7) {
      v.put(LeadField.OWNER_ID, reps.get(r.nextInt(reps.size())));
    }
    if (ownership < 9) {
      v.put(LeadField.TEAM_ID, team);
    }
    Instant created = now.minusSeconds(r.nextLong(365L * 24 * 3600)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Consent.Status consent = r.nextInt(3) == 0 ? Consent.Status.GRANTED : null;
    Lead lead = LeadBulkLoad.build(new LeadInput.Parsed(v, consent, consent == null ? null : "web form"), created,
        creator);
    int s = r.nextInt(20);
    if (s < 6 && lead.status() == LeadStatus.ASSIGNED) {
      lead.changeStatus(LeadStatus.IN_PROCESS, null, created);
    } else if (s < 8) {
      lead.changeStatus(LeadStatus.DEAD, pick(r, LOST), created);
    }
    int fit = r.nextInt(60);
    int engagement = r.nextInt(60);
    lead.scored(new LeadScore(fit, engagement, fit + engagement));
    return lead;
  }

  /** What {@link #writeCsv} wrote. */
  public record Written(long rows, long nearDuplicates, long bytes) {}

  /**
   * Writes {@code count} generated leads to {@code file} as the export writes them (UTF-8 with BOM,
   * API field names as headers, formulas defused), with phones and emails typed the ways people type
   * them (national numbers, Persian digits, capitals). A {@code duplicateShare} of the rows repeats
   * a recent row's person under another spelling: the same email in other capitals, or the same
   * mobile in other digits, with Arabic instead of Persian letters in the name. Streams: memory
   * stays flat whatever the count.
   */
  public Written writeCsv(Path file, int count, long seed, double duplicateShare) throws IOException {
    Sales sales = sales();
    SplittableRandom random = new SplittableRandom(seed);
    Instant now = ApiTime.truncate(clock.instant());
    List<String> header = LeadCsvExport.header();
    int email = header.indexOf("email");
    int mobile = header.indexOf("mobile");
    int phone = header.indexOf("phone");
    int first = header.indexOf("firstName");
    int last = header.indexOf("lastName");
    List<List<String>> recent = new ArrayList<>(RECENT);
    long duplicates = 0;
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16)) {
      out.write('\uFEFF');
      CsvWriter csv = CsvWriter.builder().build(out);
      csv.writeRecord(header);
      for (int i = 0; i < count; i++) {
        List<String> row;
        if (!recent.isEmpty() && random.nextDouble() < duplicateShare) {
          row = new ArrayList<>(recent.get(random.nextInt(recent.size())));
          if (!row.get(email).isEmpty() && random.nextBoolean()) {
            row.set(email, row.get(email).toUpperCase(java.util.Locale.ROOT));
            row.set(mobile, "");
            row.set(phone, "");
          } else {
            row.set(email, "");
            row.set(mobile, row.get(mobile).isEmpty() ? "" : persianDigits(national(row.get(mobile))));
          }
          row.set(first, arabicLetters(row.get(first)));
          row.set(last, arabicLetters(row.get(last)));
          duplicates++;
        } else {
          row = LeadCsvExport.row(lead(random, i, sales.reps(), sales.team(), sales.creator(), now));
          typed(random, row, mobile, email);
          if (recent.size() < RECENT) {
            recent.add(row);
          } else {
            recent.set(random.nextInt(RECENT), row);
          }
        }
        csv.writeRecord(row.stream().map(LeadCsvExport::defuse).toList());
      }
      csv.flush();
    }
    return new Written(count, duplicates, Files.size(file));
  }

  /** An Iranian mobile as people write it: +98…, 0912 …, or in Persian digits. */
  private static void typed(SplittableRandom r, List<String> row, int mobile, int email) {
    String m = row.get(mobile);
    if (!m.isEmpty()) {
      switch (r.nextInt(4)) {
        case 0 -> row.set(mobile, national(m));
        case 1 -> row.set(mobile, persianDigits(national(m)));
        case 2 -> row.set(mobile, national(m).replaceFirst("(\\d{4})(\\d{3})(\\d{4})", "$1 $2 $3"));
        default -> { }
      }
    }
    if (r.nextInt(5) == 0) {
      String e = row.get(email);
      row.set(email, Character.toUpperCase(e.charAt(0)) + e.substring(1));
    }
  }

  private static String national(String e164) {
    return e164.startsWith("+98") ? "0" + e164.substring(3) : e164;
  }

  private static String persianDigits(String ascii) {
    StringBuilder b = new StringBuilder(ascii.length());
    ascii.chars().forEach(c -> b.append(c >= '0' && c <= '9' ? (char) ('۰' + (c - '0')) : (char) c));
    return b.toString();
  }

  /** Persian ی and ک written as their Arabic forms, as an Arabic keyboard types them. */
  private static String arabicLetters(String s) {
    return s.replace('ی', 'ي').replace('ک', 'ك');
  }

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
