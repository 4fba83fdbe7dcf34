"""Reads an Airlock exports/ folder the way a lab's pipeline would, with Python's standard
library only, and prints what it found as JSON. Any inconsistency raises (non-zero exit).

- spans.jsonl: every span's text equals Python's text[start:end] (code point offsets).
- conll.txt: one document per spans.jsonl line; every token is found, in order, in that
  line's text; the B-/I- runs (IOB2, or IOB1 where an I- after O or another type starts a
  span, as a text imported from CoNLL keeps it) rebuild spans that are among the line's
  spans; middle columns other than -X- (a CoNLL file's own POS and chunk) are counted.
- coco.json: the fields pycocotools' COCO.createIndex reads, with their types and links; every
  annotation rasterizes the way annToMask would (polygons at pixel centres, RLE decoded
  column-major), a box's segmentation is its bbox rectangle, an RLE's area and bbox match its
  pixels, keypoints have one x, y, v per node of their category.
- hf/ner.jsonl: one line per spans.jsonl line, same id; every token is found, in order, in
  that line's text with only whitespace between and around (tokens joined back are the text's
  slices); ner_tags are indexes of hf/ner_tags.json ("O", then B-/I- pairs), and their IOB2
  runs rebuild spans that are among the line's spans.
- yolo labels: 5 fields per line, class an index of data.yaml's names, values in [0, 1].
- voc: each XML parses (xml.etree), truncated/difficult are 0 or 1, an <occluded> is 1; counts
  the objects with each flag set and with a pose other than Unspecified.
"""
import xml.etree.ElementTree as ET
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
    docs, kept_columns = [], 0
    for raw in open(conll_path, encoding="utf-8").read().split("\n"):
        if raw.startswith("-DOCSTART-"):
            docs.append([])
        elif raw.strip():
            cols = raw.split(" ")
            assert len(cols) == 4, raw
            docs[-1].append((cols[0], cols[-1]))
            if cols[1:3] != ["-X-", "-X-"]:
                kept_columns += 1
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
                if current is None or current[2] != tag[2:]:
                    current = [start, at, tag[2:]]
                    entities.append(current)
                current[1] = at
            else:
                assert tag == "O", tag
                current = None
        labelled = {(s["start"], s["end"], s["label"].replace(" ", "_")) for s in line["spans"]}
        for e in entities:
            assert tuple(e) in labelled, (line["id"], e)
        rebuilt += len(entities)
    found["conll_entities"] = rebuilt
    found["conll_kept_columns"] = kept_columns

hf_path = os.path.join(root, "hf", "ner.jsonl")
if os.path.exists(hf_path):
    names = json.load(open(os.path.join(root, "hf", "ner_tags.json"), encoding="utf-8"))
    assert names[0] == "O" and all(n[:2] in ("B-", "I-") for n in names[1:]), names
    rows = [json.loads(l) for l in open(hf_path, encoding="utf-8")]
    assert [r["id"] for r in rows] == [l["id"] for l in lines]
    hf_tokens, hf_entities = 0, 0
    for row, line in zip(rows, lines):
        assert list(row.keys()) == ["id", "tokens", "ner_tags"], row.keys()
        assert len(row["tokens"]) == len(row["ner_tags"])
        text, at, current, entities = line["text"], 0, None, []
        for token, number in zip(row["tokens"], row["ner_tags"]):
            start = text.index(token, at)
            assert text[at:start].strip() == "", (line["id"], text[at:start])
            at = start + len(token)
            assert text[start:at] == token
            tag = names[number]
            if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[2] != tag[2:])):
                assert tag.startswith("B-"), (line["id"], tag)  # IOB2: a span starts with B-
                current = [start, at, tag[2:]]
                entities.append(current)
            elif tag.startswith("I-"):
                current[1] = at
            else:
                current = None
        assert text[at:].strip() == "", (line["id"], text[at:])
        labelled = {(s["start"], s["end"], s["label"].replace(" ", "_")) for s in line["spans"]}
        for e in entities:
            assert tuple(e) in labelled, (line["id"], e)
        hf_tokens += len(row["tokens"])
        hf_entities += len(entities)
    found["hf_tokens"] = hf_tokens
    found["hf_entities"] = hf_entities

def decode_rle(rle, height, width):
    """pycocotools' uncompressed RLE: column-major runs, alternating 0 and 1, 0s first."""
    assert rle["size"] == [height, width], rle["size"]
    assert sum(rle["counts"]) == height * width
    mask = [[0] * width for _ in range(height)]
    at, value = 0, 0
    for run in rle["counts"]:
        if value:
            for i in range(at, at + run):
                mask[i % height][i // height] = 1
        at += run
        value ^= 1
    return mask


def fill_polygons(rings, height, width):
    """annToMask for polygons, approximately: pixels whose centre is inside any ring."""
    mask = [[0] * width for _ in range(height)]
    for ring in rings:
        assert len(ring) >= 6 and len(ring) % 2 == 0, ring
        pts = list(zip(ring[0::2], ring[1::2]))
        for y in range(height):
            cy = y + 0.5
            for x in range(width):
                cx, inside = x + 0.5, False
                for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
                    if (y1 > cy) != (y2 > cy) and cx < x1 + (cy - y1) * (x2 - x1) / (y2 - y1):
                        inside = not inside
                if inside:
                    mask[y][x] = 1
    return mask


coco_path = os.path.join(root, "coco.json")
if os.path.exists(coco_path):
    coco = json.load(open(coco_path, encoding="utf-8"))
    images = {i["id"]: i for i in coco["images"]}
    cats = {c["id"]: c for c in coco["categories"]}
    for i in coco["images"]:
        assert isinstance(i["file_name"], str) and i["width"] > 0 and i["height"] > 0
    ann_ids = set()
    masks = {"polygons": 0, "rle": 0, "crowd": 0, "keypoints": 0, "pixels": 0}
    for a in coco["annotations"]:
        assert a["id"] not in ann_ids
        ann_ids.add(a["id"])
        assert a["image_id"] in images and a["category_id"] in cats
        img = images[a["image_id"]]
        x, y, w, h = a["bbox"]
        assert w >= 0 and h >= 0 and a["area"] >= 0 and a["iscrowd"] in (0, 1)
        seg = a["segmentation"]
        if isinstance(seg, dict):
            mask = decode_rle(seg, img["height"], img["width"])
            on = [(c, r) for r, row in enumerate(mask) for c, v in enumerate(row) if v]
            assert len(on) == a["area"], (len(on), a["area"])
            if on:
                xs, ys = [c for c, _ in on], [r for _, r in on]
                assert [min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1] == a["bbox"]
            masks["rle"] += 1
        else:
            assert isinstance(seg, list) and len(seg) > 0, a
            mask = fill_polygons(seg, img["height"], img["width"])
            masks["polygons"] += 1
        masks["pixels"] += sum(map(sum, mask))
        masks["crowd"] += a["iscrowd"]
        if "keypoints" in a:
            nodes = cats[a["category_id"]]["keypoints"]
            assert len(a["keypoints"]) == 3 * len(nodes)
            assert a["num_keypoints"] == sum(1 for v in a["keypoints"][2::3] if v > 0)
            masks["keypoints"] += 1
        elif isinstance(seg, list) and len(seg) == 1 and len(seg[0]) == 8 and a["area"] == w * h:
            # A box: its segmentation is exactly its bbox, clockwise from the top-left.
            assert seg[0] == [x, y, x + w, y, x + w, y + h, x, y + h], (seg, a["bbox"])
    found["coco"] = [len(images), len(coco["annotations"]), len(cats)]
    found["coco_masks"] = masks

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

voc = os.path.join(root, "voc")
if os.path.isdir(voc):
    flags = {"objects": 0, "truncated": 0, "difficult": 0, "occluded": 0, "posed": 0}
    for name in sorted(os.listdir(voc)):
        for obj in ET.parse(os.path.join(voc, name)).getroot().iter("object"):
            flags["objects"] += 1
            for flag in ("truncated", "difficult"):
                value = obj.findtext(flag)
                assert value in ("0", "1"), (name, flag, value)
                flags[flag] += int(value)
            if obj.find("occluded") is not None:
                assert obj.findtext("occluded") == "1", name
                flags["occluded"] += 1
            if obj.findtext("pose") != "Unspecified":
                flags["posed"] += 1
    found["voc"] = flags

print(json.dumps(found, sort_keys=True))
