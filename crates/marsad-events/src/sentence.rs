//! One sentence made ready for reading: its words (folded, with their proclitics split
//! off), the trigger and cue phrases found on them, the entity mentions that can be
//! actors, places or topics, and the clauses the sentence divides into.

use std::borrow::Cow;
use std::sync::LazyLock;

use marsad_schema::{DateMention, Document, EntityType};
use marsad_text::{clitics, fold_str, words, Chain, Span};

use crate::lexicon::{ActorClass, Cue, CueSet, Form, Gender, Lexicon};

/// A word of the sentence.
#[derive(Debug, Clone)]
pub struct Token {
    /// Folded word.
    pub folded: String,
    /// Where it stands in the record's text (characters).
    pub span: Span,
    /// Cue classes whose phrase starts here (for phrases, `cue_len` tells how far).
    pub cues: CueSet,
    /// Written with a final «ة» (folding makes it «ه», like the pronoun): a feminine
    /// singular noun, «الحكومة», «وزارة».
    pub ta_marbuta: bool,
    /// Written with a final «أ» («هنأ»), which folding makes «ا» («هنا», here).
    pub hamza: bool,
    /// Written with a damma on its first letter (after «و»/«ف»): a passive verb where the
    /// writer vowelled it («قُتلوا», «أُصيب»), which folding would lose.
    pub damma_first: bool,
    /// The quote marks between this word and the one before open or close a name of at
    /// most three words («تنظيم "داعش" الفوضى»): they end no phrase.
    pub name_quote_before: bool,
    /// Only a comma (and spaces) between this word and the one before: a title in
    /// apposition may follow it («أحمد قطان، سفير المملكة»).
    pub comma_before: bool,
}

/// A trigger found at a word.
#[derive(Debug, Clone)]
pub struct TriggerHit {
    /// Index into `Lexicon::triggers`.
    pub trigger: usize,
    /// First and one-past-last word.
    pub from: usize,
    /// One past the last word.
    pub to: usize,
    /// A verb (rather than a verbal noun).
    pub verb: bool,
    /// A future verb form.
    pub future: bool,
    /// An imperfect verb form, not future (يقتل، تستهدف).
    pub imperfect: bool,
    /// The proclitics before it (folded): «ل» marks a purpose clause (لبحث).
    pub prefix: String,
    /// A noun with the article (الاجتماع): it refers back to a known event.
    pub definite: bool,
    /// A noun with a pronoun suffix (لقائه، زيارته).
    pub pronoun: bool,
    /// An active participle used as a circumstantial («مطالبا»).
    pub participle: bool,
    /// A dual or plural verb: its subject is in its ending, not a name after it.
    pub subject_suffix: bool,
    /// The word is also a verbal noun of the same trigger (قصف: shelled, or shelling);
    /// read as a verb unless the context says otherwise.
    pub ambiguous: bool,
    /// The gender a singular verb shows (it agrees with a subject after it).
    pub gender: Option<Gender>,
    /// A phrase with a name inside it: its subject («شن سلاح الجو التركي ضربات») or its
    /// first object («حمّلت إسرائيل المسؤولية»); the word where the phrase goes on.
    pub split: Option<usize>,
}

/// What a mention is in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Can take part in an event.
    Actor,
    /// Says where something happens (في باكو، إلى موسكو، بالعاصمة باكو).
    Place,
    /// Says what an event is about (الوضع في قره باغ).
    About,
    /// Describes the mention before it (منطقة قرة باغ الأذربيجانية): not an actor.
    Modifier,
}

/// An entity mention in the sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Entity key.
    pub key: String,
    /// Entity type.
    pub kind: EntityType,
    /// The entity's country.
    pub country: Option<String>,
    /// Characters in the record's text.
    pub span: Span,
    /// First word and one past its last word.
    pub from: usize,
    /// One past the last word.
    pub to: usize,
    /// The proclitics written on its first word (folded), such as «و» or «ب».
    pub clitic: String,
    /// What it is in the sentence.
    pub slot: Slot,
    /// The sector of a described actor (`describe.rs`), or of a country.
    pub sector: Option<&'static str>,
    /// Named by description: no key of the knowledge base (its `key` is made up here).
    pub described: bool,
    /// For words that point back («سموه», «الجانبان»): where the actor was named.
    pub via: Option<Span>,
    /// Two mentions of one entity read as one: a role or a body, then the name
    /// («رئيس الجمهورية العراقي نوري المالكي»).
    pub apposed: bool,
}

impl Mention {
    /// A country (its key is its ISO code).
    pub fn is_country(&self) -> bool {
        self.kind == EntityType::Gpe && self.country.as_deref() == Some(self.key.as_str())
    }
}

/// A sentence ready for reading.
#[derive(Debug)]
pub struct Sentence {
    /// Where it stands in the record's text.
    pub span: Span,
    /// Its words.
    pub tokens: Vec<Token>,
    /// Triggers, in order, not overlapping.
    pub triggers: Vec<TriggerHit>,
    /// Mentions, in order, not overlapping.
    pub mentions: Vec<Mention>,
    /// Dates placed in it.
    pub dates: Vec<DateMention>,
}

impl Sentence {
    /// Whether word `i` carries cue `c`.
    pub fn has(&self, i: usize, c: Cue) -> bool {
        self.tokens.get(i).is_some_and(|t| t.cues & c.bit() != 0)
    }

    /// Whether word `i` is the genitive of an office, a body, a trade or a skill (cue class
    /// `field`, right before it): «وزير الاتصالات», «قدرات الاتصال» name a field, and the
    /// word is in no event's sense.
    pub fn names_a_field(&self, i: usize) -> bool {
        i > 0 && self.has(i - 1, Cue::Field) && joined(&self.tokens, i - 1, i)
    }

    /// Whether a cue of class `c` stands on a word in `[from, to)`.
    pub fn any(&self, from: usize, to: usize, c: Cue) -> bool {
        (from..to.min(self.tokens.len())).any(|i| self.has(i, c))
    }

    /// The word index holding character `pos` (or the next word after it).
    pub fn word_at(&self, pos: usize) -> usize {
        self.tokens
            .iter()
            .position(|t| t.span.end > pos)
            .unwrap_or(self.tokens.len())
    }
}

/// Whether words `from` to `to` (inclusive) and the word before `from` follow one another
/// with one space between: no comma, full stop or quote ends a phrase there (the quotes
/// around a name do not: [`Token::name_quote_before`]).
/// A folded word as written and, when it starts with «و» or «ف», without that one
/// conjunction: «وفي» is «في», «وزير» stays «وزير» too (stripping every «و» and «ف» makes
/// «وفي» «ي» and «وزير» «زير»).
pub(crate) fn with_conjunction_off(w: &str) -> impl Iterator<Item = &str> {
    std::iter::once(w).chain(
        w.strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 2),
    )
}

pub(crate) fn joined(tokens: &[Token], from: usize, to: usize) -> bool {
    (from.max(1)..=to.min(tokens.len().saturating_sub(1))).all(|k| {
        let (a, b) = (&tokens[k - 1], &tokens[k]);
        b.span.start.saturating_sub(a.span.end) <= 1 + b.name_quote_before as usize
    })
}

const QUOTES: &[char] = &['"', '«', '»', '“', '”', '„'];

/// Verbs of reporting, confirming and denying whose object can be an act told as a noun
/// («أكد المسؤول قصف الطائرات»), folded, without a conjunction.
const REPORTING: &[&str] = &[
    "اكد",
    "اكدت",
    "يؤكد",
    "تؤكد",
    "اعلن",
    "اعلنت",
    "يعلن",
    "تعلن",
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "كشف",
    "كشفت",
    "رصد",
    "رصدت",
    "وثق",
    "وثقت",
    "ذكر",
    "ذكرت",
];

/// What one sets off, folded, as the word after «فجرا» starts.
const DEVICES: &[&str] = &[
    "عبو",
    "سيار",
    "قنبل",
    "حزام",
    "ستر",
    "لغم",
    "الغام",
    "متفجر",
];

/// Words that open a clause of their own after a verb of saying («أكد أن …»).
const COMPLEMENTIZERS: &[&str] = &["ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "وان"];

/// Marks the words whose gap before them is a space and one quote mark that opens or
/// closes a quoted name: one to three words with a mention among them («"داعش"»,
/// «"أنصار الشريعة"»), or with no event word and no number in them (a name the
/// knowledge base does not know: «الشرق الأوسط», «هيومان رايتس ووتش»). A quoted name
/// ends no phrase; a quoted sentence or phrase does («“لطرد الأرواح الشريرة”»,
/// «"هجمات محتملة"», «"13 مقاتلاً فقط"»).
fn mark_name_quotes(s: &mut Sentence, chars: &[char]) {
    let offset = s.span.start;
    let tokens = &s.tokens;
    // The characters between word k - 1 and word k (none before the first).
    let gaps: Vec<Vec<char>> = (0..tokens.len())
        .map(|k| {
            if k == 0 {
                return Vec::new();
            }
            let (a, b) = (
                tokens[k - 1].span.end - offset,
                tokens[k].span.start - offset,
            );
            chars[a.min(chars.len())..b.min(chars.len())].to_vec()
        })
        .collect();
    let gap = |k: usize| -> &[char] { &gaps[k] };
    let one_quote = |g: &[char]| {
        g.iter().filter(|c| QUOTES.contains(c)).count() == 1
            && g.iter().all(|c| c.is_whitespace() || QUOTES.contains(c))
            && g.len() <= 2
    };
    let n = tokens.len();
    let mut marks: Vec<usize> = Vec::new();
    let mut k = 1;
    while k < n {
        // An opening quote before word k, a closing one before word j (after word j - 1).
        let opens = one_quote(gap(k)) && gap(k).last().is_some_and(|c| QUOTES.contains(c));
        if opens {
            let close = (k + 1..n.min(k + 4)).find(|&j| {
                let g = gap(j);
                one_quote(g) && g.first().is_some_and(|c| QUOTES.contains(c))
            });
            let inside_clear =
                |j: usize| (k + 1..j).all(|i| gap(i).iter().all(|c| c.is_whitespace()));
            let named = |j: usize| s.mentions.iter().any(|m| m.from < j && k < m.to);
            let plain = |j: usize| {
                !s.triggers.iter().any(|t| t.from < j && k < t.to)
                    && !(k..j).any(|i| tokens[i].folded.chars().any(|c| c.is_ascii_digit()))
            };
            if let Some(j) = close.filter(|&j| inside_clear(j) && (named(j) || plain(j))) {
                marks.extend([k, j]);
                k = j + 1;
                continue;
            }
        }
        k += 1;
    }
    for k in marks {
        s.tokens[k].name_quote_before = true;
    }
}

/// Splits a folded word into (proclitics, rest) candidates, the whole word first. Only the
/// rare «لل» case allocates (the article's alef is written back: للقاء = ل + اللقاء); every
/// other candidate borrows from the word, since this runs for every word of every page.
pub fn stems(word: &str) -> impl Iterator<Item = (&'static str, Cow<'_, str>)> {
    let whole = std::iter::once(("", Cow::Borrowed(word)));
    let split = clitics::prefixes_of(word).filter_map(move |(p, rest)| {
        // At least two letters after the clitics.
        rest.chars().nth(1)?;
        if p.ends_with("لل") {
            return Some((p, Cow::Owned(format!("ال{rest}"))));
        }
        Some((p, Cow::Borrowed(rest)))
    });
    whole.chain(split)
}

/// Prepares sentence `span` of `doc`: its words and cues, the entities named in it, its
/// triggers, then `describe` (the actors described rather than named, and those the
/// discourse gives: the caller's `describe::add`, passed in so that this module, which
/// `describe` reads, does not read it back), then every mention's slot.
pub fn prepare(
    doc: &Document,
    text_chars: &[usize],
    span: Span,
    lex: &Lexicon,
    describe: impl FnOnce(&mut Sentence),
) -> Sentence {
    let slice = byte_slice(&doc.text, text_chars, span);
    let mut tokens: Vec<Token> = words(slice)
        .map(|w| {
            // The word without the vowel marks after its last letter.
            let unvowelled = w
                .text
                .trim_end_matches(|c| ('\u{064B}'..='\u{0652}').contains(&c));
            Token {
                folded: fold_str(w.text, Chain::Match),
                span: Span::new(span.start + w.span.start, span.start + w.span.end),
                cues: 0,
                ta_marbuta: unvowelled.ends_with('ة'),
                damma_first: damma_first(w.text),
                hamza: unvowelled.ends_with('أ'),
                name_quote_before: false,
                comma_before: false,
            }
        })
        .collect();
    if slice.contains(['،', ',']) {
        let slice_chars: Vec<char> = slice.chars().collect();
        for k in 1..tokens.len() {
            let (a, b) = (
                tokens[k - 1].span.end - span.start,
                tokens[k].span.start - span.start,
            );
            let gap = &slice_chars[a.min(slice_chars.len())..b.min(slice_chars.len())];
            tokens[k].comma_before = gap.iter().filter(|c| matches!(c, '،' | ',')).count() == 1
                && gap
                    .iter()
                    .all(|c| c.is_whitespace() || matches!(c, '،' | ','));
        }
    }
    let mut s = Sentence {
        span,
        tokens,
        triggers: Vec::new(),
        mentions: Vec::new(),
        dates: doc
            .dates
            .iter()
            .filter(|d| d.start >= span.start && d.end <= span.end)
            .cloned()
            .collect(),
    };
    mark_cues(&mut s, lex);
    collect_mentions(&mut s, doc, lex);
    through_eulogies(&mut s);
    find_triggers(&mut s, lex);
    drop_reinforcements_hit(&mut s, lex);
    if slice.contains(QUOTES) {
        let slice_chars: Vec<char> = slice.chars().collect();
        mark_name_quotes(&mut s, &slice_chars);
    }
    describe(&mut s);
    assign_slots(&mut s);
    s
}

/// «قصف طيران التحالف في محافظة شبوة تعزيزات للحوثيين», «غارات على مواقع وتعزيزات
/// الميليشيات»: reinforcements after an attack's word, with no other act between, are what
/// it hit, not a mobilisation of their own; the attack reads them (and whose they are) as
/// its object. Sent reinforcements have a verb of their own («دفع الحوثيون بتعزيزات»).
fn drop_reinforcements_hit(s: &mut Sentence, lex: &Lexicon) {
    let mut k = 1;
    while k < s.triggers.len() {
        let (prev, t) = (&s.triggers[k - 1], &s.triggers[k]);
        let hit = lex.triggers[t.trigger].kind == "MOBILIZE"
            && !t.verb
            && s.tokens[t.from]
                .folded
                .trim_start_matches('و')
                .ends_with("تعزيزات")
            && lex.triggers[prev.trigger].kind == "ASSAULT"
            && t.from <= prev.to + 12
            && joined(&s.tokens, prev.to, t.from);
        if hit {
            s.triggers.remove(k);
        } else {
            k += 1;
        }
    }
}

fn byte_slice<'t>(text: &'t str, text_chars: &[usize], span: Span) -> &'t str {
    let b = |c: usize| text_chars.get(c).copied().unwrap_or(text.len());
    &text[b(span.start)..b(span.end)]
}

/// Whether the words from `at` on spell `rest` (already folded, compared after the
/// article is stripped when the lexicon form has none).
/// Whether the words of a phrase's `rest` stand from `at` on. A last word that is a
/// one-letter preposition (ب، ل) is the proclitic of the next word, as Arabic writes it:
/// «نوه_ب» is «نوه بالدور …», «معارضة_ل» is «معارضة للاتفاق». Many words begin with
/// these letters of their own («بيان», «بلاده»), so the object must show the proclitic: a
/// definite noun, «ما», or one of the few indefinite heads praise and opposition take.
fn continues(tokens: &[Token], at: usize, rest: &[String]) -> bool {
    rest.iter().enumerate().all(|(k, w)| {
        tokens.get(at + k).is_some_and(|t| {
            let bare = t.folded.strip_prefix('و').unwrap_or(&t.folded);
            t.folded == *w
                || bare == w
                || k + 1 == rest.len()
                    && matches!(w.as_str(), "ب" | "ل")
                    && bare
                        .strip_prefix(w.as_str())
                        .is_some_and(|o| proclitic_object(w, o))
        })
    })
}

/// The rest of a word after a written «بـ»/«لـ» that is surely its object (see `continues`).
fn proclitic_object(proclitic: &str, object: &str) -> bool {
    object.starts_with("ال")
        // «لـ» + «الـ» is written «لل»: «للاتفاق».
        || proclitic == "ل" && object.starts_with('ل') && object.chars().count() > 3
        || matches!(
            object,
            "ما" | "دور" | "جهود" | "جهوده" | "جهودها" | "مواقف" | "موقف" | "حرص" | "اهتمام" | "نجاح"
        )
}

fn mark_cues(s: &mut Sentence, lex: &Lexicon) {
    for i in 0..s.tokens.len() {
        let mut set = 0;
        for (prefix, stem) in stems(&s.tokens[i].folded) {
            let with_article = prefix.ends_with("ال");
            if let Some(phrases) = lex.cues.get(stem.as_ref()) {
                for p in phrases {
                    // Particles never take the article (الآن is not ال + أن); nouns do
                    // (الأزمة is ال + أزمة).
                    if with_article && !p.cue.is_noun() {
                        continue;
                    }
                    if continues(&s.tokens, i + 1, &p.rest) {
                        set |= p.cue.bit();
                    }
                }
            }
        }
        s.tokens[i].cues = set;
    }
}

/// Whether a word (folded, proclitics and all) is a word of `actors.tsv` that names an
/// actor by description («مسلحون», «الشرطة»; not one that points back, «الجانبان»).
fn actor_word(lex: &Lexicon, w: &str) -> bool {
    stems(w).any(|(_, stem)| {
        let bare = stem.strip_prefix("ال").unwrap_or(&stem);
        [stem.as_ref(), bare].iter().any(|k| {
            lex.actors.get(*k).is_some_and(|ps| {
                ps.iter().any(|p| {
                    p.rest.is_empty()
                        && matches!(
                            p.class,
                            ActorClass::Sector(_) | ActorClass::Equipment | ActorClass::Member
                        )
                })
            })
        })
    })
}

/// «أمس», «اليوم», «يوم», a day of the week (folded).
pub(crate) fn day_word(w: &str) -> bool {
    matches!(
        w,
        "امس"
            | "اليوم"
            | "يوم"
            | "الاحد"
            | "الاثنين"
            | "الثلاثاء"
            | "الاربعاء"
            | "الخميس"
            | "الجمعه"
            | "السبت"
    )
}

/// How far after a verb the rest of its phrase may stand when the subject comes between
/// (فرض الاتحاد الأوروبي عقوبات، أطلقت إيران سراح، توصلت السعودية وإيران إلى اتفاق).
const PHRASE_GAP: usize = 7;

fn find_triggers(s: &mut Sentence, lex: &Lexicon) {
    // A word inside a name is part of the name («فيصل» is not ف + يصل); a word that ends
    // a verb's phrase after its subject belongs to that verb.
    let mut taken = vec![false; s.tokens.len()];
    for m in &s.mentions {
        for w in taken.iter_mut().take(m.to).skip(m.from) {
            *w = true;
        }
    }
    let in_name = taken.clone();
    let mut i = 0;
    while i < s.tokens.len() {
        // «اثني عشر شخصا»: «اثني» before «عشر» is the first part of a number, not «أثنى»
        // (praised), which is written the same.
        let number = matches!(
            s.tokens[i].folded.trim_start_matches('و'),
            "اثني" | "اثنا" | "اثنتي" | "اثنتا"
        ) && s
            .tokens
            .get(i + 1)
            .is_some_and(|w| matches!(w.folded.as_str(), "عشر" | "عشره"));
        // «فجر أمس», «فجر الخميس», «فجر أول من أمس»: before a day, «فجر» is the dawn, not
        // «فجّر» (blew up), which is written the same.
        let dawn = s.tokens[i].folded.trim_start_matches('و') == "فجر"
            && s.tokens.get(i + 1).is_some_and(|w| {
                day_word(&w.folded)
                    || w.folded == "اول" && s.tokens.get(i + 2).is_some_and(|m| m.folded == "من")
            });
        // «فيصل القاسم»: the name, not «فـ» + «يصل» (then he arrives).
        let name = s.tokens[i].folded.trim_start_matches('و') == "فيصل";
        // «بالضبط» is "exactly", not a seizure.
        let exactly = s.tokens[i].folded.trim_start_matches('و') == "بالضبط";
        if taken[i] || number || dawn || name || exactly {
            i += 1;
            continue;
        }
        // (words matched, form, proclitics, where the rest of a split phrase starts)
        let mut best: Option<(usize, &Form, &str, Option<usize>)> = None;
        let mut kinds = (false, false); // (a verb form matched, a noun form matched)
        let mut best_noun: Option<(usize, &Form, &str, Option<usize>)> = None;
        for (prefix, stem) in stems(&s.tokens[i].folded) {
            let Some(forms) = lex.forms.get(stem.as_ref()) else {
                continue;
            };
            for f in forms {
                // A noun with a pronoun suffix takes no article, and its «ه» is no «ة»:
                // «الطلبة» (students) and «طلبة» are not «طلبه» (his request).
                let no_pronoun = f.pronoun
                    && (prefix.ends_with("ال")
                        || prefix.ends_with("لل")
                        || stem.ends_with('ه') && s.tokens[i].ta_marbuta);
                // A participle after a count is the counted noun: «11 متهما» are eleven
                // accused, not someone accusing.
                let counted = i > 0 && {
                    let w = s.tokens[i - 1].folded.trim_start_matches('و');
                    w.chars().any(char::is_numeric) || crate::read::COUNT_WORDS.contains(&w)
                };
                // Verbs take و ف (and ل of purpose); a circumstantial participle only و
                // (it is indefinite and no preposition's object: «والمهنية», «المتهمين»
                // are an adjective and the accused); nouns take any proclitic.
                if f.verb && !matches!(prefix, "" | "و" | "ف" | "ل" | "ول" | "فل")
                    || f.participle && (!matches!(prefix, "" | "و") || counted)
                    || f.participle && standing(&stem, s.tokens.get(i + 1))
                    || f.hamza && !s.tokens[i].hamza
                    || no_pronoun
                {
                    continue;
                }
                let len = 1 + f.rest.len();
                let split = if continues(&s.tokens, i + 1, &f.rest) {
                    None
                } else if f.verb && !f.rest.is_empty() {
                    // VSO with the subject inside the phrase: the rest must follow a name.
                    let last = (i + 1 + PHRASE_GAP).min(s.tokens.len().saturating_sub(1));
                    // The day may stand between the subject and the rest: «أخلت المحكمة
                    // اليوم الخميس سبيل …». The subject may be named by description,
                    // with an adjective after it: «أطلق مسلحون مجهولون النار على».
                    // So may the time of day and a count of the rest: «شن طيران التحالف
                    // صباح الأربعاء، عدة غارات».
                    let between = |w: &str| {
                        day_word(w)
                            || matches!(
                                w,
                                "صباح"
                                    | "مساء"
                                    | "فجر"
                                    | "ظهر"
                                    | "عصر"
                                    | "ليل"
                                    | "ليله"
                                    | "عده"
                                    | "سلسله"
                                    | "عشرات"
                            )
                            || w.chars().all(|c| c.is_ascii_digit())
                    };
                    let after_name = |j: usize| {
                        let mut k = j - 1;
                        while k > i && between(&s.tokens[k].folded) {
                            k -= 1;
                        }
                        // A described subject is bare: «في المحكمة» is where.
                        let subject_word = |k: usize| {
                            actor_word(lex, &s.tokens[k].folded)
                                && !PREPOSITIONS
                                    .contains(&s.tokens[k - 1].folded.trim_start_matches('و'))
                                && !stems(&s.tokens[k].folded).any(|(p, _)| {
                                    p.trim_end_matches("ال").contains(['ب', 'ل', 'ك'])
                                })
                        };
                        k > i && (in_name[k] || subject_word(k) || k > i + 1 && subject_word(k - 1))
                    };
                    let found =
                        (i + 2..=last).find(|&j| after_name(j) && continues(&s.tokens, j, &f.rest));
                    match found {
                        Some(j) => Some(j),
                        None => continue,
                    }
                } else {
                    continue;
                };
                if f.verb {
                    kinds.0 = true;
                } else {
                    kinds.1 = true;
                    if best_noun.is_none_or(|(l, _, _, _)| len > l) {
                        best_noun = Some((len, f, prefix, split));
                    }
                }
                let better = best.is_none_or(|(l, _, _, sp)| {
                    len > l || len == l && sp.is_some() && split.is_none()
                });
                if better {
                    best = Some((len, f, prefix, split));
                }
            }
        }
        // A word that is a verb or its verbal noun («قصف») is the noun when a name follows
        // it and then the object with «لـ»: «قصف تركيا لقرية» is Turkey's shelling of a
        // village (the verb would take its object bare: «قصف تركيا قرية» is not said).
        let genitive_agent = s
            .mentions
            .iter()
            .find(|m| m.from == i + 1)
            .is_some_and(|m| s.tokens.get(m.to).is_some_and(|w| lam_object(&w.folded)));
        // «بناء على طلب من الحكومة», «على طلب من»: after a preposition a phrase that ends
        // in «من» is the noun (the request of the one after «من»), not the verb «طلب من»
        // (asked someone).
        // So after any other preposition («بناء على طلب الرئيس», «بعد طلب»: «من طلب» may
        // be «مَن طلب», who asked), and a past verb never takes «لـ» (that is the noun:
        // «استجابة لطلب الحكومة»; the verb of purpose is the imperfect, «ليطلب»).
        let after_preposition = i > 0
            && PREPOSITIONS.contains(&s.tokens[i - 1].folded.trim_start_matches('و'))
            && (best_noun.is_some_and(|(_, f, _, _)| f.rest.last().is_some_and(|w| w == "من"))
                || s.tokens[i - 1].folded.trim_start_matches('و') != "من");
        let past_with_lam = best.is_some_and(|(_, f, prefix, _)| {
            f.verb && !f.imperfect && !f.future && prefix.ends_with('ل')
        });
        // «تلقى الرئيس طلبا من نظيره»: what one receives is a thing, the noun.
        let received = (i.saturating_sub(4)..i)
            .any(|j| RECEIVED.contains(&s.tokens[j].folded.trim_start_matches(['و', 'ف'])));
        if kinds.0 && kinds.1 && (genitive_agent || after_preposition || received || past_with_lam)
        {
            if let (Some(b), Some(n)) = (best, best_noun) {
                if n.0 == b.0 {
                    best = Some(n);
                }
            }
        }
        // «تجمع» gathers a crowd or brings parties together («قمة تجمع الرئيسين»): opening
        // a clause with protesters or a protest right after it, the crowd's verb (after a
        // word of its clause it is the noun: «شهدت تجمع عدد من المتظاهرين»).
        let other_than_crowd =
            best.is_some_and(|(_, f, _, _)| lex.triggers[f.trigger].needs != Some(Cue::Crowd));
        let opens_clause = || {
            i == 0
                || !joined(&s.tokens, i - 1, i)
                || matches!(s.tokens[i].folded.chars().next(), Some('و' | 'ف'))
        };
        let crowd_after = || (i + 1..(i + 5).min(s.tokens.len())).any(|j| s.has(j, Cue::Crowd));
        if other_than_crowd && opens_clause() && crowd_after() {
            let crowd_form = stems(&s.tokens[i].folded).find_map(|(prefix, stem)| {
                lex.forms.get(stem.as_ref())?.iter().find_map(|f| {
                    (lex.triggers[f.trigger].needs == Some(Cue::Crowd)
                        && f.rest.is_empty()
                        && matches!(prefix, "" | "و" | "ف"))
                    .then_some((1, f, prefix, None))
                })
            });
            if let (Some(b), Some(c)) = (best, crowd_form) {
                if b.0 == 1 {
                    best = Some(c);
                }
            }
        }
        // A verb never follows a preposition: «في أيدٍ أمينة» is in safe hands, not «أيّد»
        // (backed). The noun, if the word is one, stands; else no trigger. («من» may be
        // «مَن», who; «علي» may be the name Ali.)
        let after_a_preposition = i > 0
            && prefix_free_preposition(&s.tokens[i - 1].folded)
            && joined(&s.tokens, i - 1, i);
        // Nor does a verb of the shape فاعل follow a count: «300 طالب» are students, not
        // «طالب» (demanded) — the past of the third form is written as the participle of
        // the first. (A year is no count: «عام 2003 هاجم إرهابيون».)
        let participle_shape = {
            let w: Vec<char> = s.tokens[i].folded.chars().collect();
            w.len() == 4 && w[1] == 'ا'
        };
        let after_a_number = participle_shape && i > 0 && joined(&s.tokens, i - 1, i) && {
            let w = s.tokens[i - 1].folded.trim_start_matches('و');
            let year = w.chars().count() == 4 && w.chars().all(|c| c.is_numeric());
            w.chars().any(char::is_numeric) && !year || crate::read::COUNT_WORDS.contains(&w)
        };
        // Nor a noun of acts in the construct: «عمليات خطف شرطيين», «محاولة اغتيال», «حملة
        // اعتقال» name the act, the noun.
        let after_an_act_noun = i > 0 && joined(&s.tokens, i - 1, i) && {
            let w = s.tokens[i - 1]
                .folded
                .trim_start_matches(['و', 'ف', 'ب', 'ل']);
            matches!(
                w,
                "عمليات"
                    | "عمليه"
                    | "حوادث"
                    | "حادثه"
                    | "جريمه"
                    | "جرايم"
                    | "حمله"
                    | "حملات"
                    | "موجه"
                    | "محاوله"
                    | "محاولات"
                    | "سلسله"
            )
        };
        // Nor the object of a verb of reporting after its subject, with its own agent and
        // its object after «لـ»: «وأكد المسؤول قصف الطائرات التركية لمواقعنا» — a verb
        // there would need «أن» before it, and would take its object without «لـ»; the
        // word is the verbal noun, whose genitive is its own doer. («أعلن الجيش قتل 20
        // مسلحا» is read either way with the army as the doer.)
        let agent_and_lam_object = s
            .tokens
            .get(i + 1)
            .is_some_and(|w| w.folded.starts_with("ال"))
            && (i + 2..(i + 5).min(s.tokens.len()))
                .take_while(|&k| joined(&s.tokens, k - 1, k))
                .any(|k| {
                    let w = &s.tokens[k].folded;
                    (w.starts_with("لل") || w.starts_with('ل') && !w.starts_with("ال"))
                        && lam_object(w)
                });
        let reported = agent_and_lam_object
            && (i.saturating_sub(10)..i).rev().find_map(|k| {
                let w = with_conjunction_off(&s.tokens[k].folded).find(|w| REPORTING.contains(w));
                let clause_break = COMPLEMENTIZERS.contains(&s.tokens[k].folded.as_str())
                || s.triggers.last().is_some_and(|t| t.to > k)
                // A comma only right before the word (after the subject's appositive).
                || k + 1 < i && !joined(&s.tokens, k, k + 1);
                match (w, clause_break) {
                    (Some(_), _) => Some(true),
                    (None, true) => Some(false),
                    _ => None,
                }
            }) == Some(true);
        // «فجراً» is "at dawn" far more often than the dual «فجّرا» (the two set off),
        // which news writes with what they set off: «فجرا نفسيهما», «فجرا سيارة».
        let at_dawn = with_conjunction_off(&s.tokens[i].folded).any(|w| w == "فجرا")
            && !s.tokens.get(i + 1).is_some_and(|n| {
                let n = n.folded.as_str();
                n.starts_with("نفسي")
                    || n.starts_with("انفس")
                    || DEVICES.iter().any(|d| n.starts_with(d))
            });
        if (after_a_preposition || after_a_number || after_an_act_noun || reported || at_dawn)
            && best.is_some_and(|(_, f, _, _)| f.verb)
        {
            best = best_noun;
        }
        // «وزير الاتصالات», «هيئة الاتصالات», «قدرات الاتصال», «قسم الاستقبال»: a definite
        // noun as the genitive of an office, a body or a skill names a field, not an act.
        let field = best.is_some_and(|(_, f, prefix, _)| {
            !f.verb && (prefix.ends_with("ال") || prefix.ends_with("لل")) && s.names_a_field(i)
        });
        if field {
            i += 1;
            continue;
        }
        if let Some((len, f, prefix, split)) = best {
            let definite = !f.verb && prefix.ends_with("ال") || prefix.ends_with("لل");
            // A split phrase is read from its verb alone (its subject follows it); the
            // words that end it are not read again.
            let to = match split {
                Some(j) => {
                    for w in taken.iter_mut().skip(j).take(len - 1) {
                        *w = true;
                    }
                    i + 1
                }
                None => i + len,
            };
            s.triggers.push(TriggerHit {
                trigger: f.trigger,
                from: i,
                to,
                verb: f.verb,
                future: f.future,
                imperfect: f.imperfect,
                prefix: prefix.to_string(),
                definite,
                pronoun: f.pronoun,
                participle: f.participle,
                subject_suffix: f.subject_suffix,
                ambiguous: kinds.0 && kinds.1,
                gender: f.gender,
                split,
            });
            i = to;
        } else {
            i += 1;
        }
    }
}

fn kind_rank(k: EntityType) -> u8 {
    match k {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Gpe => 2,
        EntityType::Location => 3,
    }
}

/// The sentence's mentions: the widest at each place (the adjective inside «الرئيس
/// الروسي» or «وزارة الدفاع الروسية» is not a mention of its own here), an apposition
/// («الرئيس الروسي فلاديمير بوتين») as one, each with its slot.
fn collect_mentions(s: &mut Sentence, doc: &Document, lex: &Lexicon) {
    let mut all: Vec<(Span, &marsad_schema::Entity)> = doc
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (Span::new(m.start, m.end), e))
        })
        .filter(|(sp, _)| sp.start >= s.span.start && sp.end <= s.span.end)
        .collect();
    all.sort_by_key(|(sp, e)| (sp.start, std::cmp::Reverse(sp.end), kind_rank(e.kind)));
    let mut kept: Vec<(Span, &marsad_schema::Entity)> = Vec::new();
    for (sp, e) in all {
        if kept.last().is_some_and(|(k, _)| sp.start < k.end) {
            continue;
        }
        kept.push((sp, e));
    }
    for (n, &(sp, e)) in kept.iter().enumerate() {
        let from = s.word_at(sp.start);
        let to = s.word_at(sp.end.saturating_sub(1)) + 1;
        // The name of a person right after this mention (a body's head, then his name).
        let person_next = kept.get(n + 1).is_some_and(|(next, ne)| {
            ne.kind == EntityType::Person && s.word_at(next.start) <= to + 2
        });
        // A person's name right after, or after his titles and honorifics («أمير منطقة
        // مكة المكرمة صاحب السمو الملكي الأمير خالد الفيصل»).
        let person_right_after = kept.get(n + 1).is_some_and(|(next, ne)| {
            let at = s.word_at(next.start);
            ne.kind == EntityType::Person
                && at >= to
                && at - to <= 4
                && (to..at).all(|k| {
                    let w = s.tokens[k].folded.as_str();
                    TITLE_WORDS.contains(w) || PERSON_TITLES.contains(&w) || HONORIFICS.contains(&w)
                })
        });
        if let Some(last) = s.mentions.last_mut() {
            // Apposition: the same entity right after the previous mention («الرئيس
            // الروسي فلاديمير بوتين»), or a person or body right after its country
            // («زعيم كوريا الشمالية كيم جونغ أون»، «الرؤساء الروسي فلاديمير بوتين» where
            // only «الروسي» was found), or a city after its country («العاصمة البحرينية
            // المنامة»): one mention, the more specific.
            let another_country =
                e.kind == EntityType::Gpe && e.country.as_deref() == Some(e.key.as_str());
            // Not a body after it: «المسؤولون الأتراك حزب العمال الكردستاني» is the
            // officials' nationality, then the party, the object of their verb.
            let country_then_its_own = last.is_country()
                && !another_country
                && e.kind != EntityType::Organization
                && e.country.as_deref() == Some(last.key.as_str());
            // The same person again after the rest of the name and the titles between
            // («الأمير محمد بن سلمان … ولي ولي العهد وزير الدفاع السعودي», the office
            // resolved to him by date): one mention, the name's, no punctuation between.
            let titled_again = e.kind == EntityType::Person
                && last.key == e.key
                && from > last.to
                && from - last.to <= APPOSITION_GAP
                && joined(&s.tokens, last.to, from);
            if titled_again {
                last.to = to;
                last.apposed = true;
                continue;
            }
            // The head of a body, then his name («رئيس حزب الوسط سامر الحداد», «مدير
            // جامعة …، الدكتور فلان»): one actor, the person, the body's words part of
            // his mention. Read apart, the body spoke and the person became its object.
            // A place's name may stand after its administrative noun («أمير منطقة الرياض»,
            // «محافظ محافظة …»): the holder's word is then before that noun.
            // So may a unit of a body before the body's name («رئيس مفوضية الاتحاد
            // الأفريقي», «رئيس لجنة …»).
            let head = last.from.checked_sub(1).map(|k| {
                let w = s.tokens[k].folded.as_str();
                let admin = ADMIN_NOUNS.contains(&w)
                    && matches!(last.kind, EntityType::Gpe | EntityType::Location);
                let unit = UNIT_NOUNS.contains(&w) && last.kind == EntityType::Organization;
                if (admin || unit) && k > 0 {
                    k - 1
                } else {
                    k
                }
            });
            // «الأمين العام للأمم المتحدة بان كي مون», «المدير العام لشركة …»: a holder of
            // two words, the second «العام».
            let head = head.map(|k| {
                let general = matches!(s.tokens[k].folded.as_str(), "العام" | "عام");
                if general && k > 0 && holder_word(&s.tokens[k - 1].folded) {
                    k - 1
                } else {
                    k
                }
            });
            let holder = head.map(|k| s.tokens[k].folded.as_str()).and_then(|w| {
                let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
                holder_word(bare).then(|| w[..w.len() - bare.len()].to_string())
            });
            // The body is an organisation, or a province or a city («محافظ البصرة ماجد
            // النصراوي», «رئيس إقليم كردستان العراق مسعود البرزاني»), not a country (its
            // heads are the offices of office_roles.tsv).
            let body = last.kind == EntityType::Organization
                || matches!(last.kind, EntityType::Gpe | EntityType::Location)
                    && !last.is_country();
            if let Some(holder_clitic) = holder.filter(|_| {
                e.kind == EntityType::Person
                    && body
                    && from >= last.to
                    && from - last.to <= 3
                    && (last.to..from).all(|k| {
                        let w = s.tokens[k].folded.as_str();
                        PERSON_TITLES.contains(&w) || nisba(w) || w == "بالنيابه"
                    })
            }) {
                let head = head.expect("a holder has a word");
                last.key = e.key.clone();
                last.kind = e.kind;
                last.country = e.country.clone().or(last.country.take());
                last.span = Span::new(s.tokens[head].span.start, sp.end);
                last.from = head;
                last.to = to;
                last.clitic = holder_clitic;
                last.sector = None;
                last.apposed = true;
                continue;
            }
            // The name, then its holder's title and the body («إياد مدني، الأمين العام
            // لمنظمة التعاون الإسلامي»): the body is the person's title, not a second actor.
            // Only an organisation: a province after its head's title stays a place the
            // sentence may point back to («رئيس إقليم كردستان … في الإقليم»).
            let title_after = last.kind == EntityType::Person
                && e.kind == EntityType::Organization
                && !person_next
                && from > last.to
                && from - last.to <= 3
                && (last.to..from).all(|k| {
                    let w = s.tokens[k].folded.as_str();
                    holder_word(w) || matches!(w, "العام" | "عام")
                })
                && holder_word(&s.tokens[last.to].folded);
            if title_after {
                last.to = to;
                last.apposed = true;
                continue;
            }
            // The name, then the place he rules or governs («الشيخ محمد بن زايد ولي عهد
            // أبوظبي», «حاكم دبي», «محافظ عدن»): his title, not a party of the event (read
            // apart, the Emirates met the Yemeni prime minister beside the prince).
            let ruler_of = last.kind == EntityType::Person
                && !last.described
                && matches!(e.kind, EntityType::Gpe | EntityType::Location)
                && !another_country
                // «التقى الرئيس محافظ عدن نايف البكري»: the title of the name after it.
                && !person_right_after
                && from > last.to
                && from - last.to <= 3
                && joined(&s.tokens, last.to, from)
                && (last.to..from).all(|k| {
                    let w = s.tokens[k].folded.as_str();
                    RULERS.contains(&w) || ADMIN_NOUNS.contains(&w)
                })
                && RULERS.contains(&s.tokens[last.to].folded.as_str());
            if ruler_of {
                last.to = to;
                last.apposed = true;
                continue;
            }
            // «إقليم كردستان العراق»: a place, then its own country, is the place.
            let its_country_after = another_country
                && last.to == from
                && !last.is_country()
                && matches!(last.kind, EntityType::Gpe | EntityType::Location)
                && last.country.as_deref() == Some(e.key.as_str());
            if its_country_after {
                last.span = Span::new(last.span.start, sp.end);
                last.to = to;
                continue;
            }
            // «نائب الرئيس اليمني رئيس الوزراء خالد بحاح»: the country, a second title
            // (a title word, then the nouns of its construct), then a person of that
            // country — one person, titled twice.
            let country_title_person = country_then_its_own
                && e.kind == EntityType::Person
                && from > last.to
                && from - last.to <= 3
                && joined(&s.tokens, last.to, from)
                && TITLE_WORDS.contains(s.tokens[last.to].folded.as_str())
                && (last.to + 1..from).all(|k| {
                    let w = s.tokens[k].folded.as_str();
                    TITLE_WORDS.contains(w)
                        || w.starts_with("ال") && !matches!(w, "الذي" | "التي" | "الذين" | "الي")
                });
            // «الرئيس اليمني المخلوع علي عبدالله صالح»: a word that makes the title a
            // former one between the country and the person.
            let former_then_person = country_then_its_own
                && e.kind == EntityType::Person
                && from == last.to + 1
                && joined(&s.tokens, last.to, from)
                && marsad_text::lists::FORMER.contains(&s.tokens[last.to].folded.as_str());
            if last.to == from && (last.key == e.key || country_then_its_own)
                || country_title_person
                || former_then_person
            {
                if country_then_its_own {
                    last.key = e.key.clone();
                    last.kind = e.kind;
                }
                last.span = Span::new(last.span.start, sp.end);
                last.to = to;
                last.apposed = true;
                continue;
            }
        }
        let clitic = s
            .tokens
            .get(from)
            .map(|t| {
                let cut = sp.start.saturating_sub(t.span.start);
                t.folded.chars().take(cut).collect::<String>()
            })
            .unwrap_or_default();
        s.mentions.push(Mention {
            key: e.key.clone(),
            kind: e.kind,
            country: e.country.clone(),
            span: sp,
            from,
            to,
            clitic,
            slot: Slot::Actor,
            sector: if e.kind == EntityType::Gpe && e.country.as_deref() == Some(e.key.as_str()) {
                Some("GOV")
            } else {
                lex.org_sectors.get(&e.key).copied()
            },
            described: false,
            via: None,
            apposed: false,
        });
    }
}

/// A word of [`HOLDERS`], with or without the article and a conjunction («والأمين»).
fn holder_word(w: &str) -> bool {
    let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    let bare = bare.strip_prefix("ال").unwrap_or(bare);
    HOLDERS.contains(&bare)
}

/// Offices held in a body, in the construct before its name («رئيس حزب …», «مدير جامعة
/// …», «المتحدث باسم …», «مدير عام شركة …»), folded.
pub(crate) const HOLDERS: &[&str] = &[
    "امير",
    "رييس",
    "رييسه",
    "مدير",
    "مديره",
    "امين",
    "نايب",
    "عضو",
    "محافظ",
    "عميد",
    "وكيل",
    "مستشار",
    "مساعد",
    "قايد",
    "زعيم",
    "سفير",
    "مندوب",
    "ممثل",
    "باسم",
    "عام",
    "موسس",
    "منسق",
];

/// Whether the word's first letter, after a conjunction «و»/«ف» and its vowel, carries a
/// damma.
fn damma_first(word: &str) -> bool {
    let mut chars = word.chars().filter(|&c| c != '\u{0640}').peekable();
    if chars.next_if(|&c| c == 'و' || c == 'ف').is_some() {
        while chars
            .next_if(|c| ('\u{064B}'..='\u{0652}').contains(c))
            .is_some()
        {}
    }
    chars.next().is_some() && chars.next() == Some('\u{064F}')
}

/// A word that opens an object with «لـ» («لقرية», «لكافة», «لإسرائيل», «لأي تحرك»),
/// folded: not a particle that merely starts with the letter («لا», «لم», «لن», «لكن»,
/// «لدى», «لأن»), nor «لـ» before a word of time, order or measure («لاحقا», «لأول مرة»,
/// «لأكثر من»). Folding writes «لإسرائيل» with «لا», so the particles are listed whole.
pub(crate) fn lam_object(w: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "لا",
        "لم",
        "لن",
        "لما",
        "لو",
        "لولا",
        "لعل",
        "ليس",
        "ليست",
        "لان",
        "لانه",
        "لانها",
        "لانهم",
        "لاحقا",
        "لاسيما",
        "لازال",
        "لايزال",
        "لاتزال",
        "لازالت",
        "لاجل",
        "لاول",
        "لاكثر",
        "لاقل",
        "لابد",
        "لامر",
    ];
    w.starts_with('ل')
        && !PARTICLES.contains(&w)
        && !["لكن", "لدي", "لذلك", "لهذا"]
            .iter()
            .any(|x| w.starts_with(x))
}

/// «قوات مؤيدة للرئيس», «ناشطين مؤيدين للقضية», «590 شخصا متهمين بالارتباط بداعش»: a
/// participle of backing with «لـ» or «بـ» right after it says whose side one is on, and
/// one of accusing with «بـ» right after it is the passive, the accused: adjectives, not
/// acts (the acts put their object first: «مؤيدين اشتراط …», «متهما الحكومة بالفساد»).
/// Not triggers at all, so they cut no reading of the act around them.
fn standing(stem: &str, next: Option<&Token>) -> bool {
    let Some(next) = next.map(|w| w.folded.as_str()) else {
        return false;
    };
    stem.starts_with("مويد") && (lam_object(next) || next.starts_with('ب'))
        || stem.starts_with("متهم") && next.starts_with('ب')
}

/// Nouns in the construct before a person that make someone else the actor: who serves
/// them or is kin to them («نائب», «مستشار», «سفير», «نجل», «زوجة»), folded. Not «ابن»,
/// which opens names («ابن كيران»).
const RELATIONS: &[&str] = &[
    "نايب",
    "مستشار",
    "سفير",
    "مبعوث",
    "ممثل",
    "مندوب",
    "مساعد",
    "حرس",
    "مرافق",
    "نجل",
    "ابنه",
    "شقيق",
    "شقيقه",
    "زوجه",
    "والد",
    "والده",
    "حرم",
    "ارمله",
    "محامي",
    "ديوان",
];

/// Verbs of getting, folded: what follows them is a thing got, a noun («تلقى طلبا من»),
/// and support got is the genitive's («حصل على تأييد النواب», «حظي بدعم الحزب»).
pub(crate) const RECEIVED: &[&str] = &[
    "حصل",
    "حصلت",
    "حصلوا",
    "يحصل",
    "تحصل",
    "حظي",
    "حظيت",
    "يحظي",
    "تحظي",
    "نال",
    "نالت",
    "ينال",
    "تنال",
    "تلقي",
    "تلقت",
    "يتلقي",
    "تتلقي",
    "يتلقون",
    "لقي",
    "لقيت",
    "يلقي",
    "تسلم",
    "تسلمت",
];

/// Nouns in the construct before a body of those who work for it, not for whom it speaks
/// («مذيع قناة الجزيرة», «مراسل وكالة رويترز», «موظفو الشركة»), folded. Not its head or its
/// spokesman, who speak for it.
pub(crate) const STAFF: &[&str] = &[
    "مذيع",
    "مذيعه",
    "مراسل",
    "مراسله",
    "مراسلو",
    "مراسلي",
    "مقدم",
    "محرر",
    "مصور",
    "موظف",
    "موظفه",
    "موظفو",
    "موظفي",
    "عامل",
    "عمال",
    "مستخدمي",
];

/// Administrative nouns before a place's name («منطقة الرياض», «محافظة البصرة»), folded.
const ADMIN_NOUNS: &[&str] = &[
    "منطقه",
    "محافظه",
    "اقليم",
    "ولايه",
    "مدينه",
    "امانه",
    "بلديه",
];

/// Who rules or governs a place, in the construct before its name (folded, no article,
/// no conjunction: «وحاكم دبي» is a second person): «ولي عهد أبوظبي», «حاكم دبي».
const RULERS: &[&str] = &["ولي", "عهد", "حاكم", "امير", "محافظ", "عمده", "نايب"];

/// A body's units, in the construct before its name («مفوضية الاتحاد الأفريقي», «لجنة
/// …», «مكتب …»), folded: the holder's word stands before them.
const UNIT_NOUNS: &[&str] = &["مفوضيه", "لجنه", "هييه", "مكتب", "اداره", "امانه", "مجلس"];

/// Titles between a body's name and its head's name («مدير جامعة … الدكتور فلان»), folded;
/// the body's adjectives («الإسلامية») and «بالنيابة» may stand there too.
pub(crate) const PERSON_TITLES: &[&str] = &[
    "الامير",
    "الاميره",
    "الدكتور",
    "الدكتوره",
    "المهندس",
    "المهندسه",
    "الشيخ",
    "الاستاذ",
    "الاستاذه",
    "السيد",
    "السيده",
    "اللواء",
    "العميد",
    "العقيد",
    "الفريق",
    "المستشار",
    "القاضي",
    "المحامي",
];

/// Verbs of the eulogies written after a ruler's or a dead person's name («الملك سلمان ــ
/// حفظه الله ــ», «رحمه الله»), folded.
const EULOGIES: &[&str] = &[
    "حفظه",
    "حفظها",
    "حفظهما",
    "يحفظه",
    "رعاه",
    "يرعاه",
    "ايده",
    "ايدهما",
    "رحمه",
    "رحمها",
];

/// A eulogy after a person's name belongs to the name: the name's words run over it, so
/// that the reading measures from its end how far the name stands from the event's noun
/// («تلقى خادم الحرمين الشريفين الملك سلمان ــ حفظه الله ــ اتصالا هاتفيا»). A name
/// followed by «رحمه الله» is a dead person's, and no actor.
fn through_eulogies(s: &mut Sentence) {
    let others: Vec<(usize, usize)> = s.mentions.iter().map(|m| (m.from, m.to)).collect();
    let word = |k: usize| s.tokens.get(k).map_or("", |t| t.folded.as_str());
    // The dashes around a eulogy («ــ») are words that fold to nothing.
    let skip_dashes = |mut k: usize| {
        while k < s.tokens.len() && word(k).is_empty() {
            k += 1;
        }
        k
    };
    let mut dead: Vec<usize> = Vec::new();
    for (i, m) in s.mentions.iter_mut().enumerate() {
        if m.kind != EntityType::Person {
            continue;
        }
        // The rest of the name may stand between («بن عبدالعزيز آل سعود ــ حفظه الله»).
        let mut k = skip_dashes(m.to);
        while k - m.to < 8 && matches!(word(k), "بن" | "ابن" | "ال") && k + 1 < s.tokens.len()
        {
            k = skip_dashes(k + 2);
        }
        if !(EULOGIES.contains(&word(k)) && word(k + 1) == "الله") {
            continue;
        }
        // «الملك عبدالله رحمه الله»: the dead are named in passing (a reign, a memory),
        // never as a party to today's news.
        if matches!(word(k), "رحمه" | "رحمها") {
            dead.push(i);
            continue;
        }
        let end = skip_dashes(k + 2);
        if (m.to..end).all(|i| !others.iter().any(|&(from, to)| from <= i && i < to)) {
            m.to = end;
        }
    }
    for i in dead.into_iter().rev() {
        s.mentions.remove(i);
    }
}

/// How many words may stand between a person's name and a title of theirs in
/// apposition: the rest of the name and the titles before it («بن عبد العزيز آل سعود ولي
/// ولي العهد النائب الثاني لرئيس مجلس الوزراء»).
pub(crate) const APPOSITION_GAP: usize = 12;

fn mention_text(s: &Sentence, m: &Mention) -> String {
    s.tokens[m.from..m.to.min(s.tokens.len())]
        .iter()
        .map(|t| t.folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The honorifics of a title chain before a name (folded): «صاحب السمو الملكي الأمير»,
/// «معالي الوزير».
const HONORIFICS: &[&str] = &[
    "صاحب",
    "السمو",
    "الملكي",
    "سمو",
    "معالي",
    "فخامه",
    "جلاله",
    "سعاده",
    "سماحه",
];

/// Words that stand before a person's name (`data/kb/titles.tsv`, the `tagger` reader),
/// folded.
pub(crate) static TITLE_WORDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    marsad_kb::words::TITLES
        .words_for("tagger")
        .map(|w| fold_str(w, Chain::Match))
        .collect()
});

/// Directions between two place names (folded; `data/text/directions.tsv`, the words
/// marked `setting`).
static DIRECTIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    marsad_text::lists::DIRECTIONS
        .words_for("setting")
        .collect()
});

/// Words after which a noun is in the genitive, not a verb's subject or a verb itself.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "في", "علي", "من", "عن", "الي", "خلال", "بعد", "قبل", "اثر", "عقب", "جراء", "منذ", "مع", "بين",
    "حول", "ضد", "لدي", "عند", "حسب", "وفق",
];

/// A preposition that is a word of its own and cannot be read otherwise before a verb
/// (not «من», who, nor «علي», Ali).
fn prefix_free_preposition(w: &str) -> bool {
    matches!(
        w.trim_start_matches('و'),
        "في" | "الي"
            | "عن"
            | "خلال"
            | "ضد"
            | "حول"
            | "لدي"
            | "عند"
            | "جراء"
            | "اثر"
            | "عقب"
    )
}

/// Mention `m` stands right after a place, or after a direction after one: «في ريف درعا
/// جنوب سوريا», «الرمادي غربي بغداد», «في بغداد والبصرة» — a place too.
fn after_place(s: &Sentence, m: usize) -> bool {
    let from = s.mentions[m].from;
    m > 0
        && s.mentions[m - 1].slot == Slot::Place
        && (s.mentions[m - 1].to == from
            || s.mentions[m - 1].to + 1 == from
                && DIRECTIONS.contains(&s.tokens[from - 1].folded.as_str()))
}

/// Whether mention `m` says where the place named right before it lies: «في ريف درعا جنوب
/// سوريا», «في مدينة الرمادي غربي بغداد» (a name right after a place, or a direction
/// between). Such a name is where the first place is, not a second place; a name after
/// «و» is one more («في بغداد والبصرة»).
pub(crate) fn locates_previous(s: &Sentence, m: usize) -> bool {
    after_place(s, m)
        && !(s.mentions[m - 1].to == s.mentions[m].from && s.mentions[m].clitic.starts_with('و'))
}

fn assign_slots(s: &mut Sentence) {
    for m in 0..s.mentions.len() {
        let from = s.mentions[m].from;
        // A topic phrase runs from its cue to the next companion, clause or trigger.
        let in_topic = (0..from)
            .rev()
            .find(|&i| s.has(i, Cue::About))
            .is_some_and(|i| {
                // «بحث X الوضع في سوريا مع Y»: «مع» after the topic names a companion —
                // unless one was named before it («spoke with Y about the process with
                // Armenia»).
                let companion_before = (0..i).any(|j| s.has(j, Cue::Companion));
                !(i + 1..from).any(|j| {
                    s.has(j, Cue::Companion) && !companion_before
                        || s.has(j, Cue::Complement)
                        || s.has(j, Cue::Relative)
                        || s.has(j, Cue::Break)
                        || s.triggers.iter().any(|t| t.from == j)
                })
            });
        let prev_adjacent = m > 0 && s.mentions[m - 1].to == from;
        // With its preposition glued on too: «بشرق ليبيا», «وفي شمال سوريا».
        // («وسط» itself begins with the letter of «و»).
        let after_direction = from > 0 && {
            let w = s.tokens[from - 1].folded.as_str();
            let direction = |w: &str| {
                DIRECTIONS.contains(&w)
                    || w.strip_prefix(['ب', 'ل'])
                        .is_some_and(|w| DIRECTIONS.contains(&w))
            };
            direction(w) || w.strip_prefix(['و', 'ف']).is_some_and(direction)
        };
        let locates_place = after_place(s, m);
        // «في ريف درعا جنوب سوريا», «في شمال سوريا»: a country after a direction is where;
        // «هجوم على شمال إسرائيل» attacks the country.
        let directed = after_direction
            && !(from >= 2 && matches!(s.tokens[from - 2].folded.as_str(), "علي" | "ضد" | "وعلي"));
        let mention = &s.mentions[m];
        let placed = from > 0 && s.has(from - 1, Cue::Place)
            || from > 1 && s.has(from - 2, Cue::Place) && s.has(from - 1, Cue::Place)
            || mention.clitic.ends_with('ب') && !mention.is_country();
        // A nationality adjective (الأذربيجانية) describes the name before it; a country's
        // name after another name is an object (اتهمت الخارجية الأذربيجانية أرمينيا).
        let folded = fold_str(&mention_text(s, mention), Chain::Match);
        let adjective = nisba(&folded);
        // «سفير … لدى تونس»: where an envoy serves, part of the title.
        let posted = from > 0 && s.tokens[from - 1].folded.trim_start_matches('و') == "لدي";
        // A feminine adjective after a person's name is no adjective of his: «شكر هادي
        // السعودية» thanks the country (a woman's nationality after her name is rare in
        // the news, and her title would say it).
        let his = m == 0 || s.mentions[m - 1].kind != EntityType::Person || !folded.ends_with("يه");
        // One word: «المملكة العربية السعودية» after a name is a country, not the name's
        // adjective («شكر نواف سلام المملكة العربية السعودية»).
        let describes_name = prev_adjacent
            && mention.is_country()
            && mention.clitic.is_empty()
            && adjective
            && his
            && mention.to == from + 1
            && !s.mentions[m - 1].is_country();
        // «المنتخب السعودي», «الممثلة المصرية»: a team's or an artist's nationality.
        let apolitical = from > 0
            && mention.is_country()
            && mention.clitic.is_empty()
            && adjective
            && s.has(from - 1, Cue::Apolitical);
        // A plural adjective names people («آلاف الإسرائيليين»), not a thing's owner.
        let plural = folded.ends_with("يين") || folded.ends_with("يون");
        let of_a_thing = !prev_adjacent
            && mention.is_country()
            && mention.to == from + 1
            && mention.clitic.is_empty()
            && adjective
            && !plural
            && from > 0
            && owned_thing(s, from - 1);
        // «نائب خادم الحرمين الشريفين», «سفير خادم الحرمين», «نجل الرئيس»: a person after a
        // noun of someone who serves or is kin to them names whose that one is; the person
        // named does not act. Not when the name follows the role («نائب رئيس الجمهورية
        // العراقي نوري المالكي» is the vice president named).
        // So does a body after a noun of one who works for it («مذيع قناة الجزيرة», «موظفي
        // الشركة»): its presenter or its staff is not the channel or the company.
        let before = from
            .checked_sub(1)
            .map(|i| s.tokens[i].folded.trim_start_matches(['و', 'ف']));
        let owner = !mention.apposed
            && mention.clitic.is_empty()
            && !prev_adjacent
            && before.is_some_and(|w| {
                mention.kind == EntityType::Person && RELATIONS.contains(&w)
                    || mention.kind == EntityType::Organization && STAFF.contains(&w)
            });
        // «وصل إلى بغداد قادما من أربيل», «وافدا من القاهرة»: where a traveller comes
        // from is neither where the event is nor whom it concerns.
        let origin =
            from >= 2 && s.tokens[from - 1].folded == "من" && arriving(&s.tokens[from - 2].folded);
        // «باب المغاربة», «حي الأكراد», «سوق العرب», «بحيرة تشاد»: a people or a state after
        // the head of a place names the place (a gate, a quarter, a market, a lake), not an
        // actor.
        let names_a_place = mention.is_country()
            && mention.clitic.is_empty()
            && !prev_adjacent
            && before.is_some_and(|w| PLACE_HEADS.contains(&w));
        // «اتفاق فيينا», «إعلان القاهرة», «ميثاق روما», «مؤتمر جنيف»: a city after the noun
        // of an agreement, a declaration or a conference names it by where it was made, not
        // a party («اتفاق مع طهران» with its preposition is another thing).
        let names_a_document = mention.kind == EntityType::Gpe
            && !mention.is_country()
            && mention.clitic.is_empty()
            && !prev_adjacent
            && from > 0
            && {
                let w = s.tokens[from - 1].folded.trim_start_matches(['و', 'ف']);
                let head = [w, w.strip_prefix(['ب', 'ل']).unwrap_or(w)]
                    .into_iter()
                    .find(|w| DOCUMENT_HEADS.contains(w));
                // «إعلان» and «بيان» are also verbal nouns, the city their doer: «إعلان
                // واشنطن نيتها» announces; the declaration's name stands alone or takes an
                // adjective, a relative or a date («إعلان القاهرة الصادر»، «بيان جنيف 30»).
                let named = || {
                    let to = mention.to;
                    to >= s.tokens.len()
                        || !joined(&s.tokens, to - 1, to)
                        || s.tokens[to].folded.starts_with("ال")
                        || s.tokens[to].folded.chars().all(|c| c.is_numeric())
                };
                head.is_some_and(|h| !matches!(h, "اعلان" | "بيان") || named())
            };
        // «الفرق التفتيشية بوزارة التجارة», «لجنة الطوارئ بالأمم المتحدة»: a body with «بـ»
        // right after a unit named by description is the body the unit works in; the unit
        // acts. So is a body after «بـ» and one of its units («فرق التفتيش بفرع وزارة
        // العمل»).
        let unit = |w: &str| UNITS.contains(&w.strip_prefix("ال").unwrap_or(w));
        let unit_of = m > 0
            && s.mentions[m - 1].described
            && unit(
                s.tokens[s.mentions[m - 1].from]
                    .folded
                    .trim_start_matches('و'),
            )
            && (prev_adjacent && mention.clitic.trim_start_matches('و') == "ب"
                || mention.clitic.is_empty()
                    && s.mentions[m - 1].to + 1 == from
                    && s.tokens[from - 1]
                        .folded
                        .strip_prefix('ب')
                        .is_some_and(unit));
        // «الجماعة المتحالفة مع إيران», «قوات موالية لهادي», «المدعومة من روسيا»: the
        // patron of whom an ally is named; the ally acts, not the patron.
        let stem = |i: usize| {
            let w = s.tokens[i].folded.trim_start_matches('و');
            w.strip_prefix("ال").unwrap_or(w).to_string()
        };
        let preposition = |w: &str| from >= 2 && s.tokens[from - 1].folded == w;
        let patron = preposition("مع") && stem(from - 2).starts_with("متحالف")
            || preposition("من") && stem(from - 2).starts_with("مدعوم")
            || from >= 1 && mention.clitic.ends_with('ل') && stem(from - 1).starts_with("موال")
            // … with the patron's titles between («القوات الموالية للرئيس السابق علي
            // عبدالله صالح»).
            || (from.saturating_sub(3).max(1)..from).any(|i| {
                // «للرئيس» is ل + «الرئيس», its alif gone.
                let title = s.tokens[i].folded.strip_prefix("لل").is_some_and(|w| {
                    let w = format!("ال{w}");
                    PERSON_TITLES.contains(&w.as_str()) || matches!(w.as_str(), "الرييس" | "الملك")
                });
                title
                    && stem(i - 1).starts_with("موال")
                    && !s.mentions.iter().any(|o| o.from < from && o.to > i)
            });
        s.mentions[m].slot = if posted
            || patron
            || describes_name
            || apolitical
            || of_a_thing
            || owner
            || origin
            || names_a_place
            || names_a_document
            || unit_of
        {
            Slot::Modifier
        } else if in_topic {
            Slot::About
        } else if mention.kind == EntityType::Location
            || mention.kind == EntityType::Gpe && (placed || locates_place || directed)
        {
            Slot::Place
        } else {
            Slot::Actor
        };
    }
}

/// A participle of arriving («قادما», «وافدا»), as in «وصل … قادما من أربيل»: the name
/// after its «من» is where one came from. «وافدا» begins with «و» of its own, so the
/// conjunction is taken off once.
pub(crate) fn arriving(folded: &str) -> bool {
    [folded, folded.strip_prefix('و').unwrap_or(folded)]
        .iter()
        .any(|w| w.starts_with("قادم") || *w == "وافدا")
}

/// Units of a body, by description (folded, without the article): «الفرق التفتيشية
/// بوزارة التجارة» is the ministry's teams.
const UNITS: &[&str] = &[
    "فرق",
    "فريق",
    "لجان",
    "لجنه",
    "وحدات",
    "وحده",
    "دوريات",
    "دوريه",
    "فرع",
    "فروع",
    "مكتب",
];

/// Nouns of agreements, declarations, conferences and talks that a city after them names
/// (folded): «اتفاق فيينا», «إعلان الرياض», «محادثات جنيف».
const DOCUMENT_HEADS: &[&str] = &[
    "اتفاق",
    "اتفاقيه",
    "اتفاقيات",
    "اتفاقات",
    "ميثاق",
    "معاهده",
    "اعلان",
    "بيان",
    "وثيقه",
    "بروتوكول",
    "موتمر",
    "قمه",
    "محادثات",
    "مفاوضات",
    "مباحثات",
    "مسار",
    "منتدي",
    "تفاهمات",
];

/// Heads of places named after a people or a country (folded, without the article):
/// «باب المغاربة», and the lakes, rivers, seas and deserts named after a state: «بحيرة
/// تشاد», «نهر الأردن», «خليج عمان» are places, not the states.
const PLACE_HEADS: &[&str] = &[
    "بحيره",
    "نهر",
    "بحر",
    "خليج",
    "مضيق",
    "صحراء",
    "هضبه",
    "حوض",
    "باب",
    "بوابه",
    "حي",
    "حاره",
    "سوق",
    "شارع",
    "ساحه",
    "ميدان",
    "جسر",
];

/// Word `i`, right before a nationality adjective, is a definite common noun that is a
/// thing, not an actor: «المصارف الماليزية», «الالتزام الإيراني», «الدبابة الأمريكية».
/// The adjective says whose the thing is; the state is no actor of an event around it
/// (GUIDE.md: nationalities are not actors unless the text uses them as one). The noun
/// keeps the adjective an actor when it is an event word («القصف التركي»: the attacker),
/// and so do an actor's words (a mention, or one right before: «طلبة المدارس العراقية») and a noun that
/// stands for the state (an office, a body, a side, a stance: `state` in cues.tsv)
/// anywhere in the construct chain the adjective closes («رئيس مجلس الوزراء العراقي»,
/// «وزير الدولة لشؤون الإعلام الأردني»: the adjective is the head's).
fn owned_thing(s: &Sentence, i: usize) -> bool {
    let word = s.tokens[i].folded.as_str();
    let bare = word.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']).unwrap_or(word);
    let definite = bare.starts_with("ال") || word.starts_with("لل");
    // A masculine plural is people («بالشيوعيين السودانيين») and a dual is two of a kind
    // («البحريتان السعودية والمصرية»): the adjective is theirs.
    let people = bare.chars().count() >= 5 && ["ين", "ون", "ان"].iter().any(|e| bare.ends_with(e));
    let chain = i.saturating_sub(CHAIN)..=i;
    definite
        && !people
        && !chain.clone().any(|j| s.has(j, Cue::State))
        && !s.triggers.iter().any(|t| t.from <= i && i < t.to)
        && !s.mentions.iter().any(|m| m.from <= i && i <= m.to)
}

/// How many words before the noun a nationality adjective may still describe: the head
/// of a construct chain («وزير الدولة لشؤون الإعلام والاتصال الأردني»).
const CHAIN: usize = 4;

/// A definite nationality adjective, folded («الأذربيجانية» → «الاذربيجانيه»): what
/// describes a noun before it rather than naming a state.
pub(crate) fn nisba(folded: &str) -> bool {
    folded.starts_with("ال")
        && ["ي", "يه", "يين", "يون"]
            .iter()
            .any(|e| folded.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word lists compared to folded words are written folded: an entry that is not
    /// («مؤسسة» for «موسسه») could never match, and would do nothing without a warning.
    #[test]
    fn word_lists_are_written_folded() {
        for (name, list) in [
            ("HOLDERS", HOLDERS),
            ("PERSON_TITLES", PERSON_TITLES),
            ("EULOGIES", EULOGIES),
            ("UNIT_NOUNS", UNIT_NOUNS),
            ("STAFF", STAFF),
            ("RECEIVED", RECEIVED),
        ] {
            for w in list {
                assert_eq!(fold_str(w, Chain::Match), *w, "{name}: «{w}»");
            }
        }
    }
}
