package dev.tessera.devservers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

    @Test
    void defaultsAreASmallSerialHeap() {
        assertEquals(ServerProcess.JVM_OPTIONS, ServerProcess.jvmOptions(Map.<String, String>of()::get));
    }

    @Test
    void aLargeHeapSwitchesToG1AndThePageCacheIsPassedOn() {
        Map<String, String> env = Map.of(ServerProcess.HEAP_ENV, " 5g ", ServerProcess.PAGECACHE_ENV, "3g");
        assertEquals(List.of("-Xms256m", "-Xmx5g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10",
                "-XX:+ExitOnOutOfMemoryError", "-Dtessera.devservers.pagecache=3g"), ServerProcess.jvmOptions(env::get));
    }

    @Test
    void extraOptionsComeLastAndAnotherCollectorReplacesTheDefault() {
        Map<String, String> env = Map.of(ServerProcess.HEAP_ENV, "5g",
                ServerProcess.JAVA_OPTS_ENV, "-XX:+UseZGC  -Xlog:gc");
        assertEquals(List.of("-Xms256m", "-Xmx5g", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseZGC", "-Xlog:gc"),
                ServerProcess.jvmOptions(env::get));
        Map<String, String> noCollector = Map.of(ServerProcess.JAVA_OPTS_ENV, "-Xlog:gc");
        assertEquals(List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc"),
                ServerProcess.jvmOptions(noCollector::get));
    }
}
