package io.zqt.audit;

import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseSearch;
import io.zqt.org.ReferenceCatalog;
import io.zqt.org.ReferenceCatalog.Kind;
import io.zqt.org.Unit;
import io.zqt.org.UnitCatalog;
import io.zqt.security.ZqtUser;
import io.zqt.web.FieldProblem;
import io.zqt.web.InvalidInputException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Audit search over the case records: all cases for auditors, owners and admins, own unit's for units' staff. */
@Service
public class AuditSearchService {

  /** Most rows one Excel export holds, unless zqt.audit.export-max-rows says otherwise. */
  public static final int MAX_EXPORT_ROWS = 10_000;

  private final CaseSearch search;
  private final ReferenceCatalog reference;
  private final UnitCatalog units;
  private final ZoneId zone;
  private final int maxExportRows;

  public AuditSearchService(CaseSearch search, ReferenceCatalog reference, UnitCatalog units,
      @Value("${zqt.zone:Asia/Shanghai}") String zone,
      @Value("${zqt.audit.export-max-rows:" + MAX_EXPORT_ROWS + "}") int maxExportRows) {
    this.search = search;
    this.reference = reference;
    this.units = units;
    this.zone = ZoneId.of(zone);
    this.maxExportRows = maxExportRows;
  }

  /** Matches counted for a page of results at most; more are shown as "more than" (超过). */
  public static final long MAX_COUNTED = 10_000;

  /** One page of results; {@code totalCapped}: more than {@code total} cases match. */
  public record Result(int page, int size, long total, boolean totalCapped, List<AuditCaseRow> items) {}

  public Result search(AuditSearchRequest request, ZqtUser user) {
    CaseSearch.Page page = search.search(criteria(request, user), request.page() * request.size(), request.size(),
        Math.max(MAX_COUNTED, (long) (request.page() + 1) * request.size()));
    return new Result(request.page(), request.size(), page.total(), page.totalCapped(),
        page.records().stream().map(this::row).toList());
  }

  /** Every matching case for an export; a 400 naming the filters when there are more than the export limit. */
  public List<AuditCaseRow> export(AuditSearchRequest request, ZqtUser user) {
    // an export is rare and names the exact number of matches: counted in full
    CaseSearch.Page page = search.search(criteria(request, user), 0, maxExportRows + 1, Integer.MAX_VALUE);
    if (page.total() > maxExportRows) {
      throw new InvalidInputException(List.of(new FieldProblem("filters",
          "符合条件的工单有 " + page.total() + " 件，超过一次导出的上限 " + maxExportRows + " 件，请缩小日期范围或增加查询条件",
          page.total() + " cases match; at most " + maxExportRows + " can be exported at once: narrow the search")));
    }
    return page.records().stream().map(this::row).toList();
  }

  private CaseSearch.Criteria criteria(AuditSearchRequest r, ZqtUser user) {
    Set<String> visible = AuditAccess.limitedToUnits(user);
    return new CaseSearch.Criteria(r.caseNumber(), r.enterprise(), r.creditCode(), r.unit(), r.status(),
        r.from() == null ? null : r.from().atStartOfDay(zone).toOffsetDateTime(),
        r.to() == null ? null : r.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime(), visible);
  }

  AuditCaseRow row(CaseRecord r) {
    return new AuditCaseRow(r.caseNumber(), r.enterpriseName(), r.creditCode(), r.title(), r.type(),
        name(Kind.TYPE, r.type()), r.topic(), name(Kind.TOPIC, r.topic()), r.district(),
        name(Kind.DISTRICT, r.district()), r.channel(), name(Kind.CHANNEL, r.channel()), r.handlingUnit(),
        units.find(r.handlingUnit()).map(Unit::nameZh).orElse(null), r.status().name(), r.status().nameZh(),
        r.overdue(), r.returnCount(), r.extensionCount(), r.reworkCount(), r.reopenCount(), r.replyResult(),
        r.satisfaction(), r.receivedBy(), r.receivedAt(), r.closedAt());
  }

  private String name(Kind kind, String code) {
    return reference.find(kind, code).map(ReferenceCatalog.Code::nameZh).orElse(code);
  }

  ZoneId zone() {
    return zone;
  }
}
