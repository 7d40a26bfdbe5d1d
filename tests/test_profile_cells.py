"""Issue 15 over the Jupyter protocol: comments around a magic, rows without a label, and tables rounded for reading."""


def test_comments_and_blank_lines_around_a_magic_keep_it_a_magic(kernel):
    assert kernel.run("%data load iris --as flowers").ok
    for code in ("// look at the data first\n%data profile flowers --target species",
                 "/* a block comment\n   over two lines */\n\n%data profile flowers --target species\n\n// after",
                 "\n\n%data profile flowers --target species\n\n"):
        cell = kernel.run(code)
        assert cell.ok, (code, cell.error)
        assert cell.stdout.startswith("flowers: 150 rows × 5 columns"), (code, cell.stdout)
        assert "profile of iris" in cell.result["text/plain"]


def test_rows_without_a_label_are_counted_left_out_of_the_split_and_never_imputed(kernel):
    setup = kernel.run("""
        %data load breast_cancer --as cancer
        String[] diagnosis = cancer.stringColumn("diagnosis").asObjectArray();
        for (int r = 0; r < 8; r++) diagnosis[r * 50] = null;
        cancer.replaceColumn("diagnosis", tech.tablesaw.api.StringColumn.create("diagnosis", diagnosis));""")
    assert setup.ok, setup.error
    profile = kernel.run("%data profile cancer --target diagnosis")
    assert profile.ok, profile.error
    assert ("Warning: 8 rows (1.4%) have no value in the target 'diagnosis': a model can neither learn from them nor be "
            "scored on them") in profile.stdout
    # a strong feature is explained, not alarmed over
    assert "Note: The strongest single column, 'worst_radius', alone predicts 'diagnosis' with" in profile.stdout
    assert "leakage" not in profile.stdout and "impute" not in profile.stdout
    split = kernel.run("%split cancer --target diagnosis --stratify")
    assert split.ok, split.error
    assert split.stdout.startswith("Left out 8 rows of cancer with no value in the target 'diagnosis'"), split.stdout
    sizes = kernel.run("train.rowCount() + val.rowCount() + test.rowCount()")
    assert sizes.result["text/plain"] == "561"
    # training on the unsplit table says to drop the rows, not to impute the label
    train = kernel.run("%train tree on cancer --target diagnosis")
    assert not train.ok
    assert "has no value in 8 rows" in train.error["evalue"] and "impute" not in train.error["evalue"]


def test_tables_show_rounded_numbers_and_keep_full_precision(kernel):
    cell = kernel.run('var thirds = Table.create("thirds", DoubleColumn.create("x", 0.1 + 0.2, 1.0 / 3, 2.0 / 3 * 1000));\nthirds')
    assert cell.ok, cell.error
    for mime in ("text/plain", "text/html"):
        shown = cell.result[mime]
        assert "0.3" in shown and "0.333333" in shown and "666.666667" in shown, shown
        assert "0.30000000000000004" not in shown and "0.3333333333" not in shown, shown
    kept = kernel.run("thirds.doubleColumn(\"x\").get(0) == 0.1 + 0.2 && thirds.doubleColumn(\"x\").get(1) == 1.0 / 3")
    assert kept.result["text/plain"] == "true"
