"""Throughput of `marsad extract` against Python extractors; run by bench/extract.sh.

Builds the measured corpora under --work (each shared page copied under distinct names
until a run holds at least --min-mb megabytes), times `marsad extract DIR --jobs 1` and
`--jobs 2` (wall clock, process start and JSONL output to /dev/null included) and each
peer in its own Python process (tool imported once, then read + extract of every file),
best of --runs for each, and prints the table; --markdown also writes it as Markdown.
"""

import argparse
import datetime
import html
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1_000_000


def copy_corpus(files, dest, min_bytes, transform=None, suffix=None):
    """Copies `files` into `dest` N times (distinct names) so that the copies of the
    originals weigh at least `min_bytes`; returns (pages, bytes of the originals copied)."""
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    once = sum(os.path.getsize(f) for f in files)
    copies = max(1, math.ceil(min_bytes / once))
    width = len(str(copies))
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        out = transform(data) if transform else data
        name = os.path.basename(f)
        if suffix:
            name = os.path.splitext(name)[0] + suffix
        for i in range(copies):
            with open(os.path.join(dest, f"c{i:0{width}d}_{name}"), "wb") as fh:
                fh.write(out)
    return copies * len(files), copies * once, copies


def text_as_html(data):
    """A text page as the minimal HTML a peer takes: one <p> per non-blank line."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    paras = "".join(f"<p>{html.escape(l.strip())}</p>\n" for l in lines if l.strip())
    return (
        '<html><head><meta charset="utf-8"></head><body>\n' + paras + "</body></html>\n"
    ).encode("utf-8")


def time_marsad(marsad, folder, jobs, runs):
    times, extracted, skipped = [], None, None
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [marsad, "extract", folder, "--jobs", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        times.append(time.perf_counter() - start)
        err = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        last = err[-1] if err else ""
        if proc.returncode not in (0, 1) or not last.startswith("extracted "):
            sys.exit(f"bench: marsad failed (exit {proc.returncode}): {last}")
        # "extracted N, skipped M"
        parts = last.replace(",", "").split()
        extracted, skipped = int(parts[1]), int(parts[3])
    return {"times": times, "best": min(times), "ok": extracted, "skipped": skipped}


def time_peer(tool, folder, runs):
    proc = subprocess.run(
        [sys.executable, os.path.join(HERE, "peer_extract.py"), tool, folder, str(runs)],
        stdout=subprocess.PIPE,
        check=True,
    )
    return json.loads(proc.stdout)


def sh(*cmd, cwd=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd).stdout.strip()
    except OSError:
        return ""


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--marsad", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--min-mb", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peers", nargs="*", default=["trafilatura"])
    ap.add_argument("--markdown")
    args = ap.parse_args()

    def listing(sub, ext):
        d = os.path.join(args.shared, "corpus", sub)
        return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(ext))

    html_files, text_files = listing("html", ".html"), listing("seeds", ".txt")
    if not html_files or not text_files:
        sys.exit(f"bench: no pages under {args.shared}/corpus/html or /seeds")
    min_bytes = args.min_mb * MB
    corpus = os.path.join(args.work, "corpus")
    html_dir = os.path.join(corpus, "html")
    text_dir = os.path.join(corpus, "text")
    wrapped_dir = os.path.join(corpus, "text-as-html")
    html_pages, html_bytes, html_copies = copy_corpus(html_files, html_dir, min_bytes)
    text_pages, text_bytes, text_copies = copy_corpus(text_files, text_dir, min_bytes)
    copy_corpus(text_files, wrapped_dir, min_bytes, text_as_html, ".html")
    wrapped_bytes = sum(
        os.path.getsize(os.path.join(wrapped_dir, n)) for n in os.listdir(wrapped_dir)
    )

    corpora = [
        ("html", f"HTML pages ({len(html_files)} × {html_copies})", html_dir, html_dir,
         html_pages, html_bytes),
        ("text", f"text seeds ({len(text_files)} × {text_copies})", text_dir, wrapped_dir,
         text_pages, text_bytes),
    ]
    rows, versions = [], {}
    for key, label, marsad_dir, peer_dir, pages, size in corpora:
        base = None
        results = []
        for jobs in (1, 2):
            print(f"bench: marsad --jobs {jobs} on {label} ...", file=sys.stderr, flush=True)
            r = time_marsad(args.marsad, marsad_dir, jobs, args.runs)
            results.append((f"marsad --jobs {jobs}", r))
        for tool in args.peers:
            print(f"bench: {tool} on {label} ...", file=sys.stderr, flush=True)
            r = time_peer(tool, peer_dir, args.runs)
            if r["pages"] != pages:
                sys.exit(f"bench: {tool} saw {r['pages']} pages, expected {pages}")
            versions[tool] = r["version"]
            results.append((tool, r))
            if tool == "trafilatura":
                base = r["best"]
        for name, r in results:
            secs = r["best"]
            rows.append({
                "tool": name,
                "corpus": label,
                "key": key,
                "pages": pages,
                "mb": size / MB,
                "seconds": secs,
                "pages_s": pages / secs,
                "mb_s": size / MB / secs,
                "vs_trafilatura": (base / secs) if base else None,
                "ok": r["ok"],
                "times": r["times"],
            })

    # --- report --------------------------------------------------------------------------
    head = ["tool", "corpus", "pages", "MB", "seconds", "pages/s", "MB/s",
            "speed vs trafilatura", "pages with text"]

    def cells(r):
        return [
            r["tool"], r["corpus"], str(r["pages"]), f"{r['mb']:.2f}", f"{r['seconds']:.3f}",
            f"{r['pages_s']:.1f}", f"{r['mb_s']:.2f}",
            f"{r['vs_trafilatura']:.2f}×" if r["vs_trafilatura"] else "–",
            f"{r['ok']}/{r['pages']}",
        ]

    table = [head] + [cells(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    numeric = set(range(2, len(head)))
    for n, row in enumerate(table):
        print("  ".join(
            c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(row)
        ))
        if n == 0:
            print("  ".join("-" * w for w in widths))

    rev = sh("git", "rev-parse", "--short", "HEAD", cwd=HERE)
    if rev and sh("git", "status", "--porcelain", cwd=HERE):
        rev += " + uncommitted changes"
    peer_versions = ", ".join(f"{t} {v}" for t, v in versions.items())
    notes = [
        f"Measured {datetime.date.today().isoformat()} on {os.cpu_count()} cores "
        f"({cpu_model()}), marsad at {rev or 'unknown revision'}, {peer_versions}, "
        f"Python {platform.python_version()}; best of {args.runs} runs; MB = 10^6 bytes.",
        f"Pages: the {len(html_files)} HTML pages of shared/corpus/html "
        f"({html_bytes / html_copies / 1024:.0f} KiB together) and the {len(text_files)} "
        f"text seeds of shared/corpus/seeds ({text_bytes / text_copies / 1024:.0f} KiB), "
        f"each copied under distinct names to make about {args.min_mb:g} MB per run.",
        "marsad: wall clock of `marsad extract DIR --jobs N` (process start, reading, "
        "extraction and JSONL output to /dev/null). Peers: one Python process each, the "
        "tool imported before timing, then reading and extracting every file in turn "
        "(single process, single thread); trafilatura is `trafilatura.extract(bytes)`"
        + (", resiliparse is `extract_plain_text(bytes_to_str(b, detect_encoding(b)), "
           "main_content=True)`" if "resiliparse" in versions else "") + ".",
        "The peers take HTML only, so for the text seeds they are given each seed wrapped "
        "as `<html><head><meta charset=\"utf-8\"></head><body><p>…</p></body></html>`, one "
        f"escaped `<p>` per non-blank line ({wrapped_bytes / MB:.2f} MB of HTML); MB and "
        "MB/s count the text bytes for every tool.",
        "Speed vs trafilatura: trafilatura's seconds divided by the tool's, on the same "
        "pages (above 1 is faster). Pages with text: pages that gave a record (marsad) "
        "or non-empty text (peers).",
    ]
    print()
    for n in notes:
        print("* " + n)

    if args.markdown:
        md = ["| " + " | ".join(head) + " |",
              "| " + " | ".join("---" if i not in numeric else "---:" for i in range(len(head)))
              + " |"]
        md += ["| " + " | ".join(cells(r)) + " |" for r in rows]
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write("\n".join(md) + "\n\n" + "\n".join("* " + n for n in notes) + "\n")
        with open(os.path.splitext(args.markdown)[0] + ".json", "w", encoding="utf-8") as f:
            json.dump(rows, f, indent=1, ensure_ascii=False)
        print(f"\nwritten {args.markdown}", file=sys.stderr)


if __name__ == "__main__":
    main()
