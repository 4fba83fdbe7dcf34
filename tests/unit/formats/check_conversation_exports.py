"""Reads the conversation exports the way a trainer's data loader would (Python standard
library only) and checks every chosen/rejected/preferred text against the source JSONL,
byte for byte. Usage: check_conversation_exports.py <exports dir> <source.jsonl>.
Prints what it found as JSON; any mismatch raises (non-zero exit)."""
import json
import os
import sys

root, source = sys.argv[1], sys.argv[2]

# The source as the lab wrote it: every candidate text by (record id, response id).
texts = {}
prompts = {}
with open(source, "rb") as f:
    for raw in f:
        record = json.loads(raw.decode("utf-8"))
        prompts[record["id"]] = [{"role": "user", "content": record["prompt"]}]
        for r in record["responses"]:
            texts[(record["id"], r["id"])] = r["content"].encode("utf-8")
by_text = {}
for (rid, _), body in texts.items():
    by_text.setdefault(rid, set()).add(body)


def read_jsonl(name):
    with open(os.path.join(root, name), "rb") as f:
        data = f.read()
    assert data == b"" or data.endswith(b"\n"), name
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


found = {}
pref = read_jsonl("preference.jsonl")
for line in pref:
    assert set(line) == {"id", "prompt", "chosen", "rejected", "annotator", "strength"}, line.keys()
    assert line["prompt"] == prompts[line["id"]], line["id"]
    for side in ("chosen", "rejected"):
        [message] = line[side]
        assert message["role"] == "assistant"
        assert message["content"].encode("utf-8") in by_text[line["id"]], (line["id"], side)
    assert line["chosen"] != line["rejected"]
found["preference"] = len(pref)

openai = read_jsonl("openai-preference.jsonl")
assert len(openai) == len(pref)
for line, trl in zip(openai, pref):
    assert set(line) == {"input", "preferred_output", "non_preferred_output"}
    assert line["input"]["messages"] == trl["prompt"]
    assert line["preferred_output"] == trl["chosen"]
    assert line["non_preferred_output"] == trl["rejected"]
found["openai"] = len(openai)

sft = read_jsonl("sft.jsonl")
for line in sft:
    assert list(line) == ["messages"]
    assert line["messages"][-1]["role"] == "assistant"
found["sft"] = [line["messages"][-1]["content"] for line in sft]

ratings = read_jsonl("ratings.jsonl")
for line in ratings:
    for r in line["responses"]:
        assert r["content"].encode("utf-8") == texts[(line["id"], r["id"])]
        assert all(isinstance(v, int) for v in r["ratings"].values())
found["ratings"] = {
    line["id"]: {r["id"]: [r["ratings"], r["flags"], r.get("rationale")] for r in line["responses"]}
    for line in ratings
}
# Span critiques in the native records: offsets are code points of the message `field` names,
# so Python's own slicing must give the span's text.
native = os.path.join(root, "..", "annotations.jsonl")
if os.path.exists(native):
    found["spans"] = []
    with open(native, "rb") as f:
        for raw in f:
            record = json.loads(raw.decode("utf-8"))
            item = record["item"]
            if item.get("kind") != "conversation":
                continue
            for a in record["annotations"]:
                if a["type"] != "span":
                    continue
                where, _, key = a["field"].partition(":")
                if where == "context":
                    content = item["context"][int(key)]["content"]
                else:
                    [content] = [r["content"] for r in item["responses"] if r["id"] == key]
                assert content[a["start"] : a["end"]] == a["text"], (a, content)
                found["spans"].append({"field": a["field"], "text": a["text"]})
print(json.dumps(found, sort_keys=True))
