package io.zqt.security;

import io.zqt.org.Unit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The authenticated caller of the app's API: Camunda user id and group ids. */
public record ZqtUser(String id, List<String> groups) {

  /** Line staff who see every case: everyone except pure unit members. */
  private static final Set<String> LINE_ROLES = Set.of(Roles.OPERATOR, Roles.CASE_REVIEW_GROUP,
      Roles.LINE_WORKING_GROUP, Roles.QC_SPECIALIST, Roles.AUDITOR, Roles.PROCESS_OWNER, Roles.ADMIN);

  public boolean isAdmin() {
    return groups.contains(Roles.ADMIN);
  }

  public boolean has(String group) {
    return groups.contains(group);
  }

  public boolean seesAllCases() {
    return groups.stream().anyMatch(LINE_ROLES::contains);
  }

  /** Unit codes (upper case) this user works for. */
  public Set<String> unitCodes() {
    return groups.stream().filter(g -> g.startsWith(Unit.GROUP_PREFIX))
        .map(g -> g.substring(Unit.GROUP_PREFIX.length()).toUpperCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
