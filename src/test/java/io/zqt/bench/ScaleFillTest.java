package io.zqt.bench;

import io.zqt.ZqtSpringTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** The scale fill on H2: cloned cases are searchable, listed for their own unit only, and can be worked on. */
@ZqtSpringTest
class ScaleFillTest {

  @Autowired ConfigurableApplicationContext app;

  @Test
  void clonedCasesAreSearchableListedForTheirUnitOnlyAndCanBeWorkedOn() throws Exception {
    ScaleFillChecks.fillSearchListAndComplete(app);
  }
}
