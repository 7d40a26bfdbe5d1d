package org.jtrain.charts;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One series of a figure. Traces hold summaries rather than raw data where Plotly allows it (histogram bins, box
 * quartiles), so that a figure of a million values still adds only kilobytes to a notebook.
 */
public sealed interface Trace {

    /** The legend name. */
    String name();

    /** Points joined by lines, shown as markers, or both. */
    enum Mode { LINES, MARKERS, LINES_MARKERS }

    /** A line or scatter series. */
    record XY(String name, double[] x, double[] y, Mode mode) implements Trace {
        public XY {
            Objects.requireNonNull(name);
            if (x.length != y.length) throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
    }

    /** Bars with category labels. */
    record Bar(String name, List<String> categories, double[] values) implements Trace {
        public Bar {
            if (categories.size() != values.length) {
                throw new IllegalArgumentException(categories.size() + " categories but " + values.length + " values");
            }
            categories = List.copyOf(categories);
        }
    }

    /** A grid of values, rows top to bottom, with optional numbers written in the cells. */
    record Heatmap(String name, double[][] z, List<String> xLabels, List<String> yLabels, boolean annotate) implements Trace {
        public Heatmap {
            int cols = xLabels.size();
            if (z.length != yLabels.size() || Arrays.stream(z).anyMatch(r -> r.length != cols)) {
                throw new IllegalArgumentException("z must have one row per y label and one column per x label");
            }
            xLabels = List.copyOf(xLabels);
            yLabels = List.copyOf(yLabels);
        }
    }

    /** The counts of values in equal-width bins from {@code start}, each {@code width} wide. */
    record Histogram(String name, double start, double width, long[] counts) implements Trace {

        /** Bins finite values into {@code bins} equal-width bins between their min and max. */
        public static Histogram of(String name, double[] values, int bins) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (min > max) return new Histogram(name, 0, 1, new long[0]);
            double width = max > min ? (max - min) / bins : 1;
            long[] counts = new long[max > min ? bins : 1];
            for (double v : values) {
                if (Double.isFinite(v)) counts[Math.min(counts.length - 1, (int) ((v - min) / width))]++;
            }
            return new Histogram(name, min, width, counts);
        }
    }

    /** A box plot from quartiles and whiskers at 1.5 IQR, clipped to the data. */
    record Box(String name, double lowerFence, double q1, double median, double q3, double upperFence) implements Trace {

        public static Box of(String name, double[] values) {
            double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
            if (v.length == 0) return new Box(name, 0, 0, 0, 0, 0);
            double q1 = quantile(v, 0.25), med = quantile(v, 0.5), q3 = quantile(v, 0.75), iqr = q3 - q1;
            double lo = q1 - 1.5 * iqr, hi = q3 + 1.5 * iqr;
            double lower = Arrays.stream(v).filter(x -> x >= lo).min().orElse(q1);
            double upper = Arrays.stream(v).filter(x -> x <= hi).max().orElse(q3);
            return new Box(name, lower, q1, med, q3, upper);
        }

        private static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int i = (int) Math.floor(pos);
            return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
        }
    }
}
