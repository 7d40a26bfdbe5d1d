package org.jtrain.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real two-worker cluster for the whole class: starting one costs seconds, and the machine has two cores. */
class SparkClusterTest {

    private static SparkCluster cluster;
    private static SparkSession spark;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = SparkCluster.start(2, 1, "1g");
        spark = SparkSession.builder()
                .master(cluster.masterUrl())
                .appName("SparkClusterTest")
                .config("spark.executor.memory", "512m")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "true")
                .config("spark.ui.port", "0")
                // Both executors must be up before the first job, or one of them may run every task.
                .config("spark.cores.max", "2")
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s")
                .getOrCreate();
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
            cluster.close(); // idempotent
        }
    }

    @Test
    void runsTasksOnTwoExecutorsInOtherProcesses() throws Exception {
        Row sum = spark.range(0, 1_000_000, 1, 8).selectExpr("sum(id)").first();
        assertEquals(499_999_500_000L, sum.getLong(0));

        String ui = spark.sparkContext().uiWebUrl().get();
        String appId = spark.sparkContext().applicationId();
        JsonElement executors = getJson(ui + "/api/v1/applications/" + appId + "/executors");
        List<Integer> tasks = new ArrayList<>();
        for (JsonElement e : executors.getAsJsonArray()) {
            JsonObject executor = e.getAsJsonObject();
            if (!"driver".equals(executor.get("id").getAsString())) {
                tasks.add(executor.get("completedTasks").getAsInt());
            }
        }
        assertEquals(2, tasks.size(), "executors other than the driver: " + executors);
        assertTrue(tasks.stream().allMatch(n -> n > 0), "completed tasks per executor: " + tasks);

        JsonObject master = getJson(cluster.masterWebUrl() + "/json/").getAsJsonObject();
        assertEquals(2, master.getAsJsonArray("workers").size(), master.toString());
        assertEquals(2, cluster.workerIds().size());
        assertTrue(cluster.toString().matches(
                "Spark standalone cluster spark://127\\.0\\.0\\.1:\\d+: 2 workers x 1 core, 1g"), cluster.toString());
    }

    @Test
    void rejectsBadArgumentsInOneLine() {
        var noWorkers = assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(0, 1, "1g"));
        assertEquals("workers must be at least 1, got 0.", noWorkers.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(1, 0, "1g"));
        var memory = assertThrows(IllegalArgumentException.class, () -> SparkCluster.start(1, 1, "1 GB"));
        assertTrue(memory.getMessage().contains("512m or 2g, got '1 GB'"), memory.getMessage());
    }

    private static JsonElement getJson(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url);
            return JsonParser.parseString(response.body());
        }
    }
}
