package io.zqt.knowledge.specialist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The three-way call follows the duty roster as changed over HTTP: a specialist who went off duty is skipped and the
 * on-duty colleague gets the task; with nobody of the unit on duty the case is dispatched; back on duty, called again.
 */
@ZqtSpringTest
class SpecialistDutyProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired SpecialistCatalog catalog;

  CaseScenarios scenarios;
  DutyHttp http;

  @BeforeEach
  void setUp() {
    init(engine);
    // a working Friday morning in Yantai
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2025, 9, 26, 10, 0).atZone(ZoneId.of("Asia/Shanghai"))
        .toInstant()));
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
    http = new DutyHttp(rest);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    DutyHttp.resetToFile(jdbc, catalog.fromFile());
  }

  /** A consultation on social insurance (HRSS), the operator asks for a three-way call about the entry. */
  private String threeWayCallAbout(String entryKey) {
    String n = scenarios.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.complete(n, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", entryKey));
    return n;
  }

  private String specialistOnRecord(String caseNumber) {
    return jdbc.queryForObject("SELECT specialist_id FROM zqt_case WHERE case_number = ?", String.class, caseNumber);
  }

  @Test
  void aSpecialistWhoWentOffDutyIsSkippedAndTheOnDutyColleagueGetsTheCall() {
    // SI-008: sp-hrss-01 (off duty in the file), sp-hrss-02 (on duty) — the file alone calls sp-hrss-02
    assertThat(http.put("sp-hrss-02", "sp-hrss-02", "{\"onDuty\": false, \"reason\": \"下班\"}").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    String n = threeWayCallAbout("SI-008");
    Task call = scenarios.task(n, ProcessIds.TASK_THREE_WAY_CALL);
    // neither of the entry's own is on duty: the first on-duty HRSS colleague in file order (sp-hrss-03 is off)
    BpmnAwareTests.assertThat(call).isNotNull().hasCandidateUser("sp-hrss-04").hasCandidateGroup("unit-hrss");
    assertThat(taskService.getIdentityLinksForTask(call.getId())).as("not called: the specialist off duty")
        .noneMatch(link -> "sp-hrss-02".equals(link.getUserId()));
    assertThat(specialistOnRecord(n)).isEqualTo("sp-hrss-04");

    // back on duty (上岗): the entry's own specialist is called again
    assertThat(http.setDuty("sp-hrss-02", "sp-hrss-02", true).getStatusCode()).isEqualTo(HttpStatus.OK);
    String next = threeWayCallAbout("SI-008");
    BpmnAwareTests.assertThat(scenarios.task(next, ProcessIds.TASK_THREE_WAY_CALL)).hasCandidateUser("sp-hrss-02");
  }

  @Test
  void withNobodyOfTheUnitOnDutyTheCaseIsDispatched() {
    List<String> onDuty = catalog.all().stream().filter(s -> s.unit().equals("HRSS") && s.onDuty())
        .map(s -> s.userId()).toList();
    assertThat(onDuty).isNotEmpty();
    onDuty.forEach(id -> assertThat(http.setDuty("admin", id, false).getStatusCode()).isEqualTo(HttpStatus.OK));

    String n = threeWayCallAbout("SI-008");
    ProcessInstance pi = scenarios.instance(n);
    BpmnAwareTests.assertThat(pi).isWaitingAt(ProcessIds.TASK_SIGN_FOR).hasNotPassed(ProcessIds.TASK_THREE_WAY_CALL);
    BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("unit-hrss");
    assertThat(jdbc.queryForMap("SELECT three_way_call, specialist_id, three_way_call_outcome FROM zqt_case "
        + "WHERE case_number = ?", n)).containsEntry("THREE_WAY_CALL", true).containsEntry("SPECIALIST_ID", null)
        .containsEntry("THREE_WAY_CALL_OUTCOME", "NO_SPECIALIST");
  }
}
