package io.zqt.org;

import io.zqt.ops.ClusterLock;
import io.zqt.org.FilterSeedData.FilterDefinition;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the Tasklist filters of {@code data/org/filters.yaml} on every start (a process engine plugin, like
 * {@link OrgSeeder}): each filter owned by the administrator, with its Chinese name, query and Tasklist properties,
 * READ granted per filter to exactly the groups listed. Idempotent; the data file wins over edits in the database.
 *
 * <p>Filters are granted one by one, so a user sees only the filters of their roles: a blanket grant of READ on
 * every filter ({@code FILTER "*"}) to a group other than {@code camunda-admin}, as earlier versions seeded it, is
 * revoked.
 */
@Component
public class FilterSeeder extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(FilterSeeder.class);

  /** The filter property holding the key of filters.yaml. */
  public static final String KEY_PROPERTY = "zqtKey";

  /** What one seeding run changed; all zero when everything was already in place. */
  public record SeedReport(int filtersCreated, int filtersUpdated, int grantsCreated, int grantsRevoked) {

    public boolean changedNothing() {
      return filtersCreated + filtersUpdated + grantsCreated + grantsRevoked == 0;
    }
  }

  private final FilterSeedData data;
  private final TransactionTemplate transaction;
  private final ClusterLock clusterLock;
  private final String ownerId;

  public FilterSeeder(UnitCatalog units, ResourceLoader resourceLoader, PlatformTransactionManager transactionManager,
      ClusterLock clusterLock, @Value("${zqt.admin.user-id:admin}") String adminUserId) {
    this.data = FilterSeedData.load(resourceLoader, OrgSeedData.load(resourceLoader, units), units);
    this.transaction = new TransactionTemplate(transactionManager);
    this.clusterLock = clusterLock;
    this.ownerId = Objects.requireNonNull(adminUserId, "zqt.admin.user-id").strip();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    seed(processEngine);
  }

  /** The ids of the seeded filters by key (after seeding). */
  public Map<String, String> filterIds(ProcessEngine engine) {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Filter filter : engine.getFilterService().createTaskFilterQuery().list()) {
      if (filter.getProperties() != null && filter.getProperties().get(KEY_PROPERTY) instanceof String key) {
        ids.putIfAbsent(key, filter.getId());
      }
    }
    return ids;
  }

  /** Creates, corrects and grants what differs from filters.yaml; safe to run any number of times. */
  public SeedReport seed(ProcessEngine engine) {
    return Seeding.asSystemRetryingOnce(engine, "the Tasklist filters", () -> seedInOneTransaction(engine));
  }

  private SeedReport seedInOneTransaction(ProcessEngine engine) {
    SeedReport report = transaction.execute(status -> {
      clusterLock.holdForTransaction(Seeding.LOCK);
      return new Run(engine).seed();
    });
    if (report.changedNothing()) {
      log.info("Tasklist filters seeded: {} filters already in place", data.filters().size());
    } else {
      log.info("Tasklist filters seeded: created {}, updated {}, granted {}, revoked {} grants",
          report.filtersCreated(), report.filtersUpdated(), report.grantsCreated(), report.grantsRevoked());
    }
    return report;
  }

  /** The task query of each kind; expressions are evaluated when the filter runs, for the user who runs it. */
  static TaskQuery query(FilterSeedData.Query kind, TaskQuery query) {
    return switch (kind) {
      case ASSIGNED_TO_ME -> query.taskAssigneeExpression("${currentUser()}");
      case MY_GROUPS -> myGroups(query);
      case DUE_SOON -> myGroups(query).followUpBeforeExpression("${now()}").dueAfterExpression("${now()}");
      case OVERDUE -> myGroups(query).dueBeforeExpression("${now()}");
      case SENT_BACK -> myGroups(query).or()
          .processVariableValueEquals("qcOutcome", "REWORK")
          .processVariableValueEquals("signForDecision", "RETURN")
          .endOr();
      case ALL_OPEN -> query;
    };
  }

  private static TaskQuery myGroups(TaskQuery query) {
    return query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
  }

  private final class Run {

    private final FilterService filters;
    private final AuthorizationService authorizations;
    private int created;
    private int updated;
    private int granted;
    private int revoked;

    Run(ProcessEngine engine) {
      this.filters = engine.getFilterService();
      this.authorizations = engine.getAuthorizationService();
    }

    SeedReport seed() {
      revokeBlanketFilterGrants();
      Map<String, Filter> byKey = new LinkedHashMap<>();
      for (Filter filter : filters.createTaskFilterQuery().list()) {
        if (filter.getProperties() != null && filter.getProperties().get(KEY_PROPERTY) instanceof String key) {
          byKey.putIfAbsent(key, filter);
        }
      }
      for (FilterDefinition definition : data.filters()) {
        Filter filter = ensureFilter(byKey.get(definition.key()), definition);
        ensureGrants(filter.getId(), definition.groups());
      }
      return new SeedReport(created, updated, granted, revoked);
    }

    private Filter ensureFilter(Filter existing, FilterDefinition definition) {
      Filter wanted = filters.newTaskFilter(definition.name());
      wanted.setOwner(ownerId);
      wanted.setProperties(data.properties(definition));
      wanted.setQuery(query(definition.query(), new TaskQueryImpl()));
      if (existing == null) {
        created++;
        log.info("Created Tasklist filter {} ({})", definition.name(), definition.key());
        return filters.saveFilter(wanted);
      }
      boolean same = Objects.equals(existing.getName(), wanted.getName())
          && Objects.equals(existing.getOwner(), wanted.getOwner())
          && Objects.equals(existing.getProperties(), wanted.getProperties())
          && Objects.equals(((FilterEntity) existing).getQueryInternal(), ((FilterEntity) wanted).getQueryInternal());
      if (same) {
        return existing;
      }
      existing.setName(wanted.getName());
      existing.setOwner(wanted.getOwner());
      existing.setProperties(wanted.getProperties());
      existing.setQuery(wanted.getQuery());
      updated++;
      log.info("Put Tasklist filter {} ({}) back as {} says", definition.name(), definition.key(),
          FilterSeedData.FILTERS);
      return filters.saveFilter(existing);
    }

    private void ensureGrants(String filterId, List<String> groups) {
      Set<String> wanted = new HashSet<>(groups);
      for (Authorization grant : authorizations.createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.FILTER).resourceId(filterId)
          .list()) {
        String group = grant.getGroupId();
        if (group != null && !wanted.contains(group) && !Groups.CAMUNDA_ADMIN.equals(group)) {
          authorizations.deleteAuthorization(grant.getId());
          revoked++;
          log.warn("Revoked READ on Tasklist filter {} from group {} (not in {})", filterId, group,
              FilterSeedData.FILTERS);
        }
      }
      for (String group : groups) {
        List<Authorization> existing = authorizations.createAuthorizationQuery()
            .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group).resourceType(Resources.FILTER)
            .resourceId(filterId).list();
        if (existing.isEmpty()) {
          Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          grant.setGroupId(group);
          grant.setResource(Resources.FILTER);
          grant.setResourceId(filterId);
          grant.addPermission(Permissions.READ);
          authorizations.saveAuthorization(grant);
          granted++;
        } else if (!existing.get(0).isPermissionGranted(Permissions.READ)) {
          existing.get(0).addPermission(Permissions.READ);
          authorizations.saveAuthorization(existing.get(0));
          granted++;
        }
      }
    }

    /** Earlier versions granted READ on every filter to every staff and unit group. */
    private void revokeBlanketFilterGrants() {
      for (Authorization grant : authorizations.createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.FILTER)
          .resourceId(Authorization.ANY).list()) {
        if (grant.getGroupId() != null && !Groups.CAMUNDA_ADMIN.equals(grant.getGroupId())) {
          authorizations.deleteAuthorization(grant.getId());
          revoked++;
          log.warn("Revoked the grant on every filter (FILTER *) from group {}: filters are granted one by one in {}",
              grant.getGroupId(), FilterSeedData.FILTERS);
        }
      }
    }
  }
}
