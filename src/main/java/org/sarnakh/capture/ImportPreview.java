package org.sarnakh.capture;

import java.util.List;
import java.util.Map;

/**
 * What the wizard shows before an import starts: the columns (as mapping keys), the first records,
 * the suggested target of each column and every target there is ({@code customLabels} names the
 * custom fields among them).
 */
public record ImportPreview(ImportView view, List<String> columns, List<List<String>> rows,
    Map<String, String> suggested, List<String> targets, Map<String, String> customLabels) {}
