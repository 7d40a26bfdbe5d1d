package org.jtrain.train.models;

/** What every network's hyperparameters share: the settings of the training loop. */
public interface LoopParams extends Hyperparameters {

    int epochs();

    int batchSize();

    double learningRate();

    Optimizer optimizer();

    int patience();
}
