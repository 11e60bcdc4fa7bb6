#!/usr/bin/env python3
"""Find the gazetteer's town names that are everyday words, from how SaudiNewsNet uses them.

Writes data/kb/gazetteer_words_snn.tsv: one-word names that only the gazetteer gives
(data/kb/gazetteer.tsv, not the curated places) and that a month of real Saudi press uses
as words, not as places. The entities stage (crates/marsad-entities/src/places.rs) then
takes such a name as a town only after a head word («مدينة الميادين», «بلدة حوارة»), as it
does for the hand-written data/kb/gazetteer_words.tsv.

Why statistics: GeoNames gives thousands of Arabic names to small towns, and hundreds of
them are words — «صاحب» (a town of 3,101 in Iran: «صاحب السمو»), «مسجد», «الجمعة», «شبه»,
«الاتحاد», «بيان». Reading the gazetteer's matches found some (gazetteer_words.tsv); the
corpus finds them all at once. A town is written after a settlement or division head
(«محافظة لحج», «منطقة جازان»: 40–60% of their occurrences) far more often than a word is
(«مدينة صاحب» never). Foreign cities are the exception — news writes «في كابل», not «مدينة
كابل» — so a name rarely written after a head is a word only when, besides, it is far more
frequent than its town's size explains, or rarely written after a preposition of place.

A name is listed when, over the corpus (every article, whole words, proclitics و ف ب ل
split off as the annotator does):
  * it occurs at least MIN_COUNT times (fewer say nothing either way), and
  * under HEAD_SHARE of its occurrences follow a head (HEADS), and
  * its largest town has no population in GeoNames, or the name occurs more than
    PER_INHABITANT times per inhabitant of it, or under PLACE_SHARE of its occurrences
    follow a preposition of place (PLACE_WORDS) or carry the clitic ب.
Each row gives the counts, so a reviewer sees why.

It writes data/kb/clitic_words_snn.tsv too: words that read as a proclitic and a place's
name but are words of their own — «باكرا» ("early") is not ب + Accra, «ولعل» not و + a town
named «لعل». Such a word is listed when the corpus writes it at least MIN_COUNT times and
at least CLITIC_RATIO times as often as the name without a clitic: a real place is written
bare far more often than with any one clitic («بغداد» against «ببغداد»), and a fixed phrase
with a conjunction («اللاتينية والكاريبي») still leaves the bare name its share. The
entities stage never splits a listed word into a proclitic and a name.

Run (from the repository root; ../shared beside it, or MARSAD_SHARED set):

    python3 data/kb/gen/gen_gazetteer_words.py

About 40 s and 60 MB on the 2-core machine; no randomness, the output is sorted.
The output is derived from SaudiNewsNet (CC BY-NC-SA 4.0, research use): counts of words,
no text. The licence note is written into its header.
"""

import collections
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbtext import fold, read_tsv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(KB))
SHARED = os.environ.get("MARSAD_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet", "articles.jsonl.gz")
OUT = os.path.join(KB, "gazetteer_words_snn.tsv")
CLITIC_OUT = os.path.join(KB, "clitic_words_snn.tsv")

MIN_COUNT = 20
HEAD_SHARE = 0.05
PER_INHABITANT = 0.002
PLACE_SHARE = 0.10
CLITIC_RATIO = 3

# Folded (as below). Settlement and division heads, singular and plural; the preposition
# clitics on them are split off first («بمدينة», «ومحافظة»).
HEADS = {
    "مدينه", "بلده", "قريه", "محافظه", "منطقه", "ولايه", "مديريه", "ناحيه", "قضاء",
    "اماره", "مدن", "محافظات", "بلدات", "قري", "مدينتي", "محافظتي", "بلدتي",
}
# Prepositions and directions that put the next word in a place.
PLACE_WORDS = {
    "في", "الي", "من", "علي", "عن", "حتي", "نحو", "قرب", "داخل", "بين", "وسط",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
}
PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
# The proclitic runs the entities stage tries before a name (NAME_PREFIXES in
# crates/marsad-entities/src/lib.rs), longest first.
NAME_PROCLITICS = ("وب", "ول", "فب", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")

WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0640]+")


def splits(word):
    """(proclitics, rest) readings of a folded word, the whole word first; «لل» is ل + ال."""
    yield "", word
    if word.startswith("لل") and len(word) > 4:
        yield "ل", "ال" + word[2:]
    for p in PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            yield p, word[len(p):]


def bare(word):
    """A word with a leading conjunction or preposition clitic off, for heads and
    prepositions («بمدينة» → «مدينه», «وفي» → «في»)."""
    for p in PROCLITICS:
        if word.startswith(p) and word[len(p):] in HEADS | PLACE_WORDS:
            return word[len(p):]
    return word


def write_tsv(path, about, columns, rows):
    """Writes one generated list: the provenance and licence every list carries, the lines
    `about` it, its header `columns` and its rows."""
    header = [
        "# GENERATED by data/kb/gen/gen_gazetteer_words.py from SaudiNewsNet - do not edit.",
        "# Derived from SaudiNewsNet (M. Alhagri, 2015; CC BY-NC-SA 4.0, for research use):",
        "# word counts only, no text of its articles.",
        *about,
        columns,
    ]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")


def clitic_readings(word, names):
    """The names the entities stage could read in a word that is not itself a name, one
    for each proclitic run it opens with («ولبنان»: و + Lebanon and ول + a town «بنان»)."""
    if word in names:
        return ()
    return tuple(word[len(p):] for p in NAME_PROCLITICS
                 if word.startswith(p) and len(word) - len(p) >= 3 and word[len(p):] in names)


def write_clitic_words(surface, bare, names):
    """Writes CLITIC_OUT: the words the corpus uses far more often than the name they
    would split into."""
    rows = []
    for (w, readings), n in surface.items():
        # The most frequent name the word could be, written bare.
        name = max(readings, key=lambda r: (bare[r], r))
        if n >= MIN_COUNT and n >= CLITIC_RATIO * bare[name]:
            rows.append((w, n, bare[name], name))
    rows.sort(key=lambda r: (-r[1], r[0]))
    write_tsv(CLITIC_OUT, [
        "# Words that read as a proclitic and a place's name but are words of their own: the",
        "# entities stage never splits them. Listed: at least"
        f" {MIN_COUNT} occurrences and {CLITIC_RATIO} times",
        "# as many as the name written without a clitic.",
        "# Columns: word (folded), occurrences, occurrences of the bare name, the name (of",
        "# several, the one written bare most often).",
    ], "word\tcount\tbare\tname", rows)
    print(f"{len(rows)} words with a proclitic written to {CLITIC_OUT}")


def main():
    names = set()
    for name in ("countries.tsv", "countries_extra.tsv", "places.tsv", "places_extra.tsv",
                 "gazetteer.tsv"):
        for r in read_tsv(os.path.join(KB, name)):
            for col in ("ar", "ar_variants", "masc", "fem", "plural"):
                for f in (fold(a) for a in r.get(col, "").split("|")):
                    if f and " " not in f:
                        # Nationality adjectives are names with the article too.
                        names.update((f, "ال" + f) if col in ("masc", "fem", "plural") else (f,))
    curated = set()
    for name in ("places.tsv", "places_extra.tsv"):
        for r in read_tsv(os.path.join(KB, name)):
            curated.update(fold(a) for a in r["ar"].split("|") if a)
    towns = {}
    for r in read_tsv(os.path.join(KB, "gazetteer.tsv")):
        for a in r["ar"].split("|"):
            f = fold(a)
            if f and " " not in f and f not in curated:
                pop = int(r["population"] or 0)
                if f not in towns or pop > towns[f][1]:
                    towns[f] = (r["key"], pop)

    total, headed, placed = (collections.Counter() for _ in range(3))
    surface, unclitic = collections.Counter(), collections.Counter()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            prev = ""
            for w in map(fold, WORD.findall(json.loads(line)["text"])):
                if w in names:
                    unclitic[w] += 1
                else:
                    readings = clitic_readings(w, names)
                    if readings:
                        surface[(w, readings)] += 1
                for clitic, stem in splits(w):
                    if stem in towns:
                        total[stem] += 1
                        before = bare(prev)
                        if before in HEADS and not clitic:
                            headed[stem] += 1
                        if before in PLACE_WORDS or clitic.endswith("ب"):
                            placed[stem] += 1
                        break
                prev = w

    rows = []
    for name, n in total.items():
        key, pop = towns[name]
        if n < MIN_COUNT or headed[name] / n >= HEAD_SHARE:
            continue
        if pop == 0 or n / pop > PER_INHABITANT or placed[name] / n < PLACE_SHARE:
            rows.append((name, n, headed[name], placed[name], pop, key))
    rows.sort(key=lambda r: (-r[1], r[0]))

    write_tsv(OUT, [
        "# One-word names only the gazetteer gives that the corpus uses as words: the entities",
        "# stage takes them as towns only after a head word, like gazetteer_words.tsv.",
        f"# Listed: at least {MIN_COUNT} occurrences, under {HEAD_SHARE:.0%} after a head, and no",
        f"# population, or more than {PER_INHABITANT} occurrences per inhabitant, or under"
        f" {PLACE_SHARE:.0%} after a preposition of place.",
        "# Columns: name (folded), occurrences, after a head, after a preposition of place,",
        "# the population of its largest town, that town's key.",
    ], "name\tcount\thead\tplace\tpopulation\tkey", rows)
    print(f"{len(rows)} of {len(total)} names found in the corpus written to {OUT}")
    write_clitic_words(surface, unclitic, names)


if __name__ == "__main__":
    main()
