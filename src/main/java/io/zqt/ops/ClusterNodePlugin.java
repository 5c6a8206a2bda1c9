package io.zqt.ops;

import java.util.UUID;
import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the engine needs to run as one of several nodes on a shared database (docs/cluster.md):
 * <ul>
 *   <li>the engine's own table creation ({@code camunda.bpm.database.schema-update}) runs under a cluster lock:
 *       two nodes starting together on an empty database otherwise both create the tables and one fails;</li>
 *   <li>the node's name ({@code ZQT_NODE_NAME}), when set, becomes the engine's host name, written into the job
 *       log and the metrics of every job this node runs, and the prefix of its job executor's lock owner.</li>
 * </ul>
 */
@Component
public class ClusterNodePlugin extends AbstractProcessEnginePlugin {

  static final String SCHEMA_LOCK = "engine-schema";

  private static final Logger log = LoggerFactory.getLogger(ClusterNodePlugin.class);

  private final String nodeName;

  public ClusterNodePlugin(@Value("${zqt.cluster.node-name:}") String nodeName) {
    this.nodeName = nodeName == null ? "" : nodeName.strip();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!nodeName.isEmpty()) {
      configuration.setHostname(nodeName);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    SchemaOperationsCommand schema = configuration.getSchemaOperationsCommand();
    if (schema != null && !(schema instanceof LockedSchemaOperations)) {
      configuration.setSchemaOperationsCommand(new LockedSchemaOperations(schema));
    }
    JobExecutor jobExecutor = configuration.getJobExecutor();
    if (!nodeName.isEmpty() && jobExecutor != null) {
      // unique per start, recognisable per node: a restarted node must not take its earlier run's locks for its own
      jobExecutor.setLockOwner(nodeName + ":" + UUID.randomUUID());
      log.info("Cluster node {}: job executor lock owner {}", nodeName, jobExecutor.getLockOwner());
    }
  }

  /** The engine's schema check and creation, one node at a time. */
  record LockedSchemaOperations(SchemaOperationsCommand delegate) implements SchemaOperationsCommand {

    @Override
    public Void execute(CommandContext commandContext) {
      ClusterLock.hold(commandContext.getDbSqlSession().getSqlSession().getConnection(), SCHEMA_LOCK);
      return delegate.execute(commandContext);
    }
  }
}
