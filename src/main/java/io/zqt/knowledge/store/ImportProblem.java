package io.zqt.knowledge.store;

/**
 * One problem of an import file.
 *
 * @param row the row in the file as a spreadsheet numbers it: 1 is the header, 2 the first entry; 0 for the whole file
 * @param column the column header as written in the file (empty when the problem is not about one column)
 * @param message the problem in Chinese, for the people who fix the file
 * @param messageEn the problem in English
 */
public record ImportProblem(int row, String column, String message, String messageEn) {}
