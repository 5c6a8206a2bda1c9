package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/**
 * The engine's authorization check ({@code isUserAuthorizedForResource} in Camunda 7.24's {@code Authorization.xml})
 * for a command run without revoke checks, answered from the grants read by one plain statement.
 *
 * <p>MyBatis builds the engine's statement anew for every check from a large dynamic mapping, one branch per kind of
 * grant and per permission: a CPU profile of ZQT's lifecycles put 10% of all samples into building it, against 2% for
 * running it. Without revokes its answer is simple, and this class computes it the same way:
 * <ul>
 *   <li>an atomic check (permission bits {@code p} on a resource type, for one resource id or for {@code *}) finds a
 *       grant if the user, one of the user's groups or everyone ({@code TYPE_ = 0, USER_ID_ = '*'}) holds a grant of
 *       that type with all of {@code p}'s bits, for that id or for {@code *}; it then counts 1, else the check's
 *       "not found" value (none by default);</li>
 *   <li>several atomic checks: either the first that has a value (disjunctive, else 0), or the bitwise AND of all
 *       values, a missing one counting 0 (conjunctive);</li>
 *   <li>authorized when the whole comes to exactly 1.</li>
 * </ul>
 * Any other shape (a check against a query's column, composite checks) is left to the engine.
 * {@code LeanAuthorizationTest} compares both answers over many checks, users and grants.
 */
final class GrantCheck {

  private GrantCheck() {
  }

  /**
   * Whether this class answers checks on this database as the engine does: H2 and PostgreSQL, whose comparisons of ids
   * are exact as the Java ones here are (some other databases compare text without regard to case by default).
   */
  static boolean runsOn(String databaseType) {
    return "h2".equals(databaseType) || "postgres".equals(databaseType);
  }

  /**
   * Whether this class answers the check as the engine's mapping does: atomic checks only. (The engine's statement
   * for composite checks lacks its {@code SELECT} and fails; that stays the engine's to answer.)
   */
  static boolean supports(CompositePermissionCheck check) {
    List<PermissionCheck> atomics = check.getAtomicChecks();
    boolean composites = check.getCompositeChecks() != null && !check.getCompositeChecks().isEmpty();
    return !composites && atomics != null && !atomics.isEmpty() && plain(atomics);
  }

  private static boolean plain(List<PermissionCheck> checks) {
    for (PermissionCheck check : checks) {
      if (check.getResourceIdQueryParam() != null || check.getResource() == null) {
        return false;
      }
    }
    return true;
  }

  /** Answers a supported check for the user and the groups (already filtered as the engine filters them). */
  static boolean authorizes(Connection connection, String databaseType, String tablePrefix, String userId,
      List<String> groupIds, CompositePermissionCheck check) {
    List<Grant> grants = read(connection, !"h2".equals(databaseType), tablePrefix, userId, groupIds,
        check.getAtomicChecks());
    Long value = atomics(check, grants);
    return value != null && value == 1L;
  }

  private static Long atomics(CompositePermissionCheck check, List<Grant> grants) {
    List<PermissionCheck> checks = check.getAtomicChecks();
    if (checks.size() == 1) {
      return value(checks.get(0), grants);
    }
    if (check.isDisjunctive()) {
      for (PermissionCheck atomic : checks) {
        Long value = value(atomic, grants);
        if (value != null) {
          return value;
        }
      }
      return 0L;
    }
    long all = -1L;
    for (PermissionCheck atomic : checks) {
      Long value = value(atomic, grants);
      all &= value == null ? 0L : value;
    }
    return all;
  }

  private static Long value(PermissionCheck check, List<Grant> grants) {
    String id = check.getResourceId();
    boolean specific = id != null && !Authorization.ANY.equals(id);
    int perms = check.getPerms();
    for (Grant grant : grants) {
      if (grant.resourceType == check.getResourceType() && (grant.perms & perms) == perms
          && (Authorization.ANY.equals(grant.resourceId) || specific && id.equals(grant.resourceId))) {
        return 1L;
      }
    }
    return check.getAuthorizationNotFoundReturnValue();
  }

  private record Grant(int type, String userId, String groupId, int resourceType, String resourceId, int perms) {

    /** Held by the user, one of the groups, or everyone: the holders the engine's statement asks about. */
    boolean heldBy(String user, List<String> groups) {
      if (type == Authorization.AUTH_TYPE_GLOBAL) {
        return Authorization.ANY.equals(userId);
      }
      return type == Authorization.AUTH_TYPE_GRANT
          && (user.equals(userId) || groupId != null && groups.contains(groupId));
    }
  }

  /**
   * The grants that can answer the checks, each read by an index: the grants on the named resources by the resource
   * id index (a task or a process definition has a few), and the grants on {@code *} of the user, of each group and
   * of everyone, one unique-key lookup each. (The grants of a group are far more: one per open task.) On
   * PostgreSQL as one statement; on H2 one statement per lookup, since H2 parses a {@code UNION} anew every time
   * (it keeps no plan for one) while its lookups run in the same process.
   */
  private static List<Grant> read(Connection connection, boolean oneStatement, String prefix, String userId,
      List<String> groupIds, List<PermissionCheck> checks) {
    Set<Integer> types = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    for (PermissionCheck check : checks) {
      types.add(check.getResourceType());
      String id = check.getResourceId();
      if (id != null && !Authorization.ANY.equals(id)) {
        ids.add(id);
      }
    }
    List<String> groups = groupIds == null ? List.of() : groupIds;
    String select = "SELECT TYPE_, USER_ID_, GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ FROM "
        + (prefix == null ? "" : prefix) + "ACT_RU_AUTHORIZATION WHERE ";
    List<Lookup> lookups = new ArrayList<>();
    if (!ids.isEmpty()) {
      lookups.add(new Lookup(select + "RESOURCE_ID_ IN (" + marks(ids.size()) + ") AND TYPE_ < 2",
          List.copyOf(ids)));
    }
    for (Integer type : types) {
      lookups.add(new Lookup(select + "TYPE_ = 1 AND USER_ID_ = ? AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = '*'",
          List.of(userId, type)));
      for (String group : groups) {
        lookups.add(new Lookup(select + "TYPE_ = 1 AND GROUP_ID_ = ? AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = '*'",
            List.of(group, type)));
      }
      lookups.add(new Lookup(select + "TYPE_ = 0 AND USER_ID_ = '*' AND RESOURCE_TYPE_ = ? AND RESOURCE_ID_ = '*'",
          List.of(type)));
    }
    List<Grant> grants = new ArrayList<>();
    try {
      if (oneStatement) {
        List<Object> parameters = new ArrayList<>();
        lookups.forEach(lookup -> parameters.addAll(lookup.parameters()));
        read(connection, String.join(" UNION ALL ", lookups.stream().map(Lookup::sql).toList()), parameters, userId,
            groups, grants);
      } else {
        for (Lookup lookup : lookups) {
          read(connection, lookup.sql(), lookup.parameters(), userId, groups, grants);
        }
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot read the grants for an authorization check", e);
    }
    return grants;
  }

  /** One index lookup: its statement and the values of its parameters, in order. */
  private record Lookup(String sql, List<?> parameters) {
  }

  private static void read(Connection connection, String sql, List<?> parameters, String userId,
      List<String> groups, List<Grant> grants) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int i = 1;
      for (Object parameter : parameters) {
        if (parameter instanceof Integer number) {
          statement.setInt(i++, number);
        } else {
          statement.setString(i++, (String) parameter);
        }
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Grant grant = new Grant(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getInt(4),
              rows.getString(5), rows.getInt(6));
          if (grant.heldBy(userId, groups)) {
            grants.add(grant);
          }
        }
      }
    }
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
