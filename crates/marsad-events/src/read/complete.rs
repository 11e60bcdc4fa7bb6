//! The last phase: the mode (the weapon, the form of a protest, a call, a visit, a
//! multilateral meeting) and whether the event has the actors its type needs.

use super::*;

pub(super) fn finish(
    site: &Site,
    mut draft: Draft,
    subject: Option<usize>,
    fallback: bool,
) -> Vec<Outcome> {
    let Site {
        s,
        lex,
        t,
        last,
        trig,
        c,
        reg_from,
        reg_to,
        ..
    } = *site;
    let args = trig.args;
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
                let head: Vec<String> = site
                    .members(Some(subj))
                    .iter()
                    .map(|m| m.key.clone())
                    .collect();
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
