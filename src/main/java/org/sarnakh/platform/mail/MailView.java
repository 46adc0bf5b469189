package org.sarnakh.platform.mail;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A mail of the outbox as administrators see it. */
public record MailView(UUID id, String idempotencyKey, MailPurpose purpose, String recipient, String subject,
    String text, @Nullable String html, Map<String, String> headers, MailState state, int attempts,
    Instant nextAttemptAt, @Nullable String lastError, Instant createdAt, @Nullable Instant sentAt) {}
