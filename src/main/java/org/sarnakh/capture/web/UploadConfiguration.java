package org.sarnakh.capture.web;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sarnakh.capture.ImportSettings;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart uploads stream to disk in the import folder (beside where the import keeps them, so
 * storing one is a rename, not a copy of gigabytes), and stop at {@code sarnakh.import.max-upload}.
 */
@Configuration(proxyBeanMethods = false)
class UploadConfiguration {

  @Bean
  MultipartConfigElement multipartConfigElement(ImportSettings settings) {
    Path incoming = settings.folder().toAbsolutePath().normalize().resolve("incoming");
    try {
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload folder " + incoming, e);
    }
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setLocation(incoming.toString());
    factory.setMaxFileSize(settings.maxUpload());
    factory.setMaxRequestSize(DataSize.ofBytes(settings.maxUpload().toBytes() + UploadLimitFilter.OVERHEAD));
    factory.setFileSizeThreshold(DataSize.ofKilobytes(64));
    return factory.createMultipartConfig();
  }
}
