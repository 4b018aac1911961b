#!/usr/bin/env python3
"""Writes the synthetic prediction files that exercise the scoring edge cases
(tests/evaluate_test.cpp compares `polex eval` with score.py on each of them).
Deterministic: derived from tests/gold only. Run from anywhere:
    python3 tests/eval_cases/make_cases.py
"""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "gold")


def load_gold():
    docs = []
    for name in sorted(os.listdir(GOLD)):
        if name.endswith(".json"):
            with open(os.path.join(GOLD, name), encoding="utf-8") as f:
                docs.append(json.load(f))
    return docs


def pred_doc(d, annotations):
    return {"schema": 1, "document": dict(d["document"]), "annotations": annotations}


def shifted(a, start, end):
    b = copy.deepcopy(a)
    b["start"], b["end"] = start, end
    b["text"] = "(synthetic)"
    return b


def overlaps(docs):
    """Partial overlaps, the policy half-overlap boundary, competing predictions, one prediction over two golds."""
    out = []
    for d in docs:
        anns = []
        acts = [a for a in d["annotations"] if a["type"] == "actor"]
        for i, a in enumerate(acts):
            if i % 3 == 0:
                anns.append(shifted(a, a["start"] + 1, a["end"] + 2))           # partial overlap: still a match
            elif i % 3 == 1 and i + 1 < len(acts):
                anns.append(shifted(a, a["start"], acts[i + 1]["end"]))         # covers two golds: one match
            elif i % 5 == 2:
                anns.append(shifted(a, a["end"], a["end"] + 5))                 # touching only: no overlap
            else:
                anns.append(copy.deepcopy(a))
                anns.append(shifted(a, a["start"] + 1, a["end"]))               # competitor: smaller overlap
        pols = [a for a in d["annotations"] if a["type"] == "policy_option"]
        for i, a in enumerate(pols):
            s, e = a["start"], a["end"]
            n = e - s
            half = (n + 1) // 2
            variant = i % 6
            if variant == 0:
                anns.append(shifted(a, s, s + half))             # exactly half: match
            elif variant == 1:
                anns.append(shifted(a, s, s + half - 1))         # just under half: no match
            elif variant == 2:
                anns.append(shifted(a, s, s + 2 * n))            # gold is half of the longer span: match
            elif variant == 3:
                anns.append(shifted(a, s, s + 2 * n + 1))        # just under half of the longer: no match
            elif variant == 4:
                anns.append(shifted(a, s - 3, e - 3))
                anns.append(shifted(a, s + 2, e + 2))            # two candidates, both good: greedy picks the larger
            else:
                b = shifted(a, s, e)
                b["attrs"]["kind"] = "some_other_kind"           # kind does not decide a policy match
                anns.append(b)
        nums = [a for a in d["annotations"] if a["type"] == "numeric_claim"]
        anns += [copy.deepcopy(a) for a in nums[::2]]
        anns.sort(key=lambda a: (a["start"], a["end"]))
        out.append(pred_doc(d, anns))
    return out


def values(docs):
    """Numeric value tolerance, value_max, kinds, strings, nulls; attribute folding."""
    out = []
    for d in docs:
        anns = []
        nums = [a for a in d["annotations"] if a["type"] == "numeric_claim"]
        for i, a in enumerate(nums):
            b = copy.deepcopy(a)
            at = b["attrs"]
            v = at.get("value")
            variant = i % 11
            if variant == 0 and isinstance(v, (int, float)):
                at["value"] = v * 1.005                      # at the 0.5% boundary
            elif variant == 1 and isinstance(v, (int, float)):
                at["value"] = v * 1.0051                     # just over: no match
            elif variant == 2 and isinstance(v, (int, float)):
                at["value"] = v * 0.995
            elif variant == 3 and isinstance(v, (int, float)):
                at["value"] = str(v)                         # a numeric string: float() accepts it
            elif variant == 4:
                at.pop("value_max", None)
                at["value_max"] = None
            elif variant == 5:
                at["kind"] = "count" if at.get("kind") != "count" else "percent"
            elif variant == 6:
                if "qualifier" in at:
                    at["qualifier"] = "  " + at["qualifier"].upper() + " "
                else:
                    at["qualifier"] = "approximately"        # a qualifier the gold does not have
            elif variant == 7:
                at["unit"] = None
            elif variant == 8:
                at.pop("value", None)                        # no value: never matches a valued gold
            elif variant == 9 and isinstance(v, (int, float)):
                at["value"] = float(v)
                if "value_max" in at:
                    at["value_max"] = at["value_max"] * 1.004
            else:
                at["value"] = "n/a"                          # not a number
            anns.append(b)
        acts = [a for a in d["annotations"] if a["type"] == "actor"]
        for i, a in enumerate(acts):
            b = copy.deepcopy(a)
            at = b["attrs"]
            variant = i % 5
            if variant == 0:
                at["canonical"] = at["canonical"].upper()
            elif variant == 1:
                at["canonical"] = at["canonical"].replace("e", "\u00e9").replace("o", "o\u0301")
            elif variant == 2:
                at["category"] = "organization" if at["category"] != "organization" else "person"
            elif variant == 3:
                at.pop("canonical")
            anns.append(b)
        pols = [a for a in d["annotations"] if a["type"] == "policy_option"]
        for i, a in enumerate(pols):
            b = copy.deepcopy(a)
            if i % 3 == 0:
                b["attrs"]["statement"] = "\u00a0" + b["attrs"]["statement"].replace("ss", "\u00df") + "  "
            elif i % 3 == 1:
                b["attrs"]["statement"] = b["attrs"]["statement"][:-1]
            anns.append(b)
        anns.sort(key=lambda a: (a["start"], a["end"]))
        out.append(pred_doc(d, anns))
    return out


def duplicates(docs):
    """Every gold annotation predicted twice (one-to-one: the copies are spurious)."""
    out = []
    for d in docs:
        anns = []
        for a in d["annotations"]:
            anns.append(copy.deepcopy(a))
            anns.append(copy.deepcopy(a))
        out.append(pred_doc(d, anns))
    return out


def missing_docs(docs):
    """Two gold documents only, a document the gold lacks, layout annotations, a prediction without text."""
    out = []
    for d in docs[:2]:
        anns = [copy.deepcopy(a) for a in d["annotations"]]
        anns.append({"type": "sentence", "start": 0, "end": 10, "text": "x"})
        anns.append({"type": "actor", "start": 1, "end": 3, "attrs": {"category": "country", "canonical": "Nowhere"}})
        out.append(pred_doc(d, anns))
    out.append({"schema": 1, "document": {"id": "999_not_in_gold", "length": 5},
                "annotations": [{"type": "actor", "start": 0, "end": 5, "text": "Spain",
                                 "attrs": {"category": "country", "canonical": "Spain"}}]})
    return out


def main():
    docs = load_gold()
    for name, make in (("overlaps", overlaps), ("values", values), ("duplicates", duplicates),
                       ("missing_docs", missing_docs)):
        with open(os.path.join(HERE, name + ".jsonl"), "w", encoding="utf-8") as f:
            for d in make(docs):
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
