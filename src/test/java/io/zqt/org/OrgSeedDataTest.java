package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zqt.org.OrgSeedData.Grant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

class OrgSeedDataTest {

  private final UnitCatalog units = new UnitCatalog(new DefaultResourceLoader());

  @Test
  void readsGroupsGrantsAndDemoUsers() {
    OrgSeedData data = OrgSeedData.load(new DefaultResourceLoader(), units);
    assertThat(data.groups()).hasSize(8 + units.all().size());
    assertThat(data.groups()).filteredOn(g -> g.id().equals("unit-hrss")).singleElement()
        .satisfies(g -> assertThat(g.name()).isEqualTo("烟台市人力资源和社会保障局"));
    assertThat(data.grants()).contains(new Grant("operator", Resources.PROCESS_DEFINITION, "enterprise-case",
        List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
    assertThat(data.grants()).contains(new Grant("unit-yhtz", Resources.APPLICATION, "tasklist",
        List.of(Permissions.ACCESS)));
    assertThat(data.grants()).noneMatch(g -> g.groupId().equals("camunda-admin"));
    assertThat(data.demoUsers()).hasSize(12);
    assertThat(data.demoPassword()).isEqualTo("demo");
  }

  @Test
  void refusesUnknownAndInapplicablePermissions() {
    assertThatThrownBy(() -> withAuthorizations(STAFF + """
          unit-*: { PROCESS_DEFINITION: { "*": [READ, FLY] } }
        """)).hasMessageContaining("authorizations.yaml").hasMessageContaining("FLY is not a permission");
    assertThatThrownBy(() -> withAuthorizations(STAFF + """
          unit-*: { APPLICATION: { tasklist: [ALL] } }
        """)).hasMessageContaining("ALL is not allowed");
    assertThatThrownBy(() -> withAuthorizations(STAFF + """
          unit-*: { APPLICATION: { tasklist: [READ_HISTORY] } }
        """)).hasMessageContaining("READ_HISTORY");
    assertThatThrownBy(() -> withAuthorizations(STAFF + """
          unit-*: { ROCKET: { "*": [READ] } }
        """)).hasMessageContaining("unknown resource ROCKET");
    assertThatThrownBy(() -> withAuthorizations(STAFF + """
          unit-*: { FILTER: { "*": [READ] } }
          camunda-admin: { FILTER: { "*": [READ] } }
        """)).hasMessageContaining("camunda-admin");
  }

  @Test
  void acceptsAMinimalFile() {
    OrgSeedData data = withAuthorizations(STAFF + """
          unit-*: { FILTER: { "*": [READ] } }
          unit-hrss: { FILTER: { "*": [READ] }, APPLICATION: { tasklist: [ACCESS] } }
        """);
    assertThat(data.grants()).filteredOn(g -> g.groupId().equals("unit-hrss")).hasSize(2);
    assertThat(data.grants()).filteredOn(g -> g.groupId().equals("unit-tax")).hasSize(1);
  }

  @Test
  void refusesAFileThatForgetsAGroup() {
    assertThatThrownBy(() -> withAuthorizations("""
        groups:
          unit-*: { APPLICATION: { tasklist: [ACCESS] } }
        """)).hasMessageContaining("no authorizations for").hasMessageContaining("operator");
  }

  private static final String STAFF = """
      groups:
        operator: { FILTER: { "*": [READ] } }
        case-review-group: { FILTER: { "*": [READ] } }
        line-working-group: { FILTER: { "*": [READ] } }
        qc-specialist: { FILTER: { "*": [READ] } }
        auditor: { FILTER: { "*": [READ] } }
        process-owner: { FILTER: { "*": [READ] } }
        policy-specialist: { FILTER: { "*": [READ] } }
      """;

  /** The real data files, except authorizations.yaml. */
  private OrgSeedData withAuthorizations(String yaml) {
    Map<String, Resource> overrides = Map.of(OrgSeedData.AUTHORIZATIONS,
        new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "authorizations.yaml"));
    ResourceLoader loader = new DefaultResourceLoader() {
      @Override
      public Resource getResource(String location) {
        return overrides.getOrDefault(location, super.getResource(location));
      }
    };
    return OrgSeedData.load(loader, units);
  }
}
