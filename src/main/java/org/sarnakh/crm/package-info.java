/** Accounts, contacts and opportunities (what a lead converts into) and campaigns (where leads come from). */
@NullMarked
package org.sarnakh.crm;

import org.jspecify.annotations.NullMarked;
