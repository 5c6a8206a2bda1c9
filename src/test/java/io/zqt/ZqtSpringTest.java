package io.zqt;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context most tests share (so the engine boots once): the whole app on a random port, in-memory
 * H2, demo users, job executor off, process coverage recording on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@Import({ProcessEngineCoverageConfiguration.class, io.zqt.knowledge.TestSpecialists.class}) // K3: TestSpecialists until K1 lands
public @interface ZqtSpringTest {}
