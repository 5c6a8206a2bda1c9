package io.zqt.bench;

import io.zqt.ZqtApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A CPU profile of ZQT's own lifecycles, without the baselines: ZQT on a fresh H2 file database, warmed up, then a
 * Java Flight Recording (settings "profile") of {@code -Dprofile.lifecycles} lifecycles (default 400) on one thread.
 * Run with {@code ./mvnw -B -Pbench verify -Dbench.main=io.zqt.bench.ProfileMain}; read the recording with
 * {@code jfr print --events jdk.ExecutionSample} or JDK Mission Control. Output: {@code -Dprofile.out} (default
 * target/zqt-lifecycles.jfr). {@code -Dprofile.driver=http} drives the lifecycles over HTTP instead of the Java API.
 */
public final class ProfileMain {

  private ProfileMain() {}

  public static void main(String[] args) throws Exception {
    int lifecycles = Integer.getInteger("profile.lifecycles", 400);
    Path out = Path.of(System.getProperty("profile.out", "target/zqt-lifecycles.jfr"));
    Path work = Files.createTempDirectory("zqt-profile");
    ConfigurableApplicationContext app = new SpringApplicationBuilder(ZqtApplication.class)
        .profiles("demo")
        .run("--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:" + work.resolve("zqt") + ";DB_CLOSE_ON_EXIT=FALSE",
            "--spring.datasource.username=sa", "--spring.datasource.password=",
            "--logging.level.root=WARN", "--logging.level.io.zqt=WARN", "--spring.main.banner-mode=off");
    try {
      Actors.ensureUnitUsers(app.getBean(IdentityService.class), Actors.unitCodes());
      Workload workload = new Workload(20261126L);
      // -Dprofile.driver=http: the same lifecycles over HTTP (the app's REST API and the engine REST API)
      LifecycleDriver zqt = "http".equals(System.getProperty("profile.driver"))
          ? new ZqtHttpDriver("http://localhost:" + app.getEnvironment().getProperty("local.server.port"))
          : new ZqtJavaDriver(app);
      System.out.printf("warm-up: %.1f lifecycles/s%n", Measure.lifecyclesPerSecond(zqt, workload.next(200), 1));
      try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
        recording.start();
        double rate = Measure.lifecyclesPerSecond(zqt, workload.next(lifecycles), 1);
        recording.stop();
        Files.createDirectories(out.toAbsolutePath().getParent());
        recording.dump(out);
        System.out.printf("profiled %d lifecycles at %.1f/s into %s%n", lifecycles, rate, out);
      }
    } finally {
      app.close();
    }
    System.exit(0);
  }
}
