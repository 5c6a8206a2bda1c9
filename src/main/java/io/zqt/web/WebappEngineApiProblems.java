package io.zqt.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Tasklist does not call {@code /engine-rest}: it calls the webapps' own copy of the engine REST API,
 * {@code /camunda/api/engine/*}, a separate Jersey application that Camunda's webapp starter registers as the servlet
 * "Engine Api". This adds {@link EngineRestInputProblems}' mappers to that application too (Jersey's provider
 * class-names property on the servlet), so a task form that the server refuses answers 400 with the Chinese message
 * naming the field in Tasklist as well, not Camunda's 500 with an English stack message.
 *
 * <p>The servlet is registered by another {@link ServletContextInitializer} whose order is not defined relative to
 * this one, so the parameter is set from a context listener, which runs after every initializer and before any
 * servlet starts.
 */
@Component
public class WebappEngineApiProblems implements ServletContextInitializer {

  static final String SERVLET = "Engine Api";
  static final String PROVIDERS = "jersey.config.server.provider.classnames";
  private static final Logger log = LoggerFactory.getLogger(WebappEngineApiProblems.class);

  @Override
  public void onStartup(ServletContext servletContext) {
    servletContext.addListener(new ServletContextListener() {
      @Override
      public void contextInitialized(ServletContextEvent event) {
        // the listener's own context may not look up servlets (Servlet spec 4.4); the initializer's may
        ServletRegistration engineApi = servletContext.getServletRegistration(SERVLET);
        if (engineApi == null) {
          log.warn("Servlet '{}' of the Camunda webapps not found: Tasklist's refused submits stay HTTP 500",
              SERVLET);
          return;
        }
        engineApi.setInitParameter(PROVIDERS, String.join(",",
            EngineRestInputProblems.Mapper.class.getName(), EngineRestInputProblems.DirectMapper.class.getName()));
      }
    });
  }
}
