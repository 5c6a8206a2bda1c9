package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/reference} over real HTTP. */
@DemoAppTest
class ReferenceControllerTest {

  @Autowired TestRestTemplate rest;
  @Autowired UnitCatalog units;
  @Autowired ReferenceCatalog reference;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void servesEveryUnitDistrictAndCodeWithChineseNames() throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth("admin", "demo").getForEntity("/api/reference", String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType()).isNotNull()
        .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
    assertThat(response.getHeaders().getCacheControl()).contains("max-age=300");
    JsonNode body = json.readTree(response.getBody());

    JsonNode unitNodes = body.get("units");
    assertThat(unitNodes).hasSize(units.all().size());
    assertThat(codes(unitNodes)).containsExactlyElementsOf(units.all().stream().map(Unit::code).toList());
    JsonNode hrss = find(unitNodes, "HRSS");
    assertThat(hrss.get("kind").asText()).isEqualTo("CITY_DEPARTMENT");
    assertThat(hrss.get("nameZh").asText()).isEqualTo("烟台市人力资源和社会保障局");
    assertThat(hrss.get("nameEn").asText()).isEqualTo("Yantai Human Resources and Social Security Bureau");
    assertThat(hrss.get("groupId").asText()).isEqualTo("unit-hrss");
    assertThat(count(unitNodes, "CITY_DEPARTMENT")).isGreaterThanOrEqualTo(12);

    JsonNode districts = body.get("districts");
    assertThat(districts).hasSize(14);
    JsonNode zhifu = find(districts, "ZHIFU");
    assertThat(zhifu.get("nameZh").asText()).isEqualTo("芝罘区");
    assertThat(zhifu.get("divisionCode").asText()).isEqualTo("370602");
    assertThat(find(districts, "YEDA").get("nameZh").asText()).isEqualTo("烟台开发区");
    assertThat(find(districts, "YEDA").has("divisionCode")).isFalse();

    assertThat(codes(body.get("types")))
        .containsExactly("CONSULTATION", "HELP", "COMPLAINT", "SUGGESTION", "REPORT", "PRAISE");
    assertThat(find(body.get("types"), "COMPLAINT").get("nameZh").asText()).isEqualTo("投诉");
    assertThat(codes(body.get("topics"))).hasSize(reference.topics().size());
    assertThat(find(body.get("topics"), "SOCIAL_INSURANCE").get("responsibleUnit").asText()).isEqualTo("HRSS");
    assertThat(find(body.get("topics"), "ARREARS").get("responsibleUnit").asText()).isEqualTo("DISTRICT");
    assertThat(codes(body.get("channels"))).containsExactly("PHONE", "WEB", "APP", "ONSITE", "MEETING");
    assertThat(codes(body.get("urgencies"))).containsExactly("NORMAL", "URGENT");

    for (String list : List.of("units", "districts", "types", "topics", "channels", "urgencies")) {
      assertThat(body.get(list)).as(list).isNotEmpty().allSatisfy(node -> {
        assertThat(node.get("nameZh").asText()).as("%s %s", list, node.get("code")).containsPattern("\\p{IsHan}");
        assertThat(node.get("nameEn").asText()).as("%s %s", list, node.get("code")).isNotBlank();
      });
    }
  }

  private static List<String> codes(JsonNode array) {
    List<String> codes = new ArrayList<>();
    array.forEach(node -> codes.add(node.get("code").asText()));
    return codes;
  }

  private static JsonNode find(JsonNode array, String code) {
    for (JsonNode node : array) {
      if (node.get("code").asText().equals(code)) {
        return node;
      }
    }
    throw new AssertionError("no " + code + " in " + array);
  }

  private static long count(JsonNode units, String kind) {
    long count = 0;
    for (JsonNode node : units) {
      if (node.get("kind").asText().equals(kind)) {
        count++;
      }
    }
    return count;
  }
}
