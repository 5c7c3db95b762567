package dev.tessera.cli;

import dev.tessera.sdk.events.KafkaSettings;
import dev.tessera.sdk.learning.ModelStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Kafka and the model store are; shared by the learner, model and learning-bench commands. */
final class LearningOptions {

    @Option(names = "--bootstrap", defaultValue = "${env:TESSERA_KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (default: $TESSERA_KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092, the dev servers). "
                    + "Other client settings (SASL/TLS) come from TESSERA_KAFKA_* variables, e.g. TESSERA_KAFKA_SECURITY_PROTOCOL.")
    String bootstrap;

    @Option(names = "--store", defaultValue = "${env:TESSERA_MODEL_STORE:-${sys:user.home}/.tessera/models}",
            description = "Model store directory (default: $TESSERA_MODEL_STORE or ~/.tessera/models).")
    Path store;

    KafkaSettings kafka(String clientId) {
        return KafkaSettings.builder(bootstrap).clientId(clientId)
                .propertiesFromEnvironment(KafkaSettings.ENVIRONMENT_PREFIX, System.getenv()).build();
    }

    ModelStore store(String domain) {
        return ModelStore.open(store, domain);
    }
}
