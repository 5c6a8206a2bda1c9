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
  static boolean authorizes(Connection connection, String tablePrefix, String userId, List<String> groupIds,
      CompositePermissionCheck check) {
    List<Grant> grants = read(connection, tablePrefix, userId, groupIds, check.getAllPermissionChecks());
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

  private record Grant(int resourceType, String resourceId, int perms) {
  }

  /** The user's, the groups' and everyone's grants on the checks' resource types and ids: three index probes. */
  private static List<Grant> read(Connection connection, String prefix, String userId, List<String> groupIds,
      List<PermissionCheck> checks) {
    Set<Integer> types = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    ids.add(Authorization.ANY);
    for (PermissionCheck check : checks) {
      types.add(check.getResourceType());
      if (check.getResourceId() != null) {
        ids.add(check.getResourceId());
      }
    }
    String table = (prefix == null ? "" : prefix) + "ACT_RU_AUTHORIZATION";
    String on = " AND RESOURCE_TYPE_ IN (" + marks(types.size()) + ") AND RESOURCE_ID_ IN (" + marks(ids.size()) + ")";
    String columns = "SELECT RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ FROM " + table;
    StringBuilder sql = new StringBuilder()
        .append(columns).append(" WHERE USER_ID_ = ? AND TYPE_ = ").append(Authorization.AUTH_TYPE_GRANT).append(on)
        .append(" UNION ALL ")
        .append(columns).append(" WHERE USER_ID_ = '*' AND TYPE_ = ").append(Authorization.AUTH_TYPE_GLOBAL)
        .append(on);
    boolean groups = groupIds != null && !groupIds.isEmpty();
    if (groups) {
      sql.append(" UNION ALL ").append(columns).append(" WHERE GROUP_ID_ IN (").append(marks(groupIds.size()))
          .append(") AND TYPE_ = ").append(Authorization.AUTH_TYPE_GRANT).append(on);
    }
    List<Grant> grants = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int i = 1;
      statement.setString(i++, userId);
      i = bind(statement, i, types, ids);
      i = bind(statement, i, types, ids);
      if (groups) {
        for (String group : groupIds) {
          statement.setString(i++, group);
        }
        bind(statement, i, types, ids);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          grants.add(new Grant(rows.getInt(1), rows.getString(2), rows.getInt(3)));
        }
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot read the grants for an authorization check", e);
    }
    return grants;
  }

  private static int bind(PreparedStatement statement, int from, Set<Integer> types, Set<String> ids)
      throws SQLException {
    int i = from;
    for (Integer type : types) {
      statement.setInt(i++, type);
    }
    for (String id : ids) {
      statement.setString(i++, id);
    }
    return i;
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
