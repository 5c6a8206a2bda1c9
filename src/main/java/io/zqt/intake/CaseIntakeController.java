package io.zqt.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zqt.cases.CaseView;
import io.zqt.security.CurrentUser;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** 受理: opening a case through the API. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases", description = "企业诉求工单 / Enterprise cases")
public class CaseIntakeController {

  private final CaseIntakeService intake;

  public CaseIntakeController(CaseIntakeService intake) {
    this.intake = intake;
  }

  @PostMapping(consumes = "application/json")
  @Operation(summary = "受理企业诉求 / Open a case",
      description = "201 with the new case; 200 with the earlier case when the idempotency key was seen before; "
          + "400 with an RFC 9457 problem naming each bad field.")
  public ResponseEntity<CaseView> open(@RequestBody CaseIntakeRequest request) {
    CaseIntakeService.Opened opened = intake.open(request, CurrentUser.get());
    CaseView view = CaseView.summary(opened.record());
    URI location = URI.create("/api/cases/" + view.caseNumber());
    return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK).location(location)
        .header("Idempotent-Replayed", Boolean.toString(!opened.created())).body(view);
  }
}
