package dev.tessera.sdk.registry;

/** Told after every change of a model's active version (on the thread that made the change). */
@FunctionalInterface
public interface VersionListener {
    void onVersionChange(VersionChange change);
}
