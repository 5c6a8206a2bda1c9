package io.zqt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine and process a benchmark ran on. */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memoryMb", kb(firstValue(Path.of("/proc/meminfo"), "MemTotal")) / 1024);
    m.put("os", osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")");
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X") || a.startsWith("-XX")).toList());
    m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    m.put("gitCommit", git());
    return m;
  }

  /** Heap after a full GC, and the process's resident memory now and at its peak. */
  static Map<String, Object> memory() {
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("note", "the benchmark's JVM: ZQT, the baseline engine and the drivers together");
    m.put("heapUsedAfterGcMb", heap.getUsed() / (1024 * 1024));
    m.put("heapCommittedMb", heap.getCommitted() / (1024 * 1024));
    m.putAll(resident(ProcessHandle.current().pid()));
    return m;
  }

  /** VmRSS and VmHWM of a process, in MB. */
  static Map<String, Object> resident(long pid) {
    Map<String, Object> m = new LinkedHashMap<>();
    Path status = Path.of("/proc/" + pid + "/status");
    m.put("residentMb", kb(firstValue(status, "VmRSS")) / 1024);
    m.put("residentPeakMb", kb(firstValue(status, "VmHWM")) / 1024);
    return m;
  }

  private static long kb(String value) {
    if (value == null) {
      return -1;
    }
    return Long.parseLong(value.replaceAll("[^0-9]", ""));
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static String osRelease() {
    String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
    return pretty == null ? "" : pretty.replace("\"", "");
  }

  private static String git() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
