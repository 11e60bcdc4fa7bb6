//! Reading one sentence: clauses, actor groups, and for each trigger the event it says —
//! or the reason it says none.
//!
//! The reading is a small set of rules about Arabic news syntax, in this order:
//!
//! 1. **Clauses.** A sentence splits at complementizers («أن»، «إن»: a reported clause
//!    follows), relative pronouns («الذي»، «التي»: the subject is the name before them),
//!    and clause openers («حيث»، «فيما»، «بعد أن»). The clause before a complementizer is
//!    the *frame*: its subject is who the report cites, and its words («زعم»، «نفى») can
//!    make the reported event a claim or a denial.
//! 2. **Groups.** Actor mentions joined by «و» (وروحاني، والأذربيجاني) form one group; a
//!    group opened by «مع» is a companion, by «بين» the parties, by «ب/ل» an object.
//! 3. **Subject.** The nearest group before the trigger in its clause (SVO, and a verbal
//!    noun after a light verb: «أجرى بوتين اتصالا»), else the first group after it (VSO,
//!    and the agent of a verbal noun: «زيارة بوتين»), else the name before a relative
//!    pronoun, else the frame's subject when the complementizer carries a pronoun
//!    («أعلنت الوزارة أنها …»), else the subject of the clause before («… حيث سيجتمع»).
//! 4. **Roles** by the trigger's `args` column; **mode** from the trigger, the cue words
//!    of its clause, the number of parties and the place against the parties' countries;
//!    **date** from the date mentions of the trigger's region, then its clause; **status**
//!    from future forms and cues, dates after publication, claims and denials.

use std::sync::LazyLock;

use marsad_schema::{ActorRole, EntityType, EventStatus};
use marsad_text::Span;

use crate::lexicon::{ActorClass, Args, Cue, Lexicon, Trigger};
use crate::sentence::{joined, Mention, Sentence, Slot, TriggerHit};

mod complete;
mod parties;
mod reject;
mod roles;
mod setting;

pub(crate) use complete::NO_ACTOR;
pub(crate) use reject::TOPIC_REJECTION;

/// An actor of a drafted event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    /// Entity key (a person, an organisation, a country's ISO code, a city).
    pub key: String,
    /// The actor's country.
    pub country: Option<String>,
    /// Source, target or party.
    pub role: ActorRole,
    /// Only a country is known (a country, a city standing for its government).
    pub country_only: bool,
    /// The entity's type.
    pub kind: EntityType,
    /// Its sector (a described actor's, or `GOV` for a country).
    pub sector: Option<&'static str>,
    /// Named by description (no key of the knowledge base).
    pub described: bool,
    /// The words that name it in the sentence.
    pub span: Span,
    /// For words that point back: where it was named.
    pub via: Option<Span>,
    /// How many letters of a proclitic a described actor's first word is written with
    /// («وقوات», «بالشرطة»: one), which its words as the record shows them leave out.
    pub lead: usize,
}

/// An event as read from one sentence, before the document-level merge.
#[derive(Debug, Clone)]
pub struct Draft {
    /// PLOVER type.
    pub kind: &'static str,
    /// PLOVER mode.
    pub mode: Option<&'static str>,
    /// Participants.
    pub actors: Vec<Party>,
    /// ISO date.
    pub date: Option<String>,
    /// The date was written in the sentence (not the publication day by default).
    pub date_explicit: bool,
    /// Where, as an entity key, with its country.
    pub place: Option<(String, Option<String>)>,
    /// Topic keys.
    pub about: Vec<String>,
    /// Status.
    pub status: EventStatus,
    /// The body the report cites.
    pub attributed_to: Option<String>,
    /// The sentence.
    pub evidence: Span,
    /// The sentences of later reports merged into this one.
    pub also: Vec<Span>,
    /// The trigger words.
    pub trigger: Span,
    /// How sure (see the crate documentation).
    pub confidence: f32,
    /// People killed: (min, max) and the words that say it.
    pub killed: Option<(Option<u32>, Option<u32>, Span)>,
    /// People wounded.
    pub wounded: Option<(Option<u32>, Option<u32>, Span)>,
    /// Told as background («يذكر أن», «كان قد»).
    pub recalled: bool,
    /// The toll of the event before it in the sentence («أسفر عن مقتل»): merged into it.
    pub consequence: bool,
    /// Read from a verbal noun (الهجوم، قصف تركيا), not a verb.
    pub noun: bool,
    /// Merged into another draft of its sentence (a consequence into its attack).
    pub absorbed: bool,
    /// An explosion read with no actor (a `device` trigger): kept until the sentence's
    /// tolls are read, an event only with a victim counted or named by then.
    pub awaits_victims: bool,
}

/// Whether the words before word `at` say that what follows is the toll of the act told
/// before it: «أسفر عن مقتل», «أدى إلى مقتل», and with a span of time between, «أسفرت
/// خلال أسبوع عن مقتل» (the preposition of the consequence then stands right before).
fn after_consequence(s: &Sentence, at: usize) -> bool {
    if (at.saturating_sub(3)..at).any(|i| s.has(i, Cue::Consequence)) {
        return true;
    }
    let preposition = at > 0 && matches!(s.tokens[at - 1].folded.as_str(), "عن" | "الي");
    // The cause may stand right after the verb, as its subject («أسفرت غارة أميركية أمس
    // عن مقتل», «وأسفرت هذه الهجمات عن مقتل»: a demonstrative before it); no other event
    // word between.
    preposition
        && (at.saturating_sub(6)..at - 1).any(|i| {
            let demonstrative = s
                .tokens
                .get(i + 1)
                .is_some_and(|w| matches!(w.folded.as_str(), "هذه" | "هذا" | "تلك" | "ذلك"));
            let cause = if demonstrative { i + 2 } else { i + 1 };
            s.has(i, Cue::Consequence)
                && !s.triggers.iter().any(|t| t.from > cause && t.from < at)
                && joined(&s.tokens, i + 1, at)
        })
}

/// What a trigger came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// An event.
    Event(Draft),
    /// Not enough actors, but a place and a date: kept to date a later mention of the same
    /// event («المباحثات التي جرت بينهما في بروكسل في السادس من أبريل»).
    Anchor(Draft),
    /// No event, and why.
    Rejected(&'static str),
}

/// One trigger's reading.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The trigger words.
    pub trigger: Span,
    /// PLOVER type of the trigger.
    pub kind: &'static str,
    /// The result.
    pub outcomes: Vec<Outcome>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClauseKind {
    Main,
    Complement,
    Relative,
    Opened,
}

#[derive(Debug, Clone)]
struct Clause {
    from: usize,
    to: usize,
    kind: ClauseKind,
    /// The complementizer carries a pronoun (أنه، أنها).
    pronoun: bool,
}

#[derive(Debug, Clone)]
struct Group {
    members: Vec<usize>,
    from: usize,
    to: usize,
    /// How it is introduced.
    intro: Intro,
    /// The preposition that introduces it (folded: ب، ل، من، علي …), or empty.
    prep: String,
    /// It opens with «نظيره»: the subject's counterpart, never the subject itself.
    counterpart: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intro {
    Bare,
    Companion,
    Between,
    /// A preposition written on the name (ب، ل) or before it (على، ضد، عن، من).
    Preposition,
    /// After «بوساطة»: a mediator, not a party; after «وسط حراسة», «تحت حماية»: an
    /// escort, neither who acts nor whom the act is done to.
    Mediator,
    /// After «برصاص», «على يد», «من قبل», and «لـ» after an attack's or an operation's
    /// noun («قصف مدفعي للحوثيين», «عمليات لقوات الأمن»): who did it.
    Agent,
    /// After «بحضور»: attended — a party of a summit or a meeting of a body, else none.
    Attendee,
}

const CONFLICT: &[&str] = &["ASSAULT", "COERCE", "MOBILIZE", "THREATEN"];

/// Words that make a town after an attack where it happened rather than what it hit:
/// positions, vicinities (folded, without the article), and the directions marked
/// `attack` in `data/text/directions.tsv`.
static WHERE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    [
        "مواقع",
        "موقع",
        "ريف",
        "قرب",
        "بالقرب",
        "نحو",
        "اطراف",
        "محيط",
        "ضواحي",
        "حدود",
        "جبال",
        "اجواء",
    ]
    .into_iter()
    .chain(marsad_text::lists::DIRECTIONS.words_for("attack"))
    .collect()
});

/// «قد تكون إسرائيل من اغتالت الحريري؟», «لماذا ترفض الوزارة التعاون مع الهيئة؟», «هل
/// تنتقل عدوى تحرير الأسعار؟»: a sentence that ends in a question mark asks, of a column's
/// reader or of the record; it reports nothing (on the 3,000-article sample, 16 of the 19
/// events read in such sentences were wrong). Not a question quoted inside a report: the
/// splitter may cut a sentence at a question mark inside «…» («تظاهروا هاتفين «أوروبا،
/// أين أنت؟»), which leaves a quote open.
fn question(chars: &[char]) -> bool {
    let asks = chars
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(|&c| c == '؟' || c == '?');
    let count = |q: char| chars.iter().filter(|&&c| c == q).count();
    asks && count('«') == count('»') && count('"') % 2 == 0 && count('“') == count('”')
}

/// Reads every trigger of `s`. `published` is the record's publication day.
pub fn read(
    s: &Sentence,
    lex: &Lexicon,
    published: Option<&str>,
    chars: &[char],
    implied: Option<&crate::describe::Antecedent>,
) -> Vec<Reading> {
    let clauses = clauses(s, lex, chars);
    let groups = groups(s, lex, chars);
    let mut used = vec![false; groups.len()];
    let according = according(s, &groups, &mut used);
    let mut state = State {
        used,
        last_subject: None,
        first_subject: None,
        last_object: None,
        host_place: None,
        negated_clause: None,
        implied_first: false,
    };
    let cx = Context {
        s,
        lex,
        clauses,
        groups,
        published,
        according,
        implied,
        question: question(chars),
        timeline: timeline_year(chars),
    };
    let clauses = &cx.clauses;
    let mut readings = Vec::new();
    let mut k = 0;
    while k < s.triggers.len() {
        let t = &s.triggers[k];
        let trig = &lex.triggers[t.trigger];
        let ci = clauses
            .iter()
            .position(|c| c.from <= t.from && t.from < c.to)
            .unwrap_or(0);
        let c = &clauses[ci];
        // Later triggers of the same type in the same clause that belong to this one: a
        // purpose clause (لبحث), a call noun after a verb (ناقش … في مكالمتين).
        let mut end = k + 1;
        let mut mode = trig.mode;
        let mut future = t.future;
        while let Some(n) = s.triggers.get(end) {
            let nt = &lex.triggers[n.trigger];
            let same_clause = n.from < c.to;
            // «هدد بشن عملية عسكرية»، «لوحت بفرض عقوبات»: what is threatened, asked or
            // refused belongs to the threat (its target is the threat's).
            let introduced_by_bi = n.prefix.starts_with('ب')
                || n.from > 0 && s.tokens[n.from - 1].folded.starts_with('ب');
            // «أشاد بدعم المملكة», «أدان هجوم داعش»: what is praised or condemned is the
            // object of the stance; its agent is whom the stance is about.
            let stance_object = matches!(trig.kind, "SUPPORT" | "ACCUSE")
                && !n.verb
                && !n.participle
                && introduced_by_bi
                && n.from <= s.triggers[end - 1].to + 4;
            let content = same_clause
                && (matches!(trig.kind, "THREATEN" | "REQUEST" | "REJECT")
                    && (n.from <= s.triggers[end - 1].to + 2 || introduced_by_bi)
                    || stance_object);
            if content {
                end += 1;
                continue;
            }
            // «احتشد مئات الإيرانيين … احتجاجا على …»: a verbal noun in the accusative says
            // why the verb's event happened; it is that event.
            let accusative = !n.verb
                && !n.participle
                && nt.args == trig.args
                && s.tokens[n.from].folded.ends_with('ا')
                && !s.tokens[n.from].folded.starts_with("ال");
            // «قتل الطفل حرقا حين هاجم مستوطنون منزله»: a word of time between opens the
            // clause of another act, with its own subject.
            let when_between = (s.triggers[end - 1].to..n.from).any(|i| {
                matches!(
                    s.tokens[i].folded.trim_start_matches('و'),
                    "حين" | "حينما" | "عندما" | "بعدما" | "لما"
                )
            });
            // «قتل وجرح العشرات», «اعتقال وترحيل»: two words of one kind joined by «و»
            // share what follows them — one act, whatever each word's arguments.
            let pair = n.prefix == "و" && n.from == s.triggers[end - 1].to;
            let absorbed = same_clause
                && !when_between
                && nt.kind == trig.kind
                && (nt.args == trig.args || nt.mode == Some("phone") || pair)
                && (n.prefix.ends_with('ل') && !n.prefix.ends_with("ال")
                    || nt.mode == Some("phone") && !n.verb
                    || accusative
                    || n.from <= s.triggers[end - 1].to + 1)
                && !s.has(n.to, Cue::Relative);
            if !absorbed {
                break;
            }
            mode = mode.or(nt.mode);
            future |= n.future;
            end += 1;
        }
        let reg_from = if k > 0 && s.triggers[k - 1].from >= c.from {
            s.triggers[k - 1].to
        } else {
            c.from
        };
        let reg_to = s
            .triggers
            .get(end)
            .map_or(c.to, |n| n.from.min(c.to))
            .max(s.triggers[end - 1].to);
        let trigger_span = Span::new(
            s.tokens[t.from].span.start,
            s.tokens[s.triggers[end - 1].to - 1].span.end,
        );
        let unit = Unit {
            k,
            end,
            mode,
            future,
            ci,
            reg_from,
            reg_to,
        };
        let outcomes = read_one(&cx, &unit, &mut state);
        readings.push(Reading {
            trigger: trigger_span,
            kind: trig.kind,
            outcomes,
        });
        k = end;
    }
    readings
}

fn clauses(s: &Sentence, lex: &Lexicon, chars: &[char]) -> Vec<Clause> {
    let mut out = vec![Clause {
        from: 0,
        to: s.tokens.len(),
        kind: ClauseKind::Main,
        pronoun: false,
    }];
    for i in 1..s.tokens.len() {
        // A word of a name is no clause opener: «بان كي مون» is no «بأن».
        if s.mentions
            .iter()
            .any(|m| !m.described && m.from <= i && i < m.to)
        {
            continue;
        }
        // «ولكن جماعة بوكو حرام، التي تسعى لإقامة دولة، قتلت …», «ففي محافظة صعدة التي تعد
        // معقل الحوثيين، شنت مقاتلات التحالف …»: a verb after a comma closes the relative
        // clause before it, and the clause the relative interrupted goes on from where it
        // began (its subject, if any, before the relative; the relative's names are none
        // of the verb's, `nearest`).
        let closes_relative = out.len() > 1
            && out.last().is_some_and(|c| c.kind == ClauseKind::Relative)
            && s.tokens[i].comma_before
            && s.triggers
                .iter()
                .any(|t| t.from == i && t.verb && !t.imperfect && !t.prefix.starts_with('و'));
        if closes_relative {
            let before = out[out.len() - 2].clone();
            if let Some(last) = out.last_mut() {
                last.to = i;
            }
            out.push(Clause {
                to: s.tokens.len(),
                ..before
            });
            continue;
        }
        let kind = if s.has(i, Cue::Complement) {
            ClauseKind::Complement
        } else if s.has(i, Cue::Relative) {
            ClauseKind::Relative
        } else if s.has(i, Cue::Break)
            || s.has(i, Cue::When) && event_before(s, out.last(), i) && !attack_follows(s, lex, i)
            || quote_between(s, chars, i)
            // «…، متهمة أوكرانيا بالمسؤولية»: a circumstantial participle is a clause of
            // its own (a denial or a claim before it is not its).
            || s.triggers.iter().any(|t| t.from == i && t.participle)
            // «… استهدف فندقا في مقديشو، وأوضح مسؤول أمني أن …»: a verb of saying joined
            // by «و» after a comma tells a statement about what came before; its speaker
            // is none of the act's parties. (Without «و» it is the verb of a subject
            // fronted before the comma: «مجلس المحافظة، أعلن، أمس، رفضه».)
            || s.tokens[i].comma_before
                && s.tokens[i].folded.starts_with('و')
                && s.has(i, Cue::Say)
        {
            ClauseKind::Opened
        } else {
            continue;
        };
        // «قالت الشرطة إنه تم اعتقال …»: before an impersonal passive the pronoun stands
        // for the matter (ضمير الشأن), not for the frame's subject.
        let impersonal = s
            .tokens
            .get(i + 1)
            .is_some_and(|w| matches!(w.folded.as_str(), "تم" | "جري" | "يتم" | "يجري" | "سيتم"));
        let pronoun = kind == ClauseKind::Complement
            && s.tokens[i].folded.len() > "ان".len()
            && !s.tokens[i].folded.starts_with('و')
            && !impersonal;
        if let Some(last) = out.last_mut() {
            last.to = i;
        }
        out.push(Clause {
            from: i,
            to: s.tokens.len(),
            kind,
            pronoun,
        });
    }
    out
}

/// Whether the clause that «عندما» at `i` would cut has told its event before it («قتل
/// جنديان عندما …»); a subject fronted before it («والمملكة حينما وقفت وساندت مصر»,
/// «وكان أوباما، عندما أعلن الاتفاق، حذر الكونغرس») is the when-clause's too.
fn event_before(s: &Sentence, clause: Option<&Clause>, i: usize) -> bool {
    let from = clause.map_or(0, |c| c.from);
    s.triggers
        .iter()
        .any(|t| t.verb && t.from >= from && t.from < i)
}

/// «عندما زرع مجهولون قنبلة», «عندما فجر انتحاري نفسه»: an attack's verb or a bomb's
/// right after «عندما» (`Cue::When`).
fn attack_follows(s: &Sentence, lex: &Lexicon, i: usize) -> bool {
    s.has(i + 1, Cue::Planted)
        || s.triggers
            .iter()
            .any(|t| t.from == i + 1 && t.verb && lex.triggers[t.trigger].kind == "ASSAULT")
}

/// «1951 - اغتيال العاهل الأردني …», «1987: مجلس الأمن يعتمد القرار 598»: an entry of a
/// timeline (this day in history) opens with its year and a dash or a colon; what it tells
/// happened then, whatever the page's day.
fn timeline_year(chars: &[char]) -> Option<String> {
    let mut i = 0;
    while i < chars.len() && (chars[i].is_whitespace() || chars[i] == '*') {
        i += 1;
    }
    let digits: String = chars[i..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let mut j = i + digits.len();
    while j < chars.len() && chars[j] == ' ' {
        j += 1;
    }
    let year: u16 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    ((1800..=2100).contains(&year) && matches!(chars.get(j), Some('-' | '–' | ':')))
        .then_some(digits)
}

/// Whether a colon or an opening quote stands between word `i - 1` and word `i`: a
/// quotation opens a clause of its own; the quotes around a name do not («قتل تنظيم
/// "داعش" بعض الأجانب»).
fn quote_between(s: &Sentence, chars: &[char], i: usize) -> bool {
    if s.tokens[i].name_quote_before {
        return false;
    }
    let (a, b) = (
        s.tokens[i - 1].span.end - s.span.start,
        s.tokens[i].span.start - s.span.start,
    );
    // A colon inside a clock time (23:50) is not one.
    chars.get(a..b).is_some_and(|gap| {
        gap.iter().any(|c| matches!(c, '«' | '"' | '“'))
            || gap.contains(&':') && gap.iter().any(|c| c.is_whitespace())
    })
}

/// «خلال سلسلة عمليات لقوات الأمن التونسية», «في حملة للشرطة»: a name with «لـ» right
/// after a noun of operations or campaigns is whose they are — who acted.
fn operations_of(s: &Sentence, prep: &str, from: usize) -> bool {
    const OPERATIONS: &[&str] = &[
        "عمليه",
        "عمليات",
        "حمله",
        "حملات",
        "دوريه",
        "دوريات",
        "مداهمات",
    ];
    prep == "ل"
        && from > 0
        && crate::sentence::joined(&s.tokens, from - 1, from)
        && OPERATIONS.contains(
            &s.tokens[from - 1]
                .folded
                .trim_start_matches(['و', 'ب', 'ل']),
        )
}

/// «بقذيفة هاون أطلقتها ميليشيات الحوثي», «برصاصة أطلقها عليه شرطي»: the name after the
/// verb of firing on a weapon's pronoun, a weapon named just before, is who fired it
/// (not «المشروع الذي أطلقه الرئيس», a launch).
fn fired_by(s: &Sentence, from: usize) -> bool {
    const FIRED: &[&str] = &["اطلقه", "اطلقها", "اطلقته", "اطلقتها", "اطلقوها", "اطلقوه"];
    const WEAPONS: &[&str] = &[
        "قذيفه",
        "قذايف",
        "صاروخ",
        "صواريخ",
        "رصاصه",
        "رصاص",
        "اعيره",
        "عيار",
        "النار",
        "قنبله",
        "قنابل",
    ];
    let Some(verb) = (from.saturating_sub(2)..from).find(|&i| {
        FIRED.contains(&s.tokens[i].folded.as_str()) && crate::sentence::joined(&s.tokens, i, from)
    }) else {
        return false;
    };
    (verb.saturating_sub(4)..verb).any(|i| {
        crate::sentence::stems(&s.tokens[i].folded).any(|(_, w)| WEAPONS.contains(&w.as_ref()))
    })
}

/// «قصف مكثف للطيران», «غارة جوية لقوات الحلف», «هجوم لداعش»: a force or an armed
/// group with «لـ» right after an attack's noun (its adjectives between) is whose the attack
/// is. Civilians and states are not («استهداف للمدنيين» names whom it hit).
fn attack_of(s: &Sentence, lex: &Lexicon, prep: &str, m: &Mention) -> bool {
    let armed = if m.described {
        matches!(m.sector, Some("MIL" | "COP" | "REB" | "UAF"))
    } else {
        m.kind == EntityType::Organization
    };
    if prep != "ل" || !armed || m.from == 0 {
        return false;
    }
    // Back over at most two adjectives (no article, no name, joined).
    let mut i = m.from;
    let mut adjectives = 0;
    while i > 0 && adjectives <= 2 {
        let j = i - 1;
        if !crate::sentence::joined(&s.tokens, j, i) {
            return false;
        }
        if let Some(t) = s.triggers.iter().find(|t| t.to == i) {
            return !t.verb
                && !t.participle
                && lex.triggers[t.trigger].kind == "ASSAULT"
                && !s.tokens[t.from].folded.contains("استهداف");
        }
        // An adjective: a nisba («جوي», «المدفعي») or a word of intensity — not a site
        // («غارات على مواقع لحزب العمال»: the sites are the party's).
        let w = s.tokens[j].folded.as_str();
        let w = w.strip_prefix("ال").unwrap_or(w);
        let adjective = w.chars().count() >= 3 && (w.ends_with('ي') || w.ends_with("يه"))
            || matches!(
                w,
                "مكثف"
                    | "مكثفه"
                    | "عنيف"
                    | "عنيفه"
                    | "كثيف"
                    | "كثيفه"
                    | "متواصل"
                    | "متواصله"
            );
        if !adjective || s.mentions.iter().any(|o| o.from <= j && j < o.to) {
            return false;
        }
        adjectives += 1;
        i = j;
    }
    false
}

fn groups(s: &Sentence, lex: &Lexicon, chars: &[char]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let between_text = |a: usize, b: usize| -> String {
        let (from, to) = (
            a.saturating_sub(s.span.start),
            b.saturating_sub(s.span.start),
        );
        chars
            .get(from..to.max(from))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    for (m, mention) in s.mentions.iter().enumerate() {
        if mention.slot != Slot::Actor {
            continue;
        }
        if let Some(g) = out.last_mut() {
            let prev = &s.mentions[*g.members.last().unwrap()];
            let gap = between_text(prev.span.end, mention.span.start);
            let gap = gap.trim();
            // Coordination: «و» written on the name or alone, «and», and a comma in a list of
            // names of one kind («روسيا، إيران وتركيا»، «Putin, Raisi and Erdogan») — never
            // before «نظيره», which starts the object.
            let comma = matches!(gap, "،" | ",");
            // «هنأ الملك سلمان ونائبه الأمير محمد بن نايف رئيس الإكوادور»: «و» with the
            // deputy's or the kin's word on the first joins the second to him.
            // Titles the name's own words leave out may follow («ونائبه الأمير»).
            let kin = ["ونائبه", "وولي عهده", "ونجله", "وشقيقه"]
                .iter()
                .find_map(|k| gap.strip_prefix(k))
                .is_some_and(|rest| {
                    let titles: Vec<&str> = rest.split_whitespace().collect();
                    titles.len() <= 2
                        && titles
                            .iter()
                            .all(|w| w.starts_with("ال") || w.starts_with("سمو"))
                });
            // «قوات الجيش وعناصر من المقاومة»: «و» and members of the next name.
            let members_of = mention.from > prev.to
                && mention.from - prev.to <= 2
                && s.tokens[prev.to]
                    .folded
                    .strip_prefix('و')
                    .is_some_and(|w| lex.actor_word(w, crate::lexicon::ActorClass::Member))
                && (prev.to + 1..mention.from).all(|i| s.tokens[i].folded == "من");
            let and = matches!(gap, "و" | "and" | ", and" | "، و")
                || kin
                || members_of
                || (gap.is_empty() || comma) && mention.clitic.starts_with('و');
            let same_kind = mention.kind == prev.kind && mention.is_country() == prev.is_country();
            let counterpart = s
                .tokens
                .get(mention.from)
                .is_some_and(|w| w.folded.starts_with("نظير"));
            // Country adjectives side by side are a list too (الروسية الإيرانية التركية);
            // two countries' names side by side are a verb's subject and object («دعت
            // الصين الولايات المتحدة»).
            let adjective = |x: &Mention| {
                let w = s.tokens[x.from].folded.trim_start_matches('و');
                x.to == x.from + 1
                    && w.starts_with("ال")
                    && ["ي", "يه", "يين", "يون"].iter().any(|e| w.ends_with(e))
            };
            let adjectives = gap.is_empty()
                && mention.is_country()
                && prev.is_country()
                && mention.clitic.is_empty()
                && adjective(mention)
                && adjective(prev);
            // The two antecedents of a pair noun («الجانبان») stand on the same words.
            let pair = mention.from == prev.from && mention.to == prev.to;
            let joined = and
                || adjectives
                || pair
                || comma && same_kind && !counterpart && mention.clitic.is_empty();
            if joined && mention.from <= g.to + 2 {
                g.members.push(m);
                g.to = mention.to;
                continue;
            }
        }
        // An honorific may stand between a preposition and the name: «من جلالة الملك
        // عبدالله الثاني», «إلى فخامة الرئيس».
        let honorific = |i: usize| {
            matches!(
                s.tokens[i].folded.as_str(),
                "جلاله" | "فخامه" | "سمو" | "معالي" | "سعاده" | "دوله"
            )
        };
        // So may a title the name's mention leaves out: «وطلب من الرئيس حسين روحاني».
        let title = |i: usize| {
            mention.kind == EntityType::Person && {
                let w = s.tokens[i].folded.as_str();
                crate::sentence::PERSON_TITLES.contains(&w)
                    || matches!(w, "الرييس" | "الملك" | "رييس" | "الوزير" | "السفير")
            }
        };
        let mut before = mention.from.checked_sub(1);
        for _ in 0..2 {
            before = before.map(|i| {
                if i > 0 && (honorific(i) || title(i)) {
                    i - 1
                } else {
                    i
                }
            });
        }
        let clitic = mention.clitic.trim_start_matches(['و', 'ف']);
        let prev_mention_to = m.checked_sub(1).map_or(0, |p| s.mentions[p].to);
        let near = |c: Cue| {
            // Up to three words between: a title the KB does not hold as part of the name
            // («with Azerbaijani President Ilham Aliyev»).
            // No event word between: the cue is another event's. An agent's verb may stand
            // right after its noun («في كمين نصبه مسلحون»): no event word between the cue
            // and the name.
            let from = mention.from.saturating_sub(3).max(prev_mention_to);
            (from..mention.from).any(|i| {
                let after = if c == Cue::Agent { i } else { from };
                s.has(i, c)
                    && !s
                        .triggers
                        .iter()
                        .any(|t| t.from > after && t.from < mention.from)
            })
        };
        let prep_word = before
            .map(|i| s.tokens[i].folded.as_str())
            .filter(|w| matches!(*w, "علي" | "ضد" | "عن" | "من" | "الي" | "لدي" | "بحق"));
        let prep = match (prep_word, clitic.chars().next()) {
            (Some(w), _) => w.to_string(),
            (None, Some(c @ ('ب' | 'ل'))) => c.to_string(),
            _ => String::new(),
        };
        let counterpart = s.tokens.get(mention.from).is_some_and(|w| {
            w.folded
                .trim_start_matches(['و', 'ف', 'ب', 'ل'])
                .starts_with("نظير")
        });
        // «وسط حراسة مشددة من شرطة الاحتلال»: an escort's words, up to five before.
        let escorted =
            (mention.from.saturating_sub(5).max(prev_mention_to)..mention.from).any(|i| {
                s.has(i, Cue::Escort)
                    && !s
                        .triggers
                        .iter()
                        .any(|t| t.from > i && t.from < mention.from)
            });
        let intro = if near(Cue::Mediation) || escorted {
            Intro::Mediator
        } else if near(Cue::Attendee) {
            Intro::Attendee
        } else if near(Cue::Agent)
            || operations_of(s, &prep, mention.from)
            || fired_by(s, mention.from)
            || attack_of(s, lex, &prep, mention)
        {
            Intro::Agent
        } else if near(Cue::Companion) {
            Intro::Companion
        } else if before.is_some_and(|i| s.has(i, Cue::Between)) {
            Intro::Between
        } else if !prep.is_empty() {
            Intro::Preposition
        } else {
            Intro::Bare
        };
        out.push(Group {
            members: vec![m],
            from: mention.from,
            to: mention.to,
            intro,
            prep,
            counterpart,
        });
    }
    out
}

/// «بحسب/وفقا لـ/نقلا عن X»: X is cited, not an actor. A described X («مصدر أمني»,
/// «مسؤول») is no entity to cite by key (its key is the reader's own handle): the
/// evidence sentence still shows who spoke.
fn according(s: &Sentence, groups: &[Group], used: &mut [bool]) -> Option<String> {
    let mut who = None;
    for i in 0..s.tokens.len() {
        if !s.has(i, Cue::According) {
            continue;
        }
        if let Some(g) = groups.iter().position(|g| g.from > i && g.from <= i + 5) {
            used[g] = true;
            let m = &s.mentions[groups[g].members[0]];
            if who.is_none() && !m.described {
                who = Some(m.key.clone());
            }
        }
    }
    who
}

/// The actor a mention names in `role`: a capital stands for its government («طهران
/// ترفض» is Iran); a town only as the target of a foreign hand's attack, arrest or
/// withdrawal, or of aid (`town_target`: «قصفت القوات الروسية مدينة خاركيف» hits Ukraine;
/// see `parties::foreign_source`), else it is where things happen and no actor («وسع
/// معاركه إلى تعز»); a region or a sea never acts. A state's
/// government or authorities as a whole («الحكومة التركية», «السلطات الإيرانية», «حكومة
/// العبادي») are the state, as the real-news gold keys them; its officials, ministries
/// and forces stay described.
pub(crate) fn party(
    m: &Mention,
    role: ActorRole,
    lex: &Lexicon,
    town_target: bool,
) -> Option<Party> {
    if m.kind == EntityType::Location {
        return None;
    }
    if let Some(code) = m.country.as_ref().filter(|_| m.described && the_state(m)) {
        return Some(Party::country(code, role, m.span));
    }
    if m.kind == EntityType::Gpe && !m.is_country() {
        let code = lex
            .capitals
            .get(&m.key)
            .or(m.country.as_ref().filter(|_| town_target))?;
        return Some(Party::country(code, role, m.span));
    }
    Some(Party {
        key: m.key.clone(),
        country: m.country.clone(),
        role,
        country_only: m.kind == EntityType::Gpe,
        kind: m.kind,
        sector: m.sector,
        described: m.described,
        span: m.span,
        via: m.via,
        lead: if m.described { lead(&m.clitic) } else { 0 },
    })
}

/// The letters of a proclitic written before a word's own (its conjunction and its
/// preposition), not the article's: «و» of «وقوات», «ب» of «بالشرطة»; «للتحالف» keeps
/// its «لل», whose second letter is the article's.
fn lead(clitic: &str) -> usize {
    if clitic.ends_with("لل") {
        return 0;
    }
    clitic.strip_suffix("ال").unwrap_or(clitic).chars().count()
}

/// A described government actor whose words are only «الحكومة» or «السلطات».
fn the_state(m: &Mention) -> bool {
    let words = m.key.rsplit(':').next().unwrap_or("");
    let word = words.trim_start_matches(['و', 'ف']);
    let word = word.strip_prefix("ال").unwrap_or(word);
    m.sector == Some("GOV") && matches!(word, "حكومه" | "سلطات")
}

impl Party {
    /// The actor the page last spoke of, standing for an omitted subject.
    fn implied(a: &crate::describe::Antecedent, role: ActorRole) -> Party {
        Party {
            key: a.key.clone(),
            country: a.country.clone(),
            role,
            country_only: a.kind == EntityType::Gpe,
            kind: a.kind,
            sector: a.sector,
            described: a.described,
            span: a.span,
            via: Some(a.span),
            lead: 0,
        }
    }

    /// A country standing in a role by itself (the host of a visit to its city).
    pub(crate) fn country(code: &str, role: ActorRole, span: Span) -> Party {
        Party {
            key: code.to_string(),
            country: Some(code.to_string()),
            role,
            country_only: true,
            kind: EntityType::Gpe,
            sector: Some("GOV"),
            described: false,
            span,
            via: None,
            lead: 0,
        }
    }
}

/// What the readings of one sentence share.
struct Context<'a> {
    s: &'a Sentence,
    lex: &'a Lexicon,
    clauses: Vec<Clause>,
    groups: Vec<Group>,
    published: Option<&'a str>,
    /// Who «بحسب/وفقا لـ» cites in the sentence.
    according: Option<String>,
    /// The actor the page last spoke of (the subject of an earlier sentence).
    implied: Option<&'a crate::describe::Antecedent>,
    /// The sentence is a question (`question`).
    question: bool,
    /// The year a timeline's entry opens with (`timeline_year`).
    timeline: Option<String>,
}

/// One trigger, with the later triggers it absorbed, and the words it reads.
struct Unit {
    /// Its first trigger, and one past its last absorbed one.
    k: usize,
    end: usize,
    /// The mode its words say.
    mode: Option<&'static str>,
    /// A future form among its words.
    future: bool,
    /// Its clause.
    ci: usize,
    /// Its region: the words from the previous trigger to the next.
    reg_from: usize,
    reg_to: usize,
}

/// What carries from one trigger to the next in a sentence.
struct State {
    /// Groups already taken as another trigger's arguments.
    used: Vec<bool>,
    /// The last subject found (the clause's actor, for «خلال لقائه» and «حيث»).
    last_subject: Option<usize>,
    /// The first subject of the sentence: whom its circumstantial participles speak for.
    first_subject: Option<usize>,
    /// The last object found (for «بحث معه»).
    last_object: Option<usize>,
    /// A hosting city read as a place, for the meeting that follows it.
    host_place: Option<(String, Option<String>)>,
    /// The clause whose verb was negated: a meeting «during» in it did not happen either.
    negated_clause: Option<usize>,
    /// The sentence's first verb took the page's subject (it named none of its own):
    /// its participles speak for that one too, not for the first name in the sentence.
    implied_first: bool,
}

/// One trigger unit in its sentence: what every phase of its reading looks at.
#[derive(Clone, Copy)]
struct Site<'a> {
    s: &'a Sentence,
    lex: &'a Lexicon,
    clauses: &'a [Clause],
    groups: &'a [Group],
    /// The unit's first trigger, its last absorbed one, and the first one's lexicon entry.
    t: &'a TriggerHit,
    last: &'a TriggerHit,
    trig: &'a Trigger,
    /// Its clause, and the clause's index.
    c: &'a Clause,
    ci: usize,
    /// The unit's first trigger and one past its last (indices into the sentence's).
    k: usize,
    end: usize,
    /// Its region: the words from the previous trigger to the next.
    reg_from: usize,
    reg_to: usize,
}

impl<'a> Site<'a> {
    /// The mentions of group `g`.
    fn members(&self, g: Option<usize>) -> Vec<&'a Mention> {
        g.map(|g| {
            self.groups[g]
                .members
                .iter()
                .map(|&m| &self.s.mentions[m])
                .collect()
        })
        .unwrap_or_default()
    }
}

/// Reads one trigger unit, phase by phase: [`reject`] (is it an event at all), [`roles`]
/// (who stands where), [`setting`] (where), [`parties`] (the actors by the trigger's
/// arguments), [`setting::when`] (date and status), then [`complete`] (mode, and whether
/// the type has the actors it needs).
fn read_one(cx: &Context, u: &Unit, state: &mut State) -> Vec<Outcome> {
    let s = cx.s;
    let t = &s.triggers[u.k];
    let trig = &cx.lex.triggers[t.trigger];
    let last = &s.triggers[u.end - 1];
    let site = Site {
        s,
        lex: cx.lex,
        clauses: &cx.clauses,
        groups: &cx.groups,
        t,
        last,
        trig,
        c: &cx.clauses[u.ci],
        ci: u.ci,
        k: u.k,
        end: u.end,
        reg_from: u.reg_from,
        reg_to: u.reg_to,
    };
    if cx.question {
        return vec![Outcome::Rejected("a question, not a report")];
    }
    let form = match reject::check(&site, &mut state.negated_clause) {
        Ok(form) => form,
        Err(why) => return vec![Outcome::Rejected(why)],
    };
    let mut roles = roles::assign(&site, &form, u.mode, cx.implied, state);
    let mut where_ = setting::place(&site, &mut state.host_place);
    let mut actors = parties::of(&site, &roles, u.mode, &mut where_, &mut state.host_place);
    if where_.place.is_none() && matches!(trig.kind, "ASSAULT" | "COERCE" | "PROTEST" | "MOBILIZE")
    {
        // Not a place in a contrasting clause after the event: «… تعرضت لعشرات الغارات
        // فيما لم يعلن سوى عن ثلاث غارات في سوريا» — Syria is the second strikes' place.
        // A place before the event frames it («وفي مدينة تعز تواصلت الاشتباكات … فيما قصف
        // الحوثيون»).
        let contrast_between = |m: &crate::sentence::Mention| {
            (t.to..m.from).any(|i| {
                let w = s.tokens[i].folded.trim_start_matches('و');
                // «فيما إذا» is "in case", no contrast.
                let condition = s.tokens.get(i + 1).is_some_and(|n| n.folded == "اذا");
                matches!(w, "فيما" | "بينما" | "لكن") && !condition
                    || w == "حين" && i > 0 && s.tokens[i - 1].folded.trim_start_matches('و') == "في"
            })
        };
        if let Some(m) = setting::sentence_place(s, cx.lex).filter(|m| !contrast_between(m)) {
            where_.place = Some((m.key.clone(), m.country.clone()));
            where_.place_span = m.span;
        }
    }
    if let Some(p) = parties::announcer(&site, &actors, where_.place.as_ref()) {
        actors.insert(0, p);
    }
    if let Some(a) = roles.implied {
        let role = match trig.args {
            Args::Sym => ActorRole::Party,
            Args::Host => ActorRole::Target,
            Args::Visit | Args::Dir | Args::Solo | Args::Patient => ActorRole::Source,
        };
        if !actors.iter().any(|x| x.key == a.key) {
            actors.insert(0, Party::implied(a, role));
            roles.fallback = true;
        }
    }
    for g in roles
        .subject
        .iter()
        .chain(roles.object.iter())
        .chain(roles.patient.iter())
        .chain(&roles.companions)
        .chain(&roles.between)
    {
        state.used[*g] = true;
    }
    let published = cx.published;
    let setting::When {
        mut explicit,
        background,
        status,
        attributed_to,
    } = setting::when(
        &site,
        &actors,
        where_.described_to,
        published,
        cx.according.clone(),
        u.future,
    );
    if explicit.is_none() {
        explicit.clone_from(&cx.timeline);
    }
    let date = match &explicit {
        Some(d) => Some(d.clone()),
        None if status == EventStatus::Planned || background || t.definite && !t.verb => None,
        None => published.map(|p| p[..p.len().min(10)].to_string()),
    };
    // An attack in words is an accusation, by the same source of the same target.
    let (kind, mode) = if form.verbal {
        ("ACCUSE", None)
    } else {
        (trig.kind, u.mode)
    };
    let mut draft = Draft {
        kind,
        mode,
        actors,
        date,
        date_explicit: explicit.is_some(),
        place: where_.place,
        about: where_.about,
        status,
        attributed_to,
        evidence: s.span,
        also: Vec::new(),
        trigger: Span::new(s.tokens[t.from].span.start, s.tokens[last.to - 1].span.end),
        confidence: 0.0,
        killed: None,
        wounded: None,
        recalled: background || long_before(explicit.as_deref(), published),
        noun: !t.verb && !t.participle,
        absorbed: false,
        consequence: trig.args == Args::Patient && after_consequence(s, t.from),
        awaits_victims: false,
    };
    // Victims of violence are civilians, whatever their trade («العمال»، «الطلاب»).
    if draft.kind == "ASSAULT" {
        for a in draft.actors.iter_mut() {
            if a.role == ActorRole::Target
                && a.described
                && matches!(a.sector, Some("LAB" | "EDU" | "BUS"))
            {
                a.sector = Some("CVL");
            }
        }
    }
    complete::finish(&site, draft, roles.subject, roles.fallback)
}

/// A date written for an event that lies well before the report: a month or more before
/// the publication day (an earlier month or year when the text says no day) — history the
/// article recalls, not the news it reports.
fn long_before(date: Option<&str>, published: Option<&str>) -> bool {
    let (Some(d), Some(p)) = (date, published) else {
        return false;
    };
    let d = d.split('/').next().unwrap_or(d);
    if d.len() >= 10 {
        return d < p && marsad_dates::days_apart(d, p).is_some_and(|n| n >= 30);
    }
    // «في مارس الماضي» against a report of 5 April is a month before, not history yet.
    let months = |x: &str| -> Option<i32> {
        let y: i32 = x.get(..4)?.parse().ok()?;
        let m: i32 = x.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(12);
        Some(y * 12 + m)
    };
    matches!((months(d), months(p)), (Some(a), Some(b)) if b - a >= 2)
}

/// The mode the words `[from, to)` say for an event of type `kind` (`modes.tsv`): the
/// phrase of the lowest rank found.
fn mode_words(
    s: &Sentence,
    lex: &Lexicon,
    kind: &str,
    from: usize,
    to: usize,
) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for i in from..to {
        for (_, stem) in crate::sentence::stems(&s.tokens[i].folded) {
            let Some(phrases) = lex.modes.get(stem.as_ref()) else {
                continue;
            };
            for p in phrases.iter().filter(|p| p.kind == kind) {
                let fits = p
                    .rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| s.tokens.get(i + 1 + k).is_some_and(|t| t.folded == *w));
                if fits && best.is_none_or(|(r, _)| p.rank < r) {
                    best = Some((p.rank, p.mode));
                }
            }
        }
    }
    best.map(|(_, m)| m)
}

/// The first bare group of a clause: its subject («نفت موسكو أن …»).
fn first_group(groups: &[Group], from: usize, to: usize) -> Option<usize> {
    groups
        .iter()
        .position(|g| g.from >= from && g.to <= to && g.intro == Intro::Bare)
}

/// Like [`first_group`], for carrying a clause's subject over to the next clause: a city
/// there is a dateline or a place («المنامة - أ ش أ: انطلقت …»), not a subject to carry.
fn first_group_no_city(s: &Sentence, groups: &[Group], from: usize, to: usize) -> Option<usize> {
    first_group(groups, from, to).filter(|&g| {
        groups[g].members.iter().all(|&m| {
            let m = &s.mentions[m];
            m.kind != EntityType::Gpe || m.is_country()
        })
    })
}
/// A meeting with no mode word: where it happens against who meets.
fn infer_meeting_mode(d: &mut Draft, mediated: bool) {
    let countries: Vec<Option<&String>> = d.actors.iter().map(|a| a.country.as_ref()).collect();
    let place_country = d.place.as_ref().and_then(|(_, c)| c.as_ref());
    if let Some(pc) = place_country {
        if countries.iter().all(|c| c.is_some()) && d.actors.len() == 2 {
            let home: Vec<usize> = (0..d.actors.len())
                .filter(|&i| countries[i] == Some(pc))
                .collect();
            if home.is_empty() {
                d.mode = Some("third-party");
            } else if home.len() == 1 && countries[0] != countries[1] {
                d.mode = Some("visit");
                for (i, a) in d.actors.iter_mut().enumerate() {
                    a.role = if i == home[0] {
                        ActorRole::Target
                    } else {
                        ActorRole::Source
                    };
                }
            }
            return;
        }
    }
    if mediated && d.actors.len() == 2 {
        d.mode = Some("third-party");
    }
}

/// The confidence documented in the crate: what the reading rests on.
fn confidence(d: &Draft, verb: bool, fallback: bool) -> f32 {
    let mut c: f32 = 0.55;
    if verb {
        c += 0.15;
    }
    if d.actors.iter().all(|a| !a.country_only) {
        c += 0.1;
    }
    if d.date_explicit {
        c += 0.05;
    }
    if d.mode.is_some() {
        c += 0.05;
    }
    if fallback {
        c -= 0.15;
    }
    // A statement, a meeting or an agreement among people named only by a civilian or
    // official description, with no country («دعت البلدية المواطنين», «طالب المواطنون
    // البلدية»): read on the 3,000-article sample, mostly local
    // society news or a misread word, seldom an event an analyst counts.
    let anonymous = !matches!(d.kind, "ASSAULT" | "COERCE" | "PROTEST" | "MOBILIZE")
        && !d.actors.is_empty()
        && d.actors.iter().all(|a| {
            a.described
                && a.country.is_none()
                && matches!(
                    a.sector,
                    Some("CVL" | "EDU" | "BUS" | "NGO" | "REL" | "LAB" | "MED" | "GOV")
                )
        });
    if anonymous {
        c -= 0.2;
    }
    c.clamp(0.05, 0.95)
}

/// «ورفض الاتهامات الهندية لبلاده»: a nationality adjective right after another event's
/// noun says whose that event is (the Indian accusations), not who does the verb before.
/// After the trigger's own noun of force it is its agent («الهجوم الإسرائيلي»: Israel
/// attacked); after a noun of a stance it stays a description (in «الدعم الإيراني» the
/// support is spoken of, rarely reported).
fn describes_event_noun(s: &Sentence, lex: &Lexicon, t: &TriggerHit, g: &Group) -> bool {
    let m = &s.mentions[g.members[0]];
    let adjective =
        m.is_country() && m.to == m.from + 1 && crate::sentence::nisba(&s.tokens[m.from].folded);
    let force = matches!(
        lex.triggers[t.trigger].kind,
        "ASSAULT" | "COERCE" | "THREATEN"
    );
    adjective
        && s.triggers
            .iter()
            .any(|n| n.to == m.from && !n.verb && !(n.from == t.from && force))
}

/// Words that count people («عشرات», «خمسة», «نحو»): before a described actor, or right
/// after a verb that reports what it did to them («يقتل ثلاثة»).
pub(crate) const COUNT_WORDS: &[&str] = &[
    "عشرات",
    "ميات",
    "الاف",
    "نحو",
    "حوالي",
    "قرابه",
    "اكثر",
    "ثلاثه",
    "ثلاث",
    "اربعه",
    "اربع",
    "خمسه",
    "خمس",
    "سته",
    "ست",
    "سبعه",
    "سبع",
    "ثمانيه",
    "ثماني",
    "تسعه",
    "تسع",
    "عشره",
    "عشر",
    "اثنان",
    "اثنين",
    "عده",
    "عدد",
    "بعض",
];

/// A group of people counted («خمس نساء», «16 شخصا», «مئات من رجال الجيش», «نحو 260
/// مقاتلا») or of civilians («مدنيون»): who a violent verb is done to when it stands as its
/// subject.
fn counted_or_civilians(s: &Sentence, lex: &Lexicon, g: &Group) -> bool {
    g.members.iter().any(|&i| {
        let m = &s.mentions[i];
        // An indefinite singular in the accusative is one person counted («أن جنديا
        // أميركيا قتل»): «جنديا» is «جندي» + the accusative's alif (not «ميليشيا»).
        // Not a word that names one by the attack he makes («أن مهاجما انتحاريا فجر
        // حافلة»): a bomber, an attacker, a sniper, a kidnapper or a masked man does it.
        let accusative_one = m.described
            && s.tokens[m.from..m.to.min(s.tokens.len())].iter().any(|t| {
                let w = t.folded.trim_start_matches('و');
                w.strip_suffix('ا').is_some_and(|bare| {
                    !w.starts_with("ال")
                        && lex.actors.contains_key(bare)
                        && !matches!(bare, "انتحاري" | "مهاجم" | "قناص" | "خاطف" | "ملثم")
                })
            });
        if accusative_one {
            return true;
        }
        // The count may stand before a member noun («مئات من رجال الجيش»), and so may the
        // part of a count they are («22 شخصا معظمهم من رجال ميليشيا محلية قتلوا»).
        // A year is no count («عام 2003 هاجم إرهابيون»).
        let counted = (m.from.saturating_sub(3)..(m.from + 1).min(s.tokens.len())).any(|w| {
            let f = s.tokens[w].folded.trim_start_matches('و');
            let year = f.len() == 4 && f.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
            let part = matches!(f, "معظمهم" | "غالبيتهم" | "اغلبهم" | "اكثرهم" | "بينهم");
            f.chars().any(|c| c.is_numeric()) && !year || COUNT_WORDS.contains(&f) || part
        });
        // Members of a body it has taken the words of («عشرة عناصر من تنظيم داعش»).
        let members = || {
            let w = s.tokens[m.from].folded.trim_start_matches('و');
            lex.actor_word(w, ActorClass::Member)
        };
        // People of a group named by its adjective, indefinite or not («أسر 40 حوثيا»,
        // «11 من الحوثيين»: so many Houthis).
        let people_of_group = || {
            let w = s.tokens[m.from].folded.trim_start_matches('و');
            m.kind == EntityType::Organization
                && ["يا", "يين", "يون", "يان"].iter().any(|e| w.ends_with(e))
        };
        m.described && (counted || m.sector == Some("CVL"))
            || counted && (members() || people_of_group())
    })
}
