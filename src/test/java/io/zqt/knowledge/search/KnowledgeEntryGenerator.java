package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Synthetic but plausible knowledge entries for benchmarks: each one takes a seed entry as its model (type, topics,
 * responsible unit, vocabulary) and recombines it with sentences of other seed entries on the same topic, a district
 * (often), another year and other keywords. Seeded: the same seed and count give the same entries.
 */
public final class KnowledgeEntryGenerator {

  static final List<String> DISTRICTS = List.of("ZHIFU", "FUSHAN", "MUPING", "LAISHAN", "PENGLAI", "LONGKOU",
      "LAIYANG", "LAIZHOU", "ZHAOYUAN", "QIXIA", "HAIYANG", "YEDA", "YHTZ", "CHANGDAO");
  static final List<String> DISTRICT_NAMES = List.of("芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区", "龙口市", "莱阳市",
      "莱州市", "招远市", "栖霞市", "海阳市", "烟台开发区", "烟台高新区", "长岛综合试验区");
  static final List<String> VARIANTS = List.of("实施细则", "办理指引", "操作口径", "常见问题解答", "申报通知", "补充规定",
      "服务指南", "政策解读", "办事清单", "工作方案");

  private final List<KnowledgeEntry> seed;
  private final List<String> sentences;
  private final List<String> keywords;
  private final long randomSeed;

  public KnowledgeEntryGenerator(List<KnowledgeEntry> seed, long randomSeed) {
    this.seed = List.copyOf(seed);
    this.randomSeed = randomSeed;
    List<String> all = new ArrayList<>();
    List<String> words = new ArrayList<>();
    for (KnowledgeEntry e : seed) {
      Arrays.stream(e.body().split("(?<=[。；！？\\n])")).map(String::strip).filter(s -> s.length() >= 8)
          .forEach(all::add);
      words.addAll(e.keywords());
    }
    this.sentences = List.copyOf(all);
    this.keywords = List.copyOf(words);
  }

  /** The districts the generated entries use; the benchmark filters on them. */
  public static List<String> districts() {
    return DISTRICTS;
  }

  /** Yields {@code count} entries, keys GEN-0000001 …, without holding them in memory. */
  public void forEach(long count, Consumer<KnowledgeEntry> each) {
    SplittableRandom random = new SplittableRandom(randomSeed);
    for (long n = 1; n <= count; n++) {
      each.accept(next(n, random));
    }
  }

  KnowledgeEntry next(long n, SplittableRandom random) {
    KnowledgeEntry model = seed.get(random.nextInt(seed.size()));
    int year = 2018 + random.nextInt(11);
    boolean local = random.nextInt(10) < 4;
    int d = random.nextInt(DISTRICTS.size());
    String title = (local ? DISTRICT_NAMES.get(d) : "烟台市") + year + "年" + model.title()
        + VARIANTS.get(random.nextInt(VARIANTS.size()));
    StringBuilder body = new StringBuilder();
    body.append(model.body(), 0, Math.min(model.body().length(), 60 + random.nextInt(60)));
    int extra = 2 + random.nextInt(3);
    for (int i = 0; i < extra; i++) {
      body.append(sentences.get(random.nextInt(sentences.size())));
    }
    List<String> words = new ArrayList<>(model.keywords());
    String extraKeyword = keywords.get(random.nextInt(keywords.size()));
    if (!words.contains(extraKeyword)) {
      words.add(extraKeyword); // an entry lists a keyword once (the import refuses duplicates)
    }
    LocalDate effective = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
    LocalDate expiry = random.nextInt(100) < 15 ? effective.plusYears(1 + random.nextInt(3)) : null;
    EntryType type = model.type();
    return new KnowledgeEntry(String.format("GEN-%07d", n), type, title, body.toString(), model.issuingBody(),
        model.documentNumber() == null ? null : "烟政发〔" + year + "〕" + (1 + random.nextInt(60)) + "号",
        effective.minusDays(random.nextInt(30)), effective, expiry, model.topics(),
        local ? List.of(DISTRICTS.get(d)) : List.of(), model.responsibleUnit(), words, null, 1,
        Instant.parse("2026-01-01T00:00:00Z"), "generator");
  }
}
