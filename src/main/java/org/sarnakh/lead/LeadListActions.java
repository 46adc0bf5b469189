package org.sarnakh.lead;

import java.util.List;
import java.util.Map;
import org.sarnakh.identity.CurrentUser;

/**
 * What other modules offer to do with the leads ticked on the lead list (put them in a list, say),
 * without the lead module knowing them. The list shows each action as a choice and a button that
 * posts the ticked {@code ids}, the chosen value as {@code parameter} and {@code back} (the list's
 * address) to {@code path}.
 */
public interface LeadListActions {

  record Action(String labelKey, String path, String parameter, Map<String, String> choices) {}

  /** The actions this user may take now; none when there is nothing to choose from. */
  List<Action> actions(CurrentUser user);
}
