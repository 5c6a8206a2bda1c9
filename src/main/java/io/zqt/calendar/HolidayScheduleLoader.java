package io.zqt.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the yearly holiday files {@code data/calendar/<year>.yaml} (format: see {@code data/calendar/2025.yaml}).
 * Any fault in a file is an {@link IllegalStateException} whose message names the file.
 */
public final class HolidayScheduleLoader {

  public static final String FOLDER = "data/calendar/";
  public static final String LOCATION_PATTERN = "classpath*:" + FOLDER + "*.yaml";

  private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})\\.yaml");
  private static final Set<String> FILE_KEYS = Set.of("year", "holidays", "makeUpWorkingDays");
  private static final Set<String> HOLIDAY_KEYS = Set.of("name", "from", "to");

  private HolidayScheduleLoader() {}

  /** Every {@code data/calendar/*.yaml} the resolver finds on the classpath. */
  public static List<HolidaySchedule> loadAll(ResourcePatternResolver resolver) {
    Resource[] resources;
    try {
      resources = resolver.getResources(LOCATION_PATTERN);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + LOCATION_PATTERN, e);
    }
    List<HolidaySchedule> schedules = new ArrayList<>();
    for (Resource resource : resources) {
      String file = FOLDER + resource.getFilename();
      try (InputStream in = resource.getInputStream()) {
        schedules.add(parse(file, in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read working-day calendar file " + file, e);
      }
    }
    return schedules;
  }

  /**
   * Parses one file.
   *
   * @param file the file's name, ending in {@code <year>.yaml}
   */
  public static HolidaySchedule parse(String file, InputStream in) {
    try {
      Matcher name = FILE_NAME.matcher(file.substring(file.lastIndexOf('/') + 1));
      if (!name.matches()) {
        throw new IllegalArgumentException("the file name must be <year>.yaml");
      }
      int fileYear = Integer.parseInt(name.group(1));
      Object root;
      try {
        root = newYaml().load(in);
      } catch (YAMLException e) {
        throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
      }
      if (root == null) {
        throw new IllegalArgumentException("the file is empty");
      }
      Map<?, ?> content = map(root, "the file", FILE_KEYS);
      if (!Integer.valueOf(fileYear).equals(content.get("year"))) {
        throw new IllegalArgumentException("year: " + content.get("year") + " does not match the file name");
      }
      List<Holiday> holidays = new ArrayList<>();
      for (Object entry : list(content.get("holidays"), "holidays")) {
        Map<?, ?> holiday = map(entry, "a holiday", HOLIDAY_KEYS);
        if (!(holiday.get("name") instanceof String holidayName)) {
          throw new IllegalArgumentException("holiday " + holiday + " has no name");
        }
        LocalDate from = date(holiday.get("from"), holidayName + " from");
        LocalDate to = holiday.containsKey("to") ? date(holiday.get("to"), holidayName + " to") : from;
        holidays.add(new Holiday(holidayName, from, to));
      }
      Set<LocalDate> makeUpWorkingDays = new LinkedHashSet<>();
      for (Object day : list(content.get("makeUpWorkingDays"), "makeUpWorkingDays")) {
        if (!makeUpWorkingDays.add(date(day, "makeUpWorkingDays"))) {
          throw new IllegalArgumentException("make-up working day " + day + " is listed twice");
        }
      }
      return new HolidaySchedule(fileYear, file, holidays, makeUpWorkingDays);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Invalid working-day calendar file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Safe YAML without duplicate keys, and dates kept as text so that LocalDate parses them strictly. */
  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options) {
      {
        yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
      }
    });
  }

  private static Map<?, ?> map(Object value, String what, Set<String> allowedKeys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(what + " must be a mapping, found: " + value);
    }
    for (Object key : map.keySet()) {
      if (!allowedKeys.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "' in " + what + " (allowed: " + allowedKeys + ")");
      }
    }
    return map;
  }

  private static List<?> list(Object value, String key) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(key + " must be a list, found: " + value);
    }
    return list;
  }

  private static LocalDate date(Object value, String what) {
    try {
      return LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(what + ": '" + value + "' is not a date (yyyy-mm-dd)");
    }
  }
}
