package org.sarnakh.lead;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.text.TextKeys;

/** The host of a lead's {@code website}, used to match a lead to its company's domain. */
public final class Website {

  private static final String FIELD = "website";
  private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}$");

  private Website() {}

  /**
   * The lower-cased host of an {@code http}/{@code https} URL or of a bare domain:
   * {@code "https://WWW.Example.com/path"} and {@code "www.example.com"} both give
   * {@code "www.example.com"}. A port and a trailing dot are dropped; internationalised names
   * stay in Unicode.
   *
   * @throws InvalidValue naming {@code website} for another scheme ({@code javascript:},
   *     {@code mailto:}), user info in the URL, whitespace or control characters, or a host that
   *     is not a domain with at least two labels
   */
  public static String host(@Nullable String input) {
    if (input == null || input.isBlank()) {
      throw new InvalidValue(FIELD, "must not be blank");
    }
    if (TextKeys.hasForbiddenControls(input)) {
      throw InvalidValue.controlCharacters(FIELD);
    }
    String rest = input.strip();
    int schemeEnd = rest.indexOf("://");
    if (schemeEnd >= 0) {
      String scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new InvalidValue(FIELD, "not a website: only http and https addresses are accepted");
      }
      rest = rest.substring(schemeEnd + 3);
    } else if (rest.startsWith("//")) {
      rest = rest.substring(2);
    }
    String authority = authority(rest);
    // Refused on its own, before the generic message would echo a password back.
    if (authority.contains("@")) {
      throw new InvalidValue(FIELD, "not a website: a user name in the address is not accepted");
    }
    String host = PORT.matcher(authority).replaceFirst("").toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!DomainName.isValid(host)) {
      throw new InvalidValue(FIELD, "not a website: " + InvalidValue.quoted(input.strip()));
    }
    return host;
  }

  private static String authority(String afterScheme) {
    int end = afterScheme.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = afterScheme.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return afterScheme.substring(0, end);
  }
}
