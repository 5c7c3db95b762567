package dev.tessera.service;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of the request a thread is serving, so audit records of one request can be joined. A caller's
 * {@code X-Request-Id} is kept when it is a plain identifier; anything else is replaced, never echoed (it could
 * carry text the caller did not mean to log).
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The caller's id when it is plain, else a new random one. */
    public static String accept(String fromCaller) {
        return fromCaller != null && PLAIN.matcher(fromCaller).matches() ? fromCaller : UUID.randomUUID().toString();
    }

    /** The id of the request this thread serves, or {@code "-"} outside one. */
    public static String current() {
        String id = CURRENT.get();
        return id == null ? "-" : id;
    }

    /** Binds {@code id} to this thread until the returned scope closes. */
    public static Scope bind(String id) {
        String previous = CURRENT.get();
        CURRENT.set(id);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the thread's previous request id. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
