package io.zqt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.bench.Workload.CasePlan;
import io.zqt.bench.Workload.Step;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ZQT over HTTP, authenticated as the real roles: {@code POST /api/cases} as the operator, then per step the engine
 * REST API as the step's user — find the task of the case, claim it, submit its form (what Tasklist does).
 */
final class ZqtHttpDriver implements LifecycleDriver {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;

  ZqtHttpDriver(String baseUrl) {
    this.base = baseUrl;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public String name() {
    return "zqt-http";
  }

  @Override
  public String open(CasePlan plan) {
    JsonNode body = send("POST", "/api/cases", Actors.OPERATOR, Actors.PASSWORD_LINE, plan.intake(), 201);
    return body.get("caseNumber").asText();
  }

  @Override
  public void work(String caseNumber, CasePlan plan) {
    for (Step step : plan.steps()) {
      String user = Actors.userId(step);
      String password = Actors.password(step);
      JsonNode found = send("GET", "/engine-rest/task?processInstanceBusinessKey=" + enc(caseNumber)
          + "&taskDefinitionKey=" + enc(step.taskKey()), user, password, null, 200);
      if (found.size() != 1) {
        throw new IllegalStateException("Case " + caseNumber + ": " + user + " finds " + found.size() + " tasks "
            + step.taskKey());
      }
      String id = found.get(0).get("id").asText();
      send("POST", "/engine-rest/task/" + id + "/claim", user, password, Map.of("userId", user), 204);
      Map<String, Object> variables = new LinkedHashMap<>();
      step.variables().forEach((k, v) -> variables.put(k, Map.of("value", v)));
      send("POST", "/engine-rest/task/" + id + "/submit-form", user, password, Map.of("variables", variables), 204);
    }
  }

  /** One request; the answer's JSON (or null when empty). Fails on any other status than expected. */
  JsonNode send(String method, String path, String user, String password, Object body, int expected) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
          .header("Accept", "application/json");
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " as " + user + ": HTTP " + response.statusCode()
            + " " + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body().length == 0 ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
