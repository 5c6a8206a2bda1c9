package io.zqt.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the app's RFC 9457 problem bodies; {@code type} URIs are relative to the app. */
public final class Problems {

  public static final URI INVALID_INPUT = URI.create("/problems/invalid-input");
  public static final URI NOT_AUTHENTICATED = URI.create("/problems/not-authenticated");
  public static final URI FORBIDDEN = URI.create("/problems/forbidden");
  public static final URI NOT_FOUND = URI.create("/problems/not-found");
  public static final URI EXPRESSION_REFUSED = URI.create("/problems/expression-refused");

  private Problems() {}

  public static ProblemDetail invalidInput(List<FieldProblem> problems) {
    ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    pd.setType(INVALID_INPUT);
    pd.setTitle("输入有误 / Invalid input");
    pd.setDetail(problems.size() + " 个字段有误 / invalid field(s): "
        + String.join(", ", problems.stream().map(FieldProblem::field).toList()));
    pd.setProperty("errors", problems);
    return pd;
  }

  public static ProblemDetail of(HttpStatus status, URI type, String titleZhEn, String detail) {
    ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
    pd.setType(type);
    pd.setTitle(titleZhEn);
    return pd;
  }

  public static ResponseEntity<ProblemDetail> response(ProblemDetail pd) {
    return ResponseEntity.status(pd.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
  }

  /** Writes a problem from a servlet filter, where no controller advice applies. */
  public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
      ProblemDetail pd) throws IOException {
    pd.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(pd.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), pd);
  }
}
