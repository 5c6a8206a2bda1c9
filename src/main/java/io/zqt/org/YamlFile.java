package io.zqt.org;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A YAML data file read once, with error messages that name the file.
 *
 * <p>Every problem (missing file, YAML syntax, wrong shape, missing or malformed value) is reported as an {@link
 * IllegalStateException} whose message starts with the file name, so a bad data file stops the application at
 * start-up with a message that says where to look.
 */
final class YamlFile {

  private final String name;
  private final Map<String, Object> root;

  private YamlFile(String name, Map<String, Object> root) {
    this.name = name;
    this.root = root;
  }

  static YamlFile load(Resource resource) {
    String name = nameOf(resource);
    if (!resource.exists()) {
      throw new IllegalStateException(name + ": data file not found");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object loaded;
    try (InputStream in = resource.getInputStream()) {
      loaded = new Yaml(new SafeConstructor(options)).load(in);
    } catch (IOException e) {
      throw new IllegalStateException(name + ": cannot read data file: " + e.getMessage(), e);
    } catch (RuntimeException e) { // SnakeYAML's YAMLException and friends
      throw new IllegalStateException(name + ": malformed YAML: " + e.getMessage(), e);
    }
    if (!(loaded instanceof Map<?, ?> map)) {
      throw new IllegalStateException(name + ": expected a mapping at the top level of the file");
    }
    return new YamlFile(name, castMap(map, name, "top level"));
  }

  static String nameOf(Resource resource) {
    if (resource instanceof ClassPathResource classPath) {
      return classPath.getPath();
    }
    return resource.getFilename() != null ? resource.getFilename() : resource.getDescription();
  }

  String name() {
    return name;
  }

  Map<String, Object> root() {
    return root;
  }

  IllegalStateException error(String format, Object... args) {
    return new IllegalStateException(name + ": " + String.format(format, args));
  }

  /** The list of mappings under a top-level key. */
  List<Map<String, Object>> entries(String key, boolean required) {
    Object value = root.get(key);
    if (value == null) {
      if (required) {
        throw error("missing list '%s'", key);
      }
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error("'%s' must be a list", key);
    }
    return list.stream()
        .map(item -> {
          if (!(item instanceof Map<?, ?> map)) {
            throw error("every entry of '%s' must be a mapping, found: %s", key, item);
          }
          return castMap(map, name, key);
        })
        .toList();
  }

  /** A mapping value, or fails naming {@code where}. */
  Map<String, Object> map(Object value, String where) {
    if (!(value instanceof Map<?, ?> map)) {
      throw error("%s must be a mapping, found: %s", where, value);
    }
    return castMap(map, name, where);
  }

  /** A list of scalar strings, or fails naming {@code where}. */
  List<String> strings(Object value, String where) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw error("%s must be a non-empty list, found: %s", where, value);
    }
    return list.stream().map(item -> scalar(item, where)).toList();
  }

  /** A required text field of an entry. */
  String text(Map<String, Object> entry, String key, String where) {
    String value = optionalText(entry, key, where);
    if (value == null) {
      throw error("%s: missing '%s'", where, key);
    }
    return value;
  }

  /** An optional text field of an entry; blank counts as absent. */
  String optionalText(Map<String, Object> entry, String key, String where) {
    Object value = entry.get(key);
    if (value == null) {
      return null;
    }
    String text = scalar(value, where + " '" + key + "'").strip();
    return text.isEmpty() ? null : text;
  }

  private String scalar(Object value, String where) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    // YAML 1.1 reads yes/no/on/off as booleans: a code such as NO would silently become "false".
    throw error("%s must be text, found %s (quote the value)", where, value);
  }

  private static Map<String, Object> castMap(Map<?, ?> map, String name, String where) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new IllegalStateException(name + ": " + where + ": key " + key + " must be text (quote it)");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) map;
    return result;
  }
}
