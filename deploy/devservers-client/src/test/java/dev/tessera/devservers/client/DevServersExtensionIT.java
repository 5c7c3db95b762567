package dev.tessera.devservers.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

@ExtendWith(DevServersExtension.class)
class DevServersExtensionIT {
    private static final AtomicLong FIRST_PID = new AtomicLong();

    @Test
    void injectsServersThatAnswer(DevServers servers) throws IOException {
        try (Driver driver = GraphDatabase.driver(servers.boltUri(), AuthTokens.none())) {
            assertEquals(1, driver.executableQuery("RETURN 1 AS one").execute().records().get(0).get("one").asInt());
        }
        String[] kafka = servers.kafkaBootstrap().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(kafka[0], Integer.parseInt(kafka[1])), 2_000);
        }
        assertSameServerJvm(servers);
    }

    @Test
    void sharesOneServerJvmAcrossTests(DevServers servers) {
        assertSameServerJvm(servers);
    }

    private static void assertSameServerJvm(DevServers servers) {
        FIRST_PID.compareAndSet(0, servers.pid());
        assertEquals(FIRST_PID.get(), servers.pid());
    }
}
