package org.jtrain.examples;

import org.jtrain.charts.Figure;
import org.jtrain.charts.Trace;
import org.jtrain.data.CleanOptions;
import org.jtrain.data.Cleaned;
import org.jtrain.data.Load;
import org.jtrain.data.Preprocessing;
import org.jtrain.data.Profile;
import org.jtrain.data.Split;
import org.jtrain.data.SplitOptions;
import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Model;
import org.jtrain.train.Prediction;
import org.jtrain.train.Trainer;
import org.jtrain.train.TrainingListener;
import org.jtrain.train.evaluate.Evaluation;
import org.jtrain.train.files.ModelFiles;
import org.jtrain.train.models.Forest;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A model trained from a CSV file, start to finish, in plain Java: no kernel, no magic. It profiles the data, splits it
 * stratified, fits the preprocessing on the training split and applies it to the others, trains a random forest with a
 * validation set and a listener, evaluates it on the test split, draws a learning curve to a PNG, and writes the
 * model to a file and reads it back with identical predictions.
 *
 * <p>Usage: {@code ForestOnCancer [CSV [OUTPUT_FOLDER]]}; by default the breast-cancer data bundled with jtrain, and
 * {@code build/example}.
 */
public final class ForestOnCancer {

    private ForestOnCancer() {
    }

    private static double accuracy(Model model, Table table) {
        return ((Evaluation.Classification) Evaluation.of(model, table)).accuracy();
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "datasets/src/main/resources/org/jtrain/datasets/breast_cancer.csv.gz");
        Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "build/example"));

        Table cancer = Load.file(csv);
        System.out.print(Profile.of(cancer, "diagnosis").summary());

        Split split = Split.of(cancer, SplitOptions.stratified("diagnosis").seed(42));
        Cleaned cleaned = Preprocessing.fit(split.train(), CleanOptions.defaults().target("diagnosis").normalize(CleanOptions.Scaling.ZSCORE));
        Table train = cleaned.table();
        Table val = cleaned.preprocessing().apply(split.val().orElseThrow());
        Table test = cleaned.preprocessing().apply(split.test());
        System.out.printf("split: %d train, %d validation, %d test rows%n", train.rowCount(), val.rowCount(), test.rowCount());

        TrainingListener trees = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches) {
                if (batch % 50 == 0) System.out.printf("  %d of %d trees%n", batch, batches);
            }
        };
        Fit fit = Trainer.fit(Forest.params().trees(200), train, "diagnosis", FitOptions.validation(val).listener(trees).seed(42));
        Model forest = fit.model();
        System.out.println("trained " + forest + "; " + fit.history());

        Evaluation scores = Evaluation.of(forest, test);
        System.out.println("on test: " + scores);

        // A forest learns in one step, so its curve is over training rows, not epochs: fitted on a quarter, a half,
        // three quarters and all of the (shuffled) training split, scored on what it saw and on the validation split.
        double[] rows = new double[4], seen = new double[4], validation = new double[4];
        for (int i = 0; i < 4; i++) {
            Table part = train.first((i + 1) * train.rowCount() / 4);
            Model m = i == 3 ? forest : Trainer.fit(Forest.params().trees(200), part, "diagnosis", FitOptions.defaults().seed(42)).model();
            rows[i] = part.rowCount();
            seen[i] = accuracy(m, part);
            validation[i] = accuracy(m, val);
        }
        Figure curve = Figure.create("forest on breast cancer: a learning curve").label(0, "", "training rows", "accuracy")
                .add(new Trace.XY("training rows", rows, seen, Trace.Mode.LINES_MARKERS))
                .add(new Trace.XY("validation", rows, validation, Trace.Mode.LINES_MARKERS));
        Files.write(out.resolve("learning-curve.png"), curve.toPng());
        System.out.printf("learning curve: validation accuracy %.3f with %d rows, %.3f with %d%n", validation[0], (int) rows[0], validation[3], (int) rows[3]);

        Path file = ModelFiles.write(forest, out.resolve("cancer.model")).model();
        Model back = ModelFiles.read(file);
        Prediction before = forest.predict(test), after = back.predict(test);
        boolean same = Arrays.equals(before.labels(), after.labels()) && Arrays.deepEquals(before.probabilities(), after.probabilities());
        System.out.println("read back from " + file + ": " + (same ? "identical" : "DIFFERENT") + " predictions on " + test.rowCount() + " test rows");
        if (!same) System.exit(1);
    }
}
