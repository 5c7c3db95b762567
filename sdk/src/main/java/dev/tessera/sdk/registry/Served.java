package dev.tessera.sdk.registry;

/**
 * A result together with the model version that produced it.
 *
 * @param value   what the model returned
 * @param model   model name
 * @param version version that served the call
 */
public record Served<R>(R value, String model, String version) {
}
