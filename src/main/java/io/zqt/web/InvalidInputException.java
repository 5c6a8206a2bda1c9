package io.zqt.web;

import java.util.List;
import java.util.stream.Collectors;

/** Input that fails validation; answered with HTTP 400 and an RFC 9457 problem body naming each field. */
public class InvalidInputException extends RuntimeException {

  private final transient List<FieldProblem> problems;

  public InvalidInputException(List<FieldProblem> problems) {
    super("Invalid input: " + problems.stream().map(p -> p.field() + " (" + p.messageEn() + ")")
        .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
