package org.jtrain.train;

/**
 * What {@link Trainer#fit} returns: the fitted model and its {@link History}.
 *
 * @param model       the model, or null when training was stopped before one existed
 * @param leftRunning whether a fit that Smile gives no way to stop (a single tree, least squares, k-NN's index, a fit
 *                    of the user's own) was interrupted and still runs in the background until it ends; its result is dropped
 */
public record Fit(Model model, History history, boolean leftRunning) {
}
