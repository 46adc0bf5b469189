/**
 * Nurturing leads that are not ready: segments (static lists and dynamic segments kept current as
 * leads change), and later email sequences, sending, unsubscribe and the recycle program.
 */
@NullMarked
package org.sarnakh.nurture;

import org.jspecify.annotations.NullMarked;
