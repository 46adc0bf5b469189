package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.CONTACT;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.EmailAddress;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.PhoneNumber;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.db.tables.records.ContactRecord;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People at accounts: what a lead's person becomes on conversion. */
@Service
public class Contacts {

  static final Set<String> FIELDS = Set.of("salutation", "firstName", "lastName", "email", "phone", "mobile", "title",
      "accountId", "ownerId", "address", "socials", "description", "customFields", "leadSource", "campaignId");
  public static final Set<String> SOCIALS = Set.of("linkedin", "twitter", "instagram", "telegram", "whatsapp");

  private final DSLContext db;
  private final ContactDuplicates duplicates;
  private final Accounts accounts;
  private final LeadCatalog catalog;
  private final Clock clock;
  private final SarnakhSettings settings;

  Contacts(DSLContext db, ContactDuplicates duplicates, Accounts accounts, LeadCatalog catalog, Clock clock,
      SarnakhSettings settings) {
    this.db = db;
    this.duplicates = duplicates;
    this.accounts = accounts;
    this.catalog = catalog;
    this.clock = clock;
    this.settings = settings;
  }

  @Transactional
  public Contact create(Map<String, ?> json, CurrentUser user) {
    return create(json, user, null);
  }

  /** Creates a contact; {@code origin} (conversion only) names the lead it came from and carries notes. */
  @Transactional
  public Contact create(Map<String, ?> json, CurrentUser user, @Nullable Origin origin) {
    ContactRecord r = parse(json);
    if (origin != null) {
      r.setNotes(origin.notes());
    }
    return toContact(CrmRows.insert(db, r, user, origin, Fields.now(clock)));
  }

  /** Applies a merge patch; {@code ifMatch} (when given) must be the current version or nothing changes. */
  @Transactional
  public Contact update(UUID id, Map<String, ?> patch, @Nullable Long ifMatch, CurrentUser user) {
    Contact current = get(id);
    Fields.requireVersion(ifMatch, current.version());
    ContactRecord r = parse(Fields.merge(current.fields(), patch));
    r.setNotes(current.notes());
    CrmRows.update(db, r, id, current.version(), current.originLeadId(), "contact");
    return get(id);
  }

  /** Puts a contact that has no account at {@code accountId} (conversion linking an existing contact). */
  @Transactional
  public void joinAccount(UUID contactId, UUID accountId) {
    db.update(CONTACT).set(CONTACT.ACCOUNT_ID, accountId).set(CONTACT.VERSION, CONTACT.VERSION.plus(1))
        .where(CONTACT.ID.eq(contactId).and(CONTACT.ACCOUNT_ID.isNull())).execute();
  }

  /** Adds lines to a contact's notes (what a conversion linking this contact carried from the lead). */
  @Transactional
  public void appendNotes(UUID contactId, String text) {
    Contact c = get(contactId);
    String notes = c.notes() == null ? text : c.notes() + "\n\n" + text;
    db.update(CONTACT).set(CONTACT.NOTES, notes.length() > 32000 ? notes.substring(0, 32000) : notes)
        .where(CONTACT.ID.eq(contactId)).execute();
  }

  private ContactRecord parse(Map<String, ?> json) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    ContactRecord r = db.newRecord(CONTACT);
    r.setSalutation(f.text("salutation", 20, false));
    r.setFirstName(f.text("firstName", 100, false));
    r.setLastName(f.text("lastName", 100, false));
    String emailText = f.text("email", 254, false);
    r.setEmail(emailText == null ? null : f.value(() -> EmailAddress.of(emailText).value()));
    r.setPhone(phone(f, "phone"));
    r.setMobile(phone(f, "mobile"));
    r.setTitle(f.text("title", 100, false));
    UUID account = f.uuid("accountId", false);
    if (account != null && !accounts.exists(account)) {
      problems.add(new FieldProblem("accountId", "unknown account"));
    }
    r.setAccountId(account);
    r.setOwnerId(f.uuid("ownerId", false));
    PostalAddress a = PostalAddress.read(f);
    r.setStreet(a.street());
    r.setCity(a.city());
    r.setState(a.state());
    r.setPostalCode(a.postalCode());
    r.setCountry(a.country());
    Fields s = f.group("socials", SOCIALS);
    r.setLinkedin(s.text("socials.linkedin", 200, false));
    r.setTwitter(s.text("socials.twitter", 200, false));
    r.setInstagram(s.text("socials.instagram", 200, false));
    r.setTelegram(s.text("socials.telegram", 200, false));
    r.setWhatsapp(s.text("socials.whatsapp", 200, false));
    r.setDescription(f.multiline("description", 32000));
    r.setCustomFields(Fields.json(f.customFields("customFields")));
    r.setLeadSource(f.code("leadSource", "lead_source", catalog::codeKnown, c -> c.toLowerCase(java.util.Locale.ROOT)));
    UUID campaign = f.uuid("campaignId", false);
    if (campaign != null && !catalog.campaignExists(campaign)) {
      problems.add(new FieldProblem("campaignId", "unknown campaign"));
    }
    r.setCampaignId(campaign);
    // A contact needs a name or something to reach them by.
    if (problems.isEmpty() && r.getFirstName() == null && r.getLastName() == null && r.getEmail() == null
        && r.getPhone() == null && r.getMobile() == null) {
      problems.add(new FieldProblem("lastName", "required"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    r.setSearchKey(searchKey(r.getFirstName(), r.getLastName(), r.getEmail()));
    return r;
  }

  private @Nullable String phone(Fields f, String name) {
    String text = f.text(name, 40, false);
    return text == null ? null : f.value(() -> PhoneNumber.parse(text, settings.defaultRegion(), name).e164());
  }

  static String searchKey(@Nullable String first, @Nullable String last, @Nullable String email) {
    String key = TextKeys.searchKey((first == null ? "" : first) + " " + (last == null ? "" : last) + " "
        + (email == null ? "" : email)).strip();
    return key.length() > 300 ? key.substring(0, 300) : key;
  }

  /** Contacts sharing the email or a phone of {@code keys}: whom a new contact would duplicate. */
  public List<org.sarnakh.lead.DuplicateMatch> matching(org.sarnakh.lead.DuplicateKeys keys, int limit) {
    return duplicates.find(keys, limit);
  }

  public Contact get(UUID id) {
    return db.selectFrom(CONTACT).where(CONTACT.ID.eq(id)).fetchOptional(Contacts::toContact)
        .orElseThrow(() -> new NotFound("contact"));
  }

  public boolean exists(UUID id) {
    return db.fetchExists(CONTACT, CONTACT.ID.eq(id));
  }

  /** Newest first; {@code q} finds names and emails containing it (Persian/Arabic-normalised). */
  public Page<Contact> list(int limit, @Nullable String cursor, @Nullable UUID accountId, @Nullable String q) {
    Condition where = accountId == null ? DSL.trueCondition() : CONTACT.ACCOUNT_ID.eq(accountId);
    if (q != null && !q.isBlank()) {
      where = where.and(CONTACT.SEARCH_KEY.contains(TextKeys.searchKey(q).strip()));
    }
    return Keyset.page(db, CONTACT, CONTACT.CREATED_AT, CONTACT.ID, where, limit, cursor,
        Contacts::toContact, Contact::createdAt, Contact::id);
  }

  public Page<Contact> list(int limit, @Nullable String cursor, @Nullable UUID accountId) {
    return list(limit, cursor, accountId, null);
  }

  static Contact toContact(ContactRecord r) {
    Map<String, String> socials = new java.util.LinkedHashMap<>();
    PostalAddress.putIfText(socials, "linkedin", r.getLinkedin());
    PostalAddress.putIfText(socials, "twitter", r.getTwitter());
    PostalAddress.putIfText(socials, "instagram", r.getInstagram());
    PostalAddress.putIfText(socials, "telegram", r.getTelegram());
    PostalAddress.putIfText(socials, "whatsapp", r.getWhatsapp());
    return new Contact(r.getId(), r.getVersion(), r.getSalutation(), r.getFirstName(), r.getLastName(), r.getEmail(),
        r.getPhone(), r.getMobile(), r.getTitle(), r.getAccountId(), r.getOwnerId(),
        new PostalAddress(r.getStreet(), r.getCity(), r.getState(), r.getPostalCode(), r.getCountry()),
        java.util.Collections.unmodifiableMap(socials), r.getDescription(), Fields.texts(r.getCustomFields()),
        r.getLeadSource(), r.getCampaignId(), r.getOriginLeadId(), r.getNotes(), r.getCreatedAt());
  }
}
