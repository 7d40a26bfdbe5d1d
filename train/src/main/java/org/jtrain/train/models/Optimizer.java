package org.jtrain.train.models;

/** How a network's weights follow their gradients: Adam, or SGD with momentum 0.9. */
public enum Optimizer { ADAM, SGD }
