package io.zqt.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zqt.ZqtSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The Camunda webapps speak simplified Chinese by default: each app's locales/zh.json and scripts/config.js come
 * from this project (they win over the webjar's copies) and are served over HTTP the way the browser loads them.
 */
@ZqtSpringTest
class WebappLocaleTest {

  static final String WEBJAR = "META-INF/resources/webjars/camunda/app/";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
  /** A word of running text; a date pattern like YYYY-MM-DDTHH:mm:ss or an id like ID* is not one. */
  static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}[.,:;!?]?");

  @Autowired TestRestTemplate http;
  final ObjectMapper json = new ObjectMapper();

  String get(String path) {
    ResponseEntity<byte[]> response = http.getForEntity(path, byte[].class);
    assertThat(response.getStatusCode()).as("GET %s", path).isEqualTo(HttpStatus.OK);
    return new String(response.getBody(), StandardCharsets.UTF_8);
  }

  String getScript(String path) {
    ResponseEntity<byte[]> response = http.getForEntity(path, byte[].class);
    assertThat(response.getStatusCode()).as("GET %s", path).isEqualTo(HttpStatus.OK);
    // dynamic import() refuses a module that is not served with a JavaScript MIME type
    assertThat(response.getHeaders().getContentType()).as("content type of %s", path)
        .satisfies(type -> assertThat(type.getSubtype()).isEqualTo("javascript"));
    return new String(response.getBody(), StandardCharsets.UTF_8);
  }

  /** The English locale bundled in Camunda's webjar (the project does not replace it). */
  JsonNode english(String app) throws IOException {
    List<URL> copies = Collections.list(getClass().getClassLoader().getResources(WEBJAR + app + "/locales/en.json"));
    assertThat(copies).as("en.json of %s on the classpath", app).hasSize(1);
    try (InputStream in = copies.get(0).openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static List<String> placeholders(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyLabelHasAChineseTextThatKeepsItsPlaceholders(String app) throws IOException {
    JsonNode english = english(app);
    JsonNode chinese = json.readTree(get("/camunda/app/" + app + "/locales/zh.json"));
    JsonNode labelsEn = english.get("labels");
    JsonNode labelsZh = chinese.get("labels");

    assertThat(keys(labelsZh)).as("label keys of %s", app).isEqualTo(keys(labelsEn));
    List<String> problems = new ArrayList<>();
    labelsEn.fieldNames().forEachRemaining(key -> {
      String en = labelsEn.get(key).asText();
      String zh = labelsZh.get(key).asText();
      List<String> kept = new ArrayList<>(placeholders(zh));
      for (String placeholder : placeholders(en)) {
        if (!kept.remove(placeholder)) {
          problems.add(key + " lost " + placeholder);
        }
      }
      // identifiers (String, ID, like, <null>, Camunda) may stay; a text of two or more words may not
      long words = Arrays.stream(en.trim().split("\\s+")).filter(word -> WORD.matcher(word).matches()).count();
      if (zh.equals(en) && words >= 2) {
        problems.add(key + " still English: " + en);
      }
      if (!en.isBlank() && !en.equals("s") && zh.isBlank()) {
        problems.add(key + " is empty");
      }
    });
    assertThat(problems).as("labels of %s", app).isEmpty();
    // the login page
    assertThat(labelsZh.get("PAGE_LOGIN_USERNAME").asText()).isEqualTo("用户名");
    assertThat(labelsZh.get("PAGE_LOGIN_PASSWORD").asText()).isEqualTo("密码");
    assertThat(labelsZh.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()).isEqualTo("登录");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void datesAreWrittenTheChineseWay(String app) throws IOException {
    assertThat(english(app).has("dateLocales")).isTrue();
    JsonNode dates = json.readTree(get("/camunda/app/" + app + "/locales/zh.json")).get("dateLocales");
    assertThat(dates.get("months").get(0).asText()).isEqualTo("一月");
    assertThat(dates.get("months").get(11).asText()).isEqualTo("十二月");
    assertThat(dates.get("weekdays").get(0).asText()).isEqualTo("星期日");
    assertThat(dates.get("longDateFormat").get("LL").asText()).isEqualTo("YYYY年M月D日");
    assertThat(dates.get("longDateFormat").get("LLL").asText()).isEqualTo("YYYY年M月D日 LT");
    assertThat(dates.get("relativeTime").get("past").asText()).isEqualTo("%s前");
    assertThat(dates.get("week").get("dow").asInt()).as("weeks start on Monday").isEqualTo(1);
    assertThat(keys(dates)).isEqualTo(keys(english(app).get("dateLocales")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configNamesTheApp政企通AndLoadsTheLanguageSwitch(String app) {
    String config = getScript("/camunda/app/" + app + "/scripts/config.js");
    assertThat(config).contains("name: '政企通'").contains("locales: localesConfig()")
        .contains("'scripts/zqt/locale-switch'");
    String switchScript = getScript("/camunda/app/" + app + "/scripts/zqt/locale-switch.js");
    assertThat(switchScript).contains("installSwitch();");
  }

  @Test
  void chineseIsTheDefaultAndEnglishTheOtherChoice() {
    String locale = getScript("/camunda/app/welcome/scripts/zqt/locale.js");
    assertThat(locale).contains("STORAGE_KEY = 'zqt-locale'").contains("DEFAULT_LOCALE = 'zh'")
        .contains("LOCALES = {zh: '中文', en: 'English'}")
        .contains("availableLocales: [locale], fallbackLocale: locale");
    // English stays available: Camunda's own en.json is still served next to zh.json
    assertThat(get("/camunda/app/tasklist/locales/en.json")).contains("\"SIGN_OUT_ACTION\": \"Log out\"");
  }

  @Test
  void tasklistLoadsTheTasklistWorkScriptAfterTheSwitch() {
    String config = getScript("/camunda/app/tasklist/scripts/config.js");
    assertThat(config).contains(
            "customScripts: ['scripts/zqt/locale-switch', 'scripts/zqt/audit-link', 'scripts/zqt/tasklist-extras',\n"
                + "    'scripts/zqt/knowledge-search', 'scripts/zqt/duty-roster']")
        .contains("description: zh ? '认领当前选中的任务'");
    getScript("/camunda/app/tasklist/scripts/zqt/tasklist-extras.js");
    assertThat(getScript("/camunda/app/tasklist/scripts/zqt/knowledge-search.js")).contains("/api/knowledge/search");
    assertThat(getScript("/camunda/app/tasklist/scripts/zqt/duty-roster.js"))
        .contains("/api/knowledge/specialists").contains("X-XSRF-TOKEN");
  }

  @Test
  void tasklistAndCockpitLoadTheAuditLink() {
    for (String app : List.of("tasklist", "cockpit")) {
      assertThat(getScript("/camunda/app/" + app + "/scripts/config.js")).contains("'scripts/zqt/audit-link'");
      assertThat(getScript("/camunda/app/" + app + "/scripts/zqt/audit-link.js")).contains("installAuditLink");
    }
    assertThat(getScript("/camunda/app/welcome/scripts/zqt/audit-link.js")).contains("'/audit/'").contains("审计查阅");
  }
}
