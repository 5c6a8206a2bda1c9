package io.zqt.cases;

import io.zqt.intake.CaseIntakeRequest;
import io.zqt.intake.CaseIntakeService;
import io.zqt.security.ZqtUser;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Test helpers that open cases the way an operator does and find and complete their tasks. */
public final class CaseScenarios {

  public static final ZqtUser OPERATOR = new ZqtUser("operator1", List.of("operator"));
  /** A valid unified social credit code (check character computed per GB 32100-2015). */
  public static final String CREDIT_CODE = "91370602MA3C4K7L1W";

  private final CaseIntakeService intake;
  private final RuntimeService runtimeService;
  private final TaskService taskService;

  public CaseScenarios(CaseIntakeService intake, RuntimeService runtimeService, TaskService taskService) {
    this.intake = intake;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  public static CaseIntakeRequest request(String type, String topic, String district, String urgency) {
    return new CaseIntakeRequest("烟台市某精密机械有限公司", CREDIT_CODE, "王经理", "13853512345", district, type, topic,
        urgency, "新招员工社保登记遇到问题", "公司本月新招 12 名员工，网上办理社保登记时系统提示单位信息不一致，请协助处理。",
        "PHONE", null);
  }

  public String open(String type, String topic, String district) {
    return intake.open(request(type, topic, district, null), OPERATOR).record().caseNumber();
  }

  /**
   * Runs work as the administrator, so the engine records the user in its operation log as it does for a signed-in
   * user (callbacks and comments made outside a request).
   */
  public static void asAdmin(org.camunda.bpm.engine.IdentityService identity, Runnable work) {
    identity.setAuthentication("admin", List.of("camunda-admin"));
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs work as the given user with their groups, as after their login (e.g. a policy specialist). */
  public static void asUser(org.camunda.bpm.engine.IdentityService identity, String userId, Runnable work) {
    identity.setAuthentication(userId, identity.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList());
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  public ProcessInstance instance(String caseNumber) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
        .processDefinitionKey(ProcessIds.ENTERPRISE_CASE).singleResult();
  }

  public Task task(String caseNumber, String taskKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey)
        .singleResult();
  }

  public List<Task> openTasks(String caseNumber) {
    return taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).list();
  }

  public void complete(String caseNumber, String taskKey, Map<String, Object> variables) {
    Task task = task(caseNumber, taskKey);
    if (task == null) {
      throw new AssertionError("No open task " + taskKey + " for case " + caseNumber + "; open: "
          + openTasks(caseNumber).stream().map(Task::getTaskDefinitionKey).toList());
    }
    taskService.complete(task.getId(), variables);
  }

  public void passQc(String caseNumber, String verdict) {
    complete(caseNumber, ProcessIds.TASK_GATE1, Map.of("gate1Passed", true));
    complete(caseNumber, ProcessIds.TASK_GATE2, Map.of("gate2Passed", true));
    complete(caseNumber, ProcessIds.TASK_GATE3, Map.of("gate3Passed", true, "qcVerdict", verdict));
  }

  public void signFor(String caseNumber) {
    complete(caseNumber, ProcessIds.TASK_SIGN_FOR, Map.of("signForDecision", "SIGN"));
  }

  public void reply(String caseNumber, String result) {
    Map<String, Object> vars = new java.util.HashMap<>(Map.of("handlingAction", "REPLY", "replyResult", result,
        "replyText", "已与企业联系，协助完成社保登记信息更正。"));
    if ("PLANNED".equals(result)) {
      vars.put("promisedDate", "2026-12-31");
    }
    if ("UNRESOLVED".equals(result)) {
      vars.put("unresolvedReason", "涉及省级系统改造，本级无法解决。");
    }
    complete(caseNumber, ProcessIds.TASK_HANDLE, vars);
  }

  public void callback(String caseNumber, String satisfaction) {
    complete(caseNumber, ProcessIds.TASK_CALLBACK, "DISSATISFIED".equals(satisfaction)
        ? Map.of("satisfaction", satisfaction, "callbackComment", "问题没有真正解决")
        : Map.of("satisfaction", satisfaction));
  }
}
