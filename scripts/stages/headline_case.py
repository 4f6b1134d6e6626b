#!/usr/bin/env python3
"""An example Wirestream stage in Python, run by the wire-exec worker.

Reads one JSON record per line on stdin and writes the processed record as one line on stdout
(or {"error": "reason"} to send the record to the dead-letter topic). Keep unknown fields.
"""
import json
import sys

for line in sys.stdin:
    record = json.loads(line)
    title = (record.get("normalized") or {}).get("title") or record.get("title") or ""
    if not title:
        print(json.dumps({"error": "no title to analyse"}), flush=True)
        continue
    words = title.split()
    record["headline"] = {
        "words": len(words),
        "all_caps": title.isupper(),
        "question": title.rstrip().endswith("?"),
    }
    print(json.dumps(record, ensure_ascii=False), flush=True)
