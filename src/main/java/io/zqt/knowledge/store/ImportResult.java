package io.zqt.knowledge.store;

import java.util.List;

/**
 * What an import did, or in a dry run would do. With any problem nothing is written and the counts are zero.
 *
 * @param rows entry rows read from the file
 * @param created entries created (dry run: would be created)
 * @param updated entries changed, each with a new version (dry run: would be)
 * @param unchanged rows equal to the stored entry, left untouched
 * @param written whether the store was changed
 * @param millis time taken
 */
public record ImportResult(String format, boolean dryRun, int rows, int created, int updated, int unchanged,
    boolean written, long millis, List<ImportProblem> problems) {

  public ImportResult {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
