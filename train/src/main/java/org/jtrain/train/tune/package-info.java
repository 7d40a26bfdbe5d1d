/** Hyperparameter search by k-fold cross-validation, over a grid or random samples. */
package org.jtrain.train.tune;
