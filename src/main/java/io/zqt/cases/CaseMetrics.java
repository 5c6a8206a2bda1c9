package io.zqt.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Cases opened and closed (counted when the transaction commits) and cases open now (zqt_cases_open). */
@Component
public class CaseMetrics {

  private final MeterRegistry registry;
  private final CaseRepository cases;
  private final AtomicLong open = new AtomicLong();

  public CaseMetrics(MeterRegistry registry, CaseRepository cases) {
    this.registry = registry;
    this.cases = cases;
    Gauge.builder("zqt.cases.open", open, AtomicLong::get).description("Cases not yet closed").register(registry);
  }

  public void opened(String type) {
    afterCommit(() -> Counter.builder("zqt.cases.opened").description("Cases received").tag("type", type)
        .register(registry).increment());
  }

  public void closed(String type, String finalStatus) {
    afterCommit(() -> Counter.builder("zqt.cases.closed").description("Cases closed or moved to a ledger")
        .tag("type", type).tag("status", finalStatus).register(registry).increment());
  }

  /** Refreshes the open-case gauge from the table; cheap with the status index. */
  @Scheduled(fixedDelayString = "${zqt.metrics.open-cases-refresh:PT30S}", initialDelay = 0)
  public void refreshOpen() {
    open.set(cases.countOpen());
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          action.run();
        }
      });
    } else {
      action.run();
    }
  }
}
