//! Why a trigger says no event: negated, conditional, drafted, the topic of a case or a
//! plan, an accident, a sense of the word that is no event, the content of a threat or a
//! request. The first phase of [`super::read_one`]: what it rejects, no later phase sees.

use super::*;

/// What the words around the trigger say of its form, for the phases after this one.
pub(super) struct Form {
    /// «تم بحث …»: a passive verb; the words after it are its topic (or, for an act of
    /// force, who it was done to).
    pub passive: bool,
    /// A verbal noun joined by «و» to the trigger before it: it continues that trigger's
    /// complement and has no subject of its own.
    pub coordinated: bool,
    /// «خلال …» right before the trigger.
    pub during: bool,
}

/// The trigger's form, or why it is no event. A negated trigger marks its clause in
/// `negated_clause`: a meeting «during» it did not happen either.
pub(super) fn check(site: &Site, negated_clause: &mut Option<usize>) -> Result<Form, &'static str> {
    let Site {
        s,
        lex,
        clauses,
        t,
        last,
        trig,
        c,
        ci,
        k,
        end,
        ..
    } = *site;
    // Negations, conditions, drafts.
    let frame_words = (c.kind == ClauseKind::Complement).then(|| clauses[ci - 1].from..c.from);
    if (t.from.saturating_sub(2)..t.from).any(|i| s.has(i, Cue::Negation))
        // «ليس من المتوقع أن يزور»: the frame right before «أن» is negated.
        || frame_words.clone().is_some_and(|f| (f.end.saturating_sub(4).max(f.start)..f.end).any(|i| s.has(i, Cue::Negation)))
    {
        *negated_clause = Some(ci);
        return Err("negated");
    }
    // «قد تفرض»: «قد» before an imperfect verb says "may", not "has".
    if t.verb && t.from > 0 && s.tokens[t.from - 1].folded.trim_start_matches('و') == "قد" {
        let imperfect = s.tokens[t.from]
            .folded
            .trim_start_matches(['و', 'ف'])
            .starts_with(['ي', 'ت', 'ن']);
        if imperfect {
            return Err("a possibility («قد» before an imperfect), not a report");
        }
    }
    if s.any(c.from, t.from, Cue::Hypothesis)
        || frame_words.is_some_and(|f| s.any(f.start, f.end, Cue::Hypothesis))
    {
        return Err("a condition or a question, not a report");
    }
    if (t.from.saturating_sub(3)..t.from).any(|i| s.has(i, Cue::Draft)) {
        return Err("a draft or a proposal");
    }
    // «جريمة اغتيال الحريري», «التحقيق في اختطاف …», «ذكرى تفجير …», «خطط لاغتيال …»: a
    // verbal noun named as the topic of a case, an inquiry, an anniversary or a plan is
    // not a report that it happened (on the annotated newswire half, most nominal
    // mentions of violence are of this kind).
    // «مقتل تسعة أشخاص جراء تحطم المروحية»: deaths in an accident or a disaster.
    if trig.kind == "ASSAULT" && s.any(c.from, c.to, Cue::Accident) {
        return Err("deaths or injuries in an accident or a disaster, not an attack");
    }
    // A verb form right after such a noun («جريمة قتل», «قضية خطف») is its verbal noun.
    let topic_right_before = t.from > 0 && s.has(t.from - 1, Cue::Topic);
    let nominal = !t.verb && !t.participle || t.verb && topic_right_before;
    if nominal && (t.from.saturating_sub(3)..t.from).any(|i| s.has(i, Cue::Topic)) {
        return Err("the topic of a case, an inquiry, an anniversary or a plan, not a report");
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
            return Err("the word in a sense that is no event (a word of its unless list)");
        }
    }
    // «رفض التعليق», «استقبال الحالات», «مسيرته»: the word in a sense that is no event
    // (its complement may follow the subject: «رفض المتحدث … التعليق»).
    let next_trigger = s.triggers.get(end).map_or(c.to, |n| n.from.min(c.to));
    if (last.to..(last.to + 8).min(next_trigger)).any(|i| s.has(i, Cue::Unless))
        || trig.kind == "PROTEST" && t.pronoun
    {
        return Err("the word in a sense that is no event");
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
            return Err("the content of a threat, a request or a refusal");
        }
    }
    // «تحدث عن …»، «spoke about …»: a talk about something, not with someone.
    if trig.args == Args::Sym
        && t.verb
        && s.tokens
            .get(last.to)
            .is_some_and(|w| matches!(w.folded.as_str(), "عن" | "about"))
    {
        return Err("spoke about something, not with someone");
    }
    let during = t.from > 0 && s.any(t.from.saturating_sub(2), t.from, Cue::During);
    if during && *negated_clause == Some(ci) {
        return Err("negated (the verb it belongs to is)");
    }
    Ok(Form {
        passive,
        coordinated,
        during,
    })
}
