package io.zqt.knowledge;

import io.zqt.org.UnitCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Stand-in for K1's store and specialist directory, for K3's tests only (the integrator deletes this file at merge):
 * a {@link KnowledgeEntries} over the seed entries and a {@link SpecialistDirectory} over the seed specialists
 * (data/knowledge/...), and the Camunda users of the specialists the tests call (password "demo"). A test may send a
 * unit's specialists off duty for a while ({@link Directory#offDuty}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSpecialists {

  /** Specialists the tests work with as Camunda users. */
  public static final List<String> USERS = List.of("sp-hrss-02", "sp-hrss-04", "sp-tax-02");
  public static final String GROUP = "policy-specialist";

  @Bean
  Entries testKnowledgeEntries() {
    return new Entries(read("classpath*:data/knowledge/entries/*.csv"));
  }

  @Bean
  Directory testSpecialistDirectory(Entries entries) {
    return new Directory(read("classpath*:data/knowledge/specialists/*.csv"), entries);
  }

  @Bean
  ApplicationRunner testSpecialistUsers(IdentityService identity, Directory directory, UnitCatalog units) {
    return args -> {
      if (identity.createGroupQuery().groupId(GROUP).count() == 0) {
        Group group = identity.newGroup(GROUP);
        group.setName("政策专员");
        group.setType("WORKFLOW");
        identity.saveGroup(group);
      }
      for (String id : USERS) {
        Specialist s = directory.find(id).orElseThrow();
        if (identity.createUserQuery().userId(id).count() == 0) {
          User user = identity.newUser(id);
          user.setFirstName(s.name());
          user.setLastName("");
          user.setPassword("demo");
          identity.saveUser(user);
        }
        for (String group : List.of(GROUP, units.require(s.unit()).groupId())) {
          if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
          }
        }
      }
    };
  }

  /** Entries of the seed files, keyed by 编号. */
  public static final class Entries implements KnowledgeEntries {
    private final Map<String, KnowledgeEntry> byKey = new TreeMap<>();

    Entries(List<Map<String, String>> rows) {
      for (Map<String, String> r : rows) {
        LocalDate publish = date(r.get("发布日期"));
        LocalDate effective = date(r.get("生效日期"));
        byKey.put(r.get("编号"), new KnowledgeEntry(r.get("编号"), EntryType.valueOf(r.get("类型")), r.get("标题"),
            r.get("正文"), r.get("发文机关"), r.get("文号"), publish, effective == null ? publish : effective,
            date(r.get("失效日期")), list(r.get("主题")), list(r.get("适用区市")), r.get("责任单位"), list(r.get("关键词")),
            r.get("来源链接"), 1, Instant.parse("2026-01-01T00:00:00Z"), "seed"));
      }
    }

    @Override
    public Optional<KnowledgeEntry> find(String key) {
      return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public void forEach(Consumer<KnowledgeEntry> each) {
      byKey.values().forEach(each);
    }

    @Override
    public long count() {
      return byKey.size();
    }
  }

  /** Specialists of the seed files; a test may send a unit off duty (and must bring it back). */
  public static final class Directory implements SpecialistDirectory {
    private final List<Specialist> all = new ArrayList<>();
    private final Entries entries;
    private final Set<String> offDutyUnits = ConcurrentHashMap.newKeySet();

    Directory(List<Map<String, String>> rows, Entries entries) {
      this.entries = entries;
      for (Map<String, String> r : rows) {
        all.add(new Specialist(r.get("用户名"), r.get("姓名"), r.get("单位"), r.get("电话"), list(r.get("负责条目")),
            "是".equals(r.get("在岗"))));
      }
    }

    public void offDuty(String unit, boolean off) {
      if (off) {
        offDutyUnits.add(unit);
      } else {
        offDutyUnits.remove(unit);
      }
    }

    private boolean onDuty(Specialist s) {
      return s.onDuty() && !offDutyUnits.contains(s.unit());
    }

    @Override
    public Optional<Specialist> forEntry(String entryKey) {
      Optional<Specialist> own = all.stream().filter(s -> s.entryKeys().contains(entryKey)).filter(this::onDuty)
          .findFirst();
      if (own.isPresent()) {
        return own;
      }
      String unit = entries.find(entryKey).map(KnowledgeEntry::responsibleUnit).orElse(null);
      return all.stream().filter(s -> s.unit().equals(unit)).filter(this::onDuty).findFirst();
    }

    @Override
    public Optional<Specialist> find(String userId) {
      return all.stream().filter(s -> s.userId().equals(userId)).findFirst();
    }

    @Override
    public List<Specialist> all() {
      return List.copyOf(all);
    }
  }

  private static LocalDate date(String text) {
    return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
  }

  private static List<String> list(String text) {
    return text == null || text.isBlank() ? List.of()
        : Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Rows of every CSV file matching the pattern, as header -> value (RFC 4180 quoting). */
  private static List<Map<String, String>> read(String pattern) {
    List<Map<String, String>> rows = new ArrayList<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
        try (InputStream in = resource.getInputStream()) {
          List<List<String>> records = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          List<String> header = records.get(0);
          for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
              row.put(header.get(i).strip().replace("\uFEFF", ""), i < record.size() ? record.get(i) : "");
            }
            rows.add(row);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        record.add(field.toString());
        field.setLength(0);
        if (!(record.size() == 1 && record.get(0).isEmpty())) {
          records.add(record);
        }
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
