package io.zqt.intake;

import io.zqt.cases.CaseMetrics;
import io.zqt.cases.CaseRecord;
import io.zqt.cases.CaseRepository;
import io.zqt.cases.NewCase;
import io.zqt.cases.ProcessIds;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.ForbiddenException;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens a case from the API: validates first, then in one transaction draws the number, stores the case record
 * and starts the enterprise-case process as the calling operator. A failure anywhere leaves no row and no instance.
 */
@Service
public class CaseIntakeService {

  private static final Logger LOG = LoggerFactory.getLogger(CaseIntakeService.class);

  private final IntakeValidator validator;
  private final CaseNumberGenerator numbers;
  private final CaseRepository cases;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TransactionTemplate transaction;
  private final CaseMetrics metrics;

  public CaseIntakeService(IntakeValidator validator, CaseNumberGenerator numbers, CaseRepository cases,
      RuntimeService runtimeService, IdentityService identityService, TransactionTemplate transaction,
      CaseMetrics metrics) {
    this.validator = validator;
    this.numbers = numbers;
    this.cases = cases;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.transaction = transaction;
    this.metrics = metrics;
  }

  /** The case, and whether this call created it (false when an earlier call with the same key did). */
  public record Opened(CaseRecord record, boolean created) {}

  public Opened open(CaseIntakeRequest request, ZqtUser user) {
    if (!user.has(Roles.OPERATOR) && !user.isAdmin()) {
      throw new ForbiddenException("Only operators (话务员) may open cases");
    }
    NewCase intake = validator.validate(request);
    if (intake.idempotencyKey() != null) {
      var earlier = cases.findByIdempotencyKey(intake.idempotencyKey());
      if (earlier.isPresent()) {
        return new Opened(earlier.get(), false);
      }
    }
    try {
      String caseNumber = transaction.execute(status -> register(intake, user));
      return new Opened(cases.find(caseNumber).orElseThrow(), true);
    } catch (DuplicateKeyException | TransientDataAccessException e) {
      // Another request with the same idempotency key got there first: answer with its case. H2 gives up waiting
      // for that request's transaction after its lock timeout (a transient "concurrent update"), possibly before it
      // commits: then wait a little for it.
      if (intake.idempotencyKey() != null) {
        for (int attempt = 0; attempt < SAME_KEY_ATTEMPTS; attempt++) {
          var earlier = cases.findByIdempotencyKey(intake.idempotencyKey());
          if (earlier.isPresent()) {
            return new Opened(earlier.get(), false);
          }
          if (e instanceof DuplicateKeyException || !pause()) {
            break;
          }
        }
      }
      throw e;
    } finally {
      MDC.remove("caseNumber");
    }
  }

  /** How often to look for the case of a concurrent request with the same key, {@link #PAUSE_MILLIS} apart. */
  private static final int SAME_KEY_ATTEMPTS = 20;
  private static final long PAUSE_MILLIS = 250;

  private static boolean pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String register(NewCase intake, ZqtUser user) {
    String caseNumber = numbers.next();
    MDC.put("caseNumber", caseNumber);
    cases.insert(caseNumber, intake, user.id());
    Map<String, Object> variables = intake.variables();
    variables.put("caseNumber", caseNumber);
    variables.put("intakeBy", user.id());
    identityService.setAuthentication(user.id(), user.groups());
    try {
      runtimeService.createProcessInstanceByKey(ProcessIds.ENTERPRISE_CASE)
          .businessKey(caseNumber)
          .setVariables(variables)
          .execute();
    } finally {
      identityService.clearAuthentication();
    }
    metrics.opened(intake.type());
    LOG.info("Case {} received from {} via {} by {}", caseNumber, intake.enterpriseName(), intake.channel(), user.id());
    return caseNumber;
  }
}
