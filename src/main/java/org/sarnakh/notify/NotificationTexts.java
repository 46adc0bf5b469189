package org.sarnakh.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.mail.MailPurpose;
import org.sarnakh.platform.mail.OutgoingMail;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** A notification's texts in one language: its title and body, and the mail that carries it. */
@Component
class NotificationTexts {

  static final List<String> LANGUAGES = List.of("fa", "ar", "en");

  private final MessageSource messages;
  private final ITemplateEngine templates;
  private final SarnakhSettings settings;

  NotificationTexts(MessageSource messages, ITemplateEngine templates, SarnakhSettings settings) {
    this.messages = messages;
    this.templates = templates;
    this.settings = settings;
  }

  /** The user's language as stored, or Persian (the product's default) for anything else. */
  static Locale locale(String language) {
    return Locale.forLanguageTag(LANGUAGES.contains(language) ? language : "fa");
  }

  String title(NotificationKind kind, List<String> params, Locale locale) {
    return text("notifications.kind." + kind.name() + ".title", params, locale);
  }

  String body(NotificationKind kind, List<String> params, Locale locale) {
    return text("notifications.kind." + kind.name() + ".body", params, locale);
  }

  /** The mail of a notice to {@code email}, in {@code locale}, under {@code mailKey}. */
  OutgoingMail mail(Notice notice, String email, Locale locale, String mailKey) {
    String title = title(notice.kind(), notice.params(), locale);
    String body = body(notice.kind(), notice.params(), locale);
    @Nullable String link = notice.link() == null ? null : settings.publicUrl() + notice.link();
    String preferences = settings.publicUrl() + "/settings/profile#notifications";
    StringBuilder text = new StringBuilder(title).append("\n\n").append(body).append("\n\n");
    if (link != null) {
      text.append(text("notifications.mail.open", List.of(), locale)).append(": ").append(link).append("\n\n");
    }
    text.append("-- \n").append(text("notifications.mail.footer", List.of(), locale)).append("\n")
        .append(text("notifications.mail.preferences", List.of(), locale)).append(": ").append(preferences).append("\n");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", title);
    model.put("body", body);
    model.put("link", link);
    model.put("preferencesUrl", preferences);
    model.put("lang", locale.getLanguage());
    model.put("dir", "en".equals(locale.getLanguage()) ? "ltr" : "rtl");
    String html = templates.process("mail/notification", new Context(locale, model));
    return OutgoingMail.of(mailKey, MailPurpose.NOTIFICATION, email, title, text.toString(), html);
  }

  private String text(String key, List<String> params, Locale locale) {
    return messages.getMessage(key, params.toArray(), key, locale);
  }
}
