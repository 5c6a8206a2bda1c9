package io.zqt.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A browser-like session logged in to a Camunda webapp (cookies and the CSRF token), for real HTTP calls. */
public final class WebappSession {

  final HttpClient client;
  final String base;
  final CookieManager cookies = new CookieManager();

  public WebappSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Logs in as the app does: GET the app for the CSRF cookie, POST the login form with the token. */
  public WebappSession login(String user, String app) throws Exception {
    HttpResponse<Void> page = client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + app + "/"))
        .GET().build(), HttpResponse.BodyHandlers.discarding());
    assertThat(page.statusCode()).isEqualTo(200);
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = client.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token())
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as("login of %s to %s", user, app).isEqualTo(200);
    return this;
  }

  String token() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> getBytes(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A write with the session's CSRF token, as the webapps send it. */
  HttpResponse<String> send(String method, String path, String json) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", token()).method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
