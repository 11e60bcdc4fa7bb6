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
use std::sync::OnceLock;

use marsad_text::{fold_str, Chain};

/// The trigger file, embedded so the binary needs no data directory.
pub const TRIGGERS: &str = include_str!("../../../data/events/triggers.tsv");
/// The cue file, embedded likewise.
pub const CUES: &str = include_str!("../../../data/events/cues.tsv");

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
    /// A verbal noun with a pronoun suffix (لقائه، زيارته): its agent is the clause's
    /// subject.
    pub pronoun: bool,
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
        )
    }

    /// The bit of this class in a [`CueSet`].
    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of cue classes.
pub type CueSet = u32;

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
    /// The lexicon built from the bundled files, once per process.
    pub fn bundled() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            Lexicon::parse(TRIGGERS, CUES).expect("the bundled events lexicon is valid (tested)")
        })
    }

    /// Reads the two files' contents.
    pub fn parse(triggers: &str, cues: &str) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon {
            triggers: Vec::new(),
            forms: HashMap::default(),
            cues: HashMap::default(),
        };
        for (n, line) in lines(triggers) {
            let err = |problem: String| LexiconError {
                file: "triggers.tsv",
                line: n,
                problem,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, mode, args, forms] = cols[..] else {
                return Err(err(format!(
                    "want 4 tab-separated columns, got {}",
                    cols.len()
                )));
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
                a => return Err(err(format!("unknown args {a:?}"))),
            };
            let trigger = lex.triggers.len();
            lex.triggers.push(Trigger { kind, mode, args });
            for spec in forms.split_whitespace() {
                let generated = inflect(spec).map_err(err)?;
                for (phrase, verb, future, pronoun) in generated {
                    let mut words = phrase.into_iter();
                    let first = words.next().unwrap_or_default();
                    lex.forms.entry(first).or_default().push(Form {
                        trigger,
                        rest: words.collect(),
                        verb,
                        future,
                        pronoun,
                    });
                }
            }
        }
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
                let mut words = phrase.split('_').map(|w| fold_str(w, Chain::Match));
                let first = words.next().unwrap_or_default();
                lex.cues.entry(first).or_default().push(CuePhrase {
                    rest: words.collect(),
                    cue,
                });
            }
        }
        Ok(lex)
    }
}

/// The PLOVER types, as `&'static str` so events carry no allocation for them.
const PLOVER: &[&str] = &[
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

fn plover_type(s: &str) -> Option<&'static str> {
    PLOVER.iter().copied().find(|t| *t == s)
}

/// PLOVER's CONSULT modes (SCHEMA.md).
const MODES: &[&str] = &["phone", "visit", "third-party", "multilateral"];

fn plover_mode(s: &str) -> Option<&'static str> {
    MODES.iter().copied().find(|m| *m == s)
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// A generated form: its folded words, whether it is a verb, a future form, a noun with a
/// pronoun suffix.
type Generated = (Vec<String>, bool, bool, bool);

/// Expands one `forms` entry (`v:بحث`, `i:يبحث`, `n:زيارة`, `=التقى`) into its folded forms.
fn inflect(spec: &str) -> Result<Vec<Generated>, String> {
    let (tag, body) = match spec.split_once(':') {
        Some((t @ ("v" | "i" | "n"), b)) => (t, b),
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
    match tag {
        "=" => {
            let future = head.starts_with("سي") || head.starts_with("ست") || head.starts_with("سن");
            out.push((with(head), true, future, false));
        }
        "+" => {
            out.push((with(head), false, false, false));
        }
        "v" => {
            for suffix in ["", "ت", "ا", "تا", "وا"] {
                out.push((with(format!("{head}{suffix}")), true, false, false));
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
                out.push((with(format!("س{w}")), true, true, false));
                out.push((with(w), true, false, false));
            }
        }
        _ => {
            out.push((with(head.clone()), false, false, false));
            let bare = head.strip_suffix('ه');
            let stem = match (bare, head.strip_suffix('ء')) {
                (Some(b), _) => format!("{b}ت"),
                (None, Some(b)) => format!("{b}ي"),
                _ => head.clone(),
            };
            if bare.is_none() && !head.ends_with('ا') && !head.ends_with('ي') {
                out.push((with(format!("{head}ا")), false, false, false));
            }
            if bare.is_some() {
                out.push((with(format!("{stem}ين")), false, false, false));
                out.push((with(format!("{stem}ان")), false, false, false));
            }
            for suffix in ["ه", "ها", "هما", "هم"] {
                out.push((with(format!("{stem}{suffix}")), false, false, true));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses() {
        let lex = Lexicon::parse(TRIGGERS, CUES).unwrap();
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
                .map(|(w, ..)| w.join(" "))
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
        assert!(future.iter().any(|(w, _, f, _)| w[0] == "سيزور" && *f));
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let e = Lexicon::parse("CONSULT\t-\tsym\tبحث\n", CUES).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("triggers.tsv:1"), "{e}");
        let e = Lexicon::parse(TRIGGERS, "nonsense\tكلمة\n").unwrap_err();
        assert!(e.problem.contains("unknown class"));
    }
}
