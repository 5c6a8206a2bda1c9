package io.zqt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Lints every {@code processes/*.bpmn} with bpmnlint and the rules Camunda Modeler applies to Camunda 7.24
 * ({@code src/test/bpmnlint/.bpmnlintrc}). Needs Node.js and npm; the pinned linter is installed with
 * {@code npm ci} into {@code src/test/bpmnlint/node_modules} when it is missing or older than the lock file.
 */
class ProcessLintTest {

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path LINT_DIR = BASE_DIR.resolve("src/test/bpmnlint");
    private static final Path PROCESSES = BASE_DIR.resolve("processes");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    @BeforeAll
    static void installLinter() throws Exception {
        Path installed = LINT_DIR.resolve("node_modules/.package-lock.json");
        Path lock = LINT_DIR.resolve("package-lock.json");
        if (Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Result npm = run(LINT_DIR, 600, WINDOWS ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund");
        assertEquals(0, npm.exitCode, () -> "npm ci in " + LINT_DIR + " failed:\n" + npm.output);
    }

    @TestFactory
    Stream<DynamicTest> everyBpmnLintsClean() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(PROCESSES)) {
            files = list.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        assertThat(files).as("BPMN files in %s", PROCESSES).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Result lint = run(LINT_DIR, 120, "node", "node_modules/bpmnlint/bin/bpmnlint.js", file.toString());
            assertEquals(0, lint.exitCode, () -> "bpmnlint found problems in " + file + ":\n" + lint.output);
        }));
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command in dir and returns its exit code with stdout and stderr together. */
    private static Result run(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        File log = File.createTempFile("zqt-lint-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")));
            builder.environment().put("NO_COLOR", "1");
            builder.environment().put("FORCE_COLOR", "0");
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                fail("cannot run " + String.join(" ", command) + " (are Node.js and npm installed and on the PATH?)", e);
                throw e;
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n" + read(log));
            }
            return new Result(process.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }

    private static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }
}
