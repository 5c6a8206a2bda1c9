package io.zqt.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns the app's exceptions into RFC 9457 problem bodies, for every controller under /api. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e, HttpServletRequest request) {
    return withInstance(Problems.invalidInput(e.problems()), request);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
    return withInstance(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "未找到 / Not found", e.getMessage()),
        request);
  }

  @ExceptionHandler({ForbiddenException.class, AuthorizationException.class})
  ResponseEntity<ProblemDetail> forbidden(RuntimeException e, HttpServletRequest request) {
    String detail = e instanceof ForbiddenException ? e.getMessage() : "The engine refused the action for this user";
    return withInstance(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "无权操作 / Forbidden", detail), request);
  }

  /** Malformed JSON, a wrong JSON type or an unknown property: name the field where Jackson knows it. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem problem;
    if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
      problem = new FieldProblem(unknown.getPropertyName(), "不支持的字段", "unknown field");
    } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      problem = new FieldProblem(field, "字段类型错误，应为文本", "wrong JSON type, expected a string");
    } else {
      problem = new FieldProblem("body", "请求体不是有效的 JSON", "the request body is not valid JSON");
    }
    ProblemDetail pd = Problems.invalidInput(List.of(problem));
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body((Object) pd);
  }

  private static ResponseEntity<ProblemDetail> withInstance(ProblemDetail pd, HttpServletRequest request) {
    pd.setInstance(URI.create(request.getRequestURI()));
    return Problems.response(pd);
  }
}
