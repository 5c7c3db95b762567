package dev.tessera.devservers;

import static org.neo4j.configuration.GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/** Neo4j Community, embedded, reachable only over Bolt on 127.0.0.1. */
final class EmbeddedNeo4j implements AutoCloseable {
    private final DatabaseManagementService service;
    private final Log4jLogProvider userLog;

    private EmbeddedNeo4j(DatabaseManagementService service, Log4jLogProvider userLog) {
        this.service = service;
        this.userLog = userLog;
    }

    static EmbeddedNeo4j start(Path home, int boltPort, Duration timeout) {
        // Neo4j's user log (start-up problems, warnings) goes to our stdout, which is the devservers log.
        Log4jLogProvider userLog = new Log4jLogProvider(System.out, Level.WARN);
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(userLog)
                .setConfig(settings(boltPort))
                .build();
        EmbeddedNeo4j neo4j = new EmbeddedNeo4j(service, userLog);
        if (!service.database(DEFAULT_DATABASE_NAME).isAvailable(timeout.toMillis())) {
            neo4j.close();
            throw new DevServersFailure("Neo4j database '" + DEFAULT_DATABASE_NAME + "' not available after " + timeout.toSeconds() + " s");
        }
        return neo4j;
    }

    static Map<Setting<?>, Object> settings(int boltPort) {
        SocketAddress boltAddress = new SocketAddress(Loopback.HOST, boltPort);
        Map<Setting<?>, Object> settings = new HashMap<>();
        settings.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(Loopback.HOST));
        settings.put(GraphDatabaseSettings.default_advertised_address, new SocketAddress(Loopback.HOST));
        settings.put(BoltConnector.enabled, true);
        settings.put(BoltConnector.listen_address, boltAddress);
        settings.put(BoltConnector.advertised_address, boltAddress);
        settings.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        settings.put(HttpConnector.enabled, false);
        settings.put(HttpsConnector.enabled, false);
        // Dev only: any client may connect without credentials. Services are configured with real credentials elsewhere.
        settings.put(GraphDatabaseSettings.auth_enabled, false);
        settings.put(GraphDatabaseSettings.udc_enabled, false);

        // Sized for a 1 GB heap next to Kafka (the default page cache takes half of the machine's free memory);
        // TESSERA_DEVSERVERS_PAGECACHE raises it for large dev graphs such as the graph benchmark's.
        String pageCache = System.getProperty(ServerProcess.PAGECACHE_PROPERTY);
        settings.put(GraphDatabaseSettings.pagecache_memory,
                pageCache == null ? ByteUnit.mebiBytes(64) : ByteUnit.parse(pageCache));
        // A quarter of the heap for transaction state: 256 MiB at the default 1 GB, more for bulk loads on a larger heap.
        settings.put(GraphDatabaseSettings.memory_transaction_global_max_size,
                Math.max(ByteUnit.mebiBytes(256), Runtime.getRuntime().maxMemory() / 4));
        // Default transaction logs are pre-allocated 256 MiB files; dev data is tiny.
        settings.put(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16));
        settings.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        settings.put(GraphDatabaseSettings.preallocate_store_files, false);
        settings.put(GraphDatabaseSettings.log_queries, GraphDatabaseSettings.LogQueryLevel.OFF);

        // Shutdown otherwise takes ~10 s even with no client connected (Bolt waits for its thread pool and for Netty's
        // 5 s quiet period) and another 10 s for each open transaction. Measured: 10.7 s idle / 22 s with an open
        // transaction by default, 0.2 s / 1.4 s with these three zeroed. A dev server has nothing worth waiting for.
        settings.put(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ZERO);
        settings.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        settings.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ZERO);
        settings.put(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ZERO);
        return settings;
    }

    @Override
    public void close() {
        try {
            service.shutdown();
        } finally {
            userLog.close();
        }
    }
}
