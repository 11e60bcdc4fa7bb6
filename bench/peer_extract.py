"""Time one Python extractor over a folder of HTML files, in this one process.

    python peer_extract.py TOOL DIR RUNS

TOOL is `trafilatura` (trafilatura.extract) or `resiliparse`
(resiliparse.extract.html2text.extract_plain_text with main_content=True). The tool is
imported once, before timing; each run reads every file (bytes) and extracts it, as
`marsad extract` does, so charset decoding is part of the measured work for all tools.
Prints one JSON object: pages, bytes, seconds of every run, best, and how many pages
gave non-empty text.
"""

import json
import logging
import os
import sys
import time
from importlib.metadata import version


def load(tool):
    if tool == "trafilatura":
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
        logging.getLogger("htmldate").setLevel(logging.CRITICAL)

        # trafilatura decodes bytes itself (charset sniffing, as marsad does).
        return trafilatura.extract, version("trafilatura")
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.encoding import bytes_to_str, detect_encoding

        def extract(raw):
            return extract_plain_text(bytes_to_str(raw, detect_encoding(raw)), main_content=True)

        return extract, version("resiliparse")
    raise SystemExit(f"unknown tool {tool!r}")


def main():
    tool, folder, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    extract, tool_version = load(tool)
    paths = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".html"))
    size = sum(os.path.getsize(p) for p in paths)
    times, nonempty = [], 0
    for _ in range(runs):
        nonempty = 0
        start = time.perf_counter()
        for p in paths:
            with open(p, "rb") as f:
                text = extract(f.read())
            if text and text.strip():
                nonempty += 1
        times.append(time.perf_counter() - start)
    json.dump(
        {
            "tool": tool,
            "version": tool_version,
            "pages": len(paths),
            "bytes": size,
            "times": times,
            "best": min(times),
            "ok": nonempty,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
