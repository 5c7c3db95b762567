package dev.tessera.sdk.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.devservers.client.DevServers;
import dev.tessera.devservers.client.DevServersExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The benchmark's generator against the real Neo4j of the dev servers, at a small size. */
@ExtendWith(DevServersExtension.class)
class SyntheticOwnershipGraphTest {

    @Test
    void loadsTheShapeOnceAndAReuseReportsTheRatesMeasuredAtLoadTime(DevServers servers) {
        SyntheticOwnershipGraph.Shape shape = new SyntheticOwnershipGraph.Shape(1_000, 5_000, 7);
        try (KnowledgeGraph graph = KnowledgeGraph.connect(GraphSettings.builder(servers.boltUri())
                .queryTimeout(Duration.ofSeconds(20)).build())) {
            List<String> progress = new ArrayList<>();
            SyntheticOwnershipGraph.LoadReport first = SyntheticOwnershipGraph.load(graph, shape, 500, progress::add);
            assertFalse(first.reused());
            assertTrue(first.seconds() > 0 && first.nodesPerSecond() > 0 && first.relationshipsPerSecond() > 0,
                    first.toString());
            assertEquals(1_000L, count(graph, "MATCH (n:Domain_synthetic) RETURN count(n) AS c"));
            assertEquals(5_000L, count(graph, "MATCH (:Domain_synthetic)-[r]->(:Domain_synthetic) RETURN count(r) AS c"));
            assertEquals(shape.owns(), count(graph, "MATCH (:Domain_synthetic)-[r:OWNS]->() RETURN count(r) AS c"));

            SyntheticOwnershipGraph.LoadReport again = SyntheticOwnershipGraph.load(graph, shape, 500, progress::add);
            assertTrue(again.reused());
            assertEquals(first.seconds(), again.seconds(), 1e-9);
            assertEquals(first.nodesPerSecond(), again.nodesPerSecond(), 1e-9);
            assertEquals(first.relationshipsPerSecond(), again.relationshipsPerSecond(), 1e-9);
            assertEquals(1_000L, count(graph, "MATCH (n:Domain_synthetic) RETURN count(n) AS c"), "nothing reloaded");
            assertTrue(progress.get(progress.size() - 1).contains("already loaded"), progress.toString());
        }
    }

    private static long count(KnowledgeGraph graph, String cypher) {
        return graph.readForAdmin(cypher, Map.of()).get(0).get("c").asLong();
    }
}
