package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.zqt.org.FilterSeeder;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's authorization checks with ZQT's shortcuts: the same answers (a unit sees its own tasks and no other's,
 * the grants a task gets are the engine's), without the statements that could not change them.
 */
@ZqtSpringTest
class LeanAuthorizationTest {

  /** The statements the shortcuts leave out, as H2 records them (its statement statistics). */
  private static final String GROUPS_SCAN = "%distinct(A.GROUP_ID_)%";
  private static final String REVOKE_CHECK = "%TYPE_ = 2%";
  private static final String GROUP_GRANT_LOOKUP = "SELECT * FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = ? AND GROUP_ID_%";
  private static final String USER_GRANT_LOOKUP = "SELECT * FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = ? AND USER_ID_%";

  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired ProcessEngine processEngine;
  @Autowired LeanAuthorizationPlugin plugin;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired AuthorizationService authorizations;
  @Autowired io.zqt.intake.CaseIntakeService intake;
  @Autowired RuntimeService runtime;
  @Autowired FilterSeeder filterSeeder;

  @Test
  void theEngineUsesTheLeanAuthorizationManagerAndChecksNoRevokes() {
    Object manager = engine.getCommandExecutorTxRequired().execute(c -> c.getSession(AuthorizationManager.class));
    assertThat(manager).isInstanceOf(LeanAuthorizationPlugin.LeanAuthorizationManager.class);
    assertThat(engine.getAuthorizationCheckRevokes()).isEqualTo("never");
  }

  @Test
  void theIndexWalkFindsExactlyTheGroupsTheEnginesScanFinds() throws Exception {
    jdbc.update("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_,"
        + " RESOURCE_ID_, PERMS_) VALUES ('zqt-test-null-group', 1, 1, NULL, 'someone', 7, 'x', 2)");
    try {
      var scan = new HashSet<>(jdbc.queryForList(
          "SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION WHERE GROUP_ID_ IS NOT NULL", String.class));
      try (Connection c = dataSource.getConnection()) {
        assertThat(LeanAuthorizationPlugin.distinctGroups(c)).isEqualTo(scan);
      }
      assertThat(scan).contains("unit-hrss", "operator", "auditor").hasSizeGreaterThan(30);
    } finally {
      jdbc.update("DELETE FROM ACT_RU_AUTHORIZATION WHERE ID_ = 'zqt-test-null-group'");
    }
  }

  @Test
  void checksStillSeparateTheUnits() {
    String n = new CaseScenarios(intake, runtime, tasks).open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    assertThat(visibleTo("hrss1", List.of("unit-hrss"), n)).isOne();
    assertThat(visibleTo("zhifu1", List.of("unit-zhifu"), n)).isZero();
    // a group without any grant changes nothing, whether or not the check names it
    assertThat(visibleTo("hrss1", List.of("unit-hrss", "no-such-group"), n)).isOne();
    assertThat(visibleTo("zhifu1", List.of("no-such-group", "unit-zhifu"), n)).isZero();
  }

  @Test
  void aTaskGetsTheEnginesGrantsWithoutTheLookupsThatCouldFindNone() {
    jdbc.execute("SET QUERY_STATISTICS TRUE");
    try {
      jdbc.execute("SET QUERY_STATISTICS FALSE");
      jdbc.execute("SET QUERY_STATISTICS TRUE");
      CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
      String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
      Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
      assertThat(executions(GROUP_GRANT_LOOKUP)).as("grant lookups for the new task").isZero();

      CaseScenarios.asUser(identity, "hrss1", () -> {
        assertThat(tasks.createTaskQuery().taskId(signFor.getId()).count()).isOne();
        tasks.claim(signFor.getId(), "hrss1");
      });
      assertThat(executions(GROUPS_SCAN)).as("reads of the groups holding grants").isZero();
      assertThat(executions(REVOKE_CHECK)).as("revoke checks").isZero();
      // the task existed before the claim: the engine looks for the assignee's grants to extend, as always
      assertThat(executions(USER_GRANT_LOOKUP)).as("grant lookups for the claimed task").isPositive();
    } finally {
      jdbc.execute("SET QUERY_STATISTICS FALSE");
    }
  }

  @Test
  void theGrantsOfANewTaskAreTheEnginesOwn() {
    CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
    Authorization task = grant("unit-hrss", Resources.TASK, signFor.getId());
    assertThat(task.isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(task.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(task.isPermissionGranted(Permissions.UPDATE)).isFalse();
    Authorization history = grant("unit-hrss", Resources.HISTORIC_TASK, signFor.getId());
    assertThat(history.isPermissionGranted(HistoricTaskPermissions.READ)).isTrue();
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(signFor.getId())
        .count()).as("one grant per group and task").isOne();

    CaseScenarios.asUser(identity, "hrss1", () -> tasks.claim(signFor.getId(), "hrss1"));
    Authorization assignee = authorizations.createAuthorizationQuery().userIdIn("hrss1")
        .resourceType(Resources.TASK).resourceId(signFor.getId()).singleResult();
    assertThat(assignee.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();

    CaseScenarios.asUser(identity, "hrss1",
        () -> tasks.complete(signFor.getId(), Map.of("signForDecision", "SIGN")));
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(signFor.getId())
        .count()).as("a completed task's grants are removed").isZero();
    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);
    assertThat(grant("unit-hrss", Resources.TASK, handle.getId()).isPermissionGranted(TaskPermissions.TASK_WORK))
        .isTrue();
  }

  @Test
  void aUnitsCandidateListIsTheListTheEnginesCheckGives() {
    CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
    String waiting = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String claimed = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String handling = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String otherUnit = scenarios.open("HELP", "OTHER", "ZHIFU");
    CaseScenarios.asUser(identity, "hrss1", () -> tasks.claim(scenarios.task(claimed, ProcessIds.TASK_SIGN_FOR)
        .getId(), "hrss1"));
    scenarios.signFor(handling);
    List<String> ours = List.of(waiting, claimed, handling);
    String filter = filterSeeder.filterIds(processEngine).get("my-groups");

    for (String user : List.of("hrss1", "zhifu1")) {
      List<String> groups = List.of(user.equals("hrss1") ? "unit-hrss" : "unit-zhifu");
      Set<String> engines = as(user, groups, () -> {
        // the engine's answer: the same candidate condition, widened to a group the user is not in, so the engine
        // joins the user's grants to every task (the shortcut applies to the user's own groups only)
        Set<String> checked = ids(tasks.createTaskQuery().taskCandidateGroupIn(List.of(groups.get(0), "unit-tax",
            "unit-hrss", "unit-zhifu")).includeAssignedTasks().list());
        Set<String> lean = ids(tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().list());
        assertThat(lean).as(user + "'s list").isEqualTo(checked);
        assertThat(tasks.createTaskQuery().taskCandidateGroupIn(groups).includeAssignedTasks().count())
            .isEqualTo(checked.size());
        assertThat(ids(processEngine.getFilterService().list(filter))).as(user + "'s 本单位待办").isEqualTo(checked);
        assertThat(tasks.createTaskQuery().taskCandidateUser(user).includeAssignedTasks().count())
            .as("candidate user: the caller").isEqualTo(checked.size());
        assertThat(ids(tasks.createTaskQuery().taskCandidateUser(user.equals("hrss1") ? "zhifu1" : "hrss1")
            .includeAssignedTasks().list())).as("candidate user: someone else, checked by the engine")
            .allMatch(checked::contains);
        return checked;
      });
      List<String> caseNumbers = caseNumbersOf(engines);
      if (user.equals("hrss1")) {
        assertThat(caseNumbers).containsAll(ours).doesNotContain(otherUnit);
      } else {
        assertThat(caseNumbers).contains(otherUnit).doesNotContainAnyElementsOf(ours);
      }
    }
  }

  @Test
  void aUnitsSentBackListIsTheListTheEnginesCheckGives() {
    CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
    String reworked = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String handling = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String otherUnit = scenarios.open("HELP", "OTHER", "ZHIFU");
    for (String n : List.of(reworked, otherUnit)) {
      scenarios.signFor(n);
      scenarios.reply(n, "RESOLVED");
      scenarios.complete(n, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "答复过于简单"));
    }
    scenarios.signFor(handling);
    // 退回重办: the unit's candidate tasks and an or() of two process variables
    String filter = filterSeeder.filterIds(processEngine).get("sent-back");
    List<String> hrss = List.of("unit-hrss");
    Set<String> listed = as("hrss1", hrss, () -> ids(processEngine.getFilterService().list(filter)));
    // the engine's answer: the same or(), no candidate condition, so the engine joins hrss1's grants to every task
    Set<String> engines = as("hrss1", hrss, () -> ids(tasks.createTaskQuery().or()
        .processVariableValueEquals("qcOutcome", "REWORK")
        .processVariableValueEquals("signForDecision", "RETURN")
        .endOr().list()));
    assertThat(listed).isEqualTo(engines);
    assertThat(caseNumbersOf(listed)).contains(reworked).doesNotContain(handling, otherUnit);
  }

  @Test
  void aUnitsCandidateListReadsNoGrants() {
    CaseScenarios scenarios = new CaseScenarios(intake, runtime, tasks);
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    Task signFor = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
    Authorization grant = grant("unit-hrss", Resources.TASK, signFor.getId());
    authorizations.deleteAuthorization(grant.getId());
    try {
      List<String> hrss = List.of("unit-hrss");
      // without the engine's grant, the engine's check hides the task; the unit's list, which relies on the
      // candidate group, still shows it (LeanAuthorizationPlugin: a task's candidate group may read it)
      assertThat(as("hrss1", hrss, () -> tasks.createTaskQuery().taskId(signFor.getId()).count())).isZero();
      assertThat(as("hrss1", hrss, () -> tasks.createTaskQuery().taskId(signFor.getId())
          .taskCandidateGroup("unit-hrss").count())).isOne();
    } finally {
      Authorization restored = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      restored.setGroupId("unit-hrss");
      restored.setResource(Resources.TASK);
      restored.setResourceId(signFor.getId());
      restored.addPermission(Permissions.READ);
      restored.addPermission(TaskPermissions.TASK_WORK);
      authorizations.saveAuthorization(restored);
    }
  }

  @Test
  void checksGetTheEnginesAnswerForEveryShapeUserAndGrant() {
    String n = new CaseScenarios(intake, runtime, tasks).open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taskId = new CaseScenarios(intake, runtime, tasks).task(n, ProcessIds.TASK_SIGN_FOR).getId();
    int[] answered = EngineAnswerComparison.compare(engine, authorizations, taskId);
    // the comparison covered both answers many times
    assertThat(answered[0]).isGreaterThan(500);
    assertThat(answered[1]).isGreaterThan(500);
  }

  @Test
  void aRevokeIsRefusedWhileRevokesAreNotChecked() {
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setGroupId("unit-hrss");
    revoke.setResource(Resources.PROCESS_DEFINITION);
    revoke.setResourceId("*");
    revoke.removePermission(Permissions.READ);
    assertThatThrownBy(() -> authorizations.saveAuthorization(revoke))
        .isInstanceOf(BadUserRequestException.class).hasMessageContaining("撤销授权").hasMessageContaining("never");
    assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
        .isZero();
  }

  @Test
  void aDatabaseHoldingRevokesMakesTheNodeCheckThem() {
    jdbc.update("INSERT INTO ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_,"
        + " RESOURCE_ID_, PERMS_) VALUES ('zqt-test-revoke', 1, 2, 'unit-hrss', NULL, 6, 'no-such-process', -3)");
    try {
      plugin.postProcessEngineBuild(processEngine);
      assertThat(engine.getAuthorizationCheckRevokes()).isEqualTo("auto");
    } finally {
      jdbc.update("DELETE FROM ACT_RU_AUTHORIZATION WHERE ID_ = 'zqt-test-revoke'");
      engine.setAuthorizationCheckRevokes("never");
    }
    plugin.postProcessEngineBuild(processEngine);
    assertThat(engine.getAuthorizationCheckRevokes()).isEqualTo("never");
  }

  private static Set<String> ids(List<Task> list) {
    return list.stream().map(Task::getId).collect(Collectors.toSet());
  }

  private List<String> caseNumbersOf(Set<String> taskIds) {
    return taskIds.stream().map(id -> runtime.createProcessInstanceQuery()
        .processInstanceId(tasks.createTaskQuery().taskId(id).singleResult().getProcessInstanceId()).singleResult()
        .getBusinessKey()).toList();
  }

  private Authorization grant(String group, Resources resource, String id) {
    return authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(id)
        .singleResult();
  }

  private long executions(String like) {
    Long count = jdbc.queryForObject("SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
        + " WHERE REGEXP_REPLACE(SQL_STATEMENT, '\\s+', ' ') LIKE ?", Long.class, like);
    return count == null ? 0 : count;
  }

  private long visibleTo(String user, List<String> groups, String caseNumber) {
    return as(user, groups, () -> tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).count());
  }

  /** The work's answer, asked as the user in the given groups. */
  private <T> T as(String user, List<String> groups, java.util.function.Supplier<T> work) {
    identity.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
