package org.jtrain.train.models;

import org.jtrain.train.Fit;
import org.jtrain.train.FitOptions;
import org.jtrain.train.Trainer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.concurrent.Callable;

import static org.jtrain.train.Fixtures.load;
import static org.jtrain.train.Fixtures.split;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The networks train the same with the garbage collector running all the time. DJL's PyTorch engine puts a tensor made
 * from Java data over a Java buffer that the collector frees; when autograd kept such a tensor for the backward pass
 * (a constant in x.div(2), the weight inside DJL's L2Loss), a collection between forward and backward let the gradient
 * read freed memory: NaN weights now and then, more often on a busy machine. Same seed, same losses, bit for bit.
 */
class GarbageCollectionTest {

    @Test
    void gpt() throws Exception {
        Table book = load("moby-dick");
        Table train = book.inRange(0, 120).setName("train"), val = book.inRange(120, 150).setName("val");
        same(() -> Trainer.fit(Gpt.params().epochs(2).steps(10).batchSize(8).context(16).layers(1).heads(2).embedding(16), train, "text",
                FitOptions.validation(val)));
    }

    @Test
    void transformer() throws Exception {
        Table all = load("spam").removeColumns("id"); // sorted by label: 200 from each end
        Table[] spam = split(all.first(200).append(all.last(200)));
        same(() -> Trainer.fit(Transformer.params().epochs(2).context(16).embedding(16).heads(2), spam[0], "label", FitOptions.validation(spam[1])));
    }

    @Test
    void mlpRegression() throws Exception {
        Table[] diabetes = split(load("diabetes"));
        same(() -> Trainer.fit(Mlp.params().epochs(3), diabetes[0], "progression", FitOptions.validation(diabetes[1])));
    }

    @Test
    void autoencoder() throws Exception {
        Table sensors = load("sensors").first(3000);
        same(() -> Trainer.fit(Autoencoder.params().epochs(2), sensors, "anomaly"));
    }

    @Test
    void explicitMf() throws Exception {
        Table ratings = load("lecture-ratings").first(4000);
        same(() -> Trainer.fit(MatrixFactorization.params().feedback(Feedback.EXPLICIT).epochs(2), ratings, "rating"));
    }

    /** Fits once quietly and once while another thread asks for one collection after another; the histories must match. */
    private static void same(Callable<Fit> fit) throws Exception {
        String quiet = fit.call().history().toTable().print();
        Thread collector = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) System.gc();
        });
        try {
            assertEquals(quiet, fit.call().history().toTable().print(), "the same fit with the collector busy");
        } finally {
            collector.interrupt();
            collector.join();
        }
    }
}
