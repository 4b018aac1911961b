"""ctest polex_dask: tools/polex-dask on a real local Dask cluster (127.0.0.1, 2 workers).

Checks that the union of the shard outputs equals a single-process `polex extract`
run, document for document, that the summary accounts for every input (a missing
file included), and that the default local cluster works too.
Exits 77 (ctest: skipped) when python3-distributed is not installed.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys

SKIP = 77


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run_dask(args, script, extra, expect_code):
    cmd = [sys.executable, script, "--polex", args.polex] + extra
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    sys.stdout.write(proc.stderr.decode("utf-8", "replace")[-4000:])
    check(proc.returncode == expect_code, "polex-dask exited %d, expected %d" % (proc.returncode, expect_code))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--polex", required=True)
    p.add_argument("--script", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    args = p.parse_args()
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("SKIPPED: python3-distributed is not installed (Debian: apt-get install python3-distributed)")
        return SKIP

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    # The corpus twice over, under different names, so shards hold several documents.
    corpus = os.path.join(args.work, "corpus")
    for copy in ("a", "b"):
        os.makedirs(os.path.join(corpus, copy))
        for path in sorted(glob.glob(os.path.join(args.corpus, "*.txt"))):
            shutil.copy(path, os.path.join(corpus, copy, copy + "_" + os.path.basename(path)))
    inputs = sorted(glob.glob(os.path.join(corpus, "*", "*.txt")))
    check(len(inputs) >= 4, "too few corpus documents")

    # The reference: one process over every document.
    single = subprocess.run([args.polex, "extract", "--format", "jsonl"] + inputs, check=True,
                            stdout=subprocess.PIPE).stdout.decode("utf-8")
    expected = {}
    for line in single.splitlines():
        record = json.loads(line)
        expected[record["document"]["id"]] = record
    check(len(expected) == len(inputs), "the single-process run lost documents")

    # 1. An existing cluster, by address: a file list with one missing file.
    missing = os.path.join(corpus, "missing.txt")
    file_list = os.path.join(args.work, "files.txt")
    with open(file_list, "w", encoding="utf-8") as f:
        f.write("\n".join(inputs[:3] + [missing] + inputs[3:]) + "\n")
    out = os.path.join(args.work, "out")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        check(len(client.nthreads()) == 2, "the cluster should have 2 workers")
        run_dask(args, args.script, ["--scheduler", cluster.scheduler_address, "--files-from", file_list,
                                     "--shards", "5", "--merge", "-o", out], expect_code=1)

    shards = sorted(glob.glob(os.path.join(out, "shard-*.jsonl")))
    check(len(shards) == 5, "expected 5 shard files, got %d" % len(shards))
    got = {}
    for shard in shards:
        records = read_jsonl(shard)
        check(records, "empty shard " + shard)
        for record in records:
            doc_id = record["document"]["id"]
            check(doc_id not in got, "document %s in two shards" % doc_id)
            got[doc_id] = record
    check(sorted(got) == sorted(expected), "shards hold %s, expected %s" % (sorted(got), sorted(expected)))
    for doc_id, record in expected.items():
        check(got[doc_id] == record, "document %s differs from the single-process run" % doc_id)
    merged = read_jsonl(os.path.join(out, "merged.jsonl"))
    check([r["document"]["id"] for r in merged] == [r["document"]["id"] for r in map(json.loads, single.splitlines())],
          "merged.jsonl is not in input order")

    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        summary = json.load(f)
    totals = summary["totals"]
    check(totals["inputs"] == len(inputs) + 1 and totals["ok"] == len(inputs) and totals["failed"] == 1,
          "summary totals: %s" % totals)
    by_path = {d["path"]: d for d in summary["documents"]}
    check(set(by_path) == set(inputs + [missing]), "the summary does not account for every input")
    check(by_path[missing]["status"] == "failed" and "no such file" in by_path[missing]["error"],
          "the missing file: %s" % by_path[missing])
    for path in inputs:
        entry = by_path[path]
        record = expected[entry["id"]]
        check(entry["status"] == "ok", "%s: %s" % (path, entry))
        types = {}
        for a in record["annotations"]:
            types[a["type"]] = types.get(a["type"], 0) + 1
        check(entry["annotations"] == types, "%s: annotation counts %s != %s" % (path, entry["annotations"], types))
    check(sum(s["documents"] for s in summary["shards"]) == len(inputs) + 1, "shard document counts")

    # 2. The default: a local cluster started by polex-dask, corpus given as a directory.
    out2 = os.path.join(args.work, "out-local")
    run_dask(args, args.script, ["--workers", "2", "-o", out2, "-q", corpus], expect_code=0)
    got2 = {}
    for shard in glob.glob(os.path.join(out2, "shard-*.jsonl")):
        for record in read_jsonl(shard):
            got2[record["document"]["id"]] = record
    check(got2 == expected, "the local-cluster run differs from the single-process run")
    print("ok: %d documents, %d shards, identical to the single-process run" % (len(inputs), len(shards)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
