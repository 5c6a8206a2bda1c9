package io.zqt.cases;

/** Ids of processes, decisions and elements that Java refers to. Keep them in step with processes/ and decisions/. */
public final class ProcessIds {

  public static final String ENTERPRISE_CASE = "enterprise-case";
  public static final String THREE_GATE_QC = "three-gate-qc";

  public static final String DECISION_CASE_ROUTING = "case-routing";
  public static final String DECISION_HANDLING_DEADLINE = "handling-deadline";
  public static final String DECISION_TASK_DEADLINE = "task-deadline";
  public static final String DECISION_THREE_WAY_CALL = "three-way-call";

  public static final String START_CASE_RECEIVED = "StartEvent_CaseReceived";
  public static final String TASK_REGISTER_CASE = "Task_RegisterCase";
  public static final String TASK_DIRECT_ANSWER = "UserTask_DirectAnswer";
  public static final String TASK_THREE_WAY_CALL = "UserTask_ThreeWayCall";
  public static final String BOUNDARY_THREE_WAY_CALL_TIMEOUT = "BoundaryEvent_ThreeWayCallTimeout";
  public static final String TASK_FIND_SPECIALIST = "Task_FindSpecialist";
  public static final String TASK_RECORD_THREE_WAY_CALL_ANSWER = "Task_RecordThreeWayCallAnswer";
  public static final String TASK_RECORD_THREE_WAY_CALL_HANDOVER = "Task_RecordThreeWayCallHandover";
  public static final String TASK_SIGN_FOR = "UserTask_SignFor";
  public static final String TASK_REROUTE = "UserTask_RerouteCase";
  public static final String TASK_HANDLE = "UserTask_HandleCase";
  public static final String TASK_REVIEW_EXTENSION = "UserTask_ReviewExtension";
  public static final String TASK_CALLBACK = "UserTask_Callback";
  public static final String TASK_REVIEW_DISSATISFACTION = "UserTask_ReviewDissatisfaction";
  public static final String TASK_REMIND_SIGN_FOR_OVERDUE = "Task_RemindSignForOverdue";
  public static final String TASK_REMIND_HANDLING_OVERDUE = "Task_RemindHandlingOverdue";
  public static final String BOUNDARY_SIGN_FOR_OVERDUE = "BoundaryEvent_SignForOverdue";
  public static final String BOUNDARY_HANDLING_OVERDUE = "BoundaryEvent_HandlingOverdue";
  public static final String CALL_THREE_GATE_QC = "CallActivity_ThreeGateQc";
  public static final String END_CASE_CLOSED = "EndEvent_CaseClosed";
  public static final String END_PLANNED_LEDGER = "EndEvent_PlannedLedger";
  public static final String END_UNRESOLVED_LEDGER = "EndEvent_UnresolvedLedger";

  public static final String TASK_GATE1 = "UserTask_Gate1Review";
  public static final String TASK_GATE2 = "UserTask_Gate2Review";
  public static final String TASK_GATE3 = "UserTask_Gate3Verify";
  public static final String END_QC_PASSED = "EndEvent_QcPassed";
  public static final String END_REWORK_REQUESTED = "EndEvent_ReworkRequested";

  private ProcessIds() {}
}
