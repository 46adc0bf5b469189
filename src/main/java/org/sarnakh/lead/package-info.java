/** The lead record: fields, statuses and transitions, change log, activities, timeline, lists and search. */
@NullMarked
package org.sarnakh.lead;

import org.jspecify.annotations.NullMarked;
