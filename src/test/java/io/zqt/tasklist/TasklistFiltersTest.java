package io.zqt.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zqt.ZqtSpringTest;
import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeService;
import io.zqt.org.FilterSeeder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The Tasklist filters per role, over the engine REST API that Tasklist itself calls. */
@ZqtSpringTest
class TasklistFiltersTest {

  static final ZoneId YANTAI = ZoneId.of("Asia/Shanghai");
  static final List<String> WORKER_FILTERS = List.of("我的待办", "本单位待办", "即将超期", "已超期", "退回重办");
  /** What Tasklist sends when it lists a filter's tasks. */
  static final String TASKLIST_BODY = """
      {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"orQueries":[],
       "sorting":[{"sortBy":"created","sortOrder":"desc"}],"active":true}""";

  @Autowired TestRestTemplate http;
  @Autowired ProcessEngine engine;
  @Autowired FilterSeeder seeder;
  @Autowired FilterService filterService;
  @Autowired AuthorizationService authorizationService;
  @Autowired CaseIntakeService intake;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  CaseScenarios scenarios;
  Map<String, String> ids;

  @BeforeEach
  void setUp() {
    ClockUtil.setCurrentTime(Date.from(at(2025, 9, 26, 10, 0)));
    scenarios = new CaseScenarios(intake, runtimeService, taskService);
    ids = seeder.filterIds(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Instant at(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(YANTAI).toInstant();
  }

  ResponseEntity<JsonNode> call(HttpMethod method, String path, String user, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  List<String> filterNames(String user) {
    ResponseEntity<JsonNode> response = call(HttpMethod.GET, "/engine-rest/filter?resourceType=Task", user, null);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> names = new ArrayList<>();
    response.getBody().forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  List<String> taskIds(String filterKey, String user) {
    ResponseEntity<JsonNode> response = call(HttpMethod.POST,
        "/engine-rest/filter/" + ids.get(filterKey) + "/list?firstResult=0&maxResults=200", user, TASKLIST_BODY);
    assertThat(response.getStatusCode()).as("%s lists %s", user, filterKey).isEqualTo(HttpStatus.OK);
    List<String> tasks = new ArrayList<>();
    response.getBody().forEach(t -> tasks.add(t.get("id").asText()));
    return tasks;
  }

  @Test
  void eachRoleSeesExactlyItsFilters() {
    assertThat(filterNames("hrss1")).containsExactlyInAnyOrderElementsOf(WORKER_FILTERS);
    assertThat(filterNames("tax1")).containsExactlyInAnyOrderElementsOf(WORKER_FILTERS);
    assertThat(filterNames("operator1")).containsExactlyInAnyOrder("我的待办", "本单位待办", "即将超期", "已超期");
    assertThat(filterNames("reviewer1")).containsExactlyInAnyOrderElementsOf(WORKER_FILTERS);
    assertThat(filterNames("qc1")).containsExactlyInAnyOrderElementsOf(WORKER_FILTERS);
    List<String> lineWorkingGroup = new ArrayList<>(WORKER_FILTERS);
    lineWorkingGroup.add("全部在办");
    assertThat(filterNames("lwg1")).containsExactlyInAnyOrderElementsOf(lineWorkingGroup);
    assertThat(filterNames("owner1")).containsExactly("全部在办");
    assertThat(filterNames("auditor1")).containsExactly("全部在办");
    assertThat(filterNames("admin")).containsAll(lineWorkingGroup);
  }

  @Test
  void aUnitUserCannotReadOrRunAnotherRolesFilter() {
    String allOpen = ids.get("all-open");
    assertThat(call(HttpMethod.GET, "/engine-rest/filter/" + allOpen, "hrss1", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.POST, "/engine-rest/filter/" + allOpen + "/list", "hrss1", TASKLIST_BODY)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.GET, "/engine-rest/filter/" + ids.get("sent-back"), "operator1", null)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call(HttpMethod.GET, "/engine-rest/filter/" + allOpen, "lwg1", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void filtersAreOwnedByTheAdminWithTheirTasklistProperties() {
    for (String key : List.of("assigned-to-me", "my-groups", "due-soon", "overdue", "sent-back", "all-open")) {
      Filter filter = filterService.getFilter(ids.get(key));
      assertThat(filter.getOwner()).isEqualTo("admin");
      assertThat(filter.getResourceType()).isEqualTo("Task");
      assertThat(filter.getProperties()).containsKeys("priority", "description", "color", "refresh", "variables");
      assertThat(filter.getProperties().get("variables").toString())
          .contains("summaryCaseNumber", "工单编号", "summaryEnterprise", "summaryTitle");
    }
    assertThat(filterService.getFilter(ids.get("overdue")).getProperties().get("color")).isEqualTo("#d9534f");
    assertThat(filterService.createFilterQuery().filterName("全部任务").count())
        .as("no default filter for everybody").isZero();
  }

  @Test
  void unitFiltersListTheUnitsTasksAndNotAnotherUnits() {
    String hrssCase = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taxCase = scenarios.open("HELP", "TAX", "ZHIFU");
    String hrssTask = scenarios.task(hrssCase, ProcessIds.TASK_SIGN_FOR).getId();
    String taxTask = scenarios.task(taxCase, ProcessIds.TASK_SIGN_FOR).getId();

    assertThat(taskIds("my-groups", "hrss1")).contains(hrssTask).doesNotContain(taxTask);
    assertThat(taskIds("my-groups", "tax1")).contains(taxTask).doesNotContain(hrssTask);
    assertThat(taskIds("assigned-to-me", "hrss1")).doesNotContain(hrssTask);

    taskService.claim(hrssTask, "hrss1");
    assertThat(taskIds("assigned-to-me", "hrss1")).contains(hrssTask);
    assertThat(taskIds("my-groups", "hrss1")).as("claimed tasks stay in the unit's list").contains(hrssTask);
    assertThat(taskIds("assigned-to-me", "tax1")).doesNotContain(hrssTask);

    assertThat(taskIds("all-open", "lwg1")).contains(hrssTask, taxTask);
    assertThat(taskIds("all-open", "owner1")).contains(hrssTask, taxTask);
    assertThat(taskIds("all-open", "auditor1")).contains(hrssTask, taxTask);
  }

  /** Tasklist lists a filter with HAL and shows the filter's variables on each card. */
  @Test
  void aUnitUserSeesCaseNumberEnterpriseAndTitleOnTheTaskCards() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    String taskId = scenarios.task(n, ProcessIds.TASK_SIGN_FOR).getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("hrss1", "demo");
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    JsonNode list = http.exchange("/engine-rest/filter/" + ids.get("my-groups") + "/list?firstResult=0&maxResults=200",
        HttpMethod.POST, new HttpEntity<>(TASKLIST_BODY, headers), JsonNode.class).getBody();
    JsonNode card = null;
    for (JsonNode task : list.path("_embedded").path("task")) {
      if (task.path("id").asText().equals(taskId)) {
        card = task;
      }
    }
    assertThat(card).as("the task is in the list").isNotNull();
    Map<String, String> shown = new java.util.HashMap<>();
    card.path("_embedded").path("variable").forEach(v -> shown.put(v.path("name").asText(), v.path("value").asText()));
    assertThat(shown).containsEntry("summaryCaseNumber", n)
        .containsEntry("summaryEnterprise", "烟台市某精密机械有限公司")
        .containsEntry("summaryTitle", "新招员工社保登记遇到问题");
  }

  @Test
  void dueSoonAndOverdueFollowTheEngineClock() {
    String n = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(n);
    Task handle = scenarios.task(n, ProcessIds.TASK_HANDLE);
    // 5 working days from Friday 26 September 10:00: Friday 10 October 17:00 (1–8 October are holidays)
    assertThat(handle.getDueDate().toInstant()).isEqualTo(at(2025, 10, 10, 17, 0));
    assertThat(handle.getFollowUpDate().toInstant()).isEqualTo(at(2025, 10, 9, 17, 0));

    assertThat(taskIds("due-soon", "hrss1")).doesNotContain(handle.getId());
    assertThat(taskIds("overdue", "hrss1")).doesNotContain(handle.getId());

    ClockUtil.setCurrentTime(Date.from(at(2025, 10, 9, 18, 0)));
    assertThat(taskIds("due-soon", "hrss1")).contains(handle.getId());
    assertThat(taskIds("overdue", "hrss1")).doesNotContain(handle.getId());
    assertThat(taskIds("due-soon", "tax1")).doesNotContain(handle.getId());

    ClockUtil.setCurrentTime(Date.from(at(2025, 10, 10, 17, 5)));
    assertThat(taskIds("due-soon", "hrss1")).doesNotContain(handle.getId());
    assertThat(taskIds("overdue", "hrss1")).contains(handle.getId());
    assertThat(taskIds("overdue", "tax1")).doesNotContain(handle.getId());
  }

  @Test
  void sentBackListsCasesReturnedByQcOrByTheUnit() {
    String reworked = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(reworked);
    String fresh = scenarios.open("HELP", "SOCIAL_INSURANCE", "ZHIFU");
    scenarios.signFor(fresh);
    scenarios.reply(reworked, "RESOLVED");
    scenarios.complete(reworked, ProcessIds.TASK_GATE1, Map.of("gate1Passed", false, "gate1Remark", "答复未说明办理依据"));
    String reworkTask = scenarios.task(reworked, ProcessIds.TASK_HANDLE).getId();
    String freshTask = scenarios.task(fresh, ProcessIds.TASK_HANDLE).getId();

    assertThat(taskIds("sent-back", "hrss1")).contains(reworkTask).doesNotContain(freshTask);

    String returned = scenarios.open("HELP", "TAX", "ZHIFU");
    scenarios.complete(returned, ProcessIds.TASK_SIGN_FOR,
        Map.of("signForDecision", "RETURN", "returnReason", "不属于本单位职责"));
    String reroute = scenarios.task(returned, ProcessIds.TASK_REROUTE).getId();
    assertThat(taskIds("sent-back", "lwg1")).contains(reroute);
    assertThat(taskIds("sent-back", "hrss1")).doesNotContain(reroute);

    // once the reply passes QC again, the case is no longer "sent back"
    scenarios.reply(reworked, "RESOLVED");
    String gate1 = scenarios.task(reworked, ProcessIds.TASK_GATE1).getId();
    assertThat(taskIds("sent-back", "reviewer1")).as("second QC round of a reworked case").contains(gate1);
    scenarios.passQc(reworked, "RESOLVED");
    String callback = scenarios.task(reworked, ProcessIds.TASK_CALLBACK).getId();
    assertThat(taskIds("my-groups", "operator1")).contains(callback);
    assertThat(taskIds("all-open", "lwg1")).contains(callback);
    assertThat(taskIds("sent-back", "lwg1")).doesNotContain(callback);
  }

  @Test
  void seedingIsIdempotentAndPutsBackWhatWasChanged() {
    assertThat(seeder.seed(engine).changedNothing()).isTrue();

    Filter overdue = filterService.getFilter(ids.get("overdue"));
    overdue.setName("改过的名字");
    filterService.saveFilter(overdue);
    Authorization extra = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    extra.setGroupId("unit-tax");
    extra.setResource(Resources.FILTER);
    extra.setResourceId(ids.get("all-open"));
    extra.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(extra);
    Authorization blanket = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    blanket.setGroupId("operator");
    blanket.setResource(Resources.FILTER);
    blanket.setResourceId("*");
    blanket.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(blanket);
    assertThat(filterNames("tax1")).contains("全部在办");

    FilterSeeder.SeedReport report = seeder.seed(engine);

    assertThat(report).isEqualTo(new FilterSeeder.SeedReport(0, 1, 0, 2));
    assertThat(filterService.getFilter(ids.get("overdue")).getName()).isEqualTo("已超期");
    assertThat(filterNames("tax1")).containsExactlyInAnyOrderElementsOf(WORKER_FILTERS);
    assertThat(filterNames("operator1")).doesNotContain("全部在办", "退回重办");
    assertThat(seeder.filterIds(engine)).isEqualTo(ids);
    assertThat(seeder.seed(engine).changedNothing()).isTrue();
  }
}
