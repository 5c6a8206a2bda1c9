package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.DefaultResourceLoader;

class UnitCatalogTest {

  private final UnitCatalog catalog = new UnitCatalog(new DefaultResourceLoader());

  @Test
  void loadsEveryUnitOfTheDataFile() {
    List<Unit> units = catalog.all();
    assertThat(units.stream().filter(u -> u.kind() == Unit.Kind.CITY_DEPARTMENT)).hasSizeGreaterThanOrEqualTo(12);
    assertThat(units.stream().filter(u -> u.kind() == Unit.Kind.DISTRICT)).hasSize(11);
    assertThat(units.stream().filter(u -> u.kind() == Unit.Kind.ZONE)).hasSize(3);
    assertThat(units).allSatisfy(unit -> {
      assertThat(unit.nameZh()).containsPattern("\\p{IsHan}");
      assertThat(unit.nameEn()).isNotBlank();
    });
  }

  @Test
  void codesAndGroupIdsAreUnique() {
    Set<String> codes = new HashSet<>();
    Set<String> groups = new HashSet<>();
    for (Unit unit : catalog.all()) {
      assertThat(codes.add(unit.code())).as("code %s", unit.code()).isTrue();
      assertThat(groups.add(unit.groupId())).as("group %s", unit.groupId()).isTrue();
    }
  }

  @Test
  void districtsAreTheDistrictsCountyLevelCitiesAndZones() {
    assertThat(catalog.districts()).hasSize(14).allSatisfy(district -> {
      assertThat(district.isDistrict()).isTrue();
      assertThat(district.districtZh()).containsPattern("\\p{IsHan}");
    });
    assertThat(catalog.districts()).filteredOn(u -> u.kind() == Unit.Kind.DISTRICT)
        .allSatisfy(district -> assertThat(district.divisionCode()).matches("3706\\d\\d"));
    assertThat(catalog.isDistrict("ZHIFU")).isTrue();
    assertThat(catalog.isDistrict("YEDA")).isTrue();
    assertThat(catalog.isDistrict("HRSS")).isFalse();
    assertThat(catalog.isDistrict("NOPE")).isFalse();
  }

  @Test
  void findsUnitsByCodeAndGroup() {
    Unit hrss = catalog.require("HRSS");
    assertThat(hrss.nameZh()).isEqualTo("烟台市人力资源和社会保障局");
    assertThat(hrss.groupId()).isEqualTo("unit-hrss");
    assertThat(hrss.districtZh()).isNull();
    assertThat(catalog.find("hrss")).isEmpty();
    assertThat(catalog.find(null)).isEmpty();
    assertThat(catalog.unitOfGroup("unit-zhifu")).map(Unit::code).contains("ZHIFU");
    assertThat(catalog.unitOfGroup("operator")).isEmpty();
    assertThatThrownBy(() -> catalog.require("NOPE"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOPE");
  }

  @Test
  void unitCodesOfUserKeepOnlyUnitGroups() {
    assertThat(catalog.unitCodesOfUser(List.of("operator", "unit-zhifu", "unit-hrss", "unit-hrss", "unit-nope")))
        .containsExactly("HRSS", "ZHIFU");
    assertThat(catalog.unitCodesOfUser(List.of())).isEmpty();
    assertThat(catalog.unitCodesOfUser(null)).isEmpty();
  }

  @Test
  void failsFastOnADuplicateCode() {
    assertThatThrownBy(() -> load("dup-units.yaml", """
        units:
          - { code: HRSS, kind: CITY_DEPARTMENT, nameZh: 甲, nameEn: A }
          - { code: HRSS, kind: CITY_DEPARTMENT, nameZh: 乙, nameEn: B }
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dup-units.yaml").hasMessageContaining("duplicate unit code HRSS");
  }

  @Test
  void failsFastOnAnUnknownKind() {
    assertThatThrownBy(() -> load("kind-units.yaml", """
        units:
          - { code: HRSS, kind: BUREAU, nameZh: 甲, nameEn: A }
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("kind-units.yaml").hasMessageContaining("unknown kind 'BUREAU'");
  }

  @Test
  void failsFastOnMalformedYaml() {
    assertThatThrownBy(() -> load("broken-units.yaml", "units:\n  - { code: HRSS, kind: [\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broken-units.yaml").hasMessageContaining("malformed YAML");
  }

  @Test
  void failsFastOnMissingFieldsAndBooleanLookalikes() {
    assertThatThrownBy(() -> load("name-units.yaml", "units:\n  - { code: HRSS, kind: CITY_DEPARTMENT, nameEn: A }\n"))
        .hasMessageContaining("name-units.yaml").hasMessageContaining("missing 'nameZh'");
    assertThatThrownBy(() -> load("bool-units.yaml", "units:\n  - { code: NO, kind: ZONE, nameZh: 甲, nameEn: A }\n"))
        .hasMessageContaining("bool-units.yaml").hasMessageContaining("quote");
    assertThatThrownBy(() -> load("district-units.yaml",
        "units:\n  - { code: DISTRICT, kind: CITY_DEPARTMENT, nameZh: 甲, nameEn: A }\n"))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> load("zone-units.yaml", "units:\n  - { code: ZZ, kind: ZONE, nameZh: 甲, nameEn: A }\n"))
        .hasMessageContaining("needs 'districtZh'");
  }

  static UnitCatalog load(String fileName, String yaml) {
    return new UnitCatalog(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), fileName));
  }
}
