package io.zqt.knowledge.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** Calls the knowledge API over real HTTP as demo users; builds import files. */
final class KnowledgeHttp {

  static final String HEADER = "编号,类型,标题,正文,发文机关,文号,发布日期,生效日期,失效日期,主题,适用区市,责任单位,关键词,来源链接";

  private final TestRestTemplate http;

  KnowledgeHttp(TestRestTemplate http) {
    this.http = http;
  }

  ResponseEntity<JsonNode> importRaw(String user, String format, boolean dryRun, byte[] body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
    return http.exchange("/api/knowledge/import?format=" + format + "&dryRun=" + dryRun, HttpMethod.POST,
        new HttpEntity<>(body, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> importCsv(String user, boolean dryRun, String csv) {
    return importRaw(user, "csv", dryRun, csv.getBytes(StandardCharsets.UTF_8));
  }

  ResponseEntity<JsonNode> importMultipart(String user, String format, byte[] file, String fileName) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("file", new ByteArrayResource(file) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return http.exchange("/api/knowledge/import?format=" + format, HttpMethod.POST, new HttpEntity<>(parts, headers),
        JsonNode.class);
  }

  ResponseEntity<byte[]> export(String user, String format) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo");
    return http.exchange("/api/knowledge/export?format=" + format, HttpMethod.GET, new HttpEntity<>(headers),
        byte[].class);
  }

  ResponseEntity<JsonNode> get(String path, String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
  }

  /** A good row: key, title; the rest fixed (policy of HRSS on social insurance, whole city). */
  static List<String> row(String key, String title) {
    return List.of(key, "POLICY", title, "企业为职工办理社会保险登记，应在用工之日起30日内通过爱山东APP或政务服务中心窗口办理。",
        "烟台市人力资源和社会保障局", "", "2024-01-01", "2024-02-01", "", "SOCIAL_INSURANCE", "", "HRSS",
        "社保登记;参保;增员", "http://www.yantai.gov.cn/");
  }

  /** The row with one cell replaced (by column index of the header). */
  static List<String> with(List<String> row, int column, String value) {
    List<String> copy = new java.util.ArrayList<>(row);
    copy.set(column, value);
    return copy;
  }

  static String csv(String header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      printer.printRecord((Object[]) header.split(","));
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String csv(List<List<String>> rows) {
    return csv(HEADER, rows);
  }
}
