package io.zqt.bench;

import io.zqt.ZqtApplication;
import io.zqt.bench.Workload.CasePlan;
import io.zqt.intake.CaseIntakeService;
import io.zqt.security.ZqtUser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the intake's latency comes from, and whether a change helps: one or more variants of ZQT, each on its own
 * fresh database, side by side in one JVM; all warmed up, then rounds of intake at a fixed rate, over HTTP and through
 * the Java API, the variants taking turns so that machine noise hits them alike. Each round reports p50 / p95 / p99
 * and the time the JVM spent in garbage collection. After the rounds, one more HTTP round of the last variant is
 * recorded by Java Flight Recorder into {@code -Dprofile.out} (default target/zqt-intake.jfr); it is not reported,
 * since starting a recording stalls the JVM for seconds.
 *
 * <pre>
 * ./mvnw -B -Pbench verify -Dbench.main=io.zqt.bench.IntakeProfile \
 *     [-Dprofile.database=postgresql|h2] [-Dprofile.rate=50] [-Dprofile.seconds=15] [-Dprofile.rounds=3] \
 *     [-Dprofile.variants='without=--zqt.engine.feel-cache=false|with=']
 * </pre>
 *
 * A variant is a name and the app's extra command-line arguments (space-separated); PostgreSQL runs with fsync on,
 * like the benchmark.
 */
public final class IntakeProfile {

  private IntakeProfile() {}

  record Variant(String name, List<String> args) {}

  public static void main(String[] args) throws Exception {
    String database = System.getProperty("profile.database", "postgresql");
    double rate = Double.parseDouble(System.getProperty("profile.rate", "50"));
    double seconds = Double.parseDouble(System.getProperty("profile.seconds", "15"));
    int rounds = Integer.getInteger("profile.rounds", 3);
    Path out = Path.of(System.getProperty("profile.out", "target/zqt-intake.jfr"));
    List<Variant> variants = variants(System.getProperty("profile.variants", ""));
    Path work = Files.createTempDirectory("zqt-intake");
    EmbeddedPostgres postgres = database.equals("h2") ? null
        : BenchMain.productionLikePostgres();
    Map<String, ConfigurableApplicationContext> apps = new LinkedHashMap<>();
    try {
      for (Variant v : variants) {
        String url;
        String user;
        if (postgres == null) {
          url = "jdbc:h2:file:" + work.resolve(v.name()) + ";DB_CLOSE_ON_EXIT=FALSE";
          user = "sa";
        } else {
          try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE intake_" + v.name());
          }
          url = postgres.getJdbcUrl("postgres", "intake_" + v.name());
          user = "postgres";
        }
        List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + user, "--spring.datasource.password=", "--logging.level.root=WARN",
            "--logging.level.io.zqt=WARN", "--spring.main.banner-mode=off"));
        appArgs.addAll(v.args());
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ZqtApplication.class).profiles("demo")
            .run(appArgs.toArray(String[]::new));
        Actors.ensureUnitUsers(app.getBean(IdentityService.class), Actors.unitCodes());
        apps.put(v.name(), app);
      }
      Workload workload = new Workload(20261126L);
      ZqtUser operator = new ZqtUser(Actors.OPERATOR, List.of("operator"));
      for (var e : apps.entrySet()) {
        ZqtHttpDriver http = http(e.getValue());
        CaseIntakeService intake = e.getValue().getBean(CaseIntakeService.class);
        for (CasePlan p : workload.next(400)) {
          http.open(p);
          intake.open(p.intake(), operator);
        }
      }
      int n = (int) Math.round(rate * seconds);
      String last = variants.get(variants.size() - 1).name();
      for (int round = 1; round <= rounds; round++) {
        for (var e : apps.entrySet()) {
          ZqtHttpDriver http = http(e.getValue());
          List<CasePlan> plans = workload.next(n);
          long gc = gcMillis();
          Map<String, Object> h = Measure.openLoop(rate, seconds, i -> http.open(plans.get(i)));
          h.put("gcMs", gcMillis() - gc);
          System.out.printf("round %d %-10s %s %.0f/s http %s%n", round, e.getKey(), database, rate, h);
        }
        for (var e : apps.entrySet()) {
          CaseIntakeService intake = e.getValue().getBean(CaseIntakeService.class);
          List<CasePlan> plans = workload.next(n);
          long gc = gcMillis();
          Map<String, Object> j = Measure.openLoop(rate, seconds, i -> intake.open(plans.get(i).intake(), operator));
          j.put("gcMs", gcMillis() - gc);
          System.out.printf("round %d %-10s %s %.0f/s java %s%n", round, e.getKey(), database, rate, j);
        }
      }
      ZqtHttpDriver http = http(apps.get(last));
      List<CasePlan> plans = workload.next(n);
      try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
        recording.start();
        Measure.openLoop(rate, seconds, i -> http.open(plans.get(i)));
        recording.stop();
        Files.createDirectories(out.toAbsolutePath().getParent());
        recording.dump(out);
      }
      System.out.println("recording of one more HTTP round of " + last + ": " + out);
    } finally {
      apps.values().forEach(ConfigurableApplicationContext::close);
      if (postgres != null) {
        postgres.close();
      }
    }
    System.exit(0);
  }

  private static ZqtHttpDriver http(ConfigurableApplicationContext app) {
    return new ZqtHttpDriver("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
  }

  /** {@code name=args|name=args}; none given: one variant, "zqt", with no extra arguments. */
  static List<Variant> variants(String spec) {
    List<Variant> out = new ArrayList<>();
    for (String part : spec.split("\\|")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = (eq < 0 ? part : part.substring(0, eq)).trim();
      String rest = eq < 0 ? "" : part.substring(eq + 1).trim();
      if (!name.matches("[a-z0-9_]+")) {
        throw new IllegalArgumentException("profile.variants: a name is lower-case letters, digits and _, not " + name);
      }
      out.add(new Variant(name, rest.isEmpty() ? List.of() : Arrays.asList(rest.split("\\s+"))));
    }
    return out.isEmpty() ? List.of(new Variant("zqt", List.of())) : out;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }
}
