/** Lead scoring: fit and engagement rules, a ledger of explained contributions, decay, caps and thresholds. */
@NullMarked
package org.sarnakh.scoring;

import org.jspecify.annotations.NullMarked;
