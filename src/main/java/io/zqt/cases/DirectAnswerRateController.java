package io.zqt.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.security.CurrentUser;
import io.zqt.security.Roles;
import io.zqt.security.ZqtUser;
import io.zqt.web.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 直办率报表: line working group, process owners, auditors and administrators. */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "reports")
public class DirectAnswerRateController {

  private final DirectAnswerRate rate;

  public DirectAnswerRateController(DirectAnswerRate rate) {
    this.rate = rate;
  }

  @GetMapping("/direct-answer-rate")
  @Operation(summary = "直办率（按日、承办单位或诉求事项）/ Direct-answer rate per day, unit or topic",
      description = "Cases received from `from` to `to` (yyyy-MM-dd, inclusive, at most 366 days, Asia/Shanghai), "
          + "those answered directly (by the operator or a specialist's three-way call) and the rate. "
          + "`by` = day (default), unit or topic. For the line working group, process owners, auditors, administrators.")
  public DirectAnswerRate.Report get(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String by) {
    ZqtUser user = CurrentUser.get();
    if (!(user.has(Roles.LINE_WORKING_GROUP) || user.has(Roles.PROCESS_OWNER) || user.has(Roles.AUDITOR)
        || user.isAdmin())) {
      throw new ForbiddenException("The direct-answer rate is for the line working group, process owners, auditors"
          + " and administrators");
    }
    return rate.report(from, to, by);
  }
}
