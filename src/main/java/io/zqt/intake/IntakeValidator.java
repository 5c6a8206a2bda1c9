package io.zqt.intake;

import io.zqt.cases.NewCase;
import io.zqt.org.ReferenceCatalog;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Validates an intake wherever it comes from (the REST API or the Tasklist start form), before a case number is
 * drawn. Every problem is reported at once, per field, in Chinese and English.
 */
@Component
public class IntakeValidator {

  static final int ENTERPRISE_NAME_MAX = 100;
  static final int CONTACT_NAME_MAX = 50;
  static final int TITLE_MIN = 4;
  static final int TITLE_MAX = 100;
  static final int DESCRIPTION_MIN = 10;
  static final int DESCRIPTION_MAX = 2000;
  static final int IDEMPOTENCY_KEY_MAX = 64;

  /** Mainland mobile: 11 digits, 1 then 3–9. */
  private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
  /** Mainland landline: area code 0 + 2–3 digits, 7–8 digit number, optional extension. */
  private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?[2-9]\\d{6,7}(-\\d{1,6})?");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:\\-]+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

  private final ReferenceCatalog reference;

  public IntakeValidator(ReferenceCatalog reference) {
    this.reference = reference;
  }

  public NewCase validate(CaseIntakeRequest r) {
    return validate(name -> switch (name) {
      case "enterpriseName" -> r.enterpriseName();
      case "creditCode" -> r.creditCode();
      case "contactName" -> r.contactName();
      case "contactPhone" -> r.contactPhone();
      case "district" -> r.district();
      case "type" -> r.type();
      case "topic" -> r.topic();
      case "urgency" -> r.urgency();
      case "title" -> r.title();
      case "description" -> r.description();
      case "channel" -> r.channel();
      case "idempotencyKey" -> r.idempotencyKey();
      default -> null;
    });
  }

  /** Validates fields read by name, e.g. process variables submitted by the Tasklist start form. */
  public NewCase validate(Function<String, Object> field) {
    List<FieldProblem> problems = new ArrayList<>();
    Reader in = new Reader(field, problems);

    String enterpriseName = in.text("enterpriseName", "企业名称", 2, ENTERPRISE_NAME_MAX);
    String creditCode = in.creditCode();
    String contactName = in.text("contactName", "联系人", 1, CONTACT_NAME_MAX);
    String contactPhone = in.phone();
    String district = in.code("district", "所属区市", reference::isDistrict);
    String type = in.code("type", "诉求类型", reference::isType);
    String topic = in.code("topic", "诉求主题", reference::isTopic);
    String urgency = in.optionalCode("urgency", "紧急程度", reference::isUrgency, "NORMAL");
    String title = in.text("title", "标题", TITLE_MIN, TITLE_MAX);
    String description = in.text("description", "诉求内容", DESCRIPTION_MIN, DESCRIPTION_MAX);
    String channel = in.code("channel", "受理渠道", reference::isChannel);
    String idempotencyKey = in.idempotencyKey();

    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new NewCase(enterpriseName, creditCode, contactName, contactPhone, district, type, topic, urgency,
        title, description, channel, idempotencyKey);
  }

  /** Reads and checks one field at a time, collecting problems. */
  private static final class Reader {
    private final Function<String, Object> field;
    private final List<FieldProblem> problems;

    Reader(Function<String, Object> field, List<FieldProblem> problems) {
      this.field = field;
      this.problems = problems;
    }

    /** The trimmed value; null (with the problem recorded) when missing, blank or not text. */
    private String required(String name, String label) {
      Object value = field.apply(name);
      if (value != null && !(value instanceof String)) {
        problems.add(new FieldProblem(name, label + "应为文本", "must be text"));
        return null;
      }
      String v = value == null ? "" : ((String) value).strip();
      if (v.isEmpty()) {
        problems.add(new FieldProblem(name, label + "不能为空", "is required"));
        return null;
      }
      return v;
    }

    private boolean absent(String name) {
      Object value = field.apply(name);
      return value == null || (value instanceof String s && s.isBlank());
    }

    String text(String name, String label, int min, int max) {
      String v = required(name, label);
      if (v == null) {
        return null;
      }
      int length = v.codePointCount(0, v.length());
      if (length < min) {
        problems.add(new FieldProblem(name, label + "至少 " + min + " 个字", "must have at least " + min + " characters"));
      } else if (length > max) {
        problems.add(new FieldProblem(name, label + "不能超过 " + max + " 个字", "must have at most " + max + " characters"));
      } else if (CONTROL.matcher(v).find()) {
        problems.add(new FieldProblem(name, label + "含有不可见控制字符", "contains control characters"));
      } else {
        return v;
      }
      return null;
    }

    String code(String name, String label, Predicate<String> known) {
      String v = required(name, label);
      if (v == null) {
        return null;
      }
      if (!known.test(v)) {
        problems.add(new FieldProblem(name, label + "代码无效，可选值见 GET /api/reference",
            "unknown code; see GET /api/reference"));
        return null;
      }
      return v;
    }

    String optionalCode(String name, String label, Predicate<String> known, String fallback) {
      return absent(name) ? fallback : code(name, label, known);
    }

    String creditCode() {
      String v = required("creditCode", "统一社会信用代码");
      if (v == null) {
        return null;
      }
      String code = v.toUpperCase(Locale.ROOT);
      CreditCode.Problem problem = CreditCode.check(code);
      if (problem == null) {
        return code;
      }
      problems.add(switch (problem) {
        case LENGTH -> new FieldProblem("creditCode", "统一社会信用代码应为 18 位", "must have 18 characters");
        case CHARACTERS -> new FieldProblem("creditCode", "统一社会信用代码只能包含数字和除 I、O、Z、S、V 外的大写字母",
            "may contain only digits and capital letters other than I, O, Z, S, V");
        case DIVISION_CODE -> new FieldProblem("creditCode", "统一社会信用代码第 3–8 位应为行政区划码（数字）",
            "characters 3 to 8 must be the administrative division code (digits)");
        case CHECK_CHARACTER -> new FieldProblem("creditCode", "统一社会信用代码校验位错误（GB 32100-2015）",
            "wrong check character (GB 32100-2015)");
      });
      return null;
    }

    String phone() {
      String v = required("contactPhone", "联系电话");
      if (v == null) {
        return null;
      }
      String compact = v.replace(" ", "");
      if (compact.startsWith("+86")) {
        compact = compact.substring(3);
      }
      if (MOBILE.matcher(compact).matches() || LANDLINE.matcher(compact).matches()) {
        return compact;
      }
      problems.add(new FieldProblem("contactPhone", "联系电话应为 11 位手机号或带区号的固定电话（如 0535-6612345）",
          "must be a mainland mobile number or a landline with area code"));
      return null;
    }

    String idempotencyKey() {
      if (absent("idempotencyKey")) {
        return null;
      }
      String v = required("idempotencyKey", "幂等键");
      if (v == null) {
        return null;
      }
      if (v.length() > IDEMPOTENCY_KEY_MAX || !IDEMPOTENCY_KEY.matcher(v).matches()) {
        problems.add(new FieldProblem("idempotencyKey", "幂等键最多 64 位，只能含字母、数字和 . _ : -",
            "at most 64 characters of letters, digits and . _ : -"));
        return null;
      }
      return v;
    }
  }
}
