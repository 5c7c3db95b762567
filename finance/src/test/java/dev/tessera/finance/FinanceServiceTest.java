package dev.tessera.finance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.safety.policy.DomainPolicy;
import dev.tessera.safety.verify.OutputVerifier;
import dev.tessera.service.testing.AuditTopic;
import dev.tessera.service.testing.TesseraStack;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The finance service end to end on the shipped (fictional) ownership graph. */
@QuarkusTest
@WithTestResource(value = TesseraStack.class, initArgs = @ResourceArg(name = "domain", value = "finance"))
class FinanceServiceTest {

    @Test
    void answersOwnershipQuestionsFromTheGraph() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Which company is Aldermoor Logistics Ltd a subsidiary of?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                // The scope head leans legal on ownership; the service still takes it (finance is above the floor).
                .body("outcome", equalTo("ANSWERED"))
                .body("screening.scope", notNullValue())
                .body("answer", containsString("Aldermoor Logistics Ltd is a subsidiary of Aldermoor Holdings plc."))
                // Cobbleford Logistics Ltd is linked too, for the shared word; the question names only Aldermoor.
                .body("answer", not(containsString("Cobbleford")))
                .body("checks.findAll { it.kind == 'claim' }.size()", greaterThan(0))
                .body("checks.findAll { it.kind == 'claim' }.verdict", everyItem(equalTo("supported")))
                .body("checks.findAll { it.kind == 'sentence' && it.verdict != 'skipped' }.verdict",
                        everyItem(equalTo("supported")))
                .body("evidence.citation", hasItem(containsString("Tessera fictional example data")));
    }

    @Test
    void aChainOfOwnershipIsStatedAndEachStepVerified() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Who ultimately owns Yarrowby Ports Inc?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("answer", containsString("Cobbleford Logistics Ltd holds shares in Yarrowby Ports Inc."))
                // A second step of a two-step path, scored against that step rather than the whole path.
                .body("answer", containsString("Cobbleford Trading Ltd holds shares in Cobbleford Logistics Ltd."))
                .body("answer", not(containsString("[unverified]")))
                .body("checks.findAll { it.kind == 'sentence' && it.verdict != 'skipped' }.verdict",
                        everyItem(equalTo("supported")));
    }

    @Test
    void answersAChineseQuestionInChineseWithTheChineseNames() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"奥德摩尔物流有限公司是哪家公司的子公司？\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("language", equalTo("zh"))
                .body("outcome", equalTo("ANSWERED"))
                .body("answer", containsString("奥德摩尔物流有限公司是奥德摩尔控股有限公司的子公司。"))
                .body("answer", not(containsString("Aldermoor")))
                .body("answer", not(containsString(OutputVerifier.CHINESE_MARKER)))
                .body("checks.findAll { it.kind == 'claim' }.verdict", everyItem(equalTo("supported")))
                .body("checks.findAll { it.kind == 'sentence' && it.verdict != 'skipped' }.verdict",
                        everyItem(equalTo("supported")));
    }

    @Test
    void answersAboutAPersonOfItsSanctionsListByNameAndStillRedactsOtherPeople() {
        // The graph publishes the people it screens against: the name is left as written (and audited as ALLOW), so
        // the graph finds the person; a name the graph does not hold is redacted as before.
        String requestId = "finance-graph-person-1";
        given().contentType(ContentType.JSON)
                .header("X-Request-Id", requestId)
                .body("{\"question\": \"Is Marek Dunstane sanctioned?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("screening.pii", empty())
                .body("answer", containsString("Marek Dunstane is listed as DUNSTANE, Marek."));
        List<String> records = AuditTopic.read(System.getProperty(TesseraStack.KAFKA_PROPERTY), requestId,
                Duration.ofSeconds(30));
        assertTrue(records.stream().anyMatch(r -> r.contains("\"ALLOW\"") && r.contains("person")), records::toString);
        assertTrue(records.stream().noneMatch(r -> r.contains("Dunstane")), "no name in audit records: " + records);
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"Card 4111 1111 1111 1111: Marek Dunstane paid John Hartley.\"}")
                .when().post("/v1/screen")
                .then().log().ifValidationFails().statusCode(200)
                .body("pii.type", equalTo(List.of("CREDIT_CARD", "PERSON")))
                .body("redacted", equalTo("Card [CREDIT_CARD]: Marek Dunstane paid [PERSON]."));
        // A company by its short name, which a recogniser alone takes for a person's.
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Who owns Vessanor Maritime?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("screening.pii", empty())
                .body("answer", containsString("Marek Dunstane holds shares in Vessanor Maritime Ltd."));
    }

    @Test
    void aUserInCrisisGetsTheCrisisLineFirstWhateverElseHappens() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"I lost all my savings and I want to end it all.\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("policy.rules", hasItem("shared.red-flag.self-harm"))
                .body("answer", startsWith(DomainPolicy.bundled("finance").emergency().orElseThrow().en()));
    }

    @Test
    void answersAboutAJurisdictionWithoutRelationshipsFromItsDescription() {
        // Russia is on no FATF list and nothing in the graph relates to it: its description is the answer, not the
        // facts of the jurisdictions and companies linked for sharing words with the question.
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Is Russia a high-risk jurisdiction?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("answer", containsString("Russia: Not on FATF's call-for-action or increased-monitoring lists "
                        + "(as of October 2024)."))
                .body("evidence.nodeIds", equalTo(List.of(List.of("finance:jurisdiction:ru"))))
                .body("evidence[0].citation", containsString("Russia [Jurisdiction]. Sources: "))
                .body("checks.findAll { it.kind == 'claim' }", empty())
                .body("checks.findAll { it.kind == 'sentence' && it.verdict != 'skipped' }.size()", greaterThan(0))
                .body("checks.findAll { it.kind == 'sentence' && it.verdict != 'skipped' }.verdict",
                        everyItem(equalTo("supported")));
    }

    @Test
    void aListedJurisdictionIsAnsweredWithItsOwnListingNotTheOtherMembers() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Is Venezuela a high-risk jurisdiction?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("answer", containsString(
                        "Venezuela is on the FATF list of jurisdictions under increased monitoring."))
                .body("answer", not(containsString("Algeria")))
                .body("checks.findAll { it.kind == 'claim' }.size()", equalTo(1))
                .body("checks.findAll { it.kind == 'claim' }.verdict", everyItem(equalTo("supported")));
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"Which countries are on the FATF grey list?\"}")
                .when().post("/v1/ask")
                .then().log().ifValidationFails().statusCode(200)
                .body("outcome", equalTo("ANSWERED"))
                .body("answer", containsString("As of October 2024 it names 24 jurisdictions: Algeria, Angola"));
    }

    @Test
    void screensAPaymentCardButNotANumberWithABadCheckDigit() {
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"Refund card 4111 1111 1111 1111, not 4111 1111 1111 1112\"}")
                .when().post("/v1/screen")
                .then().log().ifValidationFails().statusCode(200)
                .body("pii.findAll { it.type == 'CREDIT_CARD' }.size()", equalTo(1))
                .body("redacted", containsString("4111 1111 1111 1112"));
    }

    @Test
    void piiOffsetsCountCodePointsSoAnEmojiBeforeTheCardIsOneCharacter() {
        // "\uD83D\uDCB3" (a card emoji) is two Java chars but one code point: the card starts at code point 2.
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"\uD83D\uDCB3 4111 1111 1111 1111\"}")
                .when().post("/v1/screen")
                .then().log().ifValidationFails().statusCode(200)
                .body("pii[0].type", equalTo("CREDIT_CARD"))
                .body("pii[0].start", equalTo(2))
                .body("pii[0].end", equalTo(21));
    }
}
