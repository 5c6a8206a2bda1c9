package io.zqt.org;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.core.io.ResourceLoader;

/**
 * The Tasklist filters of {@code data/org/filters.yaml}, read and checked once; any mistake stops the application at
 * start-up with the file name.
 */
final class FilterSeedData {

  static final String FILTERS = "classpath:data/org/filters.yaml";

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  /** The queries a filter may use; defined in {@link FilterSeeder}. */
  enum Query { ASSIGNED_TO_ME, MY_GROUPS, DUE_SOON, OVERDUE, SENT_BACK, ALL_OPEN }

  /** A variable shown on the task cards. */
  record CardVariable(String name, String label) {}

  /** One filter as the file describes it; groups with "unit-*" expanded. */
  record FilterDefinition(String key, String name, String description, Query query, int priority, String colour,
      boolean refresh, List<String> groups) {}

  private final List<CardVariable> variables;
  private final List<FilterDefinition> filters;

  private FilterSeedData(List<CardVariable> variables, List<FilterDefinition> filters) {
    this.variables = List.copyOf(variables);
    this.filters = List.copyOf(filters);
  }

  static FilterSeedData load(ResourceLoader resourceLoader, OrgSeedData orgData, UnitCatalog units) {
    YamlFile file = YamlFile.load(resourceLoader.getResource(FILTERS));
    Set<String> knownGroups = new HashSet<>();
    orgData.groups().forEach(group -> knownGroups.add(group.id()));
    List<CardVariable> variables = new ArrayList<>();
    for (Map<String, Object> entry : file.entries("variables", true)) {
      variables.add(new CardVariable(file.text(entry, "name", "variable"), file.text(entry, "label", "variable")));
    }
    List<FilterDefinition> filters = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Map<String, Object> entry : file.entries("filters", true)) {
      String key = file.text(entry, "key", "filter");
      String where = "filter " + key;
      if (!KEY.matcher(key).matches()) {
        throw file.error("%s: a key is lower-case letters and digits, in parts joined by '-'", where);
      }
      if (!keys.add(key)) {
        throw file.error("duplicate filter key %s", key);
      }
      String name = file.text(entry, "name", where);
      if (!names.add(name)) {
        throw file.error("%s: duplicate filter name %s", where, name);
      }
      Query query;
      try {
        query = Query.valueOf(file.text(entry, "query", where));
      } catch (IllegalArgumentException e) {
        throw file.error("%s: unknown query (expected one of %s)", where, List.of(Query.values()));
      }
      int priority;
      try {
        priority = Integer.parseInt(file.text(entry, "priority", where));
      } catch (NumberFormatException e) {
        throw file.error("%s: priority must be a whole number", where);
      }
      String colour = file.text(entry, "colour", where);
      if (!COLOUR.matcher(colour).matches()) {
        throw file.error("%s: colour must be #rrggbb", where);
      }
      if (!(entry.get("refresh") instanceof Boolean refresh)) {
        throw file.error("%s: refresh must be true or false", where);
      }
      Set<String> groups = new LinkedHashSet<>();
      for (String group : file.strings(entry.get("groups"), where + " groups")) {
        if (group.equals(OrgSeedData.EVERY_UNIT)) {
          units.all().forEach(unit -> groups.add(unit.groupId()));
        } else if (knownGroups.contains(group)) {
          if (group.equals(Groups.CAMUNDA_ADMIN)) {
            throw file.error("%s: %s sees every filter; do not list it", where, group);
          }
          groups.add(group);
        } else {
          throw file.error("%s: unknown group %s", where, group);
        }
      }
      filters.add(new FilterDefinition(key, name, file.text(entry, "description", where), query, priority, colour,
          refresh, List.copyOf(groups)));
    }
    if (filters.isEmpty()) {
      throw file.error("'filters' is empty");
    }
    return new FilterSeedData(variables, filters);
  }

  List<CardVariable> variables() {
    return variables;
  }

  List<FilterDefinition> filters() {
    return filters;
  }

  /** The filter's Tasklist properties: order, description, colour, refresh and the variables on the cards. */
  Map<String, Object> properties(FilterDefinition filter) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(FilterSeeder.KEY_PROPERTY, filter.key());
    properties.put("description", filter.description());
    properties.put("priority", filter.priority());
    properties.put("color", filter.colour());
    properties.put("refresh", filter.refresh());
    properties.put("showUndefinedVariable", false);
    List<Map<String, Object>> cards = new ArrayList<>();
    variables.forEach(v -> {
      Map<String, Object> variable = new LinkedHashMap<>();
      variable.put("name", v.name());
      variable.put("label", v.label());
      cards.add(variable);
    });
    properties.put("variables", cards);
    return properties;
  }
}
