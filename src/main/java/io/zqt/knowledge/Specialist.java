package io.zqt.knowledge;

import java.util.List;

/**
 * A policy specialist (政策专员): answers for responsibility entries, and joins three-way calls. Each is a Camunda user
 * in the group {@code policy-specialist} and in the group of their unit.
 *
 * @param userId Camunda user id, e.g. {@code sp-hrss-01}
 * @param unit unit code (units.yaml)
 * @param entryKeys keys of the RESPONSIBILITY entries they answer for
 */
public record Specialist(String userId, String name, String unit, String phone, List<String> entryKeys,
    boolean onDuty) {

  public Specialist {
    entryKeys = List.copyOf(entryKeys);
  }
}
