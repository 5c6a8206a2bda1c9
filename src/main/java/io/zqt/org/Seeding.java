package io.zqt.org;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionException;

/** How every seeder runs: as the system (no caller's authorizations apply), and retried once on failure. */
final class Seeding {

  private static final Logger log = LoggerFactory.getLogger(Seeding.class);

  /**
   * The cluster lock every seeding transaction takes first: two nodes seeding an empty database at the same moment
   * would otherwise both create the Tasklist filters (nothing unique in the engine's filter table stops that).
   */
  static final String LOCK = "seeding";

  private Seeding() {}

  /**
   * Runs one seeding transaction without the caller's authentication, then restores it. Another node seeding the
   * same database at the same moment makes one of them fail; the retry finds the other's work and does only what is
   * still missing.
   */
  static <R> R asSystemRetryingOnce(ProcessEngine engine, String what, Supplier<R> seedOnce) {
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      try {
        return seedOnce.get();
      } catch (ProcessEngineException | TransactionException e) {
        log.warn("Seeding {} failed ({}); retrying once", what, e.toString());
        return seedOnce.get();
      }
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
