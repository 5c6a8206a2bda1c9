package io.zqt.knowledge.store;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.knowledge.KnowledgeEntry;
import io.zqt.security.CurrentUser;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.FieldProblem;
import io.zqt.web.ForbiddenException;
import io.zqt.web.InvalidInputException;
import io.zqt.web.NotFoundException;
import io.zqt.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * 知识库: import and export of entries (process owners and administrators) and reading an entry with its versions
 * (every authenticated staff member). Search is {@code /api/knowledge/search}, elsewhere.
 */
@RestController
@RequestMapping("/api/knowledge")
@Tag(name = "knowledge", description = "知识库 / Knowledge base: import, export, entries and their versions")
public class KnowledgeController {

  private final KnowledgeImport importer;
  private final JdbcKnowledgeEntries entries;

  public KnowledgeController(KnowledgeImport importer, JdbcKnowledgeEntries entries) {
    this.importer = importer;
    this.entries = entries;
  }

  @PostMapping("/import")
  @Operation(summary = "导入知识库条目 / Import entries",
      description = "The file as multipart part 'file' or as the raw request body; format csv (UTF-8) or xlsx, "
          + "with the header 编号,类型,标题,正文,发文机关,文号,发布日期,生效日期,失效日期,主题,适用区市,责任单位,关键词,来源链接 "
          + "(English field names accepted). Entries are created or updated by 编号. A file with any bad row imports "
          + "nothing: 400 with the problems (row, column, Chinese and English) in 'errors'. dryRun=true reports the "
          + "problems and what would change without writing. Process owners and administrators only.")
  public ResponseEntity<Object> importEntries(@RequestParam(defaultValue = "csv") String format,
      @RequestParam(defaultValue = "false") String dryRun, HttpServletRequest request) throws IOException {
    ZqtUser user = mayTransfer();
    KnowledgeFormat fileFormat = format(format);
    boolean dry = switch (dryRun.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidInputException(List.of(new FieldProblem("dryRun", "应为 true 或 false",
          "expected true or false")));
    };
    ImportResult result;
    try (InputStream in = body(request)) {
      result = importer.importFile(in, fileFormat, dry, user.id());
    }
    if (result.ok()) {
      return ResponseEntity.ok(result);
    }
    ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, Problems.INVALID_INPUT, "导入文件有误 / Invalid import file",
        result.problems().size() + " 个问题，未导入任何条目 / problem(s) found, nothing was imported");
    pd.setInstance(URI.create(request.getRequestURI()));
    pd.setProperty("errors", result.problems());
    // the counts without repeating the problems
    pd.setProperty("report", java.util.Map.of("format", result.format(), "dryRun", result.dryRun(), "rows",
        result.rows(), "written", false));
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(pd);
  }

  @GetMapping("/export")
  @Operation(summary = "导出知识库 / Export entries",
      description = "Every current entry (expired ones too) in key order, in the import format: csv (UTF-8) or "
          + "xlsx. Process owners and administrators only.")
  public void export(@RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
      throws IOException {
    mayTransfer();
    KnowledgeFormat fileFormat = format(format);
    response.setContentType(fileFormat.mediaType());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
        .filename("knowledge." + fileFormat.extension()).build().toString());
    KnowledgeFiles.write(entries, fileFormat, response.getOutputStream());
    response.flushBuffer();
  }

  @GetMapping("/entries/{key}")
  @Operation(summary = "知识库条目 / One entry", description = "The current version. Every authenticated user; "
      + "404 when there is no such entry.")
  public KnowledgeEntry entry(@PathVariable String key) {
    CurrentUser.get();
    return entries.find(key).orElseThrow(() -> new NotFoundException("No knowledge entry " + key));
  }

  @GetMapping("/entries/{key}/versions")
  @Operation(summary = "条目的历次版本 / An entry's versions", description = "Every version, newest first, with who "
      + "made it, when and the names of the fields changed. Every authenticated user; 404 when there is no such "
      + "entry.")
  public List<EntryVersion> versions(@PathVariable String key) {
    CurrentUser.get();
    List<EntryVersion> versions = entries.versions(key);
    if (versions.isEmpty()) {
      throw new NotFoundException("No knowledge entry " + key);
    }
    return versions;
  }

  /** Import and export: process owners (流程负责人) and administrators. */
  private static ZqtUser mayTransfer() {
    ZqtUser user = CurrentUser.get();
    if (!user.isAdmin() && !user.has(Roles.PROCESS_OWNER)) {
      throw new ForbiddenException("Only process owners and administrators import or export the knowledge base");
    }
    return user;
  }

  private static KnowledgeFormat format(String format) {
    return KnowledgeFormat.parse(format).orElseThrow(() -> new InvalidInputException(List.of(
        new FieldProblem("format", "格式应为 csv 或 xlsx", "format must be csv or xlsx"))));
  }

  private static InputStream body(HttpServletRequest request) throws IOException {
    if (request instanceof MultipartHttpServletRequest multipart) {
      MultipartFile file = multipart.getFile("file");
      if (file == null) {
        throw new InvalidInputException(List.of(new FieldProblem("file", "缺少文件（表单字段 file）",
            "missing the multipart part 'file'")));
      }
      return file.getInputStream();
    }
    return request.getInputStream();
  }
}
