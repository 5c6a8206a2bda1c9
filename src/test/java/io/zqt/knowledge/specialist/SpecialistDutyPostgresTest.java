package io.zqt.knowledge.specialist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.knowledge.Specialist;
import io.zqt.knowledge.SpecialistDirectory;
import io.zqt.postgres.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** V6 and the duty roster on PostgreSQL: seeded from the file, changed over HTTP, logged, seen by the lookup. */
class SpecialistDutyPostgresTest extends PostgresTest {

  @Autowired TestRestTemplate rest;
  @Autowired SpecialistDirectory directory;
  @Autowired SpecialistSeeder seeder;

  @Test
  void theRosterWorksOnPostgresql() {
    DutyHttp http = new DutyHttp(rest);
    assertThat(directory.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-02");

    ResponseEntity<JsonNode> off = http.put("sp-hrss-02", "sp-hrss-02", "{\"onDuty\": false, \"reason\": \"会议\"}");
    assertThat(off.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(directory.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-04");
    seeder.seed();
    assertThat(directory.find("sp-hrss-02").orElseThrow().onDuty()).as("re-seeded").isFalse();

    JsonNode history = http.get("auditor1", "/api/knowledge/specialists/sp-hrss-02/duty-history").getBody();
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("reason").asText()).isEqualTo("会议");
    assertThat(history.get(0).get("fromOnDuty").asBoolean()).isTrue();
    assertThat(history.get(1).get("changedBy").asText()).isEqualTo(DutyRoster.DATA_FILE);

    JsonNode onDuty = http.get("operator1", "/api/knowledge/specialists?unit=HRSS&onDuty=false").getBody();
    assertThat(onDuty.get("specialists")).anySatisfy(s -> assertThat(s.get("userId").asText()).isEqualTo("sp-hrss-02"));
  }
}
