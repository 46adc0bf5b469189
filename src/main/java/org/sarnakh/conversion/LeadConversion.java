package org.sarnakh.conversion;

import static org.sarnakh.platform.db.Tables.LEAD_CONVERSION;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.conversion.ConvertRequest.Auto;
import org.sarnakh.conversion.ConvertRequest.Create;
import org.sarnakh.conversion.ConvertRequest.Existing;
import org.sarnakh.conversion.ConvertRequest.Part;
import org.sarnakh.crm.Account;
import org.sarnakh.crm.Accounts;
import org.sarnakh.crm.Contact;
import org.sarnakh.crm.Contacts;
import org.sarnakh.crm.Opportunities;
import org.sarnakh.crm.Opportunity;
import org.sarnakh.crm.Origin;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.EmailAddress;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Converts a lead into a contact, an account (created or linked) and optionally an opportunity, in
 * one transaction: the checklist must be complete, the mapping carries every value the lead holds
 * (or refuses), and any failure — validation, a duplicate, a concurrent conversion — leaves nothing.
 */
@Service
public class LeadConversion {

  private final LeadManagement leads;
  private final QualificationChecklist checklist;
  private final FieldMappings mappings;
  private final Contacts contacts;
  private final Accounts accounts;
  private final Opportunities opportunities;
  private final DSLContext db;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  LeadConversion(LeadManagement leads, QualificationChecklist checklist, FieldMappings mappings,
      Contacts contacts, Accounts accounts, Opportunities opportunities, DSLContext db,
      ApplicationEventPublisher events, Clock clock) {
    this.leads = leads;
    this.checklist = checklist;
    this.mappings = mappings;
    this.contacts = contacts;
    this.accounts = accounts;
    this.opportunities = opportunities;
    this.db = db;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Conversion convert(LeadId id, Map<String, ?> body, CurrentUser user, Actor.Channel channel) {
    ConvertRequest request = ConvertRequest.parse(body);
    Lead lead = leads.convertible(id, user);
    checklist.requireComplete(id);
    FieldMapping mapping = mappings.effective();
    FieldMapping.Applied applied = mapping.apply(values(lead));
    if (!applied.refused().isEmpty()) {
      throw new RuleViolation("unmapped-field", "these fields hold values no mapping takes, and the administrator"
          + " set them to refuse conversion: " + String.join(", ", applied.refused()),
          applied.refused().stream().map(f -> new FieldProblem(f, "holds a value but is not mapped")).toList());
    }
    UUID owner = lead.ownerId() != null ? lead.ownerId() : user.id();
    String notes = applied.notes().isEmpty() ? null
        : "Carried from the lead's fields that have no place on the records:\n" + String.join("\n", applied.notes());

    Part accountPart = request.account() instanceof Auto
        ? (applied.of("account").get("name") != null ? new Create(Map.of(), false) : new ConvertRequest.None())
        : request.account();
    Account account = null;
    if (accountPart instanceof Existing e) {
      account = existing(() -> accounts.get(e.id()), "account.existingId", "unknown account");
    } else if (accountPart instanceof Create c) {
      account = createAccount(lead, merged(applied.of("account"), c.fields(), owner), c.allowDuplicate(), user);
    }
    if (request.opportunity() instanceof Create && account == null) {
      throw new RuleViolation("opportunity-needs-account", "an opportunity belongs to an account; create or link one",
          List.of(new FieldProblem("account", "required with an opportunity")));
    }
    Contact contact;
    if (request.contact() instanceof Existing e) {
      contact = linkContact(e.id(), account, notes);
    } else if (request.contact() instanceof Create c) {
      contact = createContact(lead, merged(applied.of("contact"), c.fields(), owner), account, notes,
          c.allowDuplicate(), user);
    } else {
      throw new IllegalStateException("a conversion always has a contact");
    }
    Opportunity deal = null;
    if (request.opportunity() instanceof Create c && account != null) {
      Map<String, Object> json = merged(applied.of("opportunity"), c.fields(), owner);
      json.putIfAbsent("name", account.name());
      json.put("accountId", account.id().toString());
      json.put("contactId", contact.id().toString());
      deal = prefixed("opportunity", () -> opportunities.create(json, user, new Origin(lead.id().value(), null)));
    }

    Instant now = ApiTime.truncate(clock.instant());
    try {
      db.insertInto(LEAD_CONVERSION).set(LEAD_CONVERSION.LEAD_ID, id.value())
          .set(LEAD_CONVERSION.CONTACT_ID, contact.id())
          .set(LEAD_CONVERSION.ACCOUNT_ID, account == null ? null : account.id())
          .set(LEAD_CONVERSION.OPPORTUNITY_ID, deal == null ? null : deal.id())
          .set(LEAD_CONVERSION.CONVERTED_BY, user.id()).set(LEAD_CONVERSION.CONVERTED_AT, now)
          .set(LEAD_CONVERSION.MAPPING, FieldMappings.describe(mapping)).set(LEAD_CONVERSION.NOTES, notes).execute();
    } catch (DuplicateKeyException e) {
      throw new DomainConflict("lead-already-converted", "lead " + id + " was converted meanwhile");
    }
    leads.markConverted(lead, deal != null ? LifecycleStage.OPPORTUNITY : LifecycleStage.SQL,
        Actor.of(user, channel));
    Conversion done = new Conversion(id, contact.id(), account == null ? null : account.id(),
        deal == null ? null : deal.id(), user.id(), now, notes);
    events.publishEvent(new LeadConverted(id, done.contactId(), done.accountId(), done.opportunityId(), now));
    return done;
  }

  /** What the mapping in force makes of this lead's values now: the convert page's preview. */
  public FieldMapping.Applied preview(Lead lead) {
    return mappings.effective().apply(values(lead));
  }

  /** Contacts the duplicate guard finds for the lead's email and phones: what the convert page proposes to link. */
  public List<DuplicateMatch> contactMatches(Lead lead) {
    return contacts.matching(DuplicateKeys.of(lead), 10);
  }

  /** What a converted lead became; empty for a lead not converted. */
  public Optional<Conversion> of(LeadId lead) {
    return db.selectFrom(LEAD_CONVERSION).where(LEAD_CONVERSION.LEAD_ID.eq(lead.value())).fetchOptional(r ->
        new Conversion(lead, r.getContactId(), r.getAccountId(), r.getOpportunityId(), r.getConvertedBy(),
            r.getConvertedAt(), r.getNotes()));
  }

  private Account createAccount(Lead lead, Map<String, Object> json, boolean allowDuplicate, CurrentUser user) {
    if (!allowDuplicate) {
      Object name = json.get("name");
      Object website = json.get("website");
      List<Accounts.Match> found = accounts.matching(name == null ? null : String.valueOf(name),
          website == null ? null : String.valueOf(website), 10);
      if (!found.isEmpty()) {
        throw new DuplicateRecords("account", found.stream().map(m -> Map.<String, Object>of("kind", "ACCOUNT",
            "id", m.id().toString(), "matchedOn", m.matchedOn(), "name", m.name())).toList());
      }
    }
    return prefixed("account", () -> accounts.create(json, user, new Origin(lead.id().value(), null)));
  }

  private Contact createContact(Lead lead, Map<String, Object> json, @Nullable Account account,
      @Nullable String notes, boolean allowDuplicate, CurrentUser user) {
    if (account != null) {
      json.put("accountId", account.id().toString());
    }
    if (!allowDuplicate) {
      List<DuplicateMatch> found = contacts.matching(keys(json), 10);
      if (!found.isEmpty()) {
        throw new DuplicateRecords("contact", found.stream().map(m -> Map.<String, Object>copyOf(m.asMap())).toList());
      }
    }
    return prefixed("contact", () -> contacts.create(json, user, new Origin(lead.id().value(), notes)));
  }

  private Contact linkContact(UUID id, @Nullable Account account, @Nullable String notes) {
    Contact c = existing(() -> contacts.get(id), "contact.existingId", "unknown contact");
    if (account != null) {
      contacts.joinAccount(id, account.id());
    }
    if (notes != null) {
      contacts.appendNotes(id, notes);
    }
    return c;
  }

  private static <T> T existing(Supplier<T> get, String field, String message) {
    try {
      return get.get();
    } catch (org.sarnakh.platform.NotFound e) {
      throw new RuleViolation("unknown-existing-record", field + ": " + message,
          List.of(new FieldProblem(field, message)));
    }
  }

  /** Runs a record's creation, naming its refused fields as the request does ({@code contact.email}). */
  private static <T> T prefixed(String record, Supplier<T> create) {
    try {
      return create.get();
    } catch (InvalidInput e) {
      throw new InvalidInput(e.problems().stream()
          .map(p -> new FieldProblem(record + "." + p.field(), p.message())).toList());
    }
  }

  /** Mapped values, then what the caller typed over them, then the owner when nobody named one. */
  private static Map<String, Object> merged(Map<String, Object> mapped, Map<String, Object> given, UUID owner) {
    Map<String, Object> json = new LinkedHashMap<>(mapped);
    given.forEach((k, v) -> {
      if (v instanceof Map<?, ?> inner && json.get(k) instanceof Map<?, ?> base) {
        Map<Object, Object> both = new LinkedHashMap<>(base);
        both.putAll(inner);
        json.put(k, both);
      } else {
        json.put(k, v);
      }
    });
    json.putIfAbsent("ownerId", owner.toString());
    return json;
  }

  private static DuplicateKeys keys(Map<String, Object> json) {
    String email = null;
    if (json.get("email") instanceof String s) {
      try {
        email = EmailAddress.of(s).value();
      } catch (InvalidValue | IllegalArgumentException e) {
        // An invalid email is reported by the contact's own validation right after.
        email = null;
      }
    }
    Set<String> phones = new LinkedHashSet<>();
    for (String f : List.of("phone", "mobile")) {
      if (json.get(f) instanceof String s && s.startsWith("+")) {
        phones.add(s);
      }
    }
    return new DuplicateKeys(email, phones, null);
  }

  /** The lead's non-empty values by source name, as API values (money as {amount, currency}, ids as text). */
  static Map<String, Object> values(Lead lead) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (LeadField f : LeadField.values()) {
      Object v = lead.get(f);
      if (v == null || f == LeadField.OWNER_ID || f == LeadField.TEAM_ID) {
        continue;
      }
      if (v instanceof Money m) {
        out.put(f.apiName(), Map.of("amount", m.amountString(), "currency", m.currency().getCurrencyCode()));
      } else if (v instanceof Map<?, ?> custom) {
        custom.forEach((k, x) -> {
          if (x != null && !String.valueOf(x).isBlank()) {
            out.put("customFields." + k, String.valueOf(x));
          }
        });
      } else if (v instanceof List<?> list) {
        if (!list.isEmpty()) {
          out.put(f.apiName(), List.copyOf(list));
        }
      } else if (v instanceof Integer n) {
        out.put(f.apiName(), n);
      } else {
        out.put(f.apiName(), String.valueOf(v));
      }
    }
    return out;
  }
}
