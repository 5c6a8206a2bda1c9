package io.zqt.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;

/** ZQT's answer to an authorization check against the engine's, on whichever database the app runs. */
public final class EngineAnswerComparison {

  private EngineAnswerComparison() {
  }

  /**
   * Asks the same checks of ZQT's authorization manager and of the engine's own statement, for users with and without
   * grants of their own, of their groups and of everyone, and asserts the same answer each time.
   *
   * @return how many checks were authorized and how many were not
   */
  public static int[] compare(ProcessEngineConfigurationImpl engine, AuthorizationService authorizations,
      String taskId) {
    int grant = Authorization.AUTH_TYPE_GRANT;
    List<Authorization> made = List.of(
        save(authorizations, grant, "eq-user", null, Resources.TASK, "zqt-eq-1", Permissions.READ),
        save(authorizations, grant, null, "eq-group", Resources.TASK, "zqt-eq-2", Permissions.READ,
            TaskPermissions.TASK_WORK),
        save(authorizations, grant, null, "eq-group", Resources.PROCESS_DEFINITION, "*", Permissions.READ),
        save(authorizations, Authorization.AUTH_TYPE_GLOBAL, "*", null, Resources.PROCESS_DEFINITION, "zqt-eq-def",
            ProcessDefinitionPermissions.READ_TASK),
        save(authorizations, grant, "eq-user", null, Resources.DEPLOYMENT, "*", Permissions.ALL));
    try {
      List<PermissionCheck> atomics = new ArrayList<>();
      Map<Resources, List<Permission>> permissions = Map.of(
          Resources.TASK, List.of(Permissions.READ, TaskPermissions.TASK_WORK, Permissions.UPDATE),
          Resources.PROCESS_DEFINITION, List.of(Permissions.READ, ProcessDefinitionPermissions.READ_TASK,
              ProcessDefinitionPermissions.UPDATE_TASK),
          Resources.DEPLOYMENT, List.of(Permissions.READ, Permissions.DELETE),
          Resources.HISTORIC_TASK, List.of(HistoricTaskPermissions.READ));
      List<String> ids = java.util.Arrays.asList(null, "*", "zqt-eq-1", "zqt-eq-2", "zqt-eq-def", "other", taskId);
      List<Long> notFound = java.util.Arrays.asList(null, 0L, 1L);
      permissions.forEach((resource, perms) -> perms.forEach(permission -> ids.forEach(id -> notFound.forEach(nf -> {
        PermissionCheck check = new PermissionCheck();
        check.setResource(resource);
        check.setPermission(permission);
        check.setResourceId(id);
        check.setAuthorizationNotFoundReturnValue(nf);
        atomics.add(check);
      }))));
      java.util.Random random = new java.util.Random(20261127);
      List<CompositePermissionCheck> checks = new ArrayList<>();
      for (PermissionCheck atomic : atomics) {
        CompositePermissionCheck single = new CompositePermissionCheck();
        single.addAtomicCheck(atomic);
        checks.add(single);
      }
      for (int i = 0; i < 400; i++) {
        checks.add(randomAtomics(random, atomics));
      }
      for (int i = 0; i < 200; i++) {
        checks.add(randomAtomics(random, atomics));
      }
      List<List<String>> users = List.of(List.of("eq-user"), List.of("eq-user", "eq-group"), List.of("other",
          "eq-group"), List.of("other"), List.of("hrss1", "unit-hrss"), List.of("zhifu1", "unit-zhifu"));
      int[] answered = {0, 0};
      engine.getCommandExecutorTxRequired().execute(command -> {
        var lean = new LeanAuthorizationPlugin.LeanAuthorizationManager(true);
        var plain = new LeanAuthorizationPlugin.LeanAuthorizationManager(false);
        for (List<String> user : users) {
          String userId = user.get(0);
          List<String> groups = user.subList(1, user.size());
          for (CompositePermissionCheck check : checks) {
            boolean engineAnswer = plain.isAuthorized(userId, groups, check);
            assertThat(lean.isAuthorized(userId, groups, check))
                .as("%s %s: %s", userId, groups, describe(check)).isEqualTo(engineAnswer);
            answered[engineAnswer ? 0 : 1]++;
          }
        }
        return null;
      });
      return answered;
    } finally {
      made.forEach(a -> authorizations.deleteAuthorization(a.getId()));
    }
  }

  private static CompositePermissionCheck randomAtomics(java.util.Random random, List<PermissionCheck> atomics) {
    CompositePermissionCheck check = new CompositePermissionCheck(random.nextBoolean());
    int size = 1 + random.nextInt(3);
    for (int j = 0; j < size; j++) {
      check.addAtomicCheck(atomics.get(random.nextInt(atomics.size())));
    }
    return check;
  }

  private static String describe(CompositePermissionCheck check) {
    return (check.isDisjunctive() ? "any" : "all") + check.getAtomicChecks().stream()
        .map(c -> c.getPermission().getName() + " " + c.getResource().resourceName() + " " + c.getResourceId()
            + " ?" + c.getAuthorizationNotFoundReturnValue()).toList();
  }

  private static Authorization save(AuthorizationService authorizations, int type, String user, String group,
      Resources resource, String id, Permission... permissions) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setUserId(user);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(id);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    return authorizations.saveAuthorization(authorization);
  }

}
