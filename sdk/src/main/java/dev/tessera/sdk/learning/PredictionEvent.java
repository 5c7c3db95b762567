package dev.tessera.sdk.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.sdk.events.CloudEvent;
import dev.tessera.sdk.events.InvalidEventException;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One served prediction ({@code dev.tessera.prediction.v1} on {@code tessera.<domain>.predictions}), the input of
 * drift detection. It carries no text: only the label, its probability and a low-dimensional random projection of
 * the sentence vector, which preserves distribution shifts but not the input.
 *
 * @param id         event id
 * @param key        the tenant's model that was asked
 * @param version    the version that answered
 * @param label      top label
 * @param probability its probability
 * @param projection {@link #PROJECTIONS} coordinates of the sentence vector
 */
public record PredictionEvent(String id, ModelKey key, String version, String label, double probability,
                              float[] projection) {

    public static final String TYPE = "dev.tessera.prediction.v1";
    /** Coordinates per prediction: enough to see a topic shift, too few to reconstruct an input. */
    public static final int PROJECTIONS = 4;
    private static final long PROJECTION_SEED = 0x7E55E7AL;

    public PredictionEvent {
        if (projection.length != PROJECTIONS) {
            throw new IllegalArgumentException("projection must have " + PROJECTIONS + " coordinates");
        }
        projection = projection.clone();
    }

    /** Projection matrices by vector dimension; derived from a fixed seed, so every process has the same ones. */
    private static final Map<Integer, double[][]> MATRICES = new ConcurrentHashMap<>();

    /** Fixed Gaussian random projection of a unit vector (same matrix in every process, for every dimension). */
    public static float[] project(float[] vector) {
        double[][] matrix = MATRICES.computeIfAbsent(vector.length, PredictionEvent::matrix);
        float[] out = new float[PROJECTIONS];
        for (int k = 0; k < PROJECTIONS; k++) {
            double s = 0;
            for (int j = 0; j < vector.length; j++) {
                s += vector[j] * matrix[k][j];
            }
            out[k] = (float) s;
        }
        return out;
    }

    private static double[][] matrix(int dimension) {
        double[][] m = new double[PROJECTIONS][dimension];
        for (int k = 0; k < PROJECTIONS; k++) {
            SplittableRandom r = new SplittableRandom(PROJECTION_SEED + 31L * k + dimension);
            for (int j = 0; j < dimension; j++) {
                m[k][j] = nextGaussian(r);
            }
        }
        return m;
    }

    private static double nextGaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    public static PredictionEvent of(ModelKey key, String version, String label, double probability, float[] vector) {
        return new PredictionEvent(UUID.randomUUID().toString(), key, version, label, probability, project(vector));
    }

    public CloudEvent toCloudEvent(String source) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("model", key.model());
        d.put("version", version);
        d.put("label", label);
        d.put("probability", probability);
        ArrayNode p = d.putArray("projection");
        for (float f : projection) {
            p.add(f);
        }
        return new CloudEvent(id, source, TYPE, key.toString(), Instant.now(), d, Map.of("tenant", key.tenant()));
    }

    public static PredictionEvent from(CloudEvent e) {
        if (!TYPE.equals(e.type())) {
            throw new InvalidEventException("unknown event type '" + e.type() + "' (expected " + TYPE + ")");
        }
        JsonNode d = e.data();
        JsonNode p = d.get("projection");
        if (p == null || !p.isArray() || p.size() != PROJECTIONS) {
            throw new InvalidEventException("prediction needs a projection of " + PROJECTIONS + " numbers");
        }
        float[] projection = new float[PROJECTIONS];
        for (int i = 0; i < PROJECTIONS; i++) {
            if (!p.get(i).isNumber()) {
                throw new InvalidEventException("projection values must be numbers");
            }
            projection[i] = (float) p.get(i).asDouble();
        }
        String tenant = e.extension("tenant");
        try {
            return new PredictionEvent(e.id(), new ModelKey(tenant, d.path("model").asText(null)),
                    requireText(d, "version"), requireText(d, "label"), d.path("probability").asDouble(), projection);
        } catch (IllegalArgumentException ex) {
            throw new InvalidEventException("invalid prediction: " + ex.getMessage());
        }
    }

    private static String requireText(JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new InvalidEventException("prediction lacks '" + field + "'");
        }
        return v.asText();
    }
}
