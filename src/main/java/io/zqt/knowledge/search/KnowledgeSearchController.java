package io.zqt.knowledge.search;

import io.zqt.knowledge.EntryType;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.UnitCatalog;
import io.zqt.security.CurrentUser;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.FieldProblem;
import io.zqt.web.ForbiddenException;
import io.zqt.web.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/knowledge/search}: full-text search of the knowledge base for any authenticated staff member;
 * {@code POST /api/knowledge/index/rebuild}: rebuild of this node's index from the store, for administrators and
 * process owners (other nodes keep following the store's change log).
 */
@RestController
@RequestMapping("/api/knowledge")
public class KnowledgeSearchController {

  static final int MAX_QUERY_LENGTH = 100;
  static final int MAX_LIMIT = 50;
  static final int DEFAULT_LIMIT = 10;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final KnowledgeIndex index;
  private final UnitCatalog units;
  private final ReferenceCatalog reference;

  public KnowledgeSearchController(KnowledgeIndex index, UnitCatalog units, ReferenceCatalog reference) {
    this.index = index;
    this.units = units;
    this.reference = reference;
  }

  @GetMapping("/search")
  public KnowledgeSearchResult search(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "type", required = false) String type,
      @RequestParam(name = "unit", required = false) String unit,
      @RequestParam(name = "district", required = false) String district,
      @RequestParam(name = "topic", required = false) String topic,
      @RequestParam(name = "validOn", required = false) String validOn,
      @RequestParam(name = "includeExpired", required = false) String includeExpired,
      @RequestParam(name = "limit", required = false) String limit) {
    List<FieldProblem> problems = new ArrayList<>();
    String text = q == null ? "" : q.strip();
    if (text.isEmpty()) {
      problems.add(new FieldProblem("q", "请输入要查询的内容", "q is required and must not be blank"));
    } else if (text.codePointCount(0, text.length()) > MAX_QUERY_LENGTH) {
      problems.add(new FieldProblem("q", "查询内容不能超过 " + MAX_QUERY_LENGTH + " 个字",
          "q must be at most " + MAX_QUERY_LENGTH + " characters"));
    }
    EntryType entryType = null;
    if (present(type)) {
      try {
        entryType = EntryType.valueOf(type.strip());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem("type", "未知的条目类型：" + type + "（可选 POLICY、REGULATION、PROCEDURE、RESPONSIBILITY）",
            "unknown entry type " + type));
      }
    }
    if (present(unit) && !units.contains(unit.strip())) {
      problems.add(new FieldProblem("unit", "未知的单位编码：" + unit, "unknown unit code " + unit));
    }
    if (present(district) && !units.isDistrict(district.strip())) {
      problems.add(new FieldProblem("district", "未知的区市编码：" + district, "unknown district code " + district));
    }
    if (present(topic) && !reference.isTopic(topic.strip())) {
      problems.add(new FieldProblem("topic", "未知的主题编码：" + topic, "unknown topic code " + topic));
    }
    LocalDate day = LocalDate.now(ZONE);
    if (present(validOn)) {
      try {
        day = LocalDate.parse(validOn.strip());
      } catch (DateTimeParseException e) {
        problems.add(new FieldProblem("validOn", "日期格式应为 yyyy-MM-dd：" + validOn,
            "validOn must be a date yyyy-MM-dd"));
      }
    }
    boolean expired = false;
    if (present(includeExpired)) {
      String v = includeExpired.strip();
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        expired = Boolean.parseBoolean(v);
      } else {
        problems.add(new FieldProblem("includeExpired", "includeExpired 只能是 true 或 false",
            "includeExpired must be true or false"));
      }
    }
    int size = DEFAULT_LIMIT;
    if (present(limit)) {
      try {
        size = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 1 || size > MAX_LIMIT) {
        problems.add(new FieldProblem("limit", "条数应在 1 到 " + MAX_LIMIT + " 之间",
            "limit must be between 1 and " + MAX_LIMIT));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return index.search(new KnowledgeQuery(text, entryType, blankToNull(unit), blankToNull(district),
        blankToNull(topic), day, expired, size));
  }

  @PostMapping("/index/rebuild")
  public KnowledgeIndex.Rebuilt rebuild() {
    ZqtUser user = CurrentUser.get();
    if (!user.isAdmin() && !user.has(Roles.PROCESS_OWNER)) {
      throw new ForbiddenException("Only administrators and process owners may rebuild the knowledge index");
    }
    return index.rebuild();
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String blankToNull(String s) {
    return present(s) ? s.strip() : null;
  }
}
