package aekit.layers;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * A model rebuilt in ND4J's automatic differentiation (SameDiff) with the same weights, layer by layer, for
 * {@link aekit.check.SameDiffCheck}: each layer adds its own forward formula in SameDiff's operations
 * ({@link Layer#sameDiff}), reading its parameters as the graph's variables, so that SameDiff can differentiate it
 * independently of the hand-written backward pass.
 */
public final class SameDiffGraph {
    private final SameDiff sd;
    private final Map<Param, SDVariable> variables = new IdentityHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<SDVariable> lossTerms = new ArrayList<>();

    /** A graph whose variables p0, p1, … hold copies of {@code params}' values, in that order. */
    public SameDiffGraph(SameDiff sd, List<Param> params) {
        this.sd = sd;
        for (int i = 0; i < params.size(); i++) {
            names.add("p" + i);
            variables.put(params.get(i), sd.var("p" + i, params.get(i).value.dup()));
        }
    }

    public SameDiff sd() {
        return sd;
    }

    /** The graph's variable for a parameter of the model. */
    public SDVariable weight(Param p) {
        SDVariable v = variables.get(p);
        if (v == null) throw new IllegalArgumentException("parameter " + p.name + " is not one of the model's params(): list it there");
        return v;
    }

    /** The names of the parameters' variables, in the order of the model's params(). */
    public List<String> variableNames() {
        return names;
    }

    /** A term the model adds to the loss itself (a VAE's KL term): the SameDiff side of {@link Layer#penaltyValue()}. */
    public void addToLoss(SDVariable term) {
        lossTerms.add(term);
    }

    public List<SDVariable> lossTerms() {
        return lossTerms;
    }
}
