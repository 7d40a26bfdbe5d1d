"""Your own files over the Jupyter protocol: Excel sheets, other encodings and separators, %data save, a header too wide
to be meant, and a large load that is interrupted. Each mistake is one line, and the variables from before stay."""
import gzip
import random
import time


def stderr(cell):
    return "".join(o["content"]["text"] for o in cell.of("stream") if o["content"]["name"] == "stderr")


def refused(cell, start):
    """The cell failed with a one-line UsageError that starts as given; returns its message."""
    assert not cell.ok and cell.error["ename"] == "UsageError", cell.reply
    message = cell.error["evalue"]
    assert message.startswith(start) and "\n" not in message, message
    return message


def test_excel_round_trip_and_sheets_without_noise(kernel, tmp_path):
    book = tmp_path / "reports" / "weather.xlsx"
    cell = kernel.run(f"%data load seattle-weather --as weather\n%data save weather --to {book}")
    assert cell.ok, cell.error
    assert f"Saved weather (1461 rows × 6 columns) to {book} (" in cell.stdout
    cell = kernel.run(f"%data load {book} --sheet weather --as back")
    assert cell.ok, cell.error
    assert cell.stdout.startswith("back = 1461 rows × 6 columns (date: local_date, precipitation: double, temp_max: double, "
                                  "temp_min: double, wind: double, weather: string)"), cell.stdout
    assert stderr(cell) == "", "POI's logging stays quiet"
    same = kernel.run('back.dateColumn("date").asList().equals(weather.dateColumn("date").asList()) '
                      '&& back.doubleColumn("wind").asList().equals(weather.doubleColumn("wind").asList())')
    assert same.result["text/plain"] == "true"
    message = refused(kernel.run(f"%data load {book} --sheet wether --as back"), "no sheet 'wether' in 'weather'. Sheets: weather")
    assert message == "no sheet 'wether' in 'weather'. Sheets: weather"
    assert kernel.run("back.rowCount()").result["text/plain"] == "1461"


def test_a_latin1_file_is_refused_with_its_line_and_loads_with_its_encoding(kernel, tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes("name;city\nAda;London\nJosé;München\n".encode("latin-1"))
    assert kernel.run("%data load iris --as people").ok
    cell = kernel.run(f"%data load {people} --sep ';'")
    message = refused(cell, "line 3 of 'people': it is not valid UTF-8: byte 0xE9 after \"Jos\".")
    assert "--encoding ISO-8859-1" in message and "\ufffd" not in cell.stdout + message
    assert kernel.run("people.rowCount()").result["text/plain"] == "150", "the earlier table stays"
    cell = kernel.run(f"%data load {people} --sep ';' --encoding ISO-8859-1")
    assert cell.ok, cell.error
    names = kernel.run('people.stringColumn("name").get(1) + " in " + people.stringColumn("city").get(1)')
    assert names.result["text/plain"] == "José in München"


def test_a_600000_column_header_fails_fast_and_the_session_goes_on(kernel, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{c:06d}" for c in range(600_000)) + "\n1,2\n")
    assert wide.stat().st_size > 4_700_000
    assert kernel.run("%data load iris --as wide").ok
    start = time.monotonic()
    cell = kernel.run(f"%data load {wide}")
    seconds = time.monotonic() - start
    refused(cell, "the header of 'wide' has 600,000 columns, more than the limit of 10,000: check the separator (--sep), "
                  "or raise the limit with --max-columns 600000")
    print(f"600,000-column header refused in {seconds:.2f} s over the protocol")
    assert seconds < 5, seconds
    assert kernel.run("wide.rowCount()").result["text/plain"] == "150"


def test_other_mistakes_are_one_line(kernel, tmp_path):
    assert kernel.run("%data load iris --as keep").ok
    (tmp_path / "a.csv").write_text("a;b\n1;2\n")
    (tmp_path / "fake.xlsx").write_text("a,b\n1,2\n")
    with gzip.open(tmp_path / "g.json.gz", "wt") as f:
        f.write('[{"day": "2024-01-31"}]')
    refused(kernel.run(f"%data load {tmp_path / 'a.csv'} --sep \\t --as keep"), "--sep takes a punctuation character or a tab, not 't'")
    refused(kernel.run(f"%data load {tmp_path / 'a.csv'} --encoding utf-9 --as keep"), "unknown encoding 'utf-9'")
    refused(kernel.run(f"%data load {tmp_path / 'a.csv'} --sheet 1 --as keep"), "--sheet is for Excel files; 'a' is CSV")
    refused(kernel.run(f"%data load {tmp_path / 'fake.xlsx'} --as keep"), "'fake' is not an Excel .xlsx file")
    refused(kernel.run("%data load iris --max-columns 4 --as keep"), "the header of 'iris' has 5 columns, more than the limit of 4")
    refused(kernel.run(f"%data save keep --to {tmp_path / 'keep.txt'}"), "cannot tell the format of 'keep.txt'")
    refused(kernel.run(f"%data save kep --to {tmp_path / 'keep.csv'}"), "No variable 'kep'.")
    assert kernel.run("keep.rowCount()").result["text/plain"] == "150"
    assert kernel.run(f"%data save keep --to {tmp_path / 'keep.parquet'}").ok  # saved through DuckDB, read back the same
    cell = kernel.run(f"%data load {tmp_path / 'keep.parquet'} --as again")
    assert cell.ok and "again = 150 rows × 5 columns" in cell.stdout, cell.stdout
    cell = kernel.run(f"%data load {tmp_path / 'g.json.gz'} --as days")
    assert cell.ok and "days = 1 rows × 1 columns (day: local_date)" in cell.stdout, cell.stdout


def test_an_interrupted_load_stops_soon_and_leaves_the_earlier_variable(kernel, tmp_path):
    big = tmp_path / "big.csv"
    rng = random.Random(7)
    cities = ["Berlin", "Paris", "Rome", "Oslo", "Lisbon"]
    with open(big, "w") as f:
        f.write("id,amount,city,day,flag\n")
        for i in range(2_500_000):
            f.write(f"{i},{rng.random() * 1000:.3f},{cities[i % 5]},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 2 == 0}\n")
    assert kernel.run("%data load iris --as big").ok
    stops = []
    for after in (0.2, 0.5, 1.0):
        start = time.monotonic()
        cell, sent = kernel.interrupted(f"%data load {big}", after)
        if not sent or cell.ok:  # the load ended first, or was defining its table when the interrupt came: it says so
            assert cell.ok and (not sent or cell.stdout.endswith("The interrupt came as the cell was finishing: it ran to its end.\n")), cell.stdout
            assert kernel.run("big.rowCount()").result["text/plain"] == "2500000"
            assert kernel.run("%data load iris --as big").ok
            continue
        stops.append(time.monotonic() - start - after)
        assert cell.error["ename"] == "Interrupted", cell.reply
        assert kernel.run("big.rowCount()").result["text/plain"] == "150", "the interrupted load defined nothing"
    print("interrupted loads replied " + ", ".join(f"{s:.2f} s" for s in stops) + " after the interrupt")
    assert len(stops) >= 2, "the loads ended before the interrupts: the test needs a larger file"
    assert max(stops) < 3, stops  # polled every 65,536 fields or rows; a garbage collection can add a few hundred ms
    start = time.monotonic()
    cell = kernel.run(f"%data load {big} --as whole")
    print(f"the whole load took {time.monotonic() - start:.2f} s")
    assert cell.ok and cell.stdout.startswith("whole = 2500000 rows × 5 columns (id: integer, amount: double, city: string, "
                                              "day: local_date, flag: boolean)"), cell.stdout
    assert kernel.run("1 + 1").result["text/plain"] == "2"
