#!/usr/bin/env python3
"""datasketch's side of `bench/dedup.sh`: MinHash signatures and LSH on the same
documents as marsad-dedup's `lsh_bench` example, the same loop.

    python dedup_datasketch.py FILE.jsonl...

Texts are read into memory first (untimed). Then, timed on one thread: for each text,
its 3-word shingles (split on white space; datasketch does no Arabic folding, which
only makes its side cheaper) into a 128-permutation MinHash with `update_batch` (the
vectorized path, datasketch's fastest for one document); then LSH with 32 bands of 4
rows (marsad's banding, threshold 0.6): query, and insert when nothing is found.
Prints one JSON line like lsh_bench's.
"""

import json
import sys
import time

from datasketch import MinHash, MinHashLSH


def main():
    texts = []
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                t = json.loads(line).get("text")
                if t is not None:
                    texts.append(t)
    mb = sum(len(t.encode()) for t in texts) / 1e6

    t0 = time.perf_counter()
    sigs = []
    for t in texts:
        w = t.split()
        if len(w) < 25:  # as marsad: short texts have no signature
            sigs.append(None)
            continue
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(w[i:i + 3]).encode() for i in range(len(w) - 2)])
        sigs.append(m)
    sig_s = time.perf_counter() - t0

    t1 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.6, num_perm=128, params=(32, 4))
    duplicates = indexed = 0
    for i, m in enumerate(sigs):
        if m is None:
            continue
        if any(m.jaccard(sigs[k]) >= 0.6 for k in lsh.query(m)[:32]):
            duplicates += 1
        else:
            lsh.insert(i, m)
            indexed += 1
    lsh_s = time.perf_counter() - t1
    total = sig_s + lsh_s
    print(json.dumps({
        "tool": "datasketch", "docs": len(texts), "mb": round(mb, 1),
        "signature_s": round(sig_s, 3), "lsh_s": round(lsh_s, 3), "total_s": round(total, 3),
        "docs_per_s": round(len(texts) / total), "duplicates": duplicates, "indexed": indexed,
    }))


if __name__ == "__main__":
    main()
