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
    @Nullable String link = notice.link() == null ? null : url(notice.link());
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("title", title);
    model.put("body", body);
    return mail(mailKey, email, locale, title, title + "\n\n" + body, link, "mail/notification", model);
  }

  /**
   * A notification mail in {@code locale}: the text part is {@code text}, then the link and the
   * footer every notification mail carries; the HTML part is {@code template} with {@code model}
   * and the link, the preferences address, language and direction added.
   */
  OutgoingMail mail(String mailKey, String email, Locale locale, String subject, String text, @Nullable String link,
      String template, Map<String, Object> model) {
    String preferences = url("/settings/profile#notifications");
    StringBuilder plain = new StringBuilder(text).append("\n\n");
    if (link != null) {
      plain.append(text("notifications.mail.open", List.of(), locale)).append(": ").append(link).append("\n\n");
    }
    plain.append("-- \n").append(text("notifications.mail.footer", List.of(), locale)).append("\n")
        .append(text("notifications.mail.preferences", List.of(), locale)).append(": ").append(preferences).append("\n");
    Map<String, Object> full = new LinkedHashMap<>(model);
    full.put("link", link);
    full.put("preferencesUrl", preferences);
    full.put("lang", locale.getLanguage());
    full.put("dir", "en".equals(locale.getLanguage()) ? "ltr" : "rtl");
    String html = templates.process(template, new Context(locale, full));
    return OutgoingMail.of(mailKey, MailPurpose.NOTIFICATION, email, subject, plain.toString(), html);
  }

  /** A path of Sarnakh as an address its mails can link to. */
  String url(String path) {
    return settings.publicUrl() + path;
  }

  String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }

  private String text(String key, List<String> params, Locale locale) {
    return messages.getMessage(key, params.toArray(), key, locale);
  }
}
