/**
 * Training, usable from plain Java: {@link org.jtrain.train.Trainer#fit} fits the model its hyperparameters name
 * (records in {@link org.jtrain.train.models}) through one loop that reports to
 * {@link org.jtrain.train.TrainingListener}s, and returns a {@link org.jtrain.train.Fit}: the {@link org.jtrain.train.Model}
 * and its Keras-style {@link org.jtrain.train.History}. Beside it, by concern: {@code evaluate}, {@code tune},
 * {@code monitor} (fairness and drift), {@code files} (export and import), {@code serve}, {@code runs} and {@code plot}.
 * A {@link org.jtrain.train.Session} keeps what a notebook keeps between cells: the seed, the server, the run store.
 */
package org.jtrain.train;
