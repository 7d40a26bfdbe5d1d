package org.jtrain.train.models;

/**
 * The hyperparameters of {@code seasonal-naive}: the baseline forecast, the value one season earlier (for a horizon
 * longer than the season, as many seasons back as it takes to reach a known value).
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record SeasonalNaive(
        @Param(description = "The season in steps: the forecast is the value this many steps earlier (7: a week of days)", defaultValue = "7", min = 1, max = 10_000) int season,
        @Param(description = "Steps ahead each forecast is made", defaultValue = "7", min = 1, max = 10_000) int horizon,
        @Param(description = "The time column; \"\" for the table's only date column", defaultValue = "") String time) implements Hyperparameters {

    public SeasonalNaive {
        Params.check(SeasonalNaive.class, season, horizon, time);
    }

    /** The defaults. */
    public static SeasonalNaive params() {
        return Params.defaults(SeasonalNaive.class);
    }

    @Override
    public String model() {
        return "seasonal-naive";
    }

    /** How many steps back its forecast reads: the first multiple of the season at least the horizon. */
    public int lag() {
        return season * ((horizon + season - 1) / season);
    }

    public SeasonalNaive season(int value) {
        return new SeasonalNaive(value, horizon, time);
    }

    public SeasonalNaive horizon(int value) {
        return new SeasonalNaive(season, value, time);
    }

    public SeasonalNaive time(String value) {
        return new SeasonalNaive(season, horizon, value);
    }
}
