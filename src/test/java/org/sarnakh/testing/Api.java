package org.sarnakh.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for API tests: JSON in, status + headers + parsed JSON out. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  public record Response(int status, Map<String, String> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  public Response get(String path, @Nullable String token) {
    return send(builder(path, token).GET().build());
  }

  public Response delete(String path, @Nullable String token) {
    return send(builder(path, token).DELETE().build());
  }

  public Response post(String path, @Nullable String token, @Nullable Object body) {
    return send(builder(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body)))
        .build());
  }

  public Response postWith(String path, @Nullable String token, Object body, String... headers) {
    var b = builder(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public Response patch(String path, @Nullable String token, Object body, String... headers) {
    var b = builder(path, token).header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  /** Any method, any body and content type: for the requests a well-behaved client would not send. */
  public Response request(String method, String path, @Nullable String token, @Nullable String body,
      @Nullable String contentType) {
    var b = builder(path, token).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  /** Creates a lead and answers its id; anything but 201 fails the calling test. */
  public String createLead(String token, Object body) {
    Response r = post("/api/v1/leads", token, body);
    if (r.status() != 201) {
      throw new AssertionError("creating a lead answered " + r.status() + ": " + r.body());
    }
    return r.json().get("id").asString();
  }

  /** The lead as the given caller reads it (asserting 200). */
  public JsonNode lead(String id, String token) {
    Response r = get("/api/v1/leads/" + id, token);
    if (r.status() != 200) {
      throw new AssertionError("reading lead " + id + " answered " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  public Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      Map<String, String> headers = new LinkedHashMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      return new Response(r.statusCode(), headers, r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder builder(String path, @Nullable String token) {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }
}
