package io.zqt.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The codes of {@code data/reference/codes.yaml} (request types, channels, urgencies, topics) and the districts of
 * the {@link UnitCatalog}: what clients may send and what the DMN tables test, with their names.
 *
 * <p>Read once at start-up; the application does not start when the file is malformed, repeats a code, or names
 * a topic's responsible unit that is neither a unit code nor {@value #DISTRICT_OF_CASE}.
 */
@Component
public class ReferenceCatalog {

  /** Where the codes are read from. */
  public static final String LOCATION = "classpath:data/reference/codes.yaml";

  /** A topic's {@code responsibleUnit} that means "the government of the case's district". */
  public static final String DISTRICT_OF_CASE = "DISTRICT";

  /** The kinds of code this catalog knows. */
  public enum Kind {
    /** 诉求类型. */
    TYPE,
    /** 受理渠道. */
    CHANNEL,
    /** 紧急程度. */
    URGENCY,
    /** 诉求事项 (topic of the responsibility list). */
    TOPIC,
    /** 区市 (district, county-level city or zone). */
    DISTRICT,
    /** 承办单位. */
    UNIT
  }

  /** A code with its names. */
  public record Code(String code, String nameZh, String nameEn) {}

  /**
   * A topic and the unit that the responsibility list names for it.
   *
   * @param responsibleUnit a unit code, or {@value ReferenceCatalog#DISTRICT_OF_CASE} for the case's district
   */
  public record Topic(String code, String nameZh, String nameEn, String responsibleUnit) {

    /** Whether the case's district is responsible rather than a city department. */
    public boolean belongsToDistrict() {
      return DISTRICT_OF_CASE.equals(responsibleUnit);
    }
  }

  private final UnitCatalog units;
  private final Map<String, Code> types;
  private final Map<String, Code> channels;
  private final Map<String, Code> urgencies;
  private final Map<String, Topic> topics;
  private final List<Code> typeList;
  private final List<Code> channelList;
  private final List<Code> urgencyList;
  private final List<Topic> topicList;

  @Autowired
  public ReferenceCatalog(ResourceLoader resourceLoader, UnitCatalog units) {
    this(resourceLoader.getResource(LOCATION), units);
  }

  ReferenceCatalog(Resource resource, UnitCatalog units) {
    this.units = Objects.requireNonNull(units, "units");
    YamlFile file = YamlFile.load(resource);
    this.types = codes(file, "types");
    this.channels = codes(file, "channels");
    this.urgencies = codes(file, "urgencies");
    Map<String, Topic> topics = new LinkedHashMap<>();
    for (Row row : rows(file, "topics")) {
      Code code = row.code();
      String responsible = file.text(row.entry(), "responsibleUnit", "topics " + code.code());
      if (!DISTRICT_OF_CASE.equals(responsible) && !units.contains(responsible)) {
        throw file.error("topics %s: responsibleUnit %s is neither a unit code of %s nor %s", code.code(),
            responsible, UnitCatalog.LOCATION, DISTRICT_OF_CASE);
      }
      topics.put(code.code(), new Topic(code.code(), code.nameZh(), code.nameEn(), responsible));
    }
    this.topics = topics;
    this.typeList = List.copyOf(types.values());
    this.channelList = List.copyOf(channels.values());
    this.urgencyList = List.copyOf(urgencies.values());
    this.topicList = List.copyOf(topics.values());
  }

  /** The request types (诉求类型), in the order of the data file. */
  public List<Code> types() {
    return typeList;
  }

  /** The channels a request comes in by (受理渠道). */
  public List<Code> channels() {
    return channelList;
  }

  /** The urgencies (紧急程度). */
  public List<Code> urgencies() {
    return urgencyList;
  }

  /** The topics of the responsibility list (诉求事项) with their responsible units. */
  public List<Topic> topics() {
    return topicList;
  }

  /** The districts, county-level cities and zones, as units (see {@link UnitCatalog#districts()}). */
  public List<Unit> districts() {
    return units.districts();
  }

  public Optional<Topic> topic(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(topics.get(code));
  }

  public boolean isType(String code) {
    return code != null && types.containsKey(code);
  }

  public boolean isTopic(String code) {
    return code != null && topics.containsKey(code);
  }

  public boolean isChannel(String code) {
    return code != null && channels.containsKey(code);
  }

  public boolean isUrgency(String code) {
    return code != null && urgencies.containsKey(code);
  }

  /** Whether the code names a district, county-level city or zone (a unit of kind DISTRICT or ZONE). */
  public boolean isDistrict(String code) {
    return units.isDistrict(code);
  }

  /** Whether the code is known for this kind. */
  public boolean contains(Kind kind, String code) {
    return find(kind, code).isPresent();
  }

  /**
   * The Chinese name of a code; for DISTRICT the area's name (芝罘区), for UNIT the unit's name.
   *
   * @throws IllegalArgumentException naming kind and code when the code is unknown
   */
  public String nameZh(Kind kind, String code) {
    return require(kind, code).nameZh();
  }

  /**
   * The English name of a code; for DISTRICT and UNIT the unit's English name.
   *
   * @throws IllegalArgumentException naming kind and code when the code is unknown
   */
  public String nameEn(Kind kind, String code) {
    return require(kind, code).nameEn();
  }

  /** A code of any kind with its names, if known (districts and units are given as their {@link Code}). */
  public Optional<Code> find(Kind kind, String code) {
    Objects.requireNonNull(kind, "kind");
    if (code == null) {
      return Optional.empty();
    }
    return switch (kind) {
      case TYPE -> Optional.ofNullable(types.get(code));
      case CHANNEL -> Optional.ofNullable(channels.get(code));
      case URGENCY -> Optional.ofNullable(urgencies.get(code));
      case TOPIC -> topic(code).map(topic -> new Code(topic.code(), topic.nameZh(), topic.nameEn()));
      case DISTRICT -> units.find(code).filter(Unit::isDistrict)
          .map(unit -> new Code(unit.code(), unit.districtZh(), unit.nameEn()));
      case UNIT -> units.find(code).map(unit -> new Code(unit.code(), unit.nameZh(), unit.nameEn()));
    };
  }

  private Code require(Kind kind, String code) {
    return find(kind, code).orElseThrow(() ->
        new IllegalArgumentException("Unknown " + kind.name().toLowerCase(Locale.ROOT) + " code: " + code));
  }

  /** An entry of a code list, read and checked, with its raw fields for kind-specific ones. */
  private record Row(Code code, Map<String, Object> entry) {}

  private static Map<String, Code> codes(YamlFile file, String key) {
    Map<String, Code> codes = new LinkedHashMap<>();
    rows(file, key).forEach(row -> codes.put(row.code().code(), row.code()));
    return codes;
  }

  private static List<Row> rows(YamlFile file, String key) {
    List<Map<String, Object>> entries = file.entries(key, true);
    if (entries.isEmpty()) {
      throw file.error("'%s' is empty", key);
    }
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = entries.get(i);
      String code = file.text(entry, "code", key + " #" + (i + 1));
      String where = key + " " + code;
      if (!UnitCatalog.CODE.matcher(code).matches()) {
        throw file.error("%s: a code is upper-case letters, digits and '_'", where);
      }
      Integer previous = positions.putIfAbsent(code, i + 1);
      if (previous != null) {
        throw file.error("duplicate code %s in '%s' (#%d and #%d)", code, key, previous, i + 1);
      }
      rows.add(new Row(new Code(code, file.text(entry, "nameZh", where), file.text(entry, "nameEn", where)), entry));
    }
    return rows;
  }
}
