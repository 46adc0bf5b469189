package org.sarnakh.platform.web;

/**
 * Request attributes through which the code that refused a page request tells the error page why:
 * the domain's own words ({@link #DETAIL}) or a known reason such as an expired form ({@link #REASON}).
 */
public final class PageErrorAttribute {

  public static final String DETAIL = "sarnakh.error.detail";
  public static final String REASON = "sarnakh.error.reason";

  private PageErrorAttribute() {}
}
