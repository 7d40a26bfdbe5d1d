package org.jtrain.train.models;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Matrix factorization as a DJL block: an embedding (a vector of tastes) and a bias for every user and every item.
 * Given user and item positions (int64), it gives each pair's score, {@code user · item + user bias + item bias}, and
 * each pair's squared parameters, which the loss adds as weight decay.
 */
final class FactorBlock extends AbstractBlock {

    private final Parameter users;
    private final Parameter items;
    private final Parameter userBias;
    private final Parameter itemBias;

    FactorBlock(int users, int items, int factors) {
        // small random vectors: at 0 every gradient of a dot product would be 0 too
        Initializer vectors = new NormalInitializer(0.1f), zero = new ConstantInitializer(0);
        this.users = addParameter(parameter("users", users, factors, vectors));
        this.items = addParameter(parameter("items", items, factors, vectors));
        this.userBias = addParameter(parameter("userBias", users, 1, zero));
        this.itemBias = addParameter(parameter("itemBias", items, 1, zero));
    }

    private static Parameter parameter(String name, int rows, int columns, Initializer init) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(new Shape(rows, columns)).optInitializer(init).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray u = inputs.get(0), i = inputs.get(1);
        Device device = u.getDevice();
        NDArray pu = lookup(store.getValue(users, device, training), u), qi = lookup(store.getValue(items, device, training), i);
        NDArray bu = lookup(store.getValue(userBias, device, training), u).reshape(-1);
        NDArray bi = lookup(store.getValue(itemBias, device, training), i).reshape(-1);
        NDArray score = pu.mul(qi).sum(new int[]{1}).add(bu).add(bi);
        NDArray squares = pu.square().sum(new int[]{1}).add(qi.square().sum(new int[]{1})).add(bu.square()).add(bi.square());
        return new NDList(score, squares);
    }

    private static NDArray lookup(NDArray table, NDArray positions) {
        return Embedding.embedding(positions, table, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[]{new Shape(inputs[0].get(0)), new Shape(inputs[0].get(0))};
    }

    /** The learned values of a parameter ({@code users}, {@code items}, {@code userBias}, {@code itemBias}), flat. */
    float[] values(String name) {
        return getParameters().get(name).getArray().toFloatArray();
    }
}
