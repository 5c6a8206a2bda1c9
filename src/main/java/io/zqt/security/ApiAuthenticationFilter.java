package io.zqt.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.zqt.web.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of the app's own API (/api/**) against Camunda's identity service: the same users,
 * passwords and groups as Tasklist and the engine REST API. Stateless: no session is created.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

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
    ZqtUser user = header == null ? null : authenticate(header);
    if (user == null) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"ZQT\", charset=\"UTF-8\"");
      ProblemDetail pd = Problems.of(HttpStatus.UNAUTHORIZED, Problems.NOT_AUTHENTICATED, "需要登录 / Not authenticated",
          "Send HTTP Basic credentials of a ZQT user");
      Problems.write(request, response, objectMapper, pd);
      return;
    }
    request.setAttribute(CurrentUser.ATTRIBUTE, user);
    chain.doFilter(request, response);
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
