package io.zqt.cases;

/** Columns of zqt_case that the process may change; the only names that reach an UPDATE statement. */
public enum CaseColumn {
  PROCESS_INSTANCE_ID("process_instance_id"),
  STATUS("status"),
  PATH("path"),
  HANDLING_UNIT("handling_unit"),
  ROUTING_REASON("routing_reason"),
  SIGN_FOR_DUE("sign_for_due"),
  HANDLING_DUE("handling_due"),
  OVERDUE("overdue"),
  RETURN_COUNT("return_count"),
  RESPONSIBILITY_UNCLEAR("responsibility_unclear"),
  EXTENSION_COUNT("extension_count"),
  REWORK_COUNT("rework_count"),
  REOPEN_COUNT("reopen_count"),
  REPLY_RESULT("reply_result"),
  REPLY_TEXT("reply_text"),
  PROMISED_DATE("promised_date"),
  UNRESOLVED_REASON("unresolved_reason"),
  QC_VERDICT("qc_verdict"),
  SATISFACTION("satisfaction"),
  CALLBACK_COMMENT("callback_comment"),
  LEDGER("ledger"),
  CLOSED_AT("closed_at"),
  KNOWLEDGE_ENTRY_KEYS("knowledge_entry_keys"),
  ANSWERED_DIRECTLY("answered_directly"),
  ANSWERED_BY("answered_by"),
  ANSWERED_AT("answered_at"),
  THREE_WAY_CALL("three_way_call"),
  SPECIALIST_ENTRY_KEY("specialist_entry_key"),
  SPECIALIST_ID("specialist_id"),
  THREE_WAY_CALL_OUTCOME("three_way_call_outcome");

  final String sql;

  CaseColumn(String sql) {
    this.sql = sql;
  }
}
