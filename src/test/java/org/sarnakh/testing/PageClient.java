package org.sarnakh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A browser without a browser, for page tests over real HTTP: keeps the session cookie, signs in
 * through the login form, and sends forms with the CSRF token the last page carried. Redirects
 * are not followed, so tests see them; {@link #follow} goes where one points.
 */
public final class PageClient {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  /** A page as the server sent it. */
  public record Page(int status, @Nullable String location, String html) {
    public boolean contains(String text) {
      return html.contains(text);
    }

    /**
     * The element with this {@code data-testid}, from its start tag to the first end tag of its
     * kind (so not for elements that nest their own kind); fails the test when there is none.
     */
    public String element(String tag, String testid) {
      Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\bdata-testid=\"" + Pattern.quote(testid) + "\"[^>]*>(?s:.*?)</"
          + tag + ">").matcher(html);
      if (!m.find()) {
        throw new AssertionError("no <" + tag + " data-testid=\"" + testid + "\"> on the page (status " + status + ")");
      }
      return m.group();
    }
  }

  private final HttpClient http;
  private final String base;
  private @Nullable String csrf;

  public PageClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Signs in through the login page; fails the test unless the server answers with the redirect to the app. */
  public PageClient signIn(String email, String password) {
    get("/login");
    Page p = post("/login", "username", email, "password", password);
    if (p.status() != 302 || p.location() == null || p.location().contains("/login")) {
      throw new AssertionError("sign-in as " + email + " failed: " + p.status() + " → " + p.location());
    }
    return this;
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A GET as htmx sends it (the {@code HX-Request} header), answered with a fragment. */
  public Page htmx(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET());
  }

  /** Posts a form (name, value, name, value, …) with the CSRF token of the last page read. */
  public Page post(String path, String... fields) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) {
      pairs.add(enc(fields[i]) + "=" + enc(fields[i + 1]));
    }
    if (csrf != null) {
      pairs.add("_csrf=" + enc(csrf));
    }
    return postRaw(path, String.join("&", pairs));
  }

  /**
   * Posts a multipart form as a browser uploads a file: the file part, then the fields (name, value,
   * …) and the CSRF token of the last page read.
   */
  public Page upload(String path, String fileField, String fileName, byte[] content, String... fields) {
    String boundary = "----sarnakhpage" + java.util.UUID.randomUUID().toString().replace("-", "");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(fields));
    if (csrf != null) {
      all.add("_csrf");
      all.add(csrf);
    }
    try {
      for (int i = 0; i < all.size(); i += 2) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + all.get(i) + "\"\r\n\r\n"
            + all.get(i + 1) + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
          + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(content);
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** Posts a form without any CSRF token, as a forged cross-site request would. */
  public Page postWithoutCsrf(String path, String... fields) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < fields.length; i += 2) {
      pairs.add(enc(fields[i]) + "=" + enc(fields[i + 1]));
    }
    return postRaw(path, String.join("&", pairs));
  }

  private Page postRaw(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Follows one redirect (a relative or absolute Location) with a GET. */
  public Page follow(Page redirect) {
    if (redirect.location() == null) {
      throw new AssertionError("not a redirect: " + redirect.status());
    }
    String loc = redirect.location();
    return get(loc.startsWith("http") ? URI.create(loc).getRawPath() + (URI.create(loc).getRawQuery() == null ? ""
        : "?" + URI.create(loc).getRawQuery()) : loc);
  }

  public String base() {
    return base;
  }

  private Page send(HttpRequest.Builder request) {
    try {
      // What a browser asks for: error pages come as HTML, as users see them.
      request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String html = r.body();
      Matcher m = CSRF.matcher(html);
      Matcher meta = CSRF_META.matcher(html);
      if (m.find()) {
        csrf = m.group(1);
      } else if (meta.find()) {
        csrf = meta.group(1);
      }
      return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The visible text of an HTML fragment, tags dropped and whitespace folded: for asserting what a reader sees. */
  public static String text(String html) {
    return Pattern.compile("\\s+").splitAsStream(html.replaceAll("(?s)<script.*?</script>", " ")
        .replaceAll("<[^>]+>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'")).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
  }
}
