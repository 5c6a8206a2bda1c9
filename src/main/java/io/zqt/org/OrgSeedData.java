package io.zqt.org;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.springframework.core.io.ResourceLoader;

/**
 * The organisation as data: staff groups ({@code data/org/groups.yaml}), what each group may do
 * ({@code data/org/authorizations.yaml}) and the demo users ({@code data/org/demo-users.yaml}), read and checked
 * once; any mistake stops the application at start-up with the file name.
 */
final class OrgSeedData {

  static final String GROUPS = "classpath:data/org/groups.yaml";
  static final String AUTHORIZATIONS = "classpath:data/org/authorizations.yaml";
  static final String DEMO_USERS = "classpath:data/org/demo-users.yaml";

  /** In authorizations.yaml: the grants of every unit group. */
  static final String EVERY_UNIT = Unit.GROUP_PREFIX + "*";

  private static final Pattern GROUP_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  /** Camunda's default user id pattern allows letters and digits only. */
  private static final Pattern USER_ID = Pattern.compile("[a-z][a-z0-9]*");
  private static final Set<String> GROUP_TYPES = Set.of(Groups.GROUP_TYPE_WORKFLOW, Groups.GROUP_TYPE_SYSTEM);

  /** A Camunda group to exist. */
  record GroupDefinition(String id, String name, String type) {}

  /** A GRANT authorization for a group on one resource (id or "*"). */
  record Grant(String groupId, Resources resource, String resourceId, List<Permission> permissions) {}

  /** A demo user and the groups it belongs to. */
  record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {}

  private final List<GroupDefinition> groups;
  private final List<Grant> grants;
  private final String demoPassword;
  private final List<DemoUser> demoUsers;

  private OrgSeedData(List<GroupDefinition> groups, List<Grant> grants, String demoPassword,
      List<DemoUser> demoUsers) {
    this.groups = List.copyOf(groups);
    this.grants = List.copyOf(grants);
    this.demoPassword = demoPassword;
    this.demoUsers = List.copyOf(demoUsers);
  }

  static OrgSeedData load(ResourceLoader resourceLoader, UnitCatalog units) {
    List<GroupDefinition> staffGroups = readGroups(YamlFile.load(resourceLoader.getResource(GROUPS)));
    List<GroupDefinition> groups = new ArrayList<>(staffGroups);
    units.all().forEach(unit -> groups.add(new GroupDefinition(unit.groupId(), unit.nameZh(),
        Groups.GROUP_TYPE_WORKFLOW)));
    List<Grant> grants = readGrants(YamlFile.load(resourceLoader.getResource(AUTHORIZATIONS)), staffGroups, units);
    YamlFile demo = YamlFile.load(resourceLoader.getResource(DEMO_USERS));
    String password = demo.text(demo.root(), "password", "top level");
    Set<String> groupIds = new HashSet<>();
    groups.forEach(group -> groupIds.add(group.id()));
    return new OrgSeedData(groups, grants, password, readDemoUsers(demo, groupIds));
  }

  /** Staff groups, camunda-admin and one group per unit. */
  List<GroupDefinition> groups() {
    return groups;
  }

  /** Every grant of authorizations.yaml, with "unit-*" expanded to every unit group. */
  List<Grant> grants() {
    return grants;
  }

  String demoPassword() {
    return demoPassword;
  }

  List<DemoUser> demoUsers() {
    return demoUsers;
  }

  private static List<GroupDefinition> readGroups(YamlFile file) {
    List<GroupDefinition> groups = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> entry : file.entries("groups", true)) {
      String id = file.text(entry, "id", "group");
      String where = "group " + id;
      if (!GROUP_ID.matcher(id).matches()) {
        throw file.error("%s: a group id is lower-case letters and digits, in parts joined by '-'", where);
      }
      if (id.startsWith(Unit.GROUP_PREFIX)) {
        throw file.error("%s: ids starting with '%s' belong to the units of %s", where, Unit.GROUP_PREFIX,
            UnitCatalog.LOCATION);
      }
      if (!ids.add(id)) {
        throw file.error("duplicate group id %s", id);
      }
      String type = file.text(entry, "type", where);
      if (!GROUP_TYPES.contains(type)) {
        throw file.error("%s: unknown type %s (expected one of %s)", where, type, GROUP_TYPES);
      }
      groups.add(new GroupDefinition(id, file.text(entry, "name", where), type));
    }
    if (!ids.contains(Groups.CAMUNDA_ADMIN)) {
      throw file.error("the group %s is missing", Groups.CAMUNDA_ADMIN);
    }
    return groups;
  }

  private static List<Grant> readGrants(YamlFile file, List<GroupDefinition> staffGroups, UnitCatalog units) {
    Map<String, Object> byGroup = file.map(file.root().get("groups"), "'groups'");
    Set<String> expected = new LinkedHashSet<>();
    staffGroups.stream().map(GroupDefinition::id).filter(id -> !id.equals(Groups.CAMUNDA_ADMIN))
        .forEach(expected::add);
    expected.add(EVERY_UNIT);
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(byGroup.keySet());
    if (!missing.isEmpty()) {
      throw file.error("no authorizations for %s (a group without any cannot log in)", missing);
    }
    // group -> resource -> resource id -> permissions; "unit-*" and a unit's own entry are merged
    Map<GrantKey, Set<Permission>> merged = new LinkedHashMap<>();
    for (Map.Entry<String, Object> groupEntry : byGroup.entrySet()) {
      String key = groupEntry.getKey();
      List<String> groupIds;
      if (key.equals(EVERY_UNIT)) {
        groupIds = units.all().stream().map(Unit::groupId).toList();
      } else if (expected.contains(key) || units.unitOfGroup(key).isPresent()) {
        groupIds = List.of(key);
      } else if (key.equals(Groups.CAMUNDA_ADMIN)) {
        throw file.error("%s is granted ALL on every resource by the seeder; do not list it", key);
      } else {
        throw file.error("unknown group %s (not in %s, not a unit group)", key, GROUPS);
      }
      Map<String, Object> byResource = file.map(groupEntry.getValue(), "group " + key);
      for (Map.Entry<String, Object> resourceEntry : byResource.entrySet()) {
        String where = key + " " + resourceEntry.getKey();
        Resources resource = resource(file, resourceEntry.getKey(), where);
        Map<String, Object> byResourceId = file.map(resourceEntry.getValue(), where);
        for (Map.Entry<String, Object> idEntry : byResourceId.entrySet()) {
          String resourceId = idEntry.getKey().strip();
          String at = where + " " + resourceId;
          if (resourceId.isEmpty()) {
            throw file.error("%s: empty resource id", where);
          }
          List<Permission> permissions = new ArrayList<>();
          for (String name : file.strings(idEntry.getValue(), at)) {
            permissions.add(permission(file, resource, name.strip(), at));
          }
          for (String groupId : groupIds) {
            merged.computeIfAbsent(new GrantKey(groupId, resource, resourceId), k -> new LinkedHashSet<>())
                .addAll(permissions);
          }
        }
      }
    }
    return merged.entrySet().stream()
        .map(e -> new Grant(e.getKey().groupId(), e.getKey().resource(), e.getKey().resourceId(),
            List.copyOf(e.getValue())))
        .toList();
  }

  private record GrantKey(String groupId, Resources resource, String resourceId) {}

  private static Resources resource(YamlFile file, String name, String where) {
    try {
      return Resources.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw file.error("%s: unknown resource %s (expected one of %s)", where, name, Arrays.toString(
          Resources.values()));
    }
  }

  /** The permission of this name that applies to the resource; ALL and NONE are refused. */
  static Permission permission(YamlFile file, Resources resource, String name, String where) {
    if (name.equals("ALL") || name.equals("NONE")) {
      throw file.error("%s: %s is not allowed here, list the permissions one by one", where, name);
    }
    Permission permission;
    try {
      permission = ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType());
    } catch (BadUserRequestException e) {
      throw file.error("%s: %s is not a permission of %s", where, name, resource);
    }
    if (!Arrays.asList(permission.getTypes()).contains(resource)) {
      throw file.error("%s: %s does not apply to %s", where, name, resource);
    }
    return permission;
  }

  private static List<DemoUser> readDemoUsers(YamlFile file, Set<String> groupIds) {
    List<DemoUser> users = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Map<String, Object> entry : file.entries("users", true)) {
      String id = file.text(entry, "id", "user");
      String where = "user " + id;
      if (!USER_ID.matcher(id).matches()) {
        throw file.error("%s: a user id is lower-case letters and digits", where);
      }
      if (!ids.add(id)) {
        throw file.error("duplicate user id %s", id);
      }
      List<String> groups = file.strings(entry.get("groups"), where + " groups");
      for (String group : groups) {
        if (!groupIds.contains(group)) {
          throw file.error("%s: unknown group %s", where, group);
        }
        if (group.equals(Groups.CAMUNDA_ADMIN)) {
          throw file.error("%s: a demo user must not be an administrator", where);
        }
      }
      users.add(new DemoUser(id, file.text(entry, "firstName", where), file.text(entry, "lastName", where),
          file.text(entry, "email", where), groups));
    }
    return users;
  }
}
