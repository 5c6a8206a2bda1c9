package io.zqt.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.org.UnitCatalog;
import io.zqt.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 审计查阅: search cases and read a case's whole timeline. Read only. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "审计查阅 / Audit: case search, timelines and exports")
public class AuditController {

  private final AuditSearchService search;
  private final TimelineService timelines;
  private final UnitCatalog units;

  public AuditController(AuditSearchService search, TimelineService timelines, UnitCatalog units) {
    this.search = search;
    this.timelines = timelines;
    this.units = units;
  }

  @GetMapping("/cases")
  @Operation(summary = "查询工单 / Search cases",
      description = "Parameters: caseNumber (prefix), enterprise (part of the name), creditCode, unit, status, from, "
          + "to (yyyy-MM-dd, intake date in Asia/Shanghai, both inclusive), page (from 0), size (1-200, default 20). "
          + "Auditors, process owners and administrators see every case; a unit's staff their unit's cases; others "
          + "403. 400 names every bad parameter.")
  public AuditSearchService.Result search(HttpServletRequest request) {
    return search.search(AuditSearchRequest.parse(request.getParameterMap(), units), CurrentUser.get());
  }

  @GetMapping("/cases/{caseNumber}/timeline")
  @Operation(summary = "工单全过程时间线 / A case's timeline",
      description = "Every step in order with who, when and what: tasks with the form values they set, DMN decisions "
          + "with inputs and outputs, comments, escalations, operations; plus the case's intake data, current "
          + "status and all replies. 404 when the case does not exist or belongs to another unit. See docs/audit.md.")
  public Timeline timeline(@PathVariable String caseNumber) {
    return timelines.timeline(caseNumber, CurrentUser.get());
  }
}
