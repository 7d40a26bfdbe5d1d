"""The runs %train and %tune record, read back by MLflow's own client (mlflow-skinny): the record is MLflow's file store."""
import os

import pytest

from conftest import Kernel


@pytest.fixture(scope="module")
def mlruns(tmp_path_factory):
    """A kernel started in a folder of its own, so that its runs go to ./mlruns there, as in a user's notebook folder."""
    folder = tmp_path_factory.mktemp("notebook")
    env = {k: v for k, v in os.environ.items() if k != "JTRAIN_RUNS"}
    k = Kernel(cwd=folder, env=env)
    try:
        assert k.run("%seed 7\n%data load iris\n%split iris --target species --stratify").ok
        trained = k.run("%train forest on train --target species --trees 20 --val test --as rf")
        assert trained.ok, trained.error
        tuned = k.run("%tune tree on train --target species --param max-depth=2,4 --cv 3 --as best")
        assert tuned.ok, tuned.error
    finally:
        k.close()
    return folder / "mlruns"


def test_mlflow_reads_the_runs_of_train_and_tune(mlruns, monkeypatch):
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")  # MLflow 3 reads a file store only when told to
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=mlruns.as_uri())
    runs = {r.info.run_name: r for r in client.search_runs(["0"])}
    assert set(runs) == {"forest on train", "tune tree on train"}, list(runs)

    forest = runs["forest on train"]
    assert forest.info.status == "FINISHED"
    assert forest.data.params["trees"] == "20"
    assert forest.data.tags["jtrain.model"] == "forest" and forest.data.tags["jtrain.seed"] == "7"
    assert forest.data.tags["jtrain.dataset"] == "train" and forest.data.tags["jtrain.rows"] == "105"
    assert "jtrain.version.smile" in forest.data.tags
    assert 0.8 <= forest.data.metrics["val_accuracy"] <= 1.0
    history = client.get_metric_history(forest.info.run_id, "val_accuracy")
    assert [m.step for m in history] == [1]

    tune = runs["tune tree on train"]
    assert tune.data.params["max-depth"] in ("2", "4"), tune.data.params
    assert tune.data.tags["jtrain.model"] == "tree" and tune.data.tags["jtrain.seed"] == "7"
    assert "2 candidates, 3-fold CV, accuracy" in tune.data.tags["jtrain.tune"]
    assert tune.info.start_time <= tune.info.end_time
