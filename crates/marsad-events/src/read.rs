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

use marsad_schema::{ActorRole, EntityType, EventStatus};
use marsad_text::Span;

use crate::lexicon::{Args, Cue, Lexicon};
use crate::sentence::{Mention, Sentence, Slot};

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
    /// After «بوساطة»: a mediator, not a party.
    Mediator,
    /// After «برصاص», «على يد», «من قبل»: who did it.
    Agent,
    /// After «بحضور»: attended — a party of a summit or a meeting of a body, else none.
    Attendee,
}

const CONFLICT: &[&str] = &["ASSAULT", "COERCE", "MOBILIZE", "THREATEN"];

/// Words that make a town after an attack where it happened rather than what it hit:
/// positions, directions, vicinities (folded, without the article).
const WHERE_WORDS: &[&str] = &[
    "مواقع",
    "موقع",
    "ريف",
    "شمال",
    "جنوب",
    "شرق",
    "غرب",
    "شمالي",
    "جنوبي",
    "شرقي",
    "غربي",
    "قرب",
    "بالقرب",
    "نحو",
    "اطراف",
    "محيط",
    "ضواحي",
    "حدود",
    "جبال",
    "اجواء",
];

/// Reads every trigger of `s`. `published` is the record's publication day.
pub fn read(
    s: &Sentence,
    lex: &Lexicon,
    published: Option<&str>,
    chars: &[char],
    implied: Option<&crate::describe::Antecedent>,
) -> Vec<Reading> {
    let clauses = clauses(s, chars);
    let groups = groups(s, chars);
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
            let absorbed = same_clause
                && nt.kind == trig.kind
                && (nt.args == trig.args || nt.mode == Some("phone"))
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

fn clauses(s: &Sentence, chars: &[char]) -> Vec<Clause> {
    let mut out = vec![Clause {
        from: 0,
        to: s.tokens.len(),
        kind: ClauseKind::Main,
        pronoun: false,
    }];
    for i in 1..s.tokens.len() {
        let kind = if s.has(i, Cue::Complement) {
            ClauseKind::Complement
        } else if s.has(i, Cue::Relative) {
            ClauseKind::Relative
        } else if s.has(i, Cue::Break)
            || quote_between(s, chars, i)
            // «…، متهمة أوكرانيا بالمسؤولية»: a circumstantial participle is a clause of
            // its own (a denial or a claim before it is not its).
            || s.triggers.iter().any(|t| t.from == i && t.participle)
        {
            ClauseKind::Opened
        } else {
            continue;
        };
        let pronoun = kind == ClauseKind::Complement
            && s.tokens[i].folded.len() > "ان".len()
            && !s.tokens[i].folded.starts_with('و');
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

/// Whether a colon or an opening quote stands between word `i - 1` and word `i`: a
/// quotation opens a clause of its own.
fn quote_between(s: &Sentence, chars: &[char], i: usize) -> bool {
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

fn groups(s: &Sentence, chars: &[char]) -> Vec<Group> {
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
            let and = matches!(gap, "و" | "and" | ", and" | "، و")
                || (gap.is_empty() || comma) && mention.clitic.starts_with('و');
            let same_kind = mention.kind == prev.kind && mention.is_country() == prev.is_country();
            let counterpart = s
                .tokens
                .get(mention.from)
                .is_some_and(|w| w.folded.starts_with("نظير"));
            // Country adjectives side by side are a list too (الروسية الإيرانية التركية).
            let adjectives = gap.is_empty()
                && mention.is_country()
                && prev.is_country()
                && mention.clitic.is_empty();
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
        let before = mention.from.checked_sub(1);
        let clitic = mention.clitic.trim_start_matches(['و', 'ف']);
        let prev_mention_to = m.checked_sub(1).map_or(0, |p| s.mentions[p].to);
        let near = |c: Cue| {
            // Up to three words between: a title the KB does not hold as part of the name
            // («with Azerbaijani President Ilham Aliyev»).
            let from = mention.from.saturating_sub(3).max(prev_mention_to);
            (from..mention.from).any(|i| s.has(i, c))
                && !s
                    .triggers
                    .iter()
                    .any(|t| t.from > from && t.from < mention.from)
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
        let intro = if near(Cue::Mediation) {
            Intro::Mediator
        } else if near(Cue::Attendee) {
            Intro::Attendee
        } else if near(Cue::Agent) {
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

/// «بحسب/وفقا لـ/نقلا عن X»: X is cited, not an actor.
fn according(s: &Sentence, groups: &[Group], used: &mut [bool]) -> Option<String> {
    let mut who = None;
    for i in 0..s.tokens.len() {
        if !s.has(i, Cue::According) {
            continue;
        }
        if let Some(g) = groups.iter().position(|g| g.from > i && g.from <= i + 5) {
            used[g] = true;
            who.get_or_insert_with(|| s.mentions[groups[g].members[0]].key.clone());
        }
    }
    who
}

/// The actor a mention names in `role`: a capital stands for its government («طهران
/// ترفض» is Iran); a town only as the target of an attack, an arrest, a withdrawal or aid
/// (`town_target`: «قصفت القوات مدينة خاركيف» hits Ukraine), else it is where things
/// happen and no actor («وسع معاركه إلى تعز»); a region or a sea never acts.
fn party(m: &Mention, role: ActorRole, lex: &Lexicon, town_target: bool) -> Option<Party> {
    if m.kind == EntityType::Location {
        return None;
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
    })
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
        }
    }

    /// A country standing in a role by itself (the host of a visit to its city).
    fn country(code: &str, role: ActorRole, span: Span) -> Party {
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

fn read_one(cx: &Context, u: &Unit, state: &mut State) -> Vec<Outcome> {
    let (s, lex, published) = (cx.s, cx.lex, cx.published);
    let (clauses, groups) = (&cx.clauses[..], &cx.groups[..]);
    let (k, end, ci, reg_from, reg_to) = (u.k, u.end, u.ci, u.reg_from, u.reg_to);
    let (mode_word, future_form) = (u.mode, u.future);
    let c = &clauses[ci];
    let according = cx.according.clone();
    let State {
        used,
        last_subject,
        first_subject,
        last_object,
        host_place,
        negated_clause,
        implied_first,
    } = state;
    let t = &s.triggers[k];
    let last = &s.triggers[end - 1];
    let trig = &lex.triggers[t.trigger];
    // Negations, conditions, drafts.
    let frame_words = (c.kind == ClauseKind::Complement).then(|| clauses[ci - 1].from..c.from);
    if (t.from.saturating_sub(2)..t.from).any(|i| s.has(i, Cue::Negation))
        // «ليس من المتوقع أن يزور»: the frame right before «أن» is negated.
        || frame_words.clone().is_some_and(|f| (f.end.saturating_sub(4).max(f.start)..f.end).any(|i| s.has(i, Cue::Negation)))
    {
        *negated_clause = Some(ci);
        return vec![Outcome::Rejected("negated")];
    }
    // «قد تفرض»: «قد» before an imperfect verb says "may", not "has".
    if t.verb && t.from > 0 && s.tokens[t.from - 1].folded.trim_start_matches('و') == "قد" {
        let imperfect = s.tokens[t.from]
            .folded
            .trim_start_matches(['و', 'ف'])
            .starts_with(['ي', 'ت', 'ن']);
        if imperfect {
            return vec![Outcome::Rejected(
                "a possibility («قد» before an imperfect), not a report",
            )];
        }
    }
    if s.any(c.from, t.from, Cue::Hypothesis)
        || frame_words.is_some_and(|f| s.any(f.start, f.end, Cue::Hypothesis))
    {
        return vec![Outcome::Rejected("a condition or a question, not a report")];
    }
    if (t.from.saturating_sub(3)..t.from).any(|i| s.has(i, Cue::Draft)) {
        return vec![Outcome::Rejected("a draft or a proposal")];
    }
    // «جريمة اغتيال الحريري», «التحقيق في اختطاف …», «ذكرى تفجير …», «خطط لاغتيال …»: a
    // verbal noun named as the topic of a case, an inquiry, an anniversary or a plan is
    // not a report that it happened (on the annotated newswire half, most nominal
    // mentions of violence are of this kind).
    // «مقتل تسعة أشخاص جراء تحطم المروحية»: deaths in an accident or a disaster.
    if trig.kind == "ASSAULT" && s.any(c.from, c.to, Cue::Accident) {
        return vec![Outcome::Rejected(
            "deaths or injuries in an accident or a disaster, not an attack",
        )];
    }
    // A verb form right after such a noun («جريمة قتل», «قضية خطف») is its verbal noun.
    let topic_right_before = t.from > 0 && s.has(t.from - 1, Cue::Topic);
    let nominal = !t.verb && !t.participle || t.verb && topic_right_before;
    if nominal && (t.from.saturating_sub(3)..t.from).any(|i| s.has(i, Cue::Topic)) {
        return vec![Outcome::Rejected(
            "the topic of a case, an inquiry, an anniversary or a plan, not a report",
        )];
    }
    // The trigger's own senses that are no event (`unless` in triggers.tsv): «وصلت الطائرة
    // الإغاثية», «استقبل المستشفى الحالات».
    if !trig.unless.is_empty() {
        // Two words before, and after it up to eight words within its clause and before
        // the next trigger («حذرت وزارة الصحة السعودية من مخاطر التدخين»: the subject
        // stands between the verb and what it warns of).
        let next = s.triggers.get(end).map_or(c.to, |n| n.from.min(c.to));
        let window =
            t.from.saturating_sub(2)..(last.to + 8).min(next.max(last.to + 3)).min(s.tokens.len());
        let hit = window.clone().any(|i| {
            crate::sentence::stems(&s.tokens[i].folded)
                .any(|(_, w)| trig.unless.iter().any(|u| *u == w))
        });
        if hit {
            return vec![Outcome::Rejected(
                "the word in a sense that is no event (a word of its unless list)",
            )];
        }
    }
    // «رفض التعليق», «استقبال الحالات», «مسيرته»: the word in a sense that is no event
    // (its complement may follow the subject: «رفض المتحدث … التعليق»).
    let next_trigger = s.triggers.get(end).map_or(c.to, |n| n.from.min(c.to));
    if (last.to..(last.to + 8).min(next_trigger)).any(|i| s.has(i, Cue::Unless))
        || trig.kind == "PROTEST" && t.pronoun
    {
        return vec![Outcome::Rejected("the word in a sense that is no event")];
    }

    // Passive «تم بحث …»: the words after are the topic; parties only from «بين».
    let passive = t.from > 0
        && matches!(
            s.tokens[t.from - 1].folded.as_str(),
            "تم" | "وتم" | "جري" | "وجري"
        );
    // A verbal noun joined by و to the trigger before it (… بمخالفة الاتفاقات ودخول …
    // وقصف …) continues that trigger's complement: it has no subject of its own before it.
    let coordinated = (!t.verb || t.ambiguous)
        && t.prefix.starts_with('و')
        && k > 0
        && s.triggers[k - 1].from >= c.from;
    // «هدد بشن عملية عسكرية»، «دعا إلى وقف إطلاق النار»: what is threatened, asked or
    // refused is not an event that happened.
    if k > 0 {
        let p = &s.triggers[k - 1];
        if p.from >= c.from
            && t.from <= p.to + 2
            && matches!(
                lex.triggers[p.trigger].kind,
                "THREATEN" | "REQUEST" | "REJECT"
            )
        {
            return vec![Outcome::Rejected(
                "the content of a threat, a request or a refusal",
            )];
        }
    }
    // «تحدث عن …»، «spoke about …»: a talk about something, not with someone.
    if trig.args == Args::Sym
        && t.verb
        && s.tokens
            .get(last.to)
            .is_some_and(|w| matches!(w.folded.as_str(), "عن" | "about"))
    {
        return vec![Outcome::Rejected("spoke about something, not with someone")];
    }
    // Subject.
    // «ولم يدن الرئيس ترامب الهجوم»: the name right after a verb is that verb's subject,
    // not the agent of the noun that follows it.
    let subject_of_a_verb = |g: usize| {
        s.triggers.iter().any(|o| {
            o.verb && o.from != t.from && o.to <= groups[g].from && groups[g].from <= o.to + 1
        })
    };
    let before: Vec<usize> = (0..groups.len())
        .filter(|&g| !used[g] && groups[g].from >= reg_from.max(c.from) && groups[g].to <= t.from)
        .filter(|&g| t.verb || !subject_of_a_verb(g))
        .filter(|&g| matches!(groups[g].intro, Intro::Bare))
        .filter(|&g| t.verb || groups[g].to + 3 >= t.from)
        .filter(|_| !coordinated && !passive)
        .collect();
    let after: Vec<usize> = (0..groups.len())
        .filter(|&g| !used[g] && groups[g].from >= t.to && groups[g].to <= reg_to)
        .filter(|&g| groups[g].intro != Intro::Mediator)
        .filter(|&g| groups[g].intro != Intro::Attendee || trig.kind == "CONSULT")
        .collect();
    let during = t.from > 0 && s.any(t.from.saturating_sub(2), t.from, Cue::During);
    if during && *negated_clause == Some(ci) {
        return vec![Outcome::Rejected("negated (the verb it belongs to is)")];
    }
    let dative_before = (0..groups.len()).rev().find(|&g| {
        groups[g].from >= c.from
            && groups[g].to <= t.from
            && groups[g].to + 3 >= t.from
            && groups[g].prep == "ل"
    });
    let mut fallback = false;
    let mut subject: Option<usize> = None;
    let mut object: Option<usize> = None;
    if during && before.len() >= 2 {
        // «أطلع بوتين الرئيس الإيراني، خلال اتصال هاتفي»: the clause's subject and object.
        subject = Some(before[before.len() - 2]);
        object = Some(before[before.len() - 1]);
    } else if t.pronoun && (last_subject.is_some() || dative_before.is_some()) {
        // «خلال لقائه …»: his meeting — the sentence's subject; but in «الشكر لبوتين على
        // دعمه» (thanks to X for his support) the one thanked, right before.
        subject = dative_before.or(*last_subject);
        fallback = true;
    } else if let Some(&g) = before.last() {
        subject = Some(g);
    }
    // «…، مطالبا X بـ»: a circumstantial participle speaks for its clause's subject
    // (the sentence's subject so far), never for a name after it.
    if t.participle {
        subject =
            (*first_subject).or_else(|| first_group(groups, 0, t.from).filter(|_| !*implied_first));
        fallback = subject.is_some();
    }
    // «… ودعا إلى العودة»: a verb joined by «و» with no subject of its own, whose next
    // word opens its complement, shares the sentence's subject (even inside a reported
    // clause, «قال إنه … ودعا»).
    let coordinated_verb = t.verb
        && t.prefix.starts_with('و')
        && subject.is_none()
        && s.tokens.get(last.to).is_some_and(|w| {
            let w = w.folded.as_str();
            matches!(w, "الي" | "علي" | "ان" | "انه" | "انها") || w.starts_with('ب')
        });
    if coordinated_verb {
        subject = (*first_subject).filter(|&g| groups[g].to <= t.from);
        fallback = subject.is_some();
    }
    let frame_denies = c.kind == ClauseKind::Complement
        && s.any(clauses[ci - 1].from, clauses[ci - 1].to, Cue::Deny);
    let mut rest: Vec<usize> = after.clone();
    // «وأكد أنه يرفض أي خطط …»: the pronoun on «أنه» is the verb's subject; the names
    // after the verb are its object, never its subject.
    // «وحث خلال زيارته إسرائيل على …», «وخلال لقائه بنظيره …، دعا الولايات المتحدة»:
    // «during his visit» beside the verb says its subject is the one the page spoke of;
    // the name after the verb is its object.
    let during_own = s.triggers.iter().any(|n| {
        n.from != t.from
            && n.from > 0
            && n.from >= c.from
            && n.from <= last.to + 2
            && (n.pronoun || n.definite)
            && s.has(n.from - 1, Cue::During)
    });
    let pronoun_subject = t.verb
        && (c.kind == ClauseKind::Complement && c.pronoun && t.from <= c.from + 2
            || during_own && matches!(c.kind, ClauseKind::Main | ClauseKind::Opened));
    if subject.is_none() && !passive && !t.participle && !t.subject_suffix && !pronoun_subject {
        if let Some(pos) = rest
            .iter()
            // «التقى … نظيره»: after a verb, the counterpart is the object; after a
            // verbal noun it may be the agent («زيارة نظيره الأذربيجاني»).
            .position(|&g| {
                groups[g].intro == Intro::Bare
                    && !(t.verb && groups[g].counterpart)
                    && !describes_event_noun(s, &groups[g])
            })
        {
            // VSO: the subject follows the verb closely; a verbal noun's agent is its
            // genitive, right after it (not a name joined by «و» to something else).
            let g0 = &groups[rest[pos]];
            let near = if t.verb {
                g0.from <= t.to + 3
            } else {
                g0.from <= last.to + 1 && !s.mentions[g0.members[0]].clitic.starts_with('و')
            };
            // «… والتقى المرشد الإيراني»: a verb joined to an earlier one, whose only name
            // after it is its object, shares the earlier verb's subject.
            let sole_name_after = rest.len() == 1;
            // «التقى خلالها أردوغان»: "during it" ties the verb to the event before.
            let during_it = s
                .tokens
                .get(t.to)
                .is_some_and(|w| matches!(w.folded.as_str(), "خلالها" | "خلاله" | "خلالهما"));
            let shares_subject = t.verb
                && (t.prefix.starts_with('و') || during_it || frame_denies)
                && sole_name_after
                && matches!(trig.args, Args::Sym | Args::Host | Args::Dir)
                && (last_subject.is_some_and(|ls| ls != rest[pos]) || frame_denies);
            if shares_subject {
                subject = if frame_denies {
                    first_group(groups, clauses[ci - 1].from, clauses[ci - 1].to)
                } else {
                    *last_subject
                };
                fallback = true;
            } else if near && (pos == 0 || !t.verb) {
                subject = Some(rest.remove(pos));
            }
        }
    }
    let with_companions = rest.iter().any(|&g| groups[g].intro == Intro::Companion);
    if subject.is_none()
        && !passive
        && !t.participle
        && (t.verb || t.pronoun || during || with_companions)
        && !coordinated
    {
        fallback = true;
        subject = match c.kind {
            ClauseKind::Relative => groups
                .iter()
                .position(|g| g.to == c.from || g.to + 1 == c.from),
            // «أعلنت الوزارة أنها …»، «نفت موسكو أن تكون قواتها قد قصفت»: the frame's
            // subject speaks of itself.
            ClauseKind::Complement if c.pronoun || frame_denies => ci
                .checked_sub(1)
                .and_then(|p| first_group(groups, clauses[p].from, clauses[p].to)),
            // An attack's source must be said in its own clause, not carried over.
            ClauseKind::Opened | ClauseKind::Main if !CONFLICT.contains(&trig.kind) => {
                (*last_subject).or_else(|| {
                    ci.checked_sub(1).and_then(|p| {
                        first_group_no_city(s, groups, clauses[p].from, clauses[p].to)
                    })
                })
            }
            _ => None,
        };
        if t.pronoun || during {
            subject = subject.or(*last_subject);
        }
    }
    let anchor_end = subject
        .filter(|&g| groups[g].from >= last.to)
        .map_or(last.to, |g| groups[g].to);
    let between: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&g| groups[g].intro == Intro::Between && groups[g].from <= anchor_end + 3)
        .collect();
    // «بحث X مع Y», «بحث هاتفيا مع Y»: «مع» right after the trigger, its adverb or a
    // name; after another noun it belongs to that noun («الحدود مع العراق», «اتفاق مع
    // طهران»).
    let companion_near = |g: usize| {
        let with_at = (groups[g].from.saturating_sub(3)..groups[g].from)
            .rev()
            .find(|&i| s.has(i, Cue::Companion));
        with_at.is_some_and(|m| {
            let before = m.checked_sub(1).map_or("", |p| s.tokens[p].folded.as_str());
            let border = before.contains("حدود");
            let relational = border
                || [
                    "علاق",
                    "اتفاق",
                    "صفقه",
                    "نزاع",
                    "صراع",
                    "حرب",
                    "معارك",
                    "اشتباك",
                    "تعامل",
                ]
                .iter()
                .any(|n| before.contains(n));
            // «حشدت قواتها على حدودها مع فنلندا»: forces massed at a border face the
            // country across it.
            !relational || border && trig.kind == "MOBILIZE"
        })
    };
    let multilateral = u.mode == Some("multilateral")
        || s.mentions
            .iter()
            .any(|m| m.kind == EntityType::Organization && m.country.is_none() && !m.described);
    let mut companions: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&g| {
            groups[g].intro == Intro::Companion && companion_near(g)
                // «عقد مجلس التعاون اجتماعا وزاريا بحضور وزير الخارجية الأردني»: who
                // attends a meeting of a body takes part in it.
                || groups[g].intro == Intro::Attendee && multilateral
        })
        .collect();
    // «وبحث معه»: with him — the one the sentence's last event was with.
    let with_him = (t.to..reg_to.min(t.to + 3)).any(|i| {
        matches!(
            s.tokens[i].folded.trim_start_matches('و'),
            "معه" | "معها" | "معهما" | "معهم"
        )
    });
    if companions.is_empty() && with_him {
        companions.extend(*last_object);
    }
    if !t.verb && !between.is_empty() {
        // «لقاء بين علييف وباشينيان»: the parties are the ones «بين» names.
        subject = None;
    }
    // «تم اعتقال X», «تم ضبط X»: a passive act of force is still done to the name after
    // it (a passive meeting's names are its topic).
    let done_to = passive && matches!(trig.kind, "ASSAULT" | "COERCE");
    if object.is_none() && (!passive || done_to) {
        object = rest
            .iter()
            .copied()
            .find(|&g| matches!(groups[g].intro, Intro::Bare | Intro::Preposition));
    }
    // «قتل شاب برصاص الجيش»، «مقتل ثلاثة على يد مسلحين»: an agent phrase names who did
    // it; the name the verb would have taken as its subject is then who it was done to.
    let agent = rest
        .iter()
        .copied()
        .find(|&g| groups[g].intro == Intro::Agent);
    let mut patient: Option<usize> = None;
    if trig.args == Args::Patient {
        // «مقتل 15 من عناصره»: the noun's complement is its target; its subject, if the
        // clause has one, is only the frame («أعلن الجيش مقتل …» — who speaks).
        patient = rest
            .iter()
            .copied()
            .find(|&g| matches!(groups[g].intro, Intro::Bare | Intro::Preposition))
            .filter(|&g| groups[g].from <= last.to + 3)
            .or(subject.filter(|&g| groups[g].from >= last.to));
        subject = agent;
        object = None;
    } else if let Some(ag) = agent.filter(|_| matches!(trig.args, Args::Dir | Args::Solo)) {
        patient = subject.or(object);
        subject = Some(ag);
        object = None;
    } else if t.verb
        && matches!(trig.kind, "ASSAULT" | "COERCE")
        && subject.is_some_and(|g| counted_or_civilians(s, &groups[g]))
    {
        // «وقتل مئات من رجال الجيش في هجمات», «قتلت خمس نساء», «اعتقل 16 شخصا», «نحو
        // 260 مقاتلا قتلوا»: unvowelled, these verbs are passive when what stands as
        // their subject is a count of people or civilians (the active «قتل الجيش 20
        // مسلحا» has a body as its subject). They are who it was done to.
        patient = subject;
        subject = None;
        object = None;
    }
    // No subject in the sentence: the one the page last spoke of, for words that need
    // one said before — a participle, a noun with a pronoun («زيارته»), a verb whose next
    // word opens a complement («ودعا إلى», «وأكد أن», «وطالب بـ»).
    let opens_complement = s.tokens.get(last.to).is_some_and(|w| {
        let w = w.folded.as_str();
        matches!(
            w,
            "الي" | "علي" | "ان" | "انه" | "انها" | "الا" | "عن" | "في"
        ) || w.starts_with('ب') && !w.starts_with("بين")
            || w.starts_with("ل") && !w.starts_with("لا")
    });
    // The verb opens its clause (after «و», «ف», «قد», «كما» …): nothing before it that
    // could be its subject, named or not («الدول الثلاث تدين» has one).
    let opens_clause = (c.from..t.from).all(|i| {
        matches!(
            s.tokens[i].folded.as_str(),
            "و" | "ف"
                | "قد"
                | "وقد"
                | "لقد"
                | "ثم"
                | "كما"
                | "كذلك"
                | "بدوره"
                | "بدورها"
                | "من_جهته"
        )
    });
    let own_clause = matches!(c.kind, ClauseKind::Main | ClauseKind::Opened);
    // «وأدان العمل الإجرامي»: a statement verb that opens its sentence with no name
    // after it (a named one would have been its subject) speaks for the one the page
    // last spoke of; a violent verb never does (its doer must be said).
    let stance = matches!(trig.kind, "ACCUSE" | "SUPPORT" | "REQUEST" | "REJECT");
    let implied = (subject.is_none() && !passive && !coordinated)
        .then_some(cx.implied)
        .flatten()
        .filter(|_| {
            t.participle
                || t.pronoun && own_clause
                || t.verb && own_clause && opens_clause && (opens_complement || stance)
                || pronoun_subject
        });
    if implied.is_some() && first_subject.is_none() {
        *implied_first = true;
    }
    if let Some(g) = subject {
        *last_subject = Some(g);
        first_subject.get_or_insert(g);
    }
    if object.is_some() {
        *last_object = object;
    }
    // A meeting is with someone (اتصل ب، تلقى اتصالا من، تحدث إلى), not about or against them
    // (بحث … جهود وقف الحرب على غزة).
    let sym_object = object.filter(|&g| {
        groups[g].intro == Intro::Bare || matches!(groups[g].prep.as_str(), "ب" | "من" | "الي")
    });

    // Place: in the region after the trigger, else anywhere in the clause.
    let place_of = |from: usize, to: usize| {
        s.mentions
            .iter()
            .find(|m| {
                m.slot == Slot::Place
                    && m.from >= from
                    && m.to <= to
                    && m.kind != EntityType::Location
            })
            .or_else(|| {
                s.mentions
                    .iter()
                    .find(|m| m.slot == Slot::Place && m.from >= from && m.to <= to)
            })
    };
    // A verbal noun followed by a relative clause (المباحثات التي جرت … في بروكسل في
    // السادس من أبريل) is described by it: its place and date are the noun's.
    let described_to = if s.has(last.to, Cue::Relative) {
        clauses
            .iter()
            .find(|x| x.from == last.to)
            .map_or(reg_to, |x| x.to)
    } else {
        reg_to
    };
    let mut place = place_of(t.from, described_to).or_else(|| place_of(c.from, t.from));
    if place.is_none()
        && c.kind == ClauseKind::Opened
        && ci > 0
        && s.tokens[c.from].folded.ends_with("حيث")
    {
        place = place_of(clauses[ci - 1].from, clauses[ci - 1].to);
    }
    // Where the place is named: the span of a host country that comes from it.
    let mut place_span = place.map_or(s.span, |m| m.span);
    let mut place = place
        .map(|m| {
            let country = if m.is_country() {
                Some(m.key.clone())
            } else {
                m.country.clone()
            };
            (m.key.clone(), country)
        })
        .or_else(|| host_place.take());
    let about: Vec<String> = s
        .mentions
        .iter()
        .filter(|m| m.slot == Slot::About && m.from >= t.from && m.to <= reg_to.max(c.to))
        .map(|m| m.key.clone())
        .fold(Vec::new(), |mut v, k| {
            if !v.contains(&k) {
                v.push(k);
            }
            v
        });

    let members = |g: Option<usize>| -> Vec<&Mention> {
        g.map(|g| groups[g].members.iter().map(|&m| &s.mentions[m]).collect())
            .unwrap_or_default()
    };
    let mut actors: Vec<Party> = Vec::new();
    let attacked_town = matches!(trig.kind, "ASSAULT" | "COERCE" | "RETREAT" | "AID");
    let push = |m: &Mention, role: ActorRole, actors: &mut Vec<Party>| {
        let Some(p) = party(m, role, lex, attacked_town && role == ActorRole::Target) else {
            return;
        };
        if !actors.iter().any(|a| a.key == p.key) {
            actors.push(p);
        }
    };
    let args = trig.args;
    match args {
        Args::Sym => {
            for m in members(subject) {
                push(m, ActorRole::Party, &mut actors);
            }
            for g in companions.iter().chain(&between) {
                for m in members(Some(*g)) {
                    push(m, ActorRole::Party, &mut actors);
                }
            }
            // «في قمة مجموعة بريكس»: the body right after a summit word is the forum the
            // parties meet in, not one more party.
            let forum = sym_object.filter(|&g| {
                mode_word == Some("multilateral")
                    && groups[g].from <= last.to + 2
                    && members(Some(g))
                        .iter()
                        .all(|m| m.kind == EntityType::Organization && m.country.is_none())
            });
            if companions.is_empty() && between.is_empty() && forum.is_none() {
                for m in members(sym_object) {
                    push(m, ActorRole::Party, &mut actors);
                }
            }
        }
        Args::Host => {
            for m in members(subject) {
                if m.kind == EntityType::Gpe && !m.is_country() {
                    // «تستعد بكين لاستضافة القمة»: the city is where, for the meeting after.
                    *host_place = Some((m.key.clone(), m.country.clone()));
                    continue;
                }
                push(m, ActorRole::Target, &mut actors);
            }
            for g in object.iter().chain(&companions) {
                for m in members(Some(*g)) {
                    push(m, ActorRole::Source, &mut actors);
                }
            }
        }
        Args::Visit => {
            for m in members(subject) {
                push(m, ActorRole::Source, &mut actors);
            }
            let hosts: Vec<&Mention> = object
                .iter()
                .chain(&companions)
                .flat_map(|g| members(Some(*g)))
                .collect();
            for m in hosts {
                if m.kind == EntityType::Gpe && !m.is_country() {
                    // «زار X موسكو»، «زيارته لطهران»: the city is where, its country the host.
                    place = Some((m.key.clone(), m.country.clone()));
                    place_span = m.span;
                    continue;
                }
                push(m, ActorRole::Target, &mut actors);
            }
            if !actors.iter().any(|a| a.role == ActorRole::Target) {
                if let Some((_, Some(country))) = &place {
                    actors.push(Party::country(country, ActorRole::Target, place_span));
                }
            }
        }
        Args::Dir | Args::Solo | Args::Patient => {
            for m in members(subject) {
                push(m, ActorRole::Source, &mut actors);
            }
            for m in members(patient) {
                push(m, ActorRole::Target, &mut actors);
            }
            for g in object.iter().chain(&companions).chain(&between) {
                // «حشدت روسيا آلاف الجنود»: the forces a one-actor event moves are what
                // it moves, not its target.
                let moved = args == Args::Solo
                    && (groups[*g].intro == Intro::Bare
                        || matches!(groups[*g].prep.as_str(), "ل" | "ب"))
                    && members(Some(*g)).iter().all(|m| m.described);
                if moved {
                    continue;
                }
                for m in members(Some(*g)) {
                    push(m, ActorRole::Target, &mut actors);
                }
            }
            // «قصفت القوات الروسية مدينة خاركيف»، «أرسلت مساعدات إلى غزة»: a town the
            // verb takes as its object stands for its country as the target; a town
            // after «في» or a direction («مواقع في ريف درعا جنوب سوريا») is only where.
            let object_from = subject
                .iter()
                .chain(object.iter())
                .filter(|&&g| groups[g].from >= last.to)
                .map(|&g| groups[g].to)
                .max()
                .unwrap_or(last.to);
            // Between the verb's words and the town, a few words that say what was hit
            // («بلدات في مقاطعة سيونيك», «مستشفى للأطفال في كييف», «حصارا مشددا على
            // قطاع غزة»); not a position, a direction or a vicinity, which say where
            // rather than what («مواقع عسكرية في ريف درعا جنوب سوريا»).
            let only_what = |from: usize, to: usize| {
                to <= from + 4
                    && !(from..to).any(|i| {
                        let w = s.tokens[i].folded.trim_start_matches('و');
                        let w = w.strip_prefix("ال").unwrap_or(w);
                        WHERE_WORDS.contains(&w)
                    })
            };
            let after_trigger = attacked_town
                && place.is_some()
                && s.mentions.iter().any(|m| {
                    m.slot == Slot::Place
                        && m.from >= object_from
                        && m.to <= reg_to
                        && (trig.kind == "AID" || only_what(object_from, m.from))
                });
            // With no one named as doing it, a country as the target says no more than the
            // place does («انفجار يستهدف دورية في البحرين»).
            let has_source = actors.iter().any(|a| a.role == ActorRole::Source);
            if after_trigger && has_source && !actors.iter().any(|a| a.role == ActorRole::Target) {
                if let Some((_, Some(country))) = &place {
                    if !actors.iter().any(|a| a.country.as_ref() == Some(country)) {
                        actors.push(Party::country(country, ActorRole::Target, place_span));
                    }
                }
            }
        }
    }
    if let Some(a) = implied {
        let role = match args {
            Args::Sym => ActorRole::Party,
            Args::Host => ActorRole::Target,
            Args::Visit | Args::Dir | Args::Solo | Args::Patient => ActorRole::Source,
        };
        if !actors.iter().any(|x| x.key == a.key) {
            actors.insert(0, Party::implied(a, role));
            fallback = true;
        }
    }
    for g in subject
        .iter()
        .chain(object.iter())
        .chain(patient.iter())
        .chain(&companions)
        .chain(&between)
    {
        used[*g] = true;
    }

    // Date: the region's, else the clause's.
    let in_range = |from: usize, to: usize| {
        let (a, b) = (
            s.tokens.get(from).map_or(usize::MAX, |t| t.span.start),
            s.tokens.get(to.saturating_sub(1)).map_or(0, |t| t.span.end),
        );
        let anchor = s.tokens[t.from].span.start;
        s.dates
            .iter()
            .filter(|d| d.start >= a && d.end <= b)
            .min_by_key(|d| d.start.abs_diff(anchor))
            .map(|d| d.value.split('/').next().unwrap_or(&d.value).to_string())
    };
    // The region's date; else a date earlier in the clause (it governs what follows);
    // else, in a clause that explains the one before (إذ، حيث، فيما), that clause's.
    let explicit = in_range(reg_from.max(c.from), described_to)
        .or_else(|| in_range(c.from, t.from))
        .or_else(|| {
            (c.kind == ClauseKind::Opened && ci > 0)
                .then(|| in_range(clauses[ci - 1].from, clauses[ci - 1].to))
                .flatten()
        });
    let background = s.any(c.from, t.from, Cue::Background)
        // «زيارته الأخيرة لطهران»: his last visit, an earlier one.
        || !t.verb && s.any(last.to, last.to + 2, Cue::Background)
        || ci > 0
            && s.any(clauses[ci - 1].from, clauses[ci - 1].to, Cue::Background)
            && c.kind != ClauseKind::Main;

    // Status.
    let frame = (c.kind == ClauseKind::Complement).then(|| &clauses[ci - 1]);
    let future_cue = future_form
        || !t.verb && s.any(last.to, last.to + 2, Cue::Future)
        || s.any(c.from, t.to, Cue::Future)
        || frame.is_some_and(|f| s.any(f.from, f.to, Cue::Future))
        || s.any(t.to, reg_to, Cue::Future)
            && s.tokens
                .iter()
                .skip(t.to)
                .take(4)
                .any(|x| x.folded == "لاحقا");
    // Compared at the coarser precision: «أبريل المقبل» is after 2024-03-05.
    // Compared at the coarser precision (a week, 2024-W09, is not compared).
    let after_published = |d: &str| {
        published.is_some_and(|p| {
            let n = d.len().min(p.len());
            !d.contains('W') && d[..n] > p[..n]
        })
    };
    let mut status = EventStatus::Occurred;
    if future_cue {
        status = EventStatus::Planned;
        if explicit
            .as_deref()
            .is_some_and(|d| Some(d) == published.map(|p| &p[..p.len().min(10)]))
        {
            status = EventStatus::Occurred;
        }
    }
    if explicit.as_deref().is_some_and(after_published) {
        status = EventStatus::Planned;
    }
    let frame_attributor = frame
        .and_then(|f| first_group(groups, f.from, f.to))
        .map(|g| &s.mentions[groups[g].members[0]]);
    if frame.is_some_and(|f| s.any(f.from, f.to, Cue::Deny)) || s.any(c.from, t.from, Cue::Deny) {
        status = EventStatus::Denied;
    } else if frame.is_some_and(|f| s.any(f.from, f.to, Cue::Claim))
        || s.any(c.from, t.from, Cue::Claim)
    {
        status = EventStatus::Claimed;
    } else if status == EventStatus::Occurred {
        // A conflict event told through a party's statement is that party's claim; so is
        // any event a third country tells of others («ذكرت المخابرات الأمريكية أن إيران
        // زودت روسيا»). The Kremlin telling of Putin's call is a report.
        let said = frame.is_some_and(|f| s.any(f.from, f.to, Cue::Say));
        // Told by a third party: the speaker's country is none of the actors'.
        let of_another = said
            && frame_attributor.is_some_and(|m| {
                m.country.is_some() && !actors.iter().any(|a| a.country == m.country)
            });
        let party_statement = said && frame_attributor.is_some() || according.is_some();
        // What a speaker tells of its own acts («أعلن الجيش مقتل 15 مسلحا»), or of an act
        // by no one named («أوضح مدير الجمرك أن الكمية تم ضبطها»), is a fact stated
        // plainly; a claim says that someone else did it.
        let sources: Vec<&Party> = actors
            .iter()
            .filter(|a| a.role == ActorRole::Source)
            .collect();
        let speaker_acts = frame_attributor.is_some_and(|m| {
            sources
                .iter()
                .any(|a| a.key == m.key || m.country.is_some() && a.country == m.country)
        });
        let of_others = !sources.is_empty() && !speaker_acts;
        if (CONFLICT.contains(&trig.kind) && party_statement || of_another) && of_others {
            status = EventStatus::Claimed;
        }
    }
    let attributed_to = according
        .filter(|a| !actors.iter().any(|x| &x.key == a))
        .or_else(|| {
            frame
                .filter(|f| s.any(f.from, f.to, Cue::Say))
                .and(frame_attributor)
                .filter(|m| m.kind != EntityType::Gpe || m.is_country())
                .map(|m| m.key.clone())
                .filter(|k| !actors.iter().any(|x| &x.key == k))
        });

    let date = match &explicit {
        Some(d) => Some(d.clone()),
        None if status == EventStatus::Planned || background || t.definite && !t.verb => None,
        None => published.map(|p| p[..p.len().min(10)].to_string()),
    };
    let mut draft = Draft {
        kind: trig.kind,
        mode: mode_word,
        actors,
        date,
        date_explicit: explicit.is_some(),
        place,
        about,
        status,
        attributed_to,
        evidence: s.span,
        trigger: Span::new(s.tokens[t.from].span.start, s.tokens[last.to - 1].span.end),
        confidence: 0.0,
        killed: None,
        wounded: None,
        recalled: background || long_before(explicit.as_deref(), published),
        noun: !t.verb && !t.participle,
        absorbed: false,
        consequence: trig.args == Args::Patient
            && (t.from.saturating_sub(3)..t.from).any(|i| s.has(i, Cue::Consequence)),
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

    let region_has = |cue: Cue| s.any(reg_from.max(c.from), reg_to, cue);
    // Mode and the minimum of actors.
    let parties = draft.actors.len();
    let has = |r: ActorRole| draft.actors.iter().any(|a| a.role == r);
    let enough = match args {
        Args::Sym => parties >= 2,
        Args::Host | Args::Visit => has(ActorRole::Source) && has(ActorRole::Target),
        // Violence and coercion are events with an unknown side (an attack by no one
        // named, an arrest by unnamed police); a statement, a demand, a refusal, a
        // sanction, aid or a protest is one with its source alone («أدان الهجوم»).
        Args::Dir => match trig.kind {
            "ASSAULT" | "COERCE" => has(ActorRole::Source) || has(ActorRole::Target),
            "ACCUSE" | "SUPPORT" | "REQUEST" | "REJECT" | "THREATEN" | "SANCTION" | "AID"
            | "CONCEDE" | "PROTEST" => has(ActorRole::Source),
            _ => has(ActorRole::Source) && has(ActorRole::Target),
        },
        Args::Solo => has(ActorRole::Source),
        Args::Patient => has(ActorRole::Source) || has(ActorRole::Target),
    };
    if !enough {
        if draft.place.is_some() && draft.date_explicit {
            return vec![Outcome::Anchor(draft)];
        }
        return vec![Outcome::Rejected(if parties == 0 {
            "no actor"
        } else {
            "one actor, and the type needs two"
        })];
    }
    if matches!(draft.kind, "ASSAULT" | "PROTEST" | "COERCE") && draft.mode.is_none() {
        // The weapon or the form may be said anywhere near the trigger («انفجار عبوة ناسفة
        // أسفر عن مقتل», «اعتقلت … في حملة مداهمات»), within its sentence.
        let from = t
            .from
            .saturating_sub(12)
            .max(reg_from.min(c.from).saturating_sub(6));
        let to = (last.to + 12).min(s.tokens.len());
        draft.mode = mode_words(s, lex, draft.kind, from, to);
    }
    if draft.mode == Some("phone") || draft.kind == "CONSULT" && region_has(Cue::Phone) {
        // A call happens nowhere in particular.
        draft.place = None;
    }
    if draft.kind == "CONSULT" {
        let region_cue = |cue: Cue| s.any(reg_from.max(c.from), reg_to, cue);
        if draft.mode.is_none() && region_cue(Cue::Phone) {
            draft.mode = Some("phone");
        }
        // Multilateral: three or more parties, or a meeting of (or in) a body without a
        // country (an IGO: مجلس التعاون الخليجي). A summit word with two parties is a
        // bilateral meeting on a summit's sidelines or a "summit" between two leaders.
        let bilateral = region_cue(Cue::Bilateral);
        let igo = draft.actors.iter().any(|a| a.country.is_none());
        if draft.mode.is_none() && !bilateral && (parties >= 3 || igo) {
            draft.mode = Some("multilateral");
        }
        if draft.mode == Some("multilateral") && (bilateral || parties < 3 && !igo) {
            draft.mode = None;
        }
        if draft.mode == Some("visit") {
            // Travel inside one's own country is not a visit.
            let src = draft
                .actors
                .iter()
                .find(|a| a.role == ActorRole::Source)
                .and_then(|a| a.country.clone());
            let tgt = draft
                .actors
                .iter()
                .find(|a| a.role == ActorRole::Target)
                .and_then(|a| a.country.clone());
            if src.is_some() && src == tgt {
                return vec![Outcome::Rejected("travel inside the visitor's own country")];
            }
        }
        if draft.mode.is_none() {
            infer_meeting_mode(&mut draft, s.any(0, s.tokens.len(), Cue::Mediation));
        }
        // A call of one subject with several others is several calls.
        if draft.mode == Some("phone") && parties >= 3 && !region_cue(Cue::Multilateral) {
            if let Some(subj) = subject {
                let head: Vec<String> = members(Some(subj)).iter().map(|m| m.key.clone()).collect();
                if head.len() == 1 {
                    let mut out = Vec::new();
                    for other in draft.actors.iter().filter(|a| a.key != head[0]) {
                        let mut d = draft.clone();
                        d.actors = draft
                            .actors
                            .iter()
                            .filter(|a| a.key == head[0] || a.key == other.key)
                            .cloned()
                            .collect();
                        d.confidence = confidence(&d, t.verb, fallback) - 0.05;
                        out.push(Outcome::Event(d));
                    }
                    return out;
                }
            }
        }
    }
    draft.confidence = confidence(&draft, t.verb, fallback);
    vec![Outcome::Event(draft)]
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
        return d < p && crate::merge::days_apart(d, p).is_some_and(|n| n >= 30);
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
    c.clamp(0.05, 0.95)
}

/// «ورفض الاتهامات الهندية لبلاده»: a nationality adjective right after another event's
/// noun says whose that event is (the Indian accusations), not who does the verb before.
fn describes_event_noun(s: &Sentence, g: &Group) -> bool {
    let m = &s.mentions[g.members[0]];
    let adjective =
        m.is_country() && m.to == m.from + 1 && crate::sentence::nisba(&s.tokens[m.from].folded);
    adjective && s.triggers.iter().any(|n| n.to == m.from && !n.verb)
}

/// A group of people counted («خمس نساء», «16 شخصا», «مئات من رجال الجيش», «نحو 260
/// مقاتلا») or of civilians («مدنيون»): who a violent verb is done to when it stands as its
/// subject.
fn counted_or_civilians(s: &Sentence, g: &Group) -> bool {
    const NUMBERS: &[&str] = &[
        "عشرات",
        "مئات",
        "الاف",
        "آلاف",
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
    g.members.iter().any(|&i| {
        let m = &s.mentions[i];
        // The count may stand before a member noun («مئات من رجال الجيش»).
        let counted = (m.from.saturating_sub(3)..(m.from + 1).min(s.tokens.len())).any(|w| {
            let f = s.tokens[w].folded.trim_start_matches('و');
            f.chars().any(|c| c.is_numeric()) || NUMBERS.contains(&f)
        });
        m.described && (counted || m.sector == Some("CVL"))
    })
}
