package io.zqt.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * Exposes Camunda's engine metrics to Prometheus as counters ({@code camunda_<name>_total}): what the database
 * reporter has written plus what this node counted since its last report.
 */
@Component
public class EngineMetrics implements MeterBinder {

  static final List<String> NAMES = List.of(Metrics.ROOT_PROCESS_INSTANCE_START, Metrics.ACTIVTY_INSTANCE_START,
      Metrics.ACTIVTY_INSTANCE_END, Metrics.EXECUTED_DECISION_ELEMENTS, Metrics.EXECUTED_DECISION_INSTANCES,
      Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
      Metrics.JOB_LOCKED_EXCLUSIVE, Metrics.JOB_EXECUTION_REJECTED);

  private final ManagementService managementService;
  private final MetricsRegistry engineRegistry;

  public EngineMetrics(ProcessEngine engine) {
    this.managementService = engine.getManagementService();
    this.engineRegistry = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getMetricsRegistry();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String name : NAMES) {
      FunctionCounter.builder("camunda." + name.replace('-', '.'), this, m -> m.total(name))
          .description("Camunda engine metric " + name).register(registry);
    }
  }

  double total(String name) {
    long reported = managementService.createMetricsQuery().name(name).sum();
    Meter pending = engineRegistry.getDbMeters().get(name);
    return reported + (pending == null ? 0 : pending.get());
  }
}
