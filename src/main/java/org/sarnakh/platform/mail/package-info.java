/**
 * The mail outbox: mail is a row written in the caller's transaction and sent after commit by one
 * dispatcher at a time per row, with retries; without an SMTP server it is held and shown, never dropped.
 */
@org.jspecify.annotations.NullMarked
package org.sarnakh.platform.mail;
