package org.sarnakh.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.SarnakhSettings;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** A form as the API and the settings page show it, with its public address and the two embed snippets. */
@Component
public class FormViews {

  private final String publicUrl;
  private final MessageSource messages;

  FormViews(SarnakhSettings settings, MessageSource messages) {
    this.messages = messages;
    String base = settings.publicUrl();
    this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  public String publicUrl(WebForm f) {
    return publicUrl + "/f/" + f.key();
  }

  public Map<String, Object> view(WebForm f, int submissions) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("version", f.version());
    m.put("key", f.key());
    m.putAll(FormDefinitions.write(f));
    m.put("submissions", submissions);
    m.put("publicUrl", publicUrl(f));
    m.put("embedHtml", embedHtml(f));
    m.put("embedScript", embedScript(f));
    m.put("createdAt", ApiTime.format(f.createdAt()));
    m.put("updatedAt", ApiTime.format(f.updatedAt()));
    return m;
  }

  /** The script snippet: renders the form inside another site and posts it as JSON (CORS: the form's allowed origins). */
  public String embedScript(WebForm f) {
    return "<script src=\"" + publicUrl(f) + "/embed.js\" async></script>";
  }

  /**
   * A plain HTML form posting to the public page: works without JavaScript on any site. It cannot
   * carry a one-time token, so a repeat of exactly the same answers from the same address within
   * ten minutes is taken as the same submission.
   */
  public String embedHtml(WebForm f) {
    String dir = f.rightToLeft() ? "rtl" : "ltr";
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"post\" action=\"").append(publicUrl(f)).append("\" accept-charset=\"UTF-8\" lang=\"")
        .append(f.language()).append("\" dir=\"").append(dir).append("\">\n");
    for (WebForm.Field field : f.fields()) {
      String id = "snk-" + field.name().replace('.', '-');
      String label = label(field, f.language());
      b.append("  <p><label for=\"").append(id).append("\">").append(HtmlUtils.htmlEscape(label))
          .append(field.required() ? " *" : "").append("</label><br>\n    ");
      if (field.name().equals("description")) {
        b.append("<textarea id=\"").append(id).append("\" name=\"").append(field.name()).append("\"")
            .append(field.required() ? " required" : "").append("></textarea>");
      } else {
        b.append("<input id=\"").append(id).append("\" name=\"").append(field.name()).append("\" type=\"")
            .append(inputType(field.name())).append("\"").append(field.required() ? " required" : "").append(">");
      }
      b.append("</p>\n");
    }
    if (f.consent() != null) {
      b.append("  <p><label><input type=\"checkbox\" name=\"consent\" value=\"yes\"")
          .append(f.consent().required() ? " required" : "").append("> ")
          .append(HtmlUtils.htmlEscape(f.consent().text(f.language()))).append("</label>");
      if (f.consent().policyUrl() != null) {
        b.append(" <a href=\"").append(HtmlUtils.htmlEscape(f.consent().policyUrl())).append("\">")
            .append(HtmlUtils.htmlEscape(text("forms.public.policy", f.language()))).append("</a>");
      }
      b.append("</p>\n");
    }
    b.append("  <p style=\"position:absolute;left:-9999px\" aria-hidden=\"true\"><input name=\"")
        .append(FormSubmissions.HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\"></p>\n");
    b.append("  <p><button type=\"submit\">").append(HtmlUtils.htmlEscape(text("forms.public.submit", f.language())))
        .append("</button></p>\n</form>");
    return b.toString();
  }

  /** The field's label in {@code language}: the form's own, else the lead field's standard one. */
  public String label(WebForm.Field field, String language) {
    String own = field.label(language);
    return own != null ? own : text("lead.field." + field.name(), language);
  }

  public String text(String key, String language) {
    return messages.getMessage(key, null, key, Locale.forLanguageTag(language));
  }

  /** The HTML input type that brings up the right keyboard on a phone. */
  public static String inputType(String field) {
    return switch (field) {
      case "email" -> "email";
      case "phone", "mobile" -> "tel";
      case "website" -> "url";
      default -> "text";
    };
  }
}
