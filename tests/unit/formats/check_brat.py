"""Reads exports/brat/ as brat (Python 3) does: offsets index the .txt's str, i.e. code points.

Prints, as JSON, per .ann file: each T line's type, start, end and txt[start:end] (line breaks
and tabs as spaces, as the text column has them), and whether it equals the text column.
Standard library only.
"""
import json
import pathlib
import sys

out = {}
root = pathlib.Path(sys.argv[1])
for ann in sorted(root.glob("*.ann")):
    # newline="" keeps CRLF as two characters, as brat's offsets count them.
    with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as f:
        text = f.read()
    rows = []
    for line in ann.read_text(encoding="utf-8").split("\n"):
        if not line.startswith("T"):
            continue
        _id, middle, column = line.split("\t")
        kind, start, end = middle.split(" ")
        covered = text[int(start):int(end)]
        flat = covered.replace("\r", " ").replace("\n", " ").replace("\t", " ")
        rows.append([kind, int(start), int(end), covered, flat == column])
    out[ann.name] = rows
print(json.dumps(out, ensure_ascii=False))
