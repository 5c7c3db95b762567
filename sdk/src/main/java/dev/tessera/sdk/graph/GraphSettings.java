package dev.tessera.sdk.graph;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the knowledge graph lives and how long Tessera waits for it. Nothing here assumes the dev servers: any Neo4j 5
 * (self-managed, cluster, Aura) is reached through these settings.
 *
 * @param uri                          Bolt URI, e.g. {@code bolt://127.0.0.1:7687} or {@code neo4j+s://…}
 * @param user                         user name; ignored when {@code password} is empty
 * @param password                     password; empty for a server with authentication disabled
 * @param database                     database name, e.g. {@code neo4j}
 * @param queryTimeout                 time one retrieval call may spend in Neo4j, its retry included; each query's
 *                                     server-side transaction timeout is the part of it that is left
 * @param connectionAcquisitionTimeout longest wait for a pooled connection, and for opening a new one
 * @param writeTimeout                 transaction timeout for schema and load writes, which are batch work
 * @param failureThreshold             consecutive failed calls that open the circuit breaker
 * @param openDuration                 how long an open breaker sheds calls before it lets one probe through
 */
public record GraphSettings(URI uri, String user, String password, String database, Duration queryTimeout,
                            Duration connectionAcquisitionTimeout, Duration writeTimeout, int failureThreshold,
                            Duration openDuration) {

    public GraphSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("uri must look like bolt://host:port, was " + uri);
        }
        if (uri.getUserInfo() != null) {
            // The URI is logged; credentials belong in user and password.
            throw new IllegalArgumentException("uri must not contain credentials; set user and password instead");
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        requirePositive(queryTimeout, "queryTimeout");
        requirePositive(connectionAcquisitionTimeout, "connectionAcquisitionTimeout");
        requirePositive(writeTimeout, "writeTimeout");
        requirePositive(openDuration, "openDuration");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be >= 1, was " + failureThreshold);
        }
    }

    public static Builder builder(String uri) {
        return new Builder(URI.create(uri));
    }

    /** Whether the driver should authenticate (a non-empty password). */
    public boolean authenticated() {
        return !password.isEmpty();
    }

    /** The password is left out, so settings can be logged. */
    @Override
    public String toString() {
        return "GraphSettings[uri=" + uri + ", user=" + user + ", password=" + (authenticated() ? "****" : "(none)")
                + ", database=" + database + ", queryTimeout=" + queryTimeout + ", connectionAcquisitionTimeout="
                + connectionAcquisitionTimeout + ", writeTimeout=" + writeTimeout + ", failureThreshold="
                + failureThreshold + ", openDuration=" + openDuration + "]";
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    public static final class Builder {
        private final URI uri;
        private String user = "neo4j";
        private String password = "";
        private String database = "neo4j";
        private Duration queryTimeout = Duration.ofSeconds(2);
        // Short, like the query timeout: a caller that must answer in 2 s gains nothing from a minute-long queue.
        private Duration connectionAcquisitionTimeout = Duration.ofSeconds(2);
        private Duration writeTimeout = Duration.ofSeconds(120);
        private int failureThreshold = 5;
        private Duration openDuration = Duration.ofSeconds(10);

        private Builder(URI uri) {
            this.uri = uri;
        }

        /** User and password; an empty password means no authentication. */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder database(String name) {
            this.database = name;
            return this;
        }

        public Builder queryTimeout(Duration d) {
            this.queryTimeout = d;
            return this;
        }

        public Builder connectionAcquisitionTimeout(Duration d) {
            this.connectionAcquisitionTimeout = d;
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** Opens the breaker after {@code failures} consecutive failures, for {@code open} before a probe. */
        public Builder circuitBreaker(int failures, Duration open) {
            this.failureThreshold = failures;
            this.openDuration = open;
            return this;
        }

        public GraphSettings build() {
            return new GraphSettings(uri, user, password, database, queryTimeout, connectionAcquisitionTimeout,
                    writeTimeout, failureThreshold, openDuration);
        }
    }
}
