package io.zqt.knowledge.specialist;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.knowledge.Specialist;
import java.util.List;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The duty roster's API over real HTTP as demo users (password demo; specialists have it too in the demo). */
public final class DutyHttp {

  private final TestRestTemplate http;

  public DutyHttp(TestRestTemplate http) {
    this.http = http;
  }

  public ResponseEntity<JsonNode> put(String user, String specialist, String json) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange("/api/knowledge/specialists/" + specialist + "/duty", HttpMethod.PUT,
        new HttpEntity<>(json, headers), JsonNode.class);
  }

  public ResponseEntity<JsonNode> setDuty(String user, String specialist, boolean onDuty) {
    return put(user, specialist, "{\"onDuty\": " + onDuty + "}");
  }

  public ResponseEntity<JsonNode> get(String user, String path) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
  }

  /** Puts every specialist of the file back to the file's state, directly in the table (a test's clean-up). */
  public static void resetToFile(JdbcTemplate jdbc, List<Specialist> fromFile) {
    for (Specialist s : fromFile) {
      jdbc.update("UPDATE zqt_specialist_duty SET on_duty = ? WHERE user_id = ?", s.onDuty(), s.userId());
    }
  }
}
