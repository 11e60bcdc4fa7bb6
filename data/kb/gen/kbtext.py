"""What the KB generators share: the KB's match folding and its TSV reader."""

import re

# Arabic marks and the tatweel, which matching ignores.
MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def fold(s):
    """The KB's match folding (marsad_text Chain::Match), for Arabic names."""
    s = MARKS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"),
                 ("ؤ", "و"), ("ئ", "ي")):
        s = s.replace(a, b)
    return " ".join(s.split())


def read_tsv(path):
    """The rows of a KB file as dicts by its header; '#' lines are comments."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            rows.append(dict(zip(header, cols + [""] * (len(header) - len(cols)))))
    return rows
