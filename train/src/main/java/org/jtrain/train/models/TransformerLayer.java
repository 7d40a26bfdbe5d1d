package org.jtrain.train.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer layer, pre-norm: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))}. The residual path
 * carries the input through untouched, which is what lets several layers train from the start. Returns the new sequence
 * and the layer's attention weights.
 */
final class TransformerLayer extends AbstractBlock {

    private final LayerNorm norm1;
    private final SelfAttention attention;
    private final LayerNorm norm2;
    private final Linear expand;
    private final Linear contract;

    TransformerLayer(int channels, int heads, boolean causal) {
        super((byte) 1);
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", new SelfAttention(channels, heads, causal));
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        expand = addChildBlock("expand", Linear.builder().setUnits(4L * channels).build());
        contract = addChildBlock("contract", Linear.builder().setUnits(channels).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList attended = attention.forward(ps, inputs.size() > 1 ? new NDList(norm(norm1, ps, x, training), inputs.get(1))
                : new NDList(norm(norm1, ps, x, training)), training);
        x = x.add(attended.get(0));
        NDArray hidden = Activation.gelu(expand.forward(ps, new NDList(norm(norm2, ps, x, training)), training).singletonOrThrow());
        x = x.add(contract.forward(ps, new NDList(hidden), training).singletonOrThrow());
        return new NDList(x, attended.get(1));
    }

    private static NDArray norm(LayerNorm norm, ParameterStore ps, NDArray x, boolean training) {
        return norm.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return attention.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape x = inputs[0];
        norm1.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, inputs);
        norm2.initialize(manager, dataType, x);
        expand.initialize(manager, dataType, x);
        contract.initialize(manager, dataType, x.slice(0, 2).add(4 * x.get(2)));
    }
}
