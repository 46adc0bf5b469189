/** Getting leads in: CSV and XLSX imports, web-to-lead forms, each through the lead's normalisation and duplicate guard. */
@NullMarked
package org.sarnakh.capture;

import org.jspecify.annotations.NullMarked;
