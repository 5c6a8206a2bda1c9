package io.zqt.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Row-by-row test of decisions/case-routing.dmn (诉求分拨规则) on the standalone DMN engine. */
class CaseRoutingDmnTest {

  /**
   * One or more cases per rule, in table order: inputs, the rule expected to match, and all three outputs.
   * Every rule of the table must appear in the column "rule" (checked below).
   */
  static final String ROWS = """
      # type,        topic,              district, rule,                 path,          handlingUnit, routingReason
      PRAISE,        TAX,                ZHIFU,    Rule_Praise,          DIRECT_ANSWER, ZHIFU,    表扬类诉求由话务员登记致谢并转告
      PRAISE,        ARREARS,            YEDA,     Rule_Praise,          DIRECT_ANSWER, YEDA,     表扬类诉求由话务员登记致谢并转告
      PRAISE,        NOT_A_TOPIC,        LONGKOU,  Rule_Praise,          DIRECT_ANSWER, LONGKOU,  表扬类诉求由话务员登记致谢并转告
      CONSULTATION,  SOCIAL_INSURANCE,   ZHIFU,    Rule_Consult_HRSS,    DIRECT_ANSWER, HRSS,     社会保险、劳动用工与人才咨询，依知识库直接答复
      CONSULTATION,  LABOUR,             LAISHAN,  Rule_Consult_HRSS,    DIRECT_ANSWER, HRSS,     社会保险、劳动用工与人才咨询，依知识库直接答复
      CONSULTATION,  MEDICAL_INSURANCE,  ZHIFU,    Rule_Consult_MEDSEC,  DIRECT_ANSWER, MEDSEC,   医疗保障咨询，依知识库直接答复
      CONSULTATION,  TAX,                FUSHAN,   Rule_Consult_TAX,     DIRECT_ANSWER, TAX,      税费咨询，依知识库直接答复
      CONSULTATION,  MARKET_REGULATION,  ZHIFU,    Rule_Consult_AMR,     DIRECT_ANSWER, AMR,      市场主体登记与监管、知识产权咨询，依知识库直接答复
      CONSULTATION,  IP,                 YHTZ,     Rule_Consult_AMR,     DIRECT_ANSWER, AMR,      市场主体登记与监管、知识产权咨询，依知识库直接答复
      CONSULTATION,  ADMIN_APPROVAL,     ZHIFU,    Rule_Consult_APPROVAL, DIRECT_ANSWER, APPROVAL, 行政审批与许可咨询，依知识库直接答复
      CONSULTATION,  POLICY_SUBSIDY,     ZHIFU,    Rule_Consult_IIT,     DIRECT_ANSWER, IIT,      惠企政策与资金兑现咨询，依知识库直接答复
      CONSULTATION,  FINANCING,          ZHIFU,    Rule_Consult_FINREG,  DIRECT_ANSWER, FINREG,   融资与金融服务咨询，依知识库直接答复
      CONSULTATION,  SCI_TECH,           ZHIFU,    Rule_Consult_SCI,     DIRECT_ANSWER, SCI,      科技创新咨询，依知识库直接答复
      CONSULTATION,  FOREIGN_TRADE,      ZHIFU,    Rule_Consult_COM,     DIRECT_ANSWER, COM,      外贸与口岸咨询，依知识库直接答复
      COMPLAINT,     SOCIAL_INSURANCE,   ZHIFU,    Rule_Dispatch_HRSS,   DISPATCH,      HRSS,     按权责清单派市人社局办理
      HELP,          LABOUR,             MUPING,   Rule_Dispatch_HRSS,   DISPATCH,      HRSS,     按权责清单派市人社局办理
      REPORT,        MEDICAL_INSURANCE,  ZHIFU,    Rule_Dispatch_MEDSEC, DISPATCH,      MEDSEC,   按权责清单派市医保局办理
      SUGGESTION,    TAX,                ZHIFU,    Rule_Dispatch_TAX,    DISPATCH,      TAX,      按权责清单派市税务局办理
      COMPLAINT,     MARKET_REGULATION,  ZHIFU,    Rule_Dispatch_AMR,    DISPATCH,      AMR,      按权责清单派市市场监管局办理
      REPORT,        IP,                 ZHIFU,    Rule_Dispatch_AMR,    DISPATCH,      AMR,      按权责清单派市市场监管局办理
      HELP,          ADMIN_APPROVAL,     ZHIFU,    Rule_Dispatch_APPROVAL, DISPATCH,    APPROVAL, 按权责清单派市行政审批服务局办理
      COMPLAINT,     POLICY_SUBSIDY,     ZHIFU,    Rule_Dispatch_IIT,    DISPATCH,      IIT,      按权责清单派市工业和信息化局办理
      HELP,          FINANCING,          ZHIFU,    Rule_Dispatch_FINREG, DISPATCH,      FINREG,   按权责清单派市地方金融管理局办理
      SUGGESTION,    SCI_TECH,           ZHIFU,    Rule_Dispatch_SCI,    DISPATCH,      SCI,      按权责清单派市科技局办理
      CONSULTATION,  LAND_PLANNING,      PENGLAI,  Rule_Dispatch_NRP,    DISPATCH,      NRP,      按权责清单派市自然资源和规划局办理
      COMPLAINT,     ENVIRONMENT,        ZHIFU,    Rule_Dispatch_ECO,    DISPATCH,      ECO,      按权责清单派市生态环境局办理
      HELP,          CONSTRUCTION,       ZHIFU,    Rule_Dispatch_HUD,    DISPATCH,      HUD,      按权责清单派市住房和城乡建设局办理
      COMPLAINT,     FOREIGN_TRADE,      ZHIFU,    Rule_Dispatch_COM,    DISPATCH,      COM,      按权责清单派市商务局办理
      CONSULTATION,  TRANSPORT,          ZHIFU,    Rule_Dispatch_TRANS,  DISPATCH,      TRANS,    按权责清单派市交通运输局办理
      REPORT,        SAFETY,             LAIZHOU,  Rule_Dispatch_EMER,   DISPATCH,      EMER,     按权责清单派市应急管理局办理
      HELP,          AGRICULTURE,        QIXIA,    Rule_Dispatch_AGRI,   DISPATCH,      AGRI,     按权责清单派市农业农村局办理
      SUGGESTION,    CULTURE_TOURISM,    CHANGDAO, Rule_Dispatch_CULT,   DISPATCH,      CULT,     按权责清单派市文化和旅游局办理
      CONSULTATION,  PUBLIC_SECURITY,    ZHIFU,    Rule_Dispatch_PSB,    DISPATCH,      PSB,      按权责清单派市公安局办理
      HELP,          LEGAL_SERVICE,      ZHIFU,    Rule_Dispatch_JUS,    DISPATCH,      JUS,      按权责清单派市司法局办理
      COMPLAINT,     POWER_SUPPLY,       ZHIFU,    Rule_Dispatch_POWER,  DISPATCH,      POWER,    按权责清单派国网烟台供电公司办理
      COMPLAINT,     UTILITIES,          ZHIFU,    Rule_Dispatch_URBAN,  DISPATCH,      URBAN,    按权责清单派市城市管理局办理
      COMPLAINT,     INVESTMENT_PROMISE, LONGKOU,  Rule_DistrictTopics,  DISPATCH,      LONGKOU,  属地管理事项，派所属区市办理
      HELP,          ARREARS,            HAIYANG,  Rule_DistrictTopics,  DISPATCH,      HAIYANG,  属地管理事项，派所属区市办理
      CONSULTATION,  GOV_SERVICE,        YEDA,     Rule_DistrictTopics,  DISPATCH,      YEDA,     属地管理事项，派所属区市办理
      SUGGESTION,    OTHER,              ZHAOYUAN, Rule_DistrictTopics,  DISPATCH,      ZHAOYUAN, 属地管理事项，派所属区市办理
      COMPLAINT,     NOT_A_TOPIC,        LAIYANG,  Rule_CatchAll,        DISPATCH,      LAIYANG,  未匹配权责清单，转属地区市办理
      CONSULTATION,  NULL,               ZHIFU,    Rule_CatchAll,        DISPATCH,      ZHIFU,    未匹配权责清单，转属地区市办理
      """;

  /** Topics whose consultations the knowledge base answers (processes.md, decision case-routing). */
  static final Set<String> KNOWLEDGE_BASE_TOPICS = Set.of("SOCIAL_INSURANCE", "LABOUR", "MEDICAL_INSURANCE", "TAX",
      "MARKET_REGULATION", "IP", "ADMIN_APPROVAL", "POLICY_SUBSIDY", "FINANCING", "SCI_TECH", "FOREIGN_TRADE");

  static final List<String> SAMPLE_DISTRICTS = List.of("ZHIFU", "LONGKOU", "YEDA");

  private static DmnTableHarness routing;

  @BeforeAll
  static void parseTable() {
    routing = new DmnTableHarness("case-routing.dmn", "case-routing");
  }

  private static Map<String, Object> vars(String type, String topic, String district) {
    Map<String, Object> v = new HashMap<>();
    v.put("type", type);
    v.put("topic", topic);
    v.put("district", district);
    return v;
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}: {4} {5}")
  @CsvSource(textBlock = ROWS, nullValues = "NULL")
  void eachRuleRoutesAsIntended(String type, String topic, String district, String expectedRule,
      String path, String handlingUnit, String routingReason) {
    DmnTableHarness.Evaluation evaluation = routing.evaluate(vars(type, topic, district));

    assertThat(evaluation.matchedRuleIds()).containsExactly(expectedRule);
    assertThat(evaluation.result()).hasSize(1);
    DmnDecisionRuleResult out = evaluation.result().getSingleResult();
    assertThat(out.getEntryMap()).containsOnly(
        Map.entry("path", path),
        Map.entry("handlingUnit", handlingUnit),
        Map.entry("routingReason", routingReason));
  }

  @Test
  void everyRuleOfTheTableHasARowAboveAndNoRowNamesAMissingRule() {
    Set<String> rulesInRows = ROWS.lines()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(line -> line.split(",")[3].trim())
        .collect(Collectors.toSet());

    assertThat(rulesInRows).containsExactlyInAnyOrderElementsOf(routing.ruleIds());
  }

  @Test
  void tableFollowsTheHouseRules() {
    assertThat(routing.ruleIds()).hasSize(32).startsWith("Rule_Praise").endsWith("Rule_DistrictTopics", "Rule_CatchAll");
    routing.assertWellFormed("Rule_CatchAll");
  }

  @Test
  void everyTopicTypeAndDistrictIsRoutedToAUnitThatExists() {
    Map<String, Object> codes = DmnTableHarness.loadYaml("data/reference/codes.yaml");
    Map<String, Object> org = DmnTableHarness.loadYaml("data/org/units.yaml");
    List<String> types = DmnTableHarness.column(codes, "types", "code");
    List<String> topics = DmnTableHarness.column(codes, "topics", "code");
    List<String> responsible = DmnTableHarness.column(codes, "topics", "responsibleUnit");
    List<String> unitCodes = DmnTableHarness.column(org, "units", "code");
    List<String> unitKinds = DmnTableHarness.column(org, "units", "kind");
    Map<String, String> kindOf = new LinkedHashMap<>();
    for (int i = 0; i < unitCodes.size(); i++) {
      kindOf.put(unitCodes.get(i), unitKinds.get(i));
    }
    assertThat(types).contains("CONSULTATION", "PRAISE");
    assertThat(topics).hasSameSizeAs(responsible).containsAll(KNOWLEDGE_BASE_TOPICS);
    assertThat(SAMPLE_DISTRICTS).allSatisfy(d -> assertThat(kindOf.get(d)).isIn("DISTRICT", "ZONE"));

    SoftAssertions softly = new SoftAssertions();
    int evaluated = 0;
    for (int t = 0; t < topics.size(); t++) {
      String topic = topics.get(t);
      String responsibleUnit = responsible.get(t);
      for (String type : types) {
        for (String district : SAMPLE_DISTRICTS) {
          DmnTableHarness.Evaluation e = routing.evaluate(vars(type, topic, district));
          evaluated++;
          String where = type + "/" + topic + "/" + district;
          softly.assertThat(e.result()).as(where).hasSize(1);
          if (e.result().size() != 1) {
            continue;
          }
          Map<String, Object> out = e.result().getSingleResult().getEntryMap();
          String unit = (String) out.get("handlingUnit");

          softly.assertThat(out.get("path")).as(where + " path").isIn("DIRECT_ANSWER", "DISPATCH");
          softly.assertThat(unitCodes).as(where + " handlingUnit").contains(unit);
          softly.assertThat((String) out.get("routingReason")).as(where + " reason").isNotBlank();

          // what the responsibility list says, independent of how the table groups its rules
          boolean direct = type.equals("PRAISE")
              || (type.equals("CONSULTATION") && KNOWLEDGE_BASE_TOPICS.contains(topic));
          String expectedUnit = type.equals("PRAISE") || responsibleUnit.equals("DISTRICT") ? district : responsibleUnit;
          softly.assertThat(out.get("path")).as(where + " path").isEqualTo(direct ? "DIRECT_ANSWER" : "DISPATCH");
          softly.assertThat(unit).as(where + " handlingUnit").isEqualTo(expectedUnit);
          softly.assertThat(e.matchedRuleIds()).as(where + " rule")
              .doesNotContain("Rule_CatchAll"); // every known topic has its own rule
        }
      }
    }
    softly.assertAll();
    assertThat(evaluated).isEqualTo(topics.size() * types.size() * SAMPLE_DISTRICTS.size()).isGreaterThanOrEqualTo(26 * 6 * 3);
  }

  @Test
  void unknownTopicReachesTheCatchAllForEveryType() {
    for (String type : Arrays.asList("CONSULTATION", "HELP", "COMPLAINT", "SUGGESTION", "REPORT")) {
      DmnTableHarness.Evaluation e = routing.evaluate(vars(type, "DRONE_AIRSPACE", "QIXIA"));

      assertThat(e.matchedRuleIds()).as(type).containsExactly("Rule_CatchAll");
      assertThat(e.result().getSingleResult().getEntryMap()).as(type).containsOnly(
          Map.entry("path", "DISPATCH"),
          Map.entry("handlingUnit", "QIXIA"),
          Map.entry("routingReason", "未匹配权责清单，转属地区市办理"));
    }
  }

  @Test
  void unknownTypeIsNotRejectedByThePredefinedTypeValues() {
    // inputValues on "type" only help editing in the Modeler; Camunda 7 does not enforce them.
    DmnTableHarness.Evaluation e = routing.evaluate(vars("FEEDBACK", "TAX", "ZHIFU"));

    assertThat(e.matchedRuleIds()).containsExactly("Rule_Dispatch_TAX");
    assertThat(e.result().getSingleResult().<String>getEntry("path")).isEqualTo("DISPATCH");
  }
}
