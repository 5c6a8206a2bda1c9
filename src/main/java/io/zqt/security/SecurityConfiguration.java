package io.zqt.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes every API by default: the engine REST API and the app's API need HTTP Basic credentials of a Camunda
 * user; expressions are refused in engine queries for everyone but administrators.
 * The webapps (Tasklist, Cockpit, Admin) keep Camunda's own session login and CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  static final int ENGINE_REST_AUTH_ORDER = 10;
  static final int EXPRESSION_GUARD_ORDER = 20;
  static final int API_AUTH_ORDER = 30;

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(ENGINE_REST_AUTH_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ExpressionGuardFilter> expressionGuard(IdentityService identityService,
      ObjectMapper objectMapper) {
    FilterRegistrationBean<ExpressionGuardFilter> registration =
        new FilterRegistrationBean<>(new ExpressionGuardFilter(identityService, objectMapper));
    registration.setName("expression-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(EXPRESSION_GUARD_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
      ObjectMapper objectMapper) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, objectMapper));
    registration.setName("api-authentication");
    registration.addUrlPatterns("/api/*");
    registration.setOrder(API_AUTH_ORDER);
    return registration;
  }
}
