/** The page shell (layout, navigation, language and calendar) and cross-module endpoints such as jobs. */
@NullMarked
package org.sarnakh.web;

import org.jspecify.annotations.NullMarked;
