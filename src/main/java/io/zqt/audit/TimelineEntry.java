package io.zqt.audit;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One entry of a case's timeline. {@code type} is one of {@link Type}; clients must show entries of a type they do
 * not know by {@code at}, {@code who} and {@code what} alone, so new sources of entries (a panel process's votes)
 * never change the API. {@code details} holds the type's own fields (docs/audit.md).
 *
 * @param seq position in the timeline, from 1
 * @param type the kind of entry (a {@link Type} name)
 * @param kind a finer kind within the type (e.g. RETURN for an ESCALATION), or null
 * @param at when it happened (for tasks and steps: when it started)
 * @param endedAt when a task or step ended, null while open or for instant entries
 * @param who the person who acted, null for the system
 * @param what a Chinese one-line description
 * @param processKey the process definition key the entry belongs to, if any
 * @param processInstanceId the process instance, if any
 * @param activityId the BPMN or DMN element id, if any
 * @param taskId the user task, if any
 * @param details type-specific fields
 */
public record TimelineEntry(
    int seq,
    String type,
    String kind,
    OffsetDateTime at,
    OffsetDateTime endedAt,
    Who who,
    String what,
    String processKey,
    String processInstanceId,
    String activityId,
    String taskId,
    Map<String, Object> details) {

  /** The types of entry. New types may be added; existing ones keep their meaning and fields. */
  public enum Type {
    /** A process element ran (start, service task, call activity, timer, end). */
    STEP,
    /** A user task: who worked it and the form values it set. */
    TASK,
    /** A DMN decision was evaluated, with its inputs and outputs. */
    DECISION,
    /** A comment on a task or the case. */
    COMMENT,
    /** A reminder, overdue timer, return, extension, rework or reopening. */
    ESCALATION,
    /** An action by a person outside the normal flow (engine user operation log: assign, claim, set variable...). */
    OPERATION,
    /** A review panel member's vote (reserved for the panel process; same fields as documented). */
    VOTE
  }

  /** A person: Camunda user id and Chinese name (family name first), name null when the user no longer exists. */
  public record Who(String id, String name) {}

  /** One variable a task or step set: name, Chinese label, value, and the value's Chinese label if it has one. */
  public record FieldValue(String name, String label, Object value, String valueLabel) {}

  TimelineEntry withSeq(int newSeq) {
    return new TimelineEntry(newSeq, type, kind, at, endedAt, who, what, processKey, processInstanceId, activityId,
        taskId, details);
  }
}
