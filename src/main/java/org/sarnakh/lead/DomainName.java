package org.sarnakh.lead;

/** The pragmatic domain-name check shared by {@link EmailAddress} and {@link Website}. */
final class DomainName {

  private static final int MAX_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;

  private DomainName() {}

  /**
   * Whether {@code domain} has at least two dot-separated labels of letters (any script, so
   * internationalised names pass unencoded), digits, combining marks and inner hyphens, with a
   * last label that is not all digits.
   */
  static boolean isValid(String domain) {
    if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!isValidLabel(label)) {
        return false;
      }
    }
    return labels[labels.length - 1].codePoints().anyMatch(Character::isLetter);
  }

  private static boolean isValidLabel(String label) {
    if (label.isEmpty()
        || label.length() > MAX_LABEL_LENGTH
        || label.startsWith("-")
        || label.endsWith("-")) {
      return false;
    }
    return label.codePoints().allMatch(DomainName::isLabelCharacter)
        && Character.isLetterOrDigit(label.codePointAt(0));
  }

  private static boolean isLabelCharacter(int cp) {
    int type = Character.getType(cp);
    return cp == '-'
        || Character.isLetterOrDigit(cp)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
