package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtSpringTest;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's check of a new row's id still refuses what the engine refuses, with the engine's message, but no longer
 * describes every row it accepts.
 */
@ZqtSpringTest
class EntityIdCheckTest {

  @Autowired ProcessEngineConfigurationImpl engine;

  /** A row whose description cannot be built: describing it is what the check no longer does for a valid id. */
  static final class Undescribable extends TaskEntity {
    @Override
    public String toString() {
      throw new AssertionError("the row was described");
    }
  }

  @Test
  void theAppsEngineOpensTheLeanEntityManager() {
    Object manager = engine.getCommandExecutorTxRequired().execute(
        context -> context.getSession(DbEntityManager.class));
    assertThat(manager).isInstanceOf(EntityIdCheck.LeanEntityManager.class);
  }

  @Test
  void aValidIdIsAcceptedWithoutDescribingTheRow() {
    Undescribable row = new Undescribable();
    row.setId("a1b2");
    new EntityIdCheck.LeanEntityManager(null, null).validateId(row);
    // the engine's own check describes it first
    assertThatThrownBy(() -> new DbEntityManager(null, null) {
      { validateId(row); }
    }).isInstanceOf(AssertionError.class);
  }

  @Test
  void missingAndReservedIdsAreRefusedAsByTheEngine() {
    TaskEntity reserved = new TaskEntity();
    reserved.setId("*");
    assertThatThrownBy(() -> new EntityIdCheck.LeanEntityManager(null, null).validateId(reserved))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("has an invalid id")
        .hasMessageContaining("cannot be *");
    TaskEntity missing = new TaskEntity();
    assertThatThrownBy(() -> new EntityIdCheck.LeanEntityManager(null, null).validateId(missing))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("has an invalid id");
  }
}
