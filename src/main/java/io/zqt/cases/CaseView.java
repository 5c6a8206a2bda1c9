package io.zqt.cases;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** A case as the API shows it: the record's fields, its status in Chinese, and (on GET) the steps so far. */
public record CaseView(
    @JsonUnwrapped CaseRecord record,
    String statusName,
    List<CaseStep> steps,
    List<CaseRepository.Reminder> reminders) {

  public static CaseView summary(CaseRecord r) {
    return of(r, null, null);
  }

  public static CaseView of(CaseRecord r, List<CaseStep> steps, List<CaseRepository.Reminder> reminders) {
    return new CaseView(r, r.status().nameZh(), steps, reminders);
  }

  @JsonIgnore
  public String caseNumber() {
    return record.caseNumber();
  }
}
