package org.sarnakh.capture;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A web-to-lead form as an administrator or marketer defined it: which lead fields its public
 * page asks for, the consent box, the defaults given to the leads it creates, what a duplicate
 * does, where a visitor may be sent afterwards and which sites may embed it.
 */
public record WebForm(UUID id, String key, int version, String name, String language, List<Field> fields,
    @Nullable ConsentBox consent, Map<String, Object> defaults, OnDuplicate onDuplicate, @Nullable String redirectUrl,
    List<String> redirectHosts, List<String> allowedOrigins, @Nullable Integer submissionsPerMinute, boolean active,
    UUID createdBy, Instant createdAt, Instant updatedAt) {

  /** Lead fields a public form may ask for, in the order the settings page offers them. */
  public static final List<String> PUBLIC_FIELDS = List.of("firstName", "lastName", "email", "mobile", "phone",
      "accountName", "title", "website", "address.city", "address.country", "address.street", "address.state",
      "address.postalCode", "companySize", "description");

  public WebForm {
    fields = List.copyOf(fields);
    defaults = Map.copyOf(defaults);
    redirectHosts = List.copyOf(redirectHosts);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** What a submission matching a stored lead or contact does. */
  public enum OnDuplicate {
    /** The visitor's answers update the lead they match (a contact-only match changes nothing). */
    UPDATE,
    /** Nothing new is written to the lead; the submission and its consent evidence are still kept. */
    SKIP
  }

  /** One input of the page: a lead field by API name, labels per language (empty: the standard label), required or not. */
  public record Field(String name, Map<String, String> labels, boolean required) {
    public Field {
      labels = Map.copyOf(labels);
    }

    public @Nullable String label(String language) {
      return labels.get(language);
    }
  }

  /**
   * The consent checkbox: never ticked in advance (S3.6.3); its text per language, the version of
   * that text (raised on every change of text or policy link, and kept with each evidence), and
   * the privacy policy it links to.
   */
  public record ConsentBox(boolean required, Map<String, String> texts, int textVersion, @Nullable String policyUrl) {
    public ConsentBox {
      texts = Map.copyOf(texts);
    }

    /** The text in the page's language, else in any language it was written in. */
    public String text(String language) {
      String t = texts.get(language);
      return t != null ? t : texts.values().stream().findFirst().orElse("");
    }
  }

  public boolean rightToLeft() {
    return !"en".equals(language);
  }

  /** Whether a request's {@code Origin} may embed this form (posting JSON, reading its definition). */
  public boolean allowsOrigin(@Nullable String origin) {
    return origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
  }

  /** Whether a visitor may be sent to {@code url} after submitting: an http(s) address on an allowed host. */
  public boolean redirectAllowed(@Nullable String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null
          && uri.getUserInfo() == null && redirectHosts.contains(uri.getHost().toLowerCase(Locale.ROOT));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
