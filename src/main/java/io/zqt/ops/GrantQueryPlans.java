package io.zqt.ops;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Has PostgreSQL plan the engine's authorized list queries for the values they are run with, every time.
 *
 * <p>The engine checks a query's authorizations by joining the caller's grants to every row
 * ({@code left join (SELECT A.* FROM ACT_RU_AUTHORIZATION A WHERE ... A.PERMS_ & ? = ? ...) AUTH ON (...)}), with the
 * resource type and permission bits bound as parameters. The JDBC driver turns a statement it has run five times on a
 * connection into a prepared statement on the server, and after five more runs PostgreSQL may switch to one generic
 * plan for all parameter values. A generic plan cannot use what makes a unit's task list fast: the statistics on the
 * permission bits and the partial index of task grants ({@link AuthorizationStatistics}) both name the values. Measured
 * at 100,000 finished and 50,000 open cases (docs/scale.md), hrss1's count took 59 ms with a plan for its values and
 * 7,823 ms with the generic plan, which the planner estimates as the cheaper one. So, on PostgreSQL, every engine
 * query with such a join is sent as a one-shot statement, planned with its values at each run: about a millisecond of
 * planning for queries that read thousands of rows. Every other statement keeps the driver's server-side preparation.
 *
 * <p>Except the task queries of one case or one task (by process instance, case number, execution or task id): the
 * lookups of the app, of Tasklist's task form and of each step of a case. Their generic plan starts from the index of
 * that key (one row estimated, whatever the value) and probes the grants of the few tasks found. At 100,000 finished
 * and 50,000 open cases it ran in 0.10–0.17 ms, against 0.08–0.12 ms for the plan for the values, whose planning took
 * 0.7–1.1 ms at every run (docs/scale.md; {@code TaskListPlanMeasurement#explainTheLookupsByCase}). The same holds for
 * the variables of a page of Tasklist's cards, read by their scopes (the tasks, executions and process instances):
 * 2.1 ms with the generic plan, 2.0 ms with the plan for the values, planned in 2.1 ms at every run
 * ({@code TaskListRequestTrace}, same fill).
 *
 * <p>{@code zqt.db.postgres.plan-grant-queries-per-run} ({@code ZQT_DB_PLAN_GRANT_QUERIES_PER_RUN}), default true.
 */
@Component
public class GrantQueryPlans extends AbstractProcessEnginePlugin {

  private final boolean enabled;

  public GrantQueryPlans(@Value("${zqt.db.postgres.plan-grant-queries-per-run:true}") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (enabled && "postgres".equals(configuration.getDatabaseType())) {
      configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new OneShotGrantQueries());
    }
  }

  /** The engine's join of the caller's grants, however MyBatis laid out the whitespace. */
  private static final Pattern GRANT_JOIN = Pattern.compile("\\)\\s*AUTH\\s+ON\\b", Pattern.CASE_INSENSITIVE);

  /** Whether a statement joins the caller's grants to its rows: a query the engine checks authorizations for. */
  static boolean joinsGrants(String sql) {
    String s = sql.stripLeading();
    return s.regionMatches(true, 0, "select", 0, 6) && s.contains("ACT_RU_AUTHORIZATION")
        && GRANT_JOIN.matcher(s).find();
  }

  /**
   * Whether a query's rows are narrowed to one case or a few tasks by a key with an index: a task query by process
   * instance, case number (business key), execution or task id (its own criteria are and-ed with any {@code or()}),
   * or a variable query by variable scope (the variables Tasklist shows on the cards of a page of tasks).
   */
  static boolean ofOneCaseOrTask(Object parameter) {
    if (parameter instanceof VariableInstanceQueryImpl variables) {
      return variables.getVariableScopeIds() != null && variables.getVariableScopeIds().length > 0;
    }
    return parameter instanceof TaskQueryImpl query && (query.getProcessInstanceId() != null
        || query.getProcessInstanceBusinessKey() != null || query.getExecutionId() != null
        || query.getTaskId() != null);
  }

  /** Marks the engine's grant-joining queries as one-shot (never server-prepared) for the PostgreSQL driver. */
  @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
  static final class OneShotGrantQueries implements Interceptor {

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
      Object prepared = invocation.proceed();
      BoundSql bound = ((StatementHandler) invocation.getTarget()).getBoundSql();
      if (prepared instanceof Statement statement && statement.isWrapperFor(PGStatement.class)
          && joinsGrants(bound.getSql()) && !ofOneCaseOrTask(bound.getParameterObject())) {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
      return prepared;
    }

    @Override
    public Object plugin(Object target) {
      return target instanceof StatementHandler ? Plugin.wrap(target, this) : target;
    }

    @Override
    public void setProperties(Properties properties) {
      // none
    }
  }
}
