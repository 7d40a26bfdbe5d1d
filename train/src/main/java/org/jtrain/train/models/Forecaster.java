package org.jtrain.train.models;

/**
 * The hyperparameters of {@code forecaster}: a regressor fitted on lag, rolling-window and calendar features of a series
 * ({@link TimeFeatures}), forecasting {@code horizon} steps ahead, and scored against seasonal-naive.
 * Checked when built; {@link #params()} gives the defaults, and each method named after a component returns a copy with it changed.
 */
public record Forecaster(
        @Param(description = "The regressor fitted on the features", defaultValue = "boosting") Regressor regressor,
        @Param(description = "Steps ahead each forecast is made: the target of row t is forecast from values up to t - horizon", defaultValue = "7", min = 1, max = 10_000) int horizon,
        @Param(description = "Lags y(t-k), comma-separated steps, each at least --horizon", defaultValue = "7,14,28,364") String lags,
        @Param(description = "Rolling windows (mean and std) of past values ending --horizon steps back, comma-separated lengths", defaultValue = "7,28") String windows,
        @Param(description = "Calendar features of t: day of week, weekend, month, day of month, day of year (hour)", defaultValue = "true") boolean calendar,
        @Param(description = "Columns known ahead of time, comma-separated, e.g. holiday (text counts as 1 when not empty)", defaultValue = "") String known,
        @Param(description = "The time column; \"\" for the table's only date column", defaultValue = "") String time,
        @Param(description = "The season of the seasonal-naive baseline it is scored against, in steps (7: a week of days)", defaultValue = "7", min = 1, max = 10_000) int season,
        @Param(description = "Trees of a forest or boosting regressor", defaultValue = "300", min = 1, max = 10_000) int trees,
        @Param(description = "Passes over the data of an mlp regressor", defaultValue = "30", min = 1, max = 100_000) int epochs) implements Hyperparameters {

    public Forecaster {
        Params.check(Forecaster.class, regressor, horizon, lags, windows, calendar, known, time, season, trees, epochs);
        TimeFeatures.of(time, horizon, lags, windows, calendar, known); // lags against the horizon, window lengths
    }

    /** The defaults. */
    public static Forecaster params() {
        return Params.defaults(Forecaster.class);
    }

    @Override
    public String model() {
        return "forecaster";
    }

    /** The regressor's own hyperparameters: its defaults, with {@link #trees} or {@link #epochs}. */
    Hyperparameters regressorParams() {
        return switch (regressor) {
            case FOREST -> Forest.params().trees(trees);
            case BOOSTING -> Boosting.params().trees(trees);
            case LINEAR -> Linear.params();
            case MLP -> Mlp.params().epochs(epochs);
        };
    }

    public Forecaster regressor(Regressor value) {
        return new Forecaster(value, horizon, lags, windows, calendar, known, time, season, trees, epochs);
    }

    public Forecaster horizon(int value) {
        return new Forecaster(regressor, value, lags, windows, calendar, known, time, season, trees, epochs);
    }

    public Forecaster lags(String value) {
        return new Forecaster(regressor, horizon, value, windows, calendar, known, time, season, trees, epochs);
    }

    public Forecaster windows(String value) {
        return new Forecaster(regressor, horizon, lags, value, calendar, known, time, season, trees, epochs);
    }

    public Forecaster calendar(boolean value) {
        return new Forecaster(regressor, horizon, lags, windows, value, known, time, season, trees, epochs);
    }

    public Forecaster known(String value) {
        return new Forecaster(regressor, horizon, lags, windows, calendar, value, time, season, trees, epochs);
    }

    public Forecaster time(String value) {
        return new Forecaster(regressor, horizon, lags, windows, calendar, known, value, season, trees, epochs);
    }

    public Forecaster season(int value) {
        return new Forecaster(regressor, horizon, lags, windows, calendar, known, time, value, trees, epochs);
    }

    public Forecaster trees(int value) {
        return new Forecaster(regressor, horizon, lags, windows, calendar, known, time, season, value, epochs);
    }

    public Forecaster epochs(int value) {
        return new Forecaster(regressor, horizon, lags, windows, calendar, known, time, season, trees, value);
    }
}
