package io.zqt.cases;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A case as the API shows it: the record, its status in Chinese, and (on GET) the steps so far. */
public record CaseView(
    String caseNumber,
    String status,
    String statusName,
    String enterpriseName,
    String creditCode,
    String contactName,
    String contactPhone,
    String district,
    String type,
    String topic,
    String urgency,
    String channel,
    String title,
    String description,
    String path,
    String handlingUnit,
    String routingReason,
    OffsetDateTime signForDue,
    OffsetDateTime handlingDue,
    boolean overdue,
    int returnCount,
    boolean responsibilityUnclear,
    int extensionCount,
    int reworkCount,
    int reopenCount,
    String replyResult,
    String replyText,
    LocalDate promisedDate,
    String unresolvedReason,
    String qcVerdict,
    String satisfaction,
    String callbackComment,
    String ledger,
    String receivedBy,
    OffsetDateTime receivedAt,
    OffsetDateTime updatedAt,
    OffsetDateTime closedAt,
    String processInstanceId,
    List<CaseStep> steps,
    List<CaseRepository.Reminder> reminders) {

  public static CaseView summary(CaseRecord r) {
    return of(r, null, null);
  }

  public static CaseView of(CaseRecord r, List<CaseStep> steps, List<CaseRepository.Reminder> reminders) {
    return new CaseView(r.caseNumber(), r.status().name(), r.status().nameZh(), r.enterpriseName(), r.creditCode(),
        r.contactName(), r.contactPhone(), r.district(), r.type(), r.topic(), r.urgency(), r.channel(), r.title(),
        r.description(), r.path(), r.handlingUnit(), r.routingReason(), r.signForDue(), r.handlingDue(), r.overdue(),
        r.returnCount(), r.responsibilityUnclear(), r.extensionCount(), r.reworkCount(), r.reopenCount(),
        r.replyResult(), r.replyText(), r.promisedDate(), r.unresolvedReason(), r.qcVerdict(), r.satisfaction(),
        r.callbackComment(), r.ledger(), r.receivedBy(), r.receivedAt(), r.updatedAt(), r.closedAt(),
        r.processInstanceId(), steps, reminders);
  }
}
