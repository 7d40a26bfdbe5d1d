/**
 * The models: one public hyperparameter record per model ({@code Forest.params().trees(200)}), declared once with
 * {@link org.jtrain.train.models.Param}, and how each is fitted: classical models on Smile, networks on DJL with the
 * PyTorch engine.
 */
package org.jtrain.train.models;
