package io.zqt.bench;

import io.zqt.postgres.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** The scale fill on PostgreSQL: cloned cases are searchable, listed for their unit only, and can be worked on. */
class ScaleFillPostgresTest extends PostgresTest {

  @Autowired ConfigurableApplicationContext app;

  @Test
  void clonedCasesAreSearchableListedForTheirUnitOnlyAndCanBeWorkedOn() throws Exception {
    ScaleFillChecks.fillSearchListAndComplete(app);
  }
}
