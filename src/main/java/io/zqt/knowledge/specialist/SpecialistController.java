package io.zqt.knowledge.specialist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.knowledge.KnowledgeEntries;
import io.zqt.knowledge.Specialist;
import io.zqt.org.UnitCatalog;
import io.zqt.security.CurrentUser;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.FieldProblem;
import io.zqt.web.ForbiddenException;
import io.zqt.web.InvalidInputException;
import io.zqt.web.NotFoundException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 政策专员值班 / Duty roster: the policy specialists with their current state, setting a specialist on or off duty, and
 * the log of changes. Who may do what is in {@link #mayChange} and the methods' descriptions.
 */
@RestController
@RequestMapping("/api/knowledge/specialists")
@Tag(name = "specialists", description = "政策专员值班 / Policy specialists and their duty roster")
public class SpecialistController {

  private final SpecialistCatalog catalog;
  private final DutyRoster roster;
  private final UnitCatalog units;
  private final KnowledgeEntries entries;

  public SpecialistController(SpecialistCatalog catalog, DutyRoster roster, UnitCatalog units,
      KnowledgeEntries entries) {
    this.catalog = catalog;
    this.roster = roster;
    this.units = units;
    this.entries = entries;
  }

  /** A specialist as the API shows them. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SpecialistView(String userId, String name, String unit, String unitName, String phone,
      List<String> entryKeys, boolean onDuty, OffsetDateTime dutyChangedAt, String dutyChangedBy) {}

  public record SpecialistList(int total, List<SpecialistView> specialists) {}

  /** The answer to a change: the state now, and whether this request changed it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DutyAnswer(String userId, boolean onDuty, boolean changed, OffsetDateTime changedAt,
      String changedBy, String reason) {}

  @GetMapping
  @Operation(summary = "政策专员及在岗状态 / Specialists and whether they are on duty",
      description = "Filters: unit (unit code), onDuty (true/false), entry (a knowledge entry key they answer for). "
          + "In file order, which is the order a three-way call tries them. Line staff (operators, the QC groups, "
          + "auditors, process owners, administrators) see every unit; a unit's staff (specialists included) see "
          + "their own unit only (403 for another unit's filter); users with neither get 403.")
  public SpecialistList list(@RequestParam(required = false) String unit,
      @RequestParam(required = false) String onDuty, @RequestParam(required = false) String entry) {
    ZqtUser user = CurrentUser.get();
    List<FieldProblem> problems = new ArrayList<>();
    String unitCode = null;
    if (unit != null) {
      unitCode = unit.strip().toUpperCase(Locale.ROOT);
      if (!units.contains(unitCode)) {
        problems.add(new FieldProblem("unit", "未知的单位代码", "unknown unit code"));
      }
    }
    Boolean duty = null;
    if (onDuty != null) {
      switch (onDuty.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> duty = true;
        case "false" -> duty = false;
        default -> problems.add(new FieldProblem("onDuty", "应为 true 或 false", "expected true or false"));
      }
    }
    String entryKey = entry == null ? null : entry.strip();
    if (entryKey != null && (entryKey.isEmpty() || entryKey.length() > 64 || entries.find(entryKey).isEmpty())) {
      problems.add(new FieldProblem("entry", "知识库中没有该条目", "no such knowledge entry"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Set<String> visibleUnits = visibleUnits(user);
    if (visibleUnits != null && unitCode != null && !visibleUnits.contains(unitCode)) {
      throw new ForbiddenException("Unit staff see the specialists of their own unit only");
    }
    List<Specialist> candidates = entryKey != null ? catalog.fromFileOfEntry(entryKey)
        : unitCode != null ? catalog.fromFileOfUnit(unitCode) : catalog.fromFile();
    List<Specialist> chosen = new ArrayList<>();
    for (Specialist s : candidates) {
      if ((unitCode == null || s.unit().equals(unitCode))
          && (visibleUnits == null || visibleUnits.contains(s.unit()))) {
        chosen.add(s);
      }
    }
    Map<String, DutyRoster.DutyState> states = unitCode != null && entryKey == null ? roster.statesOfUnit(unitCode)
        : chosen.size() > 500 ? roster.allStates() : roster.states(chosen.stream().map(Specialist::userId).toList());
    List<SpecialistView> views = new ArrayList<>();
    for (Specialist s : chosen) {
      SpecialistView view = view(s, states.get(s.userId()));
      if (duty == null || view.onDuty() == duty) {
        views.add(view);
      }
    }
    return new SpecialistList(views.size(), views);
  }

  @GetMapping("/me")
  @Operation(summary = "我的在岗状态 / The caller as a specialist",
      description = "The calling user's own entry with their current state (Tasklist's 上岗/离岗 button reads it); "
          + "404 when the caller is not a policy specialist. Every authenticated user.")
  public SpecialistView me() {
    ZqtUser user = CurrentUser.get();
    Specialist s = catalog.fromFile(user.id())
        .orElseThrow(() -> new NotFoundException("The user " + user.id() + " is not a policy specialist"));
    return view(s, roster.states(List.of(s.userId())).get(s.userId()));
  }

  @PutMapping("/{userId}/duty")
  @Operation(summary = "上岗 / 离岗 — set a specialist on or off duty",
      description = "Body {\"onDuty\": true|false, \"reason\": \"…\" (optional, at most 200 characters)}. "
          + "The specialist themself and administrators; others 403 (ZQT has no unit leader role to delegate it "
          + "to). 404 for an unknown specialist. HTTP Basic, or the Tasklist session with its X-XSRF-TOKEN header. Setting the state they already have changes nothing "
          + "(changed: false, nothing logged). Takes effect at once for three-way calls on every node.")
  public DutyAnswer setDuty(@PathVariable String userId, @RequestBody JsonNode body) {
    ZqtUser user = CurrentUser.get();
    Specialist specialist = catalog.fromFile(userId)
        .orElseThrow(() -> new NotFoundException("No policy specialist " + userId));
    if (!mayChange(user, specialist)) {
      throw new ForbiddenException("Only the specialist themself and administrators set a specialist on or off duty");
    }
    List<FieldProblem> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidInputException(List.of(new FieldProblem("body", "请求体应为 JSON 对象", "expected a JSON object")));
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("onDuty") && !name.equals("reason")) {
        problems.add(new FieldProblem(name, "不支持的字段", "unknown field"));
      }
    }
    JsonNode onDuty = body.get("onDuty");
    if (onDuty == null || onDuty.isNull()) {
      problems.add(new FieldProblem("onDuty", "必须填写在岗状态（true 上岗 / false 离岗）", "required: true or false"));
    } else if (!onDuty.isBoolean()) {
      problems.add(new FieldProblem("onDuty", "应为 true 或 false", "expected a JSON boolean"));
    }
    JsonNode reasonNode = body.get("reason");
    String reason = null;
    if (reasonNode != null && !reasonNode.isNull()) {
      if (!reasonNode.isTextual()) {
        problems.add(new FieldProblem("reason", "应为文本", "expected a string"));
      } else {
        reason = reasonNode.asText().strip();
        if (reason.isEmpty()) {
          reason = null;
        } else if (reason.codePointCount(0, reason.length()) > DutyRoster.REASON_MAX) {
          problems.add(new FieldProblem("reason", "原因不能超过 " + DutyRoster.REASON_MAX + " 个字",
              "must have at most " + DutyRoster.REASON_MAX + " characters"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    boolean target = onDuty.booleanValue();
    Optional<DutyRoster.DutyChange> change = roster.set(specialist, target, user.id(), reason);
    if (change.isPresent()) {
      DutyRoster.DutyChange c = change.get();
      return new DutyAnswer(userId, target, true, c.changedAt(), c.changedBy(), c.reason());
    }
    DutyRoster.DutyState state = roster.states(List.of(userId)).get(userId);
    return new DutyAnswer(userId, target, false, state == null ? null : state.changedAt(),
        state == null ? null : state.changedBy(), null);
  }

  @GetMapping("/{userId}/duty-history")
  @Operation(summary = "在岗状态变更记录 / Duty changes of a specialist",
      description = "Newest first: who changed the state, from → to (from is absent for the initial state from "
          + "the data file, changedBy data-file), when and why. Auditors and administrators; others 403. 404 for "
          + "an unknown specialist.")
  public List<DutyRoster.DutyChange> history(@PathVariable String userId) {
    ZqtUser user = CurrentUser.get();
    if (!user.isAdmin() && !user.has(Roles.AUDITOR)) {
      throw new ForbiddenException("The duty history is for auditors and administrators");
    }
    List<DutyRoster.DutyChange> changes = roster.history(userId);
    if (changes.isEmpty() && catalog.fromFile(userId).isEmpty()) {
      throw new NotFoundException("No policy specialist " + userId);
    }
    return changes;
  }

  /**
   * Who may set a specialist on or off duty: the specialist themself and administrators. io.zqt.security has no
   * role that leads or coordinates a unit (unit groups are flat; the line working group coordinates the line, not a
   * unit's staff), so nobody else.
   */
  static boolean mayChange(ZqtUser user, Specialist specialist) {
    return user.isAdmin() || user.id().equals(specialist.userId());
  }

  /** Null when the user sees every unit (line staff); else their units; 403 when they have none. */
  private static Set<String> visibleUnits(ZqtUser user) {
    if (user.seesAllCases()) {
      return null;
    }
    Set<String> codes = user.unitCodes();
    if (codes.isEmpty()) {
      throw new ForbiddenException("The specialists are for line staff and units' staff");
    }
    return codes;
  }

  private SpecialistView view(Specialist s, DutyRoster.DutyState state) {
    boolean onDuty = state == null ? s.onDuty() : state.onDuty();
    return new SpecialistView(s.userId(), s.name(), s.unit(), units.find(s.unit()).map(u -> u.nameZh()).orElse(null),
        s.phone(), s.entryKeys(), onDuty, state == null ? null : state.changedAt(),
        state == null ? null : state.changedBy());
  }
}
