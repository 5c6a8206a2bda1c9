package io.zqt.knowledge.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The command-line import: {@code java -jar zqt.jar --zqt.knowledge.import=file.csv [--zqt.knowledge.dry-run=true]}
 * imports the file (format from its extension, .csv or .xlsx), prints the report and ends the application with exit
 * code 0 when the file was good, 1 otherwise. Without the option the application runs as usual.
 */
@Component
public class KnowledgeImportCommand implements ApplicationRunner {

  static final String USER = "command-line";

  private final KnowledgeImport importer;
  private final ApplicationContext context;
  private final String file;
  private final boolean dryRun;

  public KnowledgeImportCommand(KnowledgeImport importer, ApplicationContext context,
      @Value("${zqt.knowledge.import:}") String file, @Value("${zqt.knowledge.dry-run:false}") boolean dryRun) {
    this.importer = importer;
    this.context = context;
    this.file = file;
    this.dryRun = dryRun;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (file == null || file.isBlank()) {
      return;
    }
    int code = execute(Path.of(file.strip()), dryRun, System.out);
    System.exit(SpringApplication.exit(context, () -> code));
  }

  /** Imports the file and prints the report; returns the exit code (0 good, 1 refused or unreadable). */
  public int execute(Path path, boolean dry, PrintStream out) {
    KnowledgeFormat format = KnowledgeFormat.ofFileName(path.getFileName().toString()).orElse(null);
    if (format == null) {
      out.println("知识库导入失败：文件扩展名应为 .csv 或 .xlsx / the file name must end in .csv or .xlsx: " + path);
      return 1;
    }
    ImportResult result;
    try (InputStream in = Files.newInputStream(path)) {
      result = importer.importFile(in, format, dry, USER);
    } catch (IOException e) {
      out.println("知识库导入失败：无法读取文件 / cannot read the file " + path + ": " + e.getMessage());
      return 1;
    }
    out.println(report(path, result));
    return result.ok() ? 0 : 1;
  }

  static String report(Path path, ImportResult result) {
    StringBuilder text = new StringBuilder();
    text.append("知识库导入 / Knowledge import").append(result.dryRun() ? "（试运行，未写入 / dry run, nothing written）" : "")
        .append(": ").append(path).append('\n');
    text.append("行数 rows: ").append(result.rows()).append("; 新增 created: ").append(result.created())
        .append("; 更新 updated: ").append(result.updated()).append("; 未变 unchanged: ").append(result.unchanged())
        .append("; 用时 ms: ").append(result.millis()).append('\n');
    if (result.ok()) {
      text.append(result.dryRun() ? "文件无误 / the file is good" : "导入完成 / imported");
    } else {
      text.append("文件有 ").append(result.problems().size())
          .append(" 个问题，未导入任何条目 / problems found, nothing imported:\n");
      for (ImportProblem p : result.problems()) {
        text.append("  第 ").append(p.row()).append(" 行 row ").append(p.row());
        if (!p.column().isEmpty()) {
          text.append(" [").append(p.column()).append(']');
        }
        text.append(": ").append(p.message()).append(" / ").append(p.messageEn()).append('\n');
      }
    }
    return text.toString();
  }
}
