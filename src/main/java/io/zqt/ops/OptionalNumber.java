package io.zqt.ops;

import java.math.BigDecimal;
import java.util.function.Predicate;

/** A numeric setting that may be left blank (then ZQT leaves the database's own default alone). */
final class OptionalNumber {

  private OptionalNumber() {}

  /**
   * {@code raw} as a number, or {@code null} when blank.
   *
   * @param property the setting's name, for the error
   * @param expected what is accepted, for the error ("a positive decimal number such as 1.1")
   * @throws IllegalStateException when it is neither blank nor an accepted number
   */
  static BigDecimal parse(String raw, String property, String expected, Predicate<BigDecimal> accepted) {
    String value = raw == null ? "" : raw.strip();
    if (value.isEmpty()) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(value);
      if (accepted.test(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalStateException(property + " must be " + expected + ", or blank; not '" + raw + "'");
  }
}
