package dev.tessera.sdk.graph;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.async.AsyncSession;
import org.neo4j.driver.async.ResultCursor;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.DiscoveryException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.RetryableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one Neo4j database: owns the driver and its connection pool, and runs every query Tessera sends.
 *
 * <p><b>Reads</b> (retrieval) are guarded three ways, so a caller always gets an answer or an exception within the
 * {@linkplain GraphSettings#queryTimeout query timeout}, never a hang:
 * <ol>
 *   <li>A {@link CircuitBreaker}: after {@link GraphSettings#failureThreshold} consecutive failed reads it refuses
 *       reads at once for {@link GraphSettings#openDuration}, then lets one probe through; the probe's success closes
 *       it again, so service resumes by itself when Neo4j is back.</li>
 *   <li>Timeouts: each query runs as a transaction whose server-side timeout is the time left of the call's budget,
 *       and the client stops waiting when that budget is spent, whatever the server or network does.</li>
 *   <li>One retry, within the same budget, for failures the driver marks retryable (connection refused or lost,
 *       transient server errors). After a Neo4j restart the pool still holds dead connections; the retry takes a
 *       fresh one.</li>
 * </ol>
 * Failures count against the breaker only when Neo4j could not answer (unreachable, timed out, internal error). When
 * it answered with an error (missing index, bad credentials) it is healthy: the breaker counts a success and the
 * caller gets a {@link GraphQueryException}.
 *
 * <p><b>Writes</b> (schema, loading) are batch work for operators: they bypass the breaker, use the driver's managed
 * transactions (which retry transient errors) and {@link GraphSettings#writeTimeout}.
 *
 * <p>Every query is a constant Cypher text with parameters; the few names Cypher cannot take as parameters come
 * from {@link CypherNames}. Thread-safe; one instance per database is meant to be shared.
 */
public final class KnowledgeGraph implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraph.class);
    /**
     * The parameter that carries the caller's text in a read. Its value is cut out of error messages (a full-text
     * parse error would quote it), so messages and logs stay free of what users typed.
     */
    static final String USER_TEXT = "userText";

    private final GraphSettings settings;
    private final Driver driver;
    private final CircuitBreaker breaker;
    private final SessionConfig readSession;
    private final SessionConfig writeSession;
    private final TransactionConfig writeTransaction;
    private volatile boolean closed;

    private KnowledgeGraph(GraphSettings settings, Driver driver) {
        this.settings = settings;
        this.driver = driver;
        this.breaker = new CircuitBreaker("neo4j " + settings.uri(), settings.failureThreshold(), settings.openDuration());
        this.readSession = SessionConfig.builder().withDatabase(settings.database())
                .withDefaultAccessMode(AccessMode.READ).build();
        this.writeSession = SessionConfig.builder().withDatabase(settings.database())
                .withDefaultAccessMode(AccessMode.WRITE).build();
        this.writeTransaction = TransactionConfig.builder().withTimeout(settings.writeTimeout()).build();
    }

    /**
     * Creates the driver. No connection is made yet, so this succeeds while Neo4j is down; reads then report it
     * unavailable until it is up.
     */
    public static KnowledgeGraph connect(GraphSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Config config = Config.builder()
                .withConnectionAcquisitionTimeout(settings.connectionAcquisitionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionTimeout(settings.connectionAcquisitionTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        AuthToken auth = settings.authenticated() ? AuthTokens.basic(settings.user(), settings.password()) : AuthTokens.none();
        LOG.info("Knowledge graph at {} (database {}, query timeout {} ms)", settings.uri(), settings.database(),
                settings.queryTimeout().toMillis());
        Driver driver = GraphDatabase.driver(settings.uri(), auth, config);
        // Opens the first connection in the background: on a cold JVM that takes about a second, which would
        // otherwise come out of the first caller's query timeout.
        driver.verifyConnectivityAsync().exceptionally(e -> {
            LOG.debug("Neo4j at {} not reachable yet: {}", settings.uri(), e.toString());
            return null;
        });
        return new KnowledgeGraph(settings, driver);
    }

    public GraphSettings settings() {
        return settings;
    }

    /** The read path's breaker state, e.g. for a health endpoint. */
    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    /**
     * Fails fast when Neo4j cannot be reached or refuses the credentials; loaders call it before batch work.
     *
     * @throws GraphUnavailableException when Neo4j is unreachable
     * @throws GraphQueryException       when it refuses the connection (credentials, unknown database)
     */
    public void verifyConnectivity() {
        ensureOpen();
        try {
            driver.verifyConnectivity();
        } catch (RuntimeException e) {
            throw classify(e, "Cannot connect to Neo4j at " + settings.uri());
        }
    }

    /**
     * Runs a read query within the call's deadline: breaker, timeouts and one retry as described above.
     *
     * @throws GraphUnavailableException when Neo4j cannot answer in time, or the breaker is open
     * @throws GraphQueryException       when Neo4j refuses the query
     */
    List<Record> read(String cypher, Map<String, Object> parameters, Deadline deadline) {
        return readLater(cypher, parameters, deadline).await();
    }

    /**
     * Sends a read query and returns at once, so the caller can work (embed the question) while Neo4j answers.
     * {@link PendingRead#await} gives its records with the breaker, timeouts and retry of {@link #read}; call it
     * exactly once, since the breaker counts the outcome there.
     */
    PendingRead readLater(String cypher, Map<String, Object> parameters, Deadline deadline) {
        ensureOpen();
        if (!breaker.tryAcquire()) {
            return new PendingRead(cypher, parameters, deadline, null,
                    new GraphUnavailableException(suspendedMessage()), false);
        }
        if (deadline.expired()) {
            return new PendingRead(cypher, parameters, deadline, null, timedOut(), true);
        }
        try {
            return new PendingRead(cypher, parameters, deadline, start(cypher, parameters, deadline), null, true);
        } catch (RuntimeException e) {
            return new PendingRead(cypher, parameters, deadline, null, e, true);
        }
    }

    /** A read that is under way; see {@link #readLater}. */
    final class PendingRead {
        private final String cypher;
        private final Map<String, Object> parameters;
        private final Deadline deadline;
        private final Attempt first;
        private final RuntimeException failedToStart;
        private final boolean admitted;

        private PendingRead(String cypher, Map<String, Object> parameters, Deadline deadline, Attempt first,
                            RuntimeException failedToStart, boolean admitted) {
            this.cypher = cypher;
            this.parameters = parameters;
            this.deadline = deadline;
            this.first = first;
            this.failedToStart = failedToStart;
            this.admitted = admitted;
        }

        /**
         * @throws GraphUnavailableException when Neo4j cannot answer in time, or the breaker is open
         * @throws GraphQueryException       when Neo4j refuses the query
         */
        List<Record> await() {
            if (!admitted) {
                throw failedToStart;
            }
            try {
                List<Record> records = readWithRetry(cypher, parameters, deadline, this::firstAttempt);
                breaker.onSuccess();
                return records;
            } catch (GraphQueryException e) {
                breaker.onSuccess();
                throw e;
            } catch (RuntimeException e) {
                breaker.onFailure();
                throw e;
            }
        }

        private List<Record> firstAttempt() {
            if (failedToStart != null) {
                throw failedToStart;
            }
            return finish(first, parameters, deadline);
        }
    }

    /**
     * Why reads are refused right now (the breaker is open and no probe is due), if they are: lets callers skip
     * work, such as embedding a query, for a call that cannot be served.
     */
    Optional<String> suspension() {
        if (breaker.state() == CircuitBreaker.State.OPEN && !breaker.untilProbe().isZero()) {
            return Optional.of(suspendedMessage());
        }
        return Optional.empty();
    }

    private String suspendedMessage() {
        return "Neo4j calls are suspended after repeated failures (circuit breaker open); next probe in "
                + breaker.untilProbe().toMillis() + " ms";
    }

    /** Runs one write query in its own managed transaction (driver retries for transient errors). */
    List<Record> write(String cypher, Map<String, Object> parameters) {
        ensureOpen();
        try (Session session = driver.session(writeSession)) {
            return session.executeWrite(tx -> tx.run(cypher, parameters).list(), writeTransaction);
        } catch (RuntimeException e) {
            throw classify(e, "Neo4j write failed");
        }
    }

    /** A read for operator work (schema inspection): no breaker, the write timeout. */
    List<Record> readForAdmin(String cypher, Map<String, Object> parameters) {
        ensureOpen();
        try (Session session = driver.session(readSession)) {
            return session.executeRead(tx -> tx.run(cypher, parameters).list(), writeTransaction);
        } catch (RuntimeException e) {
            throw classify(e, "Neo4j read failed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.close();
        }
    }

    private List<Record> readWithRetry(String cypher, Map<String, Object> parameters, Deadline deadline,
                                       Supplier<List<Record>> firstAttempt) {
        for (int attempt = 1; ; attempt++) {
            if (deadline.expired()) {
                throw timedOut();
            }
            try {
                return attempt == 1 ? firstAttempt.get() : finish(start(cypher, parameters, deadline), parameters, deadline);
            } catch (RetryableFailure e) {
                if (attempt == 2 || deadline.expired()) {
                    throw redacted(new GraphUnavailableException("Neo4j unavailable: " + describe(e.getCause()),
                            e.getCause()), parameters);
                }
                LOG.debug("Retrying a read once after {}", e.getCause().getClass().getSimpleName());
            }
        }
    }

    /** A query sent in its own session, whose server-side timeout is what is left of the deadline. */
    private record Attempt(AsyncSession session, CompletableFuture<List<Record>> records) {
    }

    private Attempt start(String cypher, Map<String, Object> parameters, Deadline deadline) {
        TransactionConfig transaction = TransactionConfig.builder().withTimeout(ceilToMillis(deadline.remaining())).build();
        AsyncSession session;
        CompletableFuture<List<Record>> records;
        try {
            session = driver.session(AsyncSession.class, readSession);
            records = session.runAsync(cypher, parameters, transaction)
                    .thenCompose(ResultCursor::listAsync)
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            throw failed(e, parameters);
        }
        // The session goes back to the pool when the query ends, even one this call stopped waiting for.
        records.whenComplete((result, failure) -> session.closeAsync());
        return new Attempt(session, records);
    }

    /** Waits for the attempt's records, no longer than the deadline allows. */
    private List<Record> finish(Attempt attempt, Map<String, Object> parameters, Deadline deadline) {
        try {
            return attempt.records().get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            attempt.session().closeAsync();
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.session().closeAsync();
            throw new GraphUnavailableException("Interrupted while waiting for Neo4j", e);
        } catch (ExecutionException e) {
            throw failed(e.getCause(), parameters);
        }
    }

    /** A failure worth the one retry, or the exception the caller gets. */
    private static RuntimeException failed(Throwable failure, Map<String, Object> parameters) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RetryableException) {
            return new RetryableFailure(cause);
        }
        return redacted(classify(cause, "Neo4j read failed"), parameters);
    }

    private static RuntimeException redacted(RuntimeException e, Map<String, Object> parameters) {
        if (!(parameters.get(USER_TEXT) instanceof String text) || text.isEmpty() || e.getMessage() == null
                || !e.getMessage().contains(text)) {
            return e;
        }
        // Without the cause: the driver's exception quotes the text too.
        String message = e.getMessage().replace(text, "<user text>");
        return e instanceof GraphQueryException ? new GraphQueryException(message) : new GraphUnavailableException(message);
    }

    private GraphUnavailableException timedOut() {
        return new GraphUnavailableException("Neo4j did not answer within the query timeout ("
                + settings.queryTimeout().toMillis() + " ms)");
    }

    /** Neo4j could not answer → unavailable; it answered with an error → query exception. */
    static RuntimeException classify(Throwable failure, String what) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GraphUnavailableException || cause instanceof GraphQueryException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Neo4jException neo4j) {
            boolean timedOut = neo4j.code() != null && neo4j.code().contains("TransactionTimedOut");
            if (neo4j instanceof RetryableException || neo4j instanceof DatabaseException
                    || neo4j instanceof DiscoveryException || timedOut || causedByTheNetwork(neo4j)) {
                return new GraphUnavailableException(what + ": " + describe(neo4j), neo4j);
            }
            if (neo4j instanceof ClientException || neo4j instanceof org.neo4j.driver.exceptions.SecurityException) {
                return new GraphQueryException(what + ": " + describe(neo4j), neo4j);
            }
        }
        return new GraphUnavailableException(what + ": " + describe(cause), cause);
    }

    /**
     * The driver reports some local failures as a {@link ClientException}, e.g. no pooled connection within the
     * acquisition timeout while connections hang; the cause tells them from errors the server sent.
     */
    private static boolean causedByTheNetwork(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof IOException || t instanceof RetryableException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Exception class and message: driver messages name servers and codes, never query parameters. */
    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static Duration ceilToMillis(Duration d) {
        long millis = Math.max(1, (d.toNanos() + 999_999) / 1_000_000);
        return Duration.ofMillis(millis);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("KnowledgeGraph is closed");
        }
    }

    /** Marks a failure worth the one retry. */
    private static final class RetryableFailure extends RuntimeException {
        RetryableFailure(Throwable cause) {
            super(cause);
        }
    }
}
