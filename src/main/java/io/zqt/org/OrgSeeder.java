package io.zqt.org;

import io.zqt.ops.ClusterLock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the organisation into the engine's identity and authorization tables on every start: the staff groups, one
 * group per unit, the administrator, the authorizations of {@code data/org/authorizations.yaml} and, with
 * {@code zqt.demo.enabled=true}, the demo users.
 *
 * <p>It is a process engine plugin: {@link #postProcessEngineBuild} runs while the {@code ProcessEngine} bean is
 * built, before the web server accepts requests (as Camunda's own admin-user and filter set-up do). Seeding is
 * idempotent: it creates only what is missing, in one transaction, with no authenticated user (so authorization
 * checks pass). It never changes a password or removes a permission that exists.
 *
 * <p>The application refuses to start when {@code zqt.admin.password} is blank: outside the demo profile
 * {@code ZQT_ADMIN_PASSWORD} must always be set, so production never runs with a default password.
 */
@Component
public class OrgSeeder extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(OrgSeeder.class);

  static final String MISSING_ADMIN_PASSWORD = "ZQT_ADMIN_PASSWORD must be set outside the demo profile";

  /** What one seeding run created; all zero when everything was already there. */
  public record SeedReport(int groupsCreated, int usersCreated, int membershipsCreated, int authorizationsCreated,
      int authorizationsExtended) {

    public boolean changedNothing() {
      return groupsCreated + usersCreated + membershipsCreated + authorizationsCreated + authorizationsExtended == 0;
    }
  }

  private final OrgSeedData data;
  private final TransactionTemplate transaction;
  private final ClusterLock clusterLock;
  private final String adminUserId;
  private final String adminPassword;
  private final boolean demoEnabled;

  public OrgSeeder(UnitCatalog units, ResourceLoader resourceLoader, Environment environment,
      PlatformTransactionManager transactionManager, ClusterLock clusterLock,
      @Value("${zqt.admin.user-id:admin}") String adminUserId,
      @Value("${zqt.admin.password:}") String adminPassword,
      @Value("${zqt.demo.enabled:false}") boolean demoEnabled) {
    if (adminUserId == null || adminUserId.isBlank()) {
      throw new IllegalStateException("zqt.admin.user-id (ZQT_ADMIN_USER) must not be blank");
    }
    if (adminPassword == null || adminPassword.isBlank()) {
      boolean demoProfile = environment.acceptsProfiles(Profiles.of("demo"));
      throw new IllegalStateException(MISSING_ADMIN_PASSWORD + ": zqt.admin.password is blank"
          + (demoProfile ? " although the demo profile is active" : "")
          + "; ZQT does not start without an explicit administrator password");
    }
    this.data = OrgSeedData.load(resourceLoader, units);
    this.transaction = new TransactionTemplate(transactionManager);
    this.clusterLock = clusterLock;
    this.adminUserId = adminUserId.strip();
    this.adminPassword = adminPassword;
    this.demoEnabled = demoEnabled;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    seed(processEngine);
  }

  /**
   * Creates what is missing; safe to run any number of times.
   *
   * @throws IllegalStateException when afterwards no user is a member of {@code camunda-admin}
   */
  public SeedReport seed(ProcessEngine engine) {
    return Seeding.asSystemRetryingOnce(engine, "the organisation", () -> seedInOneTransaction(engine));
  }

  private SeedReport seedInOneTransaction(ProcessEngine engine) {
    SeedReport report = transaction.execute(status -> {
      clusterLock.holdForTransaction(Seeding.LOCK);
      return new Run(engine).seed();
    });
    if (report.changedNothing()) {
      log.info("Organisation seeded: {} groups, {} authorizations already in place", data.groups().size(),
          data.grants().size() + Resources.values().length);
    } else {
      log.info("Organisation seeded: created {} groups, {} users, {} memberships, {} authorizations; added "
              + "permissions to {} authorizations", report.groupsCreated(), report.usersCreated(),
          report.membershipsCreated(), report.authorizationsCreated(), report.authorizationsExtended());
    }
    return report;
  }

  /** One seeding run with its counters. */
  private final class Run {

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private int groupsCreated;
    private int usersCreated;
    private int membershipsCreated;
    private int authorizationsCreated;
    private int authorizationsExtended;

    Run(ProcessEngine engine) {
      this.identity = engine.getIdentityService();
      this.authorizations = engine.getAuthorizationService();
    }

    SeedReport seed() {
      if (identity.isReadOnly()) {
        log.warn("The identity service is read-only: groups and users are not seeded, only authorizations");
      } else {
        data.groups().forEach(group -> ensureGroup(group.id(), group.name(), group.type()));
        ensureUser(adminUserId, "系统", "管理员", null, adminPassword);
        ensureMembership(adminUserId, Groups.CAMUNDA_ADMIN);
        if (demoEnabled) {
          log.warn("Demo users are enabled (zqt.demo.enabled=true): {} users with a known password; never in "
              + "production", data.demoUsers().size());
          for (OrgSeedData.DemoUser user : data.demoUsers()) {
            ensureUser(user.id(), user.firstName(), user.lastName(), user.email(), data.demoPassword());
            user.groups().forEach(group -> ensureMembership(user.id(), group));
          }
        }
      }
      for (Resources resource : Resources.values()) {
        ensureGrant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, List.of(Permissions.ALL));
      }
      data.grants().forEach(grant ->
          ensureGrant(grant.groupId(), grant.resource(), grant.resourceId(), grant.permissions()));
      if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
        throw new IllegalStateException("No user is a member of " + Groups.CAMUNDA_ADMIN
            + ": Camunda would open its first-admin setup page to anyone");
      }
      return new SeedReport(groupsCreated, usersCreated, membershipsCreated, authorizationsCreated,
          authorizationsExtended);
    }

    private void ensureGroup(String id, String name, String type) {
      if (identity.createGroupQuery().groupId(id).count() > 0) {
        return;
      }
      Group group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
      groupsCreated++;
    }

    private void ensureUser(String id, String firstName, String lastName, String email, String password) {
      if (identity.createUserQuery().userId(id).count() > 0) {
        return;
      }
      User user = identity.newUser(id);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      identity.saveUser(user);
      usersCreated++;
      log.info("Created user {}", id);
    }

    private void ensureMembership(String userId, String groupId) {
      if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0) {
        return;
      }
      identity.createMembership(userId, groupId);
      membershipsCreated++;
    }

    private void ensureGrant(String groupId, Resources resource, String resourceId, List<Permission> wanted) {
      List<Authorization> existing = authorizations.createAuthorizationQuery()
          .authorizationType(Authorization.AUTH_TYPE_GRANT)
          .groupIdIn(groupId)
          .resourceType(resource)
          .resourceId(resourceId)
          .list();
      if (existing.isEmpty()) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(groupId);
        grant.setResource(resource);
        grant.setResourceId(resourceId);
        wanted.forEach(grant::addPermission);
        authorizations.saveAuthorization(grant);
        authorizationsCreated++;
        return;
      }
      // The database allows one grant per group, resource type and resource id.
      Authorization grant = existing.get(0);
      List<Permission> missing = wanted.stream().filter(permission -> !grant.isPermissionGranted(permission))
          .toList();
      if (!missing.isEmpty()) {
        missing.forEach(grant::addPermission);
        authorizations.saveAuthorization(grant);
        authorizationsExtended++;
        log.info("Granted {} {} on {} {}", groupId, names(missing), resource, resourceId);
      }
      if (!Groups.CAMUNDA_ADMIN.equals(groupId)) {
        warnAboutExtraPermissions(grant, wanted);
      }
    }

    private void warnAboutExtraPermissions(Authorization grant, List<Permission> wanted) {
      Resources resource = (Resources) ResourceTypeUtil.getResourceByType(grant.getResourceType());
      Set<String> wantedNames = new LinkedHashSet<>(names(wanted));
      List<String> extra = grant.isEveryPermissionGranted()
          ? List.of(Permissions.ALL.getName())
          : Arrays.stream(ResourceTypeUtil.getPermissionsByResourceType(grant.getResourceType()))
              .filter(p -> p.getValue() != Permissions.NONE.getValue() && p.getValue() != Permissions.ALL.getValue())
              .filter(p -> Arrays.asList(p.getTypes()).contains(resource))
              .filter(p -> !wantedNames.contains(p.getName()))
              .filter(grant::isPermissionGranted)
              .map(Permission::getName)
              .toList();
      if (!extra.isEmpty()) {
        log.warn("Group {} holds {} on {} {} beyond {}; revoke in Camunda Admin if not intended", grant.getGroupId(),
            extra, resource, grant.getResourceId(), OrgSeedData.AUTHORIZATIONS);
      }
    }

    private static List<String> names(List<Permission> permissions) {
      return permissions.stream().map(Permission::getName).toList();
    }
  }
}
