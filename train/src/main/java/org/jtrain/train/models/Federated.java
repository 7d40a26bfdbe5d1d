package org.jtrain.train.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import org.jtrain.data.BadInput;
import org.jtrain.data.Smoke;
import org.jtrain.data.Tables;
import org.jtrain.train.Encoded;
import org.jtrain.train.Metrics;
import org.jtrain.train.Model;
import org.jtrain.train.Run;
import org.jtrain.train.Seeds;
import org.jtrain.train.Task;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Federated averaging (McMahan et al. 2017) of a DJL network over simulated clients that keep their data. The server
 * holds the global weights; each round it sends them to a share of the clients, each trains on its own rows only and
 * sends its weights back, and the server averages them weighted by the clients' rows. One round reports as one epoch.
 */
final class Federated {

    private Federated() {
    }

    static List<ModelSpec<?>> all() {
        return List.of(ModelSpec.onTables("fedavg", "Federated averaging of mlp's network over simulated clients that keep their rows (DJL)",
                Task.CLASSIFICATION, ModelSpec.Engine.DJL, FedAvg.class, Federated::fit));
    }

    static Model fit(FedAvg p, Table train, String target, Table val, Run run) throws Exception {
        Encoded data = encode(p, train, target);
        int d = data.features().size(), k = data.classes().size(), rounds = Smoke.epochs(p.rounds());
        int[][] shards = Shards.assign(data.labels(), k, p.clients(), p.classesPerClient(), Seeds.random(run.seed(), "fedavg shards"));
        List<Client> clients = clients(p, data, shards, run.seed());
        Networks.Scaling scaling = scaling(clients, d);
        clients.forEach(c -> c.scale(scaling));
        List<Communication.Round> log = new ArrayList<>();
        log.add(new Communication.Round(0, clients.size(), (long) clients.size() * 2 * d * Communication.DOUBLE,
                (long) clients.size() * (1 + 2 * d) * Communication.DOUBLE));

        Engine.getEngine("PyTorch").setRandomSeed((int) run.seed());
        ai.djl.Model net = ai.djl.Model.newInstance("fedavg", "PyTorch");
        Block block = Networks.block(p, k);
        net.setBlock(block);
        block.initialize(net.getNDManager(), DataType.FLOAT32, new Shape(1, d));
        DjlModel model = new DjlModel("fedavg", Task.CLASSIFICATION, p, data.features(), target, data.classes(), net, new Shape(d), scaling,
                null, data.encoder(), null);
        Encoded valData = val == null ? null : Encoded.of(val, target, Task.CLASSIFICATION, data.features(), data.classes(), data.encoder());
        float[][] global = Client.weights(block);
        long parameters = 0;
        for (float[] w : global) parameters += w.length;
        long message = parameters * Communication.FLOAT;

        Loss loss = Loss.softmaxCrossEntropyLoss();
        Random choose = Seeds.random(run.seed(), "fedavg clients");
        int perRound = p.perRound();
        run.start("fedavg", rounds, perRound);
        for (int round = 1; round <= rounds && !run.shouldStop(); round++) {
            List<Client> chosen = new ArrayList<>(clients);
            Collections.shuffle(chosen, choose);
            double[] reported = round(chosen.subList(0, perRound), global, net, p, loss, run, round);
            if (reported == null) break; // interrupted: this round's updates are dropped, the last average kept
            Client.load(block, global);
            log.add(new Communication.Round(round, perRound, perRound * message, perRound * (message + 3L * Communication.DOUBLE)));
            // the clients' own loss and accuracy on their rows, as they reported them; val_ is the averaged model on --val
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", reported[0]);
            metrics.put("accuracy", reported[1]);
            if (valData != null) metrics.putAll(Metrics.of(model.predictRows(valData.x()), valData, "val_"));
            run.epoch(round, metrics);
        }
        Client.load(block, global);
        if (run.history().epochs() == 0) {
            net.close();
            return null;
        }
        int[][] held = new int[shards.length][k];
        for (int c = 0; c < shards.length; c++) for (int r : shards[c]) held[c][data.labels()[r]]++;
        return new FederatedModel(model, new Communication(clients.size(), data.size(), d + 1, parameters, log), held);
    }

    /**
     * One round: each chosen client trains from {@code global}, and their weights averaged by rows replace it. Returns the
     * clients' loss and accuracy averaged alike, or null when the run was stopped midway ({@code global} then unchanged).
     */
    private static double[] round(List<Client> chosen, float[][] global, ai.djl.Model net, FedAvg p, Loss loss, Run run, int round) {
        double[][] sum = new double[global.length][];
        for (int w = 0; w < sum.length; w++) sum[w] = new double[global[w].length];
        double lossSum = 0, rightSum = 0;
        long rows = 0;
        for (int i = 0; i < chosen.size(); i++) {
            Client.Update u = chosen.get(i).train(global, net, p, loss, run);
            if (u == null) return null;
            for (int w = 0; w < sum.length; w++) for (int j = 0; j < sum[w].length; j++) sum[w][j] += (double) u.rows() * u.weights()[w][j];
            lossSum += u.loss() * u.rows();
            rightSum += u.accuracy() * u.rows();
            rows += u.rows();
            run.batch(round, i + 1, chosen.size());
        }
        for (int w = 0; w < sum.length; w++) for (int j = 0; j < sum[w].length; j++) global[w][j] = (float) (sum[w][j] / rows);
        return new double[]{lossSum / rows, rightSum / rows};
    }

    private static Encoded encode(FedAvg p, Table train, String target) {
        if (Task.of(Tables.column(train, target)) == Task.REGRESSION) {
            throw new BadInput("'fedavg' is a classifier, but the target '" + target + "' of '" + train.name() + "' holds numbers ("
                    + train.column(target).countUnique() + " distinct values). Choose a target of classes, e.g. digit.");
        }
        Encoded data = Encoded.of(train, target, Task.CLASSIFICATION, null, null);
        if (p.clients() > data.size()) {
            throw new BadInput(String.format(Locale.ROOT, "--clients %,d is more than the %,d rows of '%s'; each client needs a row. Use at most %,d.",
                    p.clients(), data.size(), train.name(), data.size()));
        }
        int k = data.classes().size();
        if (!Shards.covers(k, p.clients(), p.classesPerClient())) {
            throw new BadInput("--classes-per-client " + p.classesPerClient() + " with --clients " + p.clients() + " leaves some of the " + k
                    + " classes of '" + target + "' on no client; use clients × classes-per-client ≥ " + k + ", e.g. --classes-per-client "
                    + (k + p.clients() - 1) / p.clients() + ".");
        }
        return data;
    }

    /** The clients, each with its shard of the rows. */
    private static List<Client> clients(FedAvg p, Encoded data, int[][] shards, long seed) {
        List<Client> out = new ArrayList<>();
        if (java.util.Arrays.stream(shards).anyMatch(s -> s.length == 0)) {
            throw new BadInput(String.format(Locale.ROOT, "--clients %,d with --classes-per-client %d leaves some clients without rows: their classes have "
                    + "fewer rows than clients sharing them. Use fewer clients or more classes per client.", p.clients(), p.classesPerClient()));
        }
        for (int c = 0; c < shards.length; c++) {
            int[] rows = shards[c];
            double[][] x = IntStream.of(rows).mapToObj(r -> data.x()[r]).toArray(double[][]::new);
            int[] y = IntStream.of(rows).map(r -> data.labels()[r]).toArray();
            out.add(new Client(x, y, Seeds.random(seed, "fedavg client " + c)));
        }
        return out;
    }

    /** Means and spreads of the columns from each client's sums: the scaling mlp computes on pooled rows, without pooling them. */
    private static Networks.Scaling scaling(List<Client> clients, int d) {
        double[] sum = new double[d], squares = new double[d];
        long n = 0;
        for (Client c : clients) {
            Client.Sums s = c.sums(d);
            n += s.rows();
            for (int j = 0; j < d; j++) {
                sum[j] += s.sum()[j];
                squares[j] += s.squares()[j];
            }
        }
        double[] mean = new double[d], scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
            double var = squares[j] / n - mean[j] * mean[j];
            scale[j] = var > 1e-12 ? 1 / Math.sqrt(var) : 1;
        }
        return new Networks.Scaling(mean, scale);
    }
}
