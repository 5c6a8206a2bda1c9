package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.org.ReferenceCatalog.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

class ReferenceCatalogTest {

  private final UnitCatalog units = new UnitCatalog(new DefaultResourceLoader());
  private final ReferenceCatalog catalog = new ReferenceCatalog(new DefaultResourceLoader(), units);

  @Test
  void loadsEveryCodeWithChineseNames() {
    assertThat(catalog.types()).extracting(ReferenceCatalog.Code::code)
        .containsExactly("CONSULTATION", "HELP", "COMPLAINT", "SUGGESTION", "REPORT", "PRAISE");
    assertThat(catalog.channels()).hasSize(5);
    assertThat(catalog.urgencies()).extracting(ReferenceCatalog.Code::code).containsExactly("NORMAL", "URGENT");
    assertThat(catalog.topics()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(catalog.types()).allSatisfy(code -> assertThat(code.nameZh()).containsPattern("\\p{IsHan}"));
    assertThat(catalog.topics()).allSatisfy(topic -> assertThat(topic.nameZh()).containsPattern("\\p{IsHan}"));
  }

  @Test
  void everyTopicHasAResponsibleUnitOrTheCasesDistrict() {
    assertThat(catalog.topics()).allSatisfy(topic ->
        assertThat(topic.belongsToDistrict() || units.contains(topic.responsibleUnit())).isTrue());
    assertThat(catalog.topic("SOCIAL_INSURANCE")).map(ReferenceCatalog.Topic::responsibleUnit).contains("HRSS");
    assertThat(catalog.topic("ARREARS")).map(ReferenceCatalog.Topic::belongsToDistrict).contains(true);
  }

  @Test
  void checksMembership() {
    assertThat(catalog.isType("COMPLAINT")).isTrue();
    assertThat(catalog.isType("complaint")).isFalse();
    assertThat(catalog.isType(null)).isFalse();
    assertThat(catalog.isTopic("TAX")).isTrue();
    assertThat(catalog.isTopic("COMPLAINT")).isFalse();
    assertThat(catalog.isChannel("PHONE")).isTrue();
    assertThat(catalog.isUrgency("URGENT")).isTrue();
    assertThat(catalog.isUrgency("HIGH")).isFalse();
    assertThat(catalog.isDistrict("LAISHAN")).isTrue();
    assertThat(catalog.isDistrict("CHANGDAO")).isTrue();
    assertThat(catalog.isDistrict("TAX")).isFalse();
    assertThat(catalog.contains(Kind.UNIT, "TAX")).isTrue();
    assertThat(catalog.contains(Kind.DISTRICT, "TAX")).isFalse();
  }

  @Test
  void looksUpNames() {
    assertThat(catalog.nameZh(Kind.TYPE, "COMPLAINT")).isEqualTo("投诉");
    assertThat(catalog.nameZh(Kind.CHANNEL, "MEETING")).isEqualTo("会客厅会议");
    assertThat(catalog.nameZh(Kind.URGENCY, "URGENT")).isEqualTo("紧急");
    assertThat(catalog.nameZh(Kind.TOPIC, "ARREARS")).isEqualTo("拖欠企业账款");
    assertThat(catalog.nameZh(Kind.DISTRICT, "ZHIFU")).isEqualTo("芝罘区");
    assertThat(catalog.nameZh(Kind.UNIT, "ZHIFU")).isEqualTo("烟台市芝罘区人民政府");
    assertThat(catalog.nameEn(Kind.TYPE, "PRAISE")).isEqualTo("Praise");
    assertThatThrownBy(() -> catalog.nameZh(Kind.TOPIC, "NOPE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic").hasMessageContaining("NOPE");
    assertThatThrownBy(() -> catalog.nameZh(Kind.DISTRICT, "HRSS")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesATopicWithAnUnknownResponsibleUnit() {
    String yaml = """
        types: [{ code: HELP, nameZh: 求助, nameEn: Help }]
        channels: [{ code: PHONE, nameZh: 电话, nameEn: Phone }]
        urgencies: [{ code: NORMAL, nameZh: 一般, nameEn: Normal }]
        topics: [{ code: TAX, nameZh: 税费, nameEn: Tax, responsibleUnit: IRS }]
        """;
    assertThatThrownBy(() -> load("bad-codes.yaml", yaml))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bad-codes.yaml").hasMessageContaining("responsibleUnit IRS");
  }

  @Test
  void refusesDuplicateCodes() {
    String yaml = """
        types: [{ code: HELP, nameZh: 求助, nameEn: Help }, { code: HELP, nameZh: 帮助, nameEn: Help }]
        channels: [{ code: PHONE, nameZh: 电话, nameEn: Phone }]
        urgencies: [{ code: NORMAL, nameZh: 一般, nameEn: Normal }]
        topics: [{ code: TAX, nameZh: 税费, nameEn: Tax, responsibleUnit: TAX }]
        """;
    assertThatThrownBy(() -> load("dup-codes.yaml", yaml))
        .hasMessageContaining("dup-codes.yaml").hasMessageContaining("duplicate code HELP");
  }

  private ReferenceCatalog load(String name, String yaml) {
    return new ReferenceCatalog(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), name), units);
  }
}
