package dev.tessera.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds deploy/k8s to the code it deploys: a port, a setting name, a probe path or a graph folder that changes in the
 * code without the manifests following fails here, not in a cluster.
 */
class ManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("tessera.k8s.dir", ".")).toAbsolutePath().normalize();
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "../..")).toAbsolutePath().normalize();
    private static final String EXAMPLE_SECRET = "secret.example.yaml";
    private static final String SECRET_NAME = "tessera-secrets";
    private static final String CONFIG_NAME = "tessera-config";
    /** ServiceConfig settings that hold secrets: they may only come from the Secret. */
    private static final Set<String> SECRET_SETTINGS = Set.of("TESSERA_GRAPH_PASSWORD", "TESSERA_AUDIT_FINGERPRINT_KEY");

    private static final ObjectMapper YAML = new YAMLMapper();

    private static JsonNode kustomization;
    /** Every document of every manifest kustomization.yaml lists, with the file it came from. */
    private static final List<Manifest> manifests = new ArrayList<>();
    /** config.env: the ConfigMap's entries, commented-out optional ones included (they are meant to be switched on). */
    private static final Map<String, String> config = new LinkedHashMap<>();
    private static final Set<String> optionalConfig = new TreeSet<>();
    /** The domain services: modules whose application.properties names a tessera.domain. */
    private static final Map<String, Properties> services = new LinkedHashMap<>();

    record Manifest(String file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }
    }

    @BeforeAll
    static void load() throws IOException {
        kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            manifests.addAll(read(resource.asText(), Files.readString(K8S.resolve(resource.asText()))));
        }
        Pattern entry = Pattern.compile("^(#\\s*)?([A-Z][A-Z0-9_]*)=(.*)$");
        for (String line : Files.readAllLines(K8S.resolve("config.env"))) {
            Matcher m = entry.matcher(line.trim());
            if (m.matches() && m.group(1) == null) {
                config.put(m.group(2), m.group(3));
            } else if (m.matches()) {
                optionalConfig.add(m.group(2));
            }
        }
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.sorted().toList()) {
                Path properties = module.resolve("src/main/resources/application.properties");
                if (Files.isRegularFile(properties)) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                        p.load(r);
                    }
                    if (p.containsKey("tessera.domain")) {
                        services.put(module.getFileName().toString(), p);
                    }
                }
            }
        }
        assertEquals(Set.of("legal", "medical", "finance"), services.keySet(), "services found under " + ROOT);
    }

    private static List<Manifest> read(String file, String yaml) throws IOException {
        List<Manifest> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(yaml))) {
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc != null && doc.isObject()) {
                    docs.add(new Manifest(file, doc));
                }
            }
        }
        return docs;
    }

    @Test
    void kustomizationListsEveryManifestInTheFolderAndNoOther() throws IOException {
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode g : kustomization.path(generator)) {
                g.path("envs").forEach(f -> listed.add(f.asText()));
                // files: entries may be "key=path".
                g.path("files").forEach(f -> listed.add(f.asText().replaceFirst("^[^=]*=", "")));
            }
        }
        Set<String> present;
        try (Stream<Path> files = Files.list(K8S)) {
            present = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(".*\\.(ya?ml|env)$"))
                    .filter(n -> !n.equals("kustomization.yaml") && !n.equals(EXAMPLE_SECRET))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, "manifests in " + K8S + " vs. kustomization.yaml");
        assertTrue(Files.isRegularFile(K8S.resolve(EXAMPLE_SECRET)), EXAMPLE_SECRET + " documents the Secret");
        assertFalse(listed.contains(EXAMPLE_SECRET),
                "applying the example Secret would overwrite the real one with placeholders");
        assertEquals("tessera", kustomization.path("namespace").asText());
        assertTrue(manifests.stream().anyMatch(m -> m.kind().equals("Namespace") && m.name().equals("tessera")));
        assertTrue(kustomization.path("configMapGenerator").findValuesAsText("name").contains(CONFIG_NAME));
    }

    @Test
    void eachServiceListensAndIsNamedAsItsApplicationPropertiesSay() {
        assertFalse(config.containsKey("TESSERA_DOMAIN") || optionalConfig.contains("TESSERA_DOMAIN"),
                "config.env is shared by all services; a domain there would turn two of them into the third");
        services.forEach((module, properties) -> {
            String name = properties.getProperty("quarkus.application.name");
            int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
            String where = module + " (" + name + ", port " + port + ")";

            JsonNode deployment = one("Deployment", name).doc();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = onlyContainer(pod.path("spec"), where);
            assertTrue(container.path("image").asText().startsWith(name + ":"), where + ": image " + container.path("image"));
            assertEquals(port, containerPort(container, "http"), where + ": containerPort 'http'");
            env(container, "TESSERA_DOMAIN").ifPresent(d ->
                    assertEquals(properties.getProperty("tessera.domain"), d.path("value").asText(), where + ": TESSERA_DOMAIN"));
            env(container, "QUARKUS_HTTP_PORT").ifPresent(p ->
                    assertEquals(String.valueOf(port), p.path("value").asText(), where + ": QUARKUS_HTTP_PORT"));

            JsonNode service = one("Service", name).doc();
            assertTrue(selects(service.path("spec").path("selector"), pod.path("metadata").path("labels")),
                    where + ": the Service's selector does not match the pod's labels");
            assertEquals(1, service.path("spec").path("ports").size(), where + ": Service ports");
            JsonNode target = service.path("spec").path("ports").get(0).path("targetPort");
            assertEquals(port, target.isInt() ? target.asInt() : containerPort(container, target.asText()),
                    where + ": Service targetPort");

            JsonNode annotations = pod.path("metadata").path("annotations");
            assertEquals("true", annotations.path("prometheus.io/scrape").asText(), where + ": prometheus.io/scrape");
            assertEquals(String.valueOf(port), annotations.path("prometheus.io/port").asText(), where + ": prometheus.io/port");
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText(), where + ": prometheus.io/path");

            JsonNode budget = one("PodDisruptionBudget", name).doc();
            assertTrue(selects(budget.path("spec").path("selector").path("matchLabels"), pod.path("metadata").path("labels")),
                    where + ": the PodDisruptionBudget selects no pod of the Deployment");
            assertTrue(deployment.path("spec").path("replicas").asInt() > budget.path("spec").path("maxUnavailable").asInt(1),
                    where + ": the disruption budget would allow every replica down at once");
        });
    }

    @Test
    void everyTesseraVariableIsASettingOfServiceConfig() throws IOException {
        Set<String> settings = ServiceConfigSettings.environmentNames(
                ROOT.resolve("service-common/src/main/java/dev/tessera/service/ServiceConfig.java"));
        // The reader itself: dashed names map with underscores, nested groups with their prefix.
        assertTrue(settings.containsAll(Set.of("TESSERA_DOMAIN", "TESSERA_GRAPH_URI", "TESSERA_GRAPH_QUERY_TIMEOUT",
                "TESSERA_AUDIT_KAFKA_BOOTSTRAP", "TESSERA_AUDIT_FINGERPRINT_KEY_ID", "TESSERA_SCREENING_BLOCK_TOXICITY",
                "TESSERA_ASK_LINKED_ENTITIES")), "settings read from ServiceConfig: " + settings);
        assertFalse(settings.contains("TESSERA_GRAPH"), "a group is not a setting: " + settings);

        // A misspelt TESSERA_ variable is ignored by the service, which then runs on the default: only this catches it.
        Map<String, String> used = new LinkedHashMap<>();
        config.keySet().forEach(k -> used.put(k, "config.env"));
        optionalConfig.forEach(k -> used.put(k, "config.env (commented out)"));
        for (Manifest m : manifests) {
            for (JsonNode container : containers(m)) {
                container.path("env").forEach(e -> used.put(e.path("name").asText(), m.file() + " " + m.name()));
            }
        }
        used.keySet().removeIf(name -> !name.startsWith("TESSERA_"));
        assertTrue(used.keySet().containsAll(Set.of("TESSERA_GRAPH_URI", "TESSERA_GRAPH_PASSWORD",
                "TESSERA_AUDIT_KAFKA_BOOTSTRAP", "TESSERA_AUDIT_FINGERPRINT_KEY")), "settings the services need: " + used);
        used.forEach((name, where) -> assertTrue(settings.contains(name),
                name + " in " + where + " is no setting of ServiceConfig (the service would ignore it); settings: " + settings));

        // And every service gets them: the shared ConfigMap and both secrets.
        for (String service : serviceNames()) {
            JsonNode container = onlyContainer(one("Deployment", service).doc().path("spec").path("template").path("spec"), service);
            assertTrue(container.path("envFrom").findValuesAsText("name").contains(CONFIG_NAME), service + " reads " + CONFIG_NAME);
            for (String secret : SECRET_SETTINGS) {
                assertTrue(env(container, secret).isPresent(), service + " sets " + secret);
            }
        }
    }

    @Test
    void secretsComeOnlyFromTheSecretAndTheRepositoryHoldsNone() throws IOException {
        List<Manifest> example = read(EXAMPLE_SECRET, Files.readString(K8S.resolve(EXAMPLE_SECRET)));
        assertEquals(1, example.size());
        JsonNode secret = example.get(0).doc();
        assertEquals("Secret", secret.path("kind").asText());
        assertEquals(SECRET_NAME, secret.path("metadata").path("name").asText());
        assertTrue(secret.path("data").isMissingNode(), "base64 data could hide a real value; use stringData placeholders");
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : secret.path("stringData").properties()) {
            keys.add(e.getKey());
            assertTrue(e.getValue().asText().startsWith("REPLACE_ME"),
                    EXAMPLE_SECRET + " " + e.getKey() + " must be an obvious placeholder, not a value");
        }
        assertFalse(keys.isEmpty(), EXAMPLE_SECRET + " has no stringData");

        assertTrue(manifests.stream().noneMatch(m -> m.kind().equals("Secret")), "a Secret among the applied manifests");
        assertTrue(kustomization.path("secretGenerator").isMissingNode(), "kustomization.yaml generates a Secret");
        for (String name : SECRET_SETTINGS) {
            assertFalse(config.containsKey(name) || optionalConfig.contains(name), name + " in config.env, a ConfigMap");
        }

        Set<String> referenced = new TreeSet<>();
        Pattern sensitive = Pattern.compile("PASSWORD|SECRET|TOKEN|_KEY$");
        for (Manifest m : manifests) {
            for (JsonNode container : containers(m)) {
                for (JsonNode e : container.path("env")) {
                    String name = e.path("name").asText();
                    JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        assertEquals(SECRET_NAME, ref.path("name").asText(), m.file() + " " + name);
                        assertTrue(keys.contains(ref.path("key").asText()),
                                m.file() + " " + name + " reads key " + ref.path("key") + ", which " + EXAMPLE_SECRET + " lacks");
                        referenced.add(ref.path("key").asText());
                    } else {
                        assertFalse(sensitive.matcher(name).find(), m.file() + " " + name + " is a literal, not from the Secret");
                    }
                }
            }
        }
        assertEquals(keys, referenced, "keys of " + EXAMPLE_SECRET + " vs. keys the manifests read");

        // Services, Neo4j and the graph load must agree on one password.
        Set<String> passwordKeys = new TreeSet<>();
        for (String service : serviceNames()) {
            passwordKeys.add(secretKey(onlyContainer(podSpec(one("Deployment", service)), service), "TESSERA_GRAPH_PASSWORD"));
        }
        passwordKeys.add(secretKey(onlyContainer(podSpec(one("Job", "tessera-graph-load")), "job"), "NEO4J_PASSWORD"));
        JsonNode neo4j = onlyContainer(podSpec(one("StatefulSet", "neo4j")), "neo4j");
        Matcher auth = Pattern.compile("^neo4j/\\$\\((\\w+)\\)$").matcher(env(neo4j, "NEO4J_AUTH").orElseThrow().path("value").asText());
        assertTrue(auth.matches(), "NEO4J_AUTH must be neo4j/$(VARIABLE) with the password from the Secret");
        passwordKeys.add(secretKey(neo4j, auth.group(1)));
        assertEquals(1, passwordKeys.size(), "services, graph load and Neo4j read different passwords: " + passwordKeys);
    }

    @Test
    void serviceProbesUseTheQuarkusHealthEndpoints() {
        for (String service : serviceNames()) {
            JsonNode container = onlyContainer(podSpec(one("Deployment", service)), service);
            int port = containerPort(container, "http");
            Map<String, String> expected = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                    "readinessProbe", "/q/health/ready");
            expected.forEach((probe, path) -> {
                JsonNode get = container.path(probe).path("httpGet");
                assertEquals(path, get.path("path").asText(), service + " " + probe);
                JsonNode probePort = get.path("port");
                assertEquals(port, probePort.isInt() ? probePort.asInt() : containerPort(container, probePort.asText()),
                        service + " " + probe + " port");
            });
            // Models load in seconds, but with Kafka unreachable start-up takes about a minute before it gives up.
            JsonNode startup = container.path("startupProbe");
            int budget = startup.path("initialDelaySeconds").asInt(0)
                    + startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3);
            assertTrue(budget >= 120, service + ": startup probe allows only " + budget + " s");
        }
    }

    @Test
    void everyPodRunsAsNonRootWithoutCapabilitiesOrServiceLinks() throws IOException {
        int tesseraUid = dockerfileUid("service.Dockerfile");
        assertEquals(tesseraUid, dockerfileUid("cli.Dockerfile"), "the two Tessera images run as different users");
        int pods = 0;
        for (Manifest m : manifests) {
            JsonNode spec = podSpec(m);
            if (spec.isMissingNode()) {
                continue;
            }
            pods++;
            String where = m.kind() + " " + m.name();
            // Service links put <SERVICE>_PORT=tcp://... into every container: Neo4j and Kafka read NEO4J_*/KAFKA_*
            // variables as settings and would take those for ones.
            assertFalse(spec.path("enableServiceLinks").asBoolean(true), where + ": enableServiceLinks");
            assertFalse(spec.path("automountServiceAccountToken").asBoolean(true), where + ": no pod here talks to the API");
            JsonNode security = spec.path("securityContext");
            assertTrue(security.path("runAsNonRoot").asBoolean(false), where + ": runAsNonRoot");
            assertTrue(security.path("runAsUser").asInt(0) > 0, where + ": numeric runAsUser");
            assertEquals("RuntimeDefault", security.path("seccompProfile").path("type").asText(), where + ": seccomp");
            Set<String> emptyDirs = new TreeSet<>();
            spec.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            for (JsonNode container : containers(m)) {
                String c = where + " container " + container.path("name").asText();
                JsonNode cs = container.path("securityContext");
                assertFalse(cs.path("allowPrivilegeEscalation").asBoolean(true), c + ": allowPrivilegeEscalation");
                assertEquals("[\"ALL\"]", cs.path("capabilities").path("drop").toString(), c + ": capabilities");
                for (String field : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    assertFalse(container.path("resources").at("/" + field).asText().isEmpty(), c + ": resources " + field);
                }
                if (container.path("image").asText().startsWith("tessera-")) {
                    assertEquals(tesseraUid, security.path("runAsUser").asInt(), c + ": runAsUser vs. the image's USER");
                    assertTrue(cs.path("readOnlyRootFilesystem").asBoolean(false), c + ": readOnlyRootFilesystem");
                }
            }
            // The JVMs (not the init containers) unpack ONNX Runtime and tokenizer libraries to /tmp.
            for (JsonNode container : spec.path("containers")) {
                if (container.path("image").asText().startsWith("tessera-")) {
                    assertTrue(mountedFromEmptyDir(container, "/tmp", emptyDirs), where + ": /tmp from an emptyDir");
                }
            }
        }
        assertEquals(6, pods, "Deployments, StatefulSets and the Job");
    }

    @Test
    void graphLoadJobLoadsEveryShippedGraphWithOptionsTheCliHas() throws IOException {
        Set<String> shipped;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("deploy/graphs"))) {
            shipped = dirs.filter(d -> Files.isRegularFile(d.resolve("nodes.jsonl")))
                    .map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(Set.of("finance", "legal", "medical"), shipped);
        JsonNode container = onlyContainer(podSpec(one("Job", "tessera-graph-load")), "tessera-graph-load");
        Set<String> loaded = new TreeSet<>(Arrays.asList(env(container, "GRAPH_DOMAINS").orElseThrow().path("value").asText().trim().split("\\s+")));
        assertEquals(shipped, loaded, "GRAPH_DOMAINS vs. deploy/graphs");

        String script = container.path("args").toString() + container.path("command");
        assertTrue(script.contains("tessera graph load \\\"$domain\\\""), "the Job runs tessera graph load per domain: " + script);
        Set<String> cliOptions = new TreeSet<>();
        for (String source : List.of("GraphLoadCommand.java", "GraphConnectionOptions.java")) {
            Matcher option = Pattern.compile("\"(--[a-z][\\w-]*)\"").matcher(
                    Files.readString(ROOT.resolve("deploy/cli/src/main/java/dev/tessera/cli").resolve(source)));
            while (option.find()) {
                cliOptions.add(option.group(1));
            }
        }
        Matcher used = Pattern.compile("(?<![\\w-])(--[a-z][\\w-]*)").matcher(script);
        int options = 0;
        while (used.find()) {
            options++;
            assertTrue(cliOptions.contains(used.group(1)), used.group(1) + " is no option of tessera graph load: " + cliOptions);
        }
        assertTrue(options >= 2, "the Job passes at least the URI and the graphs folder");

        Matcher graphsDir = Pattern.compile("--graphs-dir\\s+(\\S+)").matcher(script);
        assertTrue(graphsDir.find(), "the Job names the graphs folder inside the image");
        Matcher copy = Pattern.compile("(?m)^COPY\\s+deploy/graphs/?\\s+(\\S+?)/?$").matcher(
                Files.readString(K8S.resolve("images/cli.Dockerfile")));
        assertTrue(copy.find(), "cli.Dockerfile copies deploy/graphs");
        assertEquals(copy.group(1), graphsDir.group(1), "--graphs-dir vs. where cli.Dockerfile puts the graphs");
        assertTrue(container.path("envFrom").findValuesAsText("name").contains(CONFIG_NAME),
                "the Job reads TESSERA_GRAPH_URI from the services' ConfigMap");
    }

    @Test
    void neo4jAndKafkaAreWhereTheServicesLookAndRunTheTestedVersions() throws IOException {
        String rootPom = Files.readString(ROOT.resolve("pom.xml"));

        URI graph = URI.create(config.get("TESSERA_GRAPH_URI"));
        assertEquals("bolt", graph.getScheme(), "a single Neo4j has no routing table: bolt://, not neo4j://");
        JsonNode neo4j = backingPod(graph.getHost(), graph.getPort(), "neo4j");
        String neo4jVersion = property(rootPom, "neo4j.version");
        String image = onlyContainer(neo4j, "neo4j").path("image").asText();
        assertTrue(image.startsWith("neo4j:" + neo4jVersion.substring(0, neo4jVersion.lastIndexOf('.'))),
                image + " vs. neo4j.version " + neo4jVersion + " that the dev servers and tests run");
        for (JsonNode e : onlyContainer(neo4j, "neo4j").path("env")) {
            String name = e.path("name").asText();
            // The image writes NEO4J_* variables into neo4j.conf, where an unknown setting stops the server.
            assertTrue(!name.startsWith("NEO4J_") || name.equals("NEO4J_AUTH") || name.matches("NEO4J_[a-z][a-z0-9_]*"),
                    name + " in the Neo4j container would become a setting");
        }

        String bootstrap = config.get("TESSERA_AUDIT_KAFKA_BOOTSTRAP");
        URI kafkaAddress = URI.create("kafka://" + bootstrap);
        JsonNode kafka = backingPod(kafkaAddress.getHost(), kafkaAddress.getPort(), "kafka");
        JsonNode broker = onlyContainer(kafka, "kafka");
        assertEquals("apache/kafka:" + property(rootPom, "kafka.version"), broker.path("image").asText(),
                "the broker the dev servers and tests run");
        assertTrue(env(broker, "KAFKA_ADVERTISED_LISTENERS").orElseThrow().path("value").asText().contains("//" + bootstrap),
                "clients are sent to the advertised listener, which must be the address they bootstrapped from");
        assertTrue(env(broker, "KAFKA_PROCESS_ROLES").orElseThrow().path("value").asText().contains("controller"), "KRaft");
    }

    @Test
    void theServicesDifferOnlyInNameImageAndPort() {
        String legal = serviceText("legal");
        String legalPort = services.get("legal").getProperty("quarkus.http.port");
        for (String module : services.keySet()) {
            String port = services.get(module).getProperty("quarkus.http.port");
            assertEquals(legal.replace("legal", module).replace(legalPort, port), serviceText(module),
                    module + ".yaml drifted from legal.yaml: change all three services alike");
        }
    }

    @Test
    void kustomizeRendersTheBase() throws IOException, InterruptedException {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: `kubectl kustomize deploy/k8s` not checked");
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", K8S.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize did not finish in 60 s");
            }
            assertEquals(0, process.exitValue(), "kubectl kustomize failed: " + Files.readString(err));
            checkRendered(read("rendered", Files.readString(out)));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    private static void checkRendered(List<Manifest> rendered) {
        assertEquals(manifests.size() + 1, rendered.size(), "the manifests plus the generated ConfigMap");
        String configMap = rendered.stream().filter(m -> m.kind().equals("ConfigMap")).map(Manifest::name)
                .findFirst().orElseThrow();
        assertTrue(configMap.startsWith(CONFIG_NAME + "-"), "a content hash in the ConfigMap's name rolls the pods: " + configMap);
        for (Manifest m : rendered) {
            if (!m.kind().equals("Namespace")) {
                assertEquals("tessera", m.doc().path("metadata").path("namespace").asText(), m.kind() + " " + m.name());
            }
            for (JsonNode container : containers(m)) {
                container.path("envFrom").findValuesAsText("name").forEach(n ->
                        assertEquals(configMap, n, m.kind() + " " + m.name() + " refers to the ConfigMap by its unhashed name"));
            }
        }
    }

    // ---- helpers ----

    private static List<String> serviceNames() {
        return services.values().stream().map(p -> p.getProperty("quarkus.application.name")).toList();
    }

    private static Manifest one(String kind, String name) {
        List<Manifest> found = manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name + " in the manifests");
        return found.get(0);
    }

    private static JsonNode podSpec(Manifest m) {
        return Set.of("Deployment", "StatefulSet", "Job").contains(m.kind())
                ? m.doc().path("spec").path("template").path("spec") : MissingNode.getInstance();
    }

    private static List<JsonNode> containers(Manifest m) {
        List<JsonNode> all = new ArrayList<>();
        podSpec(m).path("initContainers").forEach(all::add);
        podSpec(m).path("containers").forEach(all::add);
        return all;
    }

    private static JsonNode onlyContainer(JsonNode podSpec, String where) {
        assertEquals(1, podSpec.path("containers").size(), where + ": containers");
        return podSpec.path("containers").get(0);
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return fail("no container port named " + name + " in " + container.path("name"));
    }

    private static Optional<JsonNode> env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String secretKey(JsonNode container, String variable) {
        JsonNode ref = env(container, variable).orElseThrow(() -> new AssertionError("no " + variable))
                .path("valueFrom").path("secretKeyRef");
        assertEquals(SECRET_NAME, ref.path("name").asText(), variable + " comes from the Secret");
        return ref.path("key").asText();
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        return selector.properties().stream()
                .allMatch(e -> e.getValue().asText().equals(labels.path(e.getKey()).asText(null)));
    }

    private static boolean mountedFromEmptyDir(JsonNode container, String path, Set<String> emptyDirs) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path) && emptyDirs.contains(mount.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The pod spec of the StatefulSet behind the Service {@code host} that serves {@code port}. */
    private static JsonNode backingPod(String host, int port, String statefulSet) {
        JsonNode service = one("Service", host).doc();
        assertTrue(service.path("spec").path("ports").findValuesAsText("port").contains(String.valueOf(port)),
                "Service " + host + " has no port " + port);
        JsonNode set = one("StatefulSet", statefulSet).doc();
        assertEquals(host, set.path("spec").path("serviceName").asText(), "governing Service of " + statefulSet);
        assertTrue(selects(service.path("spec").path("selector"), set.path("spec").path("template").path("metadata").path("labels")),
                "Service " + host + " does not select StatefulSet " + statefulSet);
        JsonNode container = onlyContainer(set.path("spec").path("template").path("spec"), statefulSet);
        assertTrue(container.path("ports").findValuesAsText("containerPort").contains(String.valueOf(port)),
                statefulSet + " does not listen on " + port);
        assertEquals(1, set.path("spec").path("replicas").asInt(), statefulSet + " is configured for exactly one node");
        assertEquals(1, set.path("spec").path("volumeClaimTemplates").size(), statefulSet + " keeps its data on a volume");
        return set.path("spec").path("template").path("spec");
    }

    /** A service's manifests, comments dropped (they name the other files), as one canonical text. */
    private static String serviceText(String module) {
        try {
            List<Manifest> docs = read(module + ".yaml", Files.readString(K8S.resolve(module + ".yaml")));
            StringBuilder text = new StringBuilder();
            for (Manifest m : docs) {
                text.append(YAML.writeValueAsString((ObjectNode) m.doc()));
            }
            return text.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int dockerfileUid(String dockerfile) throws IOException {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)(:\\d+)?\\s*$").matcher(Files.readString(K8S.resolve("images").resolve(dockerfile)));
        assertTrue(user.find(), dockerfile + " needs a numeric USER: runAsNonRoot cannot check a user name");
        return Integer.parseInt(user.group(1));
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), name + " in the root pom.xml");
        return m.group(1).trim();
    }
}
