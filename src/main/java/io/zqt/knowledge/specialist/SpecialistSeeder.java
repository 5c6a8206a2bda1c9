package io.zqt.knowledge.specialist;

import io.zqt.knowledge.Specialist;
import io.zqt.ops.ClusterLock;
import io.zqt.org.UnitCatalog;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes every policy specialist a Camunda user in the group {@code policy-specialist} and in their unit's group, on
 * every start (only what is missing; an existing user's name and password are left alone). With demo users on
 * ({@code zqt.demo.enabled=true}) the password is the demo password; otherwise a new user gets a random password
 * that nobody knows (no password login: an administrator sets one in Camunda Admin, or a single sign-on is used).
 * It also enters specialists new to the duty roster ({@link DutyRoster}) with the file's 在岗 as their initial state.
 */
@Component
public class SpecialistSeeder {

  /** The Camunda group of policy specialists (政策专员), data/org/groups.yaml. */
  public static final String GROUP = "policy-specialist";
  static final String LOCK = "knowledge-specialists";

  private static final Logger log = LoggerFactory.getLogger(SpecialistSeeder.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SpecialistCatalog specialists;
  private final UnitCatalog units;
  private final ProcessEngine engine;
  private final ClusterLock clusterLock;
  private final TransactionTemplate transaction;
  private final boolean demoEnabled;
  private final String demoPassword;

  public SpecialistSeeder(SpecialistCatalog specialists, UnitCatalog units, ProcessEngine engine,
      ClusterLock clusterLock, PlatformTransactionManager transactionManager,
      @Value("${zqt.demo.enabled:false}") boolean demoEnabled,
      @Value("${zqt.knowledge.specialists.demo-password:demo}") String demoPassword) {
    this.specialists = specialists;
    this.units = units;
    this.engine = engine;
    this.clusterLock = clusterLock;
    this.transaction = new TransactionTemplate(transactionManager);
    this.demoEnabled = demoEnabled;
    this.demoPassword = demoPassword;
  }

  @EventListener(ApplicationStartedEvent.class)
  public void seedOnStart() {
    seed();
  }

  /**
   * Gives specialists new to the duty roster their initial state from the file (a state in the roster is never
   * overwritten), then creates the missing users and memberships; returns how many users were created.
   */
  public int seed() {
    Integer rostered = transaction.execute(status -> {
      clusterLock.holdForTransaction(LOCK);
      return specialists.roster().seed(specialists.fromFile());
    });
    if (rostered != null && rostered > 0) {
      log.info("Duty roster: {} specialists added with their state from the data file", rostered);
    }
    IdentityService identity = engine.getIdentityService();
    if (identity.isReadOnly()) {
      log.warn("The identity service is read-only: policy specialists are not created as users");
      return 0;
    }
    Integer created = transaction.execute(status -> {
      clusterLock.holdForTransaction(LOCK);
      return createMissing(identity);
    });
    return created == null ? 0 : created;
  }

  private int createMissing(IdentityService identity) {
    List<Specialist> all = specialists.fromFile();
    Set<String> members = ids(identity.createUserQuery().memberOfGroup(GROUP).list());
    Map<String, Set<String>> unitMembers = new HashMap<>();
    int users = 0;
    int memberships = 0;
    for (Specialist s : all) {
      if (!members.contains(s.userId())) {
        if (identity.createUserQuery().userId(s.userId()).count() == 0) {
          User user = identity.newUser(s.userId());
          user.setLastName(s.name().substring(0, 1));
          user.setFirstName(s.name().length() > 1 ? s.name().substring(1) : s.name());
          user.setPassword(demoEnabled ? demoPassword : unusablePassword());
          identity.saveUser(user);
          users++;
        }
        identity.createMembership(s.userId(), GROUP);
        memberships++;
      }
      String unitGroup = units.require(s.unit()).groupId();
      Set<String> ofUnit = unitMembers.computeIfAbsent(unitGroup,
          group -> ids(identity.createUserQuery().memberOfGroup(group).list()));
      if (ofUnit.add(s.userId())) {
        identity.createMembership(s.userId(), unitGroup);
        memberships++;
      }
    }
    if (users + memberships > 0) {
      log.info("Policy specialists: created {} users and {} memberships ({} specialists{})", users, memberships,
          all.size(), demoEnabled ? ", demo password" : ", no usable password");
    }
    return users;
  }

  private static Set<String> ids(List<User> users) {
    Set<String> ids = new HashSet<>();
    users.forEach(u -> ids.add(u.getId()));
    return ids;
  }

  private static String unusablePassword() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }
}
