package org.jtrain.train.models;

/**
 * The hyperparameters of {@code popularity}, the baseline every recommender must beat: it recommends to everyone the
 * items most users chose, and predicts an item's rating as its mean rating, pulled towards the mean of all ratings
 * when the item has few. Checked when built; {@link #params()} gives the defaults.
 */
public record Popularity(
        @Param(description = "Ratings of the overall mean added to each item's own when predicting its rating (fewer ratings, "
                + "more pull)", defaultValue = "5", min = 0, max = 1_000_000) double shrinkage,
        @Param(description = "The user column; empty: the first column that is not the target", defaultValue = "") String user,
        @Param(description = "The item column; empty: the next column that is not the target", defaultValue = "") String item) implements Hyperparameters {

    public Popularity {
        Params.check(Popularity.class, shrinkage, user, item);
    }

    /** The defaults. */
    public static Popularity params() {
        return Params.defaults(Popularity.class);
    }

    @Override
    public String model() {
        return "popularity";
    }

    public Popularity shrinkage(double value) {
        return new Popularity(value, user, item);
    }

    public Popularity user(String value) {
        return new Popularity(shrinkage, value, item);
    }

    public Popularity item(String value) {
        return new Popularity(shrinkage, user, value);
    }
}
