package dev.tessera.sdk.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.neo4j.driver.Record;

/**
 * A deterministic synthetic corporate-ownership graph at any scale, for load and latency tests (the graph
 * benchmark). It lives in its own domain, {@code synthetic}, so it never mixes with the shipped finance graph.
 *
 * <p>Shape for {@code n} nodes and {@code r} relationships (same seed, same graph):
 * <ul>
 *   <li>11 {@code Sector} and 50 {@code Jurisdiction} nodes, {@code n/5} {@code Person} nodes, the rest
 *       {@code Company} nodes, named like {@code "Aldermoor Shipping Holdings 48213"} (the number keeps names
 *       unique);</li>
 *   <li>every company {@code IN_SECTOR} one sector and {@code INCORPORATED_IN} one jurisdiction (the hubs);</li>
 *   <li>every person {@code CONTROLS} one company;</li>
 *   <li>the remaining relationships are {@code OWNS} edges with a {@code percent}, spread round-robin over the
 *       companies as targets (about four owners each at 1M/5M) from uniformly drawn companies and persons.</li>
 * </ul>
 * Loading writes batches with {@code UNWIND … CREATE}; a marker node records the shape, so loading the same shape
 * again is a no-op and loading another shape first deletes the old synthetic domain.
 */
public final class SyntheticOwnershipGraph {

    public static final GraphDomain DOMAIN = GraphDomain.of("synthetic");
    static final int SECTORS = 11;
    static final int JURISDICTIONS = 50;
    private static final String MARKER_ID = "synthetic:marker";
    private static final String SOURCE = "Tessera synthetic benchmark data (fictional)";

    private static final String[] ADJECTIVES = {"Aldermoor", "Brightwater", "Caldwell", "Dunmore", "Eastgate",
        "Fairhaven", "Greyhollow", "Halvane", "Ironbridge", "Juniper", "Kestrel", "Larchmont", "Meridian", "Northwind",
        "Oakridge", "Pellucid", "Quillmarsh", "Redfern", "Saltmere", "Tarnbrook", "Underhill", "Valemont", "Wendmoor",
        "Yarrow"};
    private static final String[] NOUNS = {"Shipping", "Capital", "Mining", "Logistics", "Pharma", "Energy", "Textiles",
        "Foods", "Software", "Metals", "Chemicals", "Insurance", "Realty", "Telecom", "Freight", "Agritech"};
    private static final String[] SUFFIXES = {"Holdings", "Group", "Ltd", "plc", "AG", "SA", "Partners", "Trading"};
    private static final String[] FIRST = {"Ada", "Boris", "Chen", "Dana", "Emil", "Farah", "Goran", "Hana", "Ivo",
        "Jun", "Kira", "Luca", "Mira", "Nils", "Omar", "Pia"};
    private static final String[] LAST = {"Albrecht", "Brandt", "Castell", "Dorn", "Eklund", "Falk", "Grau", "Holm",
        "Iversen", "Jansen", "Kovac", "Lind", "Moreau", "Novak", "Orlov", "Petrov"};

    /**
     * @param nodes         total nodes (≥ 1,000)
     * @param relationships total relationships; at least two per company plus one per person
     * @param seed          generator seed
     */
    public record Shape(int nodes, long relationships, long seed) {
        public Shape {
            if (nodes < 1_000) {
                throw new IllegalArgumentException("nodes must be >= 1000: " + nodes);
            }
            if (relationships < 2L * companies(nodes) + persons(nodes)) {
                throw new IllegalArgumentException("relationships must be >= " + (2L * companies(nodes) + persons(nodes))
                        + " for " + nodes + " nodes (sector + jurisdiction per company, control per person)");
            }
        }

        public int persons() {
            return persons(nodes);
        }

        public int companies() {
            return companies(nodes);
        }

        public long owns() {
            return relationships - 2L * companies() - persons();
        }

        private static int persons(int nodes) {
            return nodes / 5;
        }

        private static int companies(int nodes) {
            return nodes - persons(nodes) - SECTORS - JURISDICTIONS;
        }
    }

    /**
     * What a load did; {@code reused} when the graph was already there with the same shape, and then the figures
     * are those recorded when it was loaded (zero if none were).
     */
    public record LoadReport(int nodes, long relationships, double seconds, double nodesPerSecond,
                             double relationshipsPerSecond, boolean reused) {
    }

    private SyntheticOwnershipGraph() {
    }

    /** The deterministic name of company {@code i}. */
    public static String companyName(int i) {
        return ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[(i / ADJECTIVES.length) % NOUNS.length] + " "
                + SUFFIXES[(i / (ADJECTIVES.length * NOUNS.length)) % SUFFIXES.length] + " " + i;
    }

    public static String companyId(int i) {
        return "synthetic:company:" + i;
    }

    static String personName(int i) {
        return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + i;
    }

    /** Creates the synthetic domain's schema and loads {@code shape} unless it is already loaded. */
    public static LoadReport load(KnowledgeGraph graph, Shape shape, int batchSize, Consumer<String> progress) {
        new GraphSchema(graph, 384, 512, Duration.ofMinutes(10)).ensure(DOMAIN);
        String wanted = shape.toString();
        List<Record> marker = graph.readForAdmin("MATCH (m:Entity {id: $id}) RETURN m.shape AS shape, "
                + "m.load_seconds AS seconds, m.load_nodes_per_s AS nodesPerSecond, "
                + "m.load_relationships_per_s AS relationshipsPerSecond", Map.of("id", MARKER_ID));
        if (!marker.isEmpty() && wanted.equals(marker.get(0).get("shape").asString(null))) {
            Record m = marker.get(0);
            progress.accept("synthetic graph " + wanted + " already loaded");
            // The rates measured when it was loaded (0 for a graph loaded before they were recorded).
            return new LoadReport(shape.nodes(), shape.relationships(), m.get("seconds").asDouble(0),
                    m.get("nodesPerSecond").asDouble(0), m.get("relationshipsPerSecond").asDouble(0), true);
        }
        deleteDomain(graph, progress);

        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(shape.seed());
        String domainLabel = DOMAIN.label();
        writeNodes(graph, "Sector", domainLabel, SECTORS, i -> "synthetic:sector:" + i, i -> "Sector " + i, batchSize, progress);
        writeNodes(graph, "Jurisdiction", domainLabel, JURISDICTIONS, i -> "synthetic:jurisdiction:" + i,
                i -> "Jurisdiction " + i, batchSize, progress);
        writeNodes(graph, "Person", domainLabel, shape.persons(), i -> "synthetic:person:" + i,
                SyntheticOwnershipGraph::personName, batchSize, progress);
        writeNodes(graph, "Company", domainLabel, shape.companies(), SyntheticOwnershipGraph::companyId,
                SyntheticOwnershipGraph::companyName, batchSize, progress);
        double nodeSeconds = (System.nanoTime() - start) / 1e9;

        long relStart = System.nanoTime();
        int companies = shape.companies();
        int persons = shape.persons();
        writeRelationships(graph, "IN_SECTOR", companies, k -> companyId((int) k),
                k -> "synthetic:sector:" + random.nextInt(SECTORS), k -> null, batchSize, progress);
        writeRelationships(graph, "INCORPORATED_IN", companies, k -> companyId((int) k),
                k -> "synthetic:jurisdiction:" + random.nextInt(JURISDICTIONS), k -> null, batchSize, progress);
        writeRelationships(graph, "CONTROLS", persons, k -> "synthetic:person:" + k,
                k -> companyId(random.nextInt(companies)), k -> null, batchSize, progress);
        writeRelationships(graph, "OWNS", shape.owns(), k -> {
            int owner = random.nextInt(companies + persons);
            int target = (int) (k % companies);
            if (owner < companies) {
                return companyId(owner == target ? (owner + 1) % companies : owner);
            }
            return "synthetic:person:" + (owner - companies);
        }, k -> companyId((int) (k % companies)), k -> 1 + random.nextInt(60), batchSize, progress);
        double relSeconds = (System.nanoTime() - relStart) / 1e9;

        LoadReport report = new LoadReport(shape.nodes(), shape.relationships(), nodeSeconds + relSeconds,
                shape.nodes() / nodeSeconds, shape.relationships() / relSeconds, false);
        graph.write("MERGE (m:Entity {id: $id}) SET m.shape = $shape, m.domain = 'synthetic-marker', "
                        + "m.load_seconds = $seconds, m.load_nodes_per_s = $nodesPerSecond, "
                        + "m.load_relationships_per_s = $relationshipsPerSecond",
                Map.of("id", MARKER_ID, "shape", wanted, "seconds", report.seconds(),
                        "nodesPerSecond", report.nodesPerSecond(),
                        "relationshipsPerSecond", report.relationshipsPerSecond()));
        return report;
    }

    private static void deleteDomain(KnowledgeGraph graph, Consumer<String> progress) {
        String label = CypherNames.label(DOMAIN.label());
        long deleted;
        do {
            List<Record> r = graph.write("MATCH (n:" + label + ") WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c",
                    Map.of());
            deleted = r.get(0).get("c").asLong();
            if (deleted > 0) {
                progress.accept("deleted " + deleted + " old synthetic nodes");
            }
        } while (deleted > 0);
        graph.write("MATCH (m:Entity {id: $id}) DETACH DELETE m", Map.of("id", MARKER_ID));
    }

    private static void writeNodes(KnowledgeGraph graph, String label, String domainLabel, int count,
                                   java.util.function.IntFunction<String> id, java.util.function.IntFunction<String> name,
                                   int batchSize, Consumer<String> progress) {
        String cypher = "UNWIND $rows AS row CREATE (n:" + GraphDomain.ENTITY_LABEL + ":" + CypherNames.label(label) + ":"
                + CypherNames.label(domainLabel) + " {id: row.id, name: row.name, domain: 'synthetic', source: $source})";
        List<Map<String, Object>> rows = new ArrayList<>(batchSize);
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("id", id.apply(i), "name", name.apply(i)));
            if (rows.size() == batchSize || i == count - 1) {
                graph.write(cypher, Map.of("rows", rows, "source", SOURCE));
                rows = new ArrayList<>(batchSize);
                if ((i + 1) % (batchSize * 20) == 0 || i == count - 1) {
                    progress.accept(String.format("%-12s %,d / %,d nodes", label, i + 1, count));
                }
            }
        }
    }

    private static void writeRelationships(KnowledgeGraph graph, String type, long count,
                                           java.util.function.LongFunction<String> from,
                                           java.util.function.LongFunction<String> to,
                                           java.util.function.LongFunction<Integer> percent, int batchSize,
                                           Consumer<String> progress) {
        String cypher = "UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) "
                + "CREATE (a)-[r:" + CypherNames.relationshipType(type) + " {source: $source}]->(b) "
                + "SET r.percent = row.percent";
        List<Map<String, Object>> rows = new ArrayList<>(batchSize);
        for (long k = 0; k < count; k++) {
            Map<String, Object> row = new HashMap<>(4);
            row.put("from", from.apply(k));
            row.put("to", to.apply(k));
            row.put("percent", percent.apply(k));
            rows.add(row);
            if (rows.size() == batchSize || k == count - 1) {
                graph.write(cypher, Map.of("rows", rows, "source", SOURCE));
                rows = new ArrayList<>(batchSize);
                if ((k + 1) % (batchSize * 20L) == 0 || k == count - 1) {
                    progress.accept(String.format("%-16s %,d / %,d relationships", type, k + 1, count));
                }
            }
        }
    }
}
