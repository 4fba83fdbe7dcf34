"""Reads an Airlock exports/ folder the way a lab's pipeline would, with Python's standard
library only, and prints what it found as JSON. Any inconsistency raises (non-zero exit).

- spans.jsonl: every span's text equals Python's text[start:end] (code point offsets).
- conll.txt: one document per spans.jsonl line; every token is found, in order, in that
  line's text; the B-/I- runs rebuild spans that are among the line's spans.
- coco.json: the fields pycocotools' COCO.createIndex reads, with their types and links.
- yolo labels: 5 fields per line, class an index of data.yaml's names, values in [0, 1].
"""
import json
import os
import sys

root = sys.argv[1]
found = {}

lines = [json.loads(l) for l in open(os.path.join(root, "spans.jsonl"), encoding="utf-8")]
spans = 0
for line in lines:
    assert list(line.keys()) == ["id", "text", "spans", "classes"], line.keys()
    for s in line["spans"]:
        assert line["text"][s["start"]:s["end"]] == s["text"], (line["id"], s)
        spans += 1
found["spans"] = spans

conll_path = os.path.join(root, "conll.txt")
if os.path.exists(conll_path):
    docs = []
    for raw in open(conll_path, encoding="utf-8").read().split("\n"):
        if raw.startswith("-DOCSTART-"):
            docs.append([])
        elif raw.strip():
            cols = raw.split(" ")
            assert len(cols) == 4, raw
            docs[-1].append((cols[0], cols[-1]))
    assert len(docs) == len(lines), (len(docs), len(lines))
    rebuilt = 0
    for doc, line in zip(docs, lines):
        text, at, current = line["text"], 0, None
        entities = []
        for token, tag in doc:
            start = text.index(token, at)
            at = start + len(token)
            if tag.startswith("B-"):
                current = [start, at, tag[2:]]
                entities.append(current)
            elif tag.startswith("I-"):
                assert current is not None and current[2] == tag[2:], (token, tag)
                current[1] = at
            else:
                assert tag == "O", tag
                current = None
        labelled = {(s["start"], s["end"], s["label"].replace(" ", "_")) for s in line["spans"]}
        for e in entities:
            assert tuple(e) in labelled, (line["id"], e)
        rebuilt += len(entities)
    found["conll_entities"] = rebuilt

coco_path = os.path.join(root, "coco.json")
if os.path.exists(coco_path):
    coco = json.load(open(coco_path, encoding="utf-8"))
    images = {i["id"]: i for i in coco["images"]}
    cats = {c["id"]: c["name"] for c in coco["categories"]}
    for i in coco["images"]:
        assert isinstance(i["file_name"], str) and i["width"] > 0 and i["height"] > 0
    ann_ids = set()
    for a in coco["annotations"]:
        assert a["id"] not in ann_ids
        ann_ids.add(a["id"])
        assert a["image_id"] in images and a["category_id"] in cats
        x, y, w, h = a["bbox"]
        assert w >= 0 and h >= 0 and a["area"] >= 0 and a["iscrowd"] == 0
        assert isinstance(a["segmentation"], list)
    found["coco"] = [len(images), len(coco["annotations"]), len(cats)]

yolo = os.path.join(root, "yolo")
if os.path.isdir(yolo):
    names = [l for l in open(os.path.join(yolo, "data.yaml"), encoding="utf-8") if l.startswith("  ")]
    boxes = 0
    for name in os.listdir(os.path.join(yolo, "labels")):
        for l in open(os.path.join(yolo, "labels", name), encoding="utf-8"):
            cols = l.split()
            assert len(cols) == 5, l
            assert 0 <= int(cols[0]) < len(names)
            assert all(0.0 <= float(v) <= 1.0 for v in cols[1:]), l
            boxes += 1
    found["yolo_boxes"] = boxes

print(json.dumps(found, sort_keys=True))
