package io.zqt.org;

import java.util.Locale;
import java.util.Objects;

/**
 * A handling unit (承办单位): a city department, or the government of a district, county-level city or zone.
 *
 * @param code the unit code of {@code data/org/units.yaml}, upper case (e.g. {@code HRSS}, {@code ZHIFU})
 * @param kind what kind of unit it is
 * @param nameZh the unit's Chinese name
 * @param nameEn the unit's English name
 * @param districtZh the Chinese name of the area a district or zone government serves (e.g. 芝罘区); {@code null}
 *     for city departments
 * @param divisionCode the GB/T 2260 administrative division code where one exists, else {@code null}
 */
public record Unit(String code, Kind kind, String nameZh, String nameEn, String districtZh, String divisionCode) {

  /** Prefix of the Camunda group of a unit: {@code unit-<code in lower case>}. */
  public static final String GROUP_PREFIX = "unit-";

  /** The kinds of handling unit. */
  public enum Kind {
    /** 市直部门. */
    CITY_DEPARTMENT,
    /** 区、县级市. */
    DISTRICT,
    /** 功能区、开发区. */
    ZONE
  }

  public Unit {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(nameZh, "nameZh");
    Objects.requireNonNull(nameEn, "nameEn");
  }

  /** The Camunda group whose members are the unit's staff, e.g. {@code unit-hrss}. */
  public String groupId() {
    return groupIdOf(code);
  }

  /**
   * Whether the unit is the government of an area that a case's {@code district} field can name (kind DISTRICT or
   * ZONE); its code is then also the district code.
   */
  public boolean isDistrict() {
    return kind == Kind.DISTRICT || kind == Kind.ZONE;
  }

  /** The group id of a unit code, e.g. {@code HRSS} gives {@code unit-hrss}. */
  public static String groupIdOf(String unitCode) {
    return GROUP_PREFIX + unitCode.toLowerCase(Locale.ROOT);
  }
}
