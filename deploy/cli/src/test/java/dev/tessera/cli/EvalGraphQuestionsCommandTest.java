package dev.tessera.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tessera.safety.pii.CodePointSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph-question evaluation on three one- or two-node graphs written here. */
class EvalGraphQuestionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void asksEveryNameInEveryFormOnceSkipsPeopleAndEndsWithOneResultLine(@TempDir Path graphs) throws Exception {
        write(graphs, "legal", "{\"id\": \"legal:clause:cap\", \"label\": \"ClauseType\", "
                + "\"name\": \"Cap on liability\", \"aliases\": [\"liability cap\"], \"name_zh\": \"责任上限\", "
                + "\"source\": \"test\"}");
        write(graphs, "medical", "{\"id\": \"medical:disease:malaria\", \"label\": \"Disease\", \"name\": \"Malaria\","
                        + " \"name_zh\": \"疟疾\", \"source\": \"test\"}",
                "{\"id\": \"medical:person:roe\", \"label\": \"Person\", \"name\": \"Jane Roe\", "
                        + "\"source\": \"test\"}");
        write(graphs, "finance", "{\"id\": \"finance:jurisdiction:burma\", \"label\": \"Jurisdiction\", "
                + "\"name\": \"Burma\", \"source\": \"test\"}");
        List<EvalGraphQuestionsCommand.Question> legal = EvalGraphQuestionsCommand.questions("legal",
                graphs.resolve("legal"));
        // "Cap on liability" is capitalised already; "liability cap" is asked as stored and as "Liability cap".
        int forms = EvalGraphQuestionsCommand.ENGLISH_FORMS.size();
        assertEquals(3 * forms + EvalGraphQuestionsCommand.CHINESE_FORMS.size(), legal.size(), legal::toString);
        assertTrue(legal.stream().anyMatch(q -> q.text().equals("Liability cap: what should I know?")));
        List<EvalGraphQuestionsCommand.Question> medical = EvalGraphQuestionsCommand.questions("medical",
                graphs.resolve("medical"));
        assertTrue(medical.stream().filter(q -> q.text().contains("Jane Roe"))
                .allMatch(EvalGraphQuestionsCommand.Question::personal), "a person's name is personal data");

        String printed = CommandRun.printed(new EvalGraphQuestionsCommand(), "--graphs-dir", graphs.toString());
        JsonNode result = CommandRun.result(printed);
        assertEquals(legal.size(), result.get("legal_questions").asInt());
        assertEquals(4 + 3, result.get("medical_questions").asInt());
        assertEquals(4, result.get("finance_questions").asInt());
        assertEquals(legal.size() + 7 + 4, result.get("questions").asInt());
        assertEquals(4, result.get("personal_questions").asInt(), "Jane Roe, counted apart: " + printed);
        assertEquals(4, result.get("medical_personal_names_redacted").asInt(), "no graph here: " + printed);
        int blocked = result.get("injection_blocked").asInt();
        assertTrue(blocked >= 0 && blocked <= result.get("questions").asInt(), printed);
        assertEquals(0, result.get("medical_names_redacted").asInt(),
                "'Malaria' is a disease, not a person: " + printed);
    }

    @Test
    void aNameCountsAsRedactedOnlyWhereAFindingOverlapsIt() {
        EvalGraphQuestionsCommand.Question q = new EvalGraphQuestionsCommand.Question("medical", "Malaria",
                "Tell me about Malaria.", false, false);
        assertTrue(EvalGraphQuestionsCommand.redactsTheName(q, List.of(new CodePointSpan("PERSON", 14, 21))));
        assertFalse(EvalGraphQuestionsCommand.redactsTheName(q, List.of(new CodePointSpan("PERSON", 0, 4))));
        EvalGraphQuestionsCommand.Question wide = new EvalGraphQuestionsCommand.Question("medical", "Cap",
                "𝒞 Tell me about Cap.", false, false);
        assertTrue(EvalGraphQuestionsCommand.redactsTheName(wide, List.of(new CodePointSpan("PERSON", 16, 19))),
                "code points: the character before the name is two Java chars");
        assertFalse(EvalGraphQuestionsCommand.redactsTheName(wide, List.of(new CodePointSpan("PERSON", 19, 20))));
    }

    @Test
    void throughTheServicesCountsWhatTheirScreensSay(@TempDir Path graphs) throws Exception {
        write(graphs, "legal", "{\"id\": \"legal:clause:cap\", \"label\": \"ClauseType\", "
                + "\"name\": \"Cap\", \"source\": \"test\"}");
        write(graphs, "medical", "{\"id\": \"medical:disease:jaundice\", \"label\": \"Disease\", "
                + "\"name\": \"Jaundice\", \"name_zh\": \"黄疸\", \"source\": \"test\"}");
        write(graphs, "finance", "{\"id\": \"finance:jurisdiction:burma\", \"label\": \"Jurisdiction\", "
                + "\"name\": \"Burma\", \"source\": \"test\"}");
        // A stand-in for the three services: questions about 黄疸 blocked as injections, the name Cap redacted,
        // everything else let through.
        JsonNode result = StandInServices.result(new EvalGraphQuestionsCommand(), "/v1/screen", request -> {
            String text = request.get("text").asText();
            var answer = JSON.createObjectNode();
            var blockedBy = answer.putArray("blockedBy");
            if (text.contains("黄疸")) {
                blockedBy.add("prompt_injection");
            }
            var pii = answer.putArray("pii");
            int at = text.indexOf("Cap");
            if (at >= 0) {
                int start = text.codePointCount(0, at);
                pii.addObject().put("type", "PERSON").put("start", start).put("end", start + 3);
            }
            return answer;
        }, "--graphs-dir", graphs.toString(), "--services");
        assertTrue(result.get("through_services").asBoolean());
        assertEquals(EvalGraphQuestionsCommand.CHINESE_FORMS.size(), result.get("injection_blocked_zh").asInt());
        assertEquals(0, result.get("injection_blocked_en").asInt());
        assertEquals(EvalGraphQuestionsCommand.ENGLISH_FORMS.size(), result.get("legal_names_redacted").asInt());
        assertEquals(0, result.get("scope_refused").asInt());
    }

    @Test
    void aServiceAnswerGivesItsReasonsAndSpans() {
        var answer = JSON.createObjectNode();
        answer.putArray("blockedBy").add("out_of_scope");
        answer.putArray("pii").addObject().put("type", "PERSON").put("start", 16).put("end", 19);
        EvalGraphQuestionsCommand.Screened s = EvalGraphQuestionsCommand.fromService(answer);
        assertEquals(java.util.Set.of("out_of_scope"), s.blockedBy());
        assertEquals(List.of(new CodePointSpan("PERSON", 16, 19)), s.pii());
    }

    private static void write(Path graphs, String domain, String... nodes) throws Exception {
        Path directory = Files.createDirectories(graphs.resolve(domain));
        Files.write(directory.resolve("nodes.jsonl"), List.of(nodes));
        Files.write(directory.resolve("relationships.jsonl"), List.of());
    }
}
