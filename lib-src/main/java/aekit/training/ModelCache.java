package aekit.training;

import aekit.layers.Layer;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a trainer keeps of each model it has fitted, for the model's next fit: its parameters as one vector θ (so that
 * the optimizer's state, Adam's m and v, carries on from fit to fit) and its {@link Halves}. The keys are weak: a model
 * nobody else holds is forgotten with everything kept for it, so nothing kept may hold the model itself.
 */
final class ModelCache {
    private final Map<Layer, ParameterVector> vectors = new WeakHashMap<>();
    private final Map<Layer, Halves> halves = new WeakHashMap<>();

    /** The model's parameters as one vector, the one of its last fit while they still live there. */
    ParameterVector parameterVector(Layer model) {
        ParameterVector flat = vectors.get(model);
        if (flat == null || !flat.holds(model.params())) {
            flat = ParameterVector.of(model.params());
            vectors.put(model, flat);
        }
        return flat;
    }

    /** The model's halves on θ = {@code flat}, or null when the model has no twin (each batch then stays in one piece). */
    Halves halves(Layer model, ParameterVector flat) {
        Halves kept = halves.get(model);
        if (kept == null || kept.flat != flat) {
            Layer twin = model.twin();
            if (twin == null) return null;
            kept = new Halves(twin, flat);
            halves.put(model, kept);
        }
        return kept;
    }
}
