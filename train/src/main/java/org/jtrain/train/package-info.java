/**
 * Training: models chosen by name with validated hyperparameters, one training loop that reports through
 * {@link org.jtrain.train.TrainingListener}s into a Keras-style {@link org.jtrain.train.History}, and evaluation.
 * Classical models run on Smile, neural networks on DJL with the PyTorch engine.
 */
package org.jtrain.train;
