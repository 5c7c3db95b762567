package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The three domain services of a running stack ({@code deploy/bin/tessera up}), for the commands that ask them. */
final class RunningServices {

    /** The domains a stack serves, in the order the commands report them. */
    static final List<String> DOMAINS = List.of("legal", "medical", "finance");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--legal-url", defaultValue = "http://127.0.0.1:8081", description = "Default: ${DEFAULT-VALUE}.")
    String legalUrl;

    @Option(names = "--medical-url", defaultValue = "http://127.0.0.1:8082", description = "Default: ${DEFAULT-VALUE}.")
    String medicalUrl;

    @Option(names = "--finance-url", defaultValue = "http://127.0.0.1:8083", description = "Default: ${DEFAULT-VALUE}.")
    String financeUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * POSTs {@code body} as JSON to the domain's service and returns its JSON answer.
     *
     * @throws IllegalStateException when no service listens there (naming the command that starts one), or it
     *                               answers other than 200
     */
    JsonNode post(String domain, String path, Map<String, ?> body) throws IOException, InterruptedException {
        String baseUrl = switch (domain) {
            case "legal" -> legalUrl;
            case "medical" -> medicalUrl;
            case "finance" -> financeUrl;
            default -> throw new IllegalArgumentException("no service for domain '" + domain + "'");
        };
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("no service at " + baseUrl + ": start the stack with deploy/bin/tessera up",
                    e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s%s answered %d: %s", baseUrl, path,
                    response.statusCode(), response.body()));
        }
        return JSON.readTree(response.body());
    }
}
