package io.zqt.knowledge.store;

import io.zqt.knowledge.EntryType;
import io.zqt.knowledge.KnowledgeEntry;
import java.time.LocalDate;
import java.util.List;

/** Entries for tests that call the store directly. */
final class KnowledgeImportParts {

  private KnowledgeImportParts() {}

  static KnowledgeEntry entry(String key, String title) {
    return new KnowledgeEntry(key, EntryType.POLICY, title, "芝罘区企业吸纳就业的社会保险补贴，按规定向区人社部门申请。",
        "烟台市人力资源和社会保障局", null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1), null,
        List.of("SOCIAL_INSURANCE"), List.of("ZHIFU"), "HRSS", List.of("社保补贴", "吸纳就业"), null, 0, null, null);
  }
}
