/** Telling users about their work: in-app notifications with a bell, mail through the outbox, per-user preferences. */
@NullMarked
package org.sarnakh.notify;

import org.jspecify.annotations.NullMarked;
