//! Reading the TSV files and checking the KB's invariants.

use std::collections::{HashMap, HashSet};

use crate::{
    bundled, fold_name, Country, EntityId, EntityType, Error, Geo, Kb, Org, Person, Place,
    PlaceKind, Term,
};

/// Data rows of a TSV file: comments (`#`) and the header row skipped, with line numbers.
fn rows<'a>(
    file: &'a str,
    text: &'a str,
    header: &'a [&'a str],
) -> impl Iterator<Item = Result<(usize, Vec<&'a str>), Error>> + 'a {
    let mut seen_header = false;
    text.lines().enumerate().filter_map(move |(i, line)| {
        let line_no = i + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            return None;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if !seen_header {
            seen_header = true;
            if fields != header {
                return Some(Err(err(
                    file,
                    line_no,
                    format!("header must be {header:?}"),
                )));
            }
            return None;
        }
        if fields.len() != header.len() {
            return Some(Err(err(
                file,
                line_no,
                format!("{} fields, expected {}", fields.len(), header.len()),
            )));
        }
        Some(Ok((line_no, fields)))
    })
}

fn err(file: &str, line: usize, message: String) -> Error {
    Error::Parse {
        file: file.to_string(),
        line,
        message,
    }
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "-")
        .map(String::from)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn push_unique(v: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for x in items {
        if !v.contains(&x) {
            v.push(x);
        }
    }
}

/// `كوري جنوبي` → `الكوري الجنوبي`: the article on every word, unless already there.
fn with_article(adj: &str) -> String {
    adj.split(' ')
        .map(|w| {
            if w.starts_with("ال") {
                w.to_string()
            } else {
                format!("ال{w}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Expands the adjective columns of countries_extra.tsv (see its header).
fn adjectives(masc: &str, fem: &str, plural: &str) -> Vec<String> {
    let masc = list(masc);
    let fem = if fem.trim().is_empty() {
        masc.iter()
            .filter(|m| !m.contains(' '))
            .map(|m| format!("{m}ة"))
            .collect()
    } else {
        list(fem)
    };
    let plural = if plural.trim().is_empty() {
        masc.iter()
            .filter(|m| !m.contains(' '))
            .flat_map(|m| [format!("{m}ون"), format!("{m}ين")])
            .collect()
    } else {
        list(plural)
    };
    let mut out = Vec::new();
    for form in masc.iter().chain(&fem).chain(&plural) {
        push_unique(&mut out, [form.clone()]);
        push_unique(&mut out, [with_article(form)]);
    }
    out
}

/// The bundled KB: each kind of record from its files (`data/kb/*.tsv`), indexes empty
/// (the caller builds them).
pub(crate) fn load_bundled() -> Result<Kb, Error> {
    let countries = load_countries()?;
    let (mut places, mut place_pos) = load_curated_places()?;
    add_gazetteer(&mut places, &mut place_pos)?;
    let orgs = load_orgs()?;
    let mut people = load_people()?;
    add_terms(&mut people)?;
    let roles = load_roles()?;
    Ok(Kb {
        countries,
        places,
        orgs,
        people,
        roles,
        by_key: HashMap::new(),
        country_by_key: HashMap::new(),
        aliases: Vec::new(),
        alias_index: HashMap::new(),
        automaton: std::sync::OnceLock::new(),
    })
}

/// Countries from CLDR, with the hand-written variants and adjectives, and the English
/// names CLDR lacks.
fn load_countries() -> Result<Vec<Country>, Error> {
    let mut countries = Vec::new();
    for r in rows(
        "countries.tsv",
        bundled::COUNTRIES,
        &["key", "iso2", "en", "ar", "capital"],
    ) {
        let (_, f) = r?;
        countries.push(Country {
            key: f[0].to_string(),
            iso2: f[1].to_string(),
            en: f[2].to_string(),
            en_variants: Vec::new(),
            ar: list(f[3]),
            adjectives: Vec::new(),
            capital: opt(f[4]),
        });
    }
    let pos: HashMap<String, usize> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();
    let header = ["key", "ar_variants", "masc", "fem", "plural"];
    for r in rows("countries_extra.tsv", bundled::COUNTRIES_EXTRA, &header) {
        let (line, f) = r?;
        let Some(&i) = pos.get(f[0]) else {
            return Err(err(
                "countries_extra.tsv",
                line,
                format!("unknown country {}", f[0]),
            ));
        };
        push_unique(&mut countries[i].ar, list(f[1]));
        let adj = adjectives(f[2], f[3], f[4]);
        push_unique(&mut countries[i].adjectives, adj);
    }
    for r in rows(
        "countries_en.tsv",
        bundled::COUNTRIES_EN,
        &["key", "en_variants"],
    ) {
        let (line, f) = r?;
        let Some(&i) = pos.get(f[0]) else {
            return Err(err(
                "countries_en.tsv",
                line,
                format!("unknown country {}", f[0]),
            ));
        };
        push_unique(&mut countries[i].en_variants, list(f[1]));
    }
    Ok(countries)
}

/// The places of `places.tsv` and `places_extra.tsv` (curated), with the index of each key:
/// a key written twice adds its names to the first row.
fn load_curated_places() -> Result<(Vec<Place>, HashMap<String, usize>), Error> {
    let mut places: Vec<Place> = Vec::new();
    let mut place_pos: HashMap<String, usize> = HashMap::new();
    for (file, text, header) in [
        (
            "places.tsv",
            bundled::PLACES,
            &["key", "type", "country", "ar", "src"][..],
        ),
        (
            "places_extra.tsv",
            bundled::PLACES_EXTRA,
            &["key", "type", "country", "ar"][..],
        ),
    ] {
        for r in rows(file, text, header) {
            let (line, f) = r?;
            let etype = match EntityType::parse(f[1]) {
                Some(t @ (EntityType::Gpe | EntityType::Loc)) => t,
                _ => {
                    return Err(err(
                        file,
                        line,
                        format!("type {:?}: expected GPE or LOC", f[1]),
                    ))
                }
            };
            if let Some(&i) = place_pos.get(f[0]) {
                push_unique(&mut places[i].ar, list(f[3]));
                continue;
            }
            place_pos.insert(f[0].to_string(), places.len());
            places.push(Place {
                key: f[0].to_string(),
                etype,
                country: opt(f[2]),
                ar: list(f[3]),
                ar_gazetteer: Vec::new(),
                geo: None,
                curated: true,
            });
        }
    }
    Ok((places, place_pos))
}

/// The gazetteer: where each known place is, with GeoNames' Arabic names as unreviewed
/// spellings, and the towns and divisions the curated files lack.
fn add_gazetteer(
    places: &mut Vec<Place>,
    place_pos: &mut HashMap<String, usize>,
) -> Result<(), Error> {
    let header = [
        "key",
        "type",
        "country",
        "kind",
        "division",
        "lat",
        "lon",
        "population",
        "ar",
        "src",
    ];
    for r in rows("gazetteer.tsv", bundled::GAZETTEER, &header) {
        let (line, f) = r?;
        let bad = |what: &str| err("gazetteer.tsv", line, format!("bad {what}"));
        let geo = Geo {
            kind: match f[3] {
                "city" => PlaceKind::City,
                "division" => PlaceKind::Division,
                _ => return Err(bad("kind (city or division)")),
            },
            division: opt(f[4]),
            lat: f[5].parse().map_err(|_| bad("lat"))?,
            lon: f[6].parse().map_err(|_| bad("lon"))?,
            population: f[7].parse().map_err(|_| bad("population"))?,
        };
        // A place the KB already has keeps its key, type and country; the gazetteer adds
        // where it is and GeoNames' Arabic names.
        if let Some(&i) = place_pos.get(f[0]) {
            let p = &mut places[i];
            let known: Vec<String> = p.ar.iter().map(|n| fold_name(n)).collect();
            let new = list(f[8])
                .into_iter()
                .filter(|n| !known.contains(&fold_name(n)));
            push_unique(&mut p.ar_gazetteer, new);
            p.geo = Some(geo);
            continue;
        }
        // Divisions are hand-written (gen/divisions.tsv) and reviewed; GeoNames' towns are not.
        let curated = geo.kind == PlaceKind::Division;
        if EntityType::parse(f[1]) != Some(EntityType::Gpe) {
            return Err(bad("type (GPE)"));
        }
        place_pos.insert(f[0].to_string(), places.len());
        places.push(Place {
            key: f[0].to_string(),
            etype: EntityType::Gpe,
            country: opt(f[2]),
            ar: list(f[8]),
            ar_gazetteer: Vec::new(),
            geo: Some(geo),
            curated,
        });
    }
    Ok(())
}

fn load_orgs() -> Result<Vec<Org>, Error> {
    let mut orgs = Vec::new();
    let header = ["key", "type", "country", "kind", "ar", "en_aliases"];
    for r in rows("orgs.tsv", bundled::ORGS, &header) {
        let (line, f) = r?;
        if f[1] != "ORG" {
            return Err(err(
                "orgs.tsv",
                line,
                format!("type {:?}: expected ORG", f[1]),
            ));
        }
        orgs.push(Org {
            key: f[0].to_string(),
            country: opt(f[2]),
            kind: f[3].to_string(),
            ar: list(f[4]),
            en: list(f[5]),
        });
    }
    Ok(orgs)
}

fn load_people() -> Result<Vec<Person>, Error> {
    let mut people = Vec::new();
    for r in rows(
        "people.tsv",
        bundled::PEOPLE,
        &["key", "country", "ar", "en_aliases"],
    ) {
        let (_, f) = r?;
        people.push(Person {
            key: f[0].to_string(),
            country: f[1].to_string(),
            ar: list(f[2]),
            en: list(f[3]),
            terms: Vec::new(),
        });
    }
    Ok(people)
}

/// Terms of office (`offices.tsv`), each given to its person.
fn add_terms(people: &mut [Person]) -> Result<(), Error> {
    let person_pos: HashMap<String, usize> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key.clone(), i))
        .collect();
    let header = ["person", "office", "country", "start", "end"];
    for r in rows("offices.tsv", bundled::OFFICES, &header) {
        let (line, f) = r?;
        let Some(&i) = person_pos.get(f[0]) else {
            return Err(err(
                "offices.tsv",
                line,
                format!("unknown person {:?}", f[0]),
            ));
        };
        let date = |s: &str| {
            s.parse()
                .map_err(|e: crate::date::BadDate| err("offices.tsv", line, e.to_string()))
        };
        let start = date(f[3])?;
        let end = if f[4].is_empty() {
            None
        } else {
            Some(date(f[4])?)
        };
        people[i].terms.push(Term {
            office: f[1].to_string(),
            country: opt(f[2]),
            start,
            end,
        });
    }
    Ok(())
}

/// Role phrases by office (`office_roles.tsv`).
/// `office@ISO3` is an office whose phrases name their country themselves.
fn load_roles() -> Result<Vec<crate::RoleRow>, Error> {
    let mut roles = Vec::new();
    for r in rows(
        "office_roles.tsv",
        bundled::OFFICE_ROLES,
        &["office", "ar_phrases"],
    ) {
        let (_, f) = r?;
        let (office, country) = match f[0].split_once('@') {
            Some((o, c)) => (o, Some(c.to_string())),
            None => (f[0], None),
        };
        roles.push((office.to_string(), country, list(f[1])));
    }
    Ok(roles)
}

pub(crate) fn load_user(kb: &mut Kb, file: &str, text: &str) -> Result<(), Error> {
    let header = ["key", "type", "country", "ar", "en_aliases"];
    for r in rows(file, text, &header) {
        let (line, f) = r?;
        let (key, ar, en, country) = (f[0], list(f[3]), list(f[4]), opt(f[2]));
        match f[1] {
            "COUNTRY" => {
                let Some(c) = kb.countries.iter_mut().find(|c| c.key == key) else {
                    return Err(err(file, line, format!("unknown country {key}")));
                };
                push_unique(&mut c.ar, ar);
            }
            "PER" => match kb.people.iter_mut().find(|p| p.key == key) {
                Some(p) => {
                    push_unique(&mut p.ar, ar);
                    push_unique(&mut p.en, en);
                }
                None => kb.people.push(Person {
                    key: key.to_string(),
                    country: country.unwrap_or_default(),
                    ar,
                    en,
                    terms: Vec::new(),
                }),
            },
            "ORG" => match kb.orgs.iter_mut().find(|o| o.key == key) {
                Some(o) => {
                    push_unique(&mut o.ar, ar);
                    push_unique(&mut o.en, en);
                }
                None => kb.orgs.push(Org {
                    key: key.to_string(),
                    country,
                    kind: "user".into(),
                    ar,
                    en,
                }),
            },
            t @ ("GPE" | "LOC") => match kb.places.iter_mut().find(|p| p.key == key) {
                Some(p) => push_unique(&mut p.ar, ar),
                None => kb.places.push(Place {
                    key: key.to_string(),
                    etype: EntityType::parse(t).expect("GPE or LOC"),
                    country,
                    ar,
                    ar_gazetteer: Vec::new(),
                    geo: None,
                    // The user named it: it makes their news.
                    curated: true,
                }),
            },
            other => {
                return Err(err(
                    file,
                    line,
                    format!("type {other:?}: expected PER, ORG, GPE, LOC or COUNTRY"),
                ))
            }
        }
    }
    Ok(())
}

/// The KB's own test: every problem found, sorted (none for a sound KB).
pub(crate) fn validate(kb: &Kb) -> Vec<String> {
    let mut problems = Vec::new();
    check_unique_keys(kb, &mut problems);
    check_countries(kb, &mut problems);
    check_places(kb, &mut problems);
    check_orgs_and_people(kb, &mut problems);
    check_aliases_resolve(kb, &mut problems);
    check_terms_do_not_overlap(kb, &mut problems);
    problems.sort();
    problems
}

/// Unique keys, across people, orgs and places (countries have their own ISO namespace).
fn check_unique_keys(kb: &Kb, problems: &mut Vec<String>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let all_keys = kb
        .places
        .iter()
        .map(|p| p.key.as_str())
        .chain(kb.orgs.iter().map(|o| o.key.as_str()))
        .chain(kb.people.iter().map(|p| p.key.as_str()));
    for k in all_keys {
        if !seen.insert(k) {
            problems.push(format!("duplicate key {k:?}"));
        }
    }
}

/// Unique country keys, an Arabic name each, capitals that are places.
fn check_countries(kb: &Kb, problems: &mut Vec<String>) {
    let mut iso = HashSet::new();
    for c in &kb.countries {
        if !iso.insert(c.key.as_str()) {
            problems.push(format!("duplicate country {}", c.key));
        }
        if c.ar.is_empty() {
            problems.push(format!("country {} has no Arabic name", c.key));
        }
        if let Some(cap) = &c.capital {
            if kb.place(cap).is_none() {
                problems.push(format!("capital {cap:?} of {} is not a place", c.key));
            }
        }
    }
}

/// Each place: a known country, an Arabic name, a division of its own country, coordinates
/// in range.
fn check_places(kb: &Kb, problems: &mut Vec<String>) {
    let country_ok = |c: &str| kb.country(c).is_some();
    for p in &kb.places {
        if let Some(c) = &p.country {
            if !country_ok(c) {
                problems.push(format!("place {:?}: unknown country {c}", p.key));
            }
        }
        if p.ar.is_empty() {
            problems.push(format!("place {:?} has no Arabic name", p.key));
        }
        if let Some(d) = p.geo.as_ref().and_then(|g| g.division.as_deref()) {
            let ok = kb.place(d).is_some_and(|dp| {
                dp.geo
                    .as_ref()
                    .is_some_and(|g| g.kind == PlaceKind::Division)
                    && dp.country == p.country
            });
            if !ok {
                problems.push(format!(
                    "place {:?}: {d:?} is not a division of its country",
                    p.key
                ));
            }
        }
        if let Some(g) = &p.geo {
            if !(-90.0..=90.0).contains(&g.lat) || !(-180.0..=180.0).contains(&g.lon) {
                problems.push(format!("place {:?}: coordinates out of range", p.key));
            }
        }
    }
}

/// Orgs and people in known countries; people named in Arabic, with terms that end after
/// they start.
fn check_orgs_and_people(kb: &Kb, problems: &mut Vec<String>) {
    let country_ok = |c: &str| kb.country(c).is_some();
    for o in &kb.orgs {
        if let Some(c) = &o.country {
            if !country_ok(c) {
                problems.push(format!("org {:?}: unknown country {c}", o.key));
            }
        }
    }
    for p in &kb.people {
        if !country_ok(&p.country) {
            problems.push(format!("person {:?}: unknown country {}", p.key, p.country));
        }
        if p.ar.is_empty() {
            problems.push(format!("person {:?} has no Arabic name", p.key));
        }
        for t in &p.terms {
            if let Some(c) = &t.country {
                if !country_ok(c) {
                    problems.push(format!("{}: {} in unknown country {c}", p.key, t.office));
                }
            }
            if let Some(e) = t.end {
                if e.first_day() <= t.start.first_day() {
                    problems.push(format!(
                        "{}: {} ends {e} before it starts {}",
                        p.key, t.office, t.start
                    ));
                }
            }
        }
    }
}

/// Every alias resolves to its entity.
fn check_aliases_resolve(kb: &Kb, problems: &mut Vec<String>) {
    let mut check = |name: &str, id: EntityId| {
        if fold_name(name).is_empty() {
            return;
        }
        if !kb.lookup(name).iter().any(|c| c.id == id) {
            problems.push(format!("alias {name:?} does not resolve to {}", kb.key(id)));
        }
    };
    for (i, c) in kb.countries.iter().enumerate() {
        for n in c.ar.iter().chain(&c.adjectives) {
            check(n, EntityId::Country(i as u32));
        }
    }
    for (i, p) in kb.places.iter().enumerate() {
        for n in p.ar.iter().chain(&p.ar_gazetteer) {
            check(n, EntityId::Place(i as u32));
        }
    }
    for (i, o) in kb.orgs.iter().enumerate() {
        for n in o.ar.iter().chain(&o.en) {
            check(n, EntityId::Org(i as u32));
        }
    }
    for (i, p) in kb.people.iter().enumerate() {
        for n in p.ar.iter().chain(&p.en) {
            check(n, EntityId::Person(i as u32));
        }
    }
}

/// No two holders of one office in one country at the same time, and every office has
/// its role phrases.
fn check_terms_do_not_overlap(kb: &Kb, problems: &mut Vec<String>) {
    type Holders<'a> = Vec<(&'a Term, &'a str)>;
    let mut terms: HashMap<(&str, Option<&str>), Holders> = HashMap::new();
    for p in &kb.people {
        for t in &p.terms {
            terms
                .entry((t.office.as_str(), t.country.as_deref()))
                .or_default()
                .push((t, p.key.as_str()));
        }
    }
    let known_offices: HashSet<&str> = kb.roles.iter().map(|(o, _, _)| o.as_str()).collect();
    for (office, country, _) in &kb.roles {
        if let Some(c) = country {
            if !kb.countries.iter().any(|k| &k.key == c) {
                problems.push(format!(
                    "office_roles.tsv: {office}@{c}: unknown country {c}"
                ));
            }
        }
    }
    for ((office, country), mut ts) in terms {
        if !known_offices.contains(office) {
            problems.push(format!("office {office:?} has no row in office_roles.tsv"));
        }
        ts.sort_by_key(|(t, _)| t.start.first_day());
        for w in ts.windows(2) {
            let ((a, ka), (b, kb_)) = (w[0], w[1]);
            let overlaps = match a.end {
                None => true,
                Some(e) => e.first_day() > b.start.first_day(),
            };
            if overlaps {
                problems.push(format!(
                    "{office} {}: {ka} ({}–{}) overlaps {kb_} (from {})",
                    country.unwrap_or("-"),
                    a.start,
                    a.end.map(|d| d.to_string()).unwrap_or_default(),
                    b.start
                ));
            }
        }
    }
}
