package io.zqt.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case summary shown read-only at the top of every Camunda Form (group {@value #FORM_GROUP_ID}): task-local
 * variables set when a task is created, values in Chinese. The forms show them as disabled fields, which form-js
 * does not submit.
 */
public final class CaseSummary {

  /** The id of the summary group, identical in every form. */
  public static final String FORM_GROUP_ID = "Group_caseSummary";

  public static final String CASE_NUMBER = "summaryCaseNumber";
  public static final String ENTERPRISE = "summaryEnterprise";
  public static final String TITLE = "summaryTitle";
  public static final String TYPE = "summaryType";
  public static final String TOPIC = "summaryTopic";
  public static final String DISTRICT = "summaryDistrict";
  public static final String DEADLINE = "summaryDeadline";
  public static final String REPLIES = "summaryReplies";
  public static final String QC_REMARKS = "summaryQcRemarks";
  public static final String REWORK_COUNT = "summaryReworkCount";

  /** Every summary variable with its Chinese label, in the order of the form. */
  public static final Map<String, String> LABELS;

  static {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CASE_NUMBER, "工单编号");
    labels.put(ENTERPRISE, "企业名称");
    labels.put(TITLE, "诉求标题");
    labels.put(TYPE, "诉求类型");
    labels.put(TOPIC, "诉求事项");
    labels.put(DISTRICT, "所属区市");
    labels.put(REWORK_COUNT, "退回重办次数");
    labels.put(DEADLINE, "办理时限");
    labels.put(REPLIES, "历次答复");
    labels.put(QC_REMARKS, "质检退回意见");
    LABELS = java.util.Collections.unmodifiableMap(labels);
  }

  public static final List<String> KEYS = List.copyOf(LABELS.keySet());

  /** Shown when there is nothing yet (no reply, no remark). */
  public static final String NONE = "暂无";

  private CaseSummary() {}
}
