package io.zqt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ZQT 政企通: the enterprise service line of a 12345 hotline, run as BPMN and DMN on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ZqtApplication {

  public static void main(String[] args) {
    SpringApplication.run(ZqtApplication.class, args);
  }
}
