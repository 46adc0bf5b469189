package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.testing.Api;
import tools.jackson.databind.JsonNode;

/** Multipart uploads to the import API, waiting for an import to end, and reading its errors.csv. */
final class Uploads {

  private Uploads() {}

  /** A multipart/form-data body: the file part and, when given, a JSON options part. */
  record Multipart(String contentType, byte[] body) {}

  static Multipart multipart(byte[] file, String fileName, @Nullable Object options) {
    String boundary = "----sarnakh" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(file);
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      if (options != null) {
        String json = options instanceof String s ? s : Api.JSON.writeValueAsString(options);
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"options\"\r\n"
            + "Content-Type: application/json\r\n\r\n" + json + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  static Api.Response upload(Api api, String token, byte[] file, String fileName, @Nullable Object options) {
    Multipart m = multipart(file, fileName, options);
    return api.send(api.builder("/api/v1/imports", token).header("Content-Type", m.contentType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
  }

  /** Uploads, expects 202, and waits until the import has ended; answers its final state. */
  static JsonNode importAndWait(Api api, String token, byte[] file, String fileName, @Nullable Object options) {
    Api.Response r = upload(api, token, file, fileName, options);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return await(api, token, r.json().get("id").asString());
  }

  static JsonNode await(Api api, String token, String id) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      String status = api.get("/api/v1/imports/" + id, token).json().get("status").asString();
      return !status.equals("QUEUED") && !status.equals("RUNNING");
    });
    return api.get("/api/v1/imports/" + id, token).json();
  }

  /** errors.csv as records (the BOM dropped), header first. */
  static List<List<String>> errors(Api api, String token, String id) {
    Api.Response r = api.get("/api/v1/imports/" + id + "/errors.csv", token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/csv");
    assertThat(r.body().charAt(0)).isEqualTo('\uFEFF');
    List<List<String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE).ofCsvRecord(r.body().substring(1))) {
      csv.forEach(rec -> rows.add(rec.getFields()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, Object> tagged(String tag) {
    return Map.of("defaults", Map.of("tags", List.of(tag)));
  }
}
