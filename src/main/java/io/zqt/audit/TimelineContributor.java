package io.zqt.audit;

import io.zqt.cases.CaseRecord;
import java.util.List;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * A further source of timeline entries, as a Spring bean. A later review panel process adds its votes by providing
 * one that returns {@link TimelineEntry.Type#VOTE} entries (details: panel, meetingId, round, vote, voteName,
 * reason); the timeline numbers and orders them with the rest, so the API does not change.
 */
public interface TimelineContributor {

  /**
   * Entries for one case ({@code seq} is ignored and set by the timeline).
   *
   * @param record the case
   * @param processes every process instance whose business key is the case number
   */
  List<TimelineEntry> entries(CaseRecord record, List<HistoricProcessInstance> processes);
}
