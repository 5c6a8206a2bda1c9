package io.zqt.audit;

import io.zqt.cases.CaseQueryService;
import io.zqt.cases.CaseRecord;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.ForbiddenException;
import java.util.Set;

/**
 * Who may read audit data: auditors, process owners and administrators read every case; a unit's staff read the
 * cases currently with their unit (as {@link CaseQueryService#mayRead}); everyone else is refused (403).
 */
final class AuditAccess {

  private AuditAccess() {}

  static boolean seesAll(ZqtUser user) {
    return user.has(Roles.AUDITOR) || user.has(Roles.PROCESS_OWNER) || user.isAdmin();
  }

  /** The unit codes a unit user is limited to, or {@code null} for those who see all. */
  static Set<String> limitedToUnits(ZqtUser user) {
    if (seesAll(user)) {
      return null;
    }
    Set<String> units = user.unitCodes();
    if (units.isEmpty()) {
      throw new ForbiddenException("Audit data is for auditors, process owners, administrators and units' staff");
    }
    return units;
  }

  static boolean mayRead(CaseRecord record, ZqtUser user) {
    return seesAll(user) || CaseQueryService.mayRead(record, user);
  }
}
