package io.zqt.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.zqt.cases.CaseView;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything an auditor needs to reconstruct one case: the case record (intake data and current state), the Chinese
 * names of its codes, every process instance that carried the case's number, all replies, and the ordered entries.
 * The JSON shape is documented in docs/audit.md.
 */
public record Timeline(
    String caseNumber,
    String status,
    String statusName,
    @JsonProperty("case") CaseView caseRecord,
    Map<String, String> names,
    List<ProcessRun> processes,
    List<Reply> replies,
    List<TimelineEntry> entries,
    OffsetDateTime generatedAt,
    String generatedBy) {

  /** A process instance that carried the case (the case itself, each QC run, later processes alike). */
  public record ProcessRun(String id, String processKey, String processName, String parentId,
      OffsetDateTime startedAt, OffsetDateTime endedAt, TimelineEntry.Who startedBy, String state) {}

  /** A reply given to the enterprise (direct answer or a unit's reply), earliest first. */
  public record Reply(OffsetDateTime at, TimelineEntry.Who who, String result, String resultName, String text,
      String taskId) {}
}
