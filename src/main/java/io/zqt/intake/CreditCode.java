package io.zqt.intake;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character alphabet
 * (digits and capital letters without I, O, Z, S, V); characters 3–8 are the administrative division code;
 * the 18th is a check character computed from the first 17 with weights 3^(i-1) mod 31.
 */
public final class CreditCode {

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  public enum Problem { LENGTH, CHARACTERS, DIVISION_CODE, CHECK_CHARACTER }

  private CreditCode() {}

  /** Returns the problem with the code, or null when it is valid. Expects the code already upper-cased. */
  public static Problem check(String code) {
    if (code.length() != 18) {
      return Problem.LENGTH;
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return Problem.CHARACTERS;
      }
    }
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(code.charAt(i))) {
        return Problem.DIVISION_CODE;
      }
    }
    return code.charAt(17) == checkCharacter(code.substring(0, 17)) ? null : Problem.CHECK_CHARACTER;
  }

  /** The check character for the first 17 characters of a code. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int c = 31 - sum % 31;
    return ALPHABET.charAt(c == 31 ? 0 : c);
  }
}
