"""ctest python_module: the pybind11 module `polex` (tools/python) under Debian's python3.

Environment: PYTHONPATH = the build's python/ folder, POLEX_TEST_DATA_DIR = tests/,
POLEX_BINARY = the polex CLI (the module must give the same documents as the CLI).
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import polex

DATA = os.environ["POLEX_TEST_DATA_DIR"]
CORPUS = sorted(glob.glob(os.path.join(DATA, "corpus", "*.txt")))
RULES = os.path.join(os.path.dirname(os.path.abspath(DATA)), "rules")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


class ExtractTest(unittest.TestCase):
    def test_schema_and_offsets(self):
        text = "Governments should introduce a carbon price.\nEmissions fell by 12 % between 2010 and 2020 in the EU.\n"
        doc = polex.extract(text, id="t1")
        self.assertEqual(doc["schema"], polex.SCHEMA)
        self.assertEqual(doc["document"]["id"], "t1")
        self.assertEqual(doc["document"]["length"], len(text))
        types = {a["type"] for a in doc["annotations"]}
        self.assertIn("numeric_claim", types)
        for a in doc["annotations"]:
            self.assertEqual(text[a["start"]:a["end"]], a["text"], a)

    def test_code_point_offsets_beyond_ascii(self):
        text = "Le coût a augmenté — “de 12 % en 2020” — selon l’OCDE. Emissions fell by 30% in 2019.\n"
        doc = polex.extract(text)
        self.assertTrue(any(a["type"] == "numeric_claim" for a in doc["annotations"]))
        for a in doc["annotations"]:
            self.assertEqual(text[a["start"]:a["end"]], a["text"], a)

    def test_same_as_cli_on_corpus(self):
        binary = os.environ["POLEX_BINARY"]
        out = subprocess.run([binary, "extract", "--format", "jsonl"] + CORPUS, check=True,
                             stdout=subprocess.PIPE).stdout.decode("utf-8")
        cli = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(cli), len(CORPUS))
        for path, expected in zip(CORPUS, cli):
            with open(path, "rb") as f:
                raw = f.read()
            self.assertEqual(polex.extract(raw, id=stem(path)), expected, path)
            self.assertEqual(polex.extract(raw.decode("utf-8"), id=stem(path)), expected, path)

    def test_layout_false_keeps_the_extracted_types(self):
        doc = polex.extract(read(CORPUS[0]), layout=False)
        types = {a["type"] for a in doc["annotations"]}
        self.assertTrue(types)
        self.assertLessEqual(types, {"policy_option", "actor", "numeric_claim"})

    def test_rules_directory(self):
        text = read(CORPUS[1])
        self.assertEqual(polex.extract(text, rules=RULES), polex.extract(text))

    def test_rule_errors_name_the_file(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "segment"))
            with open(os.path.join(d, "segment", "abbreviations.json"), "w") as f:
                f.write('{\n  "_doc": "broken",\n  "never_final": [\n')
            with self.assertRaises(ValueError) as caught:
                polex.extract("Some text.", rules=d)
            self.assertIn("abbreviations.json", str(caught.exception))

    def test_bad_types(self):
        with self.assertRaises(TypeError):
            polex.extract(42)
        with self.assertRaises(ValueError):
            list(polex.extract_many([("a", "b", "c")]))


class CleanTest(unittest.TestCase):
    def test_clean_dict_matches_the_cli(self):
        path = CORPUS[0]
        out = subprocess.run([os.environ["POLEX_BINARY"], "clean", "--json", path], check=True,
                             stdout=subprocess.PIPE).stdout.decode("utf-8")
        expected = json.loads(out)
        got = polex.clean(read(path), id=stem(path))
        self.assertIsInstance(got["text"], str)
        self.assertEqual(got["warnings"], [])
        for key in ("text", "length", "map"):
            self.assertEqual(got[key], expected[key], key)

    def test_hyphenation_undone_and_map_covers_the_text(self):
        text = "It is very impor-\ntant to act.\n"
        got = polex.clean(text)
        self.assertIn("important", got["text"])
        covered = 0
        for clean_start, clean_end, raw_start, raw_end in got["map"]:
            self.assertEqual(clean_start, covered)
            self.assertLessEqual(raw_end, len(text))
            covered = clean_end
        self.assertEqual(covered, len(got["text"]))

    def test_warnings(self):
        self.assertTrue(polex.clean(b"bad \xff byte\n")["warnings"])


class ExtractManyTest(unittest.TestCase):
    def test_parallel_equals_sequential_in_input_order(self):
        items = [(stem(p), read(p)) for p in CORPUS] * 7  # more than one chunk per thread
        expected = [polex.extract(text, id=i) for i, text in items]
        got = list(polex.extract_many(items, jobs=2))
        self.assertEqual(got, expected)
        self.assertEqual(list(polex.extract_many(iter(items), jobs=1)), expected)

    def test_plain_texts_get_their_position_as_id(self):
        texts = (t for t in ["Emissions fell by 12%.", "", "Costs rose by $3 billion."])
        docs = list(polex.extract_many(texts, jobs=3))
        self.assertEqual([d["document"]["id"] for d in docs], ["0", "1", "2"])
        self.assertTrue(docs[1]["document"].get("warnings"))

    def test_empty_input(self):
        self.assertEqual(list(polex.extract_many([])), [])

    def test_gil_is_released(self):
        # While one thread extracts a large text, another keeps running Python code:
        # its longest stall must be far shorter than the extraction (it would be
        # the whole extraction if the GIL were held).
        big = "\n\n".join(read(p) for p in CORPUS) * 4
        started = time.perf_counter()
        polex.extract(big, layout=False)
        alone = time.perf_counter() - started
        state = {"done": False, "ticks": 0, "stall": 0.0}

        def work():
            polex.extract(big, layout=False)
            state["done"] = True

        thread = threading.Thread(target=work)
        last = time.perf_counter()
        thread.start()  # with the GIL held, the whole extraction would happen in here
        while not state["done"]:
            now = time.perf_counter()
            state["ticks"] += 1
            state["stall"] = max(state["stall"], now - last)
            last = now
        # A stall can end the loop: the thread finished while this one waited.
        state["stall"] = max(state["stall"], time.perf_counter() - last)
        thread.join()
        self.assertGreater(state["ticks"], 1000)
        self.assertLess(state["stall"], alone / 2, (alone, state))

if __name__ == "__main__":
    print("polex", polex.__version__, "from", polex.__file__, "on", sys.executable, shutil.which("python3"))
    unittest.main(verbosity=2)
