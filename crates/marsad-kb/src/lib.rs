//! The knowledge base: who and what Arabic news talks about, and by which names.
//!
//! **Purpose.** Entity linking needs to know that باكو is `Baku`, that الروسي points at
//! `RUS`, and that «الرئيس الإيراني» on 2023-09-26 was `Ebrahim Raisi`. This crate loads
//! those facts from plain TSV files under `data/kb/` (reviewed like code, DESIGN.md §5) and
//! answers three kinds of question: *what is this key* ([`Kb::country`], [`Kb::person`] …),
//! *which entities does this name stand for* ([`Kb::lookup`], [`Kb::find_iter`]), and *who held
//! this office on that day* ([`Kb::holder`]).
//!
//! **Main types.** [`Kb`] owns [`Country`], [`Place`], [`Org`] and [`Person`] records (each
//! person carries its [`Term`]s of office) and an alias index. An [`EntityId`] names one
//! record; an alias maps to one or more [`Candidate`]s, because Arabic names collide (كونغولي
//! is both Congos; طرابلس is two cities). [`Date`] is a calendar date of day, month or year
//! precision, as the offices file writes them.
//!
//! **The design decision.** Every alias is folded with
//! [`marsad_text::fold_str`]`(_, Chain::Match)` — the same folding the annotator runs on text —
//! so spelling families that differ only in alef, hamza seat, ة/ه or ى/ي collapse to one
//! pattern (أردوغان = اردوغان). The folded patterns go into a single character-wise
//! double-array Aho–Corasick automaton (`daachorse`) with leftmost-longest semantics: one
//! pass over a folded document finds every known name, and the longest wins (ناغورني قره باغ
//! over قره باغ). The data files are embedded with `include_str!`, so a binary needs no data
//! directory; a user file adds entities and names on top ([`Kb::load_with_user_file`]).
//! Loading the bundled KB parses and indexes ~7,500 entities and ~19,500 folded aliases in
//! about 45 ms (the `load_time_and_counts` test prints it); the automaton is built on first
//! use.
//!
//! **The gazetteer.** `data/kb/gazetteer.tsv` (generated from GeoNames by
//! `data/kb/gen/gen_geonames.py`, with the first-level divisions of `gen/divisions.tsv`)
//! gives places a [`Geo`]: city or division, the division a city lies in, coordinates and
//! population. It adds coordinates and GeoNames' Arabic names to the places the KB had (same
//! key; those names are [`AliasKind::Gazetteer`], unreviewed) and some 6,000 towns of their
//! own (`curated: false`). Neither kind of name is trusted on sight: the annotator decides
//! them from the document's other places.

#![deny(missing_docs)]

mod date;
mod parse;
pub mod words;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use marsad_text::{fold_str, Chain};

pub use date::Date;

/// The bundled data files, embedded at compile time.
pub mod bundled {
    /// `data/kb/countries.tsv` (generated from CLDR).
    pub const COUNTRIES: &str = include_str!("../../../data/kb/countries.tsv");
    /// `data/kb/countries_extra.tsv` (hand: variants, nationality adjectives).
    pub const COUNTRIES_EXTRA: &str = include_str!("../../../data/kb/countries_extra.tsv");
    /// `data/kb/countries_en.tsv` (hand: English names besides CLDR's).
    pub const COUNTRIES_EN: &str = include_str!("../../../data/kb/countries_en.tsv");
    /// `data/kb/places.tsv` (generated from CLDR).
    pub const PLACES: &str = include_str!("../../../data/kb/places.tsv");
    /// `data/kb/places_extra.tsv` (hand).
    pub const PLACES_EXTRA: &str = include_str!("../../../data/kb/places_extra.tsv");
    /// `data/kb/gazetteer.tsv` (generated from GeoNames and `gen/divisions.tsv`).
    pub const GAZETTEER: &str = include_str!("../../../data/kb/gazetteer.tsv");
    /// `data/kb/orgs.tsv` (hand).
    pub const ORGS: &str = include_str!("../../../data/kb/orgs.tsv");
    /// `data/kb/people.tsv` (hand).
    pub const PEOPLE: &str = include_str!("../../../data/kb/people.tsv");
    /// `data/kb/offices.tsv` (hand).
    pub const OFFICES: &str = include_str!("../../../data/kb/offices.tsv");
    /// `data/kb/office_roles.tsv` (hand).
    pub const OFFICE_ROLES: &str = include_str!("../../../data/kb/office_roles.tsv");
}

/// An error while loading a KB file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line could not be understood.
    #[error("{file}:{line}: {message}\nhelp: fix the row in data/kb/{file} (or the user file)")]
    Parse {
        /// File name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The user file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Entity types of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A geopolitical entity: country or city.
    Gpe,
    /// Another place: region, sea, disputed territory.
    Loc,
}

impl EntityType {
    /// The SCHEMA.md spelling: `PER`, `ORG`, `GPE`, `LOC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "GPE" => Some(EntityType::Gpe),
            "LOC" => Some(EntityType::Loc),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country (UN member or one of PSE, XKX, TWN, ESH, VAT); type `GPE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-3 (`XKX` for Kosovo).
    pub key: String,
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// English short name (CLDR).
    pub en: String,
    /// Other English names news uses (`countries_en.tsv`: Turkey, Britain, DRC).
    pub en_variants: Vec<String>,
    /// Arabic names: CLDR's first, then the hand-added variants.
    pub ar: Vec<String>,
    /// Nationality adjectives, masculine, feminine and plural, with and without ال.
    pub adjectives: Vec<String>,
    /// Key of the capital in the places, if the country has one of its own.
    pub capital: Option<String>,
}

/// A city, region, sea or disputed territory.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// English Wikipedia title (a GeoNames place the KB did not have: its GeoNames name).
    pub key: String,
    /// `GPE` or `LOC`.
    pub etype: EntityType,
    /// Country (ISO alpha-3) it lies in, if one.
    pub country: Option<String>,
    /// Arabic names and variants.
    pub ar: Vec<String>,
    /// Arabic names only the gazetteer gives a curated place (GeoNames' alternate names,
    /// unreviewed: «موصول» is among Mosul's and is also a word). Indexed as
    /// [`AliasKind::Gazetteer`].
    pub ar_gazetteer: Vec<String>,
    /// What the gazetteer knows of it: coordinates, division, population (`None` for a place
    /// GeoNames does not give, such as a sea or a disputed region).
    pub geo: Option<Geo>,
    /// Whether the place is in the hand-kept or CLDR files (`places.tsv`, `places_extra.tsv`):
    /// a place that makes news. A place only the gazetteer has is one of thousands of towns,
    /// and the annotator asks for support in the text before it believes a name is one.
    pub curated: bool,
}

/// How precisely a place locates something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A populated place: city, town, village.
    City,
    /// A first-level division: governorate, province, state, emirate.
    Division,
}

impl PlaceKind {
    /// `city` or `division`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Division => "division",
        }
    }
}

/// A place's entry in the gazetteer (`data/kb/gazetteer.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct Geo {
    /// City or first-level division.
    pub kind: PlaceKind,
    /// Key of the first-level division a city lies in, when the KB has that division.
    pub division: Option<String>,
    /// Latitude, degrees (a division's: its capital's).
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (GeoNames; 0 when unknown).
    pub population: u32,
}

/// An organisation: IGO, agency, outlet, government body, armed force, party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    /// English Wikipedia title.
    pub key: String,
    /// Country (ISO alpha-3); `None` for IGOs and transnational groups.
    pub country: Option<String>,
    /// `igo`, `agency`, `outlet`, `gov_body`, `military`, `party`, `armed_group` or `ngo`.
    pub kind: String,
    /// Arabic names and variants.
    pub ar: Vec<String>,
    /// English names and abbreviations.
    pub en: Vec<String>,
}

/// One term of office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Office code (`head_of_state`, `foreign_minister`, `un_secretary_general` …).
    pub office: String,
    /// Country of the office; `None` for offices of an IGO.
    pub country: Option<String>,
    /// First day in office.
    pub start: Date,
    /// The day the successor took office (exclusive); `None` while in office.
    pub end: Option<Date>,
}

impl Term {
    /// Whether the term covers `date` (start ≤ date < end, at day precision).
    pub fn covers(&self, date: Date) -> bool {
        self.start.first_day() <= date.first_day()
            && self.end.is_none_or(|e| date.first_day() < e.first_day())
    }
}

/// A person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// English Wikipedia title.
    pub key: String,
    /// Country of nationality (ISO alpha-3).
    pub country: String,
    /// Arabic names: the full name first, then variants and short forms.
    pub ar: Vec<String>,
    /// English aliases.
    pub en: Vec<String>,
    /// Offices held, in file order.
    pub terms: Vec<Term>,
}

/// A reference to one record of the KB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityId {
    /// Index into [`Kb::countries`].
    Country(u32),
    /// Index into [`Kb::places`].
    Place(u32),
    /// Index into [`Kb::orgs`].
    Org(u32),
    /// Index into [`Kb::people`].
    Person(u32),
}

/// How an alias names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// A name or spelling variant (Arabic).
    Name,
    /// A nationality adjective of a country (الروسي، الروس).
    Adjective,
    /// An English name or abbreviation.
    English,
    /// An Arabic name of a curated place that only the gazetteer gives (unreviewed).
    Gazetteer,
}

/// One entity an alias may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Candidate {
    /// The entity.
    pub id: EntityId,
    /// How the alias names it.
    pub kind: AliasKind,
}

/// A name found by [`Kb::find_iter`]: byte offsets into the folded text and the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'kb> {
    /// Start byte offset in the folded text.
    pub start: usize,
    /// End byte offset (exclusive) in the folded text.
    pub end: usize,
    /// The entities the name may stand for (at least one).
    pub candidates: &'kb [Candidate],
}

/// A row of `office_roles.tsv`: the office, the country its phrases name by themselves,
/// and the phrases.
pub(crate) type RoleRow = (String, Option<String>, Vec<String>);

/// The knowledge base.
pub struct Kb {
    countries: Vec<Country>,
    places: Vec<Place>,
    orgs: Vec<Org>,
    people: Vec<Person>,
    /// Office, the country a phrase names by itself («خادم الحرمين الشريفين»: Saudi
    /// Arabia's head of state), and the phrases.
    roles: Vec<RoleRow>,
    by_key: HashMap<String, EntityId>,
    country_by_key: HashMap<String, u32>,
    aliases: Vec<(String, Vec<Candidate>)>,
    alias_index: HashMap<String, u32>,
    /// Built on the first [`Kb::find_iter`]: the annotator looks names up word by word and
    /// never needs it, and with the gazetteer's ~20,000 aliases building it is most of the
    /// load time.
    automaton: OnceLock<CharwiseDoubleArrayAhoCorasick<u32>>,
}

impl fmt::Debug for Kb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Kb")
            .field("countries", &self.countries.len())
            .field("places", &self.places.len())
            .field("orgs", &self.orgs.len())
            .field("people", &self.people.len())
            .field("aliases", &self.aliases.len())
            .finish()
    }
}

/// Folds a name the way the index and the annotator do.
pub fn fold_name(s: &str) -> String {
    let folded = fold_str(s.trim(), Chain::Match);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Kb {
    /// Loads the KB embedded in the binary.
    pub fn load_bundled() -> Result<Kb, Error> {
        Self::build(None)
    }

    /// Loads the bundled KB and then the user's file on top (see [`Kb::load_with_user_str`]).
    pub fn load_with_user_file(path: &Path) -> Result<Kb, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::build(Some((path.display().to_string(), text)))
    }

    /// Loads the bundled KB and a user file given as text. The user file is TSV with the header
    /// `key`, `type`, `country`, `ar`, `en_aliases` (tab-separated), `type` one of `PER`, `ORG`, `GPE`, `LOC`,
    /// `COUNTRY`. A row whose key exists adds its names to that entity; a new key adds an
    /// entity (people without offices).
    pub fn load_with_user_str(name: &str, text: &str) -> Result<Kb, Error> {
        Self::build(Some((name.to_string(), text.to_string())))
    }

    fn build(user: Option<(String, String)>) -> Result<Kb, Error> {
        let mut kb = parse::load_bundled()?;
        if let Some((name, text)) = user {
            parse::load_user(&mut kb, &name, &text)?;
        }
        kb.index()
    }

    fn index(mut self) -> Result<Kb, Error> {
        self.by_key.clear();
        self.country_by_key.clear();
        for (i, c) in self.countries.iter().enumerate() {
            self.country_by_key.insert(c.key.clone(), i as u32);
        }
        // Keys: people first, then orgs, then places, so a clash is visible in validate().
        for (i, p) in self.places.iter().enumerate() {
            self.by_key.insert(p.key.clone(), EntityId::Place(i as u32));
        }
        for (i, o) in self.orgs.iter().enumerate() {
            self.by_key.insert(o.key.clone(), EntityId::Org(i as u32));
        }
        for (i, p) in self.people.iter().enumerate() {
            self.by_key
                .insert(p.key.clone(), EntityId::Person(i as u32));
        }
        let mut aliases: Vec<(String, Vec<Candidate>)> = Vec::new();
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut add = |name: &str, id: EntityId, kind: AliasKind| {
            let folded = fold_name(name);
            if folded.is_empty() {
                return;
            }
            let slot = *index.entry(folded.clone()).or_insert_with(|| {
                aliases.push((folded, Vec::new()));
                (aliases.len() - 1) as u32
            });
            let cands = &mut aliases[slot as usize].1;
            let cand = Candidate { id, kind };
            if !cands.contains(&cand) {
                cands.push(cand);
            }
        };
        for (i, c) in self.countries.iter().enumerate() {
            let id = EntityId::Country(i as u32);
            for n in &c.ar {
                add(n, id, AliasKind::Name);
            }
            for n in &c.adjectives {
                add(n, id, AliasKind::Adjective);
            }
            add(&c.en, id, AliasKind::English);
            for n in &c.en_variants {
                add(n, id, AliasKind::English);
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            let id = EntityId::Place(i as u32);
            for n in &p.ar {
                add(n, id, AliasKind::Name);
            }
            for n in &p.ar_gazetteer {
                add(n, id, AliasKind::Gazetteer);
            }
            add(&p.key, id, AliasKind::English);
        }
        for (i, o) in self.orgs.iter().enumerate() {
            let id = EntityId::Org(i as u32);
            for n in &o.ar {
                add(n, id, AliasKind::Name);
            }
            add(&o.key, id, AliasKind::English);
            for n in &o.en {
                add(n, id, AliasKind::English);
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            let id = EntityId::Person(i as u32);
            for n in &p.ar {
                add(n, id, AliasKind::Name);
            }
            add(&p.key, id, AliasKind::English);
            for n in &p.en {
                add(n, id, AliasKind::English);
            }
        }
        self.aliases = aliases;
        self.alias_index = index;
        self.automaton = OnceLock::new();
        Ok(self)
    }

    fn automaton(&self) -> &CharwiseDoubleArrayAhoCorasick<u32> {
        self.automaton.get_or_init(|| {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build_with_values(
                    self.aliases
                        .iter()
                        .enumerate()
                        .map(|(i, (s, _))| (s.as_str(), i as u32)),
                )
                // Every alias is a non-empty folded name (empty ones are never added), and
                // the count is far below daachorse's limit: a failure is a bug here.
                .expect("the alias automaton builds")
        })
    }

    /// All countries, in key order.
    pub fn countries(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }

    /// All places.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.places.iter()
    }

    /// All organisations.
    pub fn orgs(&self) -> impl Iterator<Item = &Org> {
        self.orgs.iter()
    }

    /// All people.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter()
    }

    /// Office codes, the country when the phrases name it themselves (`office@ISO3` in
    /// the file: «خادم الحرمين الشريفين» is Saudi Arabia's head of state, with no country
    /// word), and the Arabic role phrases that name them (office_roles.tsv).
    pub fn office_roles(&self) -> impl Iterator<Item = (&str, Option<&str>, &[String])> {
        self.roles
            .iter()
            .map(|(o, c, p)| (o.as_str(), c.as_deref(), p.as_slice()))
    }

    /// The office a role phrase names (`وزير الخارجية` → `foreign_minister`), folded match.
    pub fn office_of_role(&self, phrase: &str) -> Option<&str> {
        let f = fold_name(phrase);
        self.roles
            .iter()
            .find(|(_, _, ps)| ps.iter().any(|p| fold_name(p) == f))
            .map(|(o, _, _)| o.as_str())
    }

    /// The country with this ISO alpha-3 key.
    pub fn country(&self, key: &str) -> Option<&Country> {
        self.country_by_key
            .get(key)
            .map(|&i| &self.countries[i as usize])
    }

    /// The person with this key.
    pub fn person(&self, key: &str) -> Option<&Person> {
        match self.by_key.get(key) {
            Some(EntityId::Person(i)) => Some(&self.people[*i as usize]),
            _ => None,
        }
    }

    /// The place with this key.
    pub fn place(&self, key: &str) -> Option<&Place> {
        match self.by_key.get(key) {
            Some(EntityId::Place(i)) => Some(&self.places[*i as usize]),
            _ => None,
        }
    }

    /// The place an id names (`None` for a country, an organisation or a person).
    pub fn place_of(&self, id: EntityId) -> Option<&Place> {
        match id {
            EntityId::Place(i) => self.places.get(i as usize),
            _ => None,
        }
    }

    /// The organisation with this key.
    pub fn org(&self, key: &str) -> Option<&Org> {
        match self.by_key.get(key) {
            Some(EntityId::Org(i)) => Some(&self.orgs[*i as usize]),
            _ => None,
        }
    }

    /// The id of the entity with this key (countries by ISO alpha-3).
    pub fn id(&self, key: &str) -> Option<EntityId> {
        self.country_by_key
            .get(key)
            .map(|&i| EntityId::Country(i))
            .or_else(|| self.by_key.get(key).copied())
    }

    /// The key of an entity.
    pub fn key(&self, id: EntityId) -> &str {
        match id {
            EntityId::Country(i) => &self.countries[i as usize].key,
            EntityId::Place(i) => &self.places[i as usize].key,
            EntityId::Org(i) => &self.orgs[i as usize].key,
            EntityId::Person(i) => &self.people[i as usize].key,
        }
    }

    /// The SCHEMA.md type of an entity.
    pub fn entity_type(&self, id: EntityId) -> EntityType {
        match id {
            EntityId::Country(_) => EntityType::Gpe,
            EntityId::Place(i) => self.places[i as usize].etype,
            EntityId::Org(_) => EntityType::Org,
            EntityId::Person(_) => EntityType::Per,
        }
    }

    /// The entities a name may stand for; the name is folded first. Empty if unknown.
    pub fn lookup(&self, name: &str) -> &[Candidate] {
        self.alias_index
            .get(&fold_name(name))
            .map(|&i| self.aliases[i as usize].1.as_slice())
            .unwrap_or(&[])
    }

    /// Number of distinct folded aliases in the index.
    pub fn alias_count(&self) -> usize {
        self.aliases.len()
    }

    /// Iterates over distinct folded aliases and their candidates.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &[Candidate])> {
        self.aliases.iter().map(|(s, c)| (s.as_str(), c.as_slice()))
    }

    /// Finds known names in `folded` (text already folded with `Chain::Match`), leftmost-longest,
    /// keeping only matches that start and end on word boundaries (not inside an Arabic or Latin
    /// word). Clitics (و، ب، ل، ال) are the caller's business. The automaton is built on the
    /// first call (tens of milliseconds).
    ///
    /// # Panics
    /// If the automaton cannot be built, which the KB's tests rule out for the bundled data.
    pub fn find_iter<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = Found<'a>> + 'a {
        self.automaton()
            .leftmost_find_iter(folded)
            .filter(move |m| {
                let before = folded[..m.start()].chars().next_back();
                let after = folded[m.end()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
            .map(move |m| Found {
                start: m.start(),
                end: m.end(),
                candidates: &self.aliases[m.value() as usize].1,
            })
    }

    /// The person who held `office` for `country` (`None` for IGO offices) on `date`.
    ///
    /// ```
    /// use marsad_kb::{Date, Kb};
    /// let kb = Kb::load_bundled().unwrap();
    /// let d: Date = "2023-09-26".parse().unwrap();
    /// assert_eq!(kb.holder("head_of_state", Some("IRN"), d).unwrap().key, "Ebrahim Raisi");
    /// ```
    pub fn holder(&self, office: &str, country: Option<&str>, date: Date) -> Option<&Person> {
        self.people.iter().find(|p| {
            p.terms
                .iter()
                .any(|t| t.office == office && t.country.as_deref() == country && t.covers(date))
        })
    }

    /// Checks the KB's invariants and returns one line per problem (empty when sound): keys
    /// unique, every alias resolving to its entity, no overlapping terms of one office in one
    /// country, every referenced country, capital and person existing.
    pub fn validate(&self) -> Vec<String> {
        parse::validate(self)
    }
}
