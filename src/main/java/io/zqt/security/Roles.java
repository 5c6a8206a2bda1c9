package io.zqt.security;

/** Camunda group ids of ZQT's roles (GLOSSARY.md). A unit's group is "unit-" + the unit code in lower case. */
public final class Roles {
  public static final String OPERATOR = "operator";
  public static final String CASE_REVIEW_GROUP = "case-review-group";
  public static final String LINE_WORKING_GROUP = "line-working-group";
  public static final String QC_SPECIALIST = "qc-specialist";
  public static final String AUDITOR = "auditor";
  public static final String PROCESS_OWNER = "process-owner";
  public static final String ADMIN = "camunda-admin";
  public static final String UNIT_GROUP_PREFIX = "unit-";

  private Roles() {}

  public static String unitGroup(String unitCode) {
    return UNIT_GROUP_PREFIX + unitCode.toLowerCase(java.util.Locale.ROOT);
  }
}
