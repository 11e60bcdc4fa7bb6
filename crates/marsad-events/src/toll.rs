//! Casualty tolls: how many were killed or wounded, as a report says it.
//!
//! [`find_tolls`] reads a text (a sentence, a paragraph or a whole cleaned page) and returns
//! every toll it states, in order, each with its kind ([`TollKind`]), the bounds the wording
//! gives (`min`, `max`) and its [`Span`] in the text (Unicode scalar values, end exclusive,
//! as everywhere in Marsad). It is pure, allocation-light and never fails; the events stage
//! attaches what it finds to the events of violence (SCHEMA.md, `killed` / `wounded`).
//!
//! ```
//! use marsad_events::toll::{find_tolls, TollKind};
//! let text = "أسفر التفجير عن مقتل 18 شخصا بينهم 4 أطفال وإصابة العشرات.";
//! let tolls = find_tolls(text);
//! assert_eq!(tolls.len(), 2);
//! assert_eq!((tolls[0].kind, tolls[0].min, tolls[0].max), (TollKind::Killed, Some(18), Some(18)));
//! assert_eq!(tolls[0].span.slice(text), "مقتل 18 شخصا");
//! assert_eq!((tolls[1].kind, tolls[1].min, tolls[1].max), (TollKind::Wounded, Some(24), None));
//! assert_eq!(tolls[1].span.slice(text), "إصابة العشرات");
//! ```
//!
//! # Brief overview
//!
//! The vocabulary is data: `data/events/tolls.tsv`, written for a reader of Arabic and folded
//! at load like the other lexicon files (أ/ا، ة/ه، ى/ي meet; tashkeel and tatweel go). It
//! holds casualty **triggers** by kind (مقتل، أصيب، لقي … مصرعهم), casualty **nouns** by kind
//! and grammatical number (قتيل، قتيلان، قتلى), the **person** nouns a count counts (شخصا،
//! جنديين، أطفال، آخرين), the **number** words, multipliers and vague counts, the
//! **quantifiers**, and the words that make a number something else than a toll (ages,
//! dates, money, places, vehicles; illness; sport; negation; attempts and charges).
//!
//! Reading is three steps over the text, with no regular expressions:
//!
//! 1. **Words.** The text is cut into words and each is folded on its own (the offsets
//!    stay those of the original words, so no offset map is built); the punctuation
//!    between two words is kept as a *break*: none (brackets and quotes are none:
//!    «استشهاد (5) من رجال الأمن»), a comma-like mark, or a sentence end. Digits (ASCII,
//!    Arabic-Indic, Persian) are read with their thousands separators (`1,200`,
//!    `١٬٢٠٠`); a decimal or a percentage is never a count.
//! 2. **Lexicon hits.** Each word is looked up whole and behind each proclitic sequence it
//!    may open with (و ف ب ل ال and their stacks, [`marsad_text::clitics`]); each class says
//!    which proclitics it accepts (a trigger takes و ف ب ل: «وبمقتل»; a count takes و ف;
//!    a casualty noun takes the article only where a definite noun can be counted: «عشرات
//!    القتلى»). A text with no trigger, casualty noun, casualty verb or tally word stops
//!    here: most sentences of a page.
//! 3. **Reading**, left to right, at each word trying in turn:
//!    * a **tally**: «حصيلة/عدد القتلى» and, within ten words of the same sentence, a count
//!      (after «إلى»، «لـ»، «بلغ» or nothing): «ارتفعت حصيلة القتلى إلى 25»;
//!    * a **trigger** and the count it governs: right after a verbal noun («مقتل 12 شخصا»،
//!      «إصابة العشرات»), or up to three words after a verb («أصيب في الانفجار 7
//!      أشخاص»، «قتل مسلحون مجهولون 5 أشخاص»), the words between being no conjunction, no
//!      other casualty word, no other number;
//!    * a **count standing alone**, which is a toll when it carries a casualty noun («خمسة
//!      قتلى»، «قتيلان») or when a casualty verb follows it («12 شخصا قتلوا»، «3 بجروح»,
//!      up to two words on; up to twelve when «لقي» opens the frame or the count names a
//!      group: «لقي 13 عنصرا من المتمردين … مصرعهم»، «17 من ميليشيا الحوثي … قتلوا»).
//!
//! A **count** is: an optional quantifier; then a number (digits, or number words combined
//! the way Arabic combines them: «خمسة وعشرون»، «ثلاثة عشر»، «مائة وخمسون»، «ثلاثة آلاف»،
//! «عشرين ألفا»، «ربع مليون»), or a vague count («عشرات»، «مئات الآلاف»، «بضعة»، «عدد من»),
//! or «أحد» before a noun («أحد الجنود»: 1), or a noun that counts by itself (a dual
//! «قتيلان»، «شخصين»: 2; an indefinite singular «جندي»: 1; an indefinite plural «مدنيين»،
//! «آخرين»: at least 1); then what it counts (a casualty noun, which gives the kind; a
//! person noun; «من» + the people; any other indefinite noun, unless it is a thing — «30
//! عاما» is no count at all); then an optional quantifier after it («على الأقل»). The
//! toll's span runs from the trigger (or the tally word, or the count) to the last word
//! read: «مقتل 18 شخصا», «إصابة 7 بجروح», «لقي 5 أشخاص مصرعهم». A word that says casualties
//! fell without saying which (سقوط، وقوع، خلّف، أسفر عن) governs a count but is not in the
//! span: «سقوط 30 قتيلا» spans «30 قتيلا».
//!
//! # Bounds
//!
//! | wording | min | max |
//! | --- | --- | --- |
//! | «12»، «اثنا عشر»، «قتيلان» (2)، «جندي» (1) | N | N |
//! | «نحو/حوالي/قرابة/زهاء/ما يقارب 50»، «50 تقريبا» | N | N (the figure stated is kept) |
//! | «ما لا يقل عن 18»، «18 على الأقل» | N | null |
//! | «أكثر من 50»، «ما يزيد على 50» | N+1 | null |
//! | «أقل من 10» | null | N−1 |
//! | «ما يصل إلى 30» | null | N |
//! | «بين 10 و15» | 10 | 15 |
//! | «عشرات/العشرات» | 24 | null |
//! | «مئات» 200, «آلاف» 2000, «بضعة» 3–9, «عدة» 3– | … | … |
//! | «عدد من»، «آخرين»، «مدنيين»، «قتلى» (no number) | 1 | null |
//!
//! The vague values live in the data file (one line each). «عشرات» is at least 24 because
//! the brief this module was written to says so (English "dozens"); read as "tens" it
//! would be 20 — a one-line change. An uncounted plural is at least 1, not 2 or 3, as the
//! brief has «عدد من»: «مقتل مدنيين» may be a dual written without its vowels.
//!
//! # Decisions
//!
//! * **Killed and wounded counted together** («سقوط 30 قتيلا وجريحا»، «مقتل وإصابة 30
//!   شخصا»، «30 شخصا بين قتيل وجريح»، «عشرات القتلى والجرحى») are one toll of kind
//!   [`TollKind::Casualties`] whose bounds are those of the total. The text does not say
//!   how many died, so no killed figure is made up; [`Toll::bounds`] gives what such a
//!   toll says of each kind (at most the total, no lower bound) for a consumer that fills
//!   SCHEMA.md's two fields.
//! * **A part is not a toll**: «مقتل 12 شخصا بينهم 4 أطفال» is one toll of 12; the count after
//!   «بينهم/منهم/من بينهم» (and any «و»-joined counts after it) is passed over, unless it
//!   names another kind («30 قتيلا وجريحا بينهم 10 قتلى» gives a killed toll of 10); so is
//!   a count followed by «منهم» («20 شخصا، 5 منهم في حالة خطرة»).
//! * **Conjoined counts add up**: «مقتل 5 جنود و3 مدنيين» is killed 8 (min and max added,
//!   an open bound stays open), since SCHEMA.md gives an event one `killed`. A count after
//!   «و» that carries another kind («و3 جرحى») or a verb of another kind («و3 آخرون
//!   أصيبوا») starts its own toll.
//! * **A named or definite victim is not a count.** «قتل أحمد»، «مقتل الجندي»، «إصابة
//!   اللاعب» yield nothing: a toll is a count, the victim is the event's target (the events
//!   stage has it as an actor), and a definite noun usually refers back to casualties
//!   already counted. An *indefinite* singular is a count of one («مقتل جندي إسرائيلي»،
//!   «إصابة شرطي»، «سقوط قتيل»), and «أحد + noun» too («مقتل أحد الجنود»). A definite noun
//!   with a number after it («الجنود الثلاثة»), a partitive of casualties («15 من
//!   المصابين»، «أحد الجرحى») and «أحد …» are tolls only under a trigger («مقتل الجنود
//!   الثلاثة»، «وفاة اثنين من المصابين»: killed 2, the kind of the trigger): alone they
//!   refer back («ونقلت الجثث التسعة»، «وقال أحد المصابين»).
//! * **A singular casualty noun in the accusative says how, not how many**: «سقط الجندي
//!   قتيلا»، «قضى نحبه شهيدا» yield nothing.
//! * **The voice is not written.** «قَتل» (killed) and «قُتل» (was killed) are one word: after
//!   such a verb (`act` in the data) a bare plural is taken as its subject («قتل مسلحون …»),
//!   and a written number or a dual within three words is preferred to a singular next to
//!   the verb («قتل جندي 5 فلسطينيين»: 5; «قتل مسلح شخصين»: 2). The oblique ending does
//!   not settle it either: after the verbal noun an oblique plural is as often the agent
//!   («ظاهرة قتل إرهابيين أقاربهم») as the victims («غداة قتل شرطيين»), so neither is
//!   read. The passive-only and intransitive verbs (أصيب، استشهد، توفي) and the verbal
//!   nouns (مقتل، إصابة) take any count. «لقتل» (in order to kill) is no trigger; «لمقتل»
//!   is.
//! * **Uncounted plurals and singulars need support.** A bare casualty noun («قتلى»، «جرحى»،
//!   «قتيل») is a toll when a casualty word governs it («سقوط قتلى»، «وقوع إصابات»), when
//!   it opens a sentence (a headline: «قتلى وجرحى في …»), when a verb of falling follows it
//!   («قتلى سقطوا»), or when the other kind is paired with it («قتلى وجرحى»). Followed by a
//!   definite noun it is a construct and no toll («ضحايا الإرهاب»، «شهيد الواجب»).
//! * **Not tolls**: a number before a counted thing (ages «30 عاما», durations, dates
//!   «12 مارس», money, vehicles, buildings, strikes, places, animals — «قتل 800 حوت»: the
//!   `thing` list), a number right after a preposition of time or place («في 3 مدن»، «منذ
//!   2011»، «الساعة 10»، «بـ 3 رصاصات»), a decimal, a percentage; anything within six
//!   words of a disease word (cases of illness and deaths from it, «500 إصابة بكورونا»),
//!   and injuries within eight words of a sports word («إصابة 3 لاعبين»، «إصابة
//!   عضلية»); a toll under a negation («لم يسفر عن سقوط قتلى»، «دون وقوع إصابات»، «نفت
//!   الوزارة مقتل 20»: no toll rather than a toll of zero, since «لم ترد أنباء عن إصابات»
//!   means *not known*, not *none*; looked for two words back from a written number, five
//!   from an uncounted one); an attempt, a threat or a charge three words back («محاولة
//!   قتل»، «بتهمة قتل 3 أشخاص»، «هدد بقتل»). Accidents and disasters are tolls like any
//!   other: which event a toll belongs to is the events stage's question.
//! * **Deaths, not executions.** «إعدام» is not a trigger (a sentence to death is reported
//!   with the same word); «اغتيال»، «ذبح»، «تصفية» are.
//!
//! # What is left out
//!
//! «آحاد» (never seen as a casualty count); ordinals; a count written after a colon or in
//! a list («القتلى: 5»); a count and its casualty word further apart than the windows
//! above, or in two sentences; tolls that need the sentence before (a disease named one
//! sentence earlier does not cancel «توفي 447 شخصا»); tallies other than حصيلة/عدد/أعداد/
//! إجمالي; and English: the lexicon is Arabic only.
//!
//! # Cost
//!
//! One pass over the characters, one hash lookup per word and proclitic reading (most
//! turned away before hashing by a table of the index's first, second and last letters),
//! and the reading pass only over texts with a casualty word. `examples/toll_bench.rs`
//! measures it on a month of a country's press (SaudiNewsNet, 96 MB, 288,000 sentences):
//! 36 to 54 MB/s of Arabic text sentence by sentence on one core of a shared machine,
//! about 110,000 to 160,000 sentences a second. The buffers of the word pass are kept
//! per thread.

use std::cell::RefCell;
use std::sync::OnceLock;

use marsad_text::{clitics, fold_chars, fold_str, is_word_char, Chain, Span};
use rustc_hash::FxHashMap as HashMap;

use crate::lexicon::LexiconError;

/// The toll vocabulary, embedded so the binary needs no data directory.
pub const TOLLS: &str = include_str!("../../../data/events/tolls.tsv");

/// What a toll counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TollKind {
    /// People killed (قتلى، شهداء، ضحايا، وفيات).
    Killed,
    /// People wounded (جرحى، مصابون).
    Wounded,
    /// Killed and wounded counted together («سقوط 30 قتيلا وجريحا»): the bounds are the
    /// total's.
    Casualties,
}

impl TollKind {
    /// `killed`, `wounded` or `casualties`.
    pub fn as_str(self) -> &'static str {
        match self {
            TollKind::Killed => "killed",
            TollKind::Wounded => "wounded",
            TollKind::Casualties => "casualties",
        }
    }
}

/// A toll stated in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Toll {
    /// What is counted.
    pub kind: TollKind,
    /// At least this many; `None` when the text gives no lower bound («أقل من 10»).
    pub min: Option<u32>,
    /// At most this many; `None` when open («على الأقل»، «أكثر من»، «عشرات»).
    pub max: Option<u32>,
    /// The words that state it, in characters of the text.
    pub span: Span,
}

impl Toll {
    /// What this toll says of `kind` (killed or wounded), as `(min, max)`: its own bounds
    /// for its own kind; for a [`TollKind::Casualties`] toll, at most the total and no lower
    /// bound for either; `None` when it says nothing of `kind`.
    pub fn bounds(&self, kind: TollKind) -> Option<(Option<u32>, Option<u32>)> {
        match (self.kind, kind) {
            (a, b) if a == b => Some((self.min, self.max)),
            (TollKind::Casualties, _) => Some((None, self.max)),
            _ => None,
        }
    }
}

/// Every toll stated in `text`, in order, with the bundled lexicon.
pub fn find_tolls(text: &str) -> Vec<Toll> {
    TollLexicon::bundled().find(text)
}

/// How a trigger's count is placed (the `value` column of a trigger line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A verbal noun: its count follows at once.
    Noun,
    /// A passive or intransitive verb: a few words may come between.
    Verb,
    /// A verb of unwritten voice: as `Verb`, but a bare plural after it is its subject.
    Act,
}

/// Grammatical number of a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gnum {
    One,
    Two,
    Many,
}

/// Quantifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quant {
    AtLeast,
    AtLeastAfter,
    More,
    About,
    AboutAfter,
    Less,
    UpTo,
    Between,
}

/// The classes of `tolls.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Trigger(Option<TollKind>, Shape),
    After(TollKind),
    Lead,
    Noun(TollKind, Gnum),
    Person(Gnum),
    One,
    Number(u32),
    Times(u32),
    Fraction(u32),
    Vague(u32, Option<u32>),
    Quant(Quant),
    Tally,
    Part,
    Thing,
    Disease,
    Sport,
    Injury,
    Died,
    Cause,
    Negation,
    Irrealis,
    Stop,
    Clause,
    Prep,
}

impl Class {
    fn bit(self) -> u32 {
        1 << match self {
            Class::Trigger(..) => 0,
            Class::After(_) => 1,
            Class::Lead => 2,
            Class::Noun(..) => 3,
            Class::Person(_) => 4,
            Class::One => 5,
            Class::Number(_) => 6,
            Class::Times(_) => 7,
            Class::Vague(..) => 8,
            Class::Quant(_) => 9,
            Class::Tally => 10,
            Class::Part => 11,
            Class::Thing => 12,
            Class::Disease => 13,
            Class::Sport => 14,
            Class::Injury => 15,
            Class::Negation => 16,
            Class::Irrealis => 17,
            Class::Stop => 18,
            Class::Prep => 19,
            Class::Clause => 20,
            Class::Fraction(_) => 21,
            Class::Died => 22,
            Class::Cause => 23,
        }
    }
}

const TRIGGER: u32 = 1;
const AFTER: u32 = 1 << 1;
const LEAD: u32 = 1 << 2;
const NOUN: u32 = 1 << 3;
const NUMBERISH: u32 = (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 21);
const ONE: u32 = 1 << 5;
const TALLY: u32 = 1 << 10;
const PART: u32 = 1 << 11;
const DISEASE: u32 = 1 << 13;
const SPORT: u32 = 1 << 14;
const INJURY: u32 = 1 << 15;
const NEGATION: u32 = 1 << 16;
const STOP: u32 = 1 << 18;
const PREP: u32 = 1 << 19;
const CLAUSE: u32 = 1 << 20;
const DIED: u32 = 1 << 22;
const CAUSE: u32 = 1 << 23;
/// A word with one of these is no unknown noun a number could count.
const KNOWN: u32 = !((1 << 12) | DISEASE | SPORT | INJURY | DIED | CAUSE);
/// Words that end the search for a verb's count. (A part, «بينهم»، «من بينهم», ends it
/// too, but its first word «من» is too common for the mask: `is_part` checks it.)
const GAP_END: u32 = TRIGGER | AFTER | LEAD | TALLY | NEGATION | NUMBERISH;
/// Words that make reading worth it.
const ANCHOR: u32 = TRIGGER | AFTER | NOUN | TALLY;

/// One line's form: the class and the words after the first.
#[derive(Debug)]
struct Entry {
    class: Class,
    rest: Box<[String]>,
}

/// The toll vocabulary, indexed by folded first word.
#[derive(Debug)]
pub struct TollLexicon {
    entries: Vec<Entry>,
    index: HashMap<String, Vec<u32>>,
    /// Which (first, second, last letter) triples a word of the index has: most words of a
    /// page are no casualty word, and this turns them away before hashing.
    gate: Box<[u64]>,
    /// `marsad_text`'s match folding of each character below [`FOLD_END`], as a table
    /// (`None`: dropped).
    fold: Box<[Option<char>]>,
}

/// Characters below this are folded from [`TollLexicon::fold`]; above, by `marsad_text`.
const FOLD_END: u32 = 0x0700;

/// The gate's letter classes: the Arabic letters ء–ي, then everything else.
const GATE_LETTERS: usize = 0x064B - 0x0621 + 1;

fn gate_letter(c: char) -> usize {
    match c as u32 {
        v @ 0x0621..=0x064A => (v - 0x0621) as usize,
        _ => GATE_LETTERS - 1,
    }
}

fn gate_bit(w: &str) -> Option<usize> {
    let mut cs = w.chars();
    let first = cs.next()?;
    let second = cs.next().unwrap_or(first);
    let last = w.chars().next_back()?;
    Some(
        (gate_letter(first) * GATE_LETTERS + gate_letter(second)) * GATE_LETTERS
            + gate_letter(last),
    )
}

impl TollLexicon {
    /// The lexicon built from the bundled file, once per process.
    pub fn bundled() -> &'static TollLexicon {
        static LEX: OnceLock<TollLexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            TollLexicon::parse(TOLLS).expect("the bundled toll lexicon is valid (tested)")
        })
    }

    /// Whether a folded word (with or without the article) is one word of the `cause`
    /// class: what people are killed or hurt in («الانفجار», «الكمين», «الاشتباكات»).
    pub(crate) fn is_cause(&self, folded: &str) -> bool {
        let bare = folded.strip_prefix("ال").unwrap_or(folded);
        [folded, bare].into_iter().any(|w| {
            self.index.get(w).is_some_and(|es| {
                es.iter().any(|&e| {
                    let e = &self.entries[e as usize];
                    matches!(e.class, Class::Cause) && e.rest.is_empty()
                })
            })
        })
    }

    /// Whether a folded word is a number word of the `number` class («ثلاثة», «عشرة»,
    /// «أربعين»), a word of its own (not the start of a phrase).
    pub(crate) fn is_number(&self, folded: &str) -> bool {
        self.index.get(folded).is_some_and(|es| {
            es.iter().any(|&e| {
                let e = &self.entries[e as usize];
                matches!(e.class, Class::Number(_)) && e.rest.is_empty()
            })
        })
    }

    /// Reads a `tolls.tsv` text.
    pub fn parse(text: &str) -> Result<TollLexicon, LexiconError> {
        let mut lex = TollLexicon {
            entries: Vec::new(),
            index: HashMap::default(),
            gate: vec![0u64; (GATE_LETTERS * GATE_LETTERS * GATE_LETTERS).div_ceil(64)]
                .into_boxed_slice(),
            fold: (0..FOLD_END)
                .map(|v| {
                    let c = char::from_u32(v)?;
                    let mut buf = [0; 4];
                    let folded = fold_chars(c.encode_utf8(&mut buf), Chain::Match).next();
                    folded
                })
                .collect(),
        };
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |problem: String| LexiconError {
                file: "tolls.tsv",
                line: i + 1,
                problem,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            let [class, kind, value, forms] = cols[..] else {
                return Err(err(format!(
                    "want 4 tab-separated columns, got {}",
                    cols.len()
                )));
            };
            let class = parse_class(class, kind, value).map_err(err)?;
            for form in forms.split_whitespace() {
                let mut words = form.split('_').map(|w| fold_str(w, Chain::Match));
                let first = words.next().unwrap_or_default();
                let rest: Box<[String]> = words.collect();
                if first.is_empty() || rest.iter().any(String::is_empty) {
                    return Err(err(format!("empty word in form {form:?}")));
                }
                let id = lex.entries.len() as u32;
                lex.entries.push(Entry { class, rest });
                if let Some(bit) = gate_bit(&first) {
                    lex.gate[bit / 64] |= 1 << (bit % 64);
                }
                lex.index.entry(first).or_default().push(id);
            }
        }
        Ok(lex)
    }

    /// Every toll stated in `text`, in order.
    pub fn find(&self, text: &str) -> Vec<Toll> {
        // The buffers of the word pass are kept per thread: it runs on every sentence.
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::default();
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.find_in(text, &mut scratch),
            Err(_) => self.find_in(text, &mut Scratch::default()),
        })
    }

    fn find_in(&self, text: &str, scratch: &mut Scratch) -> Vec<Toll> {
        let (folded, hits, raws) = scratch;
        if !scan(self, text, folded, hits, raws) {
            return Vec::new();
        }
        let reader = Reader::new(self, text, folded, raws, hits);
        let mut out = Vec::new();
        let mut i = 0;
        while i < reader.toks.len() {
            let next = reader
                .tally(i, &mut out)
                .or_else(|| reader.trigger(i, &mut out))
                .or_else(|| reader.alone(i, &mut out))
                .unwrap_or(i + 1);
            i = next.max(i + 1);
        }
        out
    }
}

fn parse_class(class: &str, kind: &str, value: &str) -> Result<Class, String> {
    let kind_of = |k: &str| match k {
        "killed" => Ok(TollKind::Killed),
        "wounded" => Ok(TollKind::Wounded),
        k => Err(format!("unknown kind {k:?}")),
    };
    let gnum = |v: &str| match v {
        "1" => Ok(Gnum::One),
        "2" => Ok(Gnum::Two),
        "n" => Ok(Gnum::Many),
        v => Err(format!("want 1, 2 or n, got {v:?}")),
    };
    let int = |v: &str| {
        v.parse::<u32>()
            .map_err(|_| format!("want a number, got {v:?}"))
    };
    Ok(match class {
        "trigger" => {
            let kind = match kind {
                "any" => None,
                k => Some(kind_of(k)?),
            };
            let shape = match value {
                "noun" => Shape::Noun,
                "verb" => Shape::Verb,
                "act" => Shape::Act,
                v => return Err(format!("unknown trigger shape {v:?}")),
            };
            Class::Trigger(kind, shape)
        }
        "after" => Class::After(kind_of(kind)?),
        "lead" => Class::Lead,
        "noun" => Class::Noun(kind_of(kind)?, gnum(value)?),
        "person" => Class::Person(gnum(value)?),
        "one" => Class::One,
        "number" => Class::Number(int(value)?),
        "times" => Class::Times(int(value)?),
        "fraction" => match int(value)? {
            0 => return Err("a fraction of 0".into()),
            d => Class::Fraction(d),
        },
        "vague" => {
            let (lo, hi) = value
                .split_once('-')
                .ok_or_else(|| format!("want MIN- or MIN-MAX, got {value:?}"))?;
            let hi = if hi.is_empty() { None } else { Some(int(hi)?) };
            Class::Vague(int(lo)?, hi)
        }
        "quant" => Class::Quant(match value {
            "atleast" => Quant::AtLeast,
            "atleast_after" => Quant::AtLeastAfter,
            "more" => Quant::More,
            "about" => Quant::About,
            "about_after" => Quant::AboutAfter,
            "less" => Quant::Less,
            "upto" => Quant::UpTo,
            "between" => Quant::Between,
            v => return Err(format!("unknown quantifier {v:?}")),
        }),
        "tally" => Class::Tally,
        "part" => Class::Part,
        "thing" => Class::Thing,
        "disease" => Class::Disease,
        "sport" => Class::Sport,
        "injury" => Class::Injury,
        "died" => Class::Died,
        "cause" => Class::Cause,
        "negation" => Class::Negation,
        "irrealis" => Class::Irrealis,
        "stop" => Class::Stop,
        "clause" => Class::Clause,
        "prep" => Class::Prep,
        c => return Err(format!("unknown class {c:?}")),
    })
}

/// Punctuation between two words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Brk {
    None,
    /// A comma, a colon, a bracket, a dash.
    Comma,
    /// A sentence end or a line break.
    Strong,
}

fn brk_of(gap: &str) -> Brk {
    let mut b = Brk::None;
    for c in gap.chars() {
        match c {
            '.' | '!' | '?' | '؟' | '؛' | ';' | '\n' | '…' => return Brk::Strong,
            // Brackets are no break: «استشهاد (5) من رجال الأمن».
            '،' | ',' | ':' | '-' | '–' | '—' | '/' => b = Brk::Comma,
            _ => {}
        }
    }
    b
}

/// A word of the folded text.
#[derive(Debug)]
struct Tok<'t> {
    /// The word, folded.
    w: &'t str,
    /// Where it stands in the original text.
    span: Span,
    /// Its start and end in the text, in bytes.
    sb: usize,
    eb: usize,
    /// The punctuation before it.
    brk: Brk,
    /// Digits, behind a proclitic of this many bytes: their value.
    digits: Option<(usize, u32)>,
    /// A number that is no count: a decimal, a percentage, too large.
    bad: bool,
    /// Its lexicon hits: `hits[from..to]` of the reader.
    hits: (u32, u32),
    /// The classes of its hits, as bits.
    mask: u32,
}

/// A lexicon hit on a word: the entry and the proclitics in front of it.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: u32,
    pre: &'static str,
}

/// A phrase found at a word: its class, the proclitics on its first word, the word after it.
#[derive(Debug, Clone, Copy)]
struct Found {
    class: Class,
    pre: &'static str,
    end: usize,
}

/// How a count is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basis {
    /// A number, a vague count or «أحد».
    Number,
    /// A dual noun.
    Dual,
    /// An indefinite singular noun.
    Single,
    /// An indefinite plural noun, no number.
    Plural,
}

/// A count: words `start..end`.
#[derive(Debug, Clone, Copy)]
struct Count {
    end: usize,
    min: Option<u32>,
    max: Option<u32>,
    basis: Basis,
    /// The kind of the casualty noun in it.
    noun: Option<TollKind>,
    /// The casualty noun is a partitive's («3 من الجرحى»، «أحد المصابين»): the kind it
    /// names is the group's, not necessarily the count's.
    partitive: bool,
    /// «أحد + noun»: one of a group named, often a person already counted («قال أحد
    /// المصابين»): a toll only under a trigger.
    one_of: bool,
    /// Killed and wounded together.
    joint: bool,
}

/// What the first word of a count may carry.
#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// و or ف (a count conjoined to what precedes).
    conj: bool,
    /// ل («ارتفعت الحصيلة لـ25»).
    to: bool,
}

/// The place value of the last word of a number in words: what may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Slot {
    #[default]
    None,
    Unit,
    Ten,
    Tens,
    Hundred,
    Thousand,
}

impl Slot {
    fn of(v: u32) -> Slot {
        match v {
            1..=9 => Slot::Unit,
            10 => Slot::Ten,
            11..=99 => Slot::Tens,
            100..=999 => Slot::Hundred,
            _ => Slot::Thousand,
        }
    }
}

/// A number in words as it is read, word by word: thousands done (`total`), the group
/// being built (`group`) and the slot of the last word. Each `take_*` says whether the
/// word continues the number (and adds it), or ends it.
#[derive(Debug, Clone, Copy, Default)]
struct SpelledNumber {
    total: u64,
    group: u64,
    last: Slot,
}

impl SpelledNumber {
    /// «أحد» (`teen`: before «عشر»): a number only as the start of «أحد عشر».
    fn take_one(&mut self, teen: bool) -> bool {
        if self.last == Slot::None && teen {
            self.group = 1;
            self.last = Slot::Unit;
            true
        } else {
            false
        }
    }

    /// A number word of value `v` (`wa`: it carries «و»).
    fn take_number(&mut self, v: u32, wa: bool) -> bool {
        let s = Slot::of(v);
        let v = v as u64;
        match (self.last, s, wa) {
            (Slot::None, Slot::Thousand, _) => {
                self.total += v;
                self.last = Slot::Thousand;
                true
            }
            (Slot::None, _, _) => {
                self.group = v;
                self.last = s;
                true
            }
            // ثلاثة عشر
            (Slot::Unit, Slot::Ten, false) => {
                self.group += 10;
                self.last = Slot::Ten;
                true
            }
            // ثلاث مائة
            (Slot::Unit, Slot::Hundred, false) if v == 100 => {
                self.group *= 100;
                self.last = Slot::Hundred;
                true
            }
            // خمسة وعشرون
            (Slot::Unit, Slot::Tens, true) => {
                self.group += v;
                self.last = Slot::Tens;
                true
            }
            // مائة وخمسون، ألف وثلاثمائة
            (Slot::Hundred, Slot::Unit | Slot::Ten | Slot::Tens, true)
            | (Slot::Thousand, Slot::Unit | Slot::Ten | Slot::Tens | Slot::Hundred, true) => {
                self.group += v;
                self.last = s;
                true
            }
            _ => false,
        }
    }

    /// A multiplier `m` («ألف»، «مليون»; `plural`: «آلاف», `wa`: it carries «و»).
    fn take_times(&mut self, m: u32, wa: bool, plural: bool) -> bool {
        if wa {
            false
        } else if self.last == Slot::None {
            // «ألف»: a thousand; «آلاف» alone is a vague count, not a number.
            if plural {
                false
            } else {
                self.total += m as u64;
                self.last = Slot::Thousand;
                true
            }
        } else if self.group > 0 && self.last != Slot::Thousand {
            self.total += self.group * m as u64;
            self.group = 0;
            self.last = Slot::Thousand;
            true
        } else {
            false
        }
    }

    /// The value read so far.
    fn value(&self) -> u32 {
        (self.total + self.group).min(u32::MAX as u64) as u32
    }
}

/// A toll read, before its context is checked.
#[derive(Debug, Clone, Copy)]
struct Draft {
    /// The word it is said from (its trigger), for negation and irrealis.
    from: usize,
    /// Its words: `start..end`.
    start: usize,
    end: usize,
    kind: TollKind,
    min: Option<u32>,
    max: Option<u32>,
    /// Counted by a number or a dual (a negation must be close to cancel it).
    counted: bool,
}

/// What a number counts: words up to `end`.
struct Counted {
    end: usize,
    noun: Option<TollKind>,
    partitive: bool,
}

/// [`clitics::prefixes_of`], the same readings in the same order, for the hot loop: only
/// the sequences that open with the word's first letter are tried (most words open with
/// none, and a word opening with ا with only the article's).
fn proclitics(w: &str) -> impl Iterator<Item = (&'static str, &str)> {
    static BY_FIRST: OnceLock<[Vec<&'static str>; 6]> = OnceLock::new();
    const FIRST: [char; 6] = ['و', 'ف', 'ب', 'ل', 'ك', 'ا'];
    let table = BY_FIRST.get_or_init(|| {
        FIRST.map(|c| {
            clitics::PREFIXES
                .iter()
                .copied()
                .filter(|p| p.starts_with(c))
                .collect()
        })
    });
    let list: &[&'static str] = match w.chars().next() {
        Some(c) => FIRST
            .iter()
            .position(|&f| f == c)
            .map_or(&[], |i| &table[i]),
        None => &[],
    };
    list.iter()
        .filter(move |p| clitics::opens_with(w, p))
        .map(move |p| (*p, &w[p.len()..]))
}

/// The word pass's buffers: folded words, lexicon hits, words.
type Scratch = (String, Vec<Hit>, Vec<Raw>);

/// A word as `scan` finds it.
struct Raw {
    /// Its folded text: `folded[fb..fe]`.
    fb: usize,
    fe: usize,
    /// Its bytes in the text.
    sb: usize,
    eb: usize,
    span: Span,
    hits: (u32, u32),
    mask: u32,
}

/// Characters that fold to nothing and may sit inside a word (ZWNJ, ZWJ, soft hyphen …).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{00AD}' | '\u{FEFF}')
}

/// The words of `text`: each folded (appended to `folded`) and looked up behind each
/// proclitic reading. `None` as soon as it is known that no word is a casualty word — the
/// common case, so it is kept to one pass with no offset map.
fn scan(
    lex: &TollLexicon,
    text: &str,
    folded: &mut String,
    hits: &mut Vec<Hit>,
    raws: &mut Vec<Raw>,
) -> bool {
    folded.clear();
    hits.clear();
    raws.clear();
    folded.reserve(text.len());
    let mut anchor = false;
    let mut word = |sb: usize, eb: usize, sc: usize, ec: usize, raws: &mut Vec<Raw>| {
        let fb = folded.len();
        for c in text[sb..eb].chars() {
            if (c as u32) < FOLD_END {
                if let Some(f) = lex.fold[c as usize] {
                    folded.push(f);
                }
            } else {
                folded.extend(fold_chars(c.encode_utf8(&mut [0; 4]), Chain::Match));
            }
        }
        let fe = folded.len();
        if fe == fb {
            return;
        }
        let w = &folded[fb..fe];
        let from = hits.len() as u32;
        let mut mask = 0;
        for (pre, stem) in std::iter::once(("", w)).chain(proclitics(w)) {
            let open = gate_bit(stem).is_some_and(|b| lex.gate[b / 64] & (1 << (b % 64)) != 0);
            if !open {
                continue;
            }
            if let Some(ids) = lex.index.get(stem) {
                for &entry in ids {
                    mask |= lex.entries[entry as usize].class.bit();
                    hits.push(Hit { entry, pre });
                }
            }
        }
        anchor |= mask & ANCHOR != 0;
        raws.push(Raw {
            fb,
            fe,
            sb,
            eb,
            span: Span::new(sc, ec),
            hits: (from, hits.len() as u32),
            mask,
        });
    };
    let (mut ci, mut start) = (0usize, None::<(usize, usize)>);
    for (b, c) in text.char_indices() {
        if is_word_char(c) || (start.is_some() && invisible(c)) {
            if start.is_none() {
                start = Some((b, ci));
            }
        } else if let Some((sb, sc)) = start.take() {
            word(sb, b, sc, ci, raws);
        }
        ci += 1;
    }
    if let Some((sb, sc)) = start {
        word(sb, text.len(), sc, ci, raws);
    }
    anchor
}

fn conj(p: &str) -> bool {
    matches!(p, "" | "و" | "ف")
}

fn verbal(p: &str) -> bool {
    matches!(p, "" | "و" | "ف" | "ب" | "ل" | "وب" | "ول" | "فب" | "فل")
}

struct Reader<'a> {
    lex: &'a TollLexicon,
    text: &'a str,
    toks: Vec<Tok<'a>>,
    hits: &'a [Hit],
}

impl<'a> Reader<'a> {
    /// The reader over the words `scan` found.
    fn new(
        lex: &'a TollLexicon,
        text: &'a str,
        folded: &'a str,
        raws: &[Raw],
        hits: &'a [Hit],
    ) -> Reader<'a> {
        let mut gaps: Vec<&'a str> = Vec::with_capacity(raws.len());
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(raws.len());
        let mut prev_end = 0;
        for r in raws {
            let w = &folded[r.fb..r.fe];
            let gap = &text[prev_end..r.sb];
            prev_end = r.eb;
            let mut digits = None;
            let mut bad = false;
            if w.bytes().any(|b| b.is_ascii_digit()) {
                let found = std::iter::once(("", w))
                    .chain(clitics::prefixes_of(w))
                    .find(|(_, s)| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
                if let Some((p, s)) = found {
                    match s.parse::<u32>() {
                        Ok(v) => digits = Some((p.len(), v)),
                        Err(_) => {
                            digits = Some((p.len(), u32::MAX));
                            bad = true;
                        }
                    }
                }
            }
            gaps.push(gap);
            toks.push(Tok {
                w,
                span: r.span,
                sb: r.sb,
                eb: r.eb,
                brk: brk_of(gap),
                digits,
                bad,
                hits: r.hits,
                mask: r.mask,
            });
        }
        // Digits: thousands separators join, decimals and percentages are no counts.
        let mut k = 0;
        while k + 1 < toks.len() {
            let (a, b) = (&toks[k], &toks[k + 1]);
            let gap = gaps[k + 1];
            let joinable = a.digits.is_some()
                && b.w.len() == 3
                && b.w.bytes().all(|c| c.is_ascii_digit())
                && matches!(gap, "," | "٬" | "." | "'" | "’");
            if joinable && !a.bad {
                let (p, v) = a.digits.unwrap_or_default();
                let w: u32 = b.w.parse().unwrap_or(0);
                let value = (v as u64) * 1000 + w as u64;
                let (span, eb) = (Span::new(a.span.start, b.span.end), b.eb);
                toks[k].digits = Some((p, value.min(u32::MAX as u64) as u32));
                toks[k].bad = value > u32::MAX as u64;
                toks[k].span = span;
                toks[k].eb = eb;
                // The first word's text stays for its proclitic; the second goes.
                toks.remove(k + 1);
                gaps.remove(k + 1);
                continue;
            }
            if a.digits.is_some() && b.digits.is_some() && matches!(gap, "." | "٫" | ",") {
                toks[k].bad = true;
                toks[k + 1].bad = true;
            }
            k += 1;
        }
        for k in 0..toks.len() {
            if toks[k].digits.is_some() {
                let after = gaps.get(k + 1).copied().unwrap_or(&text[toks[k].eb..]);
                if after.trim_start().starts_with(['%', '٪']) {
                    toks[k].bad = true;
                }
            }
        }
        Reader {
            lex,
            text,
            toks,
            hits,
        }
    }

    fn brk(&self, i: usize) -> Brk {
        self.toks.get(i).map_or(Brk::Strong, |t| t.brk)
    }

    /// Whether word `k` opens with the conjunction و (a new phrase): «وأصيب»، «واعتقال».
    fn conj_word(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.w.starts_with('و') && t.w.chars().count() > 2 && t.mask & (STOP | CLAUSE) == 0
    }

    /// Whether a part («بينهم»، «من بينهم») opens at word `k`.
    fn is_part(&self, k: usize) -> bool {
        self.has(k, PART) && self.at(k, |c, p| c == Class::Part && conj(p)).is_some()
    }

    fn has(&self, i: usize, bits: u32) -> bool {
        self.toks.get(i).is_some_and(|t| t.mask & bits != 0)
    }

    /// The longest phrase starting at word `i` whose class and proclitics `ok` accepts; its
    /// further words must follow with no punctuation between.
    fn at(&self, i: usize, ok: impl Fn(Class, &str) -> bool) -> Option<Found> {
        let t = self.toks.get(i)?;
        let mut best: Option<Found> = None;
        for h in &self.hits[t.hits.0 as usize..t.hits.1 as usize] {
            let e = &self.lex.entries[h.entry as usize];
            if !ok(e.class, h.pre) {
                continue;
            }
            let n = e.rest.len();
            if i + 1 + n > self.toks.len() {
                continue;
            }
            let fits = e.rest.iter().enumerate().all(|(k, w)| {
                let u = &self.toks[i + 1 + k];
                u.brk == Brk::None && u.w == w
            });
            if fits && best.is_none_or(|b| i + 1 + n > b.end) {
                best = Some(Found {
                    class: e.class,
                    pre: h.pre,
                    end: i + 1 + n,
                });
            }
        }
        best
    }

    /// Whether word `i` follows a preposition that makes a number a date, a time or a
    /// place («في 3 مدن»، «منذ 2011»).
    fn after_prep(&self, i: usize, ctx: Ctx) -> bool {
        if i == 0 || self.brk(i) != Brk::None {
            return false;
        }
        if ctx.to && matches!(self.toks[i - 1].w, "ل" | "الي") {
            return false;
        }
        self.at(i - 1, |c, _| c == Class::Prep)
            .is_some_and(|f| f.end == i)
    }

    /// A number at word `i`: its value and the word after it.
    fn number(&self, i: usize, first_ok: &dyn Fn(&str) -> bool) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if let Some((pl, v)) = t.digits {
            if t.bad || !first_ok(&t.w[..pl]) {
                return None;
            }
            return Some(self.digits_number(i, v));
        }
        // «ربع مليون»
        if let Some(f) = self.at(i, |c, p| matches!(c, Class::Fraction(_)) && first_ok(p)) {
            return self.fraction_number(f);
        }
        self.spelled_number(i, first_ok)
    }

    /// Digits at word `i` with value `v`, times a multiplier after them («3 آلاف»).
    fn digits_number(&self, i: usize, v: u32) -> (u32, usize) {
        let mut value = v as u64;
        let mut end = i + 1;
        if self.brk(end) == Brk::None {
            if let Some(f) = self.at(end, |c, p| matches!(c, Class::Times(_)) && p.is_empty()) {
                if let Class::Times(m) = f.class {
                    value *= m as u64;
                    end = f.end;
                }
            }
        }
        (value.min(u32::MAX as u64) as u32, end)
    }

    /// A fraction found as `f` and the multiplier it takes («ربع مليون»).
    fn fraction_number(&self, f: Found) -> Option<(u32, usize)> {
        if self.brk(f.end) == Brk::None {
            if let Some(g) = self.at(f.end, |c, p| matches!(c, Class::Times(_)) && p.is_empty()) {
                if let (Class::Fraction(d), Class::Times(m)) = (f.class, g.class) {
                    return Some((m / d, g.end));
                }
            }
        }
        None
    }

    /// A number in words from word `i` («خمسة وعشرون»، «ثلاثمائة وألف»): the words are
    /// taken while [`SpelledNumber::take`] accepts them.
    fn spelled_number(&self, i: usize, first_ok: &dyn Fn(&str) -> bool) -> Option<(u32, usize)> {
        let mut n = SpelledNumber::default();
        let mut j = i;
        while let Some(t) = self.toks.get(j) {
            if j > i && t.brk != Brk::None {
                break;
            }
            let first = j == i;
            let Some(f) = self.at(j, |c, p| {
                matches!(c, Class::Number(_) | Class::Times(_) | Class::One)
                    && if first {
                        first_ok(p)
                    } else {
                        p.is_empty() || p == "و"
                    }
            }) else {
                break;
            };
            let wa = !first && f.pre == "و";
            let ok = match f.class {
                Class::One => {
                    // «أحد عشر»: a number only before عشر.
                    let teen = self.brk(j + 1) == Brk::None
                        && self
                            .at(j + 1, |c, p| c == Class::Number(10) && p.is_empty())
                            .is_some();
                    n.take_one(teen)
                }
                Class::Number(v) => n.take_number(v, wa),
                Class::Times(m) => {
                    let plural = self.at(j, |c, _| matches!(c, Class::Vague(..))).is_some();
                    n.take_times(m, wa, plural)
                }
                _ => false,
            };
            if !ok {
                break;
            }
            j = f.end;
        }
        if j == i {
            return None;
        }
        Some((n.value(), j))
    }

    /// Whether word `k` opens a count joined by «و» («و3 مدنيين»، «وطفلان»), not a count
    /// word that starts with و («واحدة»).
    fn conjoined(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        t.w.starts_with('و')
            && self.hits[t.hits.0 as usize..t.hits.1 as usize]
                .iter()
                .all(|h| {
                    !h.pre.is_empty()
                        || !matches!(
                            self.lex.entries[h.entry as usize].class,
                            Class::Number(_)
                                | Class::One
                                | Class::Vague(..)
                                | Class::Noun(..)
                                | Class::Person(_)
                        )
                })
    }

    /// Whether word `j` may be an unknown noun a number counts («12 فلسطينيا»، «5 حراس»).
    fn noun_like(&self, j: usize) -> bool {
        let t = &self.toks[j];
        if t.digits.is_some() || t.mask & KNOWN != 0 || t.w.starts_with("ال") {
            return false;
        }
        let w = t.w;
        let nisba = w.chars().count() >= 5
            && (w.ends_with("يين")
                || w.ends_with("يون")
                || w.ends_with("يا")
                || w.ends_with("يان"));
        nisba || clitics::prefixes_of(w).next().is_none()
    }

    /// What a number counts, at word `j`: `Err` when it counts things (it is no toll),
    /// `Ok(None)` when nothing counted is written there.
    fn counted(&self, j: usize, definite_ok: bool) -> Result<Option<Counted>, ()> {
        let Some(t) = self.toks.get(j) else {
            return Ok(None);
        };
        if t.brk != Brk::None {
            return Ok(None);
        }
        let people = |c: Class| matches!(c, Class::Noun(..) | Class::Person(_));
        let noun_kind = |c: Class| match c {
            Class::Noun(k, _) => Some(k),
            _ => None,
        };
        // «ثلاثة من الجنود»، «عشرات الآلاف من القتلى»
        if t.w == "من" && self.brk(j + 1) == Brk::None {
            if let Some(f) = self.at(j + 1, |c, p| people(c) && matches!(p, "" | "ال")) {
                return Ok(Some(Counted {
                    end: f.end,
                    noun: noun_kind(f.class),
                    partitive: true,
                }));
            }
            // «من المطلوبين»، «من ركابها»
            let definite = self.toks.get(j + 1).is_some_and(|u| {
                u.w.starts_with("ال") && u.mask & KNOWN == 0 && u.w.chars().count() > 3
            });
            if definite || (j + 1 < self.toks.len() && self.noun_like(j + 1)) {
                return Ok(Some(Counted {
                    end: j + 2,
                    noun: None,
                    partitive: true,
                }));
            }
            return Ok(None);
        }
        if let Some(f) = self.at(j, |c, p| {
            people(c) && (p.is_empty() || (definite_ok && p == "ال"))
        }) {
            let mut end = f.end;
            // «5 أشخاص آخرين»
            if self.brk(end) == Brk::None {
                if let Some(g) = self.at(end, |c, p| c == Class::Person(Gnum::Many) && p.is_empty())
                {
                    if self.toks[end].w.starts_with("اخر") {
                        end = g.end;
                    }
                }
            }
            return Ok(Some(Counted {
                end,
                noun: noun_kind(f.class),
                partitive: definite_ok && f.pre == "ال" && noun_kind(f.class).is_none(),
            }));
        }
        if self
            .at(j, |c, p| c == Class::Thing && p.is_empty())
            .is_some()
        {
            return Err(());
        }
        // «عدد من المارة»
        if definite_ok && t.w.starts_with("ال") && t.mask & KNOWN == 0 && t.w.chars().count() > 3
        {
            return Ok(Some(Counted {
                end: j + 1,
                noun: None,
                partitive: true,
            }));
        }
        if self.noun_like(j) {
            return Ok(Some(Counted {
                end: j + 1,
                noun: None,
                partitive: false,
            }));
        }
        Ok(None)
    }

    /// The rest of a count whose number ends at `end`: what it counts, «وجريحا», a
    /// quantifier after it; bounds from `lo..hi` and the quantifier before it.
    fn tail(
        &self,
        end: usize,
        lo: u32,
        hi: Option<u32>,
        quant: Option<Quant>,
        definite_ok: bool,
    ) -> Option<Count> {
        let mut c = Count {
            end,
            min: Some(lo),
            max: hi,
            basis: Basis::Number,
            noun: None,
            partitive: false,
            one_of: false,
            joint: false,
        };
        match self.counted(end, definite_ok) {
            Err(()) => return None,
            Ok(Some(k)) => {
                c.end = k.end;
                c.noun = k.noun;
                c.partitive = k.partitive;
                // «15 من المصابين»: some of the casualties already counted.
                c.one_of = k.partitive && k.noun.is_some() && !definite_ok;
            }
            Ok(None) => {}
        }
        // «30 قتيلا وجريحا»، «عشرات القتلى والجرحى»
        if let Some(kind) = c.noun.filter(|_| !c.partitive) {
            if self.brk(c.end) == Brk::None {
                let other = self.at(c.end, |cl, p| {
                    matches!(cl, Class::Noun(k, _) if k != kind) && matches!(p, "و" | "وال")
                });
                // «13 قتيلا وإصابة 20»: the second word opens a toll of its own.
                if let Some(f) = other.filter(|_| !self.has(c.end, TRIGGER)) {
                    c.end = f.end;
                    c.joint = true;
                }
            }
        }
        // «30 شخصا بين قتيل وجريح»، «1000 مقاتل من الحزب بين قتيل وجريح»
        let mut at = c.end;
        if self.brk(at) == Brk::None
            && self.toks.get(at).is_some_and(|t| t.w == "من")
            && self.brk(at + 1) == Brk::None
        {
            at += 2;
        }
        if !c.joint && self.brk(at) == Brk::None && self.toks.get(at).is_some_and(|t| t.w == "بين")
        {
            if let Some(a) = self.at(at + 1, |cl, p| {
                matches!(cl, Class::Noun(..)) && p.is_empty()
            }) {
                if let Class::Noun(k1, _) = a.class {
                    let b = self.at(a.end, |cl, p| {
                        matches!(cl, Class::Noun(k, _) if k != k1) && p == "و"
                    });
                    if let (Some(b), Brk::None, Brk::None) = (b, self.brk(at + 1), self.brk(a.end))
                    {
                        c.end = b.end;
                        c.joint = true;
                        c.noun = None;
                    }
                }
            }
        }
        let mut after = None;
        if self.brk(c.end) == Brk::None {
            if let Some(f) = self.at(c.end, |cl, p| {
                matches!(cl, Class::Quant(Quant::AtLeastAfter | Quant::AboutAfter)) && p.is_empty()
            }) {
                c.end = f.end;
                if let Class::Quant(q) = f.class {
                    after = Some(q);
                }
            }
        }
        let (mut min, mut max) = (c.min, c.max);
        match quant {
            Some(Quant::AtLeast) => max = None,
            Some(Quant::More) => {
                min = min.map(|v| v.saturating_add(1));
                max = None;
            }
            Some(Quant::Less) => {
                max = min.and_then(|v| v.checked_sub(1));
                min = None;
            }
            Some(Quant::UpTo) => {
                max = max.or(min);
                min = None;
            }
            _ => {}
        }
        if after == Some(Quant::AtLeastAfter) {
            max = None;
        }
        c.min = min;
        c.max = max;
        Some(c)
    }

    /// A count starting at word `i`.
    fn count(&self, i: usize, ctx: Ctx) -> Option<Count> {
        let t = self.toks.get(i)?;
        if t.mask & (NUMBERISH | NOUN | (1 << 4)) == 0 && t.digits.is_none() {
            return None;
        }
        if self.after_prep(i, ctx) {
            return None;
        }
        // «الفرقة 30», «اللواء 93», «القرار 2216»: the number names a unit or a text.
        const NAMED_BY_NUMBER: &[&str] = &[
            "الفرقه",
            "فرقه",
            "اللواء",
            "لواء",
            "الكتيبه",
            "كتيبه",
            "الفوج",
            "فوج",
            "السريه",
            "القرار",
            "قرار",
            "الماده",
            "ماده",
            "رقم",
            "البند",
        ];
        if t.digits.is_some()
            && t.brk == Brk::None
            && i > 0
            && NAMED_BY_NUMBER.contains(&self.toks[i - 1].w.trim_start_matches(['و', 'ب', 'ل']))
        {
            return None;
        }
        let first_ok = |p: &str| {
            p.is_empty()
                || (ctx.conj && matches!(p, "و" | "ف"))
                || (ctx.to && matches!(p, "ل" | "ول"))
        };
        let (j, q) = self.quantifier(i, &first_ok)?;
        let core_ok = |p: &str| {
            if q.is_some() {
                p.is_empty()
            } else {
                first_ok(p)
            }
        };
        if let Some((v, end)) = self.number(j, &core_ok) {
            return self.number_count(v, end, q);
        }
        if q == Some(Quant::Between) {
            return None;
        }
        // A vague count: «عشرات»، «مئات الآلاف»، «عدد من».
        if let Some(f) = self.at(j, |c, p| matches!(c, Class::Vague(..)) && core_ok(p)) {
            return self.vague_count(f, q);
        }
        if q.is_some() {
            return None;
        }
        // «أحد الجنود»
        if let Some(f) = self.at(j, |c, p| c == Class::One && core_ok(p)) {
            return self.one_of_count(f);
        }
        self.noun_count(i, j, ctx, &first_ok)
    }

    /// A quantifier opening the count at word `i` («أكثر من»، «نحو»، «بين»): the word the
    /// count proper starts at, and the quantifier. None: the quantifier ends the clause.
    fn quantifier(
        &self,
        i: usize,
        first_ok: &dyn Fn(&str) -> bool,
    ) -> Option<(usize, Option<Quant>)> {
        let quant = self.at(i, |c, p| {
            matches!(
                c,
                Class::Quant(
                    Quant::AtLeast
                        | Quant::More
                        | Quant::About
                        | Quant::Less
                        | Quant::UpTo
                        | Quant::Between
                )
            ) && first_ok(p)
        });
        match quant {
            Some(f) => match f.class {
                Class::Quant(q) if self.brk(f.end) == Brk::None => Some((f.end, Some(q))),
                _ => None,
            },
            None => Some((i, None)),
        }
    }

    /// A count by a number `v` ending before word `end`: with «بين» the range's second
    /// number, then what it counts.
    fn number_count(&self, v: u32, mut end: usize, q: Option<Quant>) -> Option<Count> {
        let mut hi = Some(v);
        if q == Some(Quant::Between) {
            // «بين 10 و15»، «ما بين 10 إلى 15»
            let second = if self.brk(end) != Brk::None {
                None
            } else if matches!(self.toks.get(end).map(|t| t.w), Some("الي")) {
                self.number(end + 1, &|p: &str| p.is_empty())
            } else {
                self.number(end, &|p: &str| p == "و")
            };
            let (v2, e2) = second?;
            if v2 < v {
                return None;
            }
            hi = Some(v2);
            end = e2;
        }
        self.tail(end, v, hi, q, false)
    }

    /// A vague count found as `f` («عشرات»), times a multiplier after it («مئات الآلاف»).
    fn vague_count(&self, f: Found, q: Option<Quant>) -> Option<Count> {
        let Class::Vague(mut lo, mut hi) = f.class else {
            return None;
        };
        let mut end = f.end;
        if self.brk(end) == Brk::None {
            if let Some(g) = self.at(end, |c, p| matches!(c, Class::Times(_)) && p.is_empty()) {
                if let Class::Times(m) = g.class {
                    lo = lo.saturating_mul(m);
                    hi = hi.map(|h| h.saturating_mul(m));
                    end = g.end;
                }
            }
        }
        self.tail(end, lo, hi, q, true)
    }

    /// «أحد» found as `f`, before the group it is one of («أحد الجنود»).
    fn one_of_count(&self, f: Found) -> Option<Count> {
        if self.brk(f.end) != Brk::None || f.end >= self.toks.len() {
            return None;
        }
        let k = f.end;
        let of = self.at(k, |c, p| {
            matches!(c, Class::Noun(..) | Class::Person(_)) && matches!(p, "" | "ال")
        });
        let end = match of {
            Some(g) => g.end,
            None if (self.toks[k].w.starts_with("ال") && self.toks[k].mask & KNOWN == 0)
                || self.noun_like(k) =>
            {
                k + 1
            }
            None => return None,
        };
        Some(Count {
            end,
            min: Some(1),
            max: Some(1),
            basis: Basis::Number,
            noun: of.and_then(|g| match g.class {
                Class::Noun(k, _) => Some(k),
                _ => None,
            }),
            partitive: true,
            one_of: true,
            joint: false,
        })
    }

    /// A noun that counts by itself at word `j` (the count began at `i`): «قتيلان»،
    /// «جندي»، «مدنيين»، or a definite noun and its number («الجنود الثلاثة»).
    fn noun_count(
        &self,
        i: usize,
        j: usize,
        ctx: Ctx,
        first_ok: &dyn Fn(&str) -> bool,
    ) -> Option<Count> {
        let f = self.at(j, |c, p| {
            matches!(c, Class::Noun(..) | Class::Person(_))
                && (first_ok(p) || p == "ال" || (ctx.conj && matches!(p, "وال" | "فال")))
        })?;
        let (kind, gnum) = match f.class {
            Class::Noun(k, g) => (Some(k), g),
            Class::Person(g) => (None, g),
            _ => return None,
        };
        let mut end = f.end;
        let joined = self.brk(end) == Brk::None;
        if f.pre.ends_with("ال") {
            return self.definite_count(end, joined, kind);
        }
        let (mut min, mut max, mut basis) = match gnum {
            Gnum::One => {
                // «إصابة»، «وفاة» alone are the events, not one casualty; «سقط قتيلا»، «قضى
                // نحبه شهيدا» say how someone named died, not how many.
                if self.has(i, TRIGGER) || (kind.is_some() && self.toks[j].w.ends_with('ا')) {
                    return None;
                }
                (Some(1), Some(1), Basis::Single)
            }
            Gnum::Two => (Some(2), Some(2), Basis::Dual),
            Gnum::Many => (Some(1), None, Basis::Plural),
        };
        if joined {
            let (e, b) = self.after_counting_noun(end, gnum, kind)?;
            end = e;
            basis = b.unwrap_or(basis);
        }
        if gnum == Gnum::Many && self.brk(end) == Brk::None {
            if let Some(g) = self.at(end, |c, p| {
                matches!(c, Class::Quant(Quant::AtLeastAfter)) && p.is_empty()
            }) {
                end = g.end;
                max = None;
                min = min.max(Some(1));
            }
        }
        let c = Count {
            end,
            min,
            max,
            basis,
            noun: kind,
            partitive: false,
            one_of: false,
            joint: false,
        };
        Some(self.joint_after(c))
    }

    /// «الجنود الثلاثة»: a definite noun ending before word `end` and the number after it.
    fn definite_count(&self, end: usize, joined: bool, kind: Option<TollKind>) -> Option<Count> {
        let g = joined
            .then(|| self.at(end, |c, p| matches!(c, Class::Number(_)) && p == "ال"))
            .flatten()?;
        let Class::Number(v) = g.class else {
            return None;
        };
        Some(Count {
            end: g.end,
            min: Some(v),
            max: Some(v),
            basis: Basis::Number,
            noun: kind,
            partitive: false,
            // «الجثث التسعة»: counted before; a toll only under a trigger.
            one_of: true,
            joint: false,
        })
    }

    /// What follows a counting noun that ends before word `end`, joined to it: a number
    /// that agrees («قتيل واحد»، «شخصين اثنين»: the basis becomes a number) or «آخر»
    /// (taken in); the new end and basis. None: a construct, not a count («ضحايا
    /// الإرهاب»).
    fn after_counting_noun(
        &self,
        end: usize,
        gnum: Gnum,
        kind: Option<TollKind>,
    ) -> Option<(usize, Option<Basis>)> {
        let want = match gnum {
            Gnum::One => Some(1),
            Gnum::Two => Some(2),
            Gnum::Many => None,
        };
        // «قتيل واحد»، «شخصين اثنين»
        if let Some(g) = self.at(end, |c, p| {
            Some(c) == want.map(Class::Number) && p.is_empty()
        }) {
            return Some((g.end, Some(Basis::Number)));
        }
        if let Some(g) = self.at(end, |c, p| matches!(c, Class::Person(_)) && p.is_empty()) {
            // «شخص آخر»
            if self.toks[end].w.starts_with("اخر") {
                return Some((g.end, None));
            }
            return Some((end, None));
        }
        if (gnum == Gnum::Many || kind.is_some())
            && self
                .toks
                .get(end)
                .is_some_and(|u| u.w.starts_with("ال") && u.mask & STOP == 0)
        {
            // «ضحايا الإرهاب»، «شهيد الواجب»: a construct, not a count.
            return None;
        }
        Some((end, None))
    }

    /// «قتيلا وجريحا» after a person noun: the count becomes the joint one (with a dual:
    /// «قتيلان وجريح» are two tolls, nothing joint).
    fn joint_after(&self, c: Count) -> Count {
        if c.noun.is_none() && self.brk(c.end) == Brk::None {
            if let Some(t) = self.toks.get(c.end) {
                if t.w == "بين" {
                    if let Some(r) = self.tail(c.end, c.min.unwrap_or(1), c.max, None, false) {
                        if r.joint {
                            return Count {
                                basis: c.basis,
                                ..r
                            };
                        }
                    }
                }
            }
        }
        c
    }

    /// A casualty verb after a count («لقوا مصرعهم»، «قتلوا»، «بجروح»): up to two words on;
    /// `wide` (the count follows «لقي», or names a group: «17 من ميليشيا …») lets it come
    /// up to twelve words on, in the same clause.
    fn after_word(&self, from: usize, wide: bool) -> Option<(TollKind, usize)> {
        let reach = if wide { 13 } else { 3 };
        for k in from..from + reach {
            let t = self.toks.get(k)?;
            if t.brk != Brk::None {
                return None;
            }
            // Written bare: «مسلحون اقتحموا المبنى وقتلوا ثلاثة» joins a second act to
            // the gunmen's, who did it; «12 شخصا قتلوا» says what befell them.
            if let Some(f) = self.at(k, |c, p| matches!(c, Class::After(_)) && p.is_empty()) {
                if let Class::After(kind) = f.class {
                    return Some((kind, f.end));
                }
            }
            if t.mask & LEAD == 0 {
                let ends = if wide {
                    // «من إحدى الجنسيات» describes the one counted: no count of its own.
                    let of_one = t.mask & ONE != 0
                        && k > from
                        && self.toks[k - 1].w == "من"
                        && self.at(k, |c, _| c == Class::One).is_some();
                    t.digits.is_some()
                        || (t.mask & (GAP_END | CLAUSE) != 0 && !of_one)
                        || self.is_part(k)
                } else {
                    t.digits.is_some()
                        || self.conj_word(k)
                        || t.mask & (GAP_END | STOP | PREP | CLAUSE | PART) != 0
                };
                if ends {
                    return None;
                }
            }
        }
        None
    }

    /// Whether the toll over words `start..end`, said from word `from` on (its trigger), is
    /// cancelled by its context.
    fn vetoed(&self, from: usize, start: usize, end: usize, counted: bool) -> bool {
        // Negation and irrealis: a few words back, in the sentence.
        let back = if counted { 2 } else { 5 };
        for d in 1..=back.max(3) {
            let Some(k) = from.checked_sub(d) else { break };
            if self.toks[k + 1].brk == Brk::Strong {
                break;
            }
            if d <= back && self.at(k, |c, p| c == Class::Negation && conj(p)).is_some() {
                return true;
            }
            if d <= 3 && self.at(k, |c, _| c == Class::Irrealis).is_some() {
                return true;
            }
        }
        // Illness and sport: within a few words either side, in the sentence.
        let injury = (start..end).any(|k| self.has(k, INJURY));
        let near = |bits: u32, reach: usize| {
            let mut k = start;
            while k > 0 && start - k < reach && self.toks[k].brk != Brk::Strong {
                k -= 1;
                if self.has(k, bits) {
                    return true;
                }
            }
            let mut k = end;
            while k < self.toks.len() && k - end < reach && self.toks[k].brk != Brk::Strong {
                if self.has(k, bits) {
                    return true;
                }
                k += 1;
            }
            (start..end).any(|k| self.has(k, bits))
        };
        near(DISEASE, 6) || (injury && near(SPORT, 8)) || self.natural_death(from.min(start), end)
    }

    /// Whether the toll over words `start..end` is read from a word that also tells a
    /// natural death («وفاة»، «توفي») in a sentence that names no cause: no violence, no
    /// accident, no disaster and no other casualty word («بعد وفاة أحد أقاربه»). Obituaries
    /// and clinics' counts are no tolls; «توفي 3 أشخاص في حادث سير» is.
    fn natural_death(&self, start: usize, end: usize) -> bool {
        if !(start..end).any(|k| self.has(k, DIED)) {
            return false;
        }
        let mut first = start;
        while first > 0 && self.toks[first].brk != Brk::Strong {
            first -= 1;
        }
        let mut last = end;
        while last < self.toks.len() && self.toks[last].brk != Brk::Strong {
            last += 1;
        }
        !(first..last.min(self.toks.len())).any(|k| self.has(k, CAUSE))
    }

    /// Where a toll starting at word `k` starts: after the conjunction or preposition the
    /// word opens with («وإصابة العشرات» spans «إصابة العشرات»), as entity mentions do; the
    /// article stays («العشرات»).
    fn span_start(&self, k: usize) -> usize {
        let t = &self.toks[k];
        let pre = match t.digits {
            Some((pl, _)) => &t.w[..pl],
            None => self.hits[t.hits.0 as usize..t.hits.1 as usize]
                .iter()
                .map(|h| h.pre)
                .min_by_key(|p| p.len())
                .unwrap_or(""),
        };
        let clitic = match pre.strip_suffix("ال") {
            Some(c) => c,
            // ل + ال is written لل: the second ل is the article's.
            None if pre.ends_with("لل") => &pre[..pre.len() - "ل".len()],
            None => pre,
        };
        let n = clitic.chars().count();
        if n == 0 {
            return t.span.start;
        }
        let kept = |c: char| {
            if (c as u32) < FOLD_END {
                self.lex.fold[c as usize].is_some()
            } else {
                fold_chars(c.encode_utf8(&mut [0; 4]), Chain::Match)
                    .next()
                    .is_some()
            }
        };
        let mut chars = self.text[t.sb..t.eb].chars().peekable();
        let (mut seen, mut skip) = (0, 0);
        for c in chars.by_ref() {
            skip += 1;
            if kept(c) {
                seen += 1;
                if seen == n {
                    break;
                }
            }
        }
        // A tatweel or a vowel on the clitic («بـ»، «وَ») goes with it.
        while chars.next_if(|&c| !kept(c)).is_some() {
            skip += 1;
        }
        (t.span.start + skip).min(t.span.end)
    }

    /// Adds a toll unless its context cancels it.
    fn emit(&self, out: &mut Vec<Toll>, d: Draft) {
        if self.vetoed(d.from, d.start, d.end, d.counted) {
            return;
        }
        out.push(Toll {
            kind: d.kind,
            min: d.min,
            max: d.max,
            span: Span::new(self.span_start(d.start), self.toks[d.end - 1].span.end),
        });
    }

    /// After a toll ending at word `end`: a part of it («بينهم 4 أطفال»، «و3 نساء») is
    /// passed over. Returns where reading goes on.
    fn skip_part(&self, end: usize, kind: TollKind) -> usize {
        if self.brk(end) == Brk::Strong {
            return end;
        }
        let Some(f) = self.at(end, |c, p| c == Class::Part && conj(p)) else {
            return end;
        };
        let Some(c) = self.count(f.end, Ctx::default()) else {
            return f.end;
        };
        if c.noun.is_some_and(|k| k != kind && !c.partitive) {
            return f.end;
        }
        let mut k = c.end;
        while self.brk(k) == Brk::None && self.conjoined(k) {
            match self.count(
                k,
                Ctx {
                    conj: true,
                    to: false,
                },
            ) {
                Some(c2) if c2.noun.is_none_or(|n| n == kind) => k = c2.end,
                _ => break,
            }
        }
        k
    }

    /// «حصيلة القتلى … إلى 25»
    fn tally(&self, i: usize, out: &mut Vec<Toll>) -> Option<usize> {
        if !self.has(i, TALLY) {
            return None;
        }
        let t = self.at(i, |c, p| {
            c == Class::Tally
                && matches!(
                    p,
                    "" | "و" | "ف" | "ب" | "ل" | "ال" | "وال" | "بال" | "فال" | "لل"
                )
        })?;
        if self.brk(t.end) != Brk::None {
            return None;
        }
        let n = self.at(t.end, |c, p| match c {
            Class::Noun(_, g) => p == "ال" || (p.is_empty() && g == Gnum::Many),
            _ => false,
        })?;
        let Class::Noun(mut kind, _) = n.class else {
            return None;
        };
        let mut j = n.end;
        if self.brk(j) == Brk::None {
            let other = self.at(j, |c, p| {
                matches!(c, Class::Noun(k, _) if k != kind) && matches!(p, "و" | "وال")
            });
            if let Some(f) = other {
                kind = TollKind::Casualties;
                j = f.end;
            }
        }
        let mut k = j;
        while k < self.toks.len() && k < j + 10 {
            if self.toks[k].brk == Brk::Strong {
                break;
            }
            if let Some(c) = self.count(
                k,
                Ctx {
                    conj: false,
                    to: true,
                },
            ) {
                if c.basis == Basis::Number {
                    let kind = if c.joint {
                        TollKind::Casualties
                    } else {
                        c.noun.filter(|_| !c.partitive).unwrap_or(kind)
                    };
                    self.emit(
                        out,
                        Draft {
                            from: i,
                            start: i,
                            end: c.end,
                            kind,
                            min: c.min,
                            max: c.max,
                            counted: true,
                        },
                    );
                    return Some(self.skip_part(c.end, kind));
                }
                k = c.end;
                continue;
            }
            if self.has(k, TRIGGER | TALLY) {
                break;
            }
            k += 1;
        }
        None
    }

    /// A trigger at word `i` and the count it governs.
    fn trigger(&self, i: usize, out: &mut Vec<Toll>) -> Option<usize> {
        if !self.has(i, TRIGGER) {
            return None;
        }
        // «لقتل» is a purpose («to kill»), «لمقتل» a result («led to the death of»).
        let m = self.at(i, |c, p| {
            matches!(c, Class::Trigger(..))
                && verbal(p)
                && !(matches!(c, Class::Trigger(_, Shape::Act)) && p.contains('ل'))
        })?;
        let Class::Trigger(mut kind, shape) = m.class else {
            return None;
        };
        let mut j = m.end;
        // «مقتل وإصابة 30 شخصا»
        if let Some(k1) = kind {
            if self.brk(j) == Brk::None {
                let second = self.at(j, |c, p| {
                    matches!(c, Class::Trigger(Some(k2), _) if k2 != k1) && p.starts_with('و')
                });
                if let Some(f) = second {
                    kind = Some(TollKind::Casualties);
                    j = f.end;
                }
            }
        }
        let window = if shape == Shape::Noun { 0 } else { 3 };
        let mut found: Option<(usize, Count)> = None;
        let mut k = j;
        while k < self.toks.len() && k <= j + window {
            if self.toks[k].brk != Brk::None {
                break;
            }
            if let Some(c) = self.count(k, Ctx::default()) {
                let kinded = kind.is_some() || c.noun.is_some() || c.joint;
                // After a verb of unwritten voice a bare plural is its subject (or, after
                // the verbal noun, its agent: «ظاهرة قتل إرهابيين أقاربهم»).
                let fits = kinded && !(shape == Shape::Act && c.basis == Basis::Plural);
                if fits {
                    // A count in its own word («5 فلسطينيين», «شخصين») after a singular
                    // right after the verb: that singular was its subject.
                    let written = matches!(c.basis, Basis::Number | Basis::Dual);
                    if found.is_none() || written {
                        found = Some((k, c));
                    }
                    if shape != Shape::Act || written {
                        break;
                    }
                }
                k = c.end;
                continue;
            }
            let t = &self.toks[k];
            if t.digits.is_some()
                || self.conj_word(k)
                || t.mask & (GAP_END | CLAUSE) != 0
                || self.is_part(k)
            {
                break;
            }
            k += 1;
        }
        let (at, c) = found?;
        // A word that says casualties fell but not which («سقوط»، «خلّف») is not part of
        // the toll's words: the count and its noun are.
        let start = if kind.is_none() { at } else { i };
        let kind = if c.joint {
            TollKind::Casualties
        } else if c.partitive {
            kind.or(c.noun)?
        } else {
            c.noun.or(kind)?
        };
        let mut end = c.end;
        if self.brk(end) == Brk::None {
            if let Some(f) = self.at(end, |cl, p| matches!(cl, Class::After(_)) && p.is_empty()) {
                if f.class == Class::After(kind) {
                    end = f.end;
                }
            }
        }
        let (mut min, mut max) = (c.min, c.max);
        let counted = matches!(c.basis, Basis::Number | Basis::Dual);
        // «مقتل 5 جنود و3 مدنيين»: one toll.
        while kind != TollKind::Casualties && self.brk(end) == Brk::None && self.conjoined(end) {
            let Some(c2) = self.count(
                end,
                Ctx {
                    conj: true,
                    to: false,
                },
            ) else {
                break;
            };
            if c2.joint || c2.noun.is_some_and(|n| n != kind && !c2.partitive) {
                break;
            }
            if self
                .after_word(c2.end, false)
                .is_some_and(|(k2, _)| k2 != kind)
            {
                break;
            }
            if !matches!(c2.basis, Basis::Number | Basis::Dual | Basis::Single) {
                break;
            }
            min = Some(min.unwrap_or(0).saturating_add(c2.min.unwrap_or(0)));
            max = max.zip(c2.max).map(|(a, b)| a.saturating_add(b));
            end = c2.end;
        }
        self.emit(
            out,
            Draft {
                from: i,
                start,
                end,
                kind,
                min,
                max,
                counted,
            },
        );
        Some(self.skip_part(end, kind))
    }

    /// A count at word `i` with no trigger before it.
    fn alone(&self, i: usize, out: &mut Vec<Toll>) -> Option<usize> {
        let c = self.count(
            i,
            Ctx {
                conj: true,
                to: false,
            },
        )?;
        // «… بين قتيل وجريح» whose count was not read: no toll of one.
        if c.basis == Basis::Single
            && i > 0
            && self.brk(i) == Brk::None
            && self.toks[i - 1].w == "بين"
        {
            return Some(c.end + 1);
        }
        // «3 منهم»: a part of a toll.
        if self.brk(c.end) == Brk::None
            && self
                .at(c.end, |cl, p| cl == Class::Part && conj(p))
                .is_some()
        {
            return Some(c.end);
        }
        let counted = matches!(c.basis, Basis::Number | Basis::Dual);
        // «لقي 5 أشخاص مصرعهم»
        let lead = i > 0
            && self.brk(i) == Brk::None
            && self
                .at(i - 1, |cl, p| cl == Class::Lead && conj(p))
                .is_some_and(|f| f.end == i);
        let group = self
            .toks
            .get(c.end)
            .is_some_and(|t| t.w == "من" && t.brk == Brk::None);
        let after = self.after_word(c.end, lead || group);
        if let Some(nk) = c.noun.filter(|_| !c.one_of) {
            if !counted && !self.licensed(i, &c, nk) {
                return Some(c.end);
            }
            let kind = if c.joint { TollKind::Casualties } else { nk };
            let mut end = c.end;
            if let Some((ak, e)) = after {
                if ak == nk {
                    end = e;
                }
            }
            self.emit(
                out,
                Draft {
                    from: i,
                    start: i,
                    end,
                    kind,
                    min: c.min,
                    max: c.max,
                    counted,
                },
            );
            return Some(self.skip_part(end, kind));
        }
        if c.joint {
            return Some(c.end);
        }
        let (kind, end) = after?;
        let start = if lead { i - 1 } else { i };
        self.emit(
            out,
            Draft {
                from: start,
                start,
                end,
                kind,
                min: c.min,
                max: c.max,
                counted,
            },
        );
        Some(self.skip_part(end, kind))
    }

    /// Whether an uncounted casualty noun («قتلى»، «قتيل») is said as a toll here: it opens
    /// a sentence, a verb of falling follows it («قتيلا سقط»), or the other kind is paired
    /// with it («قتلى وجرحى»).
    fn licensed(&self, i: usize, c: &Count, kind: TollKind) -> bool {
        if i == 0 || self.brk(i) == Brk::Strong {
            return true;
        }
        // «قتيلا سقط»، «قتلى سقطوا»
        if self.brk(c.end) == Brk::None
            && self
                .at(c.end, |cl, p| {
                    cl == Class::Trigger(None, Shape::Verb) && conj(p)
                })
                .is_some()
        {
            return true;
        }
        let other = |cl: Class| matches!(cl, Class::Noun(k, _) if k != kind);
        if self.brk(c.end) == Brk::None && self.at(c.end, |cl, p| other(cl) && p == "و").is_some()
        {
            return true;
        }
        self.toks[i].w.starts_with('و')
            && self.brk(i) == Brk::None
            && self
                .at(i - 1, |cl, p| other(cl) && matches!(p, "" | "و"))
                .is_some_and(|f| f.end == i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (TollKind, Option<u32>, Option<u32>, String) {
        let t = find_tolls(text);
        assert_eq!(t.len(), 1, "{text}: {t:?}");
        (
            t[0].kind,
            t[0].min,
            t[0].max,
            t[0].span.slice(text).to_string(),
        )
    }

    #[test]
    fn bundled_lexicon_parses() {
        let lex = TollLexicon::parse(TOLLS).unwrap();
        assert!(lex.entries.len() > 300);
    }

    #[test]
    fn bad_lines_name_the_line() {
        let e = TollLexicon::parse("# x\nnumber\t-\tthree\tثلاثة\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("tolls.tsv:2"), "{e}");
        assert!(TollLexicon::parse("noise\t-\t-\tx\n").is_err());
        assert!(TollLexicon::parse("vague\t-\t24\tx\n").is_err());
    }

    #[test]
    fn number_words_combine() {
        for (text, n) in [
            ("مقتل خمسة وعشرين شخصا", 25),
            ("مقتل ثلاثة عشر شخصا", 13),
            ("مقتل إحدى عشرة امرأة", 11),
            ("مقتل مائة وخمسين شخصا", 150),
            ("مقتل ثلاثة آلاف شخص", 3000),
            ("مقتل ثلاثمائة شخص", 300),
            ("مقتل ألف ومائتي شخص", 1200),
            ("مقتل عشرين ألفا", 20000),
            ("مقتل 1,200 شخص", 1200),
            ("مقتل ١٬٢٠٠ شخص", 1200),
            ("مقتل ١٢ شخصا", 12),
        ] {
            let (_, min, max, _) = one(text);
            assert_eq!((min, max), (Some(n), Some(n)), "{text}");
        }
    }

    #[test]
    fn digits_that_are_no_counts() {
        assert!(find_tolls("ارتفع عدد القتلى بنسبة 20%").is_empty());
        assert!(find_tolls("مقتل 2.5 شخص").is_empty());
    }

    #[test]
    fn casualties_bounds() {
        let t = find_tolls("سقوط 30 قتيلا وجريحا");
        assert_eq!(t[0].kind, TollKind::Casualties);
        assert_eq!(t[0].bounds(TollKind::Killed), Some((None, Some(30))));
        let k = Toll {
            kind: TollKind::Killed,
            ..t[0]
        };
        assert_eq!(k.bounds(TollKind::Wounded), None);
    }
}
