package org.jtrain.train.models;

/**
 * What a recommender learns from. EXPLICIT: the ratings themselves (squared error). IMPLICIT: only that a user chose an
 * item; every observed pair is a positive, and unobserved items sampled at random are the negatives (logistic loss).
 */
public enum Feedback { EXPLICIT, IMPLICIT }
