package io.zqt.cases;

/** Where a case stands; the case record's status column, kept in step by the process's delegates. */
public enum CaseStatus {
  RECEIVED("已受理"),
  DIRECT_ANSWER("直接答复中"),
  AWAITING_SIGN_FOR("待签收"),
  RETURNED("退单待改派"),
  HANDLING("办理中"),
  IN_QC("质检中"),
  AWAITING_CALLBACK("待回访"),
  DISSATISFACTION_REVIEW("不满意研判"),
  CLOSED("已办结"),
  ON_LEDGER("转入台账督办");

  private final String nameZh;

  CaseStatus(String nameZh) {
    this.nameZh = nameZh;
  }

  public String nameZh() {
    return nameZh;
  }

  public boolean isFinal() {
    return this == CLOSED || this == ON_LEDGER;
  }
}
