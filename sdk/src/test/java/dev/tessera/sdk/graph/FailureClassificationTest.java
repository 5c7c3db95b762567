package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;

/** Which driver failures count against the breaker (Neo4j could not answer) and which do not (it answered). */
class FailureClassificationTest {

    @Test
    void neo4jThatCannotAnswerIsUnavailable() {
        unavailable(new ServiceUnavailableException("Unable to connect to 127.0.0.1:7687", new ConnectException()));
        unavailable(new TransientException("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "out of memory"));
        unavailable(new DatabaseException("Neo.DatabaseError.General.UnknownError", "boom"));
        unavailable(new ClientException("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                "The transaction has not completed within the timeout specified at its start by the client."));
        // The driver reports an exhausted pool as a ClientException; the cause shows it is the network.
        unavailable(new ClientException("Unable to acquire connection from the pool within configured maximum time",
                new TimeoutException("Unable to acquire connection from the pool")));
        unavailable(new CompletionException(new ServiceUnavailableException("connection lost")));
        unavailable(new IllegalStateException("driver internals"));
    }

    @Test
    void neo4jThatAnswersWithAnErrorRefusedTheQuery() {
        refused(new ClientException("Neo.ClientError.Procedure.ProcedureCallFailed",
                "There is no such fulltext schema index: sample_entity_text"));
        refused(new ClientException("Neo.ClientError.Statement.SyntaxError", "Invalid input"));
        refused(new org.neo4j.driver.exceptions.AuthenticationException("Neo.ClientError.Security.Unauthorized",
                "The client is unauthorized due to authentication failure."));
    }

    private static void unavailable(Throwable failure) {
        assertInstanceOf(GraphUnavailableException.class, KnowledgeGraph.classify(failure, "read"), failure.toString());
    }

    private static void refused(Throwable failure) {
        RuntimeException classified = KnowledgeGraph.classify(failure, "read");
        assertInstanceOf(GraphQueryException.class, classified, failure.toString());
        assertEquals(failure, classified.getCause());
    }
}
