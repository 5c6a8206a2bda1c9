package io.zqt.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The handling units of {@code data/org/units.yaml}, read once at start-up.
 *
 * <p>The application does not start when the file is malformed, names a unit code twice or uses an unknown kind:
 * the exception names the file. Lookups are by exact code ({@code HRSS}) or group id ({@code unit-hrss}).
 */
@Component
public class UnitCatalog {

  /** Where the units are read from. */
  public static final String LOCATION = "classpath:data/org/units.yaml";

  /** A unit code: upper-case letters, digits and underscores, starting with a letter. */
  static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

  private static final Pattern DIVISION_CODE = Pattern.compile("\\d{6}");

  private final List<Unit> units;
  private final Map<String, Unit> byCode;
  private final Map<String, Unit> byGroupId;
  private final List<Unit> districts;

  @Autowired
  public UnitCatalog(ResourceLoader resourceLoader) {
    this(resourceLoader.getResource(LOCATION));
  }

  UnitCatalog(Resource resource) {
    this(read(YamlFile.load(resource)));
  }

  private UnitCatalog(List<Unit> units) {
    this.units = List.copyOf(units);
    Map<String, Unit> codes = new LinkedHashMap<>();
    Map<String, Unit> groups = new HashMap<>();
    for (Unit unit : units) {
      codes.put(unit.code(), unit);
      groups.put(unit.groupId(), unit);
    }
    this.byCode = Map.copyOf(codes);
    this.byGroupId = Map.copyOf(groups);
    this.districts = units.stream().filter(Unit::isDistrict).toList();
  }

  /** Every unit, in the order of the data file. */
  public List<Unit> all() {
    return units;
  }

  /** The unit with this code, if any (codes are upper case, e.g. {@code HRSS}). */
  public Optional<Unit> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  /**
   * The unit with this code.
   *
   * @throws IllegalArgumentException naming the code when there is no such unit
   */
  public Unit require(String code) {
    return find(code).orElseThrow(() -> new IllegalArgumentException("Unknown unit code: " + code));
  }

  /** Whether a unit with this code exists. */
  public boolean contains(String code) {
    return find(code).isPresent();
  }

  /** The districts, county-level cities and zones (kind DISTRICT or ZONE): the values of a case's district. */
  public List<Unit> districts() {
    return districts;
  }

  /** Whether the code names a district, county-level city or zone. */
  public boolean isDistrict(String code) {
    return find(code).map(Unit::isDistrict).orElse(false);
  }

  /** The unit whose staff group this is ({@code unit-hrss} gives HRSS); empty for any other group. */
  public Optional<Unit> unitOfGroup(String groupId) {
    return groupId == null ? Optional.empty() : Optional.ofNullable(byGroupId.get(groupId));
  }

  /**
   * The codes of the units a user belongs to, given the user's group ids (other groups are ignored), in the order
   * of the data file, without duplicates.
   */
  public List<String> unitCodesOfUser(Collection<String> groupIds) {
    if (groupIds == null || groupIds.isEmpty()) {
      return List.of();
    }
    return units.stream().filter(unit -> groupIds.contains(unit.groupId())).map(Unit::code).toList();
  }

  private static List<Unit> read(YamlFile file) {
    List<Map<String, Object>> entries = file.entries("units", true);
    if (entries.isEmpty()) {
      throw file.error("no units");
    }
    List<Unit> units = new ArrayList<>();
    Map<String, Integer> seenCodes = new HashMap<>();
    Map<String, String> seenDistrictNames = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = entries.get(i);
      String where = "unit #" + (i + 1);
      String code = file.text(entry, "code", where);
      where = "unit " + code;
      if (!CODE.matcher(code).matches()) {
        throw file.error("%s: a unit code is upper-case letters, digits and '_'", where);
      }
      if (ReferenceCatalog.DISTRICT_OF_CASE.equals(code)) {
        throw file.error("%s: the code %s is reserved (topics use it for \"the case's district\")", where, code);
      }
      Integer previous = seenCodes.putIfAbsent(code, i + 1);
      if (previous != null) {
        throw file.error("duplicate unit code %s (units #%d and #%d)", code, previous, i + 1);
      }
      String kindName = file.text(entry, "kind", where);
      Unit.Kind kind;
      try {
        kind = Unit.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw file.error("%s: unknown kind '%s' (expected one of %s)", where, kindName, List.of(Unit.Kind.values()));
      }
      String districtZh = file.optionalText(entry, "districtZh", where);
      String divisionCode = file.optionalText(entry, "divisionCode", where);
      Unit unit = new Unit(code, kind, file.text(entry, "nameZh", where), file.text(entry, "nameEn", where),
          districtZh, divisionCode);
      if (unit.isDistrict()) {
        if (districtZh == null) {
          throw file.error("%s: a %s needs 'districtZh'", where, kind);
        }
        String other = seenDistrictNames.putIfAbsent(districtZh, code);
        if (other != null) {
          throw file.error("%s: districtZh %s is already used by %s", where, districtZh, other);
        }
      }
      if (divisionCode != null && !DIVISION_CODE.matcher(divisionCode).matches()) {
        throw file.error("%s: divisionCode must be 6 digits, found %s", where, divisionCode);
      }
      units.add(unit);
    }
    return units;
  }
}
