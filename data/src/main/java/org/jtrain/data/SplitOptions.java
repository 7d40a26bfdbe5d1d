package org.jtrain.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * How {@link Split#of} splits a table, as {@code %split}'s options say it; checked when made, so a bad combination
 * fails before any table is touched. Start from {@link #defaults()} or {@link #stratified(String)}:
 * {@code SplitOptions.defaults().ratios(0.8, 0.2).seed(7)}. Set the target before asking to stratify.
 *
 * @param ratios   shares of train, val and test (or train and test), positive and summing to 1
 * @param target   the label column, whose balance the summary reports per split; or null
 * @param stratify keep the target's class balance the same in every split
 * @param byTime   sort by this column instead of shuffling (train is the past, test the most recent); or null
 * @param per      split each value's rows of this column by the ratios, e.g. each user's ratings (a holdout per user); or null
 * @param seed     the shuffle's seed
 * @param prefix   names the tables P_train, P_val, P_test; or null for train, val, test
 */
public record SplitOptions(double[] ratios, String target, boolean stratify, String byTime, String per, long seed, String prefix) {

    public SplitOptions {
        ratios = Objects.requireNonNull(ratios, "ratios").clone();
        double sum = Arrays.stream(ratios).sum();
        if (ratios.length < 2 || ratios.length > 3 || Arrays.stream(ratios).anyMatch(r -> !(r > 0))) { // NaN is no share either
            throw new BadInput("--ratios takes 2 or 3 positive shares (train,test or train,val,test); got " + join(ratios));
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new BadInput("--ratios " + join(ratios) + " sum to " + Split.round(sum) + "; they must sum to 1, e.g. 0.7,0.15,0.15");
        }
        if (stratify && byTime != null) {
            throw new BadInput("--stratify and --by-time cannot be combined: a time split keeps the order of the rows");
        }
        if (stratify && target == null) throw new BadInput("--stratify needs --target COL: the column whose classes to balance");
        if (per != null && (stratify || byTime != null)) {
            throw new BadInput("--per cannot be combined with " + (stratify ? "--stratify" : "--by-time") + ": it already decides how each "
                    + per + "'s rows are shared out");
        }
    }

    /** 70% train, 15% validation, 15% test, shuffled with seed 42; no target. */
    public static SplitOptions defaults() {
        return new SplitOptions(new double[]{0.7, 0.15, 0.15}, null, false, null, null, 42, null);
    }

    /** {@link #defaults()} keeping the class balance of {@code target} in every split. */
    public static SplitOptions stratified(String target) {
        return defaults().target(target).stratify(true);
    }

    /** A copy: the array inside stays as checked. */
    @Override
    public double[] ratios() {
        return ratios.clone();
    }

    public SplitOptions ratios(double... ratios) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    public SplitOptions target(String target) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    public SplitOptions stratify(boolean stratify) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    public SplitOptions byTime(String byTime) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    /** Splits each value's rows of {@code column} by the ratios: with users, every user keeps most rows in train and some in test. */
    public SplitOptions per(String column) {
        return new SplitOptions(ratios, target, stratify, byTime, column, seed, prefix);
    }

    public SplitOptions seed(long seed) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    public SplitOptions prefix(String prefix) {
        return new SplitOptions(ratios, target, stratify, byTime, per, seed, prefix);
    }

    // a record compares arrays by identity: compare the ratios' values instead
    @Override
    public boolean equals(Object o) {
        return o instanceof SplitOptions s && Arrays.equals(ratios, s.ratios) && Objects.equals(target, s.target)
                && stratify == s.stratify && Objects.equals(byTime, s.byTime) && Objects.equals(per, s.per) && seed == s.seed && Objects.equals(prefix, s.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ratios), target, stratify, byTime, per, seed, prefix);
    }

    @Override
    public String toString() {
        return "SplitOptions[ratios=" + join(ratios) + ", target=" + target + ", stratify=" + stratify + ", byTime=" + byTime
                + ", per=" + per + ", seed=" + seed + ", prefix=" + prefix + "]";
    }

    /** The ratios as typed: 1 rather than 1.0. */
    private static String join(double[] values) {
        return String.join(",", Arrays.stream(values).mapToObj(v -> v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)).toList());
    }
}
