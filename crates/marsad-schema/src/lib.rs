//! The document record: what `marsad extract` prints, what the store keeps and what
//! `shared/gold/score.py` scores.
//!
//! # Brief overview
//!
//! One [`Document`] flows through Marsad's stages. The readers and the cleaner fill its
//! page fields (`doc`, `url`, `title`, `outlet`, `authors`, `published`, `text`, `lang`);
//! later stages append [`Entity`], [`DateMention`] and [`Event`] values. Every offset in
//! the record counts Unicode scalar values (characters, not bytes) into the cleaned
//! `text`, end exclusive, so a consumer in any language can slice the evidence back out.
//!
//! The one design decision: this crate holds *data only*, with serde derives and no
//! behaviour, so that every stage can depend on it without depending on each other, and
//! the wire shape of the record is reviewable in one file (SCHEMA.md mirrors it).
//!
//! ```
//! use marsad_schema::Document;
//! let doc = Document::new("samples/wire.txt", "بحث الرئيسان الوضع.".to_string());
//! assert_eq!(doc.doc, "samples/wire.txt");
//! assert!(doc.entities.is_empty());
//! ```
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

/// One news page after extraction (SCHEMA.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Where the page came from: a path, a WARC record id or a URL. A page split into
    /// several records gives each a `#N` suffix.
    pub doc: String,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// ISO 639-1 code of the main text, when it could be identified.
    pub lang: Option<String>,
    /// The headline, once, or `None` when the page shows none.
    pub title: Option<String>,
    /// The publisher or agency credited.
    pub outlet: Option<String>,
    /// Bylines, in page order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 at the precision known (`2024-08-19`).
    pub published: Option<String>,
    /// When a crawler took the page (a WARC record's `WARC-Date`, a feed's `crawled` /
    /// `date_extracted`): never a date of the page's events, but the nearest day known
    /// when `published` is missing, for who held which office («وزير الخارجية الأمريكي»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crawled: Option<String>,
    /// What kind of page it is (`marsad_topic`): politics, sport, economy, culture or
    /// opinion, and how sure. The events stage reads no events out of a page that is
    /// plainly a match report or a market page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<PageTopic>,
    /// The cleaned article body: no boilerplate, no repeated paragraphs. Paragraphs are
    /// separated by a blank line. This is the coordinate system of every offset.
    pub text: String,
    /// The `doc` of an earlier (near-)duplicate, when one was seen.
    pub duplicate_of: Option<String>,
    /// Named entities with their mentions.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Temporal expressions with their normalized values.
    #[serde(default)]
    pub dates: Vec<DateMention>,
    /// Events (PLOVER types).
    #[serde(default)]
    pub events: Vec<Event>,
}

impl Document {
    /// A record with its origin and cleaned text and every other field empty.
    pub fn new(doc: impl Into<String>, text: String) -> Document {
        Document {
            doc: doc.into(),
            url: None,
            lang: None,
            title: None,
            outlet: None,
            authors: Vec::new(),
            published: None,
            crawled: None,
            topic: None,
            text,
            duplicate_of: None,
            entities: Vec::new(),
            dates: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The day relative dates («أمس», «الاثنين الماضي») are placed against and events
    /// without a date word take: the `YYYY-MM-DD` of `published`, or, when the page has no
    /// publication day, of `crawled`. A crawl day is the nearest day known for a feed of
    /// the day's news (SaudiNewsNet's `date_extracted`, a news crawl's `WARC-Date`); a page
    /// crawled long after it was written is placed too late, which is why a feed that
    /// knows the publication day should give it.
    ///
    /// ```
    /// let mut d = marsad_schema::Document::new("d", String::new());
    /// d.crawled = Some("2015-07-21 02:52:12".into());
    /// assert_eq!(d.anchor_day(), Some("2015-07-21"));
    /// d.published = Some("2015-07-20".into());
    /// assert_eq!(d.anchor_day(), Some("2015-07-20"));
    /// ```
    pub fn anchor_day(&self) -> Option<&str> {
        fn day(v: Option<&String>) -> Option<&str> {
            let day = v?.trim().get(..10)?;
            let b = day.as_bytes();
            let shape = b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
            shape.then_some(day)
        }
        day(self.published.as_ref()).or_else(|| day(self.crawled.as_ref()))
    }
}

/// The confidence from which `marsad events`, the HTTP API and the desk show an event
/// unless asked for all. On the development split of `tests/realnews`, events at 0.70 or
/// above were right (type and an actor) about two times in three, those below about one
/// time in three; the threshold keeps about 60% of the events.
pub const TRUSTED_CONFIDENCE: f32 = 0.70;

/// A score of 0 to 1 written as the decimal it stands for: `0.85`, not the `f32`'s
/// widening `0.8500000238418579` that a JSON value built through `serde_json::to_value`
/// (the desk's answers) would otherwise print. Four places are more than any score holds.
fn decimal<S: serde::Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*v) * 1e4).round() / 1e4)
}

/// A page's topic: its most probable class and that class's probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageTopic {
    /// `politics`, `sport`, `economy`, `culture` or `opinion`.
    pub class: String,
    /// The probability of `class`, 0 to 1.
    #[serde(serialize_with = "decimal")]
    pub p: f32,
}

/// Entity types of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation: government body, IGO, party, company, outlet.
    #[serde(rename = "ORG")]
    Organization,
    /// A geopolitical entity: a country (key = ISO alpha-3) or a city.
    #[serde(rename = "GPE")]
    Gpe,
    /// Another place: region, sea, disputed territory.
    #[serde(rename = "LOC")]
    Location,
}

/// A character range into [`Document::text`] with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First character, counted in Unicode scalar values.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text, as it stands in `text`.
    pub text: String,
    /// For an entity's mention: how it was tied to the entity (absent on other spans, such
    /// as an event's evidence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolution>,
}

impl Mention {
    /// A span with its text and no resolution.
    pub fn new(start: usize, end: usize, text: impl Into<String>) -> Mention {
        Mention {
            start,
            end,
            text: text.into(),
            resolved: None,
        }
    }
}

/// How an entity mention was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// `name` (a name of the knowledge base), `name+title`, `name+full_name`,
    /// `name+adjective` (a short or ambiguous name accepted because of that context),
    /// `role` (a role phrase such as «الرئيس الأمريكي»: the office's holder on `on`),
    /// `counterpart` («نظيره الإيراني»: the subject's office in the other country) or
    /// `apposition` (a role phrase followed by the name it describes).
    pub by: String,
    /// The office code of a role or counterpart (`head_of_state`, `foreign_minister` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// The day the office was looked up on (the record's `published`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    /// The context that decided: the title, the earlier full name, the subject of
    /// «نظيره», as a span of `text`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// A span of `text` given as evidence for a resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// An entity found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// English Wikipedia title, ISO alpha-3 for a country, or the folded Arabic form for
    /// an entity the knowledge base does not know.
    pub key: String,
    /// The entity's type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// ISO alpha-3 of the entity's country, when it has one.
    pub country: Option<String>,
    /// Every place the entity is mentioned.
    pub mentions: Vec<Mention>,
}

/// A temporal expression and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// First character in `text`.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// ISO 8601 at the precision the text supports: `2023`, `2023-09`, `2023-09-19`,
    /// `2023-09-19T23:50` (SCHEMA.md's forms), and two more ISO 8601 forms where the text
    /// says no less: a week, `2024-W33` («الأسبوع الماضي»), and a range, `start/end` with
    /// both ends in those forms (`1988/1994`, `2023-09-10/2023-09-12`, a Hijri year or
    /// month as its Gregorian days). They are kept rather than rounded to a month or a
    /// year because rounding loses what the text says; a consumer that reads only
    /// SCHEMA.md's forms can take the part before `/` (the range's start, a prefix
    /// comparison as `score.py` makes for event dates) and skip a `-W` value.
    pub value: String,
}

/// The role an actor plays in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorRole {
    /// Who acts: the visitor, the attacker, the accuser.
    Source,
    /// Who is acted upon: the host, the attacked, the accused.
    Target,
    /// A side of a symmetric event (a call, a meeting, a summit).
    Party,
}

/// One participant of an event.
///
/// A known entity has its `key`. An actor named by description («قوات الأمن العراقية»,
/// «مسلحون مجهولون», «متظاهرون») has none: its `sector`, its `country` when the words
/// give one, and the words themselves (`text`, `span`). An actor named only by a pronoun,
/// an honorific or a pair noun («سموه», «الجانبان») is the entity it refers to, with
/// `span` on the words that refer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Entity key, when the actor is a known entity.
    pub key: Option<String>,
    /// ISO alpha-3 of the actor's country.
    pub country: Option<String>,
    /// Source, target or party.
    pub role: ActorRole,
    /// CAMEO-style sector (SCHEMA.md): `GOV`, `MIL`, `COP`, `REB`, `UAF`, `CVL`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// The words that name the actor in the text, for one named by description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the actor is named in the record's `text` (characters, end exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<TextSpan>,
}

impl Actor {
    /// A known entity in a role.
    pub fn known(key: impl Into<String>, country: Option<String>, role: ActorRole) -> Actor {
        Actor {
            key: Some(key.into()),
            country,
            role,
            sector: None,
            text: None,
            span: None,
        }
    }
}

/// A stretch of the record's `text`: characters, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// What the text says of the people killed or wounded in an event (SCHEMA.md): a number
/// as an interval, «at least 12» being `min` 12 and no `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toll {
    /// The least the text allows.
    pub min: Option<u32>,
    /// The most the text allows; `None` when open («at least», «dozens»).
    pub max: Option<u32>,
    /// The words that say it.
    pub span: TextSpan,
}

/// Whether an event happened, is planned, or is one side's claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Reported as having happened.
    Occurred,
    /// Announced for the future.
    Planned,
    /// One party's statement, not confirmed by the reporter.
    Claimed,
    /// Denied by a party.
    Denied,
}

/// The event types (SCHEMA.md: PLOVER's), for callers that must refuse others (the
/// desk's filters answer 400 to an unknown one).
pub const EVENT_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The event modes (SCHEMA.md: PLOVER's, CONSULT's first, then those of
/// `data/events/modes.tsv`). A test checks the data file against this list.
pub const EVENT_MODES: &[&str] = &[
    "phone",
    "visit",
    "third-party",
    "multilateral",
    "suicide",
    "assassination",
    "abduction",
    "aerial",
    "explosives",
    "shelling",
    "firearms",
    "beating",
    "hunger-strike",
    "strike",
    "sit-in",
    "riot",
    "boycott",
    "demonstration",
    "curfew",
    "siege",
    "raid",
    "arrest",
    "seizure",
    "deport",
    "ban",
];

/// The sectors of actors named by description (SCHEMA.md; CAMEO-style, as
/// `../shared/corpus/gsr` codes them): government, military, police, rebels, unidentified
/// armed group, opposition, civilians, education, labour, business, media, religion,
/// refugees, legislature, judiciary, non-governmental and intergovernmental bodies.
pub const ACTOR_SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "REB", "UAF", "OPP", "CVL", "EDU", "LAB", "BUS", "MED", "REL", "REF",
    "LEG", "JUD", "NGO", "IGO",
];

/// An event, PLOVER-coded (SCHEMA.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER event type (`CONSULT`, `ASSAULT`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode (`phone`, `visit`, `third-party`, `multilateral`, …).
    pub mode: Option<String>,
    /// Participants with their roles.
    pub actors: Vec<Actor>,
    /// When it happened, ISO 8601 at the precision known.
    pub date: Option<String>,
    /// Where it happened: the place's key and, when the knowledge base places it, its name,
    /// country, first-level division, coordinates and precision. Records written before the
    /// gazetteer hold the key alone (`"where": "Baku"`); they still read.
    #[serde(rename = "where")]
    pub place: Option<Where>,
    /// What it was about (entity keys or topics).
    #[serde(default)]
    pub about: Vec<String>,
    /// Occurred, planned, claimed or denied.
    pub status: EventStatus,
    /// The body the report cites (`Kremlin`, `RIA Novosti`).
    pub attributed_to: Option<String>,
    /// The sentence the event was read from.
    pub evidence: Mention,
    /// The page's other sentences that report the same event (in text order): news tells
    /// one call in its lead and again in its fourth paragraph, and the in-page merge makes
    /// one event of them. Each is evidence too; `evidence` stays the first report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Mention>,
    /// How sure the extractor is, 0 to 1: what the reading rests on (a verb rather than a
    /// noun, named parties, an explicit date, a fallback subject). Calibrated on the
    /// annotated Saudi news sentences (`tests/realnews`, `score.py` prints the share right
    /// per value): readers show events from [`TRUSTED_CONFIDENCE`] up by default.
    #[serde(serialize_with = "decimal")]
    pub confidence: f32,
    /// People killed, as the text says (events of violence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub killed: Option<Toll>,
    /// People wounded, as the text says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wounded: Option<Toll>,
    /// The article recalls the event as background («يذكر أن», «كان قد»): it is dated by
    /// what the text says of it, never by the publication day.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recalled: bool,
}

/// Where an event happened (SCHEMA.md's `where`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Where {
    /// The place's entity key (a country: ISO alpha-3).
    pub key: String,
    /// Its name as the record's text writes it (else the knowledge base's Arabic name).
    pub name: Option<String>,
    /// Country, ISO alpha-3.
    pub country: Option<String>,
    /// Key of the first-level division (governorate, province, state) a city lies in, or
    /// the division itself.
    pub admin1: Option<String>,
    /// Latitude, degrees (a division's: its capital's; none for a country or a region).
    pub lat: Option<f64>,
    /// Longitude, degrees.
    pub lon: Option<f64>,
    /// How precisely `lat`/`lon` place the event: `city`, `division`, `country`, or
    /// `region` (a sea, a disputed or historical region: no coordinates).
    pub precision: Option<String>,
}

impl Where {
    /// A place known by its key only (the knowledge base fills the rest).
    pub fn key(key: impl Into<String>) -> Where {
        Where {
            key: key.into(),
            name: None,
            country: None,
            admin1: None,
            lat: None,
            lon: None,
            precision: None,
        }
    }
}

impl From<String> for Where {
    fn from(key: String) -> Where {
        Where::key(key)
    }
}

/// `where` as written: the object, or the key alone (records before the gazetteer).
#[derive(Deserialize)]
#[serde(untagged)]
enum WhereRepr {
    Key(String),
    Full {
        key: String,
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        country: Option<String>,
        #[serde(default)]
        admin1: Option<String>,
        #[serde(default)]
        lat: Option<f64>,
        #[serde(default)]
        lon: Option<f64>,
        #[serde(default)]
        precision: Option<String>,
    },
}

impl<'de> Deserialize<'de> for Where {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Where, D::Error> {
        Ok(match WhereRepr::deserialize(d)? {
            WhereRepr::Key(key) => Where::key(key),
            WhereRepr::Full {
                key,
                name,
                country,
                admin1,
                lat,
                lon,
                precision,
            } => Where {
                key,
                name,
                country,
                admin1,
                lat,
                lon,
                precision,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_reads_the_old_key_and_the_object() {
        let old: Where = serde_json::from_str(r#""Baku""#).unwrap();
        assert_eq!(old, Where::key("Baku"));
        let mut w = Where::key("Ramadi");
        w.country = Some("IRQ".into());
        w.admin1 = Some("Al Anbar Governorate".into());
        w.lat = Some(33.42);
        w.lon = Some(43.31);
        w.precision = Some("city".into());
        let v = serde_json::to_value(&w).unwrap();
        assert_eq!(v["precision"], "city");
        assert_eq!(serde_json::from_value::<Where>(v).unwrap(), w);
    }

    #[test]
    fn scores_are_written_as_the_decimals_they_stand_for() {
        let t = PageTopic {
            class: "politics".into(),
            p: 0.85,
        };
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["p"].to_string(), "0.85");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"class":"politics","p":0.85}"#
        );
        let back: PageTopic = serde_json::from_value(v).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn serializes_with_schema_field_names() {
        let mut d = Document::new("a.txt", "نص".into());
        d.entities.push(Entity {
            key: "RUS".into(),
            kind: EntityType::Gpe,
            country: Some("RUS".into()),
            mentions: vec![Mention::new(0, 2, "نص")],
        });
        let v: serde_json::Value = serde_json::to_value(&d).unwrap();
        assert_eq!(v["entities"][0]["type"], "GPE");
        assert_eq!(v["duplicate_of"], serde_json::Value::Null);
        let back: Document = serde_json::from_value(v).unwrap();
        assert_eq!(back, d);
    }
}

#[cfg(test)]
mod vocabulary_tests {
    use super::{EVENT_MODES, EVENT_TYPES};

    /// Every type and mode the events stage's data can give is in the lists.
    #[test]
    fn the_lists_cover_the_events_data() {
        let modes = include_str!("../../../data/events/modes.tsv");
        for line in modes
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let (kind, mode) = (cols.next().unwrap(), cols.next().unwrap());
            assert!(EVENT_TYPES.contains(&kind), "{kind}");
            assert!(EVENT_MODES.contains(&mode), "{mode}");
        }
        let triggers = include_str!("../../../data/events/triggers.tsv");
        for line in triggers
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = line.split('\t');
            let (kind, mode) = (cols.next().unwrap(), cols.next().unwrap());
            assert!(EVENT_TYPES.contains(&kind), "{kind}");
            assert!(mode == "-" || EVENT_MODES.contains(&mode), "{mode}");
        }
    }
}
