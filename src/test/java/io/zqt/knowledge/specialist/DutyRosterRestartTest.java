package io.zqt.knowledge.specialist;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.Specialist;
import io.zqt.knowledge.SpecialistDirectory;
import io.zqt.ops.ClusterLock;
import io.zqt.org.Unit;
import io.zqt.org.UnitCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change made at runtime survives re-seeding and a restart (a new catalog reading the data file again, a new
 * seeder), and a second node on the same database sees it at once: nothing is cached per node.
 */
@ZqtSpringTest
class DutyRosterRestartTest {

  @Autowired SpecialistDirectory directory;
  @Autowired SpecialistCatalog catalog;
  @Autowired SpecialistSeeder seeder;
  @Autowired DutyRoster roster;
  @Autowired UnitCatalog units;
  @Autowired KnowledgeEntries entries;
  @Autowired ProcessEngine engine;
  @Autowired ClusterLock clusterLock;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void backToTheFile() {
    DutyHttp.resetToFile(jdbc, catalog.fromFile());
    jdbc.update("DELETE FROM zqt_specialist_duty WHERE user_id LIKE 'sp-load-%'");
    jdbc.update("DELETE FROM zqt_specialist_duty_log WHERE user_id LIKE 'sp-load-%'");
  }

  /** What another node (or this one after a restart) would build: its own roster and catalog on the database. */
  private SpecialistCatalog otherNode() {
    DutyRoster itsRoster = new DutyRoster(new NamedParameterJdbcTemplate(dataSource), transactionManager);
    return new SpecialistCatalog(units, entries, itsRoster);
  }

  @Test
  void aChangeMadeAtRuntimeSurvivesReSeedingAndARestart() {
    // MKT-024: sp-amr-01 off duty and sp-amr-02 on duty in the file
    Specialist amr02 = catalog.fromFile("sp-amr-02").orElseThrow();
    assertThat(amr02.onDuty()).as("the file's state").isTrue();
    assertThat(roster.set(amr02, false, "sp-amr-02", "调休")).isPresent();

    seeder.seed();
    assertThat(directory.find("sp-amr-02").orElseThrow().onDuty()).as("after re-seeding").isFalse();

    SpecialistCatalog restarted = otherNode();
    new SpecialistSeeder(restarted, units, engine, clusterLock, transactionManager, true, "demo").seed();
    assertThat(restarted.find("sp-amr-02").orElseThrow().onDuty()).as("after a restart").isFalse();
    assertThat(restarted.forEntry("MKT-024")).map(Specialist::userId).contains("sp-amr-03");
    assertThat(jdbc.queryForObject("SELECT on_duty FROM zqt_specialist_duty WHERE user_id = 'sp-amr-02'",
        Boolean.class)).isFalse();
  }

  @Test
  void aChangeOnOneNodeIsSeenAtOnceByTheOther() {
    SpecialistCatalog nodeB = otherNode();
    assertThat(directory.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-02");
    assertThat(nodeB.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-02");

    // node B's roster takes sp-hrss-02 off duty; this node's three-way call finds the colleague right away
    nodeB.roster().set(nodeB.fromFile("sp-hrss-02").orElseThrow(), false, "admin", null);
    assertThat(directory.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-04");
    // and back, the other way round
    roster.set(catalog.fromFile("sp-hrss-02").orElseThrow(), true, "admin", null);
    assertThat(nodeB.forEntry("SI-008")).map(Specialist::userId).contains("sp-hrss-02");
  }

  @Test
  void withThreeAndAHalfThousandSpecialistsALookupStaysCheap() {
    // 3,500 specialists over the city departments, 2 entries each, one in three off duty
    List<Unit> departments = units.all().stream().filter(u -> u.kind() == Unit.Kind.CITY_DEPARTMENT).toList();
    StringBuilder csv = new StringBuilder("用户名,姓名,单位,电话,负责条目,在岗\n");
    for (int i = 0; i < 3500; i++) {
      Unit unit = departments.get(i % departments.size());
      csv.append("sp-load-").append(i).append(",测试").append(i).append(',').append(unit.code())
          .append(",0535-").append(6000000 + i).append(",LOAD-").append(i / 2).append(";LOAD-").append(i / 2 + 1)
          .append(',').append(i % 3 == 0 ? "否" : "是").append('\n');
    }
    Resource file = new ByteArrayResource(csv.toString().getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "load.csv";
      }
    };
    SpecialistCatalog big = new SpecialistCatalog(units, entries, roster, List.of(file));
    new TransactionTemplate(transactionManager).executeWithoutResult(s -> roster.seed(big.fromFile()));
    assertThat(big.all()).hasSize(3500);
    // LOAD-0: sp-load-0 (off duty), sp-load-1 (on duty)
    assertThat(big.forEntry("LOAD-0")).map(Specialist::userId).contains("sp-load-1");
    // sp-load-1 off duty too: the first on-duty colleague of sp-load-0's unit
    roster.set(big.fromFile("sp-load-1").orElseThrow(), false, "admin", null);
    assertThat(big.forEntry("LOAD-0")).map(Specialist::userId).contains("sp-load-" + departments.size());

    List<Long> nanos = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 1000; i += 3) {
        long start = System.nanoTime();
        Optional<Specialist> found = big.forEntry("LOAD-" + i);
        nanos.add(System.nanoTime() - start);
        assertThat(found).isPresent();
      }
    }
    nanos.sort(null);
    long p95Micros = nanos.get((int) (nanos.size() * 0.95)) / 1000;
    System.out.printf("Duty roster with 3,500 specialists: forEntry p50 %d µs, p95 %d µs%n",
        nanos.get(nanos.size() / 2) / 1000, p95Micros);
    // one or two indexed queries on an in-memory database; far below what a person starting a call notices
    assertThat(p95Micros).isLessThan(20_000);
  }
}
