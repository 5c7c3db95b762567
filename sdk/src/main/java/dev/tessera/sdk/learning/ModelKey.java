package dev.tessera.sdk.learning;

import java.util.regex.Pattern;

/**
 * A tenant's model: the unit that learns, is versioned and is served. Tenants never share a key, so feedback from
 * one tenant can only change that tenant's model. {@link #DEFAULT_TENANT} holds the base model every tenant starts
 * from until its own first promotion.
 *
 * @param tenant tenant id ({@code [a-z0-9][a-z0-9_-]{0,63}})
 * @param model  model name ({@code [a-z0-9][a-z0-9._-]{0,63}})
 */
public record ModelKey(String tenant, String model) {

    public static final String DEFAULT_TENANT = "default";

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public ModelKey {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must match " + TENANT.pattern() + ", was '" + tenant + "'");
        }
        if (model == null || !MODEL.matcher(model).matches() || model.contains("..")) {
            throw new IllegalArgumentException("model must match " + MODEL.pattern() + ", was '" + model + "'");
        }
    }

    public static ModelKey base(String model) {
        return new ModelKey(DEFAULT_TENANT, model);
    }

    /** Parses {@link #toString()}'s {@code tenant/model}. */
    public static ModelKey parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("model key must be tenant/model, was '" + text + "'");
        }
        return new ModelKey(text.substring(0, slash), text.substring(slash + 1));
    }

    public boolean isBase() {
        return tenant.equals(DEFAULT_TENANT);
    }

    public ModelKey baseKey() {
        return base(model);
    }

    /** {@code tenant/model}: the Kafka key of this model's events, so they stay in order on one partition. */
    @Override
    public String toString() {
        return tenant + "/" + model;
    }
}
