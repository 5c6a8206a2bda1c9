package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's authorization checks independent of how much history there is.
 *
 * <p>Before its first check in a command, Camunda 7.24 reads which groups hold any authorization at all with
 * {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}: a scan of the whole table, in every command that checks
 * authorizations (every task query, claim and completion). With historic instance permissions on, the table keeps
 * about five grants per finished case until history cleanup, so that scan grew with history: at 1,000,000 finished
 * cases it is 5.2 million rows (docs/benchmarks.md, docs/scale.md). This plugin gives the engine an authorization
 * manager that reads the same set by walking the group index from one distinct value to the next (a "loose index
 * scan": one index probe per group, a few dozen in all) on PostgreSQL. The result is the same set. On H2, the
 * embedded single-node default, the engine's own query stays: measured, the recursive query cost more there.
 */
@Component
public class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

  /** Every distinct non-null GROUP_ID_, one index probe each (ACT_IDX_AUTH_GROUP_ID). */
  static final String DISTINCT_GROUPS = "WITH RECURSIVE g (id) AS ("
      + " SELECT MIN(GROUP_ID_) FROM ACT_RU_AUTHORIZATION"
      + " UNION ALL"
      + " SELECT (SELECT MIN(a.GROUP_ID_) FROM ACT_RU_AUTHORIZATION a WHERE a.GROUP_ID_ > g.id) FROM g"
      + " WHERE g.id IS NOT NULL)"
      + " SELECT id FROM g WHERE id IS NOT NULL";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new IndexedAuthorizationManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's authorization manager, reading the groups that hold authorizations by the group index. */
  static class IndexedAuthorizationManager extends AuthorizationManager {

    @Override
    protected Set<String> getAllGroups() {
      if (!"postgres".equals(Context.getProcessEngineConfiguration().getDatabaseType())) {
        // H2 (one node, the embedded default): its recursive queries cost more than its scan of a small table
        return super.getAllGroups();
      }
      if (availableAuthorizedGroupIds == null) {
        availableAuthorizedGroupIds = distinctGroups(
            Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection());
      }
      return availableAuthorizedGroupIds;
    }
  }

  /** The groups holding authorizations, read by the group index (public for the PostgreSQL test). */
  public static Set<String> distinctGroups(Connection connection) {
    Set<String> groups = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(DISTINCT_GROUPS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        groups.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Cannot read the groups that hold authorizations", e);
    }
    return groups;
  }
}
