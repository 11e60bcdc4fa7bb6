#!/usr/bin/env python3
"""Writes a synthetic corpus of Arabic news documents for `bench/ingest.sh`.

Every sentence below was written for this generator (no web text). A document is a
headline and paragraphs of sentences drawn from the templates with a seeded random
generator, their slots filled with places, bodies, topics and numbers, until it reaches
about the size asked for. The document's number is written into its first sentence, so
no two documents are the same text (the store would keep one of two exact copies).

    python3 bench/gen_corpus.py OUT_DIR --docs 100000 --bytes 4096 --format jsonl|txt|warc [--sites K] [--events]

With --sites K, document n belongs to site n % K (`https://siteK.example/n`, also the
JSONL record's `url`) and carries that site's furniture around its article: a menu, a
site blurb and an imprint that read as prose (the cleaner alone keeps them), so that
`marsad ingest` learns and removes the site templates. Without it (0), no document has a
URL in JSON Lines, and the WARC pages share one host with no furniture, as before.

--events (jsonl only; `bench/serve.sh` uses it): every document also gets a publication
date, an outlet and a URL, and reports one of `docs / 8` news stories — a phone call, a
meeting or an accusation between two leaders the knowledge base knows, on the story's day —
in a sentence of our own, so that `marsad ingest` stores events and the desk groups them
into stories of several outlets' reports (the timeline and story pages then have real
work). A third of the documents add a second, unrelated story's sentence. Without the
flag the output is byte for byte what it was (the ingest bench's corpus does not change).

jsonl: OUT_DIR/corpus-NNN.jsonl, 10,000 documents a file ({"id", "text"}).
txt:   OUT_DIR/NNN/DOCNO.txt, 1,000 documents a folder.
warc:  OUT_DIR/corpus-NNN.warc.gz, 10,000 HTML responses a file, one gzip member per
       record, as Common Crawl ships them.
"""

import argparse
import datetime
import gzip
import json
import os
import random

CITIES = ["القاهرة", "عمّان", "بيروت", "الرباط", "تونس", "الدوحة", "مسقط", "بغداد",
          "الرياض", "الجزائر", "الخرطوم", "نواكشوط", "المنامة", "الكويت", "دمشق", "صنعاء"]
BODIES = ["وزارة الاقتصاد", "البنك المركزي", "مجلس النواب", "هيئة الاستثمار",
          "وزارة الصحة", "نقابة المهندسين", "الجامعة الوطنية", "غرفة التجارة",
          "وزارة التربية", "الهيئة العامة للطيران", "المجلس البلدي", "وزارة الزراعة"]
TOPICS = ["الطاقة المتجددة", "النقل العام", "الأمن الغذائي", "التعليم الرقمي",
          "إدارة المياه", "الصحة العامة", "السياحة", "الزراعة", "الإسكان", "التجارة الإلكترونية",
          "البحث العلمي", "الصناعات الصغيرة"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
          "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]

# Leaders as the reports name them (title, then the name the knowledge base knows).
LEADERS = ["الرئيس الروسي فلاديمير بوتين", "الرئيس التركي رجب طيب أردوغان",
           "الرئيس الأذربيجاني إلهام علييف", "رئيس الوزراء الأرميني نيكول باشينيان",
           "وزير الخارجية الروسي سيرغي لافروف", "وزير الخارجية التركي هاكان فيدان",
           "الرئيس المصري عبد الفتاح السيسي", "ولي العهد السعودي الأمير محمد بن سلمان",
           "أمير قطر الشيخ تميم بن حمد آل ثاني", "الرئيس الفرنسي إيمانويل ماكرون",
           "وزير الخارجية الأمريكي أنتوني بلينكن", "وزير الخارجية الصيني وانغ يي"]
OUTLETS = ["وكالة الأنباء الوطنية", "صحيفة المساء", "موقع الخبر اليوم", "قناة الشرق",
           "صحيفة الرأي العام", "وكالة المغرب العربي", "موقع المرصد", "صحيفة الخليج الجديد",
           "إذاعة المدينة", "موقع النهار الرقمي"]
# One sentence per story kind: {a} and {b} are leaders, the rest as in SENTENCES.
EVENT_SENTENCES = [
    "وبحث {a} هاتفيا مع {b} تطورات {topic} والعلاقات الثنائية بين البلدين",
    "وتلقى {a} اتصالا هاتفيا من {b} تناول سبل التعاون في مجال {topic}",
    "والتقى {a} {b} في {city} لبحث ملف {topic} وقضايا المنطقة",
    "واتهم {a} {b} بعرقلة جهود التسوية في المنطقة",
]

HEADLINES = [
    "{body} تعلن خطة جديدة لدعم قطاع {topic}",
    "اجتماع في {city} لبحث مستقبل {topic}",
    "{body} : ارتفاع الطلب على خدمات {topic} بنسبة {pct} في المئة",
    "مؤتمر دولي في {city} يناقش تحديات {topic}",
]

SENTENCES = [
    "أعلنت {body} يوم {day} عن إطلاق برنامج جديد لدعم قطاع {topic} بميزانية تبلغ {num} مليون دولار",
    "وقال مسؤول في {body} إن البرنامج يستهدف رفع كفاءة الخدمات وتوسيع نطاقها ليشمل المحافظات البعيدة",
    "وأوضح أن المرحلة الأولى تبدأ في {month} المقبل وتستمر {few} أشهر قبل تقييم نتائجها",
    "وأشار تقرير صادر عن {body} إلى أن الطلب على خدمات {topic} ارتفع بنسبة {pct} في المئة خلال العام الماضي",
    "واستضافت {city} اجتماعا شارك فيه ممثلون عن {few} دول لبحث سبل التعاون في مجال {topic}",
    "ودعا المشاركون إلى تبادل الخبرات وتوحيد المعايير الفنية وتسهيل انتقال الكفاءات بين الدول",
    "وأكد خبراء أن نجاح الخطة يتطلب شراكة حقيقية بين القطاعين العام والخاص ومتابعة دقيقة للتنفيذ",
    "ومن المقرر أن تعقد اللجنة المشتركة اجتماعها المقبل في {city} بعد {few} أسابيع",
    "وكانت {body} قد وقعت في {month} الماضي مذكرة تفاهم مع جهات دولية لتمويل مشروعات {topic}",
    "ولفت المتحدث إلى أن عدد المستفيدين من المشروعات الحالية تجاوز {num} ألف شخص",
    "وتواجه خطط {topic} في المنطقة صعوبات تتعلق بالتمويل ونقص الكوادر المدربة وتغير الأسعار",
    "وقالت مصادر مطلعة إن الحكومة تدرس حوافز ضريبية للشركات التي تستثمر في {topic}",
    "وشهدت جلسة {day} نقاشا واسعا حول أولويات الإنفاق وآليات الرقابة على المشروعات",
    "ويرى محللون أن الإصلاحات الأخيرة قد تنعكس إيجابا على سوق العمل خلال السنوات المقبلة",
    "وختم البيان بالتأكيد على أهمية الشفافية في عرض النتائج ومشاركة المواطنين في التقييم",
]


MENU = ["الرئيسية", "أخبار محلية", "اقتصاد", "رياضة", "ثقافة", "منوعات"]
NAMES = ["النهار", "الصباح", "المرصد", "الأفق", "الوطن", "الميدان", "الرسالة", "البوابة"]


def site_furniture(k):
    """Site k's menu, blurb and imprint, written for this generator."""
    name = f"{NAMES[k % len(NAMES)]} {k}"
    menu = [f"{m} {name}" if i == 0 else m for i, m in enumerate(MENU)]
    blurb = (f"{name} منصة إخبارية مستقلة تتابع شؤون {TOPICS[k % len(TOPICS)]} في "
             f"{CITIES[k % len(CITIES)]} والمنطقة، وتصدر يوميا منذ عام {2000 + k % 20}.")
    imprint = f"تصدر {name} عن دار النشر المتحدة، وما ينشر فيها يعبر عن آراء كتابه وحدهم."
    return menu, [blurb, imprint]


def fill(t, rng):
    return t.format(
        body=rng.choice(BODIES), topic=rng.choice(TOPICS), city=rng.choice(CITIES),
        day=rng.choice(DAYS), month=rng.choice(MONTHS), num=rng.randint(2, 900),
        pct=rng.randint(3, 60), few=rng.randint(2, 9),
    )


def make_stories(count, rng):
    """`count` stories: (sentence template, leader a, leader b, city, topic, day)."""
    out = []
    for _ in range(count):
        a, b = rng.sample(LEADERS, 2)
        day = 737060 + rng.randrange(2300)  # from 2019-01-01, about six years
        out.append((rng.choice(EVENT_SENTENCES), a, b, rng.choice(CITIES), rng.choice(TOPICS), day))
    return out


def event_sentence(story, rng):
    t, a, b, city, topic, _ = story
    # The other slots vary from report to report; the story's facts do not.
    return t.format(a=a, b=b, city=city, topic=topic) + "."


def document(n, size, rng, events=None):
    title = fill(rng.choice(HEADLINES), rng)
    city = rng.choice(CITIES)
    first = f"{city} - " + fill(SENTENCES[0], rng) + f"، في إطار المبادرة رقم {n}."
    paras, length = [first], len(first.encode())
    for story in events or []:
        para = event_sentence(story, rng)
        paras.append(para)
        length += len(para.encode()) + 2
    while length < size:
        para = "، ".join(fill(rng.choice(SENTENCES[1:]), rng) for _ in range(rng.randint(1, 3))) + "."
        paras.append(para)
        length += len(para.encode()) + 2
    return title, paras


def html(title, paras, menu=(), tail=()):
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    nav = "".join(f"<li><a href=\"/s{i}\">{m}</a></li>" for i, m in enumerate(menu))
    nav = f"<ul class=\"menu\">{nav}</ul>\n" if nav else ""
    after = "".join(f"<p class=\"site\">{p}</p>\n" for p in tail)
    return (f"<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title></head><body><article>{nav}<h1>{title}</h1>\n{body}{after}"
            f"</article></body></html>")


def warc_member(uri, payload):
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
            + str(len(payload)).encode() + b"\r\n\r\n" + payload)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=6)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--bytes", type=int, default=4096, help="text bytes per document, about")
    ap.add_argument("--format", choices=["jsonl", "txt", "warc"], default="jsonl")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--sites", type=int, default=0,
                    help="documents spread over this many sites with their own furniture")
    ap.add_argument("--events", action="store_true", help="dated reports of leaders' stories")
    a = ap.parse_args()
    if a.events and a.format != "jsonl":
        ap.error("--events writes JSON Lines only")
    rng = random.Random(a.seed)
    # A separate generator, so that the plain corpus stays the same draw.
    srng = random.Random(a.seed + 1)
    stories = make_stories(max(1, a.docs // 8), srng) if a.events else []
    os.makedirs(a.out, exist_ok=True)
    per_file = 10_000 if a.format != "txt" else 1_000
    out, total = None, 0
    for n in range(a.docs):
        if n % per_file == 0:
            if out:
                out.close()
            k = n // per_file
            if a.format == "jsonl":
                out = open(os.path.join(a.out, f"corpus-{k:03}.jsonl"), "w", encoding="utf-8")
            elif a.format == "warc":
                out = open(os.path.join(a.out, f"corpus-{k:03}.warc.gz"), "wb")
            else:
                out = None
                os.makedirs(os.path.join(a.out, f"{k:03}"), exist_ok=True)
        meta = {}
        picked = []
        if a.events:
            picked = [stories[srng.randrange(len(stories))]]
            if srng.random() < 1 / 3:
                picked.append(stories[srng.randrange(len(stories))])
            day = datetime.date.fromordinal(picked[0][5])
            outlet = srng.randrange(len(OUTLETS))
            meta = {"published": day.isoformat(), "outlet": OUTLETS[outlet],
                    "url": f"https://outlet{outlet}.example/{day.year}/{n}"}
        title, paras = document(n, a.bytes, rng, picked)
        menu, tail = site_furniture(n % a.sites) if a.sites else ([], [])
        url = f"https://site{n % a.sites}.example/{n}" if a.sites else f"https://synthetic.example/{n}"
        if a.sites and a.events:
            meta["url"] = url
        text = "".join(m + "\n" for m in menu) + title + "\n\n" + "\n\n".join(paras + tail) + "\n"
        total += len(text.encode())
        if a.format == "jsonl":
            rec = {"id": f"synthetic/{n}", "text": text, **meta}
            if a.sites:
                rec["url"] = url
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif a.format == "warc":
            out.write(warc_member(url, html(title, paras, menu, tail).encode()))
        else:
            with open(os.path.join(a.out, f"{n // per_file:03}", f"{n:07}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
    if out:
        out.close()
    print(f"{a.docs} documents, {total / 1e6:.1f} MB of text, in {a.out} ({a.format})")


if __name__ == "__main__":
    main()
