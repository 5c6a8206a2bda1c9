package io.zqt.security;

/** Camunda group ids of ZQT's roles (GLOSSARY.md); a unit's group id comes from {@link io.zqt.org.Unit#groupId()}. */
public final class Roles {
  public static final String OPERATOR = "operator";
  public static final String CASE_REVIEW_GROUP = "case-review-group";
  public static final String LINE_WORKING_GROUP = "line-working-group";
  public static final String QC_SPECIALIST = "qc-specialist";
  public static final String AUDITOR = "auditor";
  public static final String PROCESS_OWNER = "process-owner";
  public static final String ADMIN = "camunda-admin";

  private Roles() {}
}
