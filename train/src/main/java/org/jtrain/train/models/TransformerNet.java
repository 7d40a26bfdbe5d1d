package org.jtrain.train.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A small transformer over token ids {@code (batch, time)}: token and position embeddings, {@code layers} transformer
 * layers, a final layer norm and a linear head. As a decoder (causal) it gives next-token logits at every position,
 * {@code (batch, time, outputs)}; as an encoder it reads the whole sequence, averages the positions that are not padding
 * (id 0) and gives class logits {@code (batch, outputs)}. Asked with the parameter {@value #ATTENTION}, it also returns
 * each layer's attention weights.
 */
final class TransformerNet extends AbstractBlock {

    /** The forward parameter that asks for the attention weights as well. */
    static final String ATTENTION = "attention";

    private final boolean causal;
    private final int outputs;
    private final Parameter tokens;
    private final Parameter positions;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear head;

    TransformerNet(int vocabulary, int context, int channels, int layers, int heads, int outputs, boolean causal) {
        super((byte) 1);
        this.causal = causal;
        this.outputs = outputs;
        // small random embeddings, as GPT-2 starts them, rather than Xavier's scale for a 2-D weight
        tokens = addParameter(Parameter.builder().setName("tokens").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, channels)).optInitializer(new NormalInitializer(0.02f)).build());
        positions = addParameter(Parameter.builder().setName("positions").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(context, channels)).optInitializer(new NormalInitializer(0.02f)).build());
        for (int i = 0; i < layers; i++) this.layers.add(addChildBlock("layer" + i, new TransformerLayer(channels, heads, causal)));
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", Linear.builder().setUnits(outputs).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0).toType(DataType.INT64, false);
        long t = ids.getShape().get(1);
        // a result belongs to the manager of its first operand: the lookups would belong to the parameters' manager,
        // which lives as long as the model, and with them every activation after them; they go to the input's instead
        NDArray table = ps.getValue(tokens, ids.getDevice(), training);
        NDArray embedded = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        NDArray position = ps.getValue(positions, ids.getDevice(), training).get(new NDIndex(":{}", t));
        embedded.attach(ids.getManager());
        position.attach(ids.getManager());
        NDArray x = embedded.add(position);
        NDArray padding = causal ? null : ids.eq(0).toType(DataType.FLOAT32, false);
        NDList weights = new NDList();
        for (TransformerLayer layer : layers) {
            NDList out = layer.forward(ps, padding == null ? new NDList(x) : new NDList(x, padding), training);
            x = out.get(0);
            weights.add(out.get(1));
        }
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        if (!causal) { // the mean of the positions that are not padding; an empty text averages nothing to 0
            NDArray kept = padding.neg().add(1).expandDims(2);
            x = x.mul(kept).sum(new int[]{1}).div(kept.sum(new int[]{1}).maximum(1));
        }
        NDList out = new NDList(head.forward(ps, new NDList(x), training).singletonOrThrow());
        if (params != null && params.contains(ATTENTION)) out.addAll(weights);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape ids = inputs[0];
        return new Shape[]{causal ? new Shape(ids.get(0), ids.get(1), outputs) : new Shape(ids.get(0), outputs)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape x = new Shape(inputs[0].get(0), inputs[0].get(1), tokens.getShape().get(1));
        Shape padding = new Shape(inputs[0].get(0), inputs[0].get(1));
        for (TransformerLayer layer : layers) layer.initialize(manager, dataType, causal ? new Shape[]{x} : new Shape[]{x, padding});
        norm.initialize(manager, dataType, x);
        head.initialize(manager, dataType, causal ? x : new Shape(x.get(0), x.get(2)));
    }
}
