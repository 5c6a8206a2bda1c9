package io.zqt.org;

import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reference}: the units, districts and codes that clients choose from, with Chinese and English
 * names. The data changes only with a release, so clients may cache it for five minutes.
 */
@RestController
@RequestMapping("/api/reference")
public class ReferenceController {

  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** The whole reference data set. */
  public record ReferenceData(
      List<UnitView> units,
      List<DistrictView> districts,
      List<CodeView> types,
      List<TopicView> topics,
      List<CodeView> channels,
      List<CodeView> urgencies) {}

  /** A handling unit and the Camunda group of its staff. */
  public record UnitView(String code, Unit.Kind kind, String nameZh, String nameEn, String groupId) {}

  /** A district, county-level city or zone: {@code nameZh} is the area (芝罘区), {@code nameEn} its government. */
  public record DistrictView(String code, String nameZh, String nameEn, String divisionCode) {}

  public record CodeView(String code, String nameZh, String nameEn) {}

  /** A topic; {@code responsibleUnit} is a unit code or DISTRICT (the case's district). */
  public record TopicView(String code, String nameZh, String nameEn, String responsibleUnit) {}

  private final ReferenceData data;

  public ReferenceController(UnitCatalog units, ReferenceCatalog reference) {
    this.data = new ReferenceData(
        units.all().stream()
            .map(unit -> new UnitView(unit.code(), unit.kind(), unit.nameZh(), unit.nameEn(), unit.groupId()))
            .toList(),
        reference.districts().stream()
            .map(unit -> new DistrictView(unit.code(), unit.districtZh(), unit.nameEn(), unit.divisionCode()))
            .toList(),
        codes(reference.types()),
        reference.topics().stream()
            .map(topic -> new TopicView(topic.code(), topic.nameZh(), topic.nameEn(), topic.responsibleUnit()))
            .toList(),
        codes(reference.channels()),
        codes(reference.urgencies()));
  }

  @GetMapping
  public ResponseEntity<ReferenceData> reference() {
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE)).body(data);
  }

  private static List<CodeView> codes(List<ReferenceCatalog.Code> codes) {
    return codes.stream().map(code -> new CodeView(code.code(), code.nameZh(), code.nameEn())).toList();
  }
}
