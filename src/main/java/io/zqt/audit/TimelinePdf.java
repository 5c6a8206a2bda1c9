package io.zqt.audit;

import io.zqt.audit.TimelineEntry.Who;
import io.zqt.cases.CaseRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/** A case's timeline as an A4 PDF in Chinese, with a subset of the CJK font embedded. */
@Component
public class TimelinePdf {

  private static final float MARGIN = 50;
  private static final float SIZE = 9.5f;
  private static final float LEADING = 14;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  static final Map<String, String> TYPE_NAMES = Map.of(
      "STEP", "流程步骤", "TASK", "办理任务", "DECISION", "决策", "COMMENT", "备注",
      "ESCALATION", "督办事项", "OPERATION", "人工操作", "VOTE", "评议投票");
  static final Map<String, String> ESCALATION_NAMES = Map.of(
      "REMINDER", "超期提醒", "OVERDUE", "超时", "RETURN", "退单", "EXTENSION", "延期", "REWORK", "退回重办",
      "REOPEN", "重新办理");

  private final PdfFontLocator fonts;
  private final ZoneId zone;

  public TimelinePdf(PdfFontLocator fonts, AuditSearchService search) {
    this.fonts = fonts;
    this.zone = search.zone();
  }

  public byte[] render(Timeline t) {
    Path fontFile = fonts.find().orElseThrow(() -> new ExportUnavailableException(fonts.missingMessage()));
    try (PDDocument doc = new PDDocument()) {
      TrueTypeCollection collection = null;
      PDType0Font font;
      if (fontFile.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
        collection = new TrueTypeCollection(fontFile.toFile());
        TrueTypeFont[] first = new TrueTypeFont[1];
        collection.processAllFonts(ttf -> {
          if (first[0] == null) {
            first[0] = ttf;
          }
        });
        font = PDType0Font.load(doc, first[0], true);
      } else {
        font = PDType0Font.load(doc, fontFile.toFile());
      }
      try {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle("工单全过程记录 " + t.caseNumber());
        info.setCreator("ZQT 政企通");
        Writer w = new Writer(doc, font);
        write(t, w);
        w.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
      } finally {
        if (collection != null) {
          collection.close();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the PDF of " + t.caseNumber(), e);
    }
  }

  private void write(Timeline t, Writer w) throws IOException {
    CaseRecord r = t.caseRecord().record();
    Map<String, String> n = t.names();
    w.line("政企通 · 企业诉求工单全过程记录", 15, 0);
    w.gap();
    w.field("工单编号", t.caseNumber());
    w.field("当前状态", t.statusName());
    w.field("企业名称", r.enterpriseName());
    w.field("统一社会信用代码", r.creditCode());
    w.field("联系人", r.contactName() + "  " + r.contactPhone());
    w.field("诉求类型", n.getOrDefault("type", r.type()));
    w.field("诉求事项", n.getOrDefault("topic", r.topic()));
    w.field("所在区市", n.getOrDefault("district", r.district()));
    w.field("受理渠道", n.getOrDefault("channel", r.channel()));
    w.field("紧急程度", n.getOrDefault("urgency", r.urgency()));
    w.field("受理时间", time(r.receivedAt()));
    w.field("受理人", r.receivedBy());
    w.field("标题", r.title());
    w.field("诉求内容", r.description());
    w.field("承办单位", n.getOrDefault("handlingUnit", r.handlingUnit()));
    w.field("分拨理由", r.routingReason());
    w.field("质检结论", n.getOrDefault("qcVerdict", r.qcVerdict()));
    w.field("回访满意度", n.getOrDefault("satisfaction", r.satisfaction()));
    w.field("办结时间", time(r.closedAt()));
    w.field("退单/延期/重办/重新办理次数", r.returnCount() + " / " + r.extensionCount() + " / " + r.reworkCount() + " / "
        + r.reopenCount());
    w.gap();
    w.line("答复记录", 12, 0);
    if (t.replies().isEmpty()) {
      w.line("（暂无答复）", SIZE, 10);
    }
    for (Timeline.Reply reply : t.replies()) {
      w.line(time(reply.at()) + "  " + who(reply.who()) + "  " + (reply.resultName() == null ? "" : reply.resultName()),
          SIZE, 10);
      w.line(reply.text(), SIZE, 24);
    }
    w.gap();
    w.line("全过程时间线（时间为北京时间）", 12, 0);
    for (TimelineEntry e : t.entries()) {
      String kind = "ESCALATION".equals(e.type()) && e.kind() != null
          ? ESCALATION_NAMES.getOrDefault(e.kind(), e.kind()) : TYPE_NAMES.getOrDefault(e.type(), e.type());
      w.line(e.seq() + ". " + time(e.at()) + "  【" + kind + "】" + e.what()
          + (e.who() == null ? "" : "  —— " + who(e.who())), SIZE, 0);
      for (String detail : details(e)) {
        w.line(detail, SIZE - 0.5f, 24);
      }
    }
    w.gap();
    w.line("生成时间：" + time(t.generatedAt()) + "  生成人：" + t.generatedBy(), SIZE - 1, 0);
  }

  @SuppressWarnings("unchecked")
  private List<String> details(TimelineEntry e) {
    List<String> lines = new ArrayList<>();
    Map<String, Object> d = e.details() == null ? Map.of() : e.details();
    Object values = d.containsKey("formValues") ? d.get("formValues") : d.get("values");
    if (values instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof TimelineEntry.FieldValue v) {
          lines.add(v.label() + "：" + display(v.value()) + (v.valueLabel() == null ? "" : "（" + v.valueLabel() + "）"));
        }
      }
    }
    if ("DECISION".equals(e.type())) {
      for (Map<String, Object> in : (List<Map<String, Object>>) d.getOrDefault("inputs", List.of())) {
        lines.add("输入 " + in.get("label") + "：" + display(in.get("value")));
      }
      for (Map<String, Object> out : (List<Map<String, Object>>) d.getOrDefault("outputs", List.of())) {
        lines.add("输出 " + (out.get("label") != null ? out.get("label") : out.get("name")) + "：" + display(out.get("value")));
      }
    }
    if (d.get("text") instanceof String text) {
      lines.add(text);
    }
    if (d.get("unitName") != null) {
      lines.add("承办单位：" + d.get("unitName") + "，时限：" + time(asTime(d.get("dueAt"))));
    }
    if (d.get("changes") instanceof List<?> changes) {
      for (Object o : changes) {
        if (o instanceof Map<?, ?> c) {
          lines.add(c.get("property") + "：" + display(c.get("from")) + " → " + display(c.get("to")));
        }
      }
    }
    return lines;
  }

  private static OffsetDateTime asTime(Object o) {
    return o instanceof OffsetDateTime t ? t : null;
  }

  private String display(Object value) {
    if (value == null) {
      return "（空）";
    }
    if (value instanceof OffsetDateTime t) {
      return time(t);
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    return String.valueOf(value);
  }

  private String time(OffsetDateTime t) {
    return t == null ? "—" : t.atZoneSameInstant(zone).format(TIME);
  }

  private static String who(Who who) {
    if (who == null) {
      return "系统";
    }
    return who.name() == null ? who.id() : who.name() + "（" + who.id() + "）";
  }

  /** Lays out lines top to bottom, wrapping at the right margin and starting new pages as needed. */
  private static final class Writer {
    private final PDDocument doc;
    private final PDType0Font font;
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private PDPageContentStream content;
    private float y;
    private int pages;

    Writer(PDDocument doc, PDType0Font font) throws IOException {
      this.doc = doc;
      this.font = font;
      newPage();
    }

    void field(String label, String value) throws IOException {
      if (value != null && !value.isBlank()) {
        line(label + "：" + value, SIZE, 0);
      }
    }

    void gap() {
      y -= LEADING / 2;
    }

    void line(String text, float size, float indent) throws IOException {
      if (text == null) {
        return;
      }
      float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
      for (String paragraph : text.split("\\r?\\n")) {
        String clean = printable(paragraph);
        while (true) {
          int fit = fit(clean, size, width);
          emit(clean.substring(0, fit), size, indent);
          if (fit >= clean.length()) {
            break;
          }
          clean = clean.substring(fit);
        }
      }
    }

    /** How many characters of the text fit in the width (at least one). */
    private int fit(String text, float size, float width) throws IOException {
      float used = 0;
      for (int i = 0; i < text.length(); i++) {
        used += font.getStringWidth(text.substring(i, i + 1)) / 1000 * size;
        if (used > width) {
          return Math.max(1, i);
        }
      }
      return text.length();
    }

    private void emit(String text, float size, float indent) throws IOException {
      float lineHeight = Math.max(LEADING, size * 1.5f);
      if (y - lineHeight < MARGIN) {
        newPage();
      }
      y -= lineHeight;
      content.beginText();
      content.setFont(font, size);
      content.newLineAtOffset(MARGIN + indent, y);
      content.showText(text);
      content.endText();
    }

    /** Drops control characters and characters the font cannot show (replaced by a question mark). */
    private String printable(String text) {
      StringBuilder sb = new StringBuilder();
      text.codePoints().forEach(cp -> {
        if (cp == '\t') {
          sb.append("  ");
        } else if (!Character.isISOControl(cp)) {
          sb.appendCodePoint(glyphs.computeIfAbsent(cp, this::canShow) ? cp : '?');
        }
      });
      return sb.toString();
    }

    private boolean canShow(int codePoint) {
      try {
        font.encode(new String(Character.toChars(codePoint)));
        return Character.charCount(codePoint) == 1; // surrogate pairs break the per-char width measure
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }

    private void newPage() throws IOException {
      if (content != null) {
        footer();
        content.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      content = new PDPageContentStream(doc, page);
      pages++;
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void footer() throws IOException {
      content.beginText();
      content.setFont(font, 8);
      content.newLineAtOffset(MARGIN, MARGIN / 2);
      content.showText("第 " + pages + " 页");
      content.endText();
    }

    void close() throws IOException {
      footer();
      content.close();
    }
  }
}
