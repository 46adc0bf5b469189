package org.sarnakh.conversion;

import org.jspecify.annotations.Nullable;

/**
 * One end of a mapping rule: a lead field (source, e.g. {@code email}, {@code customFields.budget}) or
 * a record field (target, e.g. {@code contact.email}, {@code account.address.city},
 * {@code opportunity.customFields.budget}), with its value type, longest value and code list.
 */
public record MappingField(String name, ValueType type, int maxLength, @Nullable String codeList) {

  /** Why a value of {@code source} cannot fill this target field, or null when it can. */
  public @Nullable String refuses(MappingField source) {
    if (name.contains(".customFields.")) {
      if (source.type() == ValueType.TEXT && source.maxLength() > maxLength) {
        return source.name() + " may hold " + source.maxLength() + " characters; a custom field holds " + maxLength;
      }
      return null;
    }
    if (type == ValueType.TEXT) {
      if (!source.type().readsAsText()) {
        return "a " + label(source.type()) + " (" + source.name() + ") cannot fill the text field " + name;
      }
      if (source.maxLength() > maxLength) {
        return source.name() + " may hold " + source.maxLength() + " characters; " + name + " holds " + maxLength;
      }
      return null;
    }
    if (source.type() != type) {
      return "a " + label(source.type()) + " (" + source.name() + ") cannot fill " + name + ", which takes a "
          + label(type);
    }
    if (type == ValueType.CODE && !java.util.Objects.equals(codeList, source.codeList())) {
      return source.name() + " draws from the list " + source.codeList() + "; " + name + " from " + codeList;
    }
    return null;
  }

  private static String label(ValueType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }
}
