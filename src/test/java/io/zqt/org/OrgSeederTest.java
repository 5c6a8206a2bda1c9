package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@DemoAppTest
class OrgSeederTest {

  private static final List<String> STAFF_GROUPS = List.of("operator", "case-review-group", "line-working-group",
      "qc-specialist", "auditor", "process-owner");

  private static final Map<String, String> DEMO_USERS = Map.ofEntries(
      Map.entry("operator1", "operator"), Map.entry("reviewer1", "case-review-group"),
      Map.entry("lwg1", "line-working-group"), Map.entry("qc1", "qc-specialist"), Map.entry("auditor1", "auditor"),
      Map.entry("owner1", "process-owner"), Map.entry("hrss1", "unit-hrss"), Map.entry("tax1", "unit-tax"),
      Map.entry("amr1", "unit-amr"), Map.entry("zhifu1", "unit-zhifu"), Map.entry("laishan1", "unit-laishan"),
      Map.entry("yeda1", "unit-yeda"));

  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired UnitCatalog units;
  @Autowired OrgSeeder seeder;

  private Deployment deployment;

  @AfterEach
  void cleanUp() {
    identityService.clearAuthentication();
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void everyGroupExists() {
    Map<String, Group> groups = identityService.createGroupQuery().list().stream()
        .collect(Collectors.toMap(Group::getId, Function.identity()));
    assertThat(groups.get("operator").getName()).isEqualTo("话务员");
    assertThat(groups.get("camunda-admin").getType()).isEqualTo(Groups.GROUP_TYPE_SYSTEM);
    assertThat(groups.get("camunda-admin").getName()).isEqualTo("系统管理员");
    assertThat(groups).containsKeys(STAFF_GROUPS.toArray(String[]::new));
    for (Unit unit : units.all()) {
      assertThat(groups.get(unit.groupId())).as(unit.groupId()).isNotNull()
          .satisfies(group -> {
            assertThat(group.getName()).isEqualTo(unit.nameZh());
            assertThat(group.getType()).isEqualTo(Groups.GROUP_TYPE_WORKFLOW);
          });
    }
  }

  @Test
  void theAdminIsInCamundaAdminWithAllOnEveryResource() {
    assertThat(identityService.checkPassword("admin", "demo")).isTrue();
    assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isOne();
    for (Resources resource : Resources.values()) {
      assertThat(grant("camunda-admin", resource, "*").isEveryPermissionGranted()).as(resource.name()).isTrue();
    }
    for (Resources resource : List.of(Resources.APPLICATION, Resources.USER, Resources.GROUP,
        Resources.AUTHORIZATION, Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK,
        Resources.DEPLOYMENT, Resources.DECISION_DEFINITION, Resources.BATCH, Resources.SYSTEM)) {
      assertThat(authorizationService.isUserAuthorized("admin", List.of("camunda-admin"), Permissions.ALL, resource,
          "any-id")).as(resource.name()).isTrue();
    }
  }

  @Test
  void demoUsersExistWithTheirGroups() {
    DEMO_USERS.forEach((userId, groupId) -> {
      User user = identityService.createUserQuery().userId(userId).singleResult();
      assertThat(user).as(userId).isNotNull();
      assertThat(user.getLastName()).containsPattern("\\p{IsHan}");
      assertThat(user.getFirstName()).containsPattern("\\p{IsHan}");
      assertThat(user.getEmail()).isEqualTo(userId + "@demo.zqt.local");
      assertThat(identityService.checkPassword(userId, "demo")).as(userId).isTrue();
      assertThat(groupIds(userId)).as(userId).containsExactly(groupId);
    });
  }

  @Test
  void seedingAgainCreatesNothing() {
    long authorizations = authorizationService.createAuthorizationQuery().count();
    long groups = identityService.createGroupQuery().count();
    long users = identityService.createUserQuery().count();

    OrgSeeder.SeedReport report = seeder.seed(engine);

    assertThat(report.changedNothing()).as(report.toString()).isTrue();
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
    assertThat(identityService.createUserQuery().count()).isEqualTo(users);
    assertNoDuplicateGrants();
  }

  @Test
  void seedingRestoresWhatWasRemovedWithoutDuplicates() {
    long authorizations = authorizationService.createAuthorizationQuery().count();
    Authorization unitTasklist = grant("unit-hrss", Resources.APPLICATION, "tasklist");
    authorizationService.deleteAuthorization(unitTasklist.getId());
    identityService.deleteMembership("hrss1", "unit-hrss");
    Authorization auditorDefinitions = grant("auditor", Resources.PROCESS_DEFINITION, "*");
    auditorDefinitions.removePermission(ProcessDefinitionPermissions.READ_HISTORY);
    authorizationService.saveAuthorization(auditorDefinitions);

    OrgSeeder.SeedReport report = seeder.seed(engine);

    assertThat(report).isEqualTo(new OrgSeeder.SeedReport(0, 0, 1, 1, 1));
    assertThat(authorizationService.createAuthorizationQuery().count()).isEqualTo(authorizations);
    assertThat(groupIds("hrss1")).containsExactly("unit-hrss");
    assertThat(grant("auditor", Resources.PROCESS_DEFINITION, "*")
        .isPermissionGranted(ProcessDefinitionPermissions.READ_HISTORY)).isTrue();
    assertNoDuplicateGrants();
  }

  @Test
  void everyStaffAndUnitGroupMayUseTasklistAndSeeProcessNames() {
    List<String> groups = new ArrayList<>(STAFF_GROUPS);
    units.all().forEach(unit -> groups.add(unit.groupId()));
    for (String group : groups) {
      assertThat(groupMay(group, Permissions.ACCESS, Resources.APPLICATION, "tasklist")).as(group).isTrue();
      assertThat(groupMay(group, ProcessDefinitionPermissions.READ, Resources.PROCESS_DEFINITION, "enterprise-case"))
          .as(group).isTrue();
      // filters are granted one by one (filters.yaml, FilterSeeder), never all at once
      assertThat(groupMay(group, Permissions.READ, Resources.FILTER, "some-filter")).as(group).isFalse();
      assertThat(groupMay(group, Permissions.ACCESS, Resources.APPLICATION, "admin")).as(group).isFalse();
    }
  }

  @Test
  void theOperatorMayStartCasesButNotOtherProcesses() {
    assertThat(userMay("operator1", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "enterprise-case")).isTrue();
    assertThat(userMay("operator1", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "three-gate-qc")).isFalse();
    assertThat(authorizationService.isUserAuthorized("operator1", groupIds("operator1"),
        ProcessInstancePermissions.CREATE, Resources.PROCESS_INSTANCE)).isTrue();
    assertThat(userMay("operator1", ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
        "enterprise-case")).isFalse();
  }

  @Test
  void tasklistOffersTheOperatorToStartACaseAndNobodyElse() {
    authenticate("operator1");
    assertThat(repositoryService.createProcessDefinitionQuery().startablePermissionCheck().startableInTasklist()
        .latestVersion().list()).extracting(definition -> definition.getKey()).containsExactly("enterprise-case");
    for (String user : List.of("hrss1", "reviewer1", "auditor1")) {
      authenticate(user);
      assertThat(repositoryService.createProcessDefinitionQuery().startablePermissionCheck().list()).as(user)
          .isEmpty();
      assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("enterprise-case").count())
          .as("%s sees the process name", user).isOne();
    }
  }

  @Test
  void reviewersReadTheHistory() {
    for (String user : List.of("reviewer1", "lwg1", "qc1", "auditor1", "owner1")) {
      assertThat(userMay(user, ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
          "enterprise-case")).as(user).isTrue();
    }
  }

  @Test
  void aUnitSeesNeitherHistoryNorOtherUnitsCases() {
    for (String user : List.of("hrss1", "tax1", "zhifu1", "yeda1")) {
      assertThat(userMay(user, ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
          "enterprise-case")).as(user).isFalse();
      assertThat(userMay(user, ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, "any-instance"))
          .as(user).isFalse();
      assertThat(userMay(user, ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
          "enterprise-case")).as(user).isFalse();
      assertThat(userMay(user, TaskPermissions.READ, Resources.TASK, "any-task")).as(user).isFalse();
      assertThat(userMay(user, Permissions.ACCESS, Resources.APPLICATION, "cockpit")).as(user).isFalse();
    }
  }

  @Test
  void aUnitWorksOnTheTasksOfItsOwnGroupOnly() {
    deployment = repositoryService.createDeployment().name("org-seeder-test")
        .addModelInstance("org-seeder-test.bpmn", Bpmn.createExecutableProcess("org-seeder-test")
            .camundaHistoryTimeToLive(1)
            .startEvent().userTask("UserTask_Handle").camundaCandidateGroups("unit-hrss").endEvent().done())
        .deploy();
    runtimeService.startProcessInstanceByKey("org-seeder-test", "ZQT-TEST-1");

    authenticate("hrss1");
    assertThat(taskService.createTaskQuery().taskCandidateGroup("unit-hrss").count()).isOne();
    assertThat(taskService.createTaskQuery().count()).isOne();
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().count()).isZero();
    String taskId = taskService.createTaskQuery().singleResult().getId();
    taskService.claim(taskId, "hrss1");
    taskService.complete(taskId);

    identityService.clearAuthentication();
    runtimeService.startProcessInstanceByKey("org-seeder-test", "ZQT-TEST-2");
    authenticate("tax1");
    assertThat(taskService.createTaskQuery().count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isZero();

    authenticate("auditor1");
    assertThat(taskService.createTaskQuery().count()).isOne();
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(2);
  }

  @Test
  void theAuditorMayReadButNotWrite() {
    List<Authorization> grants = authorizationService.createAuthorizationQuery().groupIdIn("auditor").list();
    assertThat(grants).isNotEmpty().allSatisfy(grant -> {
      Resource resource = ResourceTypeUtil.getResourceByType(grant.getResourceType());
      assertThat(grant.getAuthorizationType()).isEqualTo(Authorization.AUTH_TYPE_GRANT);
      assertThat(grant.isEveryPermissionGranted()).isFalse();
      assertThat(grantedNames(grant, resource)).as("%s %s", resource, grant.getResourceId())
          .isSubsetOf("READ", "READ_HISTORY", "ACCESS");
    });
    assertThat(userMay("auditor1", Permissions.READ, Resources.DEPLOYMENT, "any")).isTrue();
    assertThat(userMay("auditor1", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(userMay("auditor1", Permissions.ACCESS, Resources.APPLICATION, "admin")).isFalse();

    Map<Resources, List<Permission>> writes = Map.of(
        Resources.PROCESS_DEFINITION, List.of(ProcessDefinitionPermissions.UPDATE, ProcessDefinitionPermissions.DELETE,
            ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE,
            ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_HISTORY,
            ProcessDefinitionPermissions.TASK_WORK, ProcessDefinitionPermissions.SUSPEND),
        Resources.PROCESS_INSTANCE, List.of(ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.DELETE),
        Resources.TASK, List.of(TaskPermissions.UPDATE, TaskPermissions.DELETE, TaskPermissions.TASK_WORK,
            TaskPermissions.TASK_ASSIGN),
        Resources.DEPLOYMENT, List.of(Permissions.DELETE),
        Resources.DECISION_DEFINITION, List.of(Permissions.UPDATE, Permissions.CREATE_INSTANCE,
            Permissions.DELETE_HISTORY),
        Resources.USER, List.of(Permissions.UPDATE, Permissions.DELETE),
        Resources.GROUP, List.of(Permissions.UPDATE, Permissions.DELETE),
        Resources.AUTHORIZATION, List.of(Permissions.UPDATE, Permissions.DELETE),
        Resources.BATCH, List.of(BatchPermissions.UPDATE, BatchPermissions.DELETE, BatchPermissions.DELETE_HISTORY));
    writes.forEach((resource, permissions) -> permissions.forEach(permission ->
        assertThat(userMay("auditor1", permission, resource, "admin"))
            .as("%s %s", permission.getName(), resource).isFalse()));
    for (Resources resource : List.of(Resources.PROCESS_INSTANCE, Resources.DEPLOYMENT, Resources.USER,
        Resources.GROUP, Resources.GROUP_MEMBERSHIP, Resources.AUTHORIZATION, Resources.FILTER, Resources.BATCH)) {
      assertThat(authorizationService.isUserAuthorized("auditor1", groupIds("auditor1"), Permissions.CREATE,
          resource)).as("CREATE %s", resource).isFalse();
    }
  }

  /** Authenticates the user with the groups the user really belongs to (looked up without authentication). */
  private void authenticate(String userId) {
    identityService.clearAuthentication();
    List<String> groups = groupIds(userId);
    assertThat(groups).as(userId).isNotEmpty();
    identityService.setAuthentication(userId, groups);
  }

  private Authorization grant(String groupId, Resources resource, String resourceId) {
    return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
  }

  private void assertNoDuplicateGrants() {
    Map<String, Long> counts = authorizationService.createAuthorizationQuery().list().stream()
        .collect(Collectors.groupingBy(a -> a.getAuthorizationType() + "|" + a.getUserId() + "|" + a.getGroupId()
            + "|" + a.getResourceType() + "|" + a.getResourceId(), Collectors.counting()));
    assertThat(counts).allSatisfy((key, count) -> assertThat(count).as(key).isOne());
  }

  private List<String> groupIds(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  private boolean userMay(String userId, Permission permission, Resource resource, String resourceId) {
    return authorizationService.isUserAuthorized(userId, groupIds(userId), permission, resource, resourceId);
  }

  private boolean groupMay(String groupId, Permission permission, Resource resource, String resourceId) {
    return authorizationService.isUserAuthorized("nobody-" + groupId, List.of(groupId), permission, resource,
        resourceId);
  }

  private static List<String> grantedNames(Authorization grant, Resource resource) {
    return Arrays.stream(ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType()))
        .filter(p -> p.getValue() != 0 && p.getValue() != Integer.MAX_VALUE)
        .filter(p -> Arrays.asList(p.getTypes()).contains(resource))
        .filter(grant::isPermissionGranted)
        .map(Permission::getName)
        .toList();
  }
}
