package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The engine reads the groups holding authorizations by the group index, and gets the same set as its own scan. */
@ZqtSpringTest
class AuthorizedGroupsTest {

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;

  @Test
  void theEngineUsesTheIndexedAuthorizationManager() {
    Object manager = engine.getCommandExecutorTxRequired().execute(c -> c.getSession(AuthorizationManager.class));
    assertThat(manager).isInstanceOf(AuthorizedGroupsPlugin.IndexedAuthorizationManager.class);
  }

  @Test
  void theIndexWalkFindsExactlyTheGroupsTheEnginesScanFinds() throws Exception {
    jdbc.update("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_,"
        + " RESOURCE_ID_, PERMS_) VALUES ('zqt-test-null-group', 1, 1, NULL, 'someone', 7, 'x', 2)");
    var scan = new HashSet<>(jdbc.queryForList(
        "SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL", String.class));
    try (Connection c = dataSource.getConnection()) {
      assertThat(AuthorizedGroupsPlugin.distinctGroups(c)).isEqualTo(scan);
    }
    assertThat(scan).contains("unit-hrss", "operator", "auditor").hasSizeGreaterThan(30);
    jdbc.update("DELETE FROM ACT_RU_AUTHORIZATION WHERE ID_ = 'zqt-test-null-group'");
  }

  @Autowired io.zqt.intake.CaseIntakeService intake;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  @Test
  void checksStillSeparateTheUnits() {
    String n = new io.zqt.cases.CaseScenarios(intake, runtime, tasks).open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    assertThat(visibleTo("hrss1", "unit-hrss", n)).isOne();
    assertThat(visibleTo("zhifu1", "unit-zhifu", n)).isZero();
  }

  private long visibleTo(String user, String group, String caseNumber) {
    identity.setAuthentication(user, List.of(group));
    try {
      return tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).count();
    } finally {
      identity.clearAuthentication();
    }
  }
}
