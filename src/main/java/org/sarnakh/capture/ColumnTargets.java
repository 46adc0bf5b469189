package org.sarnakh.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sarnakh.lead.CodeLists.CustomField;
import org.sarnakh.lead.LeadField;
import org.sarnakh.platform.text.TextKeys;

/**
 * What a column of an import can fill: a lead field by its API name (nested ones dotted, as the
 * export writes them), the amount or currency of a money field, one custom field
 * ({@code customFields.<name>}) or the export's combined custom-fields cell. Suggests a target for a
 * header in English, Persian or Arabic, so that most files need no mapping by hand.
 */
final class ColumnTargets {

  /** Columns the export writes that are not input (identity, status, scores, times): read back, they are ignored. */
  static final Set<String> OUTPUT_ONLY = Set.of("id", "status", "deadReason", "lifecycleStage", "score.fit",
      "score.engagement", "score.total", "marketingConsent.status", "createdAt", "updatedAt", "convertedAt");

  private static final Map<String, String> SYNONYMS = new HashMap<>();

  static {
    synonyms("firstName", "first name", "firstname", "given name", "forename", "fname", "first",
        "نام", "نام کوچک", "اسم", "الاسم", "الاسم الأول", "الاسم الاول", "اسم الأول");
    synonyms("lastName", "last name", "lastname", "surname", "family name", "lname", "last", "name", "full name",
        "contact name", "نام خانوادگی", "نام‌خانوادگی", "فامیلی", "نام و نام خانوادگی", "اسم العائلة", "الكنية",
        "اللقب", "العائلة", "الاسم الكامل");
    synonyms("salutation", "salutation", "prefix", "honorific", "پیشوند", "التحية");
    synonyms("title", "title", "job title", "position", "designation", "job", "سمت", "عنوان شغلی", "شغل",
        "المسمى الوظيفي", "الوظيفة", "المنصب");
    synonyms("accountName", "company", "company name", "account", "account name", "organization", "organisation",
        "business", "employer", "شرکت", "نام شرکت", "سازمان", "الشركة", "اسم الشركة", "المؤسسة", "الشركه");
    synonyms("email", "email", "e-mail", "email address", "e-mail address", "mail", "ایمیل", "پست الکترونیک",
        "پست الکترونیکی", "رایانامه", "نشانی ایمیل", "البريد الإلكتروني", "البريد الالكتروني", "البريد", "الإيميل",
        "ايميل", "البريد الإلكتروني للعمل");
    synonyms("phone", "phone", "telephone", "tel", "phone number", "work phone", "office phone", "business phone",
        "تلفن", "شماره تلفن", "تلفن ثابت", "تلفن محل کار", "الهاتف", "رقم الهاتف", "هاتف", "تلفون", "هاتف العمل");
    synonyms("mobile", "mobile", "cell", "cellphone", "cell phone", "mobile phone", "mobile number", "موبایل",
        "تلفن همراه", "همراه", "شماره همراه", "شماره موبایل", "الجوال", "جوال", "الموبايل", "رقم الجوال",
        "الهاتف المحمول", "محمول", "رقم الموبايل");
    synonyms("website", "website", "web site", "web", "url", "site", "homepage", "وب‌سایت", "وبسایت", "سایت",
        "تارنما", "الموقع", "الموقع الإلكتروني", "الموقع الالكتروني");
    synonyms("leadSource", "lead source", "source", "منبع", "منبع سرنخ", "المصدر", "مصدر العميل");
    synonyms("rating", "rating", "رتبه", "درجه", "التقييم");
    synonyms("industry", "industry", "sector", "صنعت", "حوزه فعالیت", "الصناعة", "القطاع");
    synonyms("subIndustry", "sub industry", "subindustry", "sub-industry", "زیرصنعت", "زیر صنعت", "القطاع الفرعي");
    synonyms("referredBy", "referred by", "referrer", "referral", "معرف", "معرفی کننده", "المحيل", "بإحالة من");
    synonyms("externalId", "external id", "externalid", "record id", "crm id", "source id", "شناسه", "شناسه خارجی",
        "المعرف", "المعرف الخارجي");
    synonyms("campaignId", "campaign id", "campaignid");
    synonyms("ownerId", "owner id", "ownerid");
    synonyms("teamId", "team id", "teamid");
    synonyms("address.street", "street", "address", "street address", "address line 1", "آدرس", "نشانی", "خیابان",
        "العنوان", "الشارع");
    synonyms("address.city", "city", "town", "شهر", "المدينة");
    synonyms("address.state", "state", "province", "region", "county", "استان", "المحافظة", "الولاية", "المنطقة");
    synonyms("address.postalCode", "postal code", "postcode", "zip", "zip code", "کد پستی", "الرمز البريدي");
    synonyms("address.country", "country", "کشور", "الدولة", "البلد");
    synonyms("socials.linkedin", "linkedin", "لینکدین", "لينكد إن");
    synonyms("socials.twitter", "twitter", "x (twitter)", "توییتر", "تويتر");
    synonyms("socials.instagram", "instagram", "اینستاگرام", "انستغرام", "انستقرام");
    synonyms("socials.telegram", "telegram", "تلگرام", "تيليجرام", "تلغرام");
    synonyms("socials.whatsapp", "whatsapp", "واتساپ", "واتس اپ", "واتساب");
    synonyms("description", "description", "notes", "note", "comments", "comment", "remarks", "توضیحات", "یادداشت",
        "شرح", "ملاحظات", "الوصف", "تعليق", "ملاحظة");
    synonyms("companySize", "company size", "employees", "number of employees", "headcount", "تعداد کارکنان",
        "اندازه شرکت", "عدد الموظفين", "حجم الشركة");
    synonyms("annualRevenue.amount", "annual revenue", "revenue", "درآمد سالانه", "الإيرادات السنوية");
    synonyms("annualRevenue.currency", "revenue currency", "annual revenue currency");
    synonyms("opportunityAmount.amount", "opportunity amount", "amount", "deal value", "deal amount", "مبلغ فرصت",
        "مبلغ", "المبلغ", "قيمة الصفقة");
    synonyms("opportunityAmount.currency", "currency", "opportunity currency", "واحد پول", "ارز", "العملة");
    synonyms("tags", "tags", "tag", "labels", "برچسب‌ها", "برچسب ها", "برچسب", "الوسوم", "وسوم", "العلامات");
  }

  private ColumnTargets() {}

  private static void synonyms(String target, String... headers) {
    for (String h : headers) {
      SYNONYMS.putIfAbsent(key(h), target);
    }
  }

  /** A header reduced to what tells columns apart: letters and digits in their search form. */
  static String key(String header) {
    String k = TextKeys.searchKey(header);
    StringBuilder b = new StringBuilder(k.length());
    k.codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** Every target of this installation, in the order the wizard offers them; {@code custom} are the defined custom fields. */
  static List<String> all(List<CustomField> custom) {
    List<String> targets = new ArrayList<>();
    for (LeadField f : LeadField.values()) {
      switch (f.kind()) {
        case MONEY -> {
          targets.add(f.apiName() + ".amount");
          targets.add(f.apiName() + ".currency");
        }
        case CUSTOM -> {
          for (CustomField c : custom) {
            targets.add("customFields." + c.name());
          }
          targets.add("customFields");
        }
        default -> targets.add(f.apiName());
      }
    }
    return targets;
  }

  /**
   * A suggested target for each header, or {@code ""} (ignore the column): exact API names first (an
   * export read back), then known names in English, Persian and Arabic, then custom fields by name
   * or label. A target is suggested once, for the first column that asks for it.
   */
  static Map<String, String> suggest(List<String> headers, List<CustomField> custom) {
    List<String> targets = all(custom);
    Map<String, String> byKey = new HashMap<>(SYNONYMS);
    for (String t : targets) {
      byKey.put(key(t), t);
    }
    for (CustomField c : custom) {
      byKey.putIfAbsent(key(c.name()), "customFields." + c.name());
      byKey.putIfAbsent(key(c.label()), "customFields." + c.name());
    }
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new java.util.HashSet<>();
    for (String h : headers) {
      String target = "";
      if (OUTPUT_ONLY.contains(h.strip())) {
        target = "";
      } else if (targets.contains(h.strip())) {
        target = h.strip();
      } else {
        target = byKey.getOrDefault(key(h), "");
      }
      if (!target.isEmpty() && !targets.contains(target)) {
        target = "";
      }
      if (!target.isEmpty() && !taken.add(target)) {
        target = "";
      }
      out.put(h, target);
    }
    return out;
  }
}
