package io.zqt.knowledge;

/** The four kinds of knowledge-base entry (涉企知识库条目类型). */
public enum EntryType {
  POLICY("政策"),
  REGULATION("法规"),
  PROCEDURE("办事流程"),
  RESPONSIBILITY("部门权责");

  private final String nameZh;

  EntryType(String nameZh) {
    this.nameZh = nameZh;
  }

  public String nameZh() {
    return nameZh;
  }
}
