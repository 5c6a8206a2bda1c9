package io.zqt.org;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application with the demo profile on a random port and its own in-memory H2 database. Test classes
 * with this annotation share one Spring context (and one database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:org-${random.uuid};DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        // independent of a ZQT_ADMIN_PASSWORD that may be set where the tests run
        "zqt.admin.user-id=admin",
        "zqt.admin.password=demo"
    })
@ActiveProfiles("demo")
@interface DemoAppTest {}
