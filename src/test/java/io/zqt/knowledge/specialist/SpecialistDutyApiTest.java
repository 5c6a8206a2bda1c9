package io.zqt.knowledge.specialist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.zqt.ZqtSpringTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The duty roster over real HTTP: who sees which specialists, who may set whom on or off duty, the audit log. */
@ZqtSpringTest
class SpecialistDutyApiTest {

  private static final String LIST = "/api/knowledge/specialists";

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired SpecialistCatalog catalog;
  @LocalServerPort int port;

  private final ObjectMapper json = new ObjectMapper();

  DutyHttp http;

  @BeforeEach
  void setUp() {
    http = new DutyHttp(rest);
  }

  @AfterEach
  void backToTheFile() {
    DutyHttp.resetToFile(jdbc, catalog.fromFile());
  }

  private Map<String, Object> row(String userId) {
    return jdbc.queryForMap("SELECT on_duty, changed_by FROM zqt_specialist_duty WHERE user_id = ?", userId);
  }

  private int logRows(String userId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM zqt_specialist_duty_log WHERE user_id = ?", Integer.class,
        userId);
  }

  private static JsonNode specialist(JsonNode list, String userId) {
    for (JsonNode s : list.get("specialists")) {
      if (s.get("userId").asText().equals(userId)) {
        return s;
      }
    }
    return null;
  }

  @Test
  void aSpecialistGoesOffDutyThemselfAndTheListAndTheAuditLogShowIt() {
    ResponseEntity<JsonNode> off = http.put("sp-hrss-02", "sp-hrss-02", "{\"onDuty\": false, \"reason\": \"外出参加培训\"}");
    assertThat(off.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(off.getBody().get("onDuty").asBoolean()).isFalse();
    assertThat(off.getBody().get("changed").asBoolean()).isTrue();
    assertThat(off.getBody().get("changedBy").asText()).isEqualTo("sp-hrss-02");
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", false).containsEntry("CHANGED_BY", "sp-hrss-02");

    JsonNode seen = specialist(http.get("operator1", LIST + "?unit=HRSS").getBody(), "sp-hrss-02");
    assertThat(seen.get("onDuty").asBoolean()).isFalse();
    assertThat(seen.get("dutyChangedBy").asText()).isEqualTo("sp-hrss-02");
    assertThat(seen.get("name").asText()).isEqualTo("刘志强");
    assertThat(seen.get("unitName").asText()).contains("人力资源");
    assertThat(seen.get("phone").asText()).isEqualTo("0535-6612302");
    assertThat(seen.get("entryKeys")).extracting(JsonNode::asText).containsExactly("SI-008", "SI-023");

    // the same state again changes and logs nothing
    int before = logRows("sp-hrss-02");
    ResponseEntity<JsonNode> again = http.setDuty("sp-hrss-02", "sp-hrss-02", false);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("changed").asBoolean()).isFalse();
    assertThat(logRows("sp-hrss-02")).isEqualTo(before);

    ResponseEntity<JsonNode> history = http.get("auditor1", LIST + "/sp-hrss-02/duty-history");
    assertThat(history.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode newest = history.getBody().get(0);
    assertThat(newest.get("userId").asText()).isEqualTo("sp-hrss-02");
    assertThat(newest.get("unit").asText()).isEqualTo("HRSS");
    assertThat(newest.get("fromOnDuty").asBoolean()).isTrue();
    assertThat(newest.get("toOnDuty").asBoolean()).isFalse();
    assertThat(newest.get("changedBy").asText()).isEqualTo("sp-hrss-02");
    assertThat(newest.get("reason").asText()).isEqualTo("外出参加培训");
    assertThat(newest.get("changedAt").asText()).isNotBlank();
    JsonNode oldest = history.getBody().get(history.getBody().size() - 1);
    assertThat(oldest.get("changedBy").asText()).as("the initial state").isEqualTo(DutyRoster.DATA_FILE);
    assertThat(oldest.has("fromOnDuty")).as("no state before the first").isFalse();
    assertThat(oldest.get("toOnDuty").asBoolean()).isTrue();

    // back on duty: 上岗
    assertThat(http.setDuty("sp-hrss-02", "sp-hrss-02", true).getBody().get("onDuty").asBoolean()).isTrue();
    assertThat(http.get("admin", LIST + "/sp-hrss-02/duty-history").getBody().get(0).get("toOnDuty").asBoolean())
        .isTrue();
  }

  @Test
  void onlyTheSpecialistThemselfAndAdministratorsChangeTheStateAndARefusalWritesNothing() {
    int logBefore = logRows("sp-hrss-02");
    // the unit's staff (no unit leader role exists), a colleague specialist, line staff, the auditor
    for (String user : List.of("hrss1", "sp-hrss-04", "operator1", "lwg1", "owner1", "auditor1", "tax1")) {
      ResponseEntity<JsonNode> refused = http.setDuty(user, "sp-hrss-02", false);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
    }
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", true);
    assertThat(logRows("sp-hrss-02")).isEqualTo(logBefore);

    assertThat(http.setDuty(null, "sp-hrss-02", false).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<JsonNode> byAdmin = http.put("admin", "sp-hrss-02", "{\"onDuty\": false, \"reason\": \"病假\"}");
    assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", false).containsEntry("CHANGED_BY", "admin");
    assertThat(logRows("sp-hrss-02")).isEqualTo(logBefore + 1);
  }

  @Test
  void badInputIsA400NamingTheFieldAndWritesNothing() {
    int logBefore = logRows("sp-hrss-02");
    Map<String, String> cases = Map.of(
        "{}", "onDuty",
        "{\"onDuty\": null}", "onDuty",
        "{\"onDuty\": \"yes\"}", "onDuty",
        "{\"onDuty\": 0}", "onDuty",
        "{\"onDuty\": false, \"reason\": \"" + "很".repeat(201) + "\"}", "reason",
        "{\"onDuty\": false, \"reason\": 5}", "reason",
        "{\"onDuty\": false, \"shift\": \"night\"}", "shift",
        "{\"onDuty\": fals", "body",
        "[true]", "body");
    cases.forEach((body, field) -> {
      ResponseEntity<JsonNode> bad = http.put("sp-hrss-02", "sp-hrss-02", body);
      assertThat(bad.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(bad.getHeaders().getContentType().toString()).contains("problem+json");
      List<String> fields = new ArrayList<>();
      bad.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
      assertThat(fields).as(body).contains(field);
    });
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", true);
    assertThat(logRows("sp-hrss-02")).isEqualTo(logBefore);

    // a reason of exactly 200 characters is fine
    assertThat(http.put("sp-hrss-02", "sp-hrss-02", "{\"onDuty\": false, \"reason\": \"" + "很".repeat(200) + "\"}")
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    for (String[] query : new String[][] {{"onDuty=maybe", "onDuty"}, {"unit=NOPE", "unit"},
        {"entry=NOPE-404", "entry"}}) {
      ResponseEntity<JsonNode> bad = http.get("operator1", LIST + "?" + query[0]);
      assertThat(bad.getStatusCode()).as(query[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(bad.getBody().get("errors").get(0).get("field").asText()).isEqualTo(query[1]);
    }
  }

  @Test
  void inTasklistASpecialistReadsTheirStateAndChangesItWithTheSessionAndItsCsrfToken() throws Exception {
    TasklistSession session = new TasklistSession(port).login("sp-hrss-02");
    HttpResponse<String> me = session.send("GET", "/api/knowledge/specialists/me", null, null);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(json.readTree(me.body()).get("userId").asText()).isEqualTo("sp-hrss-02");
    assertThat(json.readTree(me.body()).get("onDuty").asBoolean()).isTrue();

    // the session cookie alone (what another site's page could make the browser send) is not enough to write
    assertThat(session.send("PUT", "/api/knowledge/specialists/sp-hrss-02/duty", "{\"onDuty\": false}", null)
        .statusCode()).isEqualTo(401);
    assertThat(session.send("PUT", "/api/knowledge/specialists/sp-hrss-02/duty", "{\"onDuty\": false}", "forged")
        .statusCode()).isEqualTo(401);
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", true);

    HttpResponse<String> off = session.send("PUT", "/api/knowledge/specialists/sp-hrss-02/duty",
        "{\"onDuty\": false}", session.token());
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(row("sp-hrss-02")).containsEntry("ON_DUTY", false).containsEntry("CHANGED_BY", "sp-hrss-02");
    // the rules are the same as with a password: a colleague's state is not theirs to change
    assertThat(session.send("PUT", "/api/knowledge/specialists/sp-hrss-04/duty", "{\"onDuty\": false}",
        session.token()).statusCode()).isEqualTo(403);

    // a user who is not a specialist has no state of their own
    assertThat(http.get("operator1", LIST + "/me").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** A browser-like Tasklist login: cookies and Camunda's CSRF token. */
  static final class TasklistSession {
    final String base;
    final CookieManager cookies = new CookieManager();
    final HttpClient client;

    TasklistSession(int port) {
      base = "http://localhost:" + port;
      client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    TasklistSession login(String user) throws Exception {
      client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> login = client.send(HttpRequest.newBuilder(
              URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as("login").isEqualTo(200);
      // as Tasklist does next: asks who is logged in (the new session gets its CSRF token here)
      HttpResponse<String> who = client.send(HttpRequest.newBuilder(
          URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(who.statusCode()).as("who is logged in").isEqualTo(200);
      return this;
    }

    String token() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    HttpResponse<String> send(String method, String path, String body, String csrf) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        request.header("X-XSRF-TOKEN", csrf);
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void anUnknownSpecialistIsA404() {
    assertThat(http.setDuty("admin", "sp-nobody-99", false).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.get("auditor1", LIST + "/sp-nobody-99/duty-history").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_specialist_duty WHERE user_id = 'sp-nobody-99'",
        Integer.class)).isZero();
  }

  @Test
  void theDutyHistoryIsForAuditorsAndAdministrators() {
    for (String user : List.of("operator1", "hrss1", "sp-hrss-02", "owner1", "lwg1")) {
      assertThat(http.get(user, LIST + "/sp-hrss-02/duty-history").getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.get("auditor1", LIST + "/sp-hrss-02/duty-history").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.get("admin", LIST + "/sp-hrss-02/duty-history").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.get(null, LIST + "/sp-hrss-02/duty-history").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void lineStaffSeeEveryUnitAndAUnitsStaffTheirOwnUnitOnly() {
    JsonNode all = http.get("operator1", LIST).getBody();
    assertThat(all.get("total").asInt()).isEqualTo(catalog.fromFile().size()).isGreaterThanOrEqualTo(95);
    assertThat(all.get("specialists").get(0).get("userId").asText()).isEqualTo(catalog.fromFile().get(0).userId());

    JsonNode hrss = http.get("hrss1", LIST).getBody();
    assertThat(hrss.get("specialists")).isNotEmpty()
        .allSatisfy(s -> assertThat(s.get("unit").asText()).isEqualTo("HRSS"));
    assertThat(hrss.get("total").asInt())
        .isEqualTo(catalog.fromFile().stream().filter(s -> s.unit().equals("HRSS")).count());
    // a specialist is a member of their unit's group: their own unit
    assertThat(http.get("sp-tax-01", LIST).getBody().get("specialists"))
        .allSatisfy(s -> assertThat(s.get("unit").asText()).isEqualTo("TAX"));
    // another unit asked for by name: refused; an entry of another unit: nothing of it shown
    assertThat(http.get("hrss1", LIST + "?unit=TAX").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.get("hrss1", LIST + "?entry=MKT-024").getBody().get("total").asInt()).isZero();
  }

  @Test
  void filtersByEntryUnitAndState() {
    JsonNode si008 = http.get("lwg1", LIST + "?entry=SI-008").getBody();
    assertThat(si008.get("specialists")).extracting(s -> s.get("userId").asText())
        .containsExactly("sp-hrss-01", "sp-hrss-02");

    http.setDuty("sp-hrss-02", "sp-hrss-02", false);
    JsonNode onDuty = http.get("lwg1", LIST + "?unit=HRSS&onDuty=true").getBody();
    assertThat(onDuty.get("specialists")).isNotEmpty()
        .allSatisfy(s -> assertThat(s.get("onDuty").asBoolean()).isTrue())
        .noneSatisfy(s -> assertThat(s.get("userId").asText()).isEqualTo("sp-hrss-02"));
    JsonNode offEntry = http.get("lwg1", LIST + "?entry=SI-008&onDuty=false").getBody();
    assertThat(offEntry.get("specialists")).extracting(s -> s.get("userId").asText())
        .containsExactly("sp-hrss-01", "sp-hrss-02");
    long fileOff = catalog.fromFile().stream().filter(s -> !s.onDuty()).count();
    assertThat(http.get("lwg1", LIST + "?onDuty=false").getBody().get("total").asLong()).isEqualTo(fileOff + 1);
  }
}
