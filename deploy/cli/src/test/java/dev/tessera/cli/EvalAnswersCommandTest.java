package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The answer evaluation against a stand-in for the services on a free port: it answers a question about Malaria with
 * one fact about malaria and one about a neighbour, and any other question with a fact about the neighbour alone.
 */
class EvalAnswersCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsTheFactsAboutTheEntityAskedAbout(@TempDir Path graphs) throws Exception {
        for (String domain : RunningServices.DOMAINS) {
            write(graphs, domain, "{\"id\": \"" + domain + ":disease:malaria\", \"label\": \"Disease\", "
                            + "\"name\": \"Malaria\", \"source\": \"test\"}",
                    "{\"id\": \"" + domain + ":person:roe\", \"label\": \"Person\", \"name\": \"Jane Roe\", "
                            + "\"source\": \"test\"}");
        }
        List<EvalAnswersCommand.Question> questions = EvalAnswersCommand.questions("medical",
                graphs.resolve("medical"), 5, 1);
        assertEquals(List.of(new EvalAnswersCommand.Question("Which disease is this about?", "medical:disease:malaria",
                "Malaria"), new EvalAnswersCommand.Question("Tell me about Malaria.", "medical:disease:malaria",
                "Malaria")), questions, "the linking question, then the sample without the person");

        JsonNode result = againstStandIn(graphs, "Malaria", List.of("Malaria -[HAS_SYMPTOM]-> Fever",
                "Dengue -[HAS_SYMPTOM]-> Fever"), "--per-domain", "5");
        assertEquals(6, result.get("answered").asInt(), "two questions per domain");
        assertEquals(9, result.get("facts").asInt());
        assertEquals(3, result.get("facts_on_entity").asInt());
        assertEquals(0.3333, result.get("share_on_entity").asDouble(), 1e-4);
        assertEquals(3, result.get("answers_without_entity_fact").asInt(), "the linking questions' answers");
        assertEquals(6, result.get("answers_with_other_facts").asInt());
        assertEquals(1, result.get("medical").get("facts_on_entity").asInt());
        assertEquals(6, result.get("sentences").asInt());
        assertEquals(3, result.get("sentences_unsupported").asInt(), "the stand-in grounds only Malaria's");
    }

    @Test
    void inChineseAsksTheEntitiesWithAChineseNameAndMatchesClaimsByTheEnglishOne(@TempDir Path graphs)
            throws Exception {
        for (String domain : RunningServices.DOMAINS) {
            write(graphs, domain, "{\"id\": \"" + domain + ":disease:malaria\", \"label\": \"Disease\", "
                            + "\"name\": \"Malaria\", \"name_zh\": \"疟疾\", \"source\": \"test\"}",
                    "{\"id\": \"" + domain + ":disease:kuru\", \"label\": \"Disease\", \"name\": \"Kuru\", "
                            + "\"source\": \"test\"}");
        }
        assertEquals(List.of(new EvalAnswersCommand.Question("请介绍一下疟疾。", "medical:disease:malaria", "Malaria")),
                EvalAnswersCommand.chineseQuestions("medical", graphs.resolve("medical"), 5, 1),
                "no linking question (English) and no entity without a Chinese name");

        JsonNode result = againstStandIn(graphs, "疟疾", List.of("Malaria -[HAS_SYMPTOM]-> Fever"),
                "--language", "zh");
        assertEquals("zh", result.get("language").asText());
        assertEquals(3, result.get("answered").asInt(), "one question per domain");
        assertEquals(3, result.get("facts_on_entity").asInt());
        assertEquals(1.0, result.get("share_on_entity").asDouble(), 1e-9);
        CommandLine cli = new CommandLine(new EvalAnswersCommand());
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertNotEquals(0, cli.execute("--graphs-dir", graphs.toString(), "--language", "fr"));
    }

    @Test
    void anAnswerFromTheEntitysDescriptionIsAboutItWithoutFacts() throws Exception {
        EvalAnswersCommand.Tally tally = new EvalAnswersCommand.Tally();
        String described = "{\"outcome\": \"ANSWERED\", \"checks\": [{\"kind\": \"sentence\", "
                + "\"verdict\": \"supported\"}], \"evidence\": [{\"nodeIds\": [\"finance:jurisdiction:ve\"]}]}";
        tally.count(JSON.readTree(described), "finance:jurisdiction:ve", "Venezuela");
        tally.count(JSON.readTree(described), "finance:jurisdiction:sy", "Syria");
        String opened = "{\"outcome\": \"ANSWERED\", \"checks\": [{\"kind\": \"claim\", \"text\": "
                + "\"Acme Ltd -[INCORPORATED_IN]-> Venezuela\", \"verdict\": \"supported\"}], \"evidence\": "
                + "[{\"nodeIds\": [\"finance:jurisdiction:ve\"]}, {\"nodeIds\": [\"finance:company:acme\", "
                + "\"finance:jurisdiction:ve\"]}]}";
        tally.count(JSON.readTree(opened), "finance:jurisdiction:ve", "Venezuela");
        Map<String, Object> figures = tally.figures();
        assertEquals(1, figures.get("answers_from_description"), "another entity's description is not about Syria");
        assertEquals(1, figures.get("answers_opening_with_description"));
        assertEquals(1, figures.get("answers_without_entity_fact"));
        assertEquals(1, figures.get("facts"));
        assertEquals(1, figures.get("facts_on_entity"));
        assertEquals(2, figures.get("sentences"));
    }

    @Test
    void noServiceIsAClearErrorNamingTheStack(@TempDir Path graphs) throws Exception {
        for (String domain : RunningServices.DOMAINS) {
            write(graphs, domain, "{\"id\": \"" + domain + ":disease:malaria\", \"label\": \"Disease\", "
                    + "\"name\": \"Malaria\", \"source\": \"test\"}");
        }
        int freePort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new EvalAnswersCommand());
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute("--graphs-dir", graphs.toString(), "--legal-url", "http://127.0.0.1:" + freePort);
        assertNotEquals(0, exit);
        assertTrue(err.toString().contains("deploy/bin/tessera up"), err.toString());
    }

    /**
     * Runs the evaluation against a stand-in for all three services: a question naming {@code asked} gets
     * {@code claimsWhenAsked}, any other a fact about a neighbour alone.
     */
    private static JsonNode againstStandIn(Path graphs, String asked, List<String> claimsWhenAsked,
            String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--graphs-dir", graphs.toString()));
        args.addAll(List.of(options));
        return StandInServices.result(new EvalAnswersCommand(), "/v1/ask", request -> JSON.readTree(
                request.get("question").asText().contains(asked) ? answered(claimsWhenAsked.toArray(String[]::new))
                        : answered("Dengue -[HAS_SYMPTOM]-> Rash")), args.toArray(String[]::new));
    }

    private static String answered(String... claims) throws IOException {
        var checks = JSON.createArrayNode();
        for (String claim : claims) {
            checks.addObject().put("kind", "claim").put("text", claim).put("verdict", "supported");
        }
        boolean grounded = claims[0].startsWith("Malaria");
        checks.addObject().put("kind", "sentence").put("text", "a sentence")
                .put("verdict", grounded ? "supported" : "unsupported");
        var response = JSON.createObjectNode().put("outcome", "ANSWERED");
        response.set("checks", checks);
        return JSON.writeValueAsString(response);
    }

    private static void write(Path graphs, String domain, String... nodes) throws IOException {
        Path directory = Files.createDirectories(graphs.resolve(domain));
        Files.write(directory.resolve("nodes.jsonl"), List.of(nodes));
        Files.write(directory.resolve("relationships.jsonl"), List.of());
        Files.writeString(directory.resolve(EvalLinkingCommand.QUESTIONS_FILE),
                "{\"question\": \"Which disease is this about?\", \"entity\": \"" + domain + ":disease:malaria\"}\n");
    }
}
