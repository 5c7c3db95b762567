package dev.tessera.sdk.registry;

/**
 * The active version of a model changed.
 *
 * @param model    model name
 * @param previous version that served before, or null for the first activation
 * @param current  version that serves now
 * @param kind     why it changed
 */
public record VersionChange(String model, String previous, String current, Kind kind) {

    public enum Kind {
        ACTIVATED,
        ROLLED_BACK
    }
}
