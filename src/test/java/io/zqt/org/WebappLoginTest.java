package io.zqt.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logs demo users in to the Camunda webapps the way a browser does (GET for the CSRF cookie, then POST the login
 * with the session cookie and the X-XSRF-TOKEN header): the APPLICATION authorizations decide who gets in.
 */
@DemoAppTest
class WebappLoginTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  @Test
  void everyDemoUserLogsInToTasklist() throws Exception {
    for (String user : List.of("operator1", "reviewer1", "lwg1", "qc1", "auditor1", "owner1", "hrss1", "tax1",
        "amr1", "zhifu1", "laishan1", "yeda1", "admin")) {
      assertThat(login(user, "demo", "tasklist")).as(user).isEqualTo(200);
    }
  }

  @Test
  void onlyAuditorsProcessOwnersAndAdminsLogInToCockpit() throws Exception {
    assertThat(login("auditor1", "demo", "cockpit")).isEqualTo(200);
    assertThat(login("owner1", "demo", "cockpit")).isEqualTo(200);
    assertThat(login("admin", "demo", "cockpit")).isEqualTo(200);
    assertThat(login("hrss1", "demo", "cockpit")).isEqualTo(403);
    assertThat(login("operator1", "demo", "cockpit")).isEqualTo(403);
  }

  @Test
  void onlyAdminsLogInToAdmin() throws Exception {
    assertThat(login("admin", "demo", "admin")).isEqualTo(200);
    assertThat(login("auditor1", "demo", "admin")).isEqualTo(403);
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    // A user of its own: after a failed login Camunda refuses that user's next attempts for a few seconds.
    User user = identityService.newUser("wrongpw1");
    user.setPassword("demo");
    identityService.saveUser(user);
    identityService.createMembership("wrongpw1", "operator");
    try {
      assertThat(login("wrongpw1", "wrong", "tasklist")).isEqualTo(401);
      assertThat(login("nobody1", "demo", "tasklist")).isEqualTo(401);
    } finally {
      identityService.deleteUser("wrongpw1");
    }
  }

  private int login(String user, String password, String app) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String base = "http://localhost:" + port;
    HttpResponse<Void> page = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/"))
        .GET().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(page.statusCode()).as("GET %s", page.uri()).isEqualTo(200);
    String token = cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
        .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", token)
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
