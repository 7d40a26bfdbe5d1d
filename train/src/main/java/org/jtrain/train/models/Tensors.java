package org.jtrain.train.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * Constants for the networks' arithmetic, made where autograd can keep them. DJL's PyTorch engine turns a number
 * argument ({@code x.div(8)}) into a tensor over a Java buffer and closes it when the call returns; when autograd has kept
 * that tensor for the backward pass (it does for mul and div), the buffer is freed by the next garbage collection and the
 * gradient reads freed memory: NaN weights now and then. A tensor that PyTorch allocates itself lives as long as autograd
 * holds it. So arithmetic on anything that carries a gradient takes its constants from {@link #scalar}, never a number.
 */
final class Tensors {

    private Tensors() {
    }

    /** A 0-d float tensor holding {@code value}, allocated by PyTorch, not over a Java buffer. */
    static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value);
    }

    /** The mean squared error, as DJL's L2Loss with weight 1 computes it, without the number it multiplies by. */
    static final class SquaredError extends Loss {

        SquaredError() {
            super("loss");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray prediction = predictions.singletonOrThrow();
            return labels.singletonOrThrow().reshape(prediction.getShape()).sub(prediction).square().mean();
        }
    }
}
