package io.zqt.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The user that {@link ApiAuthenticationFilter} authenticated for the current /api request. */
public final class CurrentUser {

  static final String ATTRIBUTE = ZqtUser.class.getName();

  private CurrentUser() {}

  public static ZqtUser get() {
    RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
    if (attrs instanceof ServletRequestAttributes servlet) {
      return from(servlet.getRequest());
    }
    throw new IllegalStateException("No API request in progress");
  }

  public static ZqtUser from(HttpServletRequest request) {
    Object user = request.getAttribute(ATTRIBUTE);
    if (user instanceof ZqtUser zqtUser) {
      return zqtUser;
    }
    throw new IllegalStateException("Request was not authenticated by ApiAuthenticationFilter");
  }
}
