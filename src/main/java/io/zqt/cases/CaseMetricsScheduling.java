package io.zqt.cases;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Enables the periodic refresh of case gauges. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CaseMetricsScheduling {}
