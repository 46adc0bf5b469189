/** The {@code sarnakh} command: one small class per verb, each calling module APIs. */
@NullMarked
package org.sarnakh.cli;

import org.jspecify.annotations.NullMarked;
