package io.zqt.bench;

import io.zqt.bench.Workload.CasePlan;

/** Runs cases of a {@link Workload} through one system: ZQT in-process, ZQT over HTTP, or the bare engine. */
interface LifecycleDriver {

  /** Short name for reports. */
  String name();

  /** Records the intake only; returns the case's business key. */
  String open(CasePlan plan);

  /** Completes every step of an opened case, as the step's user would. */
  void work(String businessKey, CasePlan plan);

  /** The whole lifecycle: intake, then every step. */
  default String run(CasePlan plan) {
    String key = open(plan);
    work(key, plan);
    return key;
  }
}
