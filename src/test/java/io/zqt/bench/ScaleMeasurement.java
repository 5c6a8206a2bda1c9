package io.zqt.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zqt.postgres.PostgresTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scale figures of docs/scale.md on embedded PostgreSQL, outside the normal build:
 * {@code ./mvnw -B test -Dtest=ScaleMeasurement -Dzqt.scale=true} (steps with -Dzqt.scale.steps=100000,1000000,
 * open cases -Dzqt.scale.open=50000, requests per query -Dzqt.scale.samples=200). Writes target/scale-results.json.
 */
@EnabledIfSystemProperty(named = "zqt.scale", matches = "true")
class ScaleMeasurement extends PostgresTest {

  @Autowired ConfigurableApplicationContext app;

  @Test
  void taskListAndCaseSearchAtGrowingHistory() throws Exception {
    int open = Integer.getInteger("zqt.scale.open", 50_000);
    int samples = Integer.getInteger("zqt.scale.samples", 200);
    LinkedHashMap<String, Object> results = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    for (int historic : Arrays.stream(System.getProperty("zqt.scale.steps", "100000,1000000").split(","))
        .mapToInt(s -> Integer.parseInt(s.strip())).toArray()) {
      results.put(historic + " historic", ScaleBenchmark.run(app, historic, open, samples));
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/scale-results.json"), json.writeValueAsString(results));
      System.out.println(json.writeValueAsString(results.get(historic + " historic")));
    }
  }
}
