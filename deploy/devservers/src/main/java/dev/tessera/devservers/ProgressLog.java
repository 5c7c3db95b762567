package dev.tessera.devservers;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines of the run command, time-stamped like the slf4j-simple lines they are interleaved with in the log. */
final class ProgressLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;

    ProgressLog(PrintStream out) {
        this.out = out;
    }

    void say(String message) {
        out.println(LocalTime.now().format(TIME) + " devservers: " + message);
        out.flush();
    }

    /** Printed verbatim: launchers wait for this line. */
    void ready(DataDirectory.Endpoints endpoints) {
        out.println(endpoints.readyLine());
        out.flush();
    }
}
