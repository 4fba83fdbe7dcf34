"""Reads the rotated-box, mask and keypoint exports of an Airlock exports/ folder the way a
lab's pipeline would (Python standard library only), against coco.json, and prints what it
found as JSON. Any inconsistency raises (non-zero exit).

- yolo-obb/labels: `class x1 y1 … x4 y4`, class an index of data.yaml's names, every value in
  [0, 1], equal to the rotated box's corners (from coco.json's airlock_rbox) / image size,
  clamped to the image.
- dota/labelTxt: `x1 y1 … x4 y4 category difficult`, the corners equal to the rotated box's,
  difficult equal to the annotation's `difficult` attribute.
- masks/*.png: decoded with zlib (every PNG filter type), each pixel the category id of a
  COCO RLE mask covering it (decoded column-major), 0 where none does.
- coco.json keypoints: x, y, v per node, v in 0-2, num_keypoints the visible-or-hidden count,
  skeleton pairs 1-based node numbers.
- cvat/annotations.xml (xml.etree): every <image> is a COCO image of the same name and size;
  every <box> a COCO box (corners) or, with `rotation`, a rotated box (about its centre,
  clockwise, in [0, 360)); every <mask>'s runs, row by row over its own box starting with 0s,
  give exactly the pixels of a COCO RLE mask of the same label; every label is in the meta.
"""
import csv
import json
import math
import os
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

root = sys.argv[1]
found = {}
coco = json.load(open(os.path.join(root, "coco.json"), encoding="utf-8"))
images = {i["id"]: i for i in coco["images"]}
cats = {c["id"]: c for c in coco["categories"]}


def stems(folder):
    """file_name -> stem, from images.csv."""
    with open(os.path.join(root, folder, "images.csv"), newline="", encoding="utf-8") as f:
        return {r["file_name"]: r["stem"] for r in csv.DictReader(f)}


def corners(r):
    """A rotated box's corners: clockwise from its own top-left, angle clockwise (y down)."""
    a = math.radians(r["angle"])
    c, s = math.cos(a), math.sin(a)
    out = []
    for dx, dy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        dx, dy = dx * r["w"] / 2, dy * r["h"] / 2
        out.append((r["cx"] + dx * c - dy * s, r["cy"] + dx * s + dy * c))
    return out


def close(a, b, eps):
    return all(abs(x - y) <= eps for x, y in zip(a, b))


rboxes = [a for a in coco["annotations"] if "airlock_rbox" in a]

# --- YOLO-OBB
obb = os.path.join(root, "yolo-obb")
if os.path.isdir(obb):
    names = [l for l in open(os.path.join(obb, "data.yaml"), encoding="utf-8") if l.startswith("  ")]
    stem = stems("yolo-obb")
    lines = {}
    for name in os.listdir(os.path.join(obb, "labels")):
        for l in open(os.path.join(obb, "labels", name), encoding="utf-8"):
            cols = l.split()
            assert len(cols) == 9, l
            assert 0 <= int(cols[0]) < len(names)
            values = [float(v) for v in cols[1:]]
            assert all(0.0 <= v <= 1.0 for v in values), l
            lines.setdefault(name[:-4], []).append(values)
    matched = 0
    for a in rboxes:
        img = images[a["image_id"]]
        w, h = img["width"], img["height"]
        want = [v for x, y in corners(a["airlock_rbox"])
                for v in (min(1, max(0, x / w)), min(1, max(0, y / h)))]
        got = [v for v in lines.get(stem[img["file_name"]], []) if close(v, want, 1e-9)]
        assert len(got) == 1, (a["airlock_rbox"], want, lines.get(stem[img["file_name"]]))
        matched += 1
    found["obb_lines"] = sum(map(len, lines.values()))
    found["obb_rboxes_matched"] = matched

# --- DOTA
dota = os.path.join(root, "dota")
if os.path.isdir(dota):
    with open(os.path.join(dota, "categories.csv"), newline="", encoding="utf-8") as f:
        category_of = {r["label"]: r["category"] for r in csv.DictReader(f)}
    stem = stems("dota")
    lines = {}
    for name in os.listdir(os.path.join(dota, "labelTxt")):
        for l in open(os.path.join(dota, "labelTxt", name), encoding="utf-8"):
            cols = l.split()
            assert len(cols) == 10, l
            assert cols[8] in category_of.values() and cols[9] in ("0", "1"), l
            lines.setdefault(name[:-4], []).append(([float(v) for v in cols[:8]], cols[8], int(cols[9])))
    matched, difficult = 0, 0
    for a in rboxes:
        img = images[a["image_id"]]
        want = [v for p in corners(a["airlock_rbox"]) for v in p]
        category = category_of[cats[a["category_id"]]["name"]]
        got = [l for l in lines.get(stem[img["file_name"]], []) if l[1] == category and close(l[0], want, 1e-9)]
        assert len(got) == 1, (a["airlock_rbox"], want)
        assert got[0][2] == (1 if a.get("attributes", {}).get("difficult") is True else 0)
        matched += 1
        difficult += got[0][2]
    found["dota_lines"] = sum(map(len, lines.values()))
    found["dota_rboxes_matched"] = matched
    found["dota_difficult"] = difficult


# --- PNG index masks
def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert colour == 0 and depth in (8, 16)
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw = zlib.decompress(idat)
    bpp = depth // 8
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: row[i] = (row[i] + a) & 255
            elif f == 2: row[i] = (row[i] + b) & 255
            elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            else: assert f == 0, f
        rows.append(row)
        prev = row
    if bpp == 2:
        return width, height, [[r[2 * x] * 256 + r[2 * x + 1] for x in range(width)] for r in rows]
    return width, height, [list(r) for r in rows]


def decode_rle(rle, height, width):
    assert rle["size"] == [height, width] and sum(rle["counts"]) == height * width
    mask, at, value = [[0] * width for _ in range(height)], 0, 0
    for run in rle["counts"]:
        if value:
            for i in range(at, at + run):
                mask[i % height][i // height] = 1
        at += run
        value ^= 1
    return mask


masks_dir = os.path.join(root, "masks")
if os.path.isdir(masks_dir):
    stem = stems("masks")
    with open(os.path.join(masks_dir, "legend.csv"), newline="", encoding="utf-8") as f:
        legend = {int(r["value"]): r["label"] for r in csv.DictReader(f)}
    assert legend[0] == "background"
    counts = {"pixels": 0, "covered": 0, "overlapping": 0}
    for img in coco["images"]:
        w, h, px = read_png(os.path.join(masks_dir, stem[img["file_name"]] + ".png"))
        assert (w, h) == (img["width"], img["height"])
        cover = [[set() for _ in range(w)] for _ in range(h)]
        for a in coco["annotations"]:
            if a["image_id"] == img["id"] and isinstance(a["segmentation"], dict):
                m = decode_rle(a["segmentation"], h, w)
                for y in range(h):
                    for x in range(w):
                        if m[y][x]:
                            cover[y][x].add(a["category_id"])
        for y in range(h):
            for x in range(w):
                v = px[y][x]
                counts["pixels"] += 1
                if cover[y][x]:
                    assert v in cover[y][x], (img["file_name"], x, y, v, cover[y][x])
                    assert legend[v] == cats[v]["name"]
                    counts["covered"] += 1
                    counts["overlapping"] += len(cover[y][x]) > 1
                else:
                    assert v == 0, (img["file_name"], x, y, v)
    found["masks"] = counts

# --- COCO keypoints
kp = 0
for a in coco["annotations"]:
    if "keypoints" in a:
        cat = cats[a["category_id"]]
        k = a["keypoints"]
        assert len(k) == 3 * len(cat["keypoints"]) and all(v in (0, 1, 2) for v in k[2::3])
        assert a["num_keypoints"] == sum(1 for v in k[2::3] if v > 0)
        for x, y, v in zip(k[0::3], k[1::3], k[2::3]):
            assert v > 0 or (x, y) == (0, 0), k
        for p, q in cat["skeleton"]:
            assert 1 <= p <= len(cat["keypoints"]) and 1 <= q <= len(cat["keypoints"])
        kp += 1
found["keypoints"] = kp

# --- CVAT for images 1.1
cvat_path = os.path.join(root, "cvat", "annotations.xml")
if os.path.isfile(cvat_path):
    tree = ET.parse(cvat_path).getroot()
    assert tree.tag == "annotations" and tree.findtext("version") == "1.1"
    meta_labels = {l.findtext("name") for l in tree.iter("label")}
    by_name = {i["file_name"]: i for i in coco["images"]}
    counts = {"images": 0, "boxes": 0, "rotated": 0, "masks": 0}
    for image in tree.findall("image"):
        img = by_name[image.get("name")]
        w, h = int(image.get("width")), int(image.get("height"))
        assert (w, h) == (img["width"], img["height"])
        counts["images"] += 1
        mine = [a for a in coco["annotations"] if a["image_id"] == img["id"]]
        for shape in image:
            label = shape.get("label")
            assert label in meta_labels, label
            same = [a for a in mine if cats[a["category_id"]]["name"] == label]
            if shape.tag == "box":
                xtl, ytl, xbr, ybr = (float(shape.get(k)) for k in ("xtl", "ytl", "xbr", "ybr"))
                if shape.get("rotation") is None:
                    assert any(
                        "airlock_rbox" not in a
                        and close(a["bbox"], [xtl, ytl, xbr - xtl, ybr - ytl], 1e-9)
                        for a in same
                    ), (label, xtl, ytl)
                    counts["boxes"] += 1
                else:
                    turn = float(shape.get("rotation"))
                    assert 0 <= turn < 360
                    angle = turn - 360 if turn > 180 else turn
                    want = [(xtl + xbr) / 2, (ytl + ybr) / 2, xbr - xtl, ybr - ytl, angle]
                    assert any(
                        "airlock_rbox" in a
                        and close([a["airlock_rbox"][k] for k in ("cx", "cy", "w", "h", "angle")], want, 1e-9)
                        for a in same
                    ), (label, want)
                    counts["rotated"] += 1
            elif shape.tag == "mask":
                runs = [int(v) for v in shape.get("rle").split(",")]
                left, top = int(shape.get("left")), int(shape.get("top"))
                mw, mh = int(shape.get("width")), int(shape.get("height"))
                assert sum(runs) == mw * mh
                pixels = set()
                at, value = 0, 0
                for run in runs:
                    if value:
                        for k in range(at, at + run):
                            y, x = divmod(k, mw)
                            pixels.add((left + x, top + y))
                    at += run
                    value ^= 1
                def coco_pixels(a):
                    m = decode_rle(a["segmentation"], h, w)
                    return {(x, y) for y in range(h) for x in range(w) if m[y][x]}
                assert any(
                    isinstance(a["segmentation"], dict) and coco_pixels(a) == pixels for a in same
                ), label
                counts["masks"] += 1
    found["cvat"] = counts

print(json.dumps(found, sort_keys=True))
