package io.zqt.knowledge.store;

import java.util.Arrays;
import java.util.Optional;

/** The columns of a knowledge file (the seed files' header); the English field name is accepted as an alias. */
public enum Column {
  KEY("编号", "key", true),
  TYPE("类型", "type", true),
  TITLE("标题", "title", true),
  BODY("正文", "body", true),
  ISSUING_BODY("发文机关", "issuingBody", true),
  DOCUMENT_NUMBER("文号", "documentNumber", false),
  PUBLISH_DATE("发布日期", "publishDate", true),
  EFFECTIVE_DATE("生效日期", "effectiveDate", true),
  EXPIRY_DATE("失效日期", "expiryDate", false),
  TOPICS("主题", "topics", true),
  DISTRICTS("适用区市", "districts", false),
  RESPONSIBLE_UNIT("责任单位", "responsibleUnit", true),
  KEYWORDS("关键词", "keywords", true),
  SOURCE_LINK("来源链接", "sourceLink", false);

  private final String header;
  private final String field;
  private final boolean required;

  Column(String header, String field, boolean required) {
    this.header = header;
    this.field = field;
    this.required = required;
  }

  /** The header written on export (Chinese). */
  public String header() {
    return header;
  }

  /** The field name of {@link io.zqt.knowledge.KnowledgeEntry}. */
  public String field() {
    return field;
  }

  public boolean required() {
    return required;
  }

  /** The column with this header: the Chinese header or the English field name (case-insensitive). */
  public static Optional<Column> byHeader(String name) {
    String n = name == null ? "" : name.strip();
    return Arrays.stream(values()).filter(c -> c.header.equals(n) || c.field.equalsIgnoreCase(n)).findFirst();
  }
}
