package io.zqt.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index itself, on disk in a temporary directory: Chinese words, synonyms, typos, ranking, snippets. */
class KnowledgeSearchEngineTest {

  static final LocalDate DAY = LocalDate.of(2026, 6, 1);

  @TempDir Path dir;

  @Test
  void synonymGroupsWorkBothWaysAlsoForWordsTheTokenizerSplits() {
    List<KnowledgeEntry> entries = List.of(
        entry("A-1", "单位社会保险登记办理", "用人单位办理社会保险登记。", LocalDate.of(2025, 1, 1)),
        entry("A-2", "社保卡申领", "职工社保卡的申领。", LocalDate.of(2025, 1, 1)),
        entry("B-1", "营业执照遗失补领", "营业执照遗失后的补领办法。", LocalDate.of(2025, 1, 1)),
        entry("B-2", "执照到期怎么办", "许可类执照有效期届满前申请延续。", LocalDate.of(2025, 1, 1)),
        entry("C-1", "个体工商户年度报告", "个体工商户每年报送年度报告。", LocalDate.of(2025, 1, 1)),
        entry("C-2", "个体户税收优惠", "个体户经营所得减半征收。", LocalDate.of(2025, 1, 1)),
        entry("D-1", "住房公积金单位缴存登记", "单位为职工缴存住房公积金。", LocalDate.of(2025, 1, 1)),
        entry("D-2", "公积金贷款额度", "公积金贷款的最高额度。", LocalDate.of(2025, 1, 1)));
    // words only: no character pairs, so only the synonym groups can bridge the two names
    try (KnowledgeSearchEngine engine = engine(KnowledgeSearchEngine.Boosts.WORDS_ONLY)) {
      engine.rebuild(entries::forEach);

      assertThat(keys(engine, "社保")).contains("A-1", "A-2");
      assertThat(keys(engine, "社会保险")).contains("A-1", "A-2");
      assertThat(keys(engine, "执照")).contains("B-1", "B-2");
      assertThat(keys(engine, "营业执照")).contains("B-1", "B-2");
      assertThat(keys(engine, "个体户")).contains("C-1", "C-2");
      assertThat(keys(engine, "个体工商户")).contains("C-1", "C-2");
      assertThat(keys(engine, "公积金")).contains("D-1", "D-2");
      assertThat(keys(engine, "住房公积金")).contains("D-1", "D-2");
      assertThat(keys(engine, "单位社保怎么登记")).first().isEqualTo("A-1");
    }
  }

  @Test
  void callersTyposStillFindTheEntryThroughCharacterPairs() {
    List<KnowledgeEntry> entries = List.of(
        entry("B-1", "营业执照遗失补领", "营业执照遗失后的补领办法。", LocalDate.of(2025, 1, 1)),
        entry("X-1", "排污许可证申领", "排污单位申领排污许可证。", LocalDate.of(2025, 1, 1)));
    try (KnowledgeSearchEngine engine = engine(KnowledgeSearchEngine.Boosts.DEFAULT)) {
      engine.rebuild(entries::forEach);
      assertThat(keys(engine, "营业只照丢了咋补")).first().isEqualTo("B-1");
    }
  }

  @Test
  void amongEqualScoresTheNewestValidEntryComesFirstAndExpiredOnesOnlyWhenAsked() {
    KnowledgeEntry old = entry("P-1", "稳岗返还政策", "稳岗返还按规定发放。", LocalDate.of(2024, 1, 1));
    KnowledgeEntry newer = entry("P-2", "稳岗返还政策", "稳岗返还按规定发放。", LocalDate.of(2026, 1, 1));
    KnowledgeEntry expired = new KnowledgeEntry("P-3", EntryType.POLICY, "稳岗返还政策", "稳岗返还按规定发放。", null, null,
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 1), LocalDate.of(2026, 1, 1), List.of("SOCIAL_INSURANCE"),
        List.of(), "HRSS", List.of(), null, 1, Instant.now(), "test");
    KnowledgeEntry future = entry("P-4", "稳岗返还政策", "稳岗返还按规定发放。", LocalDate.of(2027, 1, 1));
    try (KnowledgeSearchEngine engine = engine(KnowledgeSearchEngine.Boosts.DEFAULT)) {
      engine.rebuild(Stream.of(old, expired, newer, future)::forEach);

      assertThat(keys(engine, "稳岗返还")).containsExactly("P-2", "P-1");
      KnowledgeSearchResult all = engine.search(KnowledgeQuery.of("稳岗返还", DAY).withIncludeExpired(true));
      assertThat(all.hits()).extracting(KnowledgeHit::key).containsExactly("P-2", "P-1", "P-4", "P-3");
      assertThat(all.hits()).extracting(KnowledgeHit::valid).containsExactly(true, true, false, false);
      assertThat(engine.search(KnowledgeQuery.of("稳岗返还", LocalDate.of(2025, 7, 1))).hits())
          .extracting(KnowledgeHit::key).containsExactly("P-3", "P-1");
    }
  }

  @Test
  void snippetsMarkTheMatchesAndEscapeTheText() {
    KnowledgeEntry e = entry("S-1", "数电发票开具", "开具数电发票前先确认<b>授信额度</b>，再登录电子税务局 & 开票。",
        LocalDate.of(2025, 1, 1));
    try (KnowledgeSearchEngine engine = engine(KnowledgeSearchEngine.Boosts.DEFAULT)) {
      engine.rebuild(List.of(e)::forEach);
      String snippet = engine.search(KnowledgeQuery.of("授信额度", DAY)).hits().get(0).snippet();
      assertThat(snippet).contains("<em>").contains("&lt;b&gt;").contains("&amp;").doesNotContain("<b>");
    }
  }

  @Test
  void aBatchOfChangesLeavesTheIndexInStepWithTheStore() {
    InMemoryKnowledgeEntries store = new InMemoryKnowledgeEntries(List.of(
        entry("U-1", "失业保险稳岗返还", "稳岗返还。", LocalDate.of(2025, 1, 1)),
        entry("U-2", "技能提升补贴", "取证补贴。", LocalDate.of(2025, 1, 1))));
    try (KnowledgeSearchEngine engine = engine(KnowledgeSearchEngine.Boosts.DEFAULT)) {
      engine.rebuild(store::forEach);
      KnowledgeEntry changed = new KnowledgeEntry("U-1", EntryType.POLICY, "失业保险稳岗返还（2026年）", "稳岗返还免申即享。",
          null, null, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1), null, List.of("SOCIAL_INSURANCE"),
          List.of(), "HRSS", List.of(), null, 2, Instant.now(), "test");
      KnowledgeEntry added = entry("U-3", "创业担保贷款贴息", "创业贷款。", LocalDate.of(2025, 1, 1));
      store.put(changed);
      store.put(added);
      store.remove("U-2");

      engine.apply(List.of(changed, added), List.of("U-2"));

      assertThat(engine.entryCount()).isEqualTo(store.count()).isEqualTo(engine.size());
      assertThat(keys(engine, "免申即享")).containsExactly("U-1");
      assertThat(keys(engine, "技能提升补贴")).doesNotContain("U-2");
      assertThat(keys(engine, "创业贷")).containsExactly("U-3");
    }
  }

  private KnowledgeSearchEngine engine(KnowledgeSearchEngine.Boosts boosts) {
    return new KnowledgeSearchEngine(dir.resolve("index"), SynonymGroups.fromClasspath(), boosts);
  }

  private static List<String> keys(KnowledgeSearchEngine engine, String q) {
    return engine.search(KnowledgeQuery.of(q, DAY)).hits().stream().map(KnowledgeHit::key).toList();
  }

  static KnowledgeEntry entry(String key, String title, String body, LocalDate effective) {
    return new KnowledgeEntry(key, EntryType.POLICY, title, body, "烟台市人力资源和社会保障局", null, effective, effective, null,
        List.of("SOCIAL_INSURANCE"), List.of(), "HRSS", List.of(), null, 1, Instant.now(), "test");
  }
}
