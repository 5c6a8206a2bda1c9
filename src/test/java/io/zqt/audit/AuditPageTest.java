package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zqt.ZqtSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The audit page is served at /audit/ without a build step or external resources, carries the stable ids the
 * browser tests use, and a user logged in to Cockpit reads the audit API from it without a second login.
 */
@ZqtSpringTest
class AuditPageTest {

  @LocalServerPort int port;

  @Test
  void thePageIsServedAtSlashAuditWithItsScriptAndStylesFromThisServerOnly() throws Exception {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    String base = "http://localhost:" + port;
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/audit")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/audit/");
    assertThat(page.body()).contains("<html lang=\"zh-CN\">", "审计查阅", "导出PDF", "导出JSON", "导出Excel",
        "data-testid=\"search-enterprise\"", "data-testid=\"search-button\"", "data-testid=\"results\"",
        "data-testid=\"timeline\"", "data-testid=\"login-required\"", "/camunda/app/cockpit/");
    assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
    HttpResponse<String> script = client.send(HttpRequest.newBuilder(URI.create(base + "/audit/audit.js")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("/api/audit/cases", "timeline-entry", "X-Requested-With")
        .doesNotContain("https://");
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/audit/audit.css")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
  }

  @Test
  void scriptsThatAreNotLoggedInGetA401WithoutABrowserLoginPrompt() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> fromPage = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/audit/cases")).header("X-Requested-With", "XMLHttpRequest")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fromPage.statusCode()).isEqualTo(401);
    assertThat(fromPage.headers().firstValue("WWW-Authenticate")).isEmpty();
    HttpResponse<String> plain = client.send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/audit/cases")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(plain.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void aCockpitSessionReadsTheAuditApiAndItsDownloads() throws Exception {
    WebappSession cockpit = new WebappSession(port).login("auditor1", "cockpit");
    HttpResponse<String> search = cockpit.get("/api/audit/cases?size=5");
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(search.body()).contains("\"total\"");
    HttpResponse<byte[]> xlsx = cockpit.getBytes("/api/audit/cases.xlsx");
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("attachment"));
    WebappSession hrss = new WebappSession(port).login("hrss1", "tasklist");
    assertThat(hrss.get("/api/audit/cases").statusCode()).as("a unit reads its own cases").isEqualTo(200);
    WebappSession operator = new WebappSession(port).login("operator1", "tasklist");
    assertThat(operator.get("/api/audit/cases").statusCode()).isEqualTo(403);
  }
}
