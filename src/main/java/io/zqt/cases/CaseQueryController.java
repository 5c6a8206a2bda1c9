package io.zqt.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reading a case with its steps so far. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases")
public class CaseQueryController {

  private final CaseQueryService query;

  public CaseQueryController(CaseQueryService query) {
    this.query = query;
  }

  @GetMapping("/{caseNumber}")
  @Operation(summary = "查看工单及办理步骤 / A case with its steps",
      description = "404 when the case does not exist or belongs to another unit.")
  public CaseView get(@PathVariable String caseNumber) {
    return query.get(caseNumber, CurrentUser.get());
  }
}
