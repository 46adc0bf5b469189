/**
 * Converting a lead: its qualification checklist, the declarative field mapping onto a contact, an
 * account and an opportunity, and the atomic conversion that records what the lead became.
 */
@NullMarked
package org.sarnakh.conversion;

import org.jspecify.annotations.NullMarked;
