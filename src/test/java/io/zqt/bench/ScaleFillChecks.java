package io.zqt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import io.zqt.org.FilterSeeder;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a small scale fill must give, on any database: the checks of ScaleFillTest and ScaleFillPostgresTest. */
final class ScaleFillChecks {

  static final int HISTORIC = 300;
  static final int OPEN = 60;

  private ScaleFillChecks() {}

  @SuppressWarnings("unchecked")
  static void fillSearchListAndComplete(ConfigurableApplicationContext app) throws Exception {
    LinkedHashMap<String, Object> figures = ScaleBenchmark.run(app, HISTORIC, OPEN, 3);
    JdbcTemplate jdbc = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));
    ObjectMapper json = new ObjectMapper();
    ScaleBenchmark.Measure http = new ScaleBenchmark.Measure(app, null, 1);

    // the targets are reached, and the three cloned cases the fill completed moved on through the engine
    Map<String, Object> fill = (Map<String, Object>) figures.get("fill");
    assertThat(fill.get("verifiedClonedTasksCompleted")).isEqualTo(3);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE status IN ('CLOSED', 'ON_LEDGER')",
        Long.class)).isGreaterThanOrEqualTo(HISTORIC);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE status NOT IN ('CLOSED', 'ON_LEDGER')",
        Long.class)).isGreaterThanOrEqualTo(OPEN);

    // a cloned historic case is found by the auditor's search, with its own enterprise name and a past intake date
    Map<String, Object> clone = jdbc.queryForMap("SELECT case_number, enterprise_name FROM zqt_case "
        + "WHERE LENGTH(case_number) = 20 AND status = 'CLOSED' ORDER BY case_number LIMIT 1");
    String number = (String) clone.get("case_number");
    JsonNode found = json.readTree(http.get("auditor1", "/api/audit/cases?caseNumber=" + number).body());
    assertThat(found.get("total").asLong()).isEqualTo(1);
    assertThat(found.get("items").get(0).get("enterpriseName").asText()).isEqualTo(clone.get("enterprise_name"))
        .isNotEqualTo(ScaleBenchmark.TEMPLATE_ENTERPRISE);
    // a broad search counts its matches up to a limit and says so; below the limit the count is exact
    io.zqt.cases.CaseSearch search = app.getBean(io.zqt.cases.CaseSearch.class);
    io.zqt.cases.CaseSearch.Criteria everything = new io.zqt.cases.CaseSearch.Criteria(null, null, null, null, null,
        null, null, null);
    io.zqt.cases.CaseSearch.Page capped = search.search(everything, 0, 20, 100);
    assertThat(capped.totalCapped()).isTrue();
    assertThat(capped.total()).isEqualTo(100);
    assertThat(capped.records()).hasSize(20);
    io.zqt.cases.CaseSearch.Page exact = search.search(everything, 0, 20, 1_000_000);
    assertThat(exact.totalCapped()).isFalse();
    assertThat(exact.total()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case", Long.class));
    JsonNode firstPage = json.readTree(http.get("auditor1", "/api/audit/cases").body());
    assertThat(firstPage.get("totalCapped").asBoolean()).isFalse();
    assertThat(firstPage.get("total").asLong()).isEqualTo(exact.total());

    // its history is the engine's: the case detail shows the process instance by its business key
    HttpResponse<String> detail = http.get("auditor1", "/api/cases/" + number);
    assertThat(detail.statusCode()).isEqualTo(200);

    // each unit's 本单位待办 lists its own open cases, cloned ones included, and nobody else's
    for (String[] unit : List.of(new String[] {"hrss1", "HRSS"}, new String[] {"zhifu1", "ZHIFU"})) {
      Set<String> expected = new HashSet<>(jdbc.queryForList("SELECT case_number FROM zqt_case WHERE handling_unit = ?"
          + " AND status IN ('AWAITING_SIGN_FOR', 'HANDLING')", String.class, unit[1]));
      assertThat(expected).as("open cloned cases at %s", unit[1]).anyMatch(n -> n.length() == 20);
      Set<String> listed = listedCaseNumbers(app, http, json, unit[0]);
      assertThat(listed).as("%s's 本单位待办", unit[0]).isEqualTo(expected);
    }

    // a cloned open task listed for hrss1 is worked on through the engine: signed for, then handled
    String listedClone = listedCaseNumbers(app, http, json, "hrss1").stream().filter(n -> n.length() == 20)
        .filter(n -> "AWAITING_SIGN_FOR".equals(jdbc.queryForObject(
            "SELECT status FROM zqt_case WHERE case_number = ?", String.class, n)))
        .findFirst().orElseThrow();
    CaseScenarios s = new CaseScenarios(app.getBean(CaseIntakeService.class), app.getBean(RuntimeService.class),
        app.getBean(TaskService.class));
    s.signFor(listedClone);
    s.reply(listedClone, "RESOLVED");
    assertThat(s.task(listedClone, ProcessIds.TASK_GATE1)).as("the reply went to QC").isNotNull();
    assertThat(jdbc.queryForObject("SELECT status FROM zqt_case WHERE case_number = ?", String.class, listedClone))
        .isEqualTo("IN_QC");
  }

  private static Set<String> listedCaseNumbers(ConfigurableApplicationContext app, ScaleBenchmark.Measure http,
      ObjectMapper json, String user) throws Exception {
    String filter = app.getBean(FilterSeeder.class).filterIds(app.getBean(ProcessEngine.class)).get("my-groups");
    HttpResponse<String> r = http.post(user, "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=1000",
        ScaleBenchmark.Measure.TASKLIST_BODY);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(r.body());
    Set<String> numbers = new HashSet<>();
    for (JsonNode task : body.path("_embedded").path("task")) {
      for (JsonNode variable : task.path("_embedded").path("variable")) {
        if (variable.get("name").asText().equals("summaryCaseNumber")) {
          numbers.add(variable.get("value").asText());
        }
      }
    }
    assertThat(numbers.size()).as("one card per task").isEqualTo(body.path("_embedded").path("task").size());
    return numbers;
  }
}
