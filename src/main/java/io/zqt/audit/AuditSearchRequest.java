package io.zqt.audit;

import io.zqt.cases.CaseStatus;
import io.zqt.org.UnitCatalog;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The search parameters of GET /api/audit/cases (and of the Excel export), parsed and checked all at once: every
 * bad parameter is named in one 400 problem.
 *
 * @param caseNumber a case number or its beginning (upper case, e.g. ZQT-20261125)
 * @param enterprise part of the enterprise's name
 * @param creditCode the exact unified social credit code
 * @param unit a handling unit code
 * @param status a case status
 * @param from first intake date (inclusive), in the city's time zone
 * @param to last intake date (inclusive)
 * @param page page number from 0
 * @param size page size, 1 to {@value #MAX_SIZE}
 */
public record AuditSearchRequest(String caseNumber, String enterprise, String creditCode, String unit,
    CaseStatus status, LocalDate from, LocalDate to, int page, int size) {

  public static final int MAX_SIZE = 200;
  public static final int DEFAULT_SIZE = 20;
  static final int MAX_PAGE = 100_000;

  static final Set<String> NAMES = Set.of("caseNumber", "enterprise", "creditCode", "unit", "status", "from", "to",
      "page", "size");
  private static final Pattern CASE_NUMBER = Pattern.compile("[A-Z0-9-]{1,24}");
  private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Parses the query parameters; unknown, repeated or bad parameters give an {@link InvalidInputException}. */
  public static AuditSearchRequest parse(Map<String, String[]> params, UnitCatalog units) {
    List<FieldProblem> problems = new ArrayList<>();
    for (Map.Entry<String, String[]> p : params.entrySet()) {
      if (!NAMES.contains(p.getKey())) {
        problems.add(new FieldProblem(p.getKey(), "不支持的查询条件（可用：caseNumber、enterprise、creditCode、unit、status、from、to、page、size）",
            "unknown parameter"));
      } else if (p.getValue().length > 1) {
        problems.add(new FieldProblem(p.getKey(), "查询条件只能出现一次", "parameter given more than once"));
      }
    }
    String caseNumber = text(params, "caseNumber");
    if (caseNumber != null && !CASE_NUMBER.matcher(caseNumber).matches()) {
      problems.add(new FieldProblem("caseNumber", "工单编号只能包含大写字母、数字和连字符，最长 24 位（如 ZQT-20261125-000001）",
          "case number: upper-case letters, digits and '-', at most 24 characters"));
    }
    String enterprise = text(params, "enterprise");
    if (enterprise != null && enterprise.length() > 100) {
      problems.add(new FieldProblem("enterprise", "企业名称最长 100 个字", "enterprise name: at most 100 characters"));
    }
    String creditCode = text(params, "creditCode");
    if (creditCode != null && !CREDIT_CODE.matcher(creditCode).matches()) {
      problems.add(new FieldProblem("creditCode", "统一社会信用代码应为 18 位数字或大写字母",
          "unified social credit code: 18 digits or upper-case letters"));
    }
    String unit = text(params, "unit");
    if (unit != null && !units.contains(unit)) {
      problems.add(new FieldProblem("unit", "没有这个承办单位代码（见 GET /api/reference）", "unknown unit code"));
    }
    CaseStatus status = null;
    String statusText = text(params, "status");
    if (statusText != null) {
      try {
        status = CaseStatus.valueOf(statusText);
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("status", "没有这个工单状态（可用：" + String.join("、",
            java.util.Arrays.stream(CaseStatus.values()).map(Enum::name).toList()) + "）", "unknown status"));
      }
    }
    LocalDate from = date(params, "from", "受理起始日期", problems);
    LocalDate to = date(params, "to", "受理截止日期", problems);
    if (from != null && to != null && from.isAfter(to)) {
      problems.add(new FieldProblem("to", "受理截止日期不能早于起始日期", "'to' is before 'from'"));
    }
    int page = number(params, "page", 0, 0, MAX_PAGE, "页码应为 0 到 " + MAX_PAGE + " 之间的整数",
        "page: an integer from 0 to " + MAX_PAGE, problems);
    int size = number(params, "size", DEFAULT_SIZE, 1, MAX_SIZE, "每页条数应为 1 到 " + MAX_SIZE + " 之间的整数",
        "size: an integer from 1 to " + MAX_SIZE, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new AuditSearchRequest(caseNumber, enterprise, creditCode, unit, status, from, to, page, size);
  }

  private static String text(Map<String, String[]> params, String name) {
    String[] values = params.get(name);
    if (values == null || values.length == 0) {
      return null;
    }
    String v = values[0].trim();
    return v.isEmpty() ? null : v;
  }

  private static LocalDate date(Map<String, String[]> params, String name, String labelZh, List<FieldProblem> problems) {
    String text = text(params, name);
    if (text == null) {
      return null;
    }
    try {
      if (ISO_DATE.matcher(text).matches()) {
        return LocalDate.parse(text);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(new FieldProblem(name, labelZh + "应为有效日期，格式 yyyy-MM-dd（如 2026-11-25）",
        "a valid date as yyyy-MM-dd"));
    return null;
  }

  private static int number(Map<String, String[]> params, String name, int dflt, int min, int max, String messageZh,
      String messageEn, List<FieldProblem> problems) {
    String text = text(params, name);
    if (text == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new FieldProblem(name, messageZh, messageEn));
    return dflt;
  }
}
