package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.ZqtApplication;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the demo profile the application starts only with an explicit administrator password. */
class AdminPasswordStartupTest {

  @Test
  void refusesToStartWithoutAPasswordOutsideTheDemoProfile() {
    assertThatThrownBy(() -> start("--zqt.admin.password=").close())
        .satisfies(e -> assertThat(messages(e)).contains(OrgSeeder.MISSING_ADMIN_PASSWORD));
  }

  @Test
  void refusesABlankPasswordToo() {
    assertThatThrownBy(() -> start("--zqt.admin.password=   ").close())
        .satisfies(e -> assertThat(messages(e)).contains(OrgSeeder.MISSING_ADMIN_PASSWORD));
  }

  @Test
  void startsWithAPasswordAndSeedsNoDemoUsers() {
    try (ConfigurableApplicationContext context =
        start("--zqt.admin.password=Tr1cky-Secret", "--zqt.admin.user-id=ops")) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.checkPassword("ops", "Tr1cky-Secret")).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("ops").count()).isOne();
      assertThat(identity.createUserQuery().userId("admin").count()).isZero();
      assertThat(identity.createUserQuery().userId("hrss1").count()).isZero();
      // besides the administrator only the policy specialists, without a usable password
      assertThat(identity.createUserQuery().count()
          - identity.createUserQuery().memberOfGroup("policy-specialist").count()).isOne();
      assertThat(identity.checkPassword("sp-hrss-02", "demo")).isFalse();
      assertThat(identity.createGroupQuery().groupId("unit-hrss").count()).isOne();
    }
  }

  private static ConfigurableApplicationContext start(String... args) {
    String[] common = {
        "--spring.profiles.active=org-startup-test", // not demo, whatever the environment says
        "--spring.datasource.url=jdbc:h2:mem:org-startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--camunda.bpm.job-execution.enabled=false",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--zqt.demo.enabled=false",
        "--server.port=0"
    };
    String[] all = new String[common.length + args.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(args, 0, all, common.length, args.length);
    return new SpringApplicationBuilder(ZqtApplication.class)
        .logStartupInfo(false)
        .run(all);
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
