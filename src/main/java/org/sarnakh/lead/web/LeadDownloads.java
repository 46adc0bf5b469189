package org.sarnakh.lead.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadCsvExport;
import org.sarnakh.lead.LeadManagement;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadXlsxExport;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/** The CSV and XLSX downloads of a lead list, the same for the API and the pages: curators only, the list's filters. */
@Component
class LeadDownloads {

  private final LeadCsvExport csv;
  private final LeadXlsxExport xlsx;
  private final Accessor access;

  LeadDownloads(LeadCsvExport csv, LeadXlsxExport xlsx, Accessor access) {
    this.csv = csv;
    this.xlsx = xlsx;
    this.access = access;
  }

  void csv(MultiValueMap<String, String> filterParams, HttpServletResponse response) throws IOException {
    CurrentUser user = access.current();
    LeadManagement.requireCurator(user);
    LeadQuery.Filters filters = LeadQuery.parseFilters(filterParams);
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"leads.csv\"");
    csv.write(filters, user, response.getOutputStream());
  }

  void xlsx(MultiValueMap<String, String> filterParams, HttpServletResponse response) throws IOException {
    CurrentUser user = access.current();
    LeadManagement.requireCurator(user);
    LeadQuery.Filters filters = LeadQuery.parseFilters(filterParams);
    response.setContentType(LeadXlsxExport.CONTENT_TYPE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"leads.xlsx\"");
    xlsx.write(filters, user, response.getOutputStream(), !"en".equals(user.locale()));
  }
}
