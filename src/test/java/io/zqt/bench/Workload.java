package io.zqt.bench;

import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeRequest;
import io.zqt.intake.CreditCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.yaml.snakeyaml.Yaml;

/**
 * Realistic enterprise cases for benchmarks, reproducible from a seed. Each {@link CasePlan} is an intake plus the
 * tasks that staff complete, in order, until the case ends: the mix of types, topics, districts and channels, the
 * share of direct answers (from the real routing table), returns, extensions, QC rework, ledger outcomes and
 * dissatisfied callbacks follow the shares in {@link Shares}.
 */
public final class Workload {

  /** Who completes a step: a line role, or the staff of the case's current handling unit. */
  public enum Actor { OPERATOR, UNIT, CASE_REVIEW_GROUP, LINE_WORKING_GROUP, QC_SPECIALIST }

  /** One task to complete: its definition key, who does it, and what they submit. */
  public record Step(String taskKey, Actor actor, String unit, Map<String, Object> variables) {}

  /**
   * One case from intake to its end. {@code kind} names the path for reports (DIRECT, DIRECT_REOPENED, DISPATCH);
   * {@code endStatus} is the final case status the plan leads to: {@code CLOSED}, or {@code ON_LEDGER:} and the
   * ledger ({@code PLANNED} or {@code UNRESOLVED}).
   */
  public record CasePlan(long seq, String kind, CaseIntakeRequest intake, String routedUnit, List<Step> steps,
      String endStatus) {}

  /** Probabilities of the branches, as shares of the cases that reach the branch. */
  public record Shares(double urgent, double signForReturn, double extension, double extensionRefused,
      double qcRework, double planned, double unresolved, double unresolvedUnjustified, double dissatisfied,
      double fairlySatisfied, double reopenAfterDissatisfied) {

    /**
     * Plausible shares for a line like Yantai's: 81,000 of 92,000 requests resolved (about 12% planned or
     * unresolved), 1,600 ledger items in four years (under 2%), satisfaction above 90%.
     */
    public static Shares yantai() {
      return new Shares(0.08, 0.06, 0.05, 0.2, 0.08, 0.02, 0.10, 0.15, 0.05, 0.08, 0.3);
    }
  }

  // weights: type mix and topic mix of enterprise requests (consultations dominate; social insurance, tax and
  // market registration are the most asked topics)
  private static final Map<String, Integer> TYPES = ordered("CONSULTATION", 52, "HELP", 24, "COMPLAINT", 11,
      "SUGGESTION", 5, "REPORT", 3, "PRAISE", 5);
  private static final Map<String, Integer> CHANNELS = ordered("PHONE", 78, "WEB", 10, "APP", 8, "ONSITE", 3,
      "MEETING", 1);
  private static final Map<String, Integer> TOPIC_WEIGHTS = ordered("SOCIAL_INSURANCE", 14, "LABOUR", 8,
      "MEDICAL_INSURANCE", 5, "TAX", 12, "MARKET_REGULATION", 11, "IP", 3, "ADMIN_APPROVAL", 6, "POLICY_SUBSIDY", 8,
      "FINANCING", 5, "SCI_TECH", 2, "LAND_PLANNING", 3, "ENVIRONMENT", 2, "CONSTRUCTION", 3, "FOREIGN_TRADE", 2,
      "TRANSPORT", 2, "SAFETY", 1, "AGRICULTURE", 1, "CULTURE_TOURISM", 1, "PUBLIC_SECURITY", 1, "LEGAL_SERVICE", 1,
      "POWER_SUPPLY", 1, "UTILITIES", 2, "INVESTMENT_PROMISE", 1, "ARREARS", 2, "GOV_SERVICE", 3, "OTHER", 1);
  // districts weighted roughly by enterprise numbers
  private static final Map<String, Integer> DISTRICTS = ordered("ZHIFU", 14, "FUSHAN", 8, "MUPING", 5,
      "LAISHAN", 10, "PENGLAI", 6, "LONGKOU", 9, "LAIYANG", 6, "LAIZHOU", 8, "ZHAOYUAN", 6, "QIXIA", 3,
      "HAIYANG", 4, "CHANGDAO", 1, "YEDA", 14, "YHTZ", 6);

  private static final String[] COMPANY_PLACES = {"烟台", "芝罘", "福山", "莱山", "龙口", "莱州", "招远", "蓬莱", "海阳"};
  private static final String[] COMPANY_TRADES = {"精密机械", "食品", "海洋科技", "新材料", "物流", "建筑工程", "电子",
      "生物医药", "葡萄酒", "汽车零部件", "化工", "软件", "果业", "港口服务"};
  private static final String[] COMPANY_FORMS = {"有限公司", "股份有限公司", "有限责任公司"};
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "孙", "于", "曲"};
  private static final String[] OTHER_UNITS = {"HRSS", "TAX", "AMR", "ZHIFU", "LAISHAN", "YEDA", "APPROVAL", "IIT"};

  private final Random random;
  private final Shares shares;
  private final Map<String, String> topicUnits;
  private final Map<String, String> topicNames;
  private final DmnDecision routing;
  private final DmnEngine dmn;
  /** routing results by type/topic/district: the table has no other inputs */
  private final Map<String, DmnDecisionRuleResult> routes = new java.util.HashMap<>();
  private final LocalDate today;
  private long seq;

  public Workload(long seed, Shares shares, LocalDate today) {
    this.random = new Random(seed);
    this.shares = shares;
    this.today = today;
    this.topicUnits = new LinkedHashMap<>();
    this.topicNames = new LinkedHashMap<>();
    loadTopics();
    this.dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = resource("decisions/case-routing.dmn")) {
      this.routing = dmn.parseDecision(ProcessIds.DECISION_CASE_ROUTING, in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Workload(long seed) {
    this(seed, Shares.yantai(), LocalDate.now());
  }

  /** The next {@code count} plans. */
  public List<CasePlan> next(int count) {
    List<CasePlan> plans = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      plans.add(next());
    }
    return plans;
  }

  public CasePlan next() {
    long n = ++seq;
    String type = pick(TYPES);
    String topic = pick(TOPIC_WEIGHTS);
    String district = pick(DISTRICTS);
    String urgency = chance(shares.urgent()) ? "URGENT" : "NORMAL";
    String channel = pick(CHANNELS);
    DmnDecisionRuleResult route = routes.computeIfAbsent(type + '/' + topic + '/' + district,
        k -> dmn.evaluateDecisionTable(routing, Variables.createVariables().putValue("type", type)
            .putValue("topic", topic).putValue("district", district)).getSingleResult());
    boolean direct = "DIRECT_ANSWER".equals(route.getEntry("path"));
    String unit = route.getEntry("handlingUnit");
    CaseIntakeRequest intake = new CaseIntakeRequest(company(), creditCode(), SURNAMES[random.nextInt(SURNAMES.length)]
        + (random.nextBoolean() ? "经理" : "女士"), phone(), district, type, topic, urgency,
        topicNames.get(topic) + "相关诉求（" + typeName(type) + "）",
        "企业反映：" + topicNames.get(topic) + "方面的问题，希望有关部门尽快答复并协助解决。编号 B" + n + "。",
        channel, null);

    List<Step> steps = new ArrayList<>();
    String kind;
    String endStatus;
    if (direct) {
      steps.add(new Step(ProcessIds.TASK_DIRECT_ANSWER, Actor.OPERATOR, null,
          vars("answerText", "已按现行政策当场答复企业，并告知办理渠道和所需材料。")));
      String satisfaction = satisfaction();
      steps.add(callback(satisfaction));
      if ("DISSATISFIED".equals(satisfaction)) {
        boolean reopen = chance(shares.reopenAfterDissatisfied());
        steps.add(review(reopen));
        if (reopen) {
          // a reopened direct answer goes to the unit that the routing table named
          endStatus = dispatched(steps, unit, false, false);
          kind = "DIRECT_REOPENED";
        } else {
          kind = "DIRECT";
          endStatus = "CLOSED";
        }
      } else {
        kind = "DIRECT";
        endStatus = "CLOSED";
      }
    } else {
      kind = "DISPATCH";
      endStatus = dispatched(steps, unit, true, true);
    }
    return new CasePlan(n, kind, intake, unit, List.copyOf(steps), endStatus);
  }

  /**
   * Sign-for (maybe returned and rerouted), handling (maybe extended), QC (maybe rework), callback, review (a reopened
   * direct answer is not reopened a second time in these plans).
   */
  private String dispatched(List<Step> steps, String unit, boolean mayReturn, boolean mayReopen) {
    String current = unit;
    if (mayReturn && chance(shares.signForReturn())) {
      steps.add(new Step(ProcessIds.TASK_SIGN_FOR, Actor.UNIT, current,
          vars("signForDecision", "RETURN", "returnReason", "该事项不属于本单位职责，请改派。")));
      String other = OTHER_UNITS[random.nextInt(OTHER_UNITS.length)];
      current = other.equals(current) ? "HRSS".equals(current) ? "TAX" : "HRSS" : other;
      steps.add(new Step(ProcessIds.TASK_REROUTE, Actor.LINE_WORKING_GROUP, null,
          vars("handlingUnit", current, "rerouteReason", "经核实改派至职责单位。")));
    }
    steps.add(new Step(ProcessIds.TASK_SIGN_FOR, Actor.UNIT, current, vars("signForDecision", "SIGN")));
    if (chance(shares.extension())) {
      steps.add(new Step(ProcessIds.TASK_HANDLE, Actor.UNIT, current, vars("handlingAction", "EXTEND",
          "extensionDays", 2, "extensionReason", "需现场核查，申请延期。")));
      steps.add(chance(shares.extensionRefused())
          ? new Step(ProcessIds.TASK_REVIEW_EXTENSION, Actor.LINE_WORKING_GROUP, null,
              vars("extensionApproved", false, "extensionComment", "时限内可以办结，不同意延期。"))
          : new Step(ProcessIds.TASK_REVIEW_EXTENSION, Actor.LINE_WORKING_GROUP, null,
              vars("extensionApproved", true)));
    }
    String result = chance(shares.planned()) ? "PLANNED" : chance(shares.unresolved()) ? "UNRESOLVED" : "RESOLVED";
    steps.add(reply(current, result));
    if (chance(shares.qcRework())) {
      int gate = 1 + random.nextInt(3);
      for (int g = 1; g < gate; g++) {
        steps.add(gate(g, true, null));
      }
      steps.add(gate(gate, false, null));
      steps.add(reply(current, result));
    }
    String verdict = switch (result) {
      case "PLANNED" -> "PLANNED";
      case "UNRESOLVED" -> chance(shares.unresolvedUnjustified()) ? "UNRESOLVED_UNJUSTIFIED" : "UNRESOLVED_JUSTIFIED";
      default -> "RESOLVED";
    };
    steps.add(gate(1, true, null));
    steps.add(gate(2, true, null));
    steps.add(gate(3, true, verdict));
    String satisfaction = satisfaction();
    steps.add(callback(satisfaction));
    if ("DISSATISFIED".equals(satisfaction) && "RESOLVED".equals(verdict)) {
      boolean reopen = mayReopen && chance(shares.reopenAfterDissatisfied());
      steps.add(review(reopen));
      if (reopen) {
        steps.add(reply(current, "RESOLVED"));
        steps.add(gate(1, true, null));
        steps.add(gate(2, true, null));
        steps.add(gate(3, true, "RESOLVED"));
        steps.add(callback("SATISFIED"));
      }
    }
    return switch (verdict) {
      case "PLANNED" -> "ON_LEDGER:PLANNED";
      case "UNRESOLVED_UNJUSTIFIED" -> "ON_LEDGER:UNRESOLVED";
      default -> "CLOSED";
    };
  }

  private Step reply(String unit, String result) {
    Map<String, Object> v = vars("handlingAction", "REPLY", "replyResult", result,
        "replyText", "经核实，已与企业联系并按政策办理，具体情况已当面说明。");
    if ("PLANNED".equals(result)) {
      v.put("promisedDate", today.plusDays(60).toString());
    }
    if ("UNRESOLVED".equals(result)) {
      v.put("unresolvedReason", "涉及上级审批事项，本级暂无法解决，已做好解释。");
    }
    return new Step(ProcessIds.TASK_HANDLE, Actor.UNIT, unit, v);
  }

  private static Step gate(int gate, boolean passed, String verdict) {
    String key = switch (gate) {
      case 1 -> ProcessIds.TASK_GATE1;
      case 2 -> ProcessIds.TASK_GATE2;
      default -> ProcessIds.TASK_GATE3;
    };
    Actor actor = switch (gate) {
      case 1 -> Actor.CASE_REVIEW_GROUP;
      case 2 -> Actor.LINE_WORKING_GROUP;
      default -> Actor.QC_SPECIALIST;
    };
    Map<String, Object> v = vars("gate" + gate + "Passed", passed);
    if (!passed) {
      v.put("gate" + gate + "Remark", "答复未说明办理依据，请补充后重新答复。");
    }
    if (verdict != null) {
      v.put("qcVerdict", verdict);
    }
    return new Step(key, actor, null, v);
  }

  private static Step callback(String satisfaction) {
    return new Step(ProcessIds.TASK_CALLBACK, Actor.OPERATOR, null, "DISSATISFIED".equals(satisfaction)
        ? vars("satisfaction", satisfaction, "callbackComment", "问题没有真正解决。")
        : vars("satisfaction", satisfaction));
  }

  private static Step review(boolean reopen) {
    return new Step(ProcessIds.TASK_REVIEW_DISSATISFACTION, Actor.LINE_WORKING_GROUP, null,
        vars("reopen", reopen, "reviewComment", reopen ? "企业诉求合理，重新办理。" : "已按政策答复，做好解释。"));
  }

  private String satisfaction() {
    double r = random.nextDouble();
    return r < shares.dissatisfied() ? "DISSATISFIED"
        : r < shares.dissatisfied() + shares.fairlySatisfied() ? "FAIRLY_SATISFIED" : "SATISFIED";
  }

  private String company() {
    return COMPANY_PLACES[random.nextInt(COMPANY_PLACES.length)] + (char) ('甲' + random.nextInt(10))
        + COMPANY_TRADES[random.nextInt(COMPANY_TRADES.length)] + COMPANY_FORMS[random.nextInt(COMPANY_FORMS.length)];
  }

  private String phone() {
    return "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000));
  }

  /** A unified social credit code with a valid check character (GB 32100-2015), division code of Yantai. */
  private String creditCode() {
    String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    StringBuilder code = new StringBuilder("91370600");
    for (int i = 0; i < 9; i++) {
      code.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return code.append(CreditCode.checkCharacter(code.toString())).toString();
  }

  private static String typeName(String type) {
    return switch (type) {
      case "CONSULTATION" -> "咨询";
      case "HELP" -> "求助";
      case "COMPLAINT" -> "投诉";
      case "SUGGESTION" -> "建议";
      case "REPORT" -> "举报";
      default -> "表扬";
    };
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private String pick(Map<String, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int r = random.nextInt(total);
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      r -= e.getValue();
      if (r < 0) {
        return e.getKey();
      }
    }
    throw new IllegalStateException();
  }

  @SuppressWarnings("unchecked")
  private void loadTopics() {
    try (InputStream in = resource("data/reference/codes.yaml")) {
      Map<String, Object> codes = new Yaml().load(in);
      for (Map<String, Object> t : (List<Map<String, Object>>) codes.get("topics")) {
        topicUnits.put((String) t.get("code"), (String) t.get("responsibleUnit"));
        topicNames.put((String) t.get("code"), (String) t.get("nameZh"));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (!topicUnits.keySet().containsAll(TOPIC_WEIGHTS.keySet())) {
      throw new IllegalStateException("Topic weights name a topic that codes.yaml does not know");
    }
  }

  private static InputStream resource(String path) {
    InputStream in = Workload.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("Not on the class path: " + path);
    }
    return in;
  }

  private static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Integer> ordered(Object... keyValues) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], (Integer) keyValues[i + 1]);
    }
    return m;
  }
}
