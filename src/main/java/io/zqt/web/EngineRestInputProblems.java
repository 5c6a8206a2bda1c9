package io.zqt.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes the engine REST API ({@code /engine-rest}, and through {@link WebappEngineApiProblems} Tasklist's
 * {@code /camunda/api/engine}) answer a refused task submit with HTTP 400 and a problem body naming
 * each bad field, instead of Camunda's 500: the app's server-side checks throw {@link InvalidInputException}, which
 * the engine wraps (ENGINE-03051) and the task resource turns into a 500 {@link RestException}. Every other
 * exception keeps Camunda's own answer.
 */
@Component
public class EngineRestInputProblems implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(Mapper.class);
    config.register(DirectMapper.class);
  }

  /** A check that throws outside a listener (e.g. the start form's registration step) reaches Jersey unwrapped. */
  public static class DirectMapper implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException exception) {
      return problem(exception);
    }
  }

  /** Registered with a higher priority than Camunda's own mapper for the same exception type. */
  @Priority(1)
  public static class Mapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable t = exception; t != null; t = t.getCause()) {
        if (t instanceof InvalidInputException invalid) {
          return problem(invalid);
        }
      }
      return camunda.toResponse(exception);
    }
  }

  static Response problem(InvalidInputException invalid) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", Problems.INVALID_INPUT.toString());
    body.put("title", "输入有误 / Invalid input");
    body.put("status", 400);
    body.put("detail", invalid.getMessage());
    body.put("errors", invalid.problems());
    // Camunda's clients (Tasklist) show "message"
    body.put("message", String.join("；", invalid.problems().stream().map(FieldProblem::message).toList()));
    return Response.status(Response.Status.BAD_REQUEST).type("application/problem+json").entity(body).build();
  }
}
