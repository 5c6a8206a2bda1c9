package io.zqt.bench;

import io.zqt.bench.Workload.CasePlan;
import io.zqt.bench.Workload.Step;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * The bare Camunda engine the ZQT figures are compared with: a standalone engine with Camunda's defaults and the
 * same history level (full), on its own database of the same kind, running ZQT's two processes stripped of every
 * piece of ZQT logic. The baseline processes keep the same wait states, service tasks, gateways, boundary timers and
 * call activity; the service and business rule tasks become {@link BareStep}s (no decisions), forms and the app's
 * task listeners are gone, and authorizations are off (the engine's default).
 */
final class BaselineEngine implements AutoCloseable {

  static final String CASE_PROCESS = "baseline-case";
  static final String QC_PROCESS = "baseline-qc";

  private final ProcessEngine engine;
  private final boolean secured;

  private BaselineEngine(ProcessEngine engine, boolean secured) {
    this.engine = engine;
    this.secured = secured;
  }

  /** A bare engine on an H2 or PostgreSQL database of its own (a Hikari pool of 10, as the app's). */
  static BaselineEngine start(String jdbcUrl, String user, String password) {
    return start(pool(jdbcUrl, user, password));
  }

  static javax.sql.DataSource pool(String jdbcUrl, String user, String password) {
    com.zaxxer.hikari.HikariConfig hikari = new com.zaxxer.hikari.HikariConfig();
    hikari.setJdbcUrl(jdbcUrl);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(10);
    hikari.setPoolName("baseline");
    return new com.zaxxer.hikari.HikariDataSource(hikari);
  }

  static BaselineEngine start(javax.sql.DataSource dataSource) {
    return start(dataSource, false);
  }

  /**
   * With {@code secured}, the bare engine gets the engine settings ZQT runs with (authorizations on, historic instance
   * permissions, removal time set at the end of a case, task permission TASK_WORK, no revoke checks) and every step
   * runs as its user: what remains between this and ZQT is ZQT's own work.
   */
  static BaselineEngine start(javax.sql.DataSource dataSource, boolean secured) {
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setProcessEngineName(secured ? "baseline-secured" : "baseline");
    if (secured) {
      cfg.setAuthorizationEnabled(true);
      cfg.setEnableHistoricInstancePermissions(true);
      cfg.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END);
      cfg.setDefaultUserPermissionNameForTask("TASK_WORK");
      // ZQT grants only and checks no revokes (LeanAuthorizationPlugin): an engine setting, so the baseline has it
      cfg.setAuthorizationCheckRevokes("never");
    }
    cfg.setDataSource(dataSource);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    cfg.setJobExecutorActivate(true);
    cfg.setMetricsEnabled(true);
    ProcessEngine engine = cfg.buildProcessEngine();
    engine.getRepositoryService().createDeployment().name("baseline")
        .addModelInstance("baseline-case.bpmn", strip("processes/enterprise-case.bpmn", CASE_PROCESS))
        .addModelInstance("baseline-qc.bpmn", strip("processes/three-gate-qc.bpmn", QC_PROCESS))
        .enableDuplicateFiltering(true)
        .deploy();
    if (secured) {
      grantStartToEveryone(engine);
    }
    return new BaselineEngine(engine, secured);
  }

  /** Everyone may start and read the baseline processes (task permissions come with the candidate groups). */
  private static void grantStartToEveryone(ProcessEngine engine) {
    var auth = engine.getAuthorizationService();
    if (auth.createAuthorizationQuery().userIdIn("*").resourceType(
        org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).count() > 0) {
      return;
    }
    var definitions = auth.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL);
    definitions.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
    definitions.setResourceId("*");
    definitions.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    definitions.addPermission(org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE);
    auth.saveAuthorization(definitions);
    var instances = auth.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL);
    instances.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE);
    instances.setResourceId("*");
    instances.addPermission(org.camunda.bpm.engine.authorization.Permissions.CREATE);
    auth.saveAuthorization(instances);
  }

  ProcessEngine engine() {
    return engine;
  }

  /** ZQT's process with every piece of ZQT logic taken out (see the class comment). */
  static BpmnModelInstance strip(String resource, String processId) {
    BpmnModelInstance model;
    try (InputStream in = BaselineEngine.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Not on the class path: " + resource);
      }
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    String ns = BpmnModelConstants.CAMUNDA_NS;
    for (Process p : model.getModelElementsByType(Process.class)) {
      p.setId(processId);
    }
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      call.setCalledElement(QC_PROCESS);
    }
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.removeAttributeNs(ns, "delegateExpression");
      task.setCamundaClass(BareStep.class.getName());
      dropExtensions(task);
    }
    for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
      for (String attribute : new String[] {"decisionRef", "resultVariable", "mapDecisionResult"}) {
        task.removeAttributeNs(ns, attribute);
      }
      task.setCamundaClass(BareStep.class.getName());
      dropExtensions(task);
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      task.removeAttributeNs(ns, "formRef");
      task.removeAttributeNs(ns, "formRefBinding");
      dropExtensions(task);
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      start.removeAttributeNs(ns, "formRef");
      start.removeAttributeNs(ns, "formRefBinding");
      start.removeAttributeNs(ns, "initiator");
    }
    Bpmn.validateModel(model);
    return model;
  }

  private static void dropExtensions(FlowNode node) {
    if (node.getExtensionElements() != null) {
      node.removeChildElement(node.getExtensionElements());
    }
  }

  @Override
  public void close() {
    javax.sql.DataSource ds = engine.getProcessEngineConfiguration().getDataSource();
    engine.close();
    while (ds instanceof org.springframework.jdbc.datasource.DelegatingDataSource d) {
      ds = d.getTargetDataSource();
    }
    if (ds instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Runs plans on the baseline processes: the same intake variables, the same steps and submitted values. */
  static final class Driver implements LifecycleDriver {

    private final ProcessEngine engine;
    private final boolean secured;
    private final TaskService tasks;
    private final FormService forms;
    private final java.util.concurrent.atomic.AtomicLong keys = new java.util.concurrent.atomic.AtomicLong();

    Driver(BaselineEngine baseline) {
      this.engine = baseline.engine;
      this.secured = baseline.secured;
      this.tasks = engine.getTaskService();
      this.forms = engine.getFormService();
    }

    @Override
    public String name() {
      return secured ? "baseline-secured-java" : "baseline-java";
    }

    @Override
    public String open(CasePlan plan) {
      var in = plan.intake();
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("enterpriseName", in.enterpriseName());
      variables.put("creditCode", in.creditCode());
      variables.put("contactName", in.contactName());
      variables.put("contactPhone", in.contactPhone());
      variables.put("district", in.district());
      variables.put("type", in.type());
      variables.put("topic", in.topic());
      variables.put("urgency", in.urgency());
      variables.put("title", in.title());
      variables.put("description", in.description());
      variables.put("channel", in.channel());
      variables.put("benchPath", plan.kind().startsWith("DIRECT") ? "DIRECT_ANSWER" : "DISPATCH");
      variables.put("handlingUnit", plan.routedUnit());
      long now = System.currentTimeMillis();
      variables.put("signForDue", new Date(now + 86_400_000L));
      variables.put("handlingDue", new Date(now + 7 * 86_400_000L));
      String key = "B" + System.nanoTime() + "-" + keys.incrementAndGet();
      authenticate(Actors.OPERATOR, java.util.List.of("operator"));
      try {
        engine.getRuntimeService().startProcessInstanceByKey(CASE_PROCESS, key, variables);
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
      return key;
    }

    @Override
    public void work(String key, CasePlan plan) {
      for (Step step : plan.steps()) {
        authenticate(Actors.userId(step), Actors.groups(step));
        try {
          complete(key, plan, step);
        } finally {
          engine.getIdentityService().clearAuthentication();
        }
      }
    }

    private void authenticate(String user, java.util.List<String> groups) {
      if (secured) {
        engine.getIdentityService().setAuthentication(user, groups);
      }
    }

    private void complete(String key, CasePlan plan, Step step) {
      Task task = tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(step.taskKey())
          .singleResult();
      if (task == null) {
        throw new IllegalStateException("Baseline case " + key + " (" + plan.kind() + "): no task "
            + step.taskKey());
      }
      tasks.claim(task.getId(), Actors.userId(step));
      forms.submitTaskForm(task.getId(), step.variables());
    }
  }
}
