package io.zqt.knowledge.specialist;

import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.knowledge.Specialist;
import io.zqt.knowledge.SpecialistDirectory;
import io.zqt.org.UnitCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The policy specialists of {@code data/knowledge/specialists/*.csv} (header 用户名,姓名,单位,电话,负责条目,在岗), read and
 * checked once at start-up: a bad file stops the application with the file, row and problem. Who they are and what
 * they answer for comes from the file; whether they are on duty comes from the {@link DutyRoster} (the database) on
 * every call, the file's 在岗 being only the initial state (and the state of a specialist the roster has no row for
 * yet).
 *
 * <p>{@link #forEntry}: the first on-duty specialist of the entry in file order, else the first on-duty specialist
 * of the entry's responsible unit (the unit of the stored entry; for an entry not in the store, the unit of its
 * specialists). One indexed query each (by user ids, by unit); the specialists by entry and by unit are held in
 * memory (3,500 specialists are a few hundred kilobytes).
 */
@Component
public class SpecialistCatalog implements SpecialistDirectory {

  public static final String LOCATION = "classpath*:data/knowledge/specialists/*.csv";
  static final List<String> HEADER = List.of("用户名", "姓名", "单位", "电话", "负责条目", "在岗");
  /** Within Camunda's user id pattern of application.yaml. */
  private static final Pattern USER_ID = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
  private static final Pattern PHONE = Pattern.compile("[0-9][0-9-]{5,19}");

  private final List<Specialist> all;
  private final Map<String, Specialist> byId;
  private final Map<String, List<Specialist>> byEntry;
  private final Map<String, List<Specialist>> byUnit;
  private final KnowledgeEntries entries;
  private final DutyRoster roster;

  @Autowired
  public SpecialistCatalog(UnitCatalog units, KnowledgeEntries entries, DutyRoster roster) {
    this(units, entries, roster, resources());
  }

  SpecialistCatalog(UnitCatalog units, KnowledgeEntries entries, DutyRoster roster, List<Resource> files) {
    this.entries = entries;
    this.roster = roster;
    List<Specialist> specialists = new ArrayList<>();
    Map<String, Specialist> ids = new LinkedHashMap<>();
    for (Resource file : files) {
      for (Specialist s : read(file, units)) {
        if (ids.putIfAbsent(s.userId(), s) != null) {
          throw new IllegalStateException(file.getFilename() + ": specialist " + s.userId() + " is listed twice");
        }
        specialists.add(s);
      }
    }
    Map<String, List<Specialist>> entryIndex = new HashMap<>();
    specialists.forEach(s -> s.entryKeys().forEach(key ->
        entryIndex.computeIfAbsent(key, k -> new ArrayList<>()).add(s)));
    Map<String, List<Specialist>> unitIndex = new HashMap<>();
    specialists.forEach(s -> unitIndex.computeIfAbsent(s.unit(), k -> new ArrayList<>()).add(s));
    this.all = List.copyOf(specialists);
    this.byId = Map.copyOf(ids);
    this.byEntry = entryIndex;
    this.byUnit = unitIndex;
  }

  @Override
  public Optional<Specialist> forEntry(String entryKey) {
    List<Specialist> own = byEntry.getOrDefault(entryKey, List.of());
    if (!own.isEmpty()) {
      Map<String, DutyRoster.DutyState> states = roster.states(own.stream().map(Specialist::userId).toList());
      Optional<Specialist> onDuty = own.stream().map(s -> current(s, states)).filter(Specialist::onDuty).findFirst();
      if (onDuty.isPresent()) {
        return onDuty;
      }
    }
    Optional<String> unit = entries.find(entryKey).map(KnowledgeEntry::responsibleUnit)
        .or(() -> own.stream().map(Specialist::unit).findFirst());
    return unit.flatMap(code -> {
      List<Specialist> colleagues = byUnit.getOrDefault(code, List.of());
      if (colleagues.isEmpty()) {
        return Optional.empty();
      }
      Map<String, DutyRoster.DutyState> states = roster.statesOfUnit(code);
      return colleagues.stream().map(s -> current(s, states)).filter(Specialist::onDuty).findFirst();
    });
  }

  @Override
  public Optional<Specialist> find(String userId) {
    Specialist s = userId == null ? null : byId.get(userId);
    return s == null ? Optional.empty() : Optional.of(current(s, roster.states(List.of(s.userId()))));
  }

  /** Every specialist in file order, with the current state. */
  @Override
  public List<Specialist> all() {
    Map<String, DutyRoster.DutyState> states = roster.allStates();
    return all.stream().map(s -> current(s, states)).toList();
  }

  /** The specialists as the file has them (the 在岗 column being the initial state), in file order. */
  public List<Specialist> fromFile() {
    return all;
  }

  /** The specialist as the file has them, or empty. */
  public Optional<Specialist> fromFile(String userId) {
    return Optional.ofNullable(userId == null ? null : byId.get(userId));
  }

  /** The specialists of a unit as the file has them, in file order. */
  public List<Specialist> fromFileOfUnit(String unit) {
    return byUnit.getOrDefault(unit, List.of());
  }

  /** The specialists answering for an entry as the file has them, in file order. */
  public List<Specialist> fromFileOfEntry(String entryKey) {
    return byEntry.getOrDefault(entryKey, List.of());
  }

  DutyRoster roster() {
    return roster;
  }

  /** The specialist with the roster's state; the file's state when the roster has no row for them. */
  static Specialist current(Specialist s, Map<String, DutyRoster.DutyState> states) {
    DutyRoster.DutyState state = states.get(s.userId());
    if (state == null || state.onDuty() == s.onDuty()) {
      return s;
    }
    return new Specialist(s.userId(), s.name(), s.unit(), s.phone(), s.entryKeys(), state.onDuty());
  }

  private static List<Resource> resources() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      return Arrays.stream(files).sorted(Comparator.comparing(Resource::getFilename)).toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + LOCATION, e);
    }
  }

  private static List<Specialist> read(Resource file, UnitCatalog units) {
    String name = file.getFilename();
    List<Specialist> specialists = new ArrayList<>();
    try (InputStream in = file.getInputStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.parse(reader)) {
      boolean header = true;
      for (CSVRecord record : parser) {
        List<String> cells = record.toList().stream().map(String::strip).toList();
        if (header) {
          if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
            cells = new ArrayList<>(cells);
            cells.set(0, cells.get(0).substring(1));
          }
          if (!cells.equals(HEADER)) {
            throw new IllegalStateException(name + ": the header must be " + String.join(",", HEADER));
          }
          header = false;
          continue;
        }
        String where = name + " row " + record.getRecordNumber();
        if (cells.size() != HEADER.size()) {
          throw new IllegalStateException(where + ": expected " + HEADER.size() + " cells, found " + cells.size());
        }
        String id = cells.get(0);
        if (!USER_ID.matcher(id).matches()) {
          throw new IllegalStateException(where + ": bad user id " + id);
        }
        if (cells.get(1).isEmpty()) {
          throw new IllegalStateException(where + ": the name is empty");
        }
        if (!units.contains(cells.get(2))) {
          throw new IllegalStateException(where + ": unknown unit " + cells.get(2));
        }
        if (!PHONE.matcher(cells.get(3)).matches()) {
          throw new IllegalStateException(where + ": bad phone number " + cells.get(3));
        }
        List<String> keys = Arrays.stream(cells.get(4).split(";")).map(String::strip).filter(s -> !s.isEmpty())
            .toList();
        if (keys.isEmpty()) {
          throw new IllegalStateException(where + ": no entries (负责条目)");
        }
        boolean onDuty = switch (cells.get(5)) {
          case "是" -> true;
          case "否" -> false;
          default -> throw new IllegalStateException(where + ": 在岗 must be 是 or 否, found " + cells.get(5));
        };
        specialists.add(new Specialist(id, cells.get(1), cells.get(2), cells.get(3), keys, onDuty));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalStateException("Cannot read the specialists file " + name, e);
    }
    return specialists;
  }
}
