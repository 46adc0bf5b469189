package org.sarnakh.capture.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.FormSubmissions;
import org.sarnakh.capture.FormSubmissions.Submission;
import org.sarnakh.capture.FormTokens;
import org.sarnakh.capture.FormViews;
import org.sarnakh.capture.WebForm;
import org.sarnakh.capture.WebForms;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The public side of web forms, reached without signing in: the form's own page
 * ({@code GET /f/{key}}), its post (form-encoded from the page or the plain HTML snippet, JSON
 * from {@code embed.js}), the definition {@code embed.js} renders and the script itself. Answers
 * never say whether a lead exists: a duplicate, a repeat and a honeypot catch all look like
 * success. Cross-site posts and CORS are allowed for the form's origins only ({@link FormCors}).
 */
@Controller
@RequestMapping("/f")
class PublicForms {

  static final String TOKEN = "_token";
  static final String REDIRECT = "_redirect";
  static final String VISITOR = "_aid";
  /** The tracking snippet's visitor id, when a site keeps it in a cookie of its own domain. */
  static final String VISITOR_COOKIE = "snk_aid";
  static final int MAX_JSON = 64 * 1024;
  static final String CSP = "Content-Security-Policy";

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private final WebForms forms;
  private final FormSubmissions submissions;
  private final FormTokens tokens;
  private final FormViews views;
  private final String selfOrigin;
  private final byte[] script;
  private final org.thymeleaf.ITemplateEngine templates;
  private final Map<String, String> thanks = new java.util.concurrent.ConcurrentHashMap<>();

  PublicForms(WebForms forms, FormSubmissions submissions, FormTokens tokens, FormViews views,
      SarnakhSettings settings, org.thymeleaf.ITemplateEngine templates) throws IOException {
    this.templates = templates;
    this.forms = forms;
    this.submissions = submissions;
    this.tokens = tokens;
    this.views = views;
    java.net.URI base = java.net.URI.create(settings.publicUrl());
    this.selfOrigin = (base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()))
        .toLowerCase(Locale.ROOT);
    try (InputStream in = new ClassPathResource("forms/embed.js").getInputStream()) {
      this.script = in.readAllBytes();
    }
  }

  @GetMapping("/{key}")
  String page(@PathVariable String key, HttpServletRequest request, HttpServletResponse response, Model model) {
    Optional<WebForm> form = forms.active(key);
    if (form.isEmpty()) {
      return notFound(request, response, model);
    }
    noStore(response);
    return render(form.get(), request, response, model, Map.of(), false, FormErrors.NONE, tokens.issue(form.get()),
        request.getParameter(REDIRECT));
  }

  @PostMapping(value = "/{key}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  @Nullable ModelAndView post(@PathVariable String key, @RequestParam MultiValueMap<String, String> params,
      HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
    Optional<WebForm> found = forms.active(key);
    if (found.isEmpty()) {
      return new ModelAndView(notFound(request, response, model));
    }
    WebForm form = found.get();
    noStore(response);
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (!originAllowed(form, origin, request)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return new ModelAndView(message(form, request, response, model, "forbidden"));
    }
    long wait = submissions.admit(form, request.getRemoteAddr());
    if (wait > 0) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
      return new ModelAndView(message(form, request, response, model, "limited"));
    }
    Map<String, String> values = new LinkedHashMap<>();
    form.fields().forEach(f -> values.put(f.name(), Optional.ofNullable(params.getFirst(f.name())).orElse("")));
    boolean ticked = isTicked(params.getFirst(FormSubmissions.CONSENT));
    String token = params.getFirst(TOKEN);
    String redirect = params.getFirst(REDIRECT);
    String anonymousId = Optional.ofNullable(params.getFirst(VISITOR)).orElseGet(() -> cookie(request));
    Submission s = new Submission(values, ticked, params.getFirst(FormSubmissions.HONEYPOT), token,
        request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), anonymousId, request.getHeader(HttpHeaders.REFERER));
    try {
      submissions.submit(form, s);
    } catch (InvalidInput e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return new ModelAndView(render(form, request, response, model, values, ticked, FormErrors.of(e),
          token == null || token.isEmpty() ? tokens.issue(form) : token, redirect));
    } catch (FormSubmissions.StaleToken e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return new ModelAndView(render(form, request, response, model, values, ticked, FormErrors.of(TOKEN, e.getMessage()),
          tokens.issue(form), redirect));
    }
    String target = target(form, redirect);
    if (target != null) {
      RedirectView away = new RedirectView(target);
      away.setStatusCode(HttpStatus.SEE_OTHER);
      away.setExposeModelAttributes(false);
      return new ModelAndView(away);
    }
    writeThanks(form, request, response);
    return null;
  }

  /**
   * The post of {@code embed.js}: {@code {"<field>": "…", "consent": true, "_token", "website_url",
   * "_aid", "pageUrl", "_redirect"}} → {@code 200 {"status": "received", "message", "redirect"}}, or a
   * problem whose {@code errors} name the refused fields with a message in the form's language.
   */
  @PostMapping(value = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<Map<String, Object>> postJson(@PathVariable String key, HttpServletRequest request) throws IOException {
    Optional<WebForm> found = forms.active(key);
    if (found.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "not-found", "no such form", List.of());
    }
    WebForm form = found.get();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (!originAllowed(form, origin, request)) {
      return problem(HttpStatus.FORBIDDEN, "forbidden", "this site may not post this form", List.of());
    }
    long wait = submissions.admit(form, request.getRemoteAddr());
    if (wait > 0) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(wait))
          .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problemBody(HttpStatus.TOO_MANY_REQUESTS,
              "rate-limited", views.text("forms.public.limited", form.language()), List.of()));
    }
    byte[] bytes = request.getInputStream().readNBytes(MAX_JSON + 1);
    Map<String, Object> body;
    try {
      if (bytes.length > MAX_JSON) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "at most 64 KB", List.of());
      }
      body = JSON.readValue(new String(bytes, StandardCharsets.UTF_8),
          new tools.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (tools.jackson.core.JacksonException e) {
      return problem(HttpStatus.BAD_REQUEST, "malformed", "not a JSON object", List.of());
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<Map<String, String>> typeErrors = new ArrayList<>();
    for (WebForm.Field f : form.fields()) {
      Object v = body.get(f.name());
      if (v != null && !(v instanceof String) && !(v instanceof Number)) {
        typeErrors.add(fieldError(form, f.name(), "a text"));
      }
      values.put(f.name(), v == null ? "" : String.valueOf(v));
    }
    if (!typeErrors.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "validation", "some answers were refused", typeErrors);
    }
    Object consent = body.get(FormSubmissions.CONSENT);
    boolean ticked = Boolean.TRUE.equals(consent) || consent instanceof String c && isTicked(c);
    Submission s = new Submission(values, ticked, text(body.get(FormSubmissions.HONEYPOT)), text(body.get(TOKEN)),
        request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT),
        Optional.ofNullable(text(body.get(VISITOR))).orElseGet(() -> cookie(request)), text(body.get("pageUrl")));
    try {
      submissions.submit(form, s);
    } catch (InvalidInput e) {
      return problem(HttpStatus.BAD_REQUEST, "validation", "some answers were refused",
          e.problems().stream().map(p -> fieldError(form, p.field(), p.message())).toList());
    } catch (FormSubmissions.StaleToken e) {
      return problem(HttpStatus.BAD_REQUEST, "validation", e.getMessage(),
          List.of(fieldError(form, TOKEN, e.getMessage())));
    }
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("status", "received");
    ok.put("message", views.text("forms.public.thanks.text", form.language()));
    ok.put("redirect", target(form, text(body.get(REDIRECT))));
    return ResponseEntity.ok().body(ok);
  }

  /** What {@code embed.js} renders: labels in the form's language, the consent box, and a fresh one-time token. */
  @GetMapping("/{key}/config")
  @ResponseBody
  ResponseEntity<Map<String, Object>> config(@PathVariable String key, HttpServletRequest request) {
    Optional<WebForm> found = forms.active(key);
    if (found.isEmpty()) {
      return problem(HttpStatus.NOT_FOUND, "not-found", "no such form", List.of());
    }
    WebForm form = found.get();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null && !form.allowsOrigin(origin) && !self(origin, request)) {
      return problem(HttpStatus.FORBIDDEN, "forbidden", "this site may not embed this form", List.of());
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("language", form.language());
    c.put("dir", form.rightToLeft() ? "rtl" : "ltr");
    c.put("token", tokens.issue(form));
    c.put("fields", form.fields().stream().map(f -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("label", views.label(f, form.language()));
      m.put("type", FormViews.inputType(f.name()));
      m.put("multiline", f.name().equals("description"));
      m.put("required", f.required());
      return m;
    }).toList());
    if (form.consent() != null) {
      Map<String, Object> consent = new LinkedHashMap<>();
      consent.put("text", form.consent().text(form.language()));
      consent.put("required", form.consent().required());
      consent.put("policyUrl", form.consent().policyUrl());
      consent.put("policyLabel", views.text("forms.public.policy", form.language()));
      c.put("consent", consent);
    }
    c.put("submit", views.text("forms.public.submit", form.language()));
    c.put("required", views.text("forms.public.requiredMark", form.language()));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(c);
  }

  @GetMapping(value = "/{key}/embed.js")
  @ResponseBody
  ResponseEntity<byte[]> embed(@PathVariable String key) {
    if (forms.active(key).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok().contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5))).body(script);
  }

  private String render(WebForm form, HttpServletRequest request, HttpServletResponse response, Model model,
      Map<String, String> values, boolean ticked, FormErrors errors, String token, @Nullable String redirect) {
    speak(form.language(), request, model);
    // The page posts to itself, then may be sent on to the form's redirect hosts: both are form actions.
    StringBuilder actions = new StringBuilder("'self'");
    form.redirectHosts().forEach(h -> actions.append(" https://").append(h).append(" http://").append(h));
    response.setHeader(CSP, policy(actions.toString()));
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (WebForm.Field f : form.fields()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("id", "f-" + f.name().replace('.', '-'));
      m.put("label", views.label(f, form.language()));
      m.put("type", FormViews.inputType(f.name()));
      m.put("multiline", f.name().equals("description"));
      m.put("numeric", f.name().equals("companySize"));
      m.put("latin", List.of("email", "phone", "mobile", "website").contains(f.name()));
      m.put("required", f.required());
      m.put("value", values.getOrDefault(f.name(), ""));
      inputs.add(m);
    }
    model.addAttribute("form", form);
    model.addAttribute("inputs", inputs);
    model.addAttribute("errors", errors);
    model.addAttribute("ticked", ticked);
    model.addAttribute("token", token);
    model.addAttribute("redirect", redirect);
    model.addAttribute("action", "/f/" + form.key());
    model.addAttribute("state", "form");
    return "forms/public";
  }

  /**
   * The thank-you page is the same for every visitor of a form version: rendered once and kept,
   * as it is the answer to nearly every post.
   */
  private void writeThanks(WebForm form, HttpServletRequest request, HttpServletResponse response) throws IOException {
    String html = thanks.get(form.id() + ":" + form.version());
    if (html == null) {
      Locale locale = Locale.forLanguageTag(form.language());
      var exchange = org.thymeleaf.web.servlet.JakartaServletWebApplication.buildApplication(request.getServletContext())
          .buildExchange(request, response);
      var context = new org.thymeleaf.context.WebContext(exchange, locale, Map.of("form", form, "state", "thanks",
          "lang", form.language(), "dir", form.rightToLeft() ? "rtl" : "ltr"));
      html = templates.process("forms/public", context);
      if (thanks.size() > 1000) {
        thanks.clear();
      }
      thanks.put(form.id() + ":" + form.version(), html);
    }
    response.setHeader(CSP, policy("'none'"));
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write(html);
  }

  private String message(WebForm form, HttpServletRequest request, HttpServletResponse response, Model model,
      String state) {
    speak(form.language(), request, model);
    response.setHeader(CSP, policy("'none'"));
    model.addAttribute("form", form);
    model.addAttribute("state", state);
    return "forms/public";
  }

  private String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    response.setHeader(CSP, policy("'none'"));
    speak(org.sarnakh.platform.web.PublicPageLanguage.readers(request), request, model);
    model.addAttribute("state", "notfound");
    return "forms/public";
  }

  /** The pages need nothing but their own style sheets and fonts: no script, no frame, nowhere else to post. */
  private static String policy(String formActions) {
    return "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; form-action " + formActions
        + "; frame-ancestors 'none'; base-uri 'none'";
  }

  /** The page speaks the form's language, whoever reads it: not the reader's setting or browser. */
  private static void speak(String language, HttpServletRequest request, Model model) {
    org.sarnakh.platform.web.PublicPageLanguage.speak(language, request, model);
  }

  /**
   * A post from a browser names its origin: ours (the hosted page) or one the form allows. No
   * origin at all is a server-side client or an old browser: no browser session can be abused
   * through it, so it is allowed.
   */
  private boolean originAllowed(WebForm form, @Nullable String origin, HttpServletRequest request) {
    return origin == null || form.allowsOrigin(origin) || self(origin, request);
  }

  private boolean self(String origin, HttpServletRequest request) {
    String o = origin.toLowerCase(Locale.ROOT);
    int port = request.getServerPort();
    String own = (request.getScheme() + "://" + request.getServerName()
        + ((port == 80 && "http".equals(request.getScheme())) || (port == 443 && "https".equals(request.getScheme()))
            ? "" : ":" + port)).toLowerCase(Locale.ROOT);
    return o.equals(selfOrigin) || o.equals(own);
  }

  private @Nullable String target(WebForm form, @Nullable String asked) {
    if (asked != null && !asked.isBlank()) {
      return form.redirectAllowed(asked) ? asked.strip() : null;
    }
    return form.redirectAllowed(form.redirectUrl()) ? form.redirectUrl() : null;
  }

  private Map<String, String> fieldError(WebForm form, String field, String detail) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("field", field);
    m.put("message", detail);
    m.put("text", views.text("required".equals(detail) ? "forms.public.error.required"
        : TOKEN.equals(field) ? "forms.public.expired" : "forms.public.error.invalid", form.language()));
    return m;
  }

  private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String type, String detail,
      List<Map<String, String>> errors) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problemBody(status, type, detail, errors));
  }

  private static Map<String, Object> problemBody(HttpStatus status, String type, String detail,
      List<Map<String, String>> errors) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", org.sarnakh.platform.web.Problems.BASE + type);
    p.put("title", status.getReasonPhrase());
    p.put("status", status.value());
    p.put("detail", detail);
    if (!errors.isEmpty()) {
      p.put("errors", errors);
    }
    return p;
  }

  private static boolean isTicked(@Nullable String v) {
    return v != null && !v.isEmpty() && !"false".equalsIgnoreCase(v) && !"0".equals(v);
  }

  private static @Nullable String text(@Nullable Object v) {
    return v instanceof String s ? s : null;
  }

  private static @Nullable String cookie(HttpServletRequest request) {
    if (request.getCookies() != null) {
      for (Cookie c : request.getCookies()) {
        if (VISITOR_COOKIE.equals(c.getName())) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  private static void noStore(HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
