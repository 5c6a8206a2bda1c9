package io.zqt.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.org.UnitCatalog;
import io.zqt.security.CurrentUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

  private final TimelinePdf pdf;
  private final CasesXlsx xlsx;
  private final ObjectMapper json;

  public AuditController(AuditSearchService search, TimelineService timelines, UnitCatalog units, TimelinePdf pdf,
      CasesXlsx xlsx, ObjectMapper json) {
    this.search = search;
    this.timelines = timelines;
    this.units = units;
    this.pdf = pdf;
    this.xlsx = xlsx;
    this.json = json;
  }

  @GetMapping("/cases")
  @Parameters({
      @Parameter(in = ParameterIn.QUERY, name = "caseNumber", description = "工单编号或其开头 / case number or its beginning"),
      @Parameter(in = ParameterIn.QUERY, name = "enterprise", description = "企业名称的一部分 / part of the enterprise name"),
      @Parameter(in = ParameterIn.QUERY, name = "creditCode", description = "统一社会信用代码 / unified social credit code"),
      @Parameter(in = ParameterIn.QUERY, name = "unit", description = "承办单位代码 / handling unit code"),
      @Parameter(in = ParameterIn.QUERY, name = "status", description = "工单状态 / case status"),
      @Parameter(in = ParameterIn.QUERY, name = "from", description = "受理日期起 yyyy-MM-dd / first intake date"),
      @Parameter(in = ParameterIn.QUERY, name = "to", description = "受理日期止 yyyy-MM-dd / last intake date"),
      @Parameter(in = ParameterIn.QUERY, name = "page", description = "页码，从 0 开始 / page from 0"),
      @Parameter(in = ParameterIn.QUERY, name = "size", description = "每页条数 1-200 / page size 1-200")})
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

  @GetMapping("/cases/{caseNumber}/timeline.pdf")
  @Operation(summary = "导出时间线 PDF / Timeline as PDF",
      description = "A4 PDF in Chinese with the CJK font embedded (subset). 503 when the server has no CJK font.")
  public ResponseEntity<byte[]> timelinePdf(@PathVariable String caseNumber) {
    Timeline timeline = timelines.timeline(caseNumber, CurrentUser.get());
    return download(pdf.render(timeline), MediaType.APPLICATION_PDF, "timeline-" + caseNumber + ".pdf");
  }

  @GetMapping("/cases/{caseNumber}/timeline.json")
  @Operation(summary = "导出时间线 JSON / Timeline as a JSON download",
      description = "The same JSON as /timeline, as an attachment.")
  public ResponseEntity<byte[]> timelineJson(@PathVariable String caseNumber) throws JsonProcessingException {
    Timeline timeline = timelines.timeline(caseNumber, CurrentUser.get());
    return download(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(timeline), MediaType.APPLICATION_JSON,
        "timeline-" + caseNumber + ".json");
  }

  @GetMapping("/cases.xlsx")
  @Parameters({
      @Parameter(in = ParameterIn.QUERY, name = "caseNumber", description = "工单编号或其开头 / case number or its beginning"),
      @Parameter(in = ParameterIn.QUERY, name = "enterprise", description = "企业名称的一部分 / part of the enterprise name"),
      @Parameter(in = ParameterIn.QUERY, name = "creditCode", description = "统一社会信用代码 / unified social credit code"),
      @Parameter(in = ParameterIn.QUERY, name = "unit", description = "承办单位代码 / handling unit code"),
      @Parameter(in = ParameterIn.QUERY, name = "status", description = "工单状态 / case status"),
      @Parameter(in = ParameterIn.QUERY, name = "from", description = "受理日期起 yyyy-MM-dd / first intake date"),
      @Parameter(in = ParameterIn.QUERY, name = "to", description = "受理日期止 yyyy-MM-dd / last intake date"),
      @Parameter(in = ParameterIn.QUERY, name = "page", description = "页码，从 0 开始 / page from 0"),
      @Parameter(in = ParameterIn.QUERY, name = "size", description = "每页条数 1-200 / page size 1-200")})
  @Operation(summary = "导出查询结果 Excel / Search result as Excel",
      description = "The same filters as /cases (page and size are ignored); one row per case; at most "
          + "zqt.audit.export-max-rows (default 10000) rows, else 400.")
  public ResponseEntity<byte[]> casesXlsx(HttpServletRequest request) {
    AuditSearchRequest filters = AuditSearchRequest.parse(request.getParameterMap(), units);
    byte[] body = xlsx.render(search.export(filters, CurrentUser.get()));
    return download(body, MediaType.parseMediaType(XLSX), "cases-" + LocalDate.now(search.zone()) + ".xlsx");
  }

  @ExceptionHandler(ExportUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(ExportUnavailableException e, HttpServletRequest request) {
    ProblemDetail pd = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, EXPORT_UNAVAILABLE, "暂时无法导出 / Export unavailable",
        e.getMessage());
    pd.setInstance(URI.create(request.getRequestURI()));
    return Problems.response(pd);
  }

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final URI EXPORT_UNAVAILABLE = URI.create("/problems/export-unavailable");

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(body);
  }
}
