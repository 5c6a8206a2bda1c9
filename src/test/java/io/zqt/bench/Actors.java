package io.zqt.bench;

import io.zqt.bench.Workload.Actor;
import io.zqt.bench.Workload.Step;
import io.zqt.org.Unit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The people who do the steps: the demo users of the line roles, and one benchmark user per handling unit (the demo
 * data has staff for only six units). Unit users are created with a password for the HTTP driver.
 */
final class Actors {

  static final String OPERATOR = "operator1";
  static final String PASSWORD_LINE = "demo";
  /** Password of the benchmark's unit users; they exist only in benchmark databases. */
  static final String PASSWORD_UNIT = "bench-unit-pw";

  private Actors() {}

  /** The user id who completes a step. */
  static String userId(Step step) {
    return switch (step.actor()) {
      case OPERATOR -> OPERATOR;
      case CASE_REVIEW_GROUP -> "reviewer1";
      case LINE_WORKING_GROUP -> "lwg1";
      case QC_SPECIALIST -> "qc1";
      case UNIT -> unitUser(step.unit());
    };
  }

  static List<String> groups(Step step) {
    return switch (step.actor()) {
      case OPERATOR -> List.of("operator");
      case CASE_REVIEW_GROUP -> List.of("case-review-group");
      case LINE_WORKING_GROUP -> List.of("line-working-group");
      case QC_SPECIALIST -> List.of("qc-specialist");
      case UNIT -> List.of(Unit.GROUP_PREFIX + step.unit().toLowerCase(Locale.ROOT));
    };
  }

  static String password(Step step) {
    return step.actor() == Actor.UNIT ? PASSWORD_UNIT : PASSWORD_LINE;
  }

  static String unitUser(String unitCode) {
    return "bench." + unitCode.toLowerCase(Locale.ROOT);
  }

  /** Every unit code of data/org/units.yaml. */
  @SuppressWarnings("unchecked")
  static List<String> unitCodes() {
    try (java.io.InputStream in = Actors.class.getClassLoader().getResourceAsStream("data/org/units.yaml")) {
      Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(in);
      return ((List<Map<String, Object>>) file.get("units")).stream().map(u -> (String) u.get("code")).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the unit users (member of their unit's group) that do not exist yet. */
  static void ensureUnitUsers(IdentityService identity, Iterable<String> unitCodes) {
    for (String code : unitCodes) {
      String id = unitUser(code);
      if (identity.createUserQuery().userId(id).count() == 0) {
        User user = identity.newUser(id);
        user.setFirstName("压测");
        user.setLastName(code);
        user.setPassword(PASSWORD_UNIT);
        identity.saveUser(user);
        identity.createMembership(id, Unit.GROUP_PREFIX + code.toLowerCase(Locale.ROOT));
      }
    }
  }
}
