package io.zqt.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks, without the statements that cannot change their answer.
 *
 * <p>With authorizations on, Camunda 7.24 adds statements to every command that the bare engine does not run (the
 * benchmark's SQL profile: 96 more per case lifecycle on PostgreSQL, docs/benchmarks.md). Three of them are left out
 * here, the check itself is run without MyBatis, and a unit's list of its candidate tasks runs without the grant join,
 * which cannot drop any of its rows. Every answer is the engine's own:
 * <ol>
 *   <li><b>Which of the user's groups hold authorizations.</b> Before its first check in a command the engine reads
 *       every group that holds any authorization ({@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION}, a
 *       scan of the whole table: 5.2 million rows at 1,000,000 finished cases), only to drop the user's other groups
 *       from the checks. A group without authorizations matches no grant, so keeping it changes no answer; the set
 *       only keeps the checks short for a user in hundreds of groups (a directory's). A ZQT user is in a few, so
 *       for up to {@value #GROUPS_CHECKED_DIRECTLY} groups the checks name all of them and nothing is read. For more,
 *       the set is read, on PostgreSQL by walking the group index from one value to the next (a loose index scan,
 *       one probe per group).</li>
 *   <li><b>Existing grants of a task created in the same command.</b> When a task gets its candidate group or its
 *       assignee, the engine looks for a grant to extend for that group or user and that task, for the task and for
 *       its history (two statements per task and identity). A task created in this command has none yet: its id is
 *       new. Grants made earlier in the same command are found in the command's cache, as the engine does anyway.</li>
 *   <li><b>Revoke authorizations</b> ({@code authorization-check-revokes}, ZQT's default {@code never}). In its
 *       default mode ({@code auto}) the engine asks in every command whether the user or a group of theirs has a
 *       revoke authorization. ZQT grants and never revokes (OrgSeeder, FilterSeeder, the engine's task grants), so
 *       it runs the checks without revokes, and keeps that true: creating a revoke is refused with a 400, and a
 *       database that holds revokes (made outside ZQT) switches the node back to {@code auto} at start-up, with a
 *       warning.</li>
 *   <li><b>The check itself</b> (claim, completion, reading a task's form: whether the user may do it), when revokes
 *       are not checked: MyBatis builds the engine's statement from a large dynamic mapping every time, and a CPU
 *       profile put 10% of all samples there against 2% for running it. {@link GrantCheck} reads the user's, the
 *       groups' and everyone's grants on the resources in question with one plain statement and answers as the
 *       engine's statement would; {@code LeanAuthorizationTest} and {@code PostgresLifecycleTest} compare the two
 *       answers for about a thousand checks.</li>
 *   <li><b>A unit's list of its candidate tasks</b> (Tasklist's 本单位待办 and its relatives: a task query for candidate
 *       tasks of the caller's own groups, or of the caller). The engine joins the caller's grants to every task of the
 *       list, three index probes per task: with 6,666 open tasks per unit that was two thirds of the list's count
 *       (docs/scale.md). Every such task has the grant already: the engine grants READ on a task to each group and
 *       user it links to it. So the join is left out for these queries ({@link #readableThroughCandidacy}), and they
 *       return what the engine's check returns ({@code LeanAuthorizationTest} compares the two). The one difference:
 *       a task grant deleted by hand in Admin no longer hides a task from a group that is still its candidate. A unit
 *       loses a task when the task ends or its candidate group changes (rerouting gives the case a new task).</li>
 * </ol>
 *
 * <p>{@code zqt.engine.lean-authorization=false} switches the first two and the last two off; {@code
 * camunda.bpm.generic-properties.properties.authorization-check-revokes} ({@code ZQT_AUTHORIZATION_CHECK_REVOKES})
 * sets the third.
 */
@Component
public class LeanAuthorizationPlugin extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(LeanAuthorizationPlugin.class);

  /** Up to this many groups, a user's checks name all of their groups instead of reading which hold grants. */
  public static final int GROUPS_CHECKED_DIRECTLY = 32;

  static final String NEVER = "never";

  /** Every distinct non-null GROUP_ID_, one index probe each (ACT_IDX_AUTH_GROUP_ID). */
  static final String DISTINCT_GROUPS = "WITH RECURSIVE g (id) AS ("
      + " SELECT MIN(GROUP_ID_) FROM ACT_RU_AUTHORIZATION"
      + " UNION ALL"
      + " SELECT (SELECT MIN(a.GROUP_ID_) FROM ACT_RU_AUTHORIZATION a WHERE a.GROUP_ID_ > g.id) FROM g"
      + " WHERE g.id IS NOT NULL)"
      + " SELECT id FROM g WHERE id IS NOT NULL";

  private final boolean lean;
  private ProcessEngineConfigurationImpl configuration;

  public LeanAuthorizationPlugin(@Value("${zqt.engine.lean-authorization:true}") boolean lean) {
    this.lean = lean;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new LeanAuthorizationManager(lean);
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    if (!revokesUnchecked(configuration)) {
      return;
    }
    // no authentication here, so the query itself is not checked
    long revokes = engine.getAuthorizationService().createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_REVOKE).count();
    if (revokes > 0) {
      configuration.setAuthorizationCheckRevokes("auto");
      log.warn("The database holds {} revoke authorizations, so this node checks revokes after all"
          + " (authorization-check-revokes: auto). ZQT grants only; remove the revokes and restart to save a"
          + " statement per command.", revokes);
    }
  }

  static boolean revokesUnchecked(ProcessEngineConfigurationImpl configuration) {
    String mode = configuration.getAuthorizationCheckRevokes();
    return mode != null && NEVER.equals(mode.toLowerCase(Locale.ROOT));
  }

  /** The engine's authorization manager with the shortcuts described on {@link LeanAuthorizationPlugin}. */
  static class LeanAuthorizationManager extends AuthorizationManager {

    private final boolean lean;

    LeanAuthorizationManager(boolean lean) {
      this.lean = lean;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (lean && authenticatedGroupIds != null && !authenticatedGroupIds.isEmpty()
          && authenticatedGroupIds.size() <= GROUPS_CHECKED_DIRECTLY) {
        return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
      }
      return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
    }

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

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, PermissionCheck permissionCheck) {
      if (!lean || !isAuthorizationEnabled()) {
        return super.isAuthorized(userId, groupIds, permissionCheck);
      }
      return isAuthorized(userId, groupIds, createCompositePermissionCheck(permissionCheck));
    }

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
      ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
      if (!lean || userId == null || !GrantCheck.runsOn(engine.getDatabaseType()) || !GrantCheck.supports(check)) {
        return super.isAuthorized(userId, groupIds, check);
      }
      for (PermissionCheck atomic : check.getAllPermissionChecks()) {
        if (!isResourceValidForPermission(atomic)) {
          throw LOG.invalidResourceForPermission(atomic.getResource().resourceName(),
              atomic.getPermission().getName());
        }
      }
      List<String> groups = filterAuthenticatedGroupIds(groupIds);
      if (isRevokeAuthCheckEnabled(userId, groups)) {
        return super.isAuthorized(userId, groupIds, check);
      }
      CommandContext command = Context.getCommandContext();
      return GrantCheck.authorizes(command.getDbSqlSession().getSqlSession().getConnection(),
          engine.getDatabaseType(), engine.getDatabaseTablePrefix(), userId, groups, check);
    }

    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      if (lean && readableThroughCandidacy(query)) {
        query.getAuthCheck().setPermissionChecks(new CompositePermissionCheck());
      }
    }

    @Override
    public AuthorizationEntity findAuthorizationByGroupIdAndResourceId(int type, String groupId, Resource resource,
        String resourceId) {
      if (lean && isTaskNewInThisCommand(resource, resourceId)) {
        return null;
      }
      return super.findAuthorizationByGroupIdAndResourceId(type, groupId, resource, resourceId);
    }

    @Override
    public AuthorizationEntity findAuthorizationByUserIdAndResourceId(int type, String userId, Resource resource,
        String resourceId) {
      if (lean && isTaskNewInThisCommand(resource, resourceId)) {
        return null;
      }
      return super.findAuthorizationByUserIdAndResourceId(type, userId, resource, resourceId);
    }

    @Override
    public void validateResourceCompatibility(AuthorizationEntity authorization) {
      super.validateResourceCompatibility(authorization);
      if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE
          && revokesUnchecked(Context.getProcessEngineConfiguration())) {
        throw new BadUserRequestException("撤销授权（REVOKE）未启用：本系统只使用授予授权（GRANT），请删除或缩小相应的授予授权。"
            + " Revoke authorizations are not checked here (authorization-check-revokes: never);"
            + " remove or narrow the grant instead.");
      }
    }
  }

  /**
   * Whether every task the query can return is one the caller may read because one of the caller's groups (or the
   * caller) is its candidate: the query asks for candidate tasks of the caller's own groups only, and revokes are
   * not checked. The engine grants READ on a task to each group and user it links to the task (its default
   * authorization provider, whenever authorizations are on), and the query's candidate condition is joined by
   * {@code and} to everything else, including an {@code or()} block; so joining the caller's grants to each task
   * cannot drop a row.
   */
  static boolean readableThroughCandidacy(TaskQueryImpl query) {
    AuthorizationCheck check = query.getAuthCheck();
    if (!check.getShouldPerformAuthorizatioCheck() || check.isRevokeAuthorizationCheckEnabled()
        || check.getAuthUserId() == null || query.getCandidateGroupLike() != null) {
      return false;
    }
    String candidateUser = query.getCandidateUser();
    if (candidateUser != null && !candidateUser.equals(check.getAuthUserId())) {
      return false;
    }
    List<String> candidateGroups = query.getCandidateGroups();
    if (candidateUser == null && (candidateGroups == null || candidateGroups.isEmpty())) {
      return false;
    }
    List<String> ownGroups = check.getAuthGroupIds();
    return candidateGroups == null || ownGroups != null && ownGroups.containsAll(candidateGroups);
  }

  /** Whether the resource is a task (or its history) inserted by the running command, so it has no grants yet. */
  static boolean isTaskNewInThisCommand(Resource resource, String resourceId) {
    if (resourceId == null || resource == null) {
      return false;
    }
    int type = resource.resourceType();
    if (type != Resources.TASK.resourceType() && type != Resources.HISTORIC_TASK.resourceType()) {
      return false;
    }
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return false;
    }
    CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache()
        .getCachedEntity(TaskEntity.class, resourceId);
    return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
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
