package io.zqt.knowledge.specialist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtSpringTest;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.Specialist;
import io.zqt.knowledge.SpecialistDirectory;
import io.zqt.ops.ClusterLock;
import io.zqt.org.UnitCatalog;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.PlatformTransactionManager;

/** Who is called for an entry, row by row on the seed data, and the specialists as Camunda users. */
@ZqtSpringTest
class SpecialistDirectoryTest {

  @Autowired SpecialistDirectory directory;
  @Autowired KnowledgeEntries entries;
  @Autowired DutyRoster roster;
  @Autowired IdentityService identity;
  @Autowired UnitCatalog units;
  @Autowired ProcessEngine engine;
  @Autowired ClusterLock clusterLock;
  @Autowired PlatformTransactionManager transactionManager;

  /** The seed rows, read here with their own reader: user id, unit, entries, on duty. */
  private record Row(String userId, String unit, List<String> entries, boolean onDuty) {}

  private static List<Row> seedRows() throws Exception {
    List<Row> rows = new ArrayList<>();
    Resource[] files = new PathMatchingResourcePatternResolver()
        .getResources("classpath*:data/knowledge/specialists/*.csv");
    java.util.Arrays.sort(files, java.util.Comparator.comparing(Resource::getFilename));
    for (Resource file : files) {
      try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
          rows.add(new Row(r.get("用户名"), r.get("单位"), List.of(r.get("负责条目").split(";")), r.get("在岗").equals("是")));
        }
      }
    }
    return rows;
  }

  @Test
  void everySeedSpecialistIsLoaded() throws Exception {
    List<Row> rows = seedRows();
    assertThat(directory.all()).hasSize(rows.size()).hasSizeGreaterThanOrEqualTo(95);
    for (Row row : rows) {
      Specialist s = directory.find(row.userId()).orElseThrow();
      assertThat(s.unit()).isEqualTo(row.unit());
      assertThat(s.onDuty()).as(row.userId()).isEqualTo(row.onDuty());
      assertThat(s.entryKeys()).isEqualTo(row.entries());
    }
  }

  @Test
  void forEveryEntryAnOnDutySpecialistOfTheEntryElseAnOnDutyColleagueOfTheUnit() throws Exception {
    List<Row> rows = seedRows();
    Map<String, List<Row>> byEntry = new LinkedHashMap<>();
    rows.forEach(r -> r.entries().forEach(k -> byEntry.computeIfAbsent(k, x -> new ArrayList<>()).add(r)));
    for (Map.Entry<String, List<Row>> e : byEntry.entrySet()) {
      String key = e.getKey();
      KnowledgeEntry entry = entries.find(key).orElseThrow(() -> new AssertionError("no entry " + key));
      Optional<Specialist> chosen = directory.forEntry(key);
      Optional<Row> ownOnDuty = e.getValue().stream().filter(Row::onDuty).findFirst();
      if (ownOnDuty.isPresent()) {
        assertThat(chosen).as(key).map(Specialist::userId).contains(ownOnDuty.get().userId());
      } else {
        Optional<Row> colleague = rows.stream().filter(r -> r.onDuty() && r.unit().equals(entry.responsibleUnit()))
            .findFirst();
        assertThat(chosen.map(Specialist::userId)).as(key).isEqualTo(colleague.map(Row::userId));
      }
      chosen.ifPresent(s -> assertThat(s.onDuty()).isTrue());
    }
  }

  @Test
  void theFirstSpecialistOffDutyGivesTheOnDutyColleague() {
    // MKT-024: sp-amr-01 off duty, sp-amr-02 on duty; SI-008: sp-hrss-01 off, sp-hrss-02 on
    assertThat(directory.find("sp-amr-01").orElseThrow().onDuty()).isFalse();
    assertThat(directory.forEntry("MKT-024")).map(Specialist::userId).contains("sp-amr-02");
    assertThat(directory.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-02");
    assertThat(directory.forEntry("LAND-013")).map(Specialist::userId).contains("sp-nrp-04");
  }

  @Test
  void withEveryOwnSpecialistOffDutyAColleagueOfTheResponsibleUnitIsCalled() {
    String csv = """
        用户名,姓名,单位,电话,负责条目,在岗
        sp-hrss-91,测试甲,HRSS,0535-6000001,SI-008,否
        sp-hrss-92,测试乙,HRSS,0535-6000002,SI-008,否
        sp-tax-91,测试丙,TAX,0535-6000003,TAX-020,是
        sp-hrss-93,测试丁,HRSS,0535-6000004,SI-016,是
        sp-hrss-94,测试戊,HRSS,0535-6000005,SI-016,否
        """;
    SpecialistCatalog catalog = new SpecialistCatalog(units, entries, roster, List.of(resource("t.csv", csv)));
    // SI-008 is an HRSS entry: the on-duty HRSS colleague, not the TAX one listed earlier
    assertThat(catalog.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-93");
    SpecialistCatalog nobody = new SpecialistCatalog(units, entries, roster, List.of(resource("t.csv", """
        用户名,姓名,单位,电话,负责条目,在岗
        sp-hrss-91,测试甲,HRSS,0535-6000001,SI-008,否
        """)));
    assertThat(nobody.forEntry("SI-008")).isEmpty();
  }

  @Test
  void aBadSpecialistFileStopsTheStart() {
    assertThatThrownBy(() -> new SpecialistCatalog(units, entries, roster, List.of(resource("bad.csv", """
        用户名,姓名,单位,电话,负责条目,在岗
        sp-x-01,测试,NOPE,0535-6000001,SI-008,是
        """)))).hasMessageContaining("bad.csv").hasMessageContaining("unknown unit NOPE");
    assertThatThrownBy(() -> new SpecialistCatalog(units, entries, roster, List.of(resource("bad.csv", """
        用户名,姓名,单位,电话,负责条目,在岗
        sp-hrss-01,测试,HRSS,0535-6000001,SI-008,可能
        """)))).hasMessageContaining("在岗");
  }

  @Test
  void specialistsAreCamundaUsersOfTheirGroupsWithTheDemoPasswordInTheDemo() {
    assertThat(identity.createUserQuery().memberOfGroup(SpecialistSeeder.GROUP).count())
        .isEqualTo(directory.all().size());
    for (Specialist s : directory.all()) {
      assertThat(identity.createUserQuery().userId(s.userId()).memberOfGroup(units.require(s.unit()).groupId())
          .count()).as(s.userId()).isEqualTo(1);
    }
    assertThat(identity.createUserQuery().userId("sp-hrss-02").singleResult().getLastName()).isEqualTo("刘");
    assertThat(identity.checkPassword("sp-hrss-02", "demo")).isTrue();
    assertThat(identity.createGroupQuery().groupId(SpecialistSeeder.GROUP).singleResult().getName())
        .isEqualTo("政策专员");
  }

  @Test
  void outsideTheDemoNewSpecialistsHaveNoUsablePassword() {
    SpecialistCatalog catalog = new SpecialistCatalog(units, entries, roster, List.of(resource("p.csv", """
        用户名,姓名,单位,电话,负责条目,在岗
        sp-tax-97,欧阳明,TAX,0535-6000009,TAX-020,是
        """)));
    SpecialistSeeder production = new SpecialistSeeder(catalog, units, engine, clusterLock, transactionManager,
        false, "demo");
    assertThat(production.seed()).isEqualTo(1);
    assertThat(identity.createUserQuery().userId("sp-tax-97").memberOfGroup("unit-tax").count()).isEqualTo(1);
    assertThat(identity.createUserQuery().userId("sp-tax-97").memberOfGroup("policy-specialist").count())
        .isEqualTo(1);
    assertThat(identity.checkPassword("sp-tax-97", "demo")).isFalse();
    assertThat(identity.checkPassword("sp-tax-97", "")).isFalse();
    // a second start creates nothing
    assertThat(production.seed()).isZero();
    identity.deleteUser("sp-tax-97");
  }

  private static Resource resource(String name, String text) {
    return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }
}
