package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.CONTACT;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.EmailAddress;
import org.sarnakh.lead.PhoneNumber;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.db.tables.records.ContactRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People at accounts: what a lead's person becomes on conversion. */
@Service
public class Contacts {

  static final Set<String> FIELDS = Set.of("firstName", "lastName", "email", "phone", "title", "accountId", "ownerId");

  private final DSLContext db;
  private final Accounts accounts;
  private final Clock clock;
  private final SarnakhSettings settings;

  Contacts(DSLContext db, Accounts accounts, Clock clock, SarnakhSettings settings) {
    this.db = db;
    this.accounts = accounts;
    this.clock = clock;
    this.settings = settings;
  }

  @Transactional
  public Contact create(Map<String, ?> json, CurrentUser user) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    String first = f.text("firstName", 100, false);
    String last = f.text("lastName", 100, first == null);
    String emailText = f.text("email", 254, false);
    String email = emailText == null ? null : f.value(() -> EmailAddress.of(emailText).value());
    String phoneText = f.text("phone", 40, false);
    String phone = phoneText == null ? null
        : f.value(() -> PhoneNumber.parse(phoneText, settings.defaultRegion(), "phone").e164());
    String title = f.text("title", 100, false);
    UUID account = f.uuid("accountId", false);
    if (account != null && !accounts.exists(account)) {
      problems.add(new FieldProblem("accountId", "unknown account"));
    }
    UUID owner = f.uuid("ownerId", false);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    UUID id = UUID.randomUUID();
    db.insertInto(CONTACT).set(CONTACT.ID, id).set(CONTACT.FIRST_NAME, first).set(CONTACT.LAST_NAME, last)
        .set(CONTACT.EMAIL, email).set(CONTACT.PHONE, phone).set(CONTACT.TITLE, title).set(CONTACT.ACCOUNT_ID, account)
        .set(CONTACT.OWNER_ID, owner == null ? user.id() : owner).set(CONTACT.CREATED_AT, Fields.now(clock)).execute();
    return get(id);
  }

  public Contact get(UUID id) {
    return db.selectFrom(CONTACT).where(CONTACT.ID.eq(id)).fetchOptional(Contacts::toContact)
        .orElseThrow(() -> new NotFound("contact"));
  }

  public Page<Contact> list(int limit, @Nullable String cursor, @Nullable UUID accountId) {
    return Keyset.page(db, CONTACT, CONTACT.CREATED_AT, CONTACT.ID,
        accountId == null ? DSL.trueCondition() : CONTACT.ACCOUNT_ID.eq(accountId), limit, cursor,
        Contacts::toContact, Contact::createdAt, Contact::id);
  }

  static Contact toContact(ContactRecord r) {
    return new Contact(r.getId(), r.getFirstName(), r.getLastName(), r.getEmail(), r.getPhone(), r.getTitle(),
        r.getAccountId(), r.getOwnerId(), r.getCreatedAt());
  }
}
