//! Actors the knowledge base cannot name: actors named by description, and words that
//! only point back to an actor named before.
//!
//! Most reports of violence, protest and local government name no one the knowledge base
//! knows: «قوات الأمن العراقية», «مسلحون مجهولون», «عشرات المتظاهرين», «وزير الداخلية».
//! And most sentences after a report's lead name its actors only by pointing back:
//! «وبحث سموه مع معاليه …», «وأكد الجانبان …», «أعربت المملكة عن …». Both become
//! mentions of the sentence here, beside the entities' mentions, so that the reading
//! (`read.rs`) groups them, gives them roles and codes them like any other actor.
//!
//! * **Described actors** (`data/events/actors.tsv`, a sector a line): the longest phrase
//!   of the file at a word no entity covers, with the quantity before it («ثلاثة
//!   مسلحين», «العشرات من المواطنين») and the country after it — an adjective
//!   («قوات الأمن العراقية») or a country or city name («شرطة دبي»). Followed directly by
//!   an organisation the knowledge base knows («عناصر تنظيم داعش», «طائرات التحالف»),
//!   the words are that organisation's, not a second actor.
//! * **Pointing back** ([`Discourse`], carried from sentence to sentence of a page): an
//!   honorific pronoun («سموه», «معاليه», «فخامته») is the person last named with the
//!   matching title (سمو for princes, معالي for ministers, فخامة for presidents …), else
//!   the person last named; a pair noun («الجانبان», «البلدين», «الزعيمين») is the two
//!   parties of the page's last meeting, or the two actors last named together;
//!   a body's bare head noun («المجلس», «الحركة», «الوزارة») is the one body of that kind
//!   the page has named — with two («مجلس الوزراء» and «مجلس التعاون»), neither;
//!   forces with a possessive pronoun («طائراته», «مقاتليه», «جنوده») are the owner's
//!   named nearest before them in the sentence;
//!   «المملكة» is the kingdom the page names most; «بلاده» is the country of the person
//!   named before it in the sentence, else of the one the page last spoke of. Each keeps the span of the words that
//!   point and, in `via`, the span of the name they point to — the evidence `--explain`
//!   shows. Nothing is guessed: with no antecedent, no mention.

use marsad_schema::{Document, EntityType};
use marsad_text::Span;

use crate::lexicon::{ActorClass, Args, Cue, Lexicon};
use crate::sentence::{joined, stems, Mention, Sentence, Slot, APPOSITION_GAP};

/// What a page has named so far, for the words that point back.
#[derive(Debug, Default, Clone)]
pub struct Discourse {
    /// People named, oldest first, with the title words before them and the number of
    /// the sentence that named them.
    persons: Vec<(Antecedent, Titles, usize)>,
    /// Sentences taken in so far.
    sentences: usize,
    /// Bodies named, oldest first, by their head noun («مجلس» of «مجلس الشورى»): what
    /// «المجلس» later points to, when the page has named one body of that kind. A head
    /// noun no body's mention explains («رئيس مجلس الوزراء» in a title, a council the
    /// knowledge base does not know) is kept without an antecedent: «المجلس» could then
    /// be either, and is left unread.
    bodies: Vec<(Option<Antecedent>, &'static str)>,
    /// The two parties last named together.
    pair: Option<[Antecedent; 2]>,
    /// The kingdom the page names most.
    kingdom: Option<String>,
    /// Who the page last spoke of: the actor of the last sentence's first event, or the
    /// person or body that opens the last sentence that named one.
    subject: Option<Antecedent>,
}

/// An actor a later word can point back to.
#[derive(Debug, Clone, PartialEq)]
pub struct Antecedent {
    /// Entity key.
    pub key: String,
    /// Entity type.
    pub kind: EntityType,
    /// The entity's country.
    pub country: Option<String>,
    /// Where it was named.
    pub span: Span,
    /// Its sector, for a described actor.
    pub sector: Option<&'static str>,
    /// A described actor (no key of the knowledge base).
    pub described: bool,
}

impl Antecedent {
    fn of(m: &Mention) -> Antecedent {
        Antecedent {
            key: m.key.clone(),
            kind: m.kind,
            country: m.country.clone(),
            span: m.via.unwrap_or(m.span),
            sector: m.sector,
            described: m.described,
        }
    }

    /// A country (ISO alpha-3) as an actor, its government, named at `span`.
    fn country(code: &str, span: Span) -> Antecedent {
        Antecedent {
            key: code.to_string(),
            kind: EntityType::Gpe,
            country: Some(code.to_string()),
            span,
            sector: Some("GOV"),
            described: false,
        }
    }
}

/// Title words seen before a person, as bits: which honorific or bare title can point to
/// them (the low 16 bits, one per [`TITLED`] entry), and which honorific's own noun
/// stood before them (bit 16 + i: «جلالة الملك عبدالله الثاني» for «جلالته»), which
/// outranks a title the honorific merely allows («الملك سلمان»).
type Titles = u32;

/// The bit of an honorific's own noun, given its bit in [`TITLED`].
const fn own_noun(bit: Titles) -> Titles {
    if bit < 1 << HONORIFICS {
        bit << 16
    } else {
        0
    }
}

/// The words that point back to a titled person (folded; `_` joins a phrase), and the
/// title words that license them. A title word before a name, or the honorific's own noun
/// («سمو», «معالي»), marks the person. The first eight are honorific pronouns
/// («سموه»), which fall back to the person last named; the rest are bare titles («وأكد
/// الوزير», «ودعا الأمين العام»), which point only to a person named with that title.
const TITLED: &[(&str, &[&str])] = &[
    ("سموه", &["سمو", "امير", "الامير", "ولي"]),
    ("معاليه", &["معالي", "وزير", "الوزير"]),
    ("فخامته", &["فخامه", "رييس", "الرييس"]),
    ("جلالته", &["جلاله", "ملك", "الملك", "العاهل"]),
    ("دولته", &["دوله", "رييس_الوزراء"]),
    ("سعادته", &["سعاده", "السفير", "سفير"]),
    ("سيادته", &["سياده", "الرييس", "رييس"]),
    ("سماحته", &["سماحه", "الشيخ", "المفتي", "مفتي"]),
    ("الوزير", &["معالي", "وزير", "الوزير"]),
    ("الامير", &["سمو", "امير", "الامير"]),
    ("الرييس", &["فخامه", "الرييس"]),
    ("السفير", &["السفير", "سفير"]),
    ("الامين_العام", &["الامين", "امين"]),
    ("المتحدث", &["المتحدث"]),
    ("المبعوث", &["المبعوث"]),
];

/// How many of [`TITLED`] are honorific pronouns.
const HONORIFICS: usize = 8;

fn honorific_bit(word: &str) -> Option<Titles> {
    TITLED[..HONORIFICS]
        .iter()
        .position(|(h, _)| *h == word)
        .map(|i| 1 << i)
}

/// Words after a bare title that make it another person or another office: «الرئيس
/// السابق» is not the president just named, «الأمين العام المساعد» not the secretary-general.
const NOT_THE_SAME: &[&str] = &[
    "السابق",
    "الاسبق",
    "الراحل",
    "الجديد",
    "المقبل",
    "المخلوع",
    "المعزول",
    "الفخري",
    "التنفيذي",
    "المفوض",
    "المساعد",
    "المكلف",
    "المنتخب",
    "الاول",
    "الثاني",
];

/// A bare title at word `i` and nothing more («وأكد الوزير», «ودعا الأمين العام»: no
/// country, no name, no complement after it): its length in words, its bit in [`TITLED`]
/// and the proclitics written on it.
fn bare_title_at(s: &Sentence, i: usize, taken: &[bool]) -> Option<(usize, Titles, String)> {
    let word = s.tokens[i].folded.as_str();
    let after_and = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    // «للوزير» is ل + الوزير, its article's alif dropped.
    let (bare, clitic) = match after_and.strip_prefix("لل") {
        Some(rest) => (
            format!("ال{rest}"),
            &word[..word.len() - after_and.len() + "ل".len()],
        ),
        None => match after_and.strip_prefix('ب').filter(|r| r.starts_with("ال")) {
            Some(rest) => (rest.to_string(), &word[..word.len() - rest.len()]),
            None => (after_and.to_string(), &word[..word.len() - after_and.len()]),
        },
    };
    let (k, len) = TITLED[HONORIFICS..]
        .iter()
        .enumerate()
        .find_map(|(k, (t, _))| {
            let mut parts = t.split('_');
            let first = parts.next()?;
            let rest: Vec<&str> = parts.collect();
            let fits = first == bare
                && rest
                    .iter()
                    .enumerate()
                    .all(|(n, w)| s.tokens.get(i + 1 + n).is_some_and(|x| x.folded == *w));
            fits.then_some((k, 1 + rest.len()))
        })?;
    let j = i + len;
    if (i..j).any(|t| taken[t]) {
        return None;
    }
    complete_at(s, i, j, taken).then(|| (len, 1 << (k + HONORIFICS), clitic.to_string()))
}

/// Whether a bare title at words `[i, j)` ends there: nothing after it makes it another
/// person.
fn complete_at(s: &Sentence, i: usize, j: usize, taken: &[bool]) -> bool {
    // Nothing may complete the title: a name, a body or a country right after it, a word
    // that makes it another person («السابق») or another office («المساعد»), another
    // title («الأمير الدكتور منصور …»), a complement («الوزير لشؤون …»). What may follow
    // is the end of the phrase, a particle («أن», «على»), a word with the article (the
    // verb's object: «ودعا الوزير الحكومة») or with «بـ» («وأشاد الرئيس بدور …»). A word without the
    // article may be a name the knowledge base does not know («الوزير خالد …»).
    match s.tokens.get(j) {
        None => true,
        Some(_) if !joined(&s.tokens, j, j) => true,
        Some(_) if taken[j] && !s.triggers.iter().any(|t| t.from == j) => false,
        Some(_) if s.mentions.iter().any(|m| m.from <= j && j < m.to) => false,
        Some(w) => {
            let w = w.folded.as_str();
            let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            // «بدور مصر», «بالحكومة»: a preposition opens what the verb takes. A word with
            // the article is the verb's object only after a verb («ودعا الوزير الحكومة»);
            // elsewhere it describes the title («والرئيس المؤسس لجمعية …»).
            let after_verb =
                i > 0 && (s.triggers.iter().any(|t| t.to == i) || s.has(i - 1, Cue::Say));
            let definite = bare.starts_with("ال") && after_verb
                || bare.starts_with('ب')
                || bare.starts_with("كال");
            let particle = matches!(
                bare,
                "ان" | "انه"
                    | "انها"
                    | "بان"
                    | "بانه"
                    | "بانها"
                    | "علي"
                    | "في"
                    | "من"
                    | "عن"
                    | "مع"
                    | "الي"
                    | "خلال"
                    | "امس"
                    | "اليوم"
                    | "قد"
                    | "لم"
                    | "لن"
                    | "لا"
                    | "كان"
            );
            let title = TITLED.iter().any(|(_, words)| words.contains(&bare))
                || crate::sentence::PERSON_TITLES.contains(&bare);
            let complement = w.starts_with("لل") || w.starts_with('ل') && !w.starts_with("لا");
            (particle || definite || s.triggers.iter().any(|t| t.from == j))
                && !title
                && !complement
                && !NOT_THE_SAME.contains(&bare)
        }
    }
}

/// A word of forces with a possessive pronoun at word `i` («قواته», «طائراتها»,
/// «مقاتليه», «عناصره»): the forces, the aircraft or the fighters of an owner named
/// before. The proclitics written on it.
fn possessed_force(s: &Sentence, lex: &Lexicon, i: usize, taken: &[bool]) -> Option<String> {
    if taken[i] {
        return None;
    }
    let word = s.tokens[i].folded.as_str();
    let body = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    let clitic = &word[..word.len() - body.len()];
    // A final «ة» folds to «ه» too («إرهابية», «دولة»): no pronoun.
    let pronouns: &[&str] = if s.tokens[i].ta_marbuta {
        &["هما", "هم", "ها"]
    } else {
        &["هما", "هم", "ها", "ه"]
    };
    let stem = pronouns
        .iter()
        .find_map(|p| body.strip_suffix(p))
        .filter(|w| w.chars().count() >= 3)?;
    // «مقاتليه» is the construct «مقاتلي» + «ه»: the file writes «مقاتلين»; «مقاتلوه» too.
    let forms = [
        stem.to_string(),
        format!("{stem}ن"),
        stem.strip_suffix('و')
            .map(|w| format!("{w}ون"))
            .unwrap_or_default(),
        stem.strip_suffix('ت')
            .map(|w| format!("{w}ه"))
            .unwrap_or_default(),
    ];
    let force = forms.iter().filter(|f| !f.is_empty()).any(|f| {
        lex.actors.get(f.as_str()).is_some_and(|ps| {
            ps.iter().any(|p| {
                p.rest.is_empty()
                    && matches!(
                        p.class,
                        ActorClass::Sector("MIL" | "COP" | "REB")
                            | ActorClass::Equipment
                            | ActorClass::Member
                    )
            })
        })
    });
    force.then(|| clitic.to_string())
}

/// Head nouns of bodies (folded, without the article): «المجلس» alone, after «مجلس
/// الشورى», is that council. Companies, universities and governments are left out: a
/// company is rarely a party, and «الحكومة» has its own reading (a described actor).
const BODY_HEADS: &[&str] = &[
    "مجلس",
    "وزاره",
    "هييه",
    "حركه",
    "تنظيم",
    "جماعه",
    "حزب",
    "لجنه",
    "منظمه",
    "جمعيه",
    "جبهه",
    "امانه",
    "مركز",
    "سفاره",
    "محكمه",
    "وكاله",
    "بعثه",
    "اتحاد",
    "مفوضيه",
    "نقابه",
];

/// The head noun of [`BODY_HEADS`] a word is, its clitics («و», «ف», «ب», «ل») and any
/// article off: «والمجلس» and «مجلس» are «مجلس».
pub(crate) fn body_head(word: &str) -> Option<&'static str> {
    let w = word.strip_prefix(['و', 'ف']).unwrap_or(word);
    let w = match w.strip_prefix("لل") {
        Some(rest) => rest,
        None => {
            let w = w
                .strip_prefix(['ب', 'ل'])
                .filter(|r| r.starts_with("ال"))
                .unwrap_or(w);
            w.strip_prefix("ال").unwrap_or(w)
        }
    };
    BODY_HEADS.iter().find(|h| **h == w).copied()
}

/// A body's bare head noun at word `i` («وأكد المجلس», «ودانت الهيئة»), definite and
/// complete: nothing after it names another body («المجلس الوطني», «اللجنة الدائمة
/// للحقوق», «الوزارة السعودية»). Its head noun and the proclitics written on it.
fn bare_body_at(s: &Sentence, i: usize, taken: &[bool]) -> Option<(&'static str, String)> {
    if taken[i] {
        return None;
    }
    let word = s.tokens[i].folded.as_str();
    let head = body_head(word)?;
    // In the construct after an office, a trade or a place («مدير الوكالة يوكيا أمانو»,
    // «مراسل الوكالة», «في مقر الجمعية») the body is a title's or a place's, not an actor.
    if i > 0 && joined(&s.tokens, i - 1, i) {
        let prev = s.tokens[i - 1].folded.as_str();
        let prev = prev.strip_prefix(['و', 'ف']).unwrap_or(prev);
        let prev = prev.strip_prefix("ال").unwrap_or(prev);
        if crate::sentence::HOLDERS.contains(&prev)
            || crate::sentence::STAFF.contains(&prev)
            || PLACE_NOUNS.contains(&prev)
            || matches!(
                prev,
                "متحدث" | "ناطق" | "اعضاء" | "قياده" | "مسؤول" | "مسؤولو" | "مسؤولي"
            )
        {
            return None;
        }
    }
    let article = word.len() - head.len();
    let definite = word[..article].ends_with("ال") || word[..article].ends_with("لل");
    if !definite {
        return None;
    }
    // What follows may not make it another body: a word with the article describes it
    // («المجلس الوطني», «الوزارة السعودية»), unless it is the act the sentence reports
    // («وأدان المجلس الهجوم»); «لـ» names its field («اللجنة لحقوق الإنسان»); a name
    // may be its own. Anything else ends it: a verb, a particle, an object («بيانا»).
    let j = i + 1;
    let complete = match s.tokens.get(j) {
        None => true,
        Some(_) if !joined(&s.tokens, j, j) => true,
        Some(_) if s.triggers.iter().any(|t| t.from == j) => true,
        // A person or a body right after it is what the verb before it takes («ودعا
        // المجلس الحوثيين»); a country there may be its adjective («الوزارة السعودية»).
        Some(_)
            if s.mentions.iter().any(|m| {
                m.from == j && matches!(m.kind, EntityType::Person | EntityType::Organization)
            }) =>
        {
            i > 0 && s.triggers.iter().any(|t| t.to == i && t.verb)
        }
        Some(_) if taken[j] || s.mentions.iter().any(|m| m.from <= j && j < m.to) => false,
        Some(n) => {
            let w = n.folded.strip_prefix(['و', 'ف']).unwrap_or(&n.folded);
            let field = n.folded.starts_with('ل') && !n.folded.starts_with("لا");
            !w.starts_with("ال") && !field
        }
    };
    if !complete {
        return None;
    }
    let clitic = word.strip_suffix(head).unwrap_or("");
    let clitic = clitic.strip_suffix("ال").unwrap_or(clitic);
    Some((head, clitic.to_string()))
}

/// The body whose mention explains head noun `head` at word `t`: one that covers the
/// word, or starts right after it («حركة حماس» when the knowledge base names «حماس»).
fn body_named_at<'a>(
    s: &Sentence,
    mentions: &'a [Mention],
    t: usize,
    head: &str,
) -> Option<&'a Mention> {
    mentions.iter().find(|m| {
        let body = m.kind == EntityType::Organization || m.described && m.sector != Some("CVL");
        body && m.slot == Slot::Actor
            && (m.from <= t && t < m.to || m.from == t + 1)
            && head_of(s, m) == Some(head)
    })
}

/// The head noun a body's mention opens with («مجلس الشورى»; after at most two words of
/// its own, «وفد حركة حماس»), or that stands right before it («حركة حماس», when the
/// knowledge base names only «حماس»).
fn head_of(s: &Sentence, m: &Mention) -> Option<&'static str> {
    let own = (m.from..m.to.min(m.from + 3)).find_map(|t| body_head(&s.tokens[t].folded));
    own.or_else(|| {
        let before = m.from.checked_sub(1)?;
        let word = s.tokens[before].folded.as_str();
        let w = word.strip_prefix(['و', 'ف']).unwrap_or(word);
        // The bare construct noun only: «حركة» before «حماس», not «الحركة» or «للحركة».
        (!w.starts_with("ال") && !w.starts_with('ل') && joined(&s.tokens, before, m.from))
            .then(|| body_head(w))
            .flatten()
    })
}

/// The people the sentence names before word `i` (its entities' mentions and those added
/// so far), with their titles: what a title or an honorific at `i` may point to first.
fn people_before(s: &Sentence, added: &[Mention], i: usize) -> Vec<(Antecedent, Titles)> {
    s.mentions
        .iter()
        .chain(added)
        .filter(|p| p.kind == EntityType::Person && p.to <= i)
        .map(|p| (Antecedent::of(p), titles_before(s, p)))
        .collect()
}

/// The titles among the words before a person's mention (and its own first words).
fn titles_before(s: &Sentence, m: &Mention) -> Titles {
    // A mention may open with its titles («ولي العهد السعودي الأمير محمد بن سلمان»); a
    // title may stand before the body it heads («الأمين العام لمنظمة التعاون الإسلامي
    // إياد مدني»), but not before another person named before this one.
    let previous = s
        .mentions
        .iter()
        .filter(|p| p.kind == EntityType::Person && p.to <= m.from)
        .map(|p| p.to)
        .max()
        .unwrap_or(0);
    let from = m.from.saturating_sub(6).max(previous);
    let to = (m.from + 5).min(m.to).min(s.tokens.len());
    let mut bits = 0;
    for (i, (_, words)) in TITLED.iter().enumerate() {
        let hit = (from..to).any(|t| {
            // «وولي العهد»: the conjunction off, but not the first letter of «ولي».
            let full = s.tokens[t].folded.as_str();
            [full, full.strip_prefix('و').unwrap_or(full)]
                .into_iter()
                .any(|w| {
                    words.iter().any(|x| match x.split_once('_') {
                        Some((a, b)) => {
                            w == a && s.tokens.get(t + 1).is_some_and(|n| n.folded == b)
                        }
                        None => w == *x,
                    })
                })
        });
        if hit {
            bits |= 1 << i;
        }
        // The honorific's own noun, bare or with the article («جلالة», «صاحب السمو»).
        let noun = words[0];
        let own = i < HONORIFICS
            && (from..to).any(|t| {
                let w = s.tokens[t].folded.trim_start_matches('و');
                w == noun || w.strip_prefix("ال") == Some(noun)
            });
        if own {
            bits |= own_noun(1 << i);
        }
    }
    bits
}

impl Discourse {
    /// A page's discourse, before its first sentence: the kingdom it names most.
    pub fn new(doc: &Document, lex: &Lexicon) -> Discourse {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for e in &doc.entities {
            let Some(c) = e.country.as_ref().filter(|c| lex.kingdoms.contains(c)) else {
                continue;
            };
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += e.mentions.len(),
                None => counts.push((c.clone(), e.mentions.len())),
            }
        }
        // A page that names no kingdom means the one it is published in («المملكة» on a
        // Saudi paper's site), when its host's country-code domain says which.
        let kingdom = counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| k.clone())
            .or_else(|| {
                let host = doc
                    .url
                    .as_deref()?
                    .split("://")
                    .nth(1)?
                    .split(['/', ':'])
                    .next()?;
                let tld = host.rsplit('.').next()?.to_ascii_lowercase();
                lex.kingdom_domains
                    .iter()
                    .find(|(d, _)| *d == tld)
                    .map(|(_, k)| k.clone())
            });
        Discourse {
            kingdom,
            ..Discourse::default()
        }
    }

    /// The person a title points to: the first one named with it in the sentence so far
    /// (`earlier`), else the first one named with it in the last sentence that named one.
    /// The first named is the one the sentence is about: after «استقبل وزير الخارجية
    /// عادل الجبير … وزير الخارجية البريطاني», «ودعا الوزير» is the host.
    /// Among those, one the page names with the honorific's own noun (here or before)
    /// comes first when the first one it never names so: «وعقد جلالته اجتماعا» after «الملك
    /// سلمان … وأخيه جلالة الملك عبدالله الثاني» is Abdullah, whom the page calls «جلالة»
    /// and Salman never; «وثمن سموه» after «وقدم الأمير تركي … الشكر لصاحب السمو الأمير
    /// خالد» is Turki, «صاحب السمو» in the page's first line.
    fn titled<'a>(
        &'a self,
        earlier: &'a [(Antecedent, Titles)],
        bit: Titles,
    ) -> Option<&'a Antecedent> {
        let own = own_noun(bit);
        let ever_own = |a: &Antecedent| {
            self.persons
                .iter()
                .map(|(p, t, _)| (p, *t))
                .chain(earlier.iter().map(|(p, t)| (p, *t)))
                .any(|(p, t)| p.key == a.key && t & own != 0)
        };
        let first = |cands: Vec<(&'a Antecedent, Titles)>| {
            let head = cands.first().map(|(a, _)| *a)?;
            if ever_own(head) {
                return Some(head);
            }
            cands
                .iter()
                .map(|(a, _)| *a)
                .find(|a| ever_own(a))
                .or(Some(head))
        };
        let here: Vec<_> = earlier
            .iter()
            .filter(|(_, t)| t & bit != 0)
            .map(|(a, t)| (a, *t))
            .collect();
        if !here.is_empty() {
            return first(here);
        }
        let last = self.persons.iter().rfind(|(_, t, _)| t & bit != 0)?.2;
        first(
            self.persons
                .iter()
                .filter(|(_, t, n)| *n == last && t & bit != 0)
                .map(|(a, t, _)| (a, *t))
                .collect(),
        )
    }

    /// Who the page last spoke of, for a verb or a participle with no subject of its own.
    pub fn subject(&self) -> Option<&Antecedent> {
        self.subject.as_ref()
    }

    /// The kingdom the page names most (or, naming none, the one it is published in).
    pub fn kingdom(&self) -> Option<&str> {
        self.kingdom.as_deref()
    }

    /// Takes in what a sentence named: its people, its subject (`actor`, the first actor
    /// of its first event, when the reading found one; else the person or body that opens
    /// it), and its last pair of parties (`pair`, when the reading found an event of two
    /// or more; else the last two actors named).
    pub fn update(
        &mut self,
        s: &Sentence,
        actor: Option<Antecedent>,
        pair: Option<[Antecedent; 2]>,
    ) {
        let opener = || {
            s.mentions
                .iter()
                .filter(|m| m.from < 8 && m.slot == Slot::Actor)
                .find(|m| {
                    matches!(m.kind, EntityType::Person | EntityType::Organization)
                        && m.sector != Some("CVL")
                })
                .map(Antecedent::of)
        };
        if let Some(a) = actor.or_else(opener) {
            self.subject = Some(a);
        }
        self.sentences += 1;
        for m in &s.mentions {
            if m.kind == EntityType::Person && m.slot == Slot::Actor {
                self.persons
                    .push((Antecedent::of(m), titles_before(s, m), self.sentences));
            }
        }
        if self.persons.len() > 64 {
            self.persons.drain(..self.persons.len() - 64);
        }
        for t in 0..s.tokens.len() {
            if let Some(head) = body_head(&s.tokens[t].folded) {
                let named = body_named_at(s, &s.mentions, t, head).map(Antecedent::of);
                if named.is_none() || self.bodies.last().map(|(a, _)| a) != Some(&named) {
                    self.bodies.push((named, head));
                }
            }
        }
        if self.bodies.len() > 64 {
            self.bodies.drain(..self.bodies.len() - 64);
        }
        if let Some(p) = pair {
            self.pair = Some(p);
            return;
        }
        let actors: Vec<&Mention> = s
            .mentions
            .iter()
            .filter(|m| m.slot == Slot::Actor && !m.described)
            .collect();
        if let [.., a, b] = actors[..] {
            if a.key != b.key {
                self.pair = Some([Antecedent::of(a), Antecedent::of(b)]);
            }
        }
    }
}

/// Adds to `s.mentions` the described actors and the resolved words that point back, in
/// word order. Runs after the entities' mentions are collected and before slots.
pub(crate) fn add(s: &mut Sentence, lex: &Lexicon, discourse: &Discourse) {
    let n = s.tokens.len();
    let mut taken = vec![false; n];
    for m in &s.mentions {
        for t in taken.iter_mut().take(m.to.min(n)).skip(m.from) {
            *t = true;
        }
    }
    // Trigger words are the event's, never an actor's («دوريات مشتركة»).
    for t in &s.triggers {
        for w in taken.iter_mut().take(t.to.min(n)).skip(t.from) {
            *w = true;
        }
    }
    people_of_a_country(s, lex, &mut taken);
    let mut added: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < n {
        if taken[i] {
            i += 1;
            continue;
        }
        // «ودعا الوزير …» after «وزير الخارجية عادل الجبير»: the person last named with
        // that title, when there is one; else the words are read as any others.
        if let Some((len, bit, clitic)) = bare_title_at(s, i, &taken) {
            let earlier = people_before(s, &added, i);
            if let Some(a) = discourse.titled(&earlier, bit) {
                added.push(pointing(s, i, i + len, a, clitic));
                i += len;
                continue;
            }
        }
        // «قال الجيش التركي إن طائراته قصفت …», «أعلن التنظيم أن مقاتليه قتلوا …»: forces
        // with a possessive pronoun are those of the body named before them.
        if let Some(clitic) = possessed_force(s, lex, i, &taken) {
            let owner = s
                .mentions
                .iter()
                .chain(&added)
                .filter(|m| m.to <= i && m.slot == Slot::Actor)
                .filter(|m| {
                    matches!(m.kind, EntityType::Organization | EntityType::Person) && !m.described
                        || m.is_country()
                        || m.described && matches!(m.sector, Some("MIL" | "COP" | "REB"))
                })
                // The nearest (the entities' mentions and those added here are two lists).
                .max_by_key(|m| m.to)
                .map(Antecedent::of);
            if let Some(a) = owner {
                added.push(pointing(s, i, i + 1, &a, clitic));
                i += 1;
                continue;
            }
        }
        // «وأكد المجلس …» after «مجلس الشورى»: the one body of that kind the page has
        // named, in this sentence or before.
        if let Some((head, clitic)) = bare_body_at(s, i, &taken) {
            let known: Vec<Mention> = s.mentions.iter().chain(&added).cloned().collect();
            let here = (0..i)
                .filter(|&t| body_head(&s.tokens[t].folded) == Some(head))
                .map(|t| body_named_at(s, &known, t, head).map(Antecedent::of));
            let named: Vec<Option<Antecedent>> = discourse
                .bodies
                .iter()
                .filter(|(_, h)| *h == head)
                .map(|(a, _)| a.clone())
                .chain(here)
                .collect();
            // Only a page that has named one body of that kind, and every word of it
            // explained: «المجلس» in a cabinet's communiqué that also names «مجلس التعاون»
            // could be either.
            let one = named.last().cloned().flatten().filter(|a| {
                named
                    .iter()
                    .all(|x| x.as_ref().is_some_and(|x| x.key == a.key))
            });
            if let Some(a) = one {
                added.push(pointing(s, i, i + 1, &a, clitic));
                i += 1;
                continue;
            }
        }
        let Some((len, class, clitic)) = phrase_at(s, lex, i, &taken) else {
            i += 1;
            continue;
        };
        let j = i + len;
        // «زودت موسكو بطائرات مسيرة»: equipment after a preposition is a thing, not an actor.
        let preposition = clitic.strip_suffix("ال").unwrap_or(&clitic);
        // A count may stand between («استولت على أربع دبابات»).
        let counted = i > 1 && is_quantity(s, lex, i - 1);
        let before = if counted {
            i.checked_sub(2)
        } else {
            i.checked_sub(1)
        };
        let by_clitic = preposition.ends_with(['ب', 'ل']);
        let after_preposition = before
            .is_some_and(|k| matches!(s.tokens[k].folded.as_str(), "علي" | "من" | "الي" | "عن"));
        // «القضاء على الإرهاب», «والقضاء عليها»: doing away with something, not the
        // judiciary.
        let doing_away = class == ActorClass::Sector("JUD")
            && len == 1
            && s.tokens[i].folded.ends_with("قضاء")
            && s.tokens.get(j).is_some_and(|w| w.folded.starts_with("علي"));
        if doing_away {
            i = j;
            continue;
        }
        // After a preposition of its own, its owner named after it makes it a force
        // again: «بدعم من طيران التحالف».
        let owned = || {
            s.mentions.iter().any(|m| m.from == j)
                || j < s.tokens.len()
                    && matches!(
                        phrase_at(s, lex, j, &taken),
                        Some((_, ActorClass::Sector(_), _))
                    )
        };
        let class = match class {
            ActorClass::Equipment if by_clitic || after_preposition && !owned() => {
                ActorClass::Quantity
            }
            ActorClass::Equipment => ActorClass::Sector("MIL"),
            c => c,
        };
        match class {
            ActorClass::Sector(_) if adjective_or_place(s, lex, i, len, &clitic) => {}
            // «مسلحون مجهولون», «مسلحين مجهولين»: an indefinite actor word agreeing with
            // the described actor right before it is that actor's adjective.
            ActorClass::Sector(_)
                if added
                    .last()
                    .is_some_and(|m| m.described && m.to == i && agrees(s, i, len, &clitic)) =>
            {
                let m = added.last_mut().expect("checked above");
                m.to = j;
                m.span = Span::new(m.span.start, s.tokens[j - 1].span.end);
            }
            ActorClass::Sector(sector) => {
                if let Some(m) = described(s, lex, i, j, sector, clitic, &taken) {
                    for t in taken.iter_mut().take(m.to).skip(m.from) {
                        *t = true;
                    }
                    i = m.to;
                    if let Some((from, to)) = appositive(s, lex, &m) {
                        // The person's own title: no second actor, and the bodies and the
                        // country its words name («لرئيس مجلس الوزراء», «السعودي») are the
                        // title's, not actors.
                        s.mentions
                            .retain(|x| x.kind == EntityType::Person || x.from < from || x.to > to);
                        // The name's words now run to the end of its title (its span stays
                        // the name's): the reading measures from there how far the name
                        // stands from its verbal noun («قام الأمير … وزير الدفاع بزيارة»).
                        if let Some(p) = s
                            .mentions
                            .iter_mut()
                            .find(|x| x.kind == EntityType::Person && x.to == from)
                        {
                            p.to = to;
                        }
                        for t in taken.iter_mut().take(to).skip(from) {
                            *t = true;
                        }
                        i = i.max(to);
                        continue;
                    }
                    added.push(m);
                    continue;
                }
                // The body named after «من» took the words («مسلحا من ميليشيات الحوثي»,
                // `belongs_to`): the words up to its name are its own, no second actor.
                if let Some(to) = s
                    .mentions
                    .iter()
                    .find(|m| m.from == i && !m.described && m.to > j)
                    .map(|m| m.to)
                {
                    for t in taken.iter_mut().take(to).skip(i) {
                        *t = true;
                    }
                    i = to;
                    continue;
                }
            }
            ActorClass::Member => {
                // «عناصر تنظيم داعش», «عناصر من جبهة النصرة»: the organisation's mention
                // takes the words (read apart, «خطف … من جبهة النصرة» was a kidnapping
                // from the Front).
                let of = s.tokens.get(j).is_some_and(|w| w.folded == "من")
                    && joined(&s.tokens, i, j + 1);
                let mut at = if of { j + 1 } else { j };
                // The kind of body may stand before its name: «عناصر من حركة بوكو حرام».
                let kind_word = s.tokens.get(at).is_some_and(|w| {
                    matches!(
                        w.folded.as_str(),
                        "حركه" | "تنظيم" | "جماعه" | "جبهه" | "حزب"
                    )
                });
                if kind_word
                    && joined(&s.tokens, at, at + 1)
                    && !s.mentions.iter().any(|m| m.from == at)
                {
                    at += 1;
                }
                if let Some(k) = s.mentions.iter().position(|m| {
                    m.from == at
                        && (!of || m.clitic.is_empty())
                        && matches!(m.kind, EntityType::Organization | EntityType::Gpe)
                }) {
                    takes_words_from(s, k, i, clitic);
                }
            }
            ActorClass::Honorific => {
                let bit =
                    honorific_bit(s.tokens[i].folded.trim_start_matches(['و', 'ف', 'ب', 'ل']));
                let earlier = people_before(s, &added, i);
                let last = || {
                    earlier
                        .last()
                        .map(|(a, _)| a)
                        .or_else(|| discourse.persons.last().map(|(a, _, _)| a))
                };
                let titled = bit.and_then(|b| discourse.titled(&earlier, b));
                if let Some(a) = titled.or_else(last) {
                    added.push(pointing(s, i, j, a, clitic));
                }
            }
            ActorClass::Pair => {
                // «الوزيران», «الزعيمان», «الرئيسان»: two people — the last pair if it is
                // two people, else the two people last named in this sentence or the two
                // before (a pair of a person and a group is no «الوزيران»).
                let word = s.tokens[i].folded.trim_start_matches(['و', 'ف', 'ب', 'ل']);
                let people_word = !matches!(
                    word,
                    "الجانبان"
                        | "الجانبين"
                        | "الطرفان"
                        | "الطرفين"
                        | "البلدان"
                        | "البلدين"
                );
                let persons = |p: &[Antecedent; 2]| p.iter().all(|x| x.kind == EntityType::Person);
                let recent_people = || {
                    let mut two: Vec<&Antecedent> = Vec::new();
                    for (a, _, at) in discourse.persons.iter().rev() {
                        if *at + 2 < discourse.sentences || two.len() == 2 {
                            break;
                        }
                        if !two.iter().any(|x| x.key == a.key) {
                            two.push(a);
                        }
                    }
                    (two.len() == 2).then(|| [two[1].clone(), two[0].clone()])
                };
                let pair = match &discourse.pair {
                    Some(p) if !people_word || persons(p) => Some(p.clone()),
                    _ if people_word => recent_people(),
                    _ => None,
                };
                if let Some([a, b]) = &pair {
                    // «البلدين», «الدولتين»: the two parties' countries, not the leaders
                    // («لقاء جمع وزيري خارجية البلدين» is not a meeting of the presidents).
                    let countries = matches!(
                        word,
                        "البلدين"
                            | "البلدان"
                            | "الدولتين"
                            | "الدولتان"
                            | "بلدين"
                            | "دولتين"
                    );
                    let as_country = |x: &Antecedent| match (&x.country, countries) {
                        (Some(c), true) => Antecedent::country(c, x.span),
                        _ => x.clone(),
                    };
                    added.push(pointing(s, i, j, &as_country(a), clitic.clone()));
                    added.push(pointing(s, i, j, &as_country(b), clitic));
                }
            }
            ActorClass::Kingdom => {
                // «المملكة» alone, not «المملكة العربية السعودية» (an entity's words).
                if let Some(k) = &discourse.kingdom {
                    let a = Antecedent::country(k, s.tokens[i].span);
                    let mut m = pointing(s, i, j, &a, clitic);
                    m.via = None;
                    added.push(m);
                }
            }
            ActorClass::Homeland => {
                // The speaker: a person named earlier in the sentence, else the page's
                // subject; a country is known only when the speaker has one.
                let earlier = s
                    .mentions
                    .iter()
                    .chain(&added)
                    .filter(|m| m.kind == EntityType::Person && m.to <= i)
                    .max_by_key(|m| m.to)
                    .map(Antecedent::of);
                let speaker = earlier.or_else(|| discourse.subject.clone());
                if let Some(sp) = speaker {
                    if let Some(c) = &sp.country {
                        let a = Antecedent::country(c, sp.span);
                        added.push(pointing(s, i, j, &a, clitic));
                    }
                }
            }
            ActorClass::Quantity | ActorClass::Equipment => {}
        }
        i = j;
    }
    if !added.is_empty() {
        let added = one_of_the_next(s, owned_by_the_next(s, added));
        s.mentions.extend(added);
        s.mentions.sort_by_key(|m| (m.from, m.to));
    }
    force_of_a_body(s);
}

/// «قوة كبيرة للجيش الجزائري حاصرت مجموعة مسلحة», «وحدة خاصة للشرطة»: a force with «لـ»
/// and the body after it (an adjective may stand between) is the body acting, not
/// something done to the body: the body's mention takes the force's words and loses its
/// preposition, so that it can be the subject of the verb after it.
fn force_of_a_body(s: &mut Sentence) {
    for k in 0..s.mentions.len() {
        let m = &s.mentions[k];
        if !m.clitic.starts_with('ل') || m.from == 0 || m.kind == EntityType::Person {
            continue;
        }
        let free = |i: usize| !s.mentions.iter().any(|o| o.from <= i && i < o.to);
        let is_force = |w: &str| FORCES.contains(&w);
        let force = |i: usize| {
            let w = s.tokens[i].folded.as_str();
            (is_force(w) || w.strip_prefix(['و', 'ف']).is_some_and(is_force)) && free(i)
        };
        let adjective = |i: usize| {
            let w = &s.tokens[i].folded;
            free(i) && !w.starts_with("ال") && s.tokens[i].ta_marbuta
        };
        let at = if force(m.from - 1) {
            m.from - 1
        } else if m.from >= 2 && adjective(m.from - 1) && force(m.from - 2) {
            m.from - 2
        } else {
            continue;
        };
        if !joined(&s.tokens, at, m.from) {
            continue;
        }
        let conjunction = !is_force(&s.tokens[at].folded);
        let m = &mut s.mentions[k];
        m.clitic = if conjunction {
            "و".into()
        } else {
            String::new()
        };
        m.from = at;
        m.span = Span::new(s.tokens[at].span.start, m.span.end);
    }
}

/// Nouns of a force or a unit that a body's name with «لـ» after them owns (folded):
/// «قوة للجيش», «وحدات للشرطة».
const FORCES: &[&str] = &[
    "قوه",
    "قوات",
    "وحده",
    "وحدات",
    "فرقه",
    "سريه",
    "كتيبه",
    "دوريه",
    "دوريات",
    "مفرزه",
];

/// «طيران التحالف», «مقاتلات التحالف», «جنود الجيش»: a described actor in the construct
/// state followed by a definite described actor is one actor, the second's (the
/// coalition's aircraft are the coalition), not a source and a target.
fn owned_by_the_next(s: &Sentence, added: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(added.len());
    for m in added {
        // The owner is definite and not coordinated («التحالف», not «والتحالف»); the
        // owned noun before it has no article («طيران», «لطيران»).
        let definite = |w: &str| w.starts_with("ال") || w.starts_with("لل");
        let joins = out.last().is_some_and(|a| {
            let head = s.tokens[a.to - 1].folded.as_str();
            let head = head.strip_prefix(['و', 'ف']).unwrap_or(head);
            let head_bare = head.strip_prefix(['ب', 'ل', 'ك']).unwrap_or(head);
            a.described
                && m.described
                && a.to == m.from
                // The owner is definite, or a construct made definite by its second word
                // («جنود مشاة البحرية»).
                && (definite(&s.tokens[m.from].folded)
                    || m.to > m.from + 1 && definite(&s.tokens[m.from + 1].folded))
                && !definite(head)
                && !head_bare.starts_with("ال")
                // A sound plural with its «ن» is in no construct («مستوطنون الفتى»: the
                // settlers and the boy; the construct drops it, «مستوطنو البلدة»).
                && !(head.chars().count() > 4
                    && (head.ends_with("ون") || head.ends_with("ين"))
                    && s.tokens[m.from].folded.starts_with("ال"))
        });
        if !joins {
            out.push(m);
            continue;
        }
        let a = out.pop().expect("checked above");
        let country = m.country.clone().or(a.country.clone());
        let sector = m.sector.or(a.sector);
        out.push(joined_mention(s, a, m, sector, country));
    }
    out
}

/// Two described mentions read as one, `a` then `m`: the words of both, the given sector
/// and country, `m`'s other fields and `a`'s clitics.
fn joined_mention(
    s: &Sentence,
    a: Mention,
    m: Mention,
    sector: Option<&'static str>,
    country: Option<String>,
) -> Mention {
    let words: Vec<&str> = s.tokens[a.from..m.to]
        .iter()
        .map(|t| t.folded.as_str())
        .collect();
    Mention {
        key: format!(
            "~{}:{}:{}",
            sector.unwrap_or("-"),
            country.as_deref().unwrap_or("-"),
            words.join(" ")
        ),
        country,
        span: Span::new(a.span.start, m.span.end),
        from: a.from,
        to: m.to,
        clitic: a.clitic,
        sector,
        ..m
    }
}

/// «18 مجندا من قوات الأمن المركزي», «ثلاثة جنود من الجيش»: indefinite people named by
/// description and then «من» a body named by description are that body's own — one
/// actor, in the body's country and, for people of no kind of their own, its sector (read
/// apart, an explosion's victims were soldiers and the security forces both). A body the
/// knowledge base knows takes the words itself (`belongs_to`).
fn one_of_the_next(s: &Sentence, added: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(added.len());
    for m in added {
        // Indefinite people («18 مجندا», «جنود»): a definite body before «من» is the
        // subject of a verb that takes it («طلبت الشرطة من المواطنين»).
        let joins = out.last().is_some_and(|a| {
            a.described
                && m.described
                && a.to + 1 == m.from
                && s.tokens[a.to].folded == "من"
                && !s.tokens[a.to - 1]
                    .folded
                    .trim_start_matches(['و', 'ف'])
                    .starts_with("ال")
                && joined(&s.tokens, a.from, m.to)
        });
        if !joins {
            out.push(m);
            continue;
        }
        let a = out.pop().expect("checked above");
        let country = m.country.clone().or(a.country.clone());
        // People in general or armed people of no side («أشخاص», «مسلحين») take the
        // body's sector; soldiers, police and fighters keep theirs («مقاتلا من المعارضة»
        // are armed rebels, «جنديا من قوات النظام» soldiers), and so does anyone «من»
        // people («8 أشخاص من عائلة واحدة»: where they come from, not whose they are).
        // A unit or a delegation of no kind of its own («قوات من الشرطة الاتحادية», «وفد من
        // المعارضة السورية») is the body's too.
        let unit = matches!(
            s.tokens[a.to - 1].folded.trim_start_matches(['و', 'ف']),
            "قوات"
                | "قوه"
                | "وحدات"
                | "وحده"
                | "عناصر"
                | "افراد"
                | "وفد"
                | "فصايل"
                | "فصيل"
        );
        let sector = match (a.sector, m.sector) {
            (_, Some("CVL")) => a.sector,
            (None | Some("CVL" | "UAF"), s) => s.or(a.sector),
            (_, s) if unit => s.or(a.sector),
            (s, _) => s,
        };
        out.push(joined_mention(s, a, m, sector, country));
    }
    out
}

/// Nouns of what an attack hits (folded, «و» off): «أهدافا للمسلحين» are the gunmen's.
pub(crate) const TARGET_NOUNS: &[&str] = &[
    "مواقع",
    "موقعا",
    "اهداف",
    "اهدافا",
    "تجمع",
    "تجمعا",
    "تجمعات",
    "مقرات",
    "معسكرات",
    "مخيمات",
    "مراكز",
    "تحصينات",
    "مخابئ",
    "اوكار",
    "اليات",
    "اسلحه",
    "اماكن",
    // Reinforcements hit on their way («قصف الطيران تعزيزات للحوثيين»).
    "تعزيزات",
    // What carries people, hit with them («موكب الوزير», «عربة الشرطة»).
    "موكب",
    "عربه",
    "سياره",
    "حافله",
    // The accusative of a site hit («هاجموا مركزا للشرطة», «استهدف مقرا للجيش»).
    "مركزا",
    "مقرا",
    "معسكرا",
    "حاجزا",
];

/// Nouns of place: a described actor after them names where, not who («في مقر قوات
/// الطوارئ», «مسجد الشرطة»).
const PLACE_NOUNS: &[&str] = &[
    "في",
    "داخل",
    "مقر",
    "مبني",
    "مسجد",
    "معسكر",
    "مركز",
    "سجن",
    "مستشفي",
    "منزل",
    "ثكنه",
    "قاعده",
    "حاجز",
    "نقطه",
];

/// A noun of a site or of things an attack hits («مسجد», «مقر», «مواقع», «آليات»): a name
/// in its construct is whose the site is, not who acts.
pub(crate) fn site_noun(folded: &str) -> bool {
    let w = folded.trim_start_matches(['و', 'ف', 'ب', 'ل']);
    let w = w.strip_prefix("ال").unwrap_or(w);
    // Two sites: «مركزين», «مقرين».
    let one = w.strip_suffix("ين").or_else(|| w.strip_suffix("ان"));
    [Some(w), one].into_iter().flatten().any(|w| {
        TARGET_NOUNS.contains(&w)
                // The prepositions at the head of the list name where, not a site.
                || PLACE_NOUNS.contains(&w) && !matches!(w, "في" | "داخل")
    })
}

/// Whether the place noun at word `k` («مقر», «مسجد», «معسكر») is what an attack before
/// it takes as its object, the day aside («استهدف أمس الخميس مسجد قوات الطوارئ»,
/// «هجوم على مقر الشرطة»): the force whose site it is was attacked, so the words after it
/// name the target, not where something happened.
fn attacked_site(s: &Sentence, lex: &Lexicon, k: usize) -> bool {
    if matches!(s.tokens[k].folded.trim_start_matches('و'), "في" | "داخل") {
        return false;
    }
    let mut j = k;
    while j > 0 && crate::sentence::day_word(&s.tokens[j - 1].folded) {
        j -= 1;
    }
    let on = j > 0 && s.tokens[j - 1].folded == "علي";
    if on {
        j -= 1;
    }
    // Right after the attack's verb or after «هجوم على», or after the verb's subject
    // («استهدف انتحاري مقر الشرطة»): a few words, no preposition, no comma. After a
    // noun alone («تفجير مسجد قوات الطوارئ») the genitives are read as the noun's agent.
    s.triggers.iter().any(|t| {
        lex.triggers[t.trigger].kind == "ASSAULT"
            && (t.to == j && (t.verb || on)
                || t.verb
                    && t.to < j
                    && j <= t.to + 3
                    && joined(&s.tokens, t.to, j)
                    && (t.to..j).all(|x| {
                        !crate::sentence::PREPOSITIONS
                            .contains(&s.tokens[x].folded.trim_start_matches('و'))
                    }))
    })
}

/// Word `i` (one word of `actors.tsv`) is an adjective of the noun before it («التفجير
/// الإرهابي», «هجوم انتحاري», «الهجوم المسلح»: definite after definite, or after an event
/// noun) or names a place («في مقر قوات الطوارئ»; not a site an attack takes as its
/// object, `attacked_site`), not an actor. A count with the letters of the article is no
/// noun it could describe («آلاف المدنيين»).
fn adjective_or_place(s: &Sentence, lex: &Lexicon, i: usize, len: usize, clitic: &str) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &s.tokens[p]) else {
        return false;
    };
    let p = prev.folded.trim_start_matches('و');
    // «في مكتبه بالإمارة»: a place noun with its pronoun is a place too.
    let own_place = ["ه", "ها"].iter().any(|x| {
        p.strip_suffix(x)
            .is_some_and(|n| PLACE_NOUNS.contains(&n) && !matches!(n, "في" | "داخل"))
    });
    if PLACE_NOUNS.contains(&p) && !attacked_site(s, lex, i - 1)
        || PLACE_NOUNS.iter().any(|n| p.strip_prefix('ب') == Some(n))
        || own_place
    {
        return true;
    }

    // «المرسوم القاضي بمنح عفو عام», «القرار القاضي بإغلاق»: stipulating, not a judge.
    let stipulating = matches!(s.tokens[i].folded.as_str(), "القاضي" | "القاضيه")
        && s.tokens
            .get(i + len)
            .is_some_and(|w| w.folded.starts_with('ب'));
    if stipulating {
        return true;
    }
    if len > 1 || !clitic.is_empty() && clitic != "ال" {
        return false;
    }
    // «بيان صحافي», «مؤتمر صحفي», «المؤتمر الصحفي»: a nisba after a statement or a meeting
    // is the kind of statement, not its journalists.
    let nisba = s.tokens[i].folded.ends_with('ي');
    let statement = |w: &str| {
        matches!(
            w,
            "بيان"
                | "بيانا"
                | "مؤتمر"
                | "مؤتمرا"
                | "تصريح"
                | "تصريحات"
                | "لقاء"
                | "حديث"
                | "تقرير"
        )
    };
    if nisba && stems(p).any(|(_, w)| statement(&w)) {
        return true;
    }
    // «احتجاجات العمال», «مظاهرات المعارضة», «احتجاج سكان محليين»: a word right after a
    // protest's noun is who protests (the noun's genitive), not an adjective.
    let protest_noun = s
        .triggers
        .iter()
        .any(|t| t.to == i && !t.verb && lex.triggers[t.trigger].kind == "PROTEST");
    if clitic.is_empty() && protest_noun {
        return false;
    }
    // Nor after a noun of what is done to people («خطف شرطيين», «اعتقال ناشطين», «مقتل
    // جنود»): its genitive is whom it was done to (a thing, «اختطاف طائرة», is no one).
    let patient_noun = s.triggers.iter().any(|t| {
        t.to == i && !t.verb && !t.participle && lex.triggers[t.trigger].args == Args::Patient
    });
    let thing = || {
        matches!(
            phrase_at(s, lex, i, &vec![false; s.tokens.len()]),
            Some((_, ActorClass::Equipment, _))
        )
    };
    if clitic.is_empty() && patient_noun && !thing() {
        return false;
    }
    let definite = clitic == "ال";
    // A feminine adjective written with its article in the form («البحريه», «الجويه»)
    // after a definite feminine noun that is neither a site nor an actor describes it:
    // «الواجهة البحرية» is the waterfront, not the navy («القاعدة البحرية» is the navy's);
    // so after a plural of things, which agrees in the feminine: «الأخبار الداخلية», «الشؤون
    // الداخلية» are no ministry (a verb spelled with «ال», «التقت», is no such noun).
    let word = s.tokens[i].folded.as_str();
    let after_verb = s.triggers.iter().any(|t| t.to == i && t.verb);
    if clitic.is_empty()
        && word.starts_with("ال")
        && word.ends_with("يه")
        && (prev.ta_marbuta || !after_verb && !p.ends_with("ون") && !p.ends_with("ين"))
        && p.starts_with("ال")
        && !site_noun(p)
        && phrase_at(s, lex, i - 1, &vec![false; i]).is_none()
        && !s.mentions.iter().any(|m| m.from < i && m.to >= i)
    {
        return true;
    }
    // «تنظيم داعش الإرهابي», «جماعة الحوثي المسلحة»: a singular nisba with its article
    // right after a body's name describes the body.
    if (clitic.is_empty() || clitic == "ال")
        && word.starts_with("ال")
        && (word.ends_with('ي') || word.ends_with("يه"))
        && s.mentions
            .iter()
            .any(|m| m.to == i && !m.described && m.kind == EntityType::Organization)
        && joined(&s.tokens, i - 1, i)
    {
        return true;
    }
    // A verb whose first letters are «ال» («ألقت», «التقى») is no definite noun: «ألقت
    // الشرطة القبض» has the police as its subject; nor is a verb's subject named right
    // after it («اتهم الحوثيون القوات الحكومية»: the forces are whom they accused), nor a
    // name before people in the plural («حمل مسؤول في حكومة التيبت المتظاهرين»).
    let plural = ["ين", "ون"].iter().any(|e| s.tokens[i].folded.ends_with(e));
    let prev_definite = (p.starts_with("ال") || p.starts_with("بال") || p.starts_with("لل"))
        && !after_verb
        && !s.mentions.iter().any(|m| {
            m.to == i
                && !m.described
                && (s.triggers.iter().any(|t| t.verb && t.to == m.from) || plural)
        })
        && !is_quantity(s, lex, i - 1);
    // A participle takes its object like a verb («مطالبًا وزارة المالية»), and so does a
    // noun whose phrase ends in its preposition («القبض على شخصين»).
    let after_event_noun = s.triggers.iter().any(|t| {
        t.to == i
            && !t.verb
            && !t.participle
            && !matches!(p, "علي" | "الي" | "من" | "عن" | "مع" | "ضد")
    });
    // An adjective agrees in gender: «الشرطة المتهم» is the police and the accused
    // («اعتقلت الشرطة المتهم»), not accused police; a title before a name stays the
    // name's («وزير الخارجية الأستاذ عادل الجبير»).
    let genders_differ = || {
        prev.ta_marbuta
            && !s.tokens[i].ta_marbuta
            && !s.mentions.iter().any(|m| m.from == i + len)
            && matches!(
                phrase_at(s, lex, i - 1, &vec![false; i]),
                Some((1, ActorClass::Sector(_), _))
            )
    };
    // Nor in number: a sound plural after one titled person («دعا الوزير المواطنين») is
    // the object, not his adjective.
    let plural_after_title = plural && crate::sentence::TITLE_WORDS.contains(p);
    definite && prev_definite && !genders_differ() && !plural_after_title
        || !definite && after_event_noun
}

/// Word `i` (one word of `actors.tsv`, indefinite, no proclitic) agrees with the word
/// before it, the last of a described actor: nothing between them, and the same ending —
/// the nominative plural «ون», the oblique «ين», the dual «ان», the feminine plural «ات»,
/// the accusative «ا». «قتل مسلحون مدنيين» is two actors (a subject and its object:
/// the endings differ); «مسلحون مجهولون» is one.
fn agrees(s: &Sentence, i: usize, len: usize, clitic: &str) -> bool {
    if len > 1 || !clitic.is_empty() || i == 0 || !joined(&s.tokens, i - 1, i) {
        return false;
    }
    let ending = |w: &str| {
        ["ون", "ين", "ان", "ات", "ا"]
            .iter()
            .position(|e| w.ends_with(e))
    };
    let (prev, word) = (&s.tokens[i - 1].folded, &s.tokens[i].folded);
    // A bare singular after a noun is its genitive («ضابط شرطة»: a police officer), not its
    // adjective: only the endings agree.
    !prev.starts_with("ال") && ending(prev).is_some() && ending(prev) == ending(word)
}

/// The longest phrase of `actors.tsv` at word `i`: (words, class, proclitics written on
/// its first word). Its later words may run over country mentions («النظام السوري»).
fn phrase_at(
    s: &Sentence,
    lex: &Lexicon,
    i: usize,
    taken: &[bool],
) -> Option<(usize, ActorClass, String)> {
    let mut best: Option<(usize, ActorClass, String)> = None;
    // «قصفت أهدافا للمسلحين», «مواقع للمتمردين», «قاعدة للشرطة»: after a noun of what is
    // attacked or of a site, «لل» + an actor word is whose the targets are (ل + the
    // article). Elsewhere «للعاملين», «للنساء» are who a thing is for, and stay unread.
    let after_target =
        i > 0 && site_noun(&s.tokens[i - 1].folded) && s.tokens[i].folded.starts_with("لل");
    let readings = stems(&s.tokens[i].folded).flat_map(|(prefix, stem)| {
        let bare = stem
            .strip_prefix("ال")
            .filter(|b| after_target && b.chars().nth(1).is_some())
            .map(|b| (format!("{prefix}ال"), b.to_string()));
        std::iter::once((prefix.to_string(), stem.into_owned())).chain(bare)
    });
    for (prefix, stem) in readings {
        // A word with the article is a noun of the file; other proclitics: و ف ب ل ك.
        let Some(phrases) = lex.actors.get(stem.as_str()) else {
            continue;
        };
        for p in phrases {
            let fits = p.rest.iter().enumerate().all(|(k, w)| {
                s.tokens
                    .get(i + 1 + k)
                    .is_some_and(|t| t.folded == *w || t.folded.strip_prefix('و') == Some(w))
            });
            if !fits {
                continue;
            }
            let len = 1 + p.rest.len();
            // A phrase of one word may not be a word inside an entity.
            if len == 1 && taken[i] {
                continue;
            }
            if best.as_ref().is_none_or(|(l, ..)| len > *l) {
                best = Some((len, p.class, prefix.to_string()));
            }
        }
    }
    best
}

/// «أربعة إيطاليين قد اختطفوا», «آلاف الإسرائيليين», «عشرات الآلاف من العراقيين»: a count
/// before a nationality in the plural is people of that country (civilians until the words
/// say more), not the state.
fn people_of_a_country(s: &mut Sentence, lex: &Lexicon, taken: &mut [bool]) {
    for k in 0..s.mentions.len() {
        let m = &s.mentions[k];
        // (A mention may end past the words at a sentence's edge.)
        if !m.is_country() || m.to != m.from + 1 || m.to > s.tokens.len() {
            continue;
        }
        let Some(b) = m.from.checked_sub(1) else {
            continue;
        };
        let word = s.tokens[m.from].folded.trim_start_matches('و');
        let definite = word.starts_with("ال");
        let word = word.strip_prefix("ال").unwrap_or(word);
        let plural = word.ends_with("يين") || word.ends_with("يون");
        // A number counts an indefinite noun («أربعة إيطاليين»); before a definite one it
        // is something else («1911 - الإيطاليون …»), and only a noun of count takes the
        // definite genitive («آلاف الإسرائيليين»).
        let digits = s.tokens[b].folded.chars().all(|c| c.is_ascii_digit());
        let counted = !taken[b] && is_quantity(s, lex, b) && !(definite && digits);
        // «عشرات الآلاف من العراقيين»: the count, then «من».
        let from = quantity_start(s, lex, m.from, taken);
        let counted_of = definite
            && from + 1 < m.from
            && matches!(
                s.tokens[from].folded.trim_start_matches('و'),
                "عشرات" | "مئات" | "الاف" | "العشرات" | "المئات" | "الالاف"
            );
        if !(plural && (counted || counted_of)) {
            continue;
        }
        let country = m.key.clone();
        let key = format!("~CVL:{country}:{word}");
        let (to, end) = (m.to, m.span.end);
        s.mentions[k] = Mention {
            key,
            kind: EntityType::Organization,
            country: Some(country),
            span: Span::new(s.tokens[from].span.start, end),
            from,
            to,
            clitic: String::new(),
            slot: Slot::Actor,
            sector: Some("CVL"),
            described: true,
            via: None,
            apposed: false,
        };
        for t in taken.iter_mut().take(to).skip(from) {
            *t = true;
        }
    }
}

/// Where the quantity before word `i` starts («ثلاثة», «18», «العشرات من», «أحد»); `i`
/// when there is none.
fn quantity_start(s: &Sentence, lex: &Lexicon, i: usize, taken: &[bool]) -> usize {
    let mut from = i;
    while let Some(b) = from.checked_sub(1) {
        if taken[b] {
            break;
        }
        if is_quantity(s, lex, b) {
            from = b;
            continue;
        }
        // «العشرات من المواطنين»
        if s.tokens[b].folded == "من" && b > 0 && !taken[b - 1] && is_quantity(s, lex, b - 1) {
            from = b - 1;
            continue;
        }
        break;
    }
    from
}

/// The proclitics on the quantity word at `i` («لعشرات» → «ل»), when it is one. Not with
/// the article the list does not write: «الأحد» is Sunday, not «أحد» (one of).
fn quantity_word(s: &Sentence, lex: &Lexicon, i: usize) -> Option<&'static str> {
    stems(&s.tokens[i].folded)
        .filter(|(p, _)| !p.ends_with("ال"))
        .find(|(_, stem)| {
            lex.actors.get(stem.as_ref()).is_some_and(|ps| {
                ps.iter()
                    .any(|p| p.class == ActorClass::Quantity && p.rest.is_empty())
            })
        })
        .map(|(p, _)| p)
}

/// The proclitics a quantity at `i` carries for its phrase (a number has none).
fn quantity_clitic(s: &Sentence, lex: &Lexicon, i: usize) -> String {
    quantity_word(s, lex, i).unwrap_or("").to_string()
}

/// A quantity word or a number.
fn is_quantity(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    s.tokens[i].folded.chars().all(|c| c.is_ascii_digit()) || quantity_word(s, lex, i).is_some()
}

/// The described actor whose head phrase is words `[i, j)`, with its quantity and its
/// country; `None` when an organisation the knowledge base knows follows (the words are
/// its own, and its mention takes them).
fn described(
    s: &mut Sentence,
    lex: &Lexicon,
    i: usize,
    j: usize,
    sector: &'static str,
    clitic: String,
    taken: &[bool],
) -> Option<Mention> {
    // Country mentions inside the phrase («النظام السوري»).
    let mut country = s
        .mentions
        .iter()
        .find(|m| m.from >= i && m.to <= j && m.is_country())
        .map(|m| m.key.clone());
    let mut to = j;
    // «والوفد المرافق له»: the entourage of the one who acts is no actor of its own.
    if s.tokens.get(j).is_some_and(|w| {
        matches!(
            w.folded.as_str(),
            "المرافق" | "المرافقه" | "المرافقين" | "المرافقون"
        )
    }) {
        return None;
    }
    // «وصل كيري الى الدوحة الأحد وافدا من القاهرة»: a lone accusative participle of
    // arriving before «من» says how one came, no one else (counted, «عشرين وافدا», it is
    // people).
    let arriving = j == i + 1
        && crate::sentence::arriving(&s.tokens[i].folded)
        && s.tokens.get(j).is_some_and(|w| w.folded == "من")
        && (i == 0
            || !is_quantity(s, lex, i - 1)
                && !s.tokens[i - 1].folded.chars().all(|c| c.is_ascii_digit()));
    if arriving {
        return None;
    }
    // «رجل أمن متقاعد برتبة جندي من حرس الحدود»: after «برتبة» the word is the rank of
    // the one named before, and the body after the rank and «من» is his; neither is a
    // second actor.
    let rank = |k: usize| matches!(s.tokens[k].folded.as_str(), "برتبه" | "رتبه");
    if i > 0 && rank(i - 1) || i > 2 && s.tokens[i - 1].folded == "من" && rank(i - 3) {
        return None;
    }
    // «الداخلية» and «الخارجية» name their ministries («أعلنت الداخلية», «بيان الخارجية»),
    // but after a definite noun or one with a pronoun they are its adjective: «شؤونها
    // الداخلية» (internal affairs), «السياسة الخارجية» (foreign policy).
    let adjective_of_noun = |k: usize| {
        let w = s.tokens[k].folded.trim_start_matches(['و', 'ف']);
        let w = w.strip_prefix(['ب', 'ل']).unwrap_or(w);
        w.starts_with("ال")
            || w.chars().count() >= 5 && ["ها", "هم", "هما"].iter().any(|p| w.ends_with(p))
    };
    if j == i + 1
        && i > 0
        && joined(&s.tokens, i - 1, i)
        && matches!(
            s.tokens[i].folded.trim_start_matches(['و', 'ف']),
            "الداخليه" | "الخارجيه"
        )
        && adjective_of_noun(i - 1)
    {
        return None;
    }
    if let Some(k) = belongs_to(s, i, j) {
        takes_words_from(s, k, i, clitic);
        return None;
    }
    // «الجيش الليبي التابع للحكومة الليبية»: the body it belongs to, named by description,
    // describes it; its words (and its country) are this actor's, not a second actor.
    let belonging = |k: usize| {
        s.tokens
            .get(k)
            .is_some_and(|w| BELONGING.contains(&w.folded.as_str()))
    };
    let owner_end = |k: usize| {
        let (len, class, clitic) = phrase_at(s, lex, k, taken)?;
        (matches!(class, ActorClass::Sector(_)) && clitic.starts_with('ل')).then_some(k + len)
    };
    let mut owner = None;
    for k in [j, j + 1, j + 2] {
        if belonging(k) && joined(&s.tokens, i, k + 1) {
            owner = owner_end(k + 1);
            break;
        }
    }
    if !s.mentions.iter().any(|m| m.from == j) {
        if let Some((c, end)) = country_after_genitives(s, lex, i, j, taken) {
            country = country.or(Some(c));
            to = end;
        }
    }
    // What follows: an organisation takes the words (their genitive: «عناصر تنظيم داعش»,
    // not after a definite word, which is no construct: «المسؤولون الأتراك حزبَ العمال» is
    // the officials and the party, one acting on the other); a country or a city gives
    // the country.
    let construct = !s.tokens[j - 1]
        .folded
        .trim_start_matches(['و', 'ف'])
        .starts_with("ال");
    // «حركة المقاومة حماس»: after the kind of body it is, the definite word describes the
    // body named after it (apposition), not another actor.
    let kind_before = i > 0
        && joined(&s.tokens, i - 1, j)
        && matches!(
            s.tokens[i - 1]
                .folded
                .trim_start_matches(['و', 'ف', 'ب', 'ل']),
            "حركه" | "تنظيم" | "جماعه" | "جبهه" | "حزب"
        );
    // «مسلحو ميليشيات الحوثي»: the militia's word between the fighters and the group.
    let militia = s.tokens.get(j).is_some_and(|w| {
        matches!(
            w.folded.as_str(),
            "ميليشيات" | "مليشيات" | "ميليشيا" | "مليشيا"
        )
    });
    let named_at = |m: &Mention| {
        m.from == j || militia && construct && m.from == j + 1 && m.kind == EntityType::Organization
    };
    if let Some(k) = s.mentions.iter().position(named_at) {
        let next = &s.mentions[k];
        match next.kind {
            // «المسلحين الحوثيين»: a group named by its adjective agrees with a definite word.
            EntityType::Organization
                if !next.described
                    && (construct
                        || kind_before
                        || crate::sentence::nisba(&s.tokens[next.from].folded)) =>
            {
                takes_words_from(s, k, i, clitic);
                return None;
            }
            // «قوات الأمن العراقية», «المسؤولون الأتراك», «شرطة بغداد»: the adjective
            // (definite after a definite word), or the name in the construct; not a name
            // without the article after a definite word («أمام البرلمان باكستان»: the
            // parliament, then Pakistan, the object).
            EntityType::Gpe
                if construct
                    || s.tokens[next.from].folded.starts_with("ال")
                    || !next.clitic.is_empty() =>
            {
                country = country.or_else(|| next.country.clone());
                to = next.to;
            }
            _ => {}
        }
    }
    // «قوات التحالف بقيادة السعودية»: the state or the commander leading a force gives
    // its country and is no actor of the event (the coalition acts, not its leader).
    let mut leader = None;
    if let Some((k, c)) = led_by(s, lex, i, to, taken) {
        country = country.or(c);
        leader = Some(s.mentions[k].from);
        to = s.mentions[k].to;
    }
    if let Some(mut end) = owner {
        if let Some(m) = s.mentions.iter().find(|m| m.from == end && m.is_country()) {
            country = country.or_else(|| m.country.clone());
            end = m.to;
        }
        to = to.max(end);
    }
    // A body in the construct state before a person («قوات صالح», «حكومة نتنياهو»,
    // «سفارة خادم الحرمين الشريفين»): the person's body, in the person's country — the
    // embassy acts, not the king.
    let head = s.tokens[i]
        .folded
        .strip_prefix(clitic.as_str())
        .unwrap_or(&s.tokens[i].folded);
    if j == i + 1 && !clitic.ends_with("ال") && BODIES.contains(&head) {
        if let Some(k) = s
            .mentions
            .iter()
            .position(|m| m.from == to && m.kind == EntityType::Person && !m.described)
        {
            let owner = s.mentions.remove(k);
            country = country.or(owner.country);
            to = owner.to;
        }
    }
    // A title before a name («وزير الخارجية عادل الجبير»): the person is the actor — not
    // when the title's country is not the person's («هنّأ الرئيس الفرنسي الأمير محمد بن
    // سلمان»: two people).
    // Titles and places may stand between («وزير الخارجية الأمير سعود», «مدير فرع
    // الوزارة بالجوف فلان»), not what the verb before the words takes («ورحبت الحكومة
    // بتعيين إسماعيل ولد الشيخ»: the government welcomed his appointment).
    let subject = i > 0 && s.triggers.iter().any(|t| t.to == i && t.verb);
    // An official's title may run on through a second one, unbroken («وزير العدل رئيس
    // المجلس الأعلى للقضاء الدكتور وليد الصمعاني»): no punctuation, no act, no «و».
    // So may the body an official heads («مدير شرطة منطقة الباحة اللواء مسفر …»).
    let headed = i > 0 && {
        let w = s.tokens[i - 1].folded.trim_start_matches(['و', 'ف']);
        crate::sentence::HOLDERS.contains(&w.strip_prefix("ال").unwrap_or(w))
    };
    let officials = matches!(sector, "GOV" | "MIL" | "LEG" | "JUD" | "REL" | "MED") || headed;
    let title_chain = |name_from: usize| {
        officials
            && name_from <= to + 7
            && joined(&s.tokens, to.saturating_sub(1), name_from)
            && !s.triggers.iter().any(|t| t.from < name_from && t.to > to)
            && (to..name_from).all(|k| {
                let w = s.tokens[k].folded.as_str();
                !(w == "و" || w.starts_with("وال") || w.starts_with("وو"))
            })
    };
    let person_after = s.mentions.iter().any(|m| {
        m.kind == EntityType::Person
            && m.from >= to
            && (m.from <= to + 3 || title_chain(m.from))
            && !m.described
            && (country.is_none() || m.country.is_none() || m.country == country)
            // «القوات الموالية للرئيس هادي»: a word of belonging between makes the person
            // the forces' patron, not their title's holder.
            && !(to..m.from).any(|k| BELONGING.contains(&s.tokens[k].folded.as_str()))
            && !(subject
                && (to..m.from).any(|k| {
                    let w = s.tokens[k].folded.as_str();
                    let named = s.mentions.iter().any(|x| x.from <= k && k < x.to);
                    !named && w != "باسم" && w.starts_with(['ب', 'ل']) && !w.starts_with("لل")
                }))
    });
    // An office's title may stand a few words before the name; a civilian's word only
    // right before it («المواطن ظافر آل سعد», «الطالب فلان»; not «دعا المعتصمون إلى إعدام
    // فلان»).
    let name_right_after = s
        .mentions
        .iter()
        .any(|m| m.kind == EntityType::Person && !m.described && m.from == to);
    if person_after && (officials || name_right_after) {
        // The head's word and the body he heads are the name's (its span stays the
        // name's): the reading measures from the head's word how far the name stands from
        // its verb («استنكر مدير شرطة منطقة الباحة اللواء مسفر …» has him as its subject).
        if headed {
            if let Some(p) = s.mentions.iter_mut().find(|m| {
                m.kind == EntityType::Person && !m.described && m.from >= to && title_chain(m.from)
            }) {
                p.from = p.from.min(i - 1);
            }
        }
        return None;
    }
    // «سكان محليين», «مواطنين عاديين»: an indefinite plural's adjective in «ـيين/ـيون»
    // right after it is its own word, not a word of the clause.
    while to < s.tokens.len()
        && joined(&s.tokens, to - 1, to)
        && !s.mentions.iter().any(|m| m.from == to)
        && s.tokens[to].folded.chars().count() >= 5
        && ["يين", "يون"].iter().any(|e| s.tokens[to].folded.ends_with(e))
        && !s.tokens[to].folded.starts_with(['ا', 'و', 'ب', 'ل', 'ف'])
        && !s.tokens[to - 1].folded.starts_with("ال")
        && !stems(&s.tokens[to].folded).any(|(_, w)| lex.actors.contains_key(w.as_ref()))
        // A sound plural agrees in its ending («مواطنين عاديين»); a broken one
        // («سكان») shows none.
        && ["ين", "ون"]
            .iter()
            .all(|e| !s.tokens[to - 1].folded.ends_with(e) || s.tokens[to].folded.ends_with(e))
    {
        to += 1;
    }
    let from = quantity_start(s, lex, i, taken);
    // A quantity before the head carries the phrase's proclitics («لأبناء الشعب اليمني»:
    // to the people, not the people's).
    let clitic = if from < i {
        quantity_clitic(s, lex, from)
    } else {
        clitic
    };
    // The mentions it swallowed (a country adjective, a city) are not actors of their own.
    s.mentions.retain(|m| {
        !(m.from >= from
            && m.to <= to
            && (m.kind == EntityType::Gpe || leader.is_some_and(|l| m.from >= l)))
    });
    let span = Span::new(s.tokens[from].span.start, s.tokens[to - 1].span.end);
    let words: Vec<&str> = s.tokens[i..j].iter().map(|t| t.folded.as_str()).collect();
    Some(Mention {
        key: format!(
            "~{sector}:{}:{}",
            country.as_deref().unwrap_or("-"),
            words.join(" ")
        ),
        kind: EntityType::Organization,
        country,
        span,
        from,
        to,
        clitic,
        slot: Slot::Actor,
        sector: Some(sector),
        described: true,
        via: None,
        apposed: false,
    })
}

/// Mention `k`, the organisation named right after a described actor's words from word
/// `i` on («عناصر تنظيم داعش»), takes those words: they name it, not a second actor.
fn takes_words_from(s: &mut Sentence, k: usize, i: usize, clitic: String) {
    let start = s.tokens[i].span.start;
    let org = &mut s.mentions[k];
    org.from = i;
    org.span = Span::new(start, org.span.end);
    org.clitic = clitic;
}

/// Words of belonging («القوات التابعة لـ», «مسلحين موالين لـ»), folded: what follows
/// with «لـ» is whose the actor before them is.
const BELONGING: &[&str] = &[
    "تابع",
    "تابعه",
    "تابعين",
    "تابعون",
    "التابع",
    "التابعه",
    "التابعين",
    "موالي",
    "موالين",
    "موالون",
    "مواليه",
    "الموالي",
    "الموالين",
    "المواليه",
    "المنتمين",
    "منتمين",
];

/// «مسلحين تابعين لحزب كوملة», «عناصر موالية لتنظيم داعش», «انتحاري من طالبان»,
/// «مسؤول رفيع في وزارة الدفاع»: the organisation the words `i..j` belong to (a word of
/// belonging, then «لـ» + a body the knowledge base knows; «من» + that body; an
/// office-holder «في» it) is who they are, as when its name follows at once. The
/// mention's index.
fn belongs_to(s: &Sentence, i: usize, j: usize) -> Option<usize> {
    let belonging = s
        .tokens
        .get(j)
        .is_some_and(|w| BELONGING.contains(&w.folded.trim_start_matches('و')))
        && joined(&s.tokens, i, j + 1);
    // «مسؤول رفيع في وزارة الدفاع الأميركية»: an office-holder «في» a body is the body's;
    // an adjective of rank may stand between.
    let rank = |k: usize| {
        s.tokens.get(k).is_some_and(|w| {
            matches!(
                w.folded.as_str(),
                "رفيع" | "رفيعه" | "كبير" | "بارز" | "امني" | "عسكري" | "سابق"
            )
        })
    };
    let office = matches!(
        s.tokens[i].folded.trim_start_matches('و'),
        "مسؤول"
            | "مسؤولون"
            | "مسؤولين"
            | "مسوول"
            | "موظف"
            | "موظفون"
            | "عضو"
            | "اعضاء"
            | "قيادي"
            | "قياديون"
            | "ضابط"
            | "ضباط"
            | "دبلوماسي"
            | "دبلوماسيون"
    );
    let at = if rank(j) { j + 1 } else { j };
    if office && s.tokens.get(at).is_some_and(|w| w.folded == "في") && joined(&s.tokens, i, at + 1)
    {
        if let Some(k) = s.mentions.iter().position(|m| {
            m.from == at + 1
                && m.clitic.is_empty()
                && m.kind == EntityType::Organization
                && !m.described
        }) {
            return Some(k);
        }
    }
    // «انتحاري من طالبان», «مسلحون من حركة الشباب»: one of the body's own; so with the
    // words of its members or its militia between («42 مسلحا من عناصر ميليشيات الحوثي»).
    let one_of = s.tokens.get(j).is_some_and(|w| w.folded == "من") && joined(&s.tokens, i, j + 1);
    if one_of {
        let ranks = (j + 1..(j + 3).min(s.tokens.len()))
            .take_while(|&k| {
                matches!(
                    s.tokens[k].folded.as_str(),
                    "عناصر"
                        | "انصار"
                        | "اعضاء"
                        | "مسلحي"
                        | "مقاتلي"
                        | "ميليشيات"
                        | "مليشيات"
                        | "ميليشيا"
                        | "مليشيا"
                )
            })
            .count();
        return s.mentions.iter().position(|m| {
            m.from == j + 1 + ranks
                && m.clitic.is_empty()
                && m.kind == EntityType::Organization
                && !m.described
        });
    }
    if !belonging {
        return None;
    }
    s.mentions.iter().position(|m| {
        m.from == j + 1
            && m.clitic.starts_with('ل')
            && m.kind == EntityType::Organization
            && !m.described
    })
}

/// «قوات التحالف بقيادة المملكة العربية السعودية», «التحالف الدولي بقيادة الولايات
/// المتحدة», «قوات بقيادة اللواء خليفة حفتر»: the country or the person named right after
/// «بقيادة», at most two of the phrase's own words (its adjectives) after the head words
/// `i..to`. The mention's index and its country.
fn led_by(
    s: &Sentence,
    lex: &Lexicon,
    i: usize,
    to: usize,
    taken: &[bool],
) -> Option<(usize, Option<String>)> {
    // The words between are the phrase's adjectives: no name, no actor's own word
    // («وزير الداخلية اليمني التحالف بقيادة …» is two actors).
    let at = (to..(to + 3).min(s.tokens.len()))
        .take_while(|&k| {
            !taken[k]
                && !s.mentions.iter().any(|m| m.from <= k && k < m.to)
                && phrase_at(s, lex, k, taken).is_none()
        })
        .find(|&k| s.tokens[k].folded == "بقياده")?;
    if !joined(&s.tokens, i, at + 1) {
        return None;
    }
    let k = s.mentions.iter().position(|m| {
        m.from == at + 1
            && !m.described
            && (m.is_country() || (m.kind == EntityType::Person && m.country.is_some()))
    })?;
    Some((k, s.mentions[k].country.clone()))
}

/// «قوات الاحتلال الإسرائيلي», «شرطة الضرائب الإيطالية»: a country's adjective after a
/// definite genitive or two of the words `i..j` is the actor's country, not a second
/// actor. The country and the end of its word.
fn country_after_genitives(
    s: &Sentence,
    lex: &Lexicon,
    i: usize,
    j: usize,
    taken: &[bool],
) -> Option<(String, usize)> {
    let genitives = (j..(j + 2).min(s.tokens.len()))
        .take_while(|&k| {
            s.tokens[k].folded.starts_with("ال")
                && !taken[k]
                && !s.mentions.iter().any(|m| m.from <= k && k < m.to)
                // «قوات المعارضة السورية»: an actor's own word is no genitive to skip.
                && phrase_at(s, lex, k, taken).is_none()
        })
        .count();
    if genitives == 0 {
        return None;
    }
    let k = j + genitives;
    s.mentions
        .iter()
        .find(|m| {
            m.from == k
                && m.to == k + 1
                && m.is_country()
                && m.clitic.is_empty()
                && s.tokens[k].folded.starts_with("ال")
                && joined(&s.tokens, i, k)
        })
        .and_then(|m| Some((m.country.clone()?, m.to)))
}

/// Nouns of bodies (folded, proclitics off) that a person's name after them owns: «قوات
/// صالح» are Saleh's forces, «حكومة نتنياهو» Netanyahu's government.
const BODIES: &[&str] = &[
    "حكومه",
    "سفاره",
    "قنصليه",
    "بعثه",
    "نظام",
    "اداره",
    "وزاره",
    "قوات",
    "سلطات",
    "ميليشيات",
    "مليشيات",
    "جيش",
    "حرس",
    "شرطه",
    "رياسه",
    "ديوان",
];

/// Singular nouns of a person's office or trade (folded, proclitics off) that a title in
/// apposition starts with: «الأمير محمد بن سلمان … وزير الدفاع».
const APPOSITIVE_HEADS: &[&str] = &[
    "وزير",
    "الوزير",
    "محافظ",
    "المحافظ",
    "سفير",
    "السفير",
    "مسؤول",
    "المسؤول",
    "دبلوماسي",
    "قاض",
    "القاضي",
    "مراسل",
    "صحفي",
    "صحافي",
    "اعلامي",
    "ضابط",
    "قائد",
    "خطيب",
    "امام",
];

/// Words before an office that make the title another's, one who serves under it
/// («مساعد وزير الخارجية», «نائب وزير الدفاع», «مستشار وزير الخارجية»).
const DEPUTY_WORDS: &[&str] = &["مساعد", "نايب", "مستشار", "وكيل", "المساعد", "النايب"];

/// Described actor `m` is the title of the person named right before it — «قام الأمير
/// محمد بن سلمان … ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع بزيارة»
/// is one visitor, not a prince and a minister — when only the rest of the name and
/// other titles stand between them: no punctuation, no trigger word, no other person, and no
/// conjunction on the title («ووزير الخارجية» is a second actor). A title of another
/// country («استقبل الأمير … وزير الخارجية الفرنسي») is someone else, and so is one
/// followed by a name (`described` leaves that title to its name). Returns the words
/// from the end of the name to the end of the title (its country adjective included).
fn appositive(s: &Sentence, lex: &Lexicon, m: &Mention) -> Option<(usize, usize)> {
    let head = s.tokens[m.from].folded.as_str();
    let head = head.strip_prefix(m.clitic.as_str()).unwrap_or(head);
    if !APPOSITIVE_HEADS.contains(&head) || m.clitic.contains(['و', 'ف']) {
        return None;
    }
    // A deputy's or an adviser's title names the office he serves under: «حسين هريدي،
    // مساعد وزير الخارجية المصري الأسبق» is the ambassador's title, not the minister.
    let deputy = m.from > 0
        && m.clitic.is_empty()
        && DEPUTY_WORDS.contains(&s.tokens[m.from - 1].folded.as_str())
        && joined(&s.tokens, m.from, m.from);
    let title_from = m.from - usize::from(deputy);
    let person = s
        .mentions
        .iter()
        .filter(|p| p.kind == EntityType::Person && !p.described && p.to <= title_from)
        .max_by_key(|p| p.to)?;
    let gap = (person.to, title_from);

    if gap.1 - gap.0 > APPOSITION_GAP {
        return None;
    }
    // The title's country: its own, or an adjective closing its construct chain
    // («وزير الخارجية الفرنسي»).
    let foreign =
        |c: &Option<String>| c.is_some() && person.country.is_some() && *c != person.country;
    // A noun of the chain («الخارجية», «للشؤون»), not «إلى» (folded «الي») or a relative.
    let definite = |k: usize| {
        let w = s.tokens[k].folded.as_str();
        (w.starts_with("ال") || w.starts_with("لل"))
            && !matches!(w, "الي" | "التي" | "الذي" | "الذين" | "الا")
    };
    let chain_country = s.mentions.iter().find(|x| {
        x.is_country()
            && x.clitic.is_empty()
            && (m.to..=m.to + 4).contains(&x.from)
            && (m.to..x.from).all(definite)
    });
    if foreign(&m.country) || chain_country.is_some_and(|x| foreign(&x.country)) {
        return None;
    }
    let mut end = chain_country.map_or(m.to, |x| x.to);
    // The office's own genitive, which may itself read as an actor word («وزير
    // الداخلية»: «الداخلية» alone is the ministry) is the title's too.
    while end < s.tokens.len()
        && end < m.to + 3
        && definite(end)
        && joined(&s.tokens, end - 1, end)
        && !s.triggers.iter().any(|t| t.from <= end && end < t.to)
        && !s.mentions.iter().any(|x| x.from <= end && end < x.to)
    {
        end += 1;
    }
    // A full stop or a quote ends the name; so does a comma, unless the title stands right
    // after it («السفير أحمد قطان، سفير المملكة العربية السعودية في مصر»).
    let comma_then_title = person.to == title_from && s.tokens[title_from].comma_before;
    let joined = joined(&s.tokens, person.to, title_from) || comma_then_title;
    // A trigger between, or a word of one (the noun of «قام … بزيارة» is read with its
    // verb, not found on its own): the title is the event's object.
    let trigger = s.triggers.iter().any(|t| t.from < gap.1 && t.to > gap.0)
        || (gap.0..gap.1).any(|k| {
            stems(&s.tokens[k].folded).any(|(_, stem)| lex.forms.contains_key(stem.as_ref()))
        });
    (joined && !trigger).then_some((gap.0, end))
}

/// A mention of words `[i, j)` standing for antecedent `a`.
fn pointing(s: &Sentence, i: usize, j: usize, a: &Antecedent, clitic: String) -> Mention {
    Mention {
        key: a.key.clone(),
        kind: a.kind,
        country: a.country.clone(),
        span: Span::new(s.tokens[i].span.start, s.tokens[j - 1].span.end),
        from: i,
        to: j,
        clitic,
        slot: Slot::Actor,
        sector: a.sector,
        described: a.described,
        via: Some(a.span),
        apposed: false,
    }
}
