package io.zqt.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds the CJK TrueType font (.ttf or .ttc) that PDF exports embed: the file named by {@code zqt.export.pdf-font},
 * else the first of the well-known system paths that exists (Debian's fonts-wqy-microhei first). Says at start-up
 * which font it found, or once that PDF exports are off and which package to install.
 */
@Component
public class PdfFontLocator {

  private static final Logger LOG = LoggerFactory.getLogger(PdfFontLocator.class);

  /** Debian package that provides the first well-known font. */
  public static final String PACKAGE = "fonts-wqy-microhei";

  /** TrueType CJK fonts of common Linux packages, in order of preference. */
  public static final List<String> SYSTEM_FONTS = List.of(
      "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/truetype/arphic/uming.ttc",
      "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
      "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc");

  private final String configured;
  private final List<String> fallbacks;

  public PdfFontLocator(@Value("${zqt.export.pdf-font:}") String configured,
      @Value("${zqt.export.pdf-font-fallbacks:#{T(io.zqt.audit.PdfFontLocator).SYSTEM_FONTS}}") List<String> fallbacks) {
    this.configured = configured == null ? "" : configured.trim();
    this.fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
  }

  /** The font file to embed, if one is readable. */
  public Optional<Path> find() {
    List<String> candidates = new ArrayList<>();
    if (!configured.isEmpty()) {
      candidates.add(configured);
    }
    candidates.addAll(fallbacks);
    for (String candidate : candidates) {
      if (candidate == null || candidate.isBlank()) {
        continue;
      }
      Path path = Path.of(candidate.trim());
      String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
      if ((name.endsWith(".ttf") || name.endsWith(".ttc")) && Files.isReadable(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  /** The Chinese explanation given when no font is found (HTTP 503 and the start-up log). */
  public String missingMessage() {
    return "未找到可嵌入 PDF 的中文字体，暂时无法导出 PDF。请安装 Debian 软件包 " + PACKAGE + "（apt-get install " + PACKAGE
        + "），或用配置项 zqt.export.pdf-font 指定 .ttf/.ttc 字体文件的路径。";
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    Optional<Path> font = find();
    if (font.isPresent()) {
      LOG.info("PDF exports embed the CJK font {}", font.get());
    } else {
      if (!configured.isEmpty()) {
        LOG.warn("zqt.export.pdf-font={} is not a readable .ttf or .ttc file", configured);
      }
      LOG.warn("No CJK TrueType font found: PDF exports answer 503 until package {} is installed or "
          + "zqt.export.pdf-font names a .ttf/.ttc file", PACKAGE);
    }
  }
}
