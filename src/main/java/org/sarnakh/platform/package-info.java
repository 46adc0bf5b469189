/**
 * Shared technical ground of Sarnakh: clock, error vocabulary, problem details, jobs, generated jOOQ
 * tables. Depends on no business module.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.sarnakh.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
