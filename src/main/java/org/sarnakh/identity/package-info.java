/** Users, teams, roles, API keys, session tokens and who is asking: the access rules every module applies. */
@NullMarked
package org.sarnakh.identity;

import org.jspecify.annotations.NullMarked;
