package io.zqt.bench;

import io.zqt.cases.CaseScenarios;
import io.zqt.cases.ProcessIds;
import io.zqt.intake.CaseIntakeRequest;
import io.zqt.intake.CaseIntakeService;
import io.zqt.org.FilterSeeder;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A unit's task list and the case search at scale (issue 4: 1,000,000 historic cases and 50,000 open ones).
 *
 * <p>The fill is faithful and fast: a few dozen template cases run through the real application (intake, engine,
 * delegates, listeners), then their rows are cloned with new ids by set-based SQL, once per new case, into every
 * table the measured queries read and every table the engine needs to carry an open case on. See docs/scale.md.
 *
 * <p>Ids: the engine's ids are time-based UUIDs whose last 12 characters (the node) are the same for every id one
 * engine makes; a clone replaces them with its own 12-digit number, so every reference between cloned rows (process
 * instance, execution, task, activity instance, variable, byte array, job, authorization resource) stays consistent,
 * while references to shared rows (process definitions, deployments, job definitions) are left alone. The case number
 * (business key, case-number variables, zqt_case) and the enterprise name are replaced per clone; every timestamp is
 * shifted by the clone's offset (historic cases spread over the past year, open ones over the last hour).
 */
public final class ScaleBenchmark {

  /** Clone case numbers: ZQT-yyyyMMdd- and 7 digits (the app's own have 6), so they never collide. */
  static final int CLONE_NUMBER_LENGTH = 20;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final String TEMPLATE_ENTERPRISE = "烟台市模板精密机械有限公司";
  static final String UNIT_PASSWORD = "demo";

  /**
   * Engine tables a finished case is cloned into by default: those the measured queries read. The historic-instance
   * authorizations (HISTORIC_TASK, HISTORIC_PROCESS_INSTANCE) stay in ACT_RU_AUTHORIZATION until the history cleanup
   * and every authorized task query reads that table; the case detail finds the case's process instances by business
   * key in ACT_HI_PROCINST. zqt_case is always cloned.
   */
  static final List<String> HISTORIC_TABLES = List.of("ACT_HI_PROCINST", "ACT_RU_AUTHORIZATION");
  /** Runtime tables of an open case; no order needed (foreign keys are checked at the end, or not during the fill). */
  static final List<String> RUNTIME_TABLES = List.of("ACT_GE_BYTEARRAY", "ACT_RU_EXECUTION", "ACT_RU_TASK",
      "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_RU_EVENT_SUBSCR", "ACT_RU_AUTHORIZATION");
  /** History an open case needs for the engine to carry it on: rows the engine updates when its work goes on. */
  static final List<String> OPEN_HISTORY_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_TASKINST", "ACT_HI_ACTINST",
      "ACT_HI_VARINST", "ACT_HI_IDENTITYLINK");

  private static final String[] FIRST = {"海岳", "芝罘", "福山", "蓬莱", "龙口", "莱阳", "莱州", "招远", "栖霞", "海阳",
      "牟平", "长岛", "鲁东", "胶东", "开发区", "高新", "滨海", "昆嵛", "磁山", "鑫源"};
  private static final String[] SECOND = {"精密机械", "食品", "葡萄酒", "海洋科技", "电子", "新材料", "物流", "建筑工程",
      "医药", "化工", "服装", "农业开发", "软件", "汽车零部件", "船舶"};

  private ScaleBenchmark() {}

  public static LinkedHashMap<String, Object> run(ConfigurableApplicationContext app, int historicCases,
      int openCases, int samples) throws Exception {
    ScaleFill fill = new ScaleFill(app);
    LinkedHashMap<String, Object> out = new LinkedHashMap<>();
    out.put("database", fill.databaseName());
    out.put("historicCasesTarget", historicCases);
    out.put("openCasesTarget", openCases);
    out.put("fill", fill.fillTo(historicCases, openCases));
    out.put("rows", fill.rowCounts());
    out.put("queries", new Measure(app, fill, samples).all());
    return out;
  }

  /** The fill: templates through the real app, then set-based cloning. */
  static final class ScaleFill {

    final ConfigurableApplicationContext app;
    final JdbcTemplate jdbc;
    final boolean postgres;
    final CaseScenarios scenarios;
    final TaskService taskService;
    final RuntimeService runtimeService;
    final IdentityService identityService;
    final boolean fullHistory = Boolean.getBoolean("zqt.scale.full-history");
    /** Template cases of each kind, by case number. */
    final List<String> historicTemplates = new ArrayList<>();
    final List<String> openTemplates = new ArrayList<>();

    ScaleFill(ConfigurableApplicationContext app) throws Exception {
      this.app = app;
      this.jdbc = new JdbcTemplate(app.getBean(DataSource.class));
      try (Connection c = jdbc.getDataSource().getConnection()) {
        this.postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      }
      this.taskService = app.getBean(TaskService.class);
      this.runtimeService = app.getBean(RuntimeService.class);
      this.identityService = app.getBean(IdentityService.class);
      this.scenarios = new CaseScenarios(app.getBean(CaseIntakeService.class), runtimeService, taskService);
    }

    String databaseName() {
      return jdbc.queryForObject(postgres ? "SELECT version()" : "SELECT 'H2 ' || H2VERSION()", String.class);
    }

    long historicNow() {
      return jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE status IN ('CLOSED', 'ON_LEDGER')", Long.class);
    }

    long openNow() {
      return jdbc.queryForObject("SELECT COUNT(*) FROM zqt_case WHERE status NOT IN ('CLOSED', 'ON_LEDGER')",
          Long.class);
    }

    /** Adds cases until there are {@code historic} finished and {@code open} open ones; returns what it did. */
    LinkedHashMap<String, Object> fillTo(int historic, int open) throws Exception {
      long start = System.nanoTime();
      LinkedHashMap<String, Object> report = new LinkedHashMap<>();
      long templatesStart = System.nanoTime();
      makeTemplates(historic, open);
      report.put("templateCases", historicTemplates.size() + openTemplates.size());
      report.put("templateSeconds", seconds(templatesStart));
      long addHistoric = Math.max(0, historic - historicNow());
      long addOpen = Math.max(0, open - openNow());
      long cloneStart = System.nanoTime();
      LinkedHashMap<String, Object> perTable = new LinkedHashMap<>();
      if (addHistoric > 0) {
        clone(historicTemplates, addHistoric, false, fullHistory ? withAll(List.of("ACT_RU_AUTHORIZATION"),
            historyTables()) : HISTORIC_TABLES, perTable);
      }
      if (addOpen > 0) {
        clone(openTemplates, addOpen, true, withAll(RUNTIME_TABLES, fullHistory ? historyTables()
            : OPEN_HISTORY_TABLES), perTable);
      }
      report.put("addedHistoric", addHistoric);
      report.put("addedOpen", addOpen);
      report.put("cloneSeconds", seconds(cloneStart));
      report.put("secondsPerTable", perTable);
      long analyzeStart = System.nanoTime();
      if (postgres) {
        jdbc.execute("ANALYZE");
        // write out what the fill dirtied now, not in the middle of the measurements
        jdbc.execute("CHECKPOINT");
      }
      report.put("analyzeSeconds", seconds(analyzeStart));
      report.put("verifiedClonedTasksCompleted", verifyClonesWork(3));
      report.put("seconds", seconds(start));
      report.put("fullHistory", fullHistory);
      return report;
    }

    private static List<String> withAll(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    /** Every ACT_HI_* table with a ROOT_PROC_INST_ID_ column (the history of a case). */
    List<String> historyTables() {
      return jdbc.queryForList("""
          SELECT DISTINCT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.COLUMNS
          WHERE UPPER(COLUMN_NAME) = 'ROOT_PROC_INST_ID_' AND UPPER(TABLE_NAME) LIKE 'ACT\\_HI\\_%'
            AND UPPER(TABLE_SCHEMA) = 'PUBLIC' ORDER BY 1""", String.class);
    }

    // ---------------------------------------------------------------- templates through the real application

    /** Template cases, of mixed kinds and units; as few as the targets allow, at most a few dozen. */
    void makeTemplates(int historic, int open) {
      if (!historicTemplates.isEmpty()) {
        return;
      }
      int rounds = Math.max(1, Math.min(3, Math.min(historic, open) / 100));
      String[][] dispatched = {{"HELP", "SOCIAL_INSURANCE", "ZHIFU"}, {"HELP", "OTHER", "ZHIFU"},
          {"COMPLAINT", "TAX", "FUSHAN"}, {"HELP", "MARKET_REGULATION", "LAISHAN"}, {"HELP", "CONSTRUCTION", "ZHIFU"},
          {"SUGGESTION", "POLICY_SUBSIDY", "FUSHAN"}, {"HELP", "ARREARS", "FUSHAN"}};
      String[] consultations = {"SOCIAL_INSURANCE", "TAX", "MARKET_REGULATION"};
      for (int r = 0; r < rounds; r++) {
        for (String topic : consultations) {
          String n = open("CONSULTATION", topic, "ZHIFU");
          scenarios.complete(n, ProcessIds.TASK_DIRECT_ANSWER, Map.of("answerText", "可在网上服务大厅办理。"));
          asAdmin(() -> scenarios.callback(n, "SATISFIED"));
          historicTemplates.add(n);
        }
        for (String[] k : dispatched) {
          String n = open(k[0], k[1], k[2]);
          scenarios.signFor(n);
          scenarios.reply(n, "RESOLVED");
          scenarios.passQc(n, "RESOLVED");
          asAdmin(() -> scenarios.callback(n, "SATISFIED"));
          historicTemplates.add(n);
        }
        // returned by the first unit, rerouted to the social insurance bureau, finished
        String returned = open("HELP", "OTHER", "ZHIFU");
        scenarios.complete(returned, ProcessIds.TASK_SIGN_FOR,
            Map.of("signForDecision", "RETURN", "returnReason", "非本单位职责"));
        scenarios.complete(returned, ProcessIds.TASK_REROUTE,
            Map.of("handlingUnit", "HRSS", "rerouteReason", "确属人社局职责"));
        scenarios.signFor(returned);
        scenarios.reply(returned, "RESOLVED");
        scenarios.passQc(returned, "RESOLVED");
        asAdmin(() -> scenarios.callback(returned, "SATISFIED"));
        historicTemplates.add(returned);
        // open: waiting to be signed for, and signed for and being handled, at several units
        for (String[] k : dispatched) {
          openTemplates.add(open(k[0], k[1], k[2]));
          String handling = open(k[0], k[1], k[2]);
          scenarios.signFor(handling);
          openTemplates.add(handling);
        }
        openTemplates.add(open("CONSULTATION", "TAX", "FUSHAN"));
      }
    }

    private String open(String type, String topic, String district) {
      CaseIntakeRequest request = new CaseIntakeRequest(TEMPLATE_ENTERPRISE, CaseScenarios.CREDIT_CODE, "王经理",
          "13853512345", district, type, topic, null, "企业诉求（规模测试模板）",
          "企业反映的问题需要相关单位协助处理，请按职责办理。", "PHONE", null);
      return app.getBean(CaseIntakeService.class).open(request, CaseScenarios.OPERATOR).record().caseNumber();
    }

    private void asAdmin(Runnable work) {
      CaseScenarios.asAdmin(identityService, work);
    }

    // ---------------------------------------------------------------- cloning

    void clone(List<String> templates, long count, boolean open, List<String> tables, Map<String, Object> seconds)
        throws Exception {
      String node = templateNode(templates);
      long first = nextCloneNumber();
      dropScratch();
      jdbc.execute("CREATE TABLE zqt_scale_tpl (idx INT NOT NULL, root VARCHAR(64) NOT NULL, case_number VARCHAR(24)"
          + " NOT NULL, received_at TIMESTAMP WITH TIME ZONE NOT NULL)");
      for (int i = 0; i < templates.size(); i++) {
        jdbc.update("INSERT INTO zqt_scale_tpl (idx, root, case_number, received_at) SELECT ?, process_instance_id, "
            + "case_number, received_at FROM zqt_case WHERE case_number = ?", i, templates.get(i));
      }
      jdbc.execute("CREATE TABLE zqt_scale_map (n BIGINT NOT NULL PRIMARY KEY, tpl_root VARCHAR(64) NOT NULL, "
          + "tpl_case VARCHAR(24) NOT NULL, new_case VARCHAR(24) NOT NULL, shift_s BIGINT NOT NULL, "
          + "suffix VARCHAR(12) NOT NULL, ent VARCHAR(100) NOT NULL)");
      // historic cases: received 1 to 365 days ago; open ones: within the last hour (their deadlines stay ahead)
      String shift = open ? "-MOD(g.n * 7919, 3600)" : "-(86400 + MOD(g.n * 7919, 364 * 86400))";
      String received = shifted("t.received_at", "(" + shift + ")");
      String day = postgres ? "to_char(" + received + " AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')"
          : "FORMATDATETIME(" + received + " AT TIME ZONE 'Asia/Shanghai', 'yyyyMMdd')";
      String series = postgres ? "generate_series(CAST(" + first + " AS BIGINT), CAST(" + (first + count - 1) + " AS BIGINT)) AS g(n)"
          : "(SELECT CAST(X AS BIGINT) AS n FROM SYSTEM_RANGE(" + first + ", " + (first + count - 1) + ")) g";
      jdbc.execute("INSERT INTO zqt_scale_map (n, tpl_root, tpl_case, new_case, shift_s, suffix, ent) SELECT g.n, "
          + "t.root, t.case_number, 'ZQT-' || " + day + " || '-' || LPAD(CAST(g.n AS VARCHAR(12)), 7, '0'), "
          + shift + ", LPAD(CAST(g.n AS VARCHAR(12)), 12, '0'), '烟台' || " + pick("g.n", FIRST) + " || "
          + pick("g.n / " + FIRST.length, SECOND) + " || '有限公司' FROM " + series + " JOIN zqt_scale_tpl t ON t.idx = "
          + "MOD(g.n, " + templates.size() + ")");
      jdbc.execute("CREATE INDEX zqt_scale_map_root_ix ON zqt_scale_map (tpl_root)");
      if (postgres) {
        jdbc.execute("ANALYZE zqt_scale_map");
      }
      Map<String, String> statements = new LinkedHashMap<>();
      statements.put("zqt_case", cloneCaseSql(node));
      for (String table : tables) {
        statements.put(table, cloneSql(table, node, open));
      }
      if (postgres && Boolean.TRUE.equals(jdbc.queryForObject(
          "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))) {
        runInParallel(statements, seconds);
      } else if (postgres) {
        // without the right to switch foreign-key triggers off: one statement after another, parents first
        statements.forEach((table, sql) -> run(jdbc, table, sql, seconds));
      } else {
        // H2 checks foreign keys row by row inside a statement (a child execution may come before its parent)
        jdbc.execute("SET REFERENTIAL_INTEGRITY FALSE");
        try {
          statements.forEach((table, sql) -> run(jdbc, table, sql, seconds));
        } finally {
          jdbc.execute("SET REFERENTIAL_INTEGRITY TRUE");
        }
      }
      dropScratch();
    }

    /**
     * The clone statements on two connections at once (one per core). Foreign-key triggers are off in these
     * sessions (session_replication_role = replica, a bulk-load setting for the superuser): the clone rows reference
     * each other consistently by construction, and the engine working on clones afterwards proves it.
     */
    private void runInParallel(Map<String, String> statements, Map<String, Object> seconds) throws Exception {
      java.util.concurrent.ConcurrentLinkedQueue<Map.Entry<String, String>> queue =
          new java.util.concurrent.ConcurrentLinkedQueue<>(statements.entrySet());
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          workers.add(pool.submit(() -> {
            try (Connection c = jdbc.getDataSource().getConnection()) {
              JdbcTemplate session = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
              boolean replica = trySet(session, "SET session_replication_role = replica");
              try {
                for (Map.Entry<String, String> next; (next = queue.poll()) != null; ) {
                  run(session, next.getKey(), next.getValue(), seconds);
                }
              } finally {
                if (replica) {
                  session.execute("SET session_replication_role = DEFAULT");
                }
              }
            }
            return null;
          }));
        }
        for (java.util.concurrent.Future<?> worker : workers) {
          try {
            worker.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private static boolean trySet(JdbcTemplate session, String sql) {
      try {
        session.execute(sql);
        return true;
      } catch (org.springframework.dao.DataAccessException e) {
        return false;
      }
    }

    private static void run(JdbcTemplate session, String table, String sql, Map<String, Object> seconds) {
      long t = System.nanoTime();
      try {
        int rows = session.update(sql);
        System.out.println("scale fill: " + table + " +" + rows + " rows in " + seconds(t) + " s");
      } catch (org.springframework.dao.DataAccessException e) {
        throw new IllegalStateException("Cloning into " + table + " failed: "
            + e.getMostSpecificCause().getMessage().lines().findFirst().orElse(""), e);
      }
      synchronized (seconds) {
        seconds.merge(table, seconds(t), (a, b) -> (Double) a + (Double) b);
      }
    }

    private void dropScratch() {
      jdbc.execute("DROP TABLE IF EXISTS zqt_scale_map");
      jdbc.execute("DROP TABLE IF EXISTS zqt_scale_tpl");
    }

    /** The node (last 12 characters) of the templates' ids; the same for every id of one engine. */
    String templateNode(List<String> templates) {
      List<String> roots = templates.stream().map(n -> jdbc.queryForObject(
          "SELECT process_instance_id FROM zqt_case WHERE case_number = ?", String.class, n)).toList();
      String node = roots.get(0).substring(roots.get(0).length() - 12);
      for (String root : roots) {
        if (!root.endsWith(node) || root.length() != 36) {
          throw new IllegalStateException("Ids are not time-based UUIDs of one node: " + roots);
        }
      }
      return node;
    }

    long nextCloneNumber() {
      Long max = jdbc.queryForObject("SELECT MAX(CAST(SUBSTRING(case_number, 14) AS BIGINT)) FROM zqt_case "
          + "WHERE LENGTH(case_number) = " + CLONE_NUMBER_LENGTH + " AND case_number LIKE 'ZQT-%'", Long.class);
      return max == null ? 1 : max + 1;
    }

    private String shifted(String column, String seconds) {
      return postgres ? "(" + column + " + " + seconds + " * INTERVAL '1 second')"
          : "DATEADD(SECOND, " + seconds + ", " + column + ")";
    }

    private static String pick(String index, String[] words) {
      StringBuilder sql = new StringBuilder("CASE MOD(" + index + ", " + words.length + ")");
      for (int i = 0; i < words.length; i++) {
        sql.append(" WHEN ").append(i).append(" THEN '").append(words[i]).append("'");
      }
      return sql.append(" END").toString();
    }

    /** zqt_case rows of the clones: the template's record with the clone's number, enterprise and times. */
    private String cloneCaseSql(String node) {
      return cloneInto("zqt_case", "SELECT t.*, t.process_instance_id AS zqt_root FROM zqt_case t "
          + "WHERE t.process_instance_id IN (SELECT root FROM zqt_scale_tpl)", node);
    }

    /** The template rows of one table (with the root process instance they belong to) cloned once per map row. */
    private String cloneSql(String table, String node, boolean open) {
      String tpl = "(SELECT root FROM zqt_scale_tpl)";
      String source = switch (table) {
        case "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_EVENT_SUBSCR" ->
            "SELECT t.*, t.PROC_INST_ID_ AS zqt_root FROM " + table + " t WHERE t.PROC_INST_ID_ IN " + tpl;
        case "ACT_RU_JOB" -> "SELECT t.*, t.PROCESS_INSTANCE_ID_ AS zqt_root FROM ACT_RU_JOB t "
            + "WHERE t.PROCESS_INSTANCE_ID_ IN " + tpl;
        case "ACT_RU_IDENTITYLINK" -> "SELECT t.*, k.PROC_INST_ID_ AS zqt_root FROM ACT_RU_IDENTITYLINK t "
            + "JOIN ACT_RU_TASK k ON k.ID_ = t.TASK_ID_ WHERE k.PROC_INST_ID_ IN " + tpl;
        case "ACT_RU_AUTHORIZATION" -> {
          String byRoot = "SELECT t.*, t.ROOT_PROC_INST_ID_ AS zqt_root FROM ACT_RU_AUTHORIZATION t "
              + "WHERE t.ROOT_PROC_INST_ID_ IN " + tpl;
          yield open ? byRoot + " UNION ALL SELECT t.*, k.PROC_INST_ID_ AS zqt_root FROM ACT_RU_AUTHORIZATION t "
              + "JOIN ACT_RU_TASK k ON k.ID_ = t.RESOURCE_ID_ WHERE t.ROOT_PROC_INST_ID_ IS NULL "
              + "AND k.PROC_INST_ID_ IN " + tpl : byRoot;
        }
        case "ACT_GE_BYTEARRAY" -> "SELECT t.*, t.ROOT_PROC_INST_ID_ AS zqt_root FROM ACT_GE_BYTEARRAY t "
            + "WHERE t.ROOT_PROC_INST_ID_ IN " + tpl + " UNION ALL SELECT t.*, v.PROC_INST_ID_ AS zqt_root "
            + "FROM ACT_GE_BYTEARRAY t JOIN ACT_RU_VARIABLE v ON v.BYTEARRAY_ID_ = t.ID_ "
            + "WHERE t.ROOT_PROC_INST_ID_ IS NULL AND v.PROC_INST_ID_ IN " + tpl;
        default -> "SELECT t.*, t.ROOT_PROC_INST_ID_ AS zqt_root FROM " + table + " t WHERE t.ROOT_PROC_INST_ID_ IN "
            + tpl;
      };
      return cloneInto(table, source, node);
    }

    private String cloneInto(String table, String source, String node) {
      List<String> columns = new ArrayList<>();
      List<String> values = new ArrayList<>();
      jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String name = md.getColumnName(i);
          columns.add(name);
          values.add(value(table, name.toUpperCase(Locale.ROOT), md.getColumnType(i),
              md.getColumnTypeName(i).toLowerCase(Locale.ROOT), md.getPrecision(i), node));
        }
        return null;
      });
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
          + " FROM (" + source + ") t JOIN zqt_scale_map m ON m.tpl_root = t.zqt_root";
    }

    /** The value of one column of a clone row. */
    private String value(String table, String column, int type, String typeName, int size, String node) {
      String c = "t." + column;
      if (table.equals("zqt_case") && column.equals("IDEMPOTENCY_KEY")) {
        return "NULL";
      }
      if (table.equals("zqt_case") && column.equals("ENTERPRISE_NAME")) {
        return "m.ent";
      }
      if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.startsWith("timestamp")) {
        return shifted(c, "m.shift_s");
      }
      if (type != Types.VARCHAR || size < 19) {
        return c;
      }
      List<String> cases = new ArrayList<>();
      boolean definitionRef = column.endsWith("DEF_ID_") || column.equals("DEPLOYMENT_ID_")
          || column.equals("DEC_REQ_ID_");
      if (size >= 36 && !definitionRef) {
        cases.add("WHEN " + c + " LIKE '%" + node + "' THEN SUBSTRING(" + c + ", 1, LENGTH(" + c + ") - 12) || m.suffix");
      }
      cases.add("WHEN " + c + " = m.tpl_case THEN m.new_case");
      if (size >= 100) {
        cases.add("WHEN " + c + " = '" + TEMPLATE_ENTERPRISE + "' THEN m.ent");
      }
      return "CASE " + String.join(" ", cases) + " ELSE " + c + " END";
    }

    /** Completes the sign-for task of a few cloned open cases through the engine's Java API, as a unit would. */
    int verifyClonesWork(int howMany) {
      List<String> clones = jdbc.queryForList("SELECT case_number FROM zqt_case WHERE status = 'AWAITING_SIGN_FOR' "
          + "AND LENGTH(case_number) = " + CLONE_NUMBER_LENGTH + " ORDER BY case_number DESC", String.class);
      int done = 0;
      for (String n : clones.subList(0, Math.min(howMany, clones.size()))) {
        Task task = scenarios.task(n, ProcessIds.TASK_SIGN_FOR);
        if (task == null) {
          throw new IllegalStateException("Cloned case " + n + " has no sign-for task");
        }
        scenarios.signFor(n);
        if (scenarios.task(n, ProcessIds.TASK_HANDLE) == null) {
          throw new IllegalStateException("Cloned case " + n + " did not move on to handling after sign-for");
        }
        String status = jdbc.queryForObject("SELECT status FROM zqt_case WHERE case_number = ?", String.class, n);
        if (!"HANDLING".equals(status)) {
          throw new IllegalStateException("Cloned case " + n + " has status " + status + " after sign-for");
        }
        done++;
      }
      return done;
    }

    LinkedHashMap<String, Object> rowCounts() {
      LinkedHashMap<String, Object> rows = new LinkedHashMap<>();
      rows.put("zqt_case finished", historicNow());
      rows.put("zqt_case open", openNow());
      for (String table : List.of("ACT_HI_PROCINST", "ACT_HI_TASKINST", "ACT_HI_IDENTITYLINK", "ACT_HI_ACTINST",
          "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_RU_AUTHORIZATION", "ACT_RU_EXECUTION", "ACT_RU_TASK",
          "ACT_RU_IDENTITYLINK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_GE_BYTEARRAY")) {
        rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
      }
      return rows;
    }

    static double seconds(long startNanos) {
      return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
  }

  // ------------------------------------------------------------------ measuring over real HTTP

  /** The queries real users send, over HTTP to the running app, timed one after another. */
  static final class Measure {

    final String base;
    final int samples;
    final ScaleFill fill;
    final ConfigurableApplicationContext app;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Measure(ConfigurableApplicationContext app, ScaleFill fill, int samples) {
      this.app = app;
      this.fill = fill;
      this.samples = samples;
      this.base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    /** What Tasklist sends when it lists a filter's tasks (newest first). */
    static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
        + "\"orQueries\":[],\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";

    LinkedHashMap<String, Object> all() throws Exception {
      Map<String, String> filters = app.getBean(FilterSeeder.class).filterIds(app.getBean(ProcessEngine.class));
      String myGroups = filters.get("my-groups");
      String listPath = "/engine-rest/filter/" + myGroups + "/list?firstResult=0&maxResults=15";
      String countPath = "/engine-rest/filter/" + myGroups + "/count";
      LocalDate today = LocalDate.now(ZONE);
      String cloneDay = fill.jdbc.queryForObject("SELECT MAX(case_number) FROM zqt_case WHERE LENGTH(case_number) = "
          + CLONE_NUMBER_LENGTH + " AND status = 'CLOSED'", String.class);
      String dayPrefix = cloneDay == null ? "ZQT-" + today.toString().replace("-", "") : cloneDay.substring(0, 12);
      String historic = cloneDay != null ? cloneDay : fill.historicTemplates.get(0);
      String template = fill.historicTemplates.get(0);

      LinkedHashMap<String, Object> out = new LinkedHashMap<>();
      WebappSession tasklist = new WebappSession(base).login("hrss1", "tasklist");
      out.put("tasklist hrss1 本单位待办 list (Tasklist's own API)", time(() -> tasklist.post(
          "/camunda/api/engine/engine/default/filter/" + myGroups + "/list?firstResult=0&maxResults=15",
          TASKLIST_BODY)));
      out.put("tasklist hrss1 本单位待办 count (Tasklist's own API)", time(() -> tasklist.post(
          "/camunda/api/engine/engine/default/filter/" + myGroups + "/count", "{}")));
      out.put("engine-rest hrss1 本单位待办 list", time(() -> post("hrss1", listPath, TASKLIST_BODY)));
      out.put("engine-rest hrss1 本单位待办 count", time(() -> post("hrss1", countPath, "{}")));
      out.put("engine-rest zhifu1 本单位待办 list", time(() -> post("zhifu1", listPath, TASKLIST_BODY)));
      out.put("engine-rest zhifu1 本单位待办 count", time(() -> post("zhifu1", countPath, "{}")));

      String month = today.minusMonths(3).withDayOfMonth(1).toString();
      String monthEnd = today.minusMonths(3).withDayOfMonth(28).toString();
      out.put("search auditor1 first page", time(() -> get("auditor1", "/api/audit/cases")));
      out.put("search auditor1 case-number prefix (one day)", time(() -> get("auditor1",
          "/api/audit/cases?caseNumber=" + dayPrefix)));
      out.put("search auditor1 enterprise fragment", time(() -> get("auditor1", "/api/audit/cases?enterprise="
          + URLEncoder.encode("海岳精密", StandardCharsets.UTF_8))));
      out.put("search auditor1 unit + status", time(() -> get("auditor1",
          "/api/audit/cases?unit=HRSS&status=CLOSED")));
      out.put("search auditor1 date range (4 weeks)", time(() -> get("auditor1",
          "/api/audit/cases?from=" + month + "&to=" + monthEnd)));
      out.put("search hrss1 own unit first page", time(() -> get("hrss1", "/api/audit/cases")));
      out.put("case detail auditor1 (historic clone)", time(() -> get("auditor1", "/api/cases/" + historic)));
      // what a page of the search cost before counts were capped (docs/scale.md): the full COUNT(*) alone
      out.put("sql full COUNT(*) of all cases (before the cap)", timeSql("SELECT COUNT(*) FROM zqt_case"));
      out.put("sql full COUNT(*) enterprise fragment (before the cap)", timeSql(
          "SELECT COUNT(*) FROM zqt_case WHERE enterprise_name LIKE '%海岳精密%'"));
      out.put("case detail auditor1 (template, full history)", time(() -> get("auditor1", "/api/cases/" + template)));
      return out;
    }

    LinkedHashMap<String, Object> time(Callable<HttpResponse<String>> call) throws Exception {
      int warmup = Math.max(3, Math.min(samples, 20));
      long warmupDeadline = System.nanoTime() + Long.getLong("zqt.scale.seconds-per-query", 20) * 1_000_000_000L;
      HttpResponse<String> last = null;
      for (int i = 0; i < warmup && (i < 2 || System.nanoTime() < warmupDeadline); i++) {
        last = call.call();
        if (last.statusCode() != 200) {
          throw new IllegalStateException(last.request().uri() + " answered " + last.statusCode() + ": "
              + last.body() + " " + last.headers().map());
        }
      }
      // a query kind gets at most zqt.scale.seconds-per-query (default 20) seconds of samples
      long deadline = System.nanoTime() + Long.getLong("zqt.scale.seconds-per-query", 20) * 1_000_000_000L;
      double[] all = new double[samples];
      int taken = 0;
      for (int i = 0; i < samples && (i < 3 || System.nanoTime() < deadline); i++) {
        long t = System.nanoTime();
        HttpResponse<String> r = call.call();
        all[i] = (System.nanoTime() - t) / 1e6;
        taken++;
        if (r.statusCode() != 200) {
          throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        last = r;
      }
      double[] ms = Arrays.copyOf(all, taken);
      Arrays.sort(ms);
      LinkedHashMap<String, Object> figures = new LinkedHashMap<>();
      figures.put("samples", taken);
      figures.put("p50", round(percentile(ms, 50)));
      figures.put("p95", round(percentile(ms, 95)));
      figures.put("p99", round(percentile(ms, 99)));
      figures.put("max", round(ms[ms.length - 1]));
      figures.put("responseBytes", last.body().getBytes(StandardCharsets.UTF_8).length);
      return figures;
    }

    LinkedHashMap<String, Object> timeSql(String sql) throws Exception {
      int n = Math.max(3, Math.min(samples, 20));
      double[] ms = new double[n];
      fill.jdbc.queryForObject(sql, Long.class);
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        fill.jdbc.queryForObject(sql, Long.class);
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(ms);
      LinkedHashMap<String, Object> figures = new LinkedHashMap<>();
      figures.put("samples", n);
      figures.put("p50", round(percentile(ms, 50)));
      figures.put("p95", round(percentile(ms, 95)));
      figures.put("max", round(ms[n - 1]));
      return figures;
    }

    static double percentile(double[] sorted, double p) {
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double round(double v) {
      return Math.round(v * 100) / 100.0;
    }

    HttpResponse<String> get(String user, String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(user))
          .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String user, String path, String json) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(user))
          .header("Content-Type", "application/json")
          .header("Accept", path.contains("/list") ? "application/hal+json" : "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user) {
      return "Basic " + Base64.getEncoder().encodeToString((user + ":" + UNIT_PASSWORD)
          .getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A logged-in Tasklist session (cookies and CSRF token), calling the webapp's engine API as the browser does. */
  static final class WebappSession {

    final String base;
    final CookieManager cookies = new CookieManager();
    final HttpClient client;

    WebappSession(String base) {
      this.base = base;
      this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    WebappSession login(String user, String webapp) throws Exception {
      client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/" + webapp + "/")).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
              URI.create(base + "/camunda/api/admin/auth/user/default/login/" + webapp))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + UNIT_PASSWORD)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Login of " + user + " to " + webapp + " answered " + r.statusCode());
      }
      // the session changes at login: a first read in the new session gives its CSRF token, as in the browser
      client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/")).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return this;
    }

    String token() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).reduce((first, second) -> second)
          .orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN"));
    }

    HttpResponse<String> post(String path, String json) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .header("Accept", path.contains("/list") ? "application/hal+json" : "application/json")
          .header("X-XSRF-TOKEN", token())
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
