package dev.tessera.devservers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Port checks on 127.0.0.1, the only address the dev servers listen on. */
final class Loopback {
    static final String HOST = "127.0.0.1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Loopback() {}

    static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new IllegalStateException("cannot resolve " + HOST, e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(int port, String what) {
        if (!isFree(port)) {
            throw new DevServersFailure(what + " port " + HOST + ":" + port + " is already in use");
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, address())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevServersFailure("no free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    static boolean isAnswering(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitAnswering(int port, String what, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!isAnswering(port)) {
            if (Instant.now().isAfter(deadline)) {
                throw new DevServersFailure(what + " is not answering on " + HOST + ":" + port + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
