package io.zqt.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests to the engine REST API and the webapps' API that carry an expression ({@code ${} or {@code #{})
 * in the query string or body, unless the caller is an administrator. Camunda 7.24.0 CE receives no more security
 * patches; expressions in queries (e.g. stored filter queries) are evaluated by the engine, so ZQT closes that door
 * itself. The check is deliberately broad (any parameter, any body) because a false refusal costs a retyped
 * comment, while a missed expression can run code.
 */
public class ExpressionGuardFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(ExpressionGuardFilter.class);
  /** Bodies larger than this are not buffered; non-administrators may not send them to these APIs. */
  static final int MAX_SCANNED_BODY = 2 * 1024 * 1024;

  private final IdentityService identityService;
  private final ObjectMapper objectMapper;

  public ExpressionGuardFilter(IdentityService identityService, ObjectMapper objectMapper) {
    this.identityService = identityService;
    this.objectMapper = objectMapper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isAdmin(request)) {
      chain.doFilter(request, response);
      return;
    }
    String query = request.getQueryString();
    if (query != null && containsExpression(query)) {
      refuse(request, response, "query");
      return;
    }
    if (request.getContentLengthLong() == 0 || "GET".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_SCANNED_BODY + 1);
    if (body.length > MAX_SCANNED_BODY) {
      refuse(request, response, "body too large to inspect");
      return;
    }
    if (containsExpression(new String(body, StandardCharsets.UTF_8))) {
      refuse(request, response, "body");
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** True when the text, raw or URL-decoded (also twice, against double encoding), holds an expression opener. */
  static boolean containsExpression(String text) {
    String current = text;
    for (int round = 0; round < 3; round++) {
      if (opens(current)) {
        return true;
      }
      String decoded;
      try {
        decoded = URLDecoder.decode(current, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = current.replace("%24", "$").replace("%23", "#").replace("%7B", "{").replace("%7b", "{");
      }
      if (decoded.equals(current)) {
        break;
      }
      current = decoded;
    }
    // JSON bodies may spell the characters as unicode escapes
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.contains("\\u0024{") || lower.contains("\\u0023{") || lower.contains("$\\u007b")
        || lower.contains("#\\u007b") || lower.contains("\\u0024\\u007b") || lower.contains("\\u0023\\u007b");
  }

  private static boolean opens(String s) {
    return s.contains("${") || s.contains("#{");
  }

  private boolean isAdmin(HttpServletRequest request) {
    Authentication engineAuth = identityService.getCurrentAuthentication();
    if (engineAuth != null && engineAuth.getGroupIds() != null && engineAuth.getGroupIds().contains(Roles.ADMIN)) {
      return true;
    }
    HttpSession session = request.getSession(false);
    if (session != null) {
      Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
      if (auths != null) {
        for (UserAuthentication auth : auths.getAuthentications()) {
          List<String> groups = auth.getGroupIds();
          if (groups != null && groups.contains(Roles.ADMIN)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
    LOG.warn("Refused a request with an expression in its {}: {} {}", where, request.getMethod(), request.getRequestURI());
    ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, Problems.EXPRESSION_REFUSED,
        "不允许使用表达式 / Expression refused",
        "Expressions (${...} or #{...}) are not accepted in requests to this API (" + where + ")");
    Problems.write(request, response, objectMapper, pd);
  }

  /** Replays a body that was read for inspection. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous only");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String enc = getCharacterEncoding() != null ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
      return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(enc)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
