package dev.tessera.sdk.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of Neo4j whose port can go down (connections refused, open ones cut, as when the server stops),
 * hang (connections accepted, nothing answered, as when it is overloaded or the network drops packets) and come back
 * on the same port. The driver under test only ever sees this port, as it would see a real server that restarts.
 */
final class FlakyNetwork implements AutoCloseable {

    private enum Mode { FORWARD, HANG }

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private ServerSocket listener;
    private int port; // Any free port at first, then the same one on every restart.

    private FlakyNetwork(URI target) {
        this.target = new InetSocketAddress(target.getHost(), target.getPort());
        listen();
    }

    /** Forwards to the Bolt server at {@code target} until told otherwise. */
    static FlakyNetwork inFrontOf(String boltUri) {
        return new FlakyNetwork(URI.create(boltUri));
    }

    synchronized String boltUri() {
        return "bolt://127.0.0.1:" + port;
    }

    /** The server stops: the port refuses connections and open ones are cut. */
    synchronized void down() {
        closeListener();
        cutAll();
    }

    /** The server hangs: connections are accepted and whatever is sent goes unanswered. */
    synchronized void hang() {
        mode = Mode.HANG;
        cutAll();
        if (listener == null) {
            listen();
        }
    }

    /** The server is back on the same port; connections from before are gone, as after a restart. */
    synchronized void restore() {
        mode = Mode.FORWARD;
        cutAll();
        if (listener == null) {
            listen();
        }
    }

    @Override
    public synchronized void close() {
        down();
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true); // Rebinding the same port right after closing it.
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "flaky-network-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // Closed by down().
            }
            if (!register(socket, client)) {
                return;
            }
            if (mode != Mode.FORWARD) {
                pipe(client, null); // Read and drop: the client waits for an answer that never comes.
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 1_000);
                if (!register(socket, server)) {
                    close(client);
                    return;
                }
                pipe(client, server);
                pipe(server, client);
            } catch (IOException e) {
                close(client);
            }
        }
    }

    /**
     * Adds a connection of {@code listener}'s to the ones {@link #down} cuts, unless that listener was closed since it
     * accepted: a connection accepted just before {@code down()} would otherwise outlive it and reach the server.
     */
    private synchronized boolean register(ServerSocket listener, Socket connection) {
        if (listener.isClosed()) {
            close(connection);
            return false;
        }
        open.add(connection);
        return true;
    }

    private void pipe(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to == null ? null : to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (out != null) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // Cut by down(), hang() or restore(), or closed by the other side.
            } finally {
                close(from);
                if (to != null) {
                    close(to);
                }
            }
        }, "flaky-network-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (IOException e) {
                // Closing a listener; nothing to recover.
            }
            listener = null;
        }
    }

    private void cutAll() {
        open.forEach(FlakyNetwork::close);
        open.clear();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
