package io.zqt.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The audit page: static files under /audit/ (src/main/resources/static/audit), opened at /audit/. */
@Configuration(proxyBeanMethods = false)
public class AuditPageConfiguration implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/audit", "/audit/");
    registry.addViewController("/audit/").setViewName("forward:/audit/index.html");
  }
}
