package org.sarnakh.cli;

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
 * English names, phones, companies, sources and statuses spread over the past year. Deterministic
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

  private final UserAdministration admin;
  private final UserDirectory directory;
  private final LeadBulkLoad bulk;
  private final Clock clock;

  DemoDataLoader(UserAdministration admin, UserDirectory directory, LeadBulkLoad bulk, Clock clock) {
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

  /** Adds {@code count} leads (and the demo team on first use); returns how long it took. */
  public Duration load(int count, long seed) {
    Instant started = clock.instant();
    List<UUID> reps = ensureTeam();
    UUID creator = directory.list().stream().filter(u -> u.role() == Role.ADMIN).map(UserSummary::id).findFirst()
        .orElse(reps.get(0));
    UUID team = directory.teams().stream().filter(t -> t.name().equals("Tehran Sales")).map(TeamSummary::id)
        .findFirst().orElseThrow();
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
      v.put(LeadField.MOBILE, "+989" + (10 + r.nextInt(30)) + String.format("%07d", r.nextInt(10_000_000)));
    } else if (lang < 8) {
      first = pick(r, AR_FIRST);
      last = pick(r, AR_LAST);
      company = pick(r, AR_COMPANIES);
      int c = r.nextInt(AR_CITIES.length);
      city = AR_CITIES[c];
      country = AR_COUNTRIES[c];
      v.put(LeadField.PHONE, "+9715" + String.format("%08d", r.nextInt(100_000_000)));
    } else {
      first = pick(r, EN_FIRST);
      last = pick(r, EN_LAST);
      company = pick(r, EN_COMPANIES);
      int c = r.nextInt(EN_CITIES.length);
      city = EN_CITIES[c];
      country = EN_COUNTRIES[c];
      v.put(LeadField.PHONE, "+4420" + String.format("%08d", r.nextInt(100_000_000)));
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

  private static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }
}
