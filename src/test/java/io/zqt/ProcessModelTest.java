package io.zqt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Static checks of the BPMN files and their Camunda Forms, without an engine: the files parse and validate
 * against the BPMN schema, every user task has candidate groups and a Camunda Form that exists in
 * {@code processes/forms/}, every service task a delegate expression, every business rule task plain variables for
 * outputs its decision has, every deciding exclusive gateway a default
 * flow, and every form is one the Camunda 7.24 Tasklist (form-js 1.8, schemaVersion 16) renders.
 */
class ProcessModelTest {

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path PROCESSES = BASE_DIR.resolve("processes");
    private static final Path FORMS = PROCESSES.resolve("forms");
    /** The highest form-js schema version that the form-js bundled with Camunda 7.24's Tasklist knows. */
    private static final int MAX_SCHEMA_VERSION = 16;
    private static final String FORM_KEY_PREFIX = "camunda-forms:deployment:";
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{[a-z][A-Za-z0-9]*}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, BpmnModelInstance> MODELS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> FORM_SCHEMAS = new LinkedHashMap<>();

    @BeforeAll
    static void readFiles() throws IOException {
        for (Path file : files(PROCESSES, ".bpmn")) {
            try (InputStream in = Files.newInputStream(file)) {
                MODELS.put(file.getFileName().toString(), Bpmn.readModelFromStream(in));
            }
        }
        for (Path file : files(FORMS, ".form")) {
            FORM_SCHEMAS.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
        }
    }

    static Stream<String> bpmnFiles() throws IOException {
        return files(PROCESSES, ".bpmn").stream().map(p -> p.getFileName().toString());
    }

    static Stream<String> formFiles() throws IOException {
        return files(FORMS, ".form").stream().map(p -> p.getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void isValidBpmnWithExecutableProcesses(String file) {
        BpmnModelInstance model = MODELS.get(file);
        Bpmn.validateModel(model);
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.isExecutable()).as("%s: %s is executable", file, process.getId()).isTrue();
            assertThat(process.getCamundaHistoryTimeToLiveString())
                    .as("%s: %s historyTimeToLive", file, process.getId()).isNotBlank();
            assertThat(file).as("file name of process %s", process.getId()).isEqualTo(process.getId() + ".bpmn");
        }
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyUserTaskHasCandidateGroupsAndAnExistingCamundaForm(String file) {
        List<String> problems = new ArrayList<>();
        for (UserTask task : MODELS.get(file).getModelElementsByType(UserTask.class)) {
            if (isBlank(task.getCamundaCandidateGroups())) {
                problems.add(task.getId() + " has no candidateGroups");
            }
            checkForm(task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(), task.getCamundaFormKey(),
                    true, problems);
        }
        for (StartEvent start : MODELS.get(file).getModelElementsByType(StartEvent.class)) {
            checkForm(start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
                    start.getCamundaFormKey(), false, problems);
        }
        assertThat(problems).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyServiceTaskHasADelegateExpression(String file) {
        List<String> problems = new ArrayList<>();
        for (ServiceTask task : MODELS.get(file).getModelElementsByType(ServiceTask.class)) {
            String expression = task.getCamundaDelegateExpression();
            if (expression == null || !DELEGATE_EXPRESSION.matcher(expression).matches()) {
                problems.add(task.getId() + " has delegateExpression " + expression + ", expected ${beanName}");
            }
            if (task.getCamundaClass() != null || task.getCamundaExpression() != null || task.getCamundaType() != null) {
                problems.add(task.getId() + " has an implementation besides its delegateExpression");
            }
        }
        Map<String, Set<String>> outputs = decisionOutputs();
        for (BusinessRuleTask task : MODELS.get(file).getModelElementsByType(BusinessRuleTask.class)) {
            String decision = task.getCamundaDecisionRef();
            if (isBlank(decision) || !outputs.containsKey(decision)) {
                problems.add(task.getId() + " needs the decisionRef of a table in decisions/, has " + decision);
                continue;
            }
            if (task.getCamundaResultVariable() != null) {
                problems.add(task.getId() + " stores the whole result in " + task.getCamundaResultVariable()
                        + "; map the outputs the steps read to plain variables instead");
            }
            List<CamundaOutputParameter> parameters = task.getExtensionElements() == null ? List.of()
                    : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                            .stream().flatMap(io -> io.getCamundaOutputParameters().stream()).toList();
            if (parameters.isEmpty()) {
                problems.add(task.getId() + " maps no output of " + decision);
            }
            for (CamundaOutputParameter parameter : parameters) {
                var matcher = DECISION_OUTPUT.matcher(parameter.getTextContent().strip());
                if (!matcher.matches() || !outputs.get(decision).contains(matcher.group(1))) {
                    problems.add(task.getId() + ": output parameter " + parameter.getCamundaName() + " = "
                            + parameter.getTextContent().strip() + " is not ${decisionResult.getSingleResult()."
                            + "<output>} with an output of " + decision + " " + outputs.get(decision));
                }
            }
        }
        assertThat(problems).as(file).isEmpty();
    }

    /** One output of a business rule task's decision (hit policy FIRST or UNIQUE: a single result). */
    private static final Pattern DECISION_OUTPUT =
            Pattern.compile("\\$\\{decisionResult\\.getSingleResult\\(\\)\\.([A-Za-z][A-Za-z0-9]*)}");

    /** The output names of every decision in decisions/, by decision id. */
    private static Map<String, Set<String>> decisionOutputs() {
        Map<String, Set<String>> outputs = new LinkedHashMap<>();
        try {
            for (Path file : files(BASE_DIR.resolve("decisions"), ".dmn")) {
                DmnModelInstance dmn = Dmn.readModelFromFile(file.toFile());
                for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
                    Set<String> names = new TreeSet<>();
                    decision.getChildElementsByType(DecisionTable.class).forEach(table ->
                            table.getOutputs().forEach(output -> names.add(output.getName())));
                    outputs.put(decision.getId(), names);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return outputs;
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyDecidingExclusiveGatewayHasADefaultFlow(String file) {
        List<String> problems = new ArrayList<>();
        for (ExclusiveGateway gateway : MODELS.get(file).getModelElementsByType(ExclusiveGateway.class)) {
            if (gateway.getOutgoing().size() < 2) {
                continue;
            }
            SequenceFlow byDefault = gateway.getDefault();
            if (byDefault == null) {
                problems.add(gateway.getId() + " has " + gateway.getOutgoing().size() + " outgoing flows and no default");
                continue;
            }
            for (SequenceFlow flow : gateway.getOutgoing()) {
                boolean conditional = flow.getConditionExpression() != null;
                if (flow == byDefault && conditional) {
                    problems.add(gateway.getId() + ": default flow " + flow.getId() + " has a condition");
                }
                if (flow != byDefault && !conditional) {
                    problems.add(gateway.getId() + ": flow " + flow.getId() + " has no condition");
                }
                if (isBlank(flow.getName())) {
                    problems.add(gateway.getId() + ": branch " + flow.getId() + " has no name");
                }
            }
        }
        assertThat(problems).as(file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void everyFlowNodeHasAName(String file) {
        List<String> unnamed = MODELS.get(file).getModelElementsByType(FlowNode.class).stream()
                .filter(node -> isBlank(node.getName())).map(FlowNode::getId).toList();
        assertThat(unnamed).as("%s: flow nodes without a name", file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("formFiles")
    void everyFormIsACamundaFormThatTasklistRenders(String file) {
        JsonNode form = FORM_SCHEMAS.get(file);
        assertThat(form.path("id").asText()).as("%s: id = file name", file).isEqualTo(file.replace(".form", ""));
        assertThat(form.path("type").asText()).as("%s: type", file).isEqualTo("default");
        assertThat(form.path("schemaVersion").asInt()).as("%s: schemaVersion", file).isBetween(1, MAX_SCHEMA_VERSION);
        assertThat(form.path("executionPlatform").asText()).as(file).isEqualTo("Camunda Platform");
        assertThat(form.path("executionPlatformVersion").asText()).as(file).startsWith("7.24");
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode component : components(form)) {
            if (!ids.add(component.path("id").asText())) {
                problems.add("duplicate id " + component.path("id").asText());
            }
            if (component.has("key") && !keys.add(component.path("key").asText())) {
                problems.add("duplicate key " + component.path("key").asText());
            }
            if (component.has("key") && !component.path("disabled").asBoolean()
                    && component.path("readonly").asBoolean()) {
                // form-js submits read-only fields (and would write their values back); disabled ones it leaves out
                problems.add(component.path("key").asText() + " is readonly: use disabled for display-only fields");
            }
        }
        assertThat(problems).as(file).isEmpty();
        assertThat(keys).as("%s: input fields", file).isNotEmpty();
    }

    @Test
    void everyFormIsUsedByAProcess() {
        Set<String> referenced = new TreeSet<>();
        for (BpmnModelInstance model : MODELS.values()) {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                referenced.add(String.valueOf(formFile(task.getCamundaFormRef(), task.getCamundaFormKey())));
            }
            for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
                referenced.add(String.valueOf(formFile(start.getCamundaFormRef(), start.getCamundaFormKey())));
            }
        }
        referenced.remove("null");
        assertThat(referenced).as("forms referenced by a start event or user task").containsAll(FORM_SCHEMAS.keySet());
    }

    /** The choices of the intake and reroute forms are the codes of the reference data, in the same order. */
    @Test
    void selectOptionsMatchTheReferenceData() throws IOException {
        Path codesFile = BASE_DIR.resolve("src/main/resources/data/reference/codes.yaml");
        Path unitsFile = BASE_DIR.resolve("src/main/resources/data/org/units.yaml");
        Assumptions.assumeTrue(Files.exists(codesFile) && Files.exists(unitsFile), "reference data files not present");
        Map<String, List<Map<String, Object>>> codes = yaml(codesFile);
        List<Map<String, Object>> units = yaml(unitsFile).get("units");

        Map<String, List<String>> intake = selectValues(FORM_SCHEMAS.get("case-intake.form"));
        assertThat(intake.get("type")).isEqualTo(codesOf(codes.get("types")));
        assertThat(intake.get("topic")).isEqualTo(codesOf(codes.get("topics")));
        assertThat(intake.get("urgency")).isEqualTo(codesOf(codes.get("urgencies")));
        assertThat(intake.get("channel")).isEqualTo(codesOf(codes.get("channels")));
        assertThat(intake.get("district")).isEqualTo(codesOf(units.stream()
                .filter(u -> List.of("DISTRICT", "ZONE").contains(String.valueOf(u.get("kind")))).toList()));
        assertThat(selectValues(FORM_SCHEMAS.get("reroute-case.form")).get("handlingUnit")).isEqualTo(codesOf(units));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void checkForm(String elementId, String formRef, String binding, String formKey, boolean required,
            List<String> problems) {
        if (formRef == null && formKey == null) {
            if (required) {
                problems.add(elementId + " has no Camunda Form (formRef or formKey)");
            }
            return;
        }
        if (formRef != null && formKey != null) {
            problems.add(elementId + " has both formRef and formKey");
        }
        if (formRef != null && !"deployment".equals(binding)) {
            problems.add(elementId + ": formRefBinding is " + binding + ", expected deployment (forms deploy with the process)");
        }
        if (formKey != null && !formKey.startsWith(FORM_KEY_PREFIX)) {
            problems.add(elementId + ": formKey " + formKey + " is not a Camunda Form in the deployment");
            return;
        }
        String file = formFile(formRef, formKey);
        JsonNode form = FORM_SCHEMAS.get(file);
        if (form == null) {
            problems.add(elementId + " refers to " + file + ", which is not in " + FORMS);
        } else if (formRef != null && !formRef.equals(form.path("id").asText())) {
            problems.add(elementId + " refers to form id " + formRef + " but " + file + " has id " + form.path("id").asText());
        }
    }

    private static String formFile(String formRef, String formKey) {
        if (formRef != null) {
            return formRef + ".form";
        }
        return formKey == null ? null : formKey.substring(formKey.lastIndexOf(':') + 1);
    }

    private static List<JsonNode> components(JsonNode container) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode component : container.path("components")) {
            all.add(component);
            all.addAll(components(component));
        }
        return all;
    }

    private static Map<String, List<String>> selectValues(JsonNode form) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (JsonNode component : components(form)) {
            if (component.has("values")) {
                values.put(component.path("key").asText(),
                        component.path("values").findValues("value").stream().map(JsonNode::asText).toList());
            }
        }
        return values;
    }

    private static List<String> codesOf(List<Map<String, Object>> entries) {
        return entries.stream().map(e -> String.valueOf(e.get("code"))).toList();
    }

    private static Map<String, List<Map<String, Object>>> yaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
