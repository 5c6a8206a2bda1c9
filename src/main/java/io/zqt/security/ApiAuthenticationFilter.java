package io.zqt.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import io.zqt.web.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of the app's own API (/api/**) against Camunda's identity service: the same users,
 * passwords and groups as Tasklist and the engine REST API. Stateless: no session is created.
 *
 * <p>For reading (GET and HEAD only) a Camunda webapp session is accepted too, so that pages such as the audit page
 * work for a user logged in to Cockpit or Tasklist without a second login. Safe methods change nothing, so the
 * session cookie cannot be abused across sites (no CSRF). A write needs HTTP Basic credentials, or the webapp session
 * together with its CSRF token in the {@code X-XSRF-TOKEN} header, as Camunda's own webapp API demands (a page of
 * another site can send the cookie but cannot read the token): Tasklist scripts such as the duty roster's 上岗/离岗
 * button write this way.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  /** The process engine whose webapp login counts. */
  static final String WEBAPP_ENGINE = "default";
  /** Where Camunda's CsrfPreventionFilter keeps a session's token, and the header the webapps send it in. */
  static final String CSRF_TOKEN_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  static final String CSRF_TOKEN_HEADER = "X-XSRF-TOKEN";

  private final IdentityService identityService;
  private final ObjectMapper objectMapper;

  public ApiAuthenticationFilter(IdentityService identityService, ObjectMapper objectMapper) {
    this.identityService = identityService;
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    ZqtUser user = header == null ? fromWebappSession(request) : authenticate(header);
    if (user == null) {
      // scripts of the app's pages ask not to be challenged (the browser would pop up its own login box)
      if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"ZQT\", charset=\"UTF-8\"");
      }
      ProblemDetail pd = Problems.of(HttpStatus.UNAUTHORIZED, Problems.NOT_AUTHENTICATED, "需要登录 / Not authenticated",
          "Send HTTP Basic credentials of a ZQT user");
      Problems.write(request, response, objectMapper, pd);
      return;
    }
    request.setAttribute(CurrentUser.ATTRIBUTE, user);
    chain.doFilter(request, response);
  }

  /**
   * The user logged in to the Camunda webapps for the default engine: for GET and HEAD requests, and for writes that
   * carry the session's CSRF token.
   */
  private static ZqtUser fromWebappSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !hasCsrfToken(request, session)) {
      return null;
    }
    Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
    if (auths == null) {
      return null;
    }
    Authentication auth = auths.getAuthenticationForProcessEngine(WEBAPP_ENGINE);
    if (auth instanceof UserAuthentication user && user.getIdentityId() != null) {
      List<String> groups = user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
      return new ZqtUser(user.getIdentityId(), groups);
    }
    return null;
  }

  private static boolean hasCsrfToken(HttpServletRequest request, HttpSession session) {
    Object expected = session.getAttribute(CSRF_TOKEN_SESSION_ATTRIBUTE);
    String sent = request.getHeader(CSRF_TOKEN_HEADER);
    return expected instanceof String token && !token.isEmpty() && sent != null
        && java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
            sent.getBytes(StandardCharsets.UTF_8));
  }

  private ZqtUser authenticate(String header) {
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    if (!identityService.checkPassword(userId, password)) {
      return null;
    }
    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    return new ZqtUser(userId, groups);
  }
}
