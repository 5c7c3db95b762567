package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tessera.sdk.TesseraException;
import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.learning.ModelEvent;
import dev.tessera.sdk.learning.ModelKey;
import dev.tessera.sdk.learning.ModelLifecycle;
import dev.tessera.sdk.learning.ModelStore;
import dev.tessera.sdk.registry.ModelNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The learner process's small admin API (JDK HTTP server, 127.0.0.1 by default):
 * <ul>
 *   <li>{@code GET /v1/models}: the domain's state (served version per tenant's model)</li>
 *   <li>{@code POST /v1/models/{tenant}/{model}/rollback} with optional body {@code {"version":"v2"}}: serve a stored
 *       version again and publish {@code rolled-back}; 404 for an unknown model or version, 400 for bad input</li>
 * </ul>
 */
final class LearnerAdminServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROLLBACK = Pattern.compile("^/v1/models/([^/]+)/([^/]+)/rollback$");
    private static final int MAX_BODY = 4096;

    private final HttpServer server;
    private final ModelStore store;
    private final KafkaProducer<String, String> producer;

    LearnerAdminServer(String host, int port, ModelStore store, KafkaSettings kafka) throws IOException {
        this.store = store;
        this.producer = new KafkaProducer<>(kafka.producerProperties());
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/v1/models", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                // a lock timeout or an unreadable store: the caller gets an answer, not a dropped connection
                System.err.println("tessera learner: admin request failed: " + e);
                respond(exchange, 500, error("internal error: " + e.getClass().getSimpleName()));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/v1/models") && method.equals("GET")) {
            respond(exchange, 200, JSON.valueToTree(store.state().models()));
            return;
        }
        Matcher m = ROLLBACK.matcher(path);
        if (!m.matches()) {
            respond(exchange, 404, error("no such resource: " + method + " " + path));
            return;
        }
        if (!method.equals("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            respond(exchange, 405, error("use POST"));
            return;
        }
        try {
            ModelKey key = new ModelKey(m.group(1), m.group(2));
            String version = requestedVersion(exchange.getRequestBody());
            ModelEvent event = ModelLifecycle.rollback(store, key, version, "admin api");
            ObjectNode body = JSON.createObjectNode();
            body.put("model", key.toString());
            body.put("previous_version", event.previous());
            body.put("version", event.version());
            try {
                ModelLifecycle.publishOutbox(store, producer);
                body.put("event_published", true);
            } catch (TesseraException e) {
                // the rollback is committed; its event waits in the outbox for the learner's next round
                body.put("event_published", false);
            }
            respond(exchange, 200, body);
        } catch (ModelNotFoundException e) {
            respond(exchange, 404, error(e.getMessage()));
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
        }
    }

    private static String requestedVersion(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
        }
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("body must be JSON like {\"version\":\"v2\"}");
        }
        JsonNode v = n == null ? null : n.get("version");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || !v.asText().matches("v[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("version must look like v2");
        }
        return v.asText();
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
