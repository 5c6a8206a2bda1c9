package io.zqt.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.cases.CaseScenarios;
import io.zqt.cases.DirectAnswerRate;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The V4 columns, the three-way call and the direct-answer rate on PostgreSQL (days counted in Yantai time). */
class DirectAnswerPostgresTest extends PostgresTest {

  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  @Autowired DirectAnswerRate rate;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void threeWayCallAndDirectAnswerRateOnPostgresql() {
    CaseScenarios s = new CaseScenarios(intake, runtimeService, taskService);
    // 00:30 on 1 February 2024 in Yantai is still 31 January in UTC: the report counts it on 1 February
    ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2024, 2, 1, 0, 30).atZone(ZoneId.of("Asia/Shanghai"))
        .toInstant()));
    String direct = s.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    s.complete(direct, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在网上服务大厅办理。",
        "knowledgeEntryKeys", "SI-001;SI-008"));
    String called = s.open("CONSULTATION", "SOCIAL_INSURANCE", "ZHIFU");
    s.complete(called, ProcessIds.TASK_DIRECT_ANSWER, Map.of("directAnswerAction", "THREE_WAY_CALL",
        "specialistEntryKey", "SI-008"));
    s.complete(called, ProcessIds.TASK_THREE_WAY_CALL, Map.of("threeWayCallResult", "NEEDS_HANDLING"));
    ClockUtil.reset();

    assertThat(jdbc.queryForMap("SELECT knowledge_entry_keys, answered_directly FROM zqt_case WHERE case_number = ?",
        direct)).containsEntry("knowledge_entry_keys", "SI-001;SI-008").containsEntry("answered_directly", true);
    assertThat(jdbc.queryForMap("SELECT three_way_call_outcome, handling_unit, status FROM zqt_case"
        + " WHERE case_number = ?", called)).containsEntry("three_way_call_outcome", "NEEDS_HANDLING")
        .containsEntry("handling_unit", "HRSS").containsEntry("status", "AWAITING_SIGN_FOR");

    DirectAnswerRate.Report report = rate.report("2024-02-01", "2024-02-01", "day");
    assertThat(report.rows()).singleElement().satisfies(row -> {
      assertThat(row.key()).isEqualTo("2024-02-01");
      assertThat(row.received()).isEqualTo(2);
      assertThat(row.answeredDirectly()).isEqualTo(1);
      assertThat(row.threeWayCalls()).isEqualTo(1);
      assertThat(row.rate()).isEqualTo(0.5);
    });
    assertThat(rate.report("2024-01-31", "2024-01-31", "day").rows()).isEmpty();
  }
}
