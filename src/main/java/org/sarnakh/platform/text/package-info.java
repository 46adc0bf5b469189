/** Search and duplicate-matching keys for text typed in Persian, Arabic and Latin scripts. */
@org.jspecify.annotations.NullMarked
package org.sarnakh.platform.text;
