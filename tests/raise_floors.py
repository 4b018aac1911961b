#!/usr/bin/env python3
"""Raises the accuracy floors in tests/accuracy_floors.json to what the extractors reach now,
less a margin of 0.01 (rounded down to 2 decimals). Floors never go down.

    build/tools/polex extract --format jsonl -o /tmp/dev.jsonl tests/corpus/*.txt
    build/tools/polex eval tests/gold /tmp/dev.jsonl --json | python3 tests/raise_floors.py

Prints each floor it raises; adds entries for new types, kinds and attributes of the gold.
"""
import json, math, os, sys

FLOORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "accuracy_floors.json")
METRICS = ("precision", "recall", "f1")
ABOUT = ("Accuracy gates (tests/accuracy_floors_test.cpp): the pipeline over tests/corpus scored against "
         "tests/gold must reach every floor. Floors only go up; raise them with tests/raise_floors.py.")


def floor_of(reached):
    return max(0.0, math.floor(round((reached - 0.01) * 100, 6)) / 100)


def write(floors):
    lines = ["{", f' "about": {json.dumps(ABOUT)},', ' "scores": {']
    keys = sorted(floors["scores"])
    for i, k in enumerate(keys):
        body = ", ".join(f'"{m}": {floors["scores"][k][m]:.2f}' for m in METRICS)
        lines.append(f'  {json.dumps(k)}: {{{body}}}' + ("," if i + 1 < len(keys) else ""))
    lines += [" },", ' "attribute_accuracy": {']
    keys = sorted(floors["attribute_accuracy"])
    for i, k in enumerate(keys):
        lines.append(f'  {json.dumps(k)}: {floors["attribute_accuracy"][k]:.2f}' + ("," if i + 1 < len(keys) else ""))
    lines += [" }", "}"]
    with open(FLOORS, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    reached = json.load(sys.stdin)
    with open(FLOORS, encoding="utf-8") as f:
        floors = json.load(f)
    floors.setdefault("scores", {})
    floors.setdefault("attribute_accuracy", {})
    for key, v in reached["scores"].items():
        if key not in floors["scores"] and v["tp"] + v["fn"] == 0:
            continue  # a kind only predictions use: nothing to hold up
        entry = floors["scores"].setdefault(key, {m: 0.0 for m in METRICS})
        for m in METRICS:
            new = floor_of(v[m])
            if new > entry.get(m, 0.0):
                print(f"{key}.{m}: {entry.get(m, 0.0):.2f} -> {new:.2f}")
                entry[m] = new
    for key in reached.get("attribute_counts", reached["attribute_accuracy"]):
        old = floors["attribute_accuracy"].get(key, 0.0)
        new = floor_of(reached["attribute_accuracy"].get(key, 0.0))
        if new > old:
            print(f"attribute {key}: {old:.2f} -> {new:.2f}")
        floors["attribute_accuracy"][key] = max(old, new)
    write(floors)


if __name__ == "__main__":
    main()
