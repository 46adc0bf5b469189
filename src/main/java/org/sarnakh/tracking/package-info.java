/** What leads and visitors do: events by API, snippet, pixel and signed click, and anonymous visitors becoming known leads. */
@NullMarked
package org.sarnakh.tracking;

import org.jspecify.annotations.NullMarked;
