package dev.tessera.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** One stand-in on a free loopback port for all three services of a stack, answering one path. */
final class StandInServices {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON answer to a request's JSON body. */
    @FunctionalInterface
    interface Answer {
        JsonNode to(JsonNode request) throws IOException;
    }

    private StandInServices() {
    }

    /** Runs {@code command} with {@code options} and the three services' URLs pointing at the stand-in. */
    static JsonNode result(Object command, String path, Answer answer, String... options) throws IOException {
        HttpServer services = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        services.createContext(path, exchange -> {
            byte[] body = JSON.writeValueAsBytes(answer.to(JSON.readTree(exchange.getRequestBody())));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        services.start();
        try {
            String url = "http://127.0.0.1:" + services.getAddress().getPort();
            List<String> args = new ArrayList<>(List.of(options));
            args.addAll(List.of("--legal-url", url, "--medical-url", url, "--finance-url", url));
            return CommandRun.result(CommandRun.printed(command, args.toArray(String[]::new)));
        } finally {
            services.stop(0);
        }
    }
}
