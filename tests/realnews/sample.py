#!/usr/bin/env python3
"""Draws the real-news gold sentences from ../shared/corpus/saudinewsnet (fixed seed).

  sample.py [--corpus PATH] [--seed 13] > sentences.tsv

Sentences are cut as marsad_text::sentences cuts them (a newline; . ! ? ؟ ؛ … followed by
white space, except after a one-letter word), then trimmed. A sentence of fewer than 5 or
more than 120 words is not drawn (a byline, a table row, a page without punctuation).

Two strata, 600 sentences in all:
  random   300 drawn uniformly from every sentence of the corpus (every section);
  trigger  for each PLOVER type, 15 drawn from the sentences holding one of that type's
           keywords below (a list written for sampling, wider than data/events/triggers.tsv),
           then 60 more from the sentences holding any keyword.
A sentence is drawn once. The split is by article: a third of the articles (by a hash of
`doc`) are the frozen test split, so no article has sentences on both sides.

Columns: id, doc, start, end (characters of the record's `text`, end exclusive), stratum,
split, sha (first 12 hex of the SHA-1 of the sentence, to notice a changed corpus).
No text is written."""
import argparse, gzip, hashlib, json, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "shared", "corpus", "saudinewsnet", "articles.jsonl.gz")

KEYWORDS = {
    "CONSULT": "التقي يلتقي لقاء اجتماع اجتمع مباحثات محادثات اتصالا_هاتفيا اتصال_هاتفي زياره زار يزور استقبل يستقبل قمه مشاورات بحث_مع ناقش",
    "AGREE": "اتفاق اتفاقيه اتفقا اتفقت وقع_اتفاق مذكره_تفاهم هدنه وقف_اطلاق_النار توقيع",
    "SUPPORT": "اشاد يشيد ايد تاييد رحب يرحب هنا تهنئه ثمن يثمن اعرب_عن_دعم",
    "CONCEDE": "افرج الافراج اطلاق_سراح اعتذر تنازل رفع_العقوبات تخفيف",
    "COOPERATE": "تعاون تنسيق مناورات تدريبات_مشتركه شراكه التعاون_مع",
    "AID": "مساعدات اغاثه اغاثيه تبرع شحنه معونات",
    "RETREAT": "انسحب انسحاب سحب_قوات الانسحاب انشق",
    "REQUEST": "دعا يدعو طالب يطالب ناشد حث طلب_من",
    "ACCUSE": "اتهم يتهم اتهام ادان يدين ادانه ندد استنكر انتقد حمل_مسؤوليه",
    "REJECT": "رفض يرفض رفضت رفضه",
    "THREATEN": "هدد يهدد تهديد توعد حذر يحذر",
    "PROTEST": "تظاهر مظاهره مظاهرات احتجاج احتجاجات اعتصام مسيره اضراب وقفه_احتجاجيه محتجين متظاهرين",
    "SANCTION": "عقوبات قطع_العلاقات طرد_السفير حظر تجميد",
    "MOBILIZE": "حشد حشود نشر_قوات تعزيزات استنفار التاهب",
    "COERCE": "اعتقل اعتقال القبض احتجز احتجاز حاصر حصار مداهمه اوقفت",
    "ASSAULT": "قتل مقتل هجوم قصف غاره غارات استهدف انفجار تفجير اشتباكات اغتيال خطف اطلاق_نار",
}
PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "س")


def fold(s):
    s = re.sub("[\u064b-\u0652\u0640]", "", s)
    return s.translate(str.maketrans("أإآٱةى", "ااااهي"))


def stems(word):
    """The word and the word behind one or two proclitics."""
    out = {word}
    for p in PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            out.add(word[len(p):])
            for q in PROCLITICS:
                rest = word[len(p):]
                if rest.startswith(q) and len(rest) - len(q) >= 2:
                    out.add(rest[len(q):])
    return out


def sentences(text):
    """Mirrors marsad_text::sentences: spans of characters."""
    closers = set('.!?؟"\'»”’)]″…')
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        c, end = text[i], None
        if c == "\n":
            end = i
        elif c in ".!?؟؛…":
            j = i + 1
            while j < n and text[j] in closers:
                j += 1
            spaced = j == n or text[j].isspace()
            single = c == "." and i >= 1 and text[i - 1].isalpha() and (i == 1 or not text[i - 2].isalnum())
            if spaced and not single:
                i, end = j - 1, j
        if end is not None:
            out.append((start, end))
            start = end
        i += 1
    out.append((start, n))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def keyword_types(sentence):
    words = [w for w in re.split(r"[^\w]+", fold(sentence)) if w]
    forms = [stems(w) for w in words]
    found = set()
    for typ, kws in KEYWORDS.items():
        for kw in kws.split():
            parts = kw.split("_")
            for i in range(len(words) - len(parts) + 1):
                if parts[0] in forms[i] and all(parts[k] == words[i + k] or parts[k] in forms[i + k] for k in range(1, len(parts))):
                    found.add(typ)
                    break
            if typ in found:
                break
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args()
    pool = []  # (doc, start, end, types)
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            for s, e in sentences(text):
                n = len(text[s:e].split())
                if 5 <= n <= 120:
                    pool.append((rec["doc"], s, e, text[s:e]))
    rng = random.Random(a.seed)
    chosen, rows = set(), []

    def take(i, stratum):
        chosen.add(i)
        doc, s, e, sent = pool[i]
        split = "test" if int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 3 == 0 else "dev"
        sha = hashlib.sha1(sent.encode()).hexdigest()[:12]
        rows.append((doc, s, e, stratum, split, sha))

    for i in rng.sample(range(len(pool)), 300):
        take(i, "random")
    order = list(range(len(pool)))
    rng.shuffle(order)
    by_type = {t: [] for t in KEYWORDS}
    anyk = []
    for i in order:
        types = keyword_types(pool[i][3])
        for t in types:
            if len(by_type[t]) < 200:
                by_type[t].append(i)
        if types and len(anyk) < 2000:
            anyk.append(i)
        if all(len(v) >= 200 for v in by_type.values()) and len(anyk) >= 2000:
            break
    for t in KEYWORDS:
        got = 0
        for i in by_type[t]:
            if got == 15:
                break
            if i not in chosen:
                take(i, "trigger:" + t)
                got += 1
    extra = 0
    for i in anyk:
        if extra == 60:
            break
        if i not in chosen:
            take(i, "trigger:any")
            extra += 1
    print("id\tdoc\tstart\tend\tstratum\tsplit\tsha")
    for n, row in enumerate(rows):
        print(f"s{n:03d}\t" + "\t".join(map(str, row)))
    print(f"{len(pool)} sentences in the pool, {len(rows)} drawn", file=sys.stderr)


if __name__ == "__main__":
    main()
