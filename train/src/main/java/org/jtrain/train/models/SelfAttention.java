package org.jtrain.train.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over a sequence {@code (batch, time, channels)}: each position mixes the values of the
 * positions it attends to, weighted by softmax(q·k / √d). Causal, a position sees only itself and the past (the scores
 * of later positions are -inf before the softmax), so a decoder cannot peek at the token it must predict. An optional
 * second input {@code (batch, time)}, 1 for padding, keeps the other positions from attending to padding. Returns the
 * mixed sequence and the attention weights {@code (batch, heads, time, time)}.
 */
final class SelfAttention extends AbstractBlock {

    private final int heads;
    private final boolean causal;
    private final Linear qkv;
    private final Linear out;

    SelfAttention(int channels, int heads, boolean causal) {
        super((byte) 1);
        this.heads = heads;
        this.causal = causal;
        this.qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * channels).build());
        this.out = addChildBlock("out", Linear.builder().setUnits(channels).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long b = x.getShape().get(0), t = x.getShape().get(1), c = x.getShape().get(2), d = c / heads;
        NDList parts = qkv.forward(ps, new NDList(x), training).singletonOrThrow().split(3, 2);
        // (batch, time, channels) -> (batch, heads, time, d): each head attends on its own slice of the channels
        NDArray q = parts.get(0).reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray v = parts.get(2).reshape(b, t, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Tensors.scalar(x.getManager(), Math.sqrt(d)));
        if (causal) scores = scores.add(future(x.getManager(), (int) t));
        if (inputs.size() > 1) scores = scores.add(inputs.get(1).reshape(b, 1, 1, t).mul(-1e9f));
        NDArray weights = scores.softmax(-1);
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c);
        return new NDList(out.forward(ps, new NDList(mixed), training).singletonOrThrow(), weights);
    }

    /** A (time, time) mask: 0 on and below the diagonal, -inf above it, where a position would see its future. */
    static NDArray future(NDManager manager, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) mask[i * t + j] = Float.NEGATIVE_INFINITY;
        return manager.create(mask, new Shape(t, t));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[]{x, new Shape(x.get(0), heads, x.get(1), x.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        qkv.initialize(manager, dataType, inputs[0]);
        out.initialize(manager, dataType, inputs[0]);
    }
}
