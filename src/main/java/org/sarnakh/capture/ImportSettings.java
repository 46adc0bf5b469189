package org.sarnakh.capture;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Imports: where uploaded files are kept until their import ends ({@code folder}, under the data
 * folder), the largest upload accepted, and how many records each committed chunk holds.
 */
@ConfigurationProperties("sarnakh.import")
public record ImportSettings(Path folder, DataSize maxUpload, int chunkSize) {

  public ImportSettings {
    folder = folder == null ? Path.of("data", "imports") : folder;
    maxUpload = maxUpload == null ? DataSize.ofGigabytes(2) : maxUpload;
    chunkSize = chunkSize <= 0 ? 5000 : chunkSize;
  }
}
