/**
 * Data as tables, usable from plain Java without a kernel: reading files (CSV, TSV, JSON, maybe gzipped; Parquet) and
 * the bundled datasets, SQL on them ({@link org.jtrain.data.sql}), profiling a table, fitting preprocessing on the training split and applying it to any other, and
 * splitting at random, stratified or by time; the {@code %data} and {@code %split} magics only call it.
 *
 * <pre>{@code
 * Table income = Load.source("income");                       // a bundled dataset, or a path such as "loans.csv.gz"
 * Profile profile = Profile.of(income, "income");
 * System.out.print(profile.summary());                         // warnings are data too: profile.warnings()
 * Split split = Split.of(income, SplitOptions.stratified("income").seed(7));
 * Cleaned cleaned = Preprocessing.fit(split.train(), CleanOptions.defaults().target("income")
 *         .impute(CleanOptions.Fill.MEDIAN).normalize(CleanOptions.Scaling.ZSCORE).encode(CleanOptions.Encoding.ONEHOT));
 * Table test = cleaned.preprocessing().apply(split.test());   // fitted on train, applied unchanged
 * }</pre>
 *
 * A mistake in what was asked for (a missing file, an unknown column, ratios that do not sum to 1) is a
 * {@link org.jtrain.data.BadInput} whose message says what was received, what is allowed and what to do.
 */
package org.jtrain.data;
