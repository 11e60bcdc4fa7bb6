#!/usr/bin/env python3
"""Generate the CLDR-derived base of the Marsad knowledge base.

Writes data/kb/countries.tsv and data/kb/places.tsv from Unicode CLDR (through PyPI's
`babel`) and ISO 3166-1 alpha-3 codes (through PyPI's `pycountry`, which packages
Debian's iso-codes). Hand-kept input: gen/capitals.tsv (capitals and the Arabic names of
the capitals CLDR has no exemplar city for). Everything else hand-written lives in the
*_extra.tsv files and is never touched by this script.

Run (from the repository root):

    python3 -m venv target/kb-venv
    target/kb-venv/bin/pip install babel pycountry
    target/kb-venv/bin/python data/kb/gen/gen_cldr.py

The output is deterministic for a given babel/pycountry version; both are written into the
header of the files produced.
"""

import os
import sys

import babel
import pycountry
from babel import Locale
from babel.core import get_cldr_version, get_global

HERE = os.path.dirname(os.path.abspath(__file__))
KB = os.path.dirname(HERE)

# ISO 3166-1 alpha-2 codes that are not UN members (dependencies, Antarctica ...).
# Removing them from ISO's 249 leaves the 193 UN members plus PS, TW, EH and VA, which are
# kept on purpose; Kosovo (no ISO code) is added as XK/XKX, the code the EU and IMF use.
NOT_COUNTRIES = set(
    """AS AI AQ AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GS GU HK HM IM IO JE
    KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT""".split()
)
KEEP_NON_MEMBERS = {"PS", "TW", "EH", "VA"}
EXTRA = {"XK": ("XKX", "Kosovo")}

# Dependent territories CLDR has exemplar cities in, with the country they belong to.
SOVEREIGN = {"HK": "CHN", "MO": "CHN", "PR": "USA", "GU": "USA", "GL": "DNK", "RE": "FRA"}

# CLDR's time-zone exemplar cities whose English name is not the English Wikipedia title.
# '-' drops the zone (the name is a country, an obscure hamlet or a research station).
CITY_KEYS = {
    "Tripoli": "Tripoli, Libya", "Gaza": "Gaza City", "Lome": "Lomé",
    "Ndjamena": "N'Djamena", "El Aaiun": "Laayoune", "Bogota": "Bogotá",
    "Sao Paulo": "São Paulo", "Belem": "Belém", "Cuiaba": "Cuiabá", "Maceio": "Maceió",
    "Araguaina": "Araguaína", "Eirunepe": "Eirunepé", "Santarem": "Santarém, Pará",
    "Boa Vista": "Boa Vista, Roraima", "Tucuman": "San Miguel de Tucumán",
    "Cordoba": "Córdoba, Argentina", "San Juan": "San Juan, Argentina",
    "San Luis": "San Luis, Argentina", "La Rioja": "La Rioja, Argentina",
    "Mendoza": "Mendoza, Argentina", "Catamarca": "San Fernando del Valle de Catamarca",
    "Jujuy": "San Salvador de Jujuy", "Merida": "Mérida, Yucatán", "Mérida": "Mérida, Yucatán",
    "Mazatlan": "Mazatlán", "Matamoros": "Matamoros, Tamaulipas",
    "Chihuahua": "Chihuahua (city)", "Tirane": "Tirana", "Chisinau": "Chișinău",
    "Busingen": "Büsingen am Hochrhein", "Kirov": "Kirov, Kirov Oblast",
    "Chita": "Chita, Zabaykalsky Krai", "Oral": "Oral, Kazakhstan", "Aqtau": "Aktau",
    "Aqtobe": "Aktobe", "Qyzylorda": "Kyzylorda", "Anadyr": "Anadyr (town)",
    "Hovd": "Khovd (city)", "Macao": "Macau", "Kamchatka": "Kamchatka Peninsula",
    "Canary": "Canary Islands", "Halifax": "Halifax, Nova Scotia", "Boise": "Boise, Idaho",
    "Louisville": "Louisville, Kentucky", "Phoenix": "Phoenix, Arizona",
    "Juneau": "Juneau, Alaska", "Sitka": "Sitka, Alaska", "Adak": "Adak, Alaska",
    "Anchorage": "Anchorage, Alaska", "Nome": "Nome, Alaska", "Yakutat": "Yakutat, Alaska",
    "Metlakatla": "Metlakatla, Alaska", "Menominee": "Menominee, Michigan",
    "Regina": "Regina, Saskatchewan", "Dawson": "Dawson City",
    "Creston": "Creston, British Columbia", "Fort Nelson": "Fort Nelson, British Columbia",
    "Goose Bay": "Happy Valley-Goose Bay", "Resolute": "Resolute, Nunavut",
    "St. John’s": "St. John's, Newfoundland and Labrador", "Darwin": "Darwin, Northern Territory",
    "Eucla": "Eucla, Western Australia", "Lindeman": "Lindeman Island",
    "Stanley": "Stanley, Falkland Islands", "Galapagos": "Galápagos Islands",
    "Mahe": "Mahé, Seychelles", "Chatham": "Chatham Islands", "Kanton": "Kanton Island",
    "Enderbury": "Enderbury Island", "Kwajalein": "Kwajalein Atoll", "Chuuk": "Chuuk State",
    "Bougainville": "Autonomous Region of Bougainville", "Nassau": "Nassau, Bahamas",
    "Reykjavik": "Reykjavík", "Samara": "Samara", "Perth": "Perth",
    "Moncton": "Moncton", "Center, North Dakota": "-", "Unknown City": "-",
    "Atikokan": "-", "Swift Current": "-", "Rankin Inlet": "-", "Cambridge Bay": "-",
    "Blanc-Sablon": "-", "Glace Bay": "-", "Dawson Creek": "-", "Inuvik": "-",
    "Khandyga": "-", "Ust-Nera": "-", "Srednekolymsk": "-", "Kiritimati": "-",
    "Kosrae": "-", "Pohnpei": "-", "Efate": "-", "Gambier": "-", "Marquesas": "-",
    "Fakaofo": "-", "Midway": "-", "Wake Island": "-", "Lord Howe Island": "-",
    "Macquarie Island": "-", "Broken Hill": "-", "Ojinaga": "-", "Bahía de Banderas": "-",
    "Rio Gallegos": "-", "Ushuaia": "-", "Salta": "-", "Eirunepé": "-", "Danmarkshavn": "-",
    "Ittoqqortoormiit": "-", "Thule": "-", "Noronha": "-", "Fernando de Noronha": "-",
}
SKIP_PREFIXES = ("Antarctica/", "Etc/", "America/Indiana/", "America/Kentucky/",
                 "America/North_Dakota/")

# CLDR macro-regions (UN M49) that news names, keyed by their English Wikipedia title.
REGIONS = {
    "002": "Africa", "019": "Americas", "142": "Asia", "150": "Europe", "009": "Oceania",
    "003": "North America", "005": "South America", "013": "Central America",
    "029": "Caribbean", "419": "Latin America", "145": "Western Asia",
    "015": "North Africa", "014": "East Africa", "011": "West Africa",
    "017": "Central Africa", "018": "Southern Africa", "202": "Sub-Saharan Africa",
    "151": "Eastern Europe", "155": "Western Europe", "154": "Northern Europe",
    "039": "Southern Europe", "034": "South Asia", "143": "Central Asia",
    "035": "Southeast Asia", "030": "East Asia",
}


def split_names(name):
    """'ميانمار (بورما)' -> ['ميانمار', 'بورما']; 'هيبرون (مدينة الخليل)' keeps both."""
    name = name.strip()
    if name.endswith(")") and " (" in name:
        head, tail = name[:-1].split(" (", 1)
        return [head.strip(), tail.strip()]
    return [name]


def header(what):
    return [
        f"# {what}. GENERATED by data/kb/gen/gen_cldr.py - do not edit; add to the *_extra.tsv files.",
        f"# Source: Unicode CLDR {get_cldr_version()} via babel {babel.__version__}; "
        f"ISO 3166-1 alpha-3 via pycountry {getattr(pycountry, '__version__', '')} (Debian iso-codes).",
        "# Licence: CLDR data is Copyright (c) 1991-2025 Unicode, Inc., under the Unicode License v3"
        " (https://www.unicode.org/license.txt); iso-codes is LGPL-2.1-or-later.",
    ]


def main():
    ar, en = Locale("ar"), Locale("en")
    caps = {}
    with open(os.path.join(HERE, "capitals.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#")]
    for r in rows[1:]:
        r += [""] * (3 - len(r))
        caps[r[0]] = (r[1], r[2])

    countries = []
    for c in pycountry.countries:
        a2 = c.alpha_2
        if a2 in NOT_COUNTRIES:
            continue
        countries.append((c.alpha_3, a2))
    for a2, (a3, _) in EXTRA.items():
        countries.append((a3, a2))
    countries.sort()
    members = [c for c in countries if c[1] not in KEEP_NON_MEMBERS and c[1] != "XK"]
    assert len(members) == 193, len(members)
    iso2_to_3 = {a2: a3 for a3, a2 in countries}

    out = header("Countries: ISO 3166-1 alpha-3 key, Arabic name from CLDR")
    out.append("# Columns: key (ISO alpha-3), iso2, en (CLDR English), ar (CLDR Arabic; '|' separates"
               " CLDR's parenthesised alternatives), capital (key in places; from gen/capitals.tsv)")
    out.append("key\tiso2\ten\tar\tcapital")
    country_ar = {}
    for a3, a2 in countries:
        cap = caps[a3][0]
        names = split_names(ar.territories[a2])
        country_ar[a2] = set(names)
        out.append("\t".join([a3, a2, en.territories[a2], "|".join(names), "" if cap == "-" else cap]))
    missing = [a3 for a3, _ in countries if a3 not in caps]
    assert not missing, missing
    write(os.path.join(KB, "countries.tsv"), out)

    # Places: exemplar cities, macro-regions, capitals CLDR lacks.
    zt, za = get_global("zone_territories"), get_global("zone_aliases")
    places = {}
    for tz, d in sorted(ar.time_zones.items()):
        city = d.get("city")
        if not city or tz.startswith(SKIP_PREFIXES):
            continue
        terr = zt.get(tz) or zt.get(za.get(tz, ""), "")
        a3 = iso2_to_3.get(terr) or SOVEREIGN.get(terr)
        if not a3:
            continue
        e = en.time_zones.get(tz, {}).get("city") or tz.split("/")[-1].replace("_", " ")
        key = CITY_KEYS.get(e, e)
        if key == "-":
            continue
        if e == en.territories.get(terr):  # an island state's zone: the name is the country's
            continue
        names = [n for n in split_names(city) if n not in country_ar.get(terr, ())]
        if not names:  # the city's name is the country's: a capital row may add it by hand
            continue
        places[key] = ["GPE", a3, names, "cldr:" + tz]
    for code, key in REGIONS.items():
        places[key] = ["LOC", "", split_names(ar.territories[code]), "cldr:" + code]
    for a3, (cap, ar_name) in sorted(caps.items()):
        if cap == "-" or cap in places:
            continue
        assert ar_name, f"capital {cap} of {a3} needs an Arabic name in capitals.tsv"
        places[cap] = ["GPE", a3, [ar_name], "capitals.tsv"]
    out = header("Places: CLDR time-zone exemplar cities, UN M49 regions, capitals")
    out.append("# Columns: key (English Wikipedia title), type, country (ISO alpha-3), ar (names|variants), src")
    out.append("key\ttype\tcountry\tar\tsrc")
    for key in sorted(places):
        t, c, names, src = places[key]
        out.append("\t".join([key, t, c, "|".join(names), src]))
    write(os.path.join(KB, "places.tsv"), out)
    print(f"{len(countries)} countries, {len(places)} places", file=sys.stderr)


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
