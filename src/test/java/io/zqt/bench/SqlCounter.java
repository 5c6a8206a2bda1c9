package io.zqt.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements and commits that go through a data source, by kind (SELECT, INSERT, UPDATE, DELETE,
 * other), so a benchmark can report statements per lifecycle, and the time spent in each (from the call to execute or
 * commit to its return: the database's work plus the round trip). Wrapping costs two map lookups per statement.
 */
final class SqlCounter {

  private final Map<String, LongAdder> byKind = new LinkedHashMap<>();
  private final LongAdder commits = new LongAdder();
  /** per statement text (whitespace collapsed, first 120 characters) */
  private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> byStatement =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** time per statement text, in nanoseconds: from the call to execute (or commit) to its return */
  private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> nanosByStatement =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final LongAdder nanos = new LongAdder();

  SqlCounter() {
    for (String kind : new String[] {"SELECT", "INSERT", "UPDATE", "DELETE", "OTHER"}) {
      byKind.put(kind, new LongAdder());
    }
  }

  /** Counts so far, by kind, plus {@code total} and {@code commits}. */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new LinkedHashMap<>();
    long total = 0;
    for (var e : byKind.entrySet()) {
      out.put(e.getKey(), e.getValue().sum());
      total += e.getValue().sum();
    }
    out.put("total", total);
    out.put("commits", commits.sum());
    out.put("micros", nanos.sum() / 1000);
    return out;
  }

  /** Time per statement text so far, in microseconds (commits included, as {@code [commit] origin}). */
  Map<String, Long> statementMicros() {
    Map<String, Long> out = new java.util.HashMap<>();
    nanosByStatement.forEach((k, v) -> out.put(k, v.sum() / 1000));
    return out;
  }

  /** Counts per statement text so far. */
  Map<String, Long> statements() {
    Map<String, Long> out = new java.util.HashMap<>();
    byStatement.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** The statements run most often between two {@link #statements()} snapshots, per unit of work. */
  static Map<String, Double> top(Map<String, Long> before, Map<String, Long> after, long per, int limit) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> out.put(e.getKey(), Math.round(e.getValue() * 10.0 / per) / 10.0));
    return out;
  }

  /** {@code after - before}, per key, divided by {@code per}. */
  static Map<String, Double> perUnit(Map<String, Long> before, Map<String, Long> after, long per) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((k, v) -> out.put(k, Math.round((v - before.getOrDefault(k, 0L)) * 10.0 / per) / 10.0));
    return out;
  }

  /** {@code -Dbench.countSql=false} measures without counting (to see what counting costs). */
  static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("bench.countSql", "true"));

  DataSource wrap(DataSource target) {
    if (!ENABLED) {
      return target;
    }
    return new DelegatingDataSource(target) {
      @Override
      public Connection getConnection() throws SQLException {
        return connection(super.getConnection());
      }

      @Override
      public Connection getConnection(String username, String password) throws SQLException {
        return connection(super.getConnection(username, password));
      }
    };
  }

  private Connection connection(Connection target) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("commit")) {
        commits.increment();
        String key = "[commit] " + commitOrigin();
        byStatement.computeIfAbsent(key, k -> new LongAdder()).increment();
        long start = System.nanoTime();
        try {
          return invoke(target, method, args);
        } finally {
          time(key, System.nanoTime() - start);
        }
      }
      Object result = invoke(target, method, args);
      if (result instanceof Statement statement && name.startsWith("prepare")) {
        return statement(statement, args != null && args.length > 0 ? (String) args[0] : null);
      }
      if (result instanceof Statement statement && name.equals("createStatement")) {
        return statement(statement, null);
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  private Statement statement(Statement target, String preparedSql) {
    Class<?>[] interfaces = target instanceof java.sql.CallableStatement
        ? new Class<?>[] {java.sql.CallableStatement.class}
        : target instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
        : new Class<?>[] {Statement.class};
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.startsWith("execute")) {
        String sql = preparedSql != null ? preparedSql
            : args != null && args.length > 0 && args[0] instanceof String s ? s : null;
        String key = count(sql, name.equals("executeBatch"));
        long start = System.nanoTime();
        try {
          return invoke(target, method, args);
        } finally {
          time(key, System.nanoTime() - start);
        }
      }
      return invoke(target, method, args);
    };
    return (Statement) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), interfaces, handler);
  }

  /** The kind and short text of each distinct statement, worked out once. */
  private record Shape(String kind, String text) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Shape> shapes =
      new java.util.concurrent.ConcurrentHashMap<>();

  private String count(String sql, boolean batch) {
    Shape shape = sql == null ? new Shape("OTHER", "(unknown)") : shapes.computeIfAbsent(sql, SqlCounter::shape);
    byKind.get(shape.kind()).increment();
    String key = batch ? "[batch] " + shape.text() : shape.text();
    byStatement.computeIfAbsent(key, k -> new LongAdder()).increment();
    return key;
  }

  private void time(String key, long elapsed) {
    nanos.add(elapsed);
    nanosByStatement.computeIfAbsent(key, k -> new LongAdder()).add(elapsed);
  }

  /**
   * Who committed: the first frame outside the data source, Spring's and the engine's transaction plumbing and the JDK,
   * such as {@code TaskServiceImpl.claim} or {@code AbstractQuery.singleResult} (the engine service a command came
   * from), or {@code AcquireJobsRunnable.run} for the job executor.
   */
  private static String commitOrigin() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(f -> !PLUMBING.matcher(f.getClassName()).lookingAt())
        .findFirst()
        .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
        .orElse("(unknown)"));
  }

  private static final java.util.regex.Pattern PLUMBING = java.util.regex.Pattern.compile(
      "java\\.|jdk\\.|sun\\.|com\\.sun\\.|com\\.zaxxer\\.|org\\.springframework\\.|io\\.zqt\\.bench\\.SqlCounter"
          + "|org\\.camunda\\.bpm\\.engine\\.(impl\\.interceptor|spring|impl\\.cfg|impl\\.util)\\.|org\\.apache\\.ibatis\\.|\\$Proxy"
          + "|jakarta\\.|org\\.camunda\\.bpm\\.engine\\.impl\\.(ServiceImpl|db\\.)");

  private static Shape shape(String sql) {
    String word = sql.stripLeading().split("\\s", 2)[0].toUpperCase(Locale.ROOT);
    String text = sql.strip().replaceAll("\\s+", " ");
    return new Shape(Set.of("SELECT", "INSERT", "UPDATE", "DELETE").contains(word) ? word : "OTHER",
        text.length() > 120 ? text.substring(0, 120) : text);
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
