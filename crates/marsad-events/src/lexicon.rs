//! The events lexicon: trigger words by PLOVER type (`data/events/triggers.tsv`) and cue
//! words by class (`data/events/cues.tsv`), folded and inflected at load.
//!
//! Both files are written for review by people who read Arabic, not for the machine: a
//! verb is written once, in the form a dictionary gives (past and imperfect third person
//! masculine singular), and its inflections are generated here. Generation is deliberately
//! small — the regular suffixes news uses (ت ا تا وا; تـ نـ ان ون; the future سـ; the
//! accusative ا; the pronouns ه ها هما هم) — and anything irregular is written out with `=`
//! in the file, so a reviewer sees every form that is not a plain regular one.

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use marsad_text::{fold_str, Chain};

/// The trigger file, embedded so the binary needs no data directory.
pub const TRIGGERS: &str = include_str!("../../../data/events/triggers.tsv");
/// The cue file, embedded likewise.
pub const CUES: &str = include_str!("../../../data/events/cues.tsv");
/// The file of actors named by description and of words that point back to an actor.
pub const ACTORS: &str = include_str!("../../../data/events/actors.tsv");

/// The file of PLOVER modes of violence, protest and coercion.
pub const MODES_FILE: &str = include_str!("../../../data/events/modes.tsv");

/// The knowledge base's countries, for their capitals: a capital that acts («طهران
/// ترفض») stands for its government.
pub const COUNTRIES: &str = include_str!("../../../data/kb/countries.tsv");

/// The knowledge base's organisations, for which of them are a state's own bodies and
/// forces (kind `gov_body` or `military`): the ones that arrest and announce arrests.
pub const ORGS: &str = include_str!("../../../data/kb/orgs.tsv");

/// CAMEO-style sectors (SCHEMA.md), as `&'static str` so actors carry no allocation.
pub use marsad_schema::ACTOR_SECTORS as SECTORS;

/// A class of `actors.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorClass {
    /// Words that name actors of a sector.
    Sector(&'static str),
    /// Aircraft, ships, armour: a military actor, but not after a preposition.
    Equipment,
    /// Members of what follows («عناصر», «أنصار»).
    Member,
    /// A number or quantifier before a described actor.
    Quantity,
    /// An honorific pronoun («سموه»): the person last named.
    Honorific,
    /// A pair noun («الجانبان»): the two parties last named together.
    Pair,
    /// «المملكة»: the kingdom the article names.
    Kingdom,
    /// «بلاده»: the country of the one who speaks (the person last named, else the
    /// page's subject).
    Homeland,
}

/// A phrase of `modes.tsv`: the words after the first, the type and mode it says, and its
/// rank (the line: a lower rank wins when several stand in one clause).
#[derive(Debug, Clone)]
pub struct ModePhrase {
    /// The words after the first, folded.
    pub rest: Vec<String>,
    /// The PLOVER type it belongs to.
    pub kind: &'static str,
    /// The mode.
    pub mode: &'static str,
    /// Its line's order in the file.
    pub rank: usize,
}

/// A phrase of `actors.tsv`: the words after the first, and its class.
#[derive(Debug, Clone)]
pub struct ActorPhrase {
    /// The words after the first, folded.
    pub rest: Vec<String>,
    /// Its class.
    pub class: ActorClass,
}

/// How a trigger's arguments are read around it (the `args` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// Symmetric: the subject and its companions are parties.
    Sym,
    /// The subject hosts, the object visits (استقبل).
    Host,
    /// The subject travels to the object or the place (زار، وصل إلى).
    Visit,
    /// The subject is the source, the object the target.
    Dir,
    /// The subject alone suffices (it is the source).
    Solo,
    /// The word's own complement is the target (مقتل X، اعتقال X); the source is an agent
    /// phrase (برصاص، على يد) or the clause's subject.
    Patient,
}

/// One line of the trigger file.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// PLOVER type.
    pub kind: &'static str,
    /// The mode the word itself says.
    pub mode: Option<&'static str>,
    /// How the arguments are read.
    pub args: Args,
    /// Words that, around the trigger, show it in a sense that is no event (folded): «وصلت
    /// الطائرة» is cargo arriving, «وصلت نسبة» a level reached, not a visit.
    pub unless: Vec<String>,
    /// A cue class one of whose words must stand near the trigger, in its clause, for it
    /// to be an event: a crowd's verb is a protest only with protesters, the streets or a
    /// protest's purpose around it («نزل المتظاهرون»; «خرج الرئيس من المستشفى» is none),
    /// «تحدث» a talk only with someone to talk with («مع»; «تحدث عن» is a speech).
    pub needs: Option<Cue>,
    /// The event needs its target (`needs` = `target` in triggers.tsv): a warning is a
    /// threat only to someone («حذر طهران من …»); «حذر من خطورة المخدرات» is advice.
    pub needs_target: bool,
}

/// A surface form of a trigger: a (folded) word, optionally followed by more words.
#[derive(Debug, Clone)]
pub struct Form {
    /// Index into [`Lexicon::triggers`].
    pub trigger: usize,
    /// The words after the first (a phrase), folded.
    pub rest: Vec<String>,
    /// A verb form (takes only و and ف as proclitics; ل for a purpose clause).
    pub verb: bool,
    /// A future verb form (سيزور): the event is planned.
    pub future: bool,
    /// An imperfect verb form (يقتل، تستهدف), not future: a habit, a purpose or a
    /// description more often than a report (`read/reject.rs`).
    pub imperfect: bool,
    /// A verbal noun with a pronoun suffix (لقائه، زيارته): its agent is the clause's
    /// subject.
    pub pronoun: bool,
    /// An active participle used as a circumstantial («مطالبا»): its subject is the
    /// clause's, never a word after it.
    pub participle: bool,
    /// A verb whose ending is its subject (dual or plural: «اعتقلوا», «نفذتا»,
    /// «يطالبون»): a name after it is its object, not its subject.
    pub subject_suffix: bool,
    /// The gender a singular verb form shows («دعا», «يدعو»: masculine; «دعت», «تدعو»:
    /// feminine); none for nouns, duals and plurals, and forms that do not tell.
    pub gender: Option<Gender>,
    /// Written in `triggers.tsv` with a final «أ» («=هنأ»): the text's word must end so
    /// too, since folding makes it another word («هنا», here).
    pub hamza: bool,
}

/// The gender a third-person singular verb agrees with. A verb before its subject agrees
/// with it in gender: «دعا الحكومة» is "he called on the government", never "the
/// government called" (that is «دعت الحكومة»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// «دعا», «يدعو».
    Masculine,
    /// «دعت», «تدعو».
    Feminine,
}

/// Cue classes of `cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Cue {
    Phone,
    Multilateral,
    Bilateral,
    Mediation,
    Future,
    Negation,
    Hypothesis,
    Draft,
    Deny,
    Claim,
    Say,
    According,
    About,
    Place,
    Companion,
    Between,
    Relative,
    Break,
    Complement,
    During,
    Background,
    Agent,
    Unless,
    Field,
    Attendee,
    Consequence,
    Topic,
    Accident,
    Apolitical,
    Clash,
    Doer,
    State,
    Verbal,
    Effort,
    Crowd,
    Addressee,
    Boycotted,
    Supplies,
    Holds,
    Planted,
    Device,
    CalledOff,
    Escort,
    When,
    Then,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "phone" => Cue::Phone,
            "multilateral" => Cue::Multilateral,
            "bilateral" => Cue::Bilateral,
            "mediation" => Cue::Mediation,
            "future" => Cue::Future,
            "negation" => Cue::Negation,
            "hypothesis" => Cue::Hypothesis,
            "draft" => Cue::Draft,
            "deny" => Cue::Deny,
            "claim" => Cue::Claim,
            "say" => Cue::Say,
            "according" => Cue::According,
            "about" => Cue::About,
            "place" => Cue::Place,
            "companion" => Cue::Companion,
            "between" => Cue::Between,
            "relative" => Cue::Relative,
            "break" => Cue::Break,
            "complement" => Cue::Complement,
            "during" => Cue::During,
            "background" => Cue::Background,
            "agent" => Cue::Agent,
            "unless" => Cue::Unless,
            "field" => Cue::Field,
            "attendee" => Cue::Attendee,
            "consequence" => Cue::Consequence,
            "topic" => Cue::Topic,
            "accident" => Cue::Accident,
            "clash" => Cue::Clash,
            "apolitical" => Cue::Apolitical,
            "doer" => Cue::Doer,
            "state" => Cue::State,
            "verbal" => Cue::Verbal,
            "effort" => Cue::Effort,
            "crowd" => Cue::Crowd,
            "addressee" => Cue::Addressee,
            "boycotted" => Cue::Boycotted,
            "supplies" => Cue::Supplies,
            "holds" => Cue::Holds,
            "planted" => Cue::Planted,
            "device" => Cue::Device,
            "called_off" => Cue::CalledOff,
            "escort" => Cue::Escort,
            "when" => Cue::When,
            "then" => Cue::Then,
            _ => return None,
        })
    }

    /// Cue words that are nouns or adjectives (they may carry the article: الأزمة، الثلاثية);
    /// the others are particles and verbs.
    pub fn is_noun(self) -> bool {
        matches!(
            self,
            Cue::Phone
                | Cue::Multilateral
                | Cue::Bilateral
                | Cue::Future
                | Cue::About
                | Cue::Background
                | Cue::Draft
                | Cue::Topic
                | Cue::Accident
                | Cue::State
                | Cue::Verbal
                | Cue::Crowd
                | Cue::Boycotted
                | Cue::Supplies
                | Cue::Device
        )
    }

    /// The bit of this class in a [`CueSet`].
    pub fn bit(self) -> u64 {
        1 << (self as u64)
    }
}

/// A set of cue classes.
pub type CueSet = u64;

/// A cue phrase: the words after the first, and its class.
#[derive(Debug, Clone)]
pub struct CuePhrase {
    /// The words after the first, folded.
    pub rest: Vec<String>,
    /// Its class.
    pub cue: Cue,
}

/// Triggers and cues, indexed by their first folded word.
#[derive(Debug)]
pub struct Lexicon {
    /// The trigger lines, in file order.
    pub triggers: Vec<Trigger>,
    /// First word → the forms that start with it.
    pub forms: HashMap<String, Vec<Form>>,
    /// First word → the cue phrases that start with it.
    pub cues: HashMap<String, Vec<CuePhrase>>,
    /// First word → the phrases of `actors.tsv` that start with it.
    pub actors: HashMap<String, Vec<ActorPhrase>>,
    /// The kingdoms «المملكة» may stand for (ISO alpha-3).
    pub kingdoms: Vec<String>,
    /// A kingdom's country-code domain («sa») → the kingdom (ISO alpha-3): the kingdom a
    /// page published there means when it names none.
    pub kingdom_domains: Vec<(String, String)>,
    /// Capital (a key of the knowledge base's places) → its country (ISO alpha-3).
    pub capitals: HashMap<String, String>,
    /// Keys of the knowledge base's organisations that are a state's bodies or forces.
    pub authorities: HashSet<String>,
    /// Keys of the knowledge base's news outlets and agencies.
    pub outlets: HashSet<String>,
    /// The sector an organisation of the knowledge base is, by its kind: an armed group
    /// `REB`, a military `MIL`, a government body `GOV`, an intergovernmental body `IGO`,
    /// an outlet `MED` (parties and agencies have none of their own).
    pub org_sectors: HashMap<String, &'static str>,
    /// First word → the phrases of `modes.tsv` that start with it.
    pub modes: HashMap<String, Vec<ModePhrase>>,
}

/// A line of a lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// Which file.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.problem)
    }
}

impl Lexicon {
    /// Whether `word` (folded, proclitics off) is a one-word phrase of `class` in
    /// actors.tsv («عناصر» a member word, «مقاتلات» equipment).
    pub fn actor_word(&self, word: &str, class: ActorClass) -> bool {
        self.actors
            .get(word)
            .is_some_and(|ps| ps.iter().any(|p| p.rest.is_empty() && p.class == class))
    }

    /// The lexicon built from the bundled files, once per process.
    pub fn bundled() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::parse(TRIGGERS, CUES, ACTORS, MODES_FILE)
                .expect("the bundled events lexicon is valid (tested)")
        })
    }

    /// Reads the four files' contents.
    pub fn parse(
        triggers: &str,
        cues: &str,
        actors: &str,
        modes: &str,
    ) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon {
            triggers: Vec::new(),
            forms: HashMap::default(),
            cues: HashMap::default(),
            actors: HashMap::default(),
            kingdoms: Vec::new(),
            kingdom_domains: Vec::new(),
            capitals: HashMap::default(),
            authorities: HashSet::default(),
            outlets: HashSet::default(),
            org_sectors: HashMap::default(),
            modes: HashMap::default(),
        };
        lex.read_capitals();
        lex.read_authorities();
        lex.read_triggers(triggers)?;
        lex.read_cues(cues)?;
        lex.add_future_cues();
        lex.read_actors(actors)?;
        lex.read_modes(modes)?;
        Ok(lex)
    }

    /// Country codes by capital, from the KB's countries file.
    fn read_capitals(&mut self) {
        for (_, line) in lines(COUNTRIES) {
            let cols: Vec<&str> = line.split('\t').collect();
            if let (Some(code), Some(capital)) = (cols.first(), cols.get(4)) {
                if *code != "key" && !capital.is_empty() {
                    self.capitals.insert(capital.to_string(), code.to_string());
                }
            }
        }
    }

    /// Keys of the organisations of kind `gov_body` or `military`, and of kind `outlet`,
    /// from the KB's file.
    fn read_authorities(&mut self) {
        for (_, line) in lines(ORGS) {
            let cols: Vec<&str> = line.split('\t').collect();
            let sector = match cols.get(3) {
                Some(&"armed_group") => Some("REB"),
                Some(&"military") => Some("MIL"),
                Some(&"gov_body") => Some("GOV"),
                Some(&"igo") => Some("IGO"),
                Some(&"outlet") => Some("MED"),
                Some(&"ngo") => Some("NGO"),
                _ => None,
            };
            if let (Some(key), Some(sector)) = (cols.first(), sector) {
                self.org_sectors.insert(key.to_string(), sector);
            }
            match (cols.first(), cols.get(3)) {
                (Some(key), Some(&("gov_body" | "military"))) => {
                    self.authorities.insert(key.to_string());
                }
                (Some(key), Some(&"outlet")) => {
                    self.outlets.insert(key.to_string());
                }
                _ => {}
            }
        }
    }

    /// `triggers.tsv`: each trigger, and its inflected forms by first word.
    fn read_triggers(&mut self, triggers: &str) -> Result<(), LexiconError> {
        for (n, line) in lines(triggers) {
            let err = |problem: String| LexiconError {
                file: "triggers.tsv",
                line: n,
                problem,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let (kind, mode, args, forms, unless, needs) = match cols[..] {
                [k, m, a, f] => (k, m, a, f, "", "-"),
                [k, m, a, f, u] => (k, m, a, f, u, "-"),
                [k, m, a, f, u, n] => (k, m, a, f, u, n),
                _ => {
                    return Err(err(format!(
                        "want 4 to 6 tab-separated columns, got {}",
                        cols.len()
                    )))
                }
            };
            let needs_target = needs == "target";
            let needs = match needs {
                "-" | "target" => None,
                n => Some(Cue::parse(n).ok_or_else(|| err(format!("unknown cue class {n:?}")))?),
            };
            let kind = plover_type(kind).ok_or_else(|| err(format!("unknown type {kind:?}")))?;
            let mode = match mode {
                "-" => None,
                m => Some(plover_mode(m).ok_or_else(|| err(format!("unknown mode {m:?}")))?),
            };
            let args = match args {
                "sym" => Args::Sym,
                "host" => Args::Host,
                "visit" => Args::Visit,
                "dir" => Args::Dir,
                "solo" => Args::Solo,
                "pat" => Args::Patient,
                a => return Err(err(format!("unknown args {a:?}"))),
            };
            let trigger = self.triggers.len();
            let unless = unless
                .split_whitespace()
                .filter(|&w| w != "-")
                .map(|w| fold_str(w, Chain::Match))
                .collect();
            self.triggers.push(Trigger {
                kind,
                mode,
                args,
                unless,
                needs,
                needs_target,
            });
            for spec in forms.split_whitespace() {
                let hamza = spec
                    .split('_')
                    .next()
                    .is_some_and(|head| head.ends_with('أ'));
                let generated = inflect(spec).map_err(err)?;
                for g in generated {
                    let mut words = g.words.into_iter();
                    let first = words.next().unwrap_or_default();
                    self.forms.entry(first).or_default().push(Form {
                        trigger,
                        rest: words.collect(),
                        verb: g.verb,
                        future: g.future,
                        imperfect: g.imperfect,
                        pronoun: g.pronoun,
                        participle: g.participle,
                        subject_suffix: g.subject_suffix,
                        gender: g.gender,
                        hamza,
                    });
                }
            }
        }
        Ok(())
    }

    /// `cues.tsv`: cue phrases by first word.
    fn read_cues(&mut self, cues: &str) -> Result<(), LexiconError> {
        for (n, line) in lines(cues) {
            let err = |problem: String| LexiconError {
                file: "cues.tsv",
                line: n,
                problem,
            };
            let Some((class, forms)) = line.split_once('\t') else {
                return Err(err("want class<TAB>forms".into()));
            };
            let cue = Cue::parse(class).ok_or_else(|| err(format!("unknown class {class:?}")))?;
            for phrase in forms.split_whitespace() {
                let (first, rest) = phrase_words(phrase);
                self.cues
                    .entry(first)
                    .or_default()
                    .push(CuePhrase { rest, cue });
            }
        }
        Ok(())
    }

    /// The future cues, shared with marsad-dates (`data/text/future_cues.tsv`, the words
    /// marked `events`). A token's cues are a set of bits, so the order they are added in
    /// does not matter.
    fn add_future_cues(&mut self) {
        for w in marsad_text::lists::FUTURE_CUES.words_for("events") {
            let (first, rest) = phrase_words(w);
            self.cues.entry(first).or_default().push(CuePhrase {
                rest,
                cue: Cue::Future,
            });
        }
    }

    /// `actors.tsv`: actor phrases by first word, and the words for the kingdom.
    fn read_actors(&mut self, actors: &str) -> Result<(), LexiconError> {
        for (n, line) in lines(actors) {
            let err = |problem: String| LexiconError {
                file: "actors.tsv",
                line: n,
                problem,
            };
            let Some((class, forms)) = line.split_once('\t') else {
                return Err(err("want class<TAB>forms".into()));
            };
            let class = match class {
                "member" => ActorClass::Member,
                "equipment" => ActorClass::Equipment,
                "quantity" => ActorClass::Quantity,
                "honorific" => ActorClass::Honorific,
                "pair" => ActorClass::Pair,
                "kingdom" => ActorClass::Kingdom,
                "homeland" => ActorClass::Homeland,
                "kingdoms" => {
                    self.kingdoms = forms.split_whitespace().map(str::to_string).collect();
                    continue;
                }
                "kingdom_domains" => {
                    for pair in forms.split_whitespace() {
                        let (domain, code) = pair
                            .split_once(':')
                            .ok_or_else(|| err(format!("{pair:?} is not domain:CODE")))?;
                        self.kingdom_domains
                            .push((domain.to_string(), code.to_string()));
                    }
                    continue;
                }
                s => match SECTORS.iter().find(|x| **x == s) {
                    Some(sector) => ActorClass::Sector(sector),
                    None => return Err(err(format!("unknown class {s:?}"))),
                },
            };
            for phrase in forms.split_whitespace() {
                let (first, rest) = phrase_words(phrase);
                self.actors
                    .entry(first)
                    .or_default()
                    .push(ActorPhrase { rest, class });
            }
        }
        Ok(())
    }

    /// `modes.tsv`: mode phrases by first word, ranked by their line.
    fn read_modes(&mut self, modes: &str) -> Result<(), LexiconError> {
        for (rank, (n, line)) in lines(modes).enumerate() {
            let err = |problem: String| LexiconError {
                file: "modes.tsv",
                line: n,
                problem,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, mode, forms] = cols[..] else {
                return Err(err(format!(
                    "want 3 tab-separated columns, got {}",
                    cols.len()
                )));
            };
            let kind = plover_type(kind).ok_or_else(|| err(format!("unknown type {kind:?}")))?;
            let mode = plover_mode(mode).ok_or_else(|| err(format!("unknown mode {mode:?}")))?;
            for phrase in forms.split_whitespace() {
                let (first, rest) = phrase_words(phrase);
                self.modes.entry(first).or_default().push(ModePhrase {
                    rest,
                    kind,
                    mode,
                    rank,
                });
            }
        }
        Ok(())
    }
}

/// PLOVER's types, as the schema lists them (one list for every crate).
const PLOVER: &[&str] = marsad_schema::EVENT_TYPES;

fn plover_type(s: &str) -> Option<&'static str> {
    PLOVER.iter().copied().find(|t| *t == s)
}

/// PLOVER's modes, as the schema lists them: CONSULT's, then those of violence, protest
/// and coercion (`data/events/modes.tsv`).
const MODES: &[&str] = marsad_schema::EVENT_MODES;

fn plover_mode(s: &str) -> Option<&'static str> {
    MODES.iter().copied().find(|m| *m == s)
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// A generated form: its folded words and what kind of word it is.
#[derive(Debug, Clone, Default)]
struct Generated {
    words: Vec<String>,
    verb: bool,
    future: bool,
    imperfect: bool,
    pronoun: bool,
    participle: bool,
    subject_suffix: bool,
    gender: Option<Gender>,
}

/// Expands one `forms` entry (`v:بحث`, `i:يبحث`, `n:زيارة`, `a:مطالب`, `=التقى`) into its
/// folded forms.
fn inflect(spec: &str) -> Result<Vec<Generated>, String> {
    let (tag, body) = match spec.split_once(':') {
        Some((t @ ("v" | "i" | "n" | "a"), b)) => (t, b),
        _ => match (spec.strip_prefix('='), spec.strip_prefix('+')) {
            (Some(b), _) => ("=", b),
            (_, Some(b)) => ("+", b),
            _ => return Err(format!("form {spec:?} needs a v: i: n: = or + prefix")),
        },
    };
    let mut words: Vec<String> = body.split('_').map(|w| fold_str(w, Chain::Match)).collect();
    if words.iter().any(|w| w.is_empty()) {
        return Err(format!("empty word in form {spec:?}"));
    }
    let head = words.remove(0);
    let with = |w: String| {
        let mut v = vec![w];
        v.extend(words.iter().cloned());
        v
    };
    let mut out = Vec::new();
    let verb = |words: Vec<String>, future: bool| Generated {
        words,
        verb: true,
        future,
        ..Generated::default()
    };
    let noun = |words: Vec<String>, pronoun: bool| Generated {
        words,
        pronoun,
        ..Generated::default()
    };
    match tag {
        "=" => {
            let future = head.starts_with("سي") || head.starts_with("ست") || head.starts_with("سن");
            let plural = head.ends_with("وا") || head.ends_with("ون");
            out.push(Generated {
                subject_suffix: plural,
                gender: written_gender(&head),
                ..verb(with(head), future)
            });
        }
        "+" => {
            out.push(noun(with(head), false));
        }
        "a" => {
            // مطالبًا، مطالبةً، مطالبين (folded: ة → ه)
            for suffix in ["ا", "ه", "ين"] {
                out.push(Generated {
                    words: with(format!("{head}{suffix}")),
                    participle: true,
                    ..Generated::default()
                });
            }
        }
        "v" => {
            // A verb whose past ends in «ى» (folded «ي»: اعتدى، ألقى، استولى) drops it before
            // «ت», «تا» and «وا» (اعتدت، اعتدوا); «بقي» keeps it (بقيت). Folding joins the
            // two, so both are made.
            let defective = head
                .strip_suffix('ي')
                .filter(|stem| stem.chars().count() >= 2);
            for suffix in ["", "ت", "ا", "تا", "وا"] {
                let gender = match suffix {
                    "" => Some(Gender::Masculine),
                    "ت" => Some(Gender::Feminine),
                    _ => None,
                };
                let mut heads = vec![format!("{head}{suffix}")];
                if let Some(stem) = defective.filter(|_| matches!(suffix, "ت" | "تا" | "وا")) {
                    heads.push(format!("{stem}{suffix}"));
                }
                for h in heads {
                    out.push(Generated {
                        subject_suffix: suffix.len() > "ت".len() || suffix == "ا",
                        gender,
                        ..verb(with(h), false)
                    });
                }
            }
        }
        "i" => {
            let stem = head
                .strip_prefix('ي')
                .ok_or_else(|| format!("imperfect {spec:?} should start with ي"))?;
            for (prefix, suffix) in [
                ("ي", ""),
                ("ت", ""),
                ("ن", ""),
                ("ي", "ان"),
                ("ت", "ان"),
                ("ي", "ون"),
            ] {
                let w = format!("{prefix}{stem}{suffix}");
                // Dual and plural endings, and «نـ» (we): the subject is in the verb.
                let plural = !suffix.is_empty() || prefix == "ن";
                // «تـ» is also "you"; news reports in the third person.
                let gender = match (prefix, plural) {
                    ("ي", false) => Some(Gender::Masculine),
                    ("ت", false) => Some(Gender::Feminine),
                    _ => None,
                };
                out.push(Generated {
                    subject_suffix: plural,
                    gender,
                    ..verb(with(format!("س{w}")), true)
                });
                out.push(Generated {
                    subject_suffix: plural,
                    imperfect: true,
                    gender,
                    ..verb(with(w), false)
                });
            }
        }
        _ => {
            out.push(noun(with(head.clone()), false));
            let bare = head.strip_suffix('ه');
            let stem = match (bare, head.strip_suffix('ء')) {
                (Some(b), _) => format!("{b}ت"),
                (None, Some(b)) => format!("{b}ي"),
                _ => head.clone(),
            };
            if bare.is_none() && !head.ends_with('ا') && !head.ends_with('ي') {
                out.push(noun(with(format!("{head}ا")), false));
            }
            if bare.is_some() {
                out.push(noun(with(format!("{stem}ين")), false));
                out.push(noun(with(format!("{stem}ان")), false));
            }
            for suffix in ["ه", "ها", "هما", "هم"] {
                out.push(noun(with(format!("{stem}{suffix}")), true));
            }
        }
    }
    Ok(out)
}

/// The gender a verb written out in full (`=دعت`, `=التقى`, `=يلتقي`) shows, folded: a
/// past ending in «ت» is feminine; an imperfect in «يـ» or a past ending in «ى» is
/// masculine; a dual or a plural, and a word in «تـ» or «نـ» (a feminine imperfect or a
/// past of the form تفعّل), tell nothing here.
fn written_gender(verb: &str) -> Option<Gender> {
    let plural = ["وا", "ون", "ان", "تا", "يا"]
        .iter()
        .any(|e| verb.ends_with(e));
    if plural || verb.chars().count() < 3 {
        None
    } else if verb.ends_with('ت') {
        Some(Gender::Feminine)
    } else if verb.starts_with('ي')
        || verb.starts_with("سي")
        || verb.ends_with('ي') && !verb.starts_with('ت')
    {
        Some(Gender::Masculine)
    } else if verb.starts_with(['ت', 'ن', 'س']) {
        None
    } else {
        Some(Gender::Masculine)
    }
}

/// A phrase of the data files (words joined by `_`), folded: its first word and the rest.
fn phrase_words(phrase: &str) -> (String, Vec<String>) {
    let mut words = phrase.split('_').map(|w| fold_str(w, Chain::Match));
    let first = words.next().unwrap_or_default();
    (first, words.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses() {
        let lex = Lexicon::parse(TRIGGERS, CUES, ACTORS, MODES_FILE).unwrap();
        assert!(lex.triggers.len() >= 16);
        // Every PLOVER type has at least one trigger.
        for t in PLOVER {
            assert!(
                lex.triggers.iter().any(|x| x.kind == *t),
                "no trigger for {t}"
            );
        }
    }

    #[test]
    fn inflections() {
        let forms = |spec| -> Vec<String> {
            inflect(spec)
                .unwrap()
                .into_iter()
                .map(|g| g.words.join(" "))
                .collect()
        };
        assert!(forms("v:بحث").contains(&"بحثا".to_string()));
        let i = forms("i:يزور");
        assert!(i.contains(&"سيزور".to_string()) && i.contains(&"تزوران".to_string()));
        let n = forms("n:زيارة");
        assert!(n.contains(&"زيارته".to_string()), "{n:?}");
        let n = forms("n:لقاء");
        assert!(n.contains(&"لقايه".to_string()), "{n:?}");
        let future = inflect("i:يزور").unwrap();
        assert!(future.iter().any(|g| g.words[0] == "سيزور" && g.future));
        let a = inflect("a:مطالب").unwrap();
        assert!(a
            .iter()
            .any(|g| g.words[0] == "مطالبا" && g.participle && !g.verb));
    }

    #[test]
    fn verb_gender() {
        let gender = |spec, word: &str| {
            inflect(spec)
                .unwrap()
                .into_iter()
                .find(|g| g.words[0] == fold_str(word, Chain::Match))
                .unwrap()
                .gender
        };
        use Gender::*;
        assert_eq!(gender("v:اتهم", "اتهم"), Some(Masculine));
        assert_eq!(gender("v:اتهم", "اتهمت"), Some(Feminine));
        assert_eq!(gender("v:اتهم", "اتهموا"), None);
        assert_eq!(gender("i:يطالب", "يطالب"), Some(Masculine));
        assert_eq!(gender("i:يطالب", "ستطالب"), Some(Feminine));
        assert_eq!(gender("i:يطالب", "يطالبون"), None);
        assert_eq!(gender("=دعا", "دعا"), Some(Masculine));
        assert_eq!(gender("=دعت", "دعت"), Some(Feminine));
        assert_eq!(gender("=التقى", "التقى"), Some(Masculine));
        assert_eq!(gender("=يلتقيان", "يلتقيان"), None);
        // «تلقى» (he received) and «تجمع» (she gathers, or it gathered) do not tell.
        assert_eq!(gender("=تلقى_اتصالا", "تلقى"), None);
        assert_eq!(gender("=تجمع", "تجمع"), None);
        assert_eq!(gender("n:زيارة", "زيارة"), None);
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let e = Lexicon::parse("CONSULT\t-\tsym\tبحث\n", CUES, ACTORS, MODES_FILE).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("triggers.tsv:1"), "{e}");
        let e = Lexicon::parse(TRIGGERS, "nonsense\tكلمة\n", ACTORS, MODES_FILE).unwrap_err();
        assert!(e.problem.contains("unknown class"));
        let e = Lexicon::parse(TRIGGERS, CUES, "POLICE\tشرطه\n", MODES_FILE).unwrap_err();
        assert!(e.to_string().contains("actors.tsv:1"), "{e}");
    }
}
