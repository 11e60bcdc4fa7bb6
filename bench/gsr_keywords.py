#!/usr/bin/env python3
"""The keyword baseline for the newswire sentences: a sentence is an ASSAULT (or a
PROTEST) when it holds one of a few words of the type, whatever their sense or tense.
What marsad's reading must beat to be worth its rules (README, "Conflict and protest").

  python3 ../shared/gold/score_gsr.py make target/gsr
  python3 bench/gsr_keywords.py target/gsr > target/gsr.keywords.jsonl
  python3 ../shared/gold/score_gsr.py score target/gsr target/gsr.keywords.jsonl

Words are matched as substrings after folding alef forms, so «الهجوم», «وقتل», «اغتيال»
all count. The lists are the first words an analyst would try, not tuned on the scores."""
import json, os, re, sys

KEYWORDS = {
    "ASSAULT": "قتل مقتل هجوم هجمات انفجار تفجير اغتيال خطف اختطاف قصف غارة اشتباك "
               "اعتداء مسلح انتحاري عبوة ناسفة مفخخة رصاص جرح اصيب".split(),
    "PROTEST": "تظاهر مظاهرة مظاهرات متظاهر احتجاج محتج اعتصام معتصم اضراب مسيرة".split(),
}


def fold(s):
    return re.sub("[أإآ]", "ا", s).replace("ة", "ه")


def main():
    outdir = sys.argv[1]
    words = {t: [fold(w) for w in ws] for t, ws in KEYWORDS.items()}
    for name in sorted(os.listdir(outdir)):
        if not name.endswith(".txt"):
            continue
        text = fold(open(os.path.join(outdir, name), encoding="utf-8").read())
        events = [{"type": t} for t, ws in words.items() if any(w in text for w in ws)]
        print(json.dumps({"doc": name, "events": events}, ensure_ascii=False))


if __name__ == "__main__":
    main()
