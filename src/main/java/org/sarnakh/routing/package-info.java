/** Lead routing: ordered rules and strategies, reps' capacity and availability, explained assignments. */
@NullMarked
package org.sarnakh.routing;

import org.jspecify.annotations.NullMarked;
