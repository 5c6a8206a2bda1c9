package io.zqt.web;

/** One bad input field, explained to people in Chinese and to developers in English. */
public record FieldProblem(String field, String message, String messageEn) {}
