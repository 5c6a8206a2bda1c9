package io.zqt.audit;

import java.time.OffsetDateTime;

/** One case in an audit search result (and one row of the Excel export). */
public record AuditCaseRow(
    String caseNumber,
    String enterpriseName,
    String creditCode,
    String title,
    String type,
    String typeName,
    String topic,
    String topicName,
    String district,
    String districtName,
    String channel,
    String channelName,
    String handlingUnit,
    String handlingUnitName,
    String status,
    String statusName,
    boolean overdue,
    int returnCount,
    int extensionCount,
    int reworkCount,
    int reopenCount,
    String replyResult,
    String satisfaction,
    String receivedBy,
    OffsetDateTime receivedAt,
    OffsetDateTime closedAt) {}
