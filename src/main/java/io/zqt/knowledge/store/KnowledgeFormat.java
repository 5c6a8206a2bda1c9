package io.zqt.knowledge.store;

import java.util.Locale;
import java.util.Optional;

/** The file formats of knowledge import and export. */
public enum KnowledgeFormat {
  CSV("text/csv;charset=UTF-8", "csv"),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

  private final String mediaType;
  private final String extension;

  KnowledgeFormat(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  /** csv or xlsx, any case. */
  public static Optional<KnowledgeFormat> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (KnowledgeFormat f : values()) {
      if (f.extension.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The format of a file name's extension. */
  public static Optional<KnowledgeFormat> ofFileName(String fileName) {
    int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : parse(fileName.substring(dot + 1));
  }
}
