#!/usr/bin/env python3
"""Scores Marsad's events on the real-news gold (sentences.tsv + gold.jsonl, GUIDE.md).

  score.py articles OUT.jsonl          the gold's articles, as the corpus has them
  marsad extract OUT.jsonl > SYS.jsonl
  score.py score SYS.jsonl [--split dev|test|all] [--verbose] [--json FILE]

How a system event meets a gold sentence: the gold sentence (a span of the corpus
record's `text`) is looked for in the cleaned `text` of the records Marsad wrote for that
article (white space folded); a sentence the cleaner dropped has no system events (its
gold events are missed). A system event belongs to the gold sentence its evidence overlaps
most (at least half of the shorter of the two). Events of sentences outside the gold are
not scored.

Matching, within one sentence, greedy (strict pairs first, then lenient):
- an actor matches when the keys are equal (case and spacing aside); or the gold key is a
  country (ISO alpha-3) and the system actor is that country or a place or organisation of
  it (the record's entities tell which), never a person; or the gold actor is described
  (no key: a sector) and the system actor is described with the same sector, their
  countries not different (annotators often gave a described actor the country of the
  story, which the words themselves do not say: a system actor without one is not wrong);
  or the last word of the Arabic words the gold gives (`ar`) is a word of the system
  actor's words (its entity's mentions and the words of its span), or the other way
  round (folded, proclitics off, three letters or more, words that name no one in
  particular left out) — how an unknown name meets the system's key of its own, a
  described actor an annotator's key the knowledge base lacks («طائرات التحالف الدولي»
  and «التحالف»), and a person the office that introduces him («مدير جامعة …،
  الدكتور فلان»).
- strict: same type, same mode (null equals null), every gold actor matched with its role
  (roles are not compared when every gold actor is a `party`), and no system actor left
  over.
- lenient: same type and at least one actor matched.
Events marked `unsure` in the gold are left out: a system event that matches one counts
neither way. Precision is per system event, recall per gold event; per type, precision
groups by the system's type and recall by the gold's.
"""
import argparse, collections, gzip, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MARSAD_SHARED") or os.path.join(HERE, "..", "..", "..", "shared")
CORPUS = os.path.join(SHARED, "corpus", "saudinewsnet", "articles.jsonl.gz")
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def load_sentences():
    rows = []
    with open(os.path.join(HERE, "sentences.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(head, line.rstrip("\n").split("\t"))))
    return rows


def load_gold():
    gold = {}
    with open(os.path.join(HERE, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    return gold


def fold(s):
    s = re.sub("[\u064b-\u0652\u0640]", "", s or "")
    return s.translate(str.maketrans("أإآٱةى", "ااااهي")).lower()


# Words that name no one in particular: a shared one is no evidence of the same actor.
GENERIC = set(fold(w) for w in "قوات قوه عناصر افراد رجال اعضاء جميع بعض عدد الدولي الدوليه العربي العربيه "
              "الاسلامي الاسلاميه الوطني الوطنيه العام العامه الخاصه المحلي المحليه الجديد الاول "
              "منطقه مدينه محافظه دوله دول وزاره مجلس هيئه الحكومه حكومه".split())


def content_words(s):
    out = []
    for w in re.split(r"[^\w]+", fold(s)):
        for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
            if w.startswith(p) and len(w) - len(p) >= 3:
                w = w[len(p):]
                break
        if len(w) >= 3 and w not in GENERIC and "ال" + w not in GENERIC:
            out.append(w)
    return out


def last_word(s):
    words = content_words(s)
    return words[-1] if words else None


def squash(text):
    """Text with white space runs as one space, and the map from its characters back."""
    out, back, space = [], [], False
    for i, c in enumerate(text):
        if c.isspace():
            if not space and out:
                out.append(" ")
                back.append(i)
            space = True
        else:
            out.append(c)
            back.append(i)
            space = False
    return "".join(out), back


def articles(out_path):
    rows = load_sentences()
    want = {r["doc"] for r in rows}
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            if json.loads(line)["doc"] in want:
                out.write(line)
                n += 1
    print(f"{n} articles in {out_path}", file=sys.stderr)


def norm_key(k):
    return re.sub(r"[\s_]+", " ", (k or "").strip()).lower()


def place_name(k):
    """A place's English name without what spellings of one place differ by: accents,
    an Arabic article, a qualifier after a comma or in parentheses, a division's head."""
    import unicodedata
    k = unicodedata.normalize("NFKD", k or "")
    k = "".join(c for c in k if not unicodedata.combining(c))
    k = re.sub(r"\(.*?\)|,.*$", "", k).lower()
    k = re.sub(r"['‘’`ʿʾ]", "", k).replace("-", " ")
    k = re.sub(r"^(al|ar|as|ad|az|an|at|ash|el|aḑ) ", "", k.strip())
    k = re.sub(r" (governorate|province|region|state|city|district|emirate)$", "", k.strip())
    return " ".join(k.split())


def place_of(w):
    """(key, country) of a system event's `where`: an object since the gazetteer, a key
    before it."""
    if isinstance(w, dict):
        return w.get("key"), w.get("country")
    return w, None


def place_right(gold, sys_where):
    """A system place is right when it names the gold's place (place_name equal), or lies
    in the country the gold gives (a town is at least as precise as its country)."""
    key, country = place_of(sys_where)
    if not key:
        return False
    if norm_key(gold) == norm_key(key) or place_name(gold) == place_name(key):
        return True
    return is_country(gold) and (country == gold or key == gold)


def is_country(k):
    return bool(k) and len(k) == 3 and k.isupper()


class SysActor:
    def __init__(self, a, entities, text):
        self.key = a.get("key")
        self.country = a.get("country")
        self.role = a.get("role")
        self.sector = a.get("sector")
        ent = entities.get(self.key) if self.key else None
        self.kind = ent["type"] if ent else None
        # The actor's own words in the sentence (its span): «مدير جامعة …، الدكتور فلان»
        # is the person whose key is his name, read with the office that introduces him.
        sp = a.get("span") or {}
        own = text[sp["start"]:sp["end"]] if "start" in sp and "end" in sp else ""
        names = [m["text"] for m in (ent or {}).get("mentions", [])] + [a.get("text") or "", own, self.key or ""]
        self.last = {w for w in map(last_word, names) if w}
        self.words = {w for n in names for w in content_words(n)}


def actor_match(g, s):
    gk = g.get("key")
    if gk and s.key and norm_key(gk) == norm_key(s.key):
        return True
    if is_country(gk) and s.key and s.kind in ("GPE", "LOC", "ORG") and s.country == gk:
        return True
    if not gk and g.get("sector") and not s.key and s.sector == g["sector"]:
        if not g.get("country") or not s.country or g["country"] == s.country:
            return True
    if is_country(gk):
        return False
    w = last_word(g.get("ar"))
    if w and w in s.words:
        return True
    return bool(s.last & set(content_words(g.get("ar"))))


def match(ge, se, strict):
    if ge["type"] != se["type"]:
        return False
    if strict and (ge.get("mode") or None) != (se.get("mode") or None):
        return False
    gold_actors, sys_actors = ge.get("actors") or [], se["_actors"]
    symmetric = all(a.get("role") == "party" for a in gold_actors)
    used = set()
    matched = 0
    for ga in gold_actors:
        hit = None
        for j, sa in enumerate(sys_actors):
            if j in used or not actor_match(ga, sa):
                continue
            if strict and not symmetric and sa.role != ga.get("role"):
                continue
            hit = j
            break
        if hit is not None:
            used.add(hit)
            matched += 1
        elif strict:
            return False
    if strict:
        return len(used) == len(sys_actors) and bool(gold_actors)
    return matched > 0


def why_not_strict(ge, se):
    """Why a lenient match is not a strict one: the first part that differs."""
    if (ge.get("mode") or None) != (se.get("mode") or None):
        return "mode"
    gold_actors, sys_actors = ge.get("actors") or [], se["_actors"]
    symmetric = all(a.get("role") == "party" for a in gold_actors)
    used = set()
    for ga in gold_actors:
        hit = next((j for j, sa in enumerate(sys_actors) if j not in used and actor_match(ga, sa)), None)
        if hit is None:
            return "a gold actor missing"
        if not symmetric and sys_actors[hit].role != ga.get("role"):
            return "an actor in the wrong role"
        used.add(hit)
    return "an actor too many"


def ratio(a, b):
    return a / b if b else 0.0


def score(sys_path, split, verbose, json_out):
    rows = load_sentences()
    gold = load_gold()
    corpus_text = {}
    want = {r["doc"] for r in rows}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc"] in want:
                corpus_text[d["doc"]] = d["text"]
    records = collections.defaultdict(list)
    with open(sys_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                records[d["doc"].split("#")[0]].append(d)

    # Locate every gold sentence in the cleaned text; give each system event to a sentence.
    located = {}  # id -> (record index, start, end) in cleaned chars
    by_doc = collections.defaultdict(list)
    for r in rows:
        by_doc[r["doc"]].append(r)
    sys_events = collections.defaultdict(list)
    lost = []
    for doc, rs in by_doc.items():
        recs = records.get(doc, [])
        for r in rs:
            sent = corpus_text[doc][int(r["start"]):int(r["end"])]
            key, _ = squash(sent)
            for ri, rec in enumerate(recs):
                sq, back = squash(rec["text"])
                at = sq.find(key)
                if at >= 0:
                    located[r["id"]] = (ri, back[at], back[at + len(key) - 1] + 1)
                    break
            else:
                lost.append(r["id"])
        for ri, rec in enumerate(recs):
            entities = {e["key"]: e for e in rec.get("entities") or []}
            for e in rec.get("events") or []:
                # The event belongs to the gold sentence each of its reports overlaps: its
                # evidence, and the later sentences of the page merged into it (`also`).
                hits = []
                for ev in [e["evidence"]] + list(e.get("also") or []):
                    best, best_ov = None, 0
                    for r in rs:
                        loc = located.get(r["id"])
                        if not loc or loc[0] != ri:
                            continue
                        ov = min(ev["end"], loc[2]) - max(ev["start"], loc[1])
                        if ov > best_ov and ov * 2 >= min(ev["end"] - ev["start"], loc[2] - loc[1]):
                            best, best_ov = r["id"], ov
                    if best and best not in hits:
                        hits.append(best)
                for best in hits:
                    e = dict(e)
                    e["_actors"] = [SysActor(a, entities, rec.get("text") or "") for a in e.get("actors") or []]
                    e["_position"] = sum(1 for r in rs if r["id"] in located and located[r["id"]][0] == ri
                                         and located[r["id"]][1] < located[best][1])
                    sys_events[best].append(e)

    stats = {k: collections.Counter() for k in ("all",) + tuple(TYPES)}
    roles_ok = roles_n = 0
    status_ok = status_n = 0
    date_ok = date_n = 0
    place_ok = place_n = 0
    # Event places, over the lenient matches: recall per gold place, precision per system
    # place (a place the gold does not give counts as wrong).
    where_gold = where_sys = where_recalled = where_right = 0
    report = []
    calib = collections.defaultdict(dict)
    near_misses = collections.Counter()
    by_position = collections.defaultdict(collections.Counter)
    for r in rows:
        if split != "all" and r["split"] != split:
            continue
        g = gold.get(r["id"])
        if g is None:
            continue
        gevs = [e for e in g.get("events") or [] if not e.get("unsure")]
        unsure = [e for e in g.get("events") or [] if e.get("unsure")]
        sevs = list(sys_events.get(r["id"], []))
        # Drop system events that only an unsure gold event explains.
        sevs = [s for s in sevs if not any(match(u, s, False) for u in unsure)
                or any(match(ge, s, False) for ge in gevs)]
        for mode in ("strict", "lenient"):
            free = set(range(len(sevs)))
            got = {}
            for gi, ge in enumerate(gevs):
                for si in sorted(free):
                    if match(ge, sevs[si], mode == "strict"):
                        free.discard(si)
                        got[gi] = si
                        break
            for gi, ge in enumerate(gevs):
                for t in ("all", ge["type"]):
                    stats[t][f"{mode}_gold"] += 1
                    stats[t][f"{mode}_recalled"] += gi in got
                at = position_bucket(corpus_text[r["doc"]], int(r["start"]))
                by_position[at][f"{mode}_gold"] += 1
                by_position[at][f"{mode}_recalled"] += gi in got
            for si, se in enumerate(sevs):
                calib[(r["id"], si)][mode] = si not in free
                calib[(r["id"], si)]["confidence"] = se.get("confidence") or 0.0
                for t in ("all", se["type"]):
                    if t in stats:
                        stats[t][f"{mode}_sys"] += 1
                        stats[t][f"{mode}_right"] += si not in free
            if mode == "lenient":
                for gi, si in got.items():
                    ge, se = gevs[gi], sevs[si]
                    if not match(ge, se, True):
                        near_misses[why_not_strict(ge, se)] += 1
                    roles_n += 1
                    roles_ok += match(ge, se, True) or (match(dict(ge, mode=se.get("mode")), se, True))
                    status_n += 1
                    status_ok += (ge.get("status") or "occurred") == se.get("status")
                    if ge.get("date"):
                        date_n += 1
                        date_ok += ge["date"] == se.get("date")
                    if ge.get("where"):
                        place_n += 1
                        place_ok += norm_key(ge["where"]) == norm_key(place_of(se.get("where"))[0])
                    right = bool(ge.get("where")) and place_right(ge["where"], se.get("where"))
                    where_gold += bool(ge.get("where"))
                    where_recalled += right
                    if place_of(se.get("where"))[0]:
                        where_sys += 1
                        where_right += right
            if mode == "strict":
                missed = [gevs[gi] for gi in range(len(gevs)) if gi not in got]
                wrong = [sevs[si] for si in sorted(free)]
                if missed or wrong:
                    report.append((r, missed, wrong))
    n_sent = sum(1 for r in rows if (split == "all" or r["split"] == split) and r["id"] in gold)
    n_lost = sum(1 for i in lost if any(r["id"] == i and (split == "all" or r["split"] == split) for r in rows))
    print(f"split {split}: {n_sent} sentences, {stats['all']['strict_gold']} gold events, "
          f"{stats['all']['strict_sys']} system events; {n_lost} sentences not in the cleaned text")
    print(f"{'type':10} {'gold':>5} {'sys':>5}  {'P strict':>8} {'R strict':>8}  {'P lenient':>9} {'R lenient':>9}")
    table = {}
    for t in ("all",) + tuple(TYPES):
        c = stats[t]
        if not c["strict_gold"] and not c["strict_sys"]:
            continue
        row = {
            "gold": c["strict_gold"], "sys": c["strict_sys"],
            "p_strict": ratio(c["strict_right"], c["strict_sys"]),
            "r_strict": ratio(c["strict_recalled"], c["strict_gold"]),
            "p_lenient": ratio(c["lenient_right"], c["lenient_sys"]),
            "r_lenient": ratio(c["lenient_recalled"], c["lenient_gold"]),
        }
        table[t] = row
        print(f"{t:10} {row['gold']:5} {row['sys']:5}  {row['p_strict']:8.3f} {row['r_strict']:8.3f}  "
              f"{row['p_lenient']:9.3f} {row['r_lenient']:9.3f}")
    extra = {
        "role_accuracy": ratio(roles_ok, roles_n), "status_accuracy": ratio(status_ok, status_n),
        "date_accuracy": ratio(date_ok, date_n), "place_accuracy": ratio(place_ok, place_n),
        "lost_sentences": n_lost,
    }
    print(f"of the {roles_n} lenient matches: roles and actors all right {extra['role_accuracy']:.3f}, "
          f"status {extra['status_accuracy']:.3f}; date {extra['date_accuracy']:.3f} of {date_n}, "
          f"place {extra['place_accuracy']:.3f} of {place_n}")
    extra["place_precision"] = ratio(where_right, where_sys)
    extra["place_recall"] = ratio(where_recalled, where_gold)
    print(f"event places over the lenient matches: precision {extra['place_precision']:.3f} "
          f"({where_right}/{where_sys}), recall {extra['place_recall']:.3f} ({where_recalled}/{where_gold})")
    print("lenient matches that are not strict, by the first part that differs: "
          + ", ".join(f"{why} {n}" for why, n in near_misses.most_common()))
    extra["near_misses"] = dict(near_misses)
    # Recall by where the sentence stands in its article: a reader that gives up after the
    # lead shows here (issue 21: no positional shortcut).
    extra["recall_by_position"] = {
        k: {"gold": c["strict_gold"], "r_strict": ratio(c["strict_recalled"], c["strict_gold"]),
            "r_lenient": ratio(c["lenient_recalled"], c["lenient_gold"])}
        for k, c in sorted(by_position.items())
    }
    print("recall by the sentence's position in its article: " + ", ".join(
        f"{k} {v['gold']} events strict {v['r_strict']:.3f} lenient {v['r_lenient']:.3f}"
        for k, v in extra["recall_by_position"].items()))
    # Calibration: the share of system events right at each confidence, so a user knows
    # what a threshold buys (events at or above it, and how many of them are right).
    buckets = []
    for lo in sorted({round(c["confidence"], 2) for c in calib.values()}, reverse=True):
        above = [c for c in calib.values() if c["confidence"] >= lo - 1e-9]
        at = [c for c in calib.values() if abs(c["confidence"] - lo) < 1e-9]
        buckets.append({
            "confidence": lo, "events": len(at),
            "strict": ratio(sum(c["strict"] for c in at), len(at)),
            "lenient": ratio(sum(c["lenient"] for c in at), len(at)),
            "events_at_or_above": len(above),
            "lenient_at_or_above": ratio(sum(c["lenient"] for c in above), len(above)),
        })
    print("confidence  events  right strict  right lenient   (at or above: events, lenient)")
    for b in buckets:
        print(f"{b['confidence']:10.2f} {b['events']:7} {b['strict']:13.3f} {b['lenient']:14.3f}"
              f"   {b['events_at_or_above']:6} {b['lenient_at_or_above']:.3f}")
    extra["calibration"] = buckets
    if json_out:
        with open(json_out, "w") as f:
            json.dump({"split": split, "types": table, **extra}, f, indent=1)
    if verbose:
        for r, missed, wrong in report:
            sent = corpus_text[r["doc"]][int(r["start"]):int(r["end"])]
            print(f"\n{r['id']} ({r['split']}, {r['stratum']}) {sent[:300]}")
            for e in missed:
                print("  missed:", show_gold(e))
            for e in wrong:
                print("  wrong: ", show_sys(e))


def position_bucket(text, start):
    """Which sentence of its article a gold sentence is: `1`, `2-3` or `4+` (sentences
    end at «.», «!», «?», «؟» or a line break)."""
    n = 1 + len(re.findall(r"[.!?؟\n]+(?=\s*\S)", text[:start].rstrip()))
    return "1" if n == 1 else "2-3" if n <= 3 else "4+"


def show_gold(e):
    acts = ", ".join(f"{a.get('role')}={a.get('key') or (a.get('sector'), a.get('country'))}«{a.get('ar')}»"
                     for a in e.get("actors") or [])
    return f"{e['type']}/{e.get('mode')} {e.get('status', 'occurred')} [{acts}] «{e.get('trigger')}»"


def show_sys(e):
    acts = ", ".join(f"{a.role}={a.key or (a.sector, a.country)}" for a in e["_actors"])
    return f"{e['type']}/{e.get('mode')} {e.get('status')} [{acts}] conf {e.get('confidence')}"


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a1 = sub.add_parser("articles")
    a1.add_argument("out")
    a2 = sub.add_parser("score")
    a2.add_argument("system")
    a2.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    a2.add_argument("--verbose", action="store_true")
    a2.add_argument("--json")
    a = ap.parse_args()
    if a.cmd == "articles":
        articles(a.out)
    else:
        score(a.system, a.split, a.verbose, a.json)
