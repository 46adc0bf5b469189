package org.sarnakh.lead;

import org.sarnakh.identity.CurrentUser;

/**
 * A panel other modules add to the lead page (the score and its explanation, say) without the
 * lead module depending on them: a Thymeleaf fragment and the data it shows, read as {@code panel}.
 */
public interface LeadPanel {

  /** The template holding the fragment, e.g. {@code scoring/panel}. */
  String template();

  /** The fragment's name in that template. */
  String fragment();

  /** What the fragment shows for this lead and reader. */
  Object model(Lead lead, CurrentUser user);
}
