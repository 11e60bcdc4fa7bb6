//! One real-world event reported several times in a page is one event.
//!
//! News repeats itself: the lead says «بحث بوتين مع رئيسي الوضع», the fourth paragraph
//! «أطلع بوتين الرئيس الإيراني، خلال اتصال هاتفي». Two drafts are the same event when they
//! have the same type, compatible modes (equal, or one unknown), the same actors (a
//! country-only actor stands for any actor of that country: «زعيمي أرمينيا» is Pashinyan)
//! and compatible dates (equal at the coarser precision, or one unknown). The merged
//! event keeps the first evidence and takes from the others what it lacked: the mode, a
//! written date (with the status read beside it), the place, topics, the cited source,
//! and a person where it only had a country.
//!
//! Anchors — trigger words with a place and a date but no actors («المباحثات التي جرت
//! بينهما في بروكسل في السادس من أبريل») — date the events of the same type and place
//! that have no written date («الاجتماع بين علييف وباشينيان في بروكسل»).

use marsad_dates::days_apart;
use marsad_schema::ActorRole;

use crate::read::{Draft, Party};

/// Whether two lists name the same actors, one to one: `same` says whether two actors
/// are the same entity; roles must agree where neither is a symmetric party. Shared by
/// the in-page merge and the stories across pages, so both mean the same by "the same
/// actors".
pub fn same_actors<T>(
    a: &[T],
    b: &[T],
    same: impl Fn(&T, &T) -> bool,
    role: impl Fn(&T) -> ActorRole,
) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut taken = vec![false; b.len()];
    a.iter().all(|x| {
        let found = b.iter().enumerate().position(|(i, y)| {
            let (rx, ry) = (role(x), role(y));
            !taken[i]
                && same(x, y)
                && (rx == ActorRole::Party || ry == ActorRole::Party || rx == ry)
        });
        if let Some(i) = found {
            taken[i] = true;
        }
        found.is_some()
    })
}

/// Equal at the coarser precision; a date that is only the publication day by default
/// (not written) is within a day of a written one (the report of the day before's event).
fn dates_compatible(a: &Draft, b: &Draft) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => {
            let n = x.len().min(y.len()).min(10);
            if x[..n] == y[..n] {
                return true;
            }
            if a.date_explicit && b.date_explicit {
                return false;
            }
            days_apart(x, y).is_some_and(|d| d <= 1)
        }
        _ => true,
    }
}

fn modes_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn same_actor(a: &Party, b: &Party) -> bool {
    a.key == b.key
        || a.country_only && a.country.is_some() && a.country == b.country
        || b.country_only && b.country.is_some() && a.country == b.country
}

fn same_event(a: &Draft, b: &Draft) -> bool {
    a.kind == b.kind
        && modes_compatible(a.mode, b.mode)
        && same_actors(&a.actors, &b.actors, same_actor, |p| p.role)
        && dates_compatible(a, b)
}

fn absorb(into: &mut Draft, other: Draft) {
    // The other report's sentence is evidence too (one sentence may report it twice).
    for s in std::iter::once(other.evidence).chain(other.also.iter().copied()) {
        if s != into.evidence && !into.also.contains(&s) {
            into.also.push(s);
        }
    }
    if into.mode.is_none() && other.mode.is_some() {
        into.mode = other.mode;
        // A directed reading (a visit: who travels, who hosts) replaces a symmetric one.
        if other.actors.iter().any(|a| a.role != ActorRole::Party) {
            let mut actors = other.actors.clone();
            upgrade(&mut actors, &into.actors);
            into.actors = actors;
        }
    }
    let roles_from_other = into.actors.iter().all(|a| a.role == ActorRole::Party)
        && other.actors.iter().all(|a| a.role != ActorRole::Party);
    if roles_from_other {
        let mut actors = other.actors.clone();
        upgrade(&mut actors, &into.actors);
        into.actors = actors;
    }
    let theirs = other.actors.clone();
    upgrade(&mut into.actors, &theirs);
    if !into.date_explicit && other.date_explicit {
        into.date = other.date;
        into.date_explicit = true;
        into.status = other.status;
    } else if into.date.is_none() {
        into.date = other.date;
    }
    if into.place.is_none() {
        into.place = other.place;
    }
    for k in other.about {
        if !into.about.contains(&k) {
            into.about.push(k);
        }
    }
    into.killed = into.killed.or(other.killed);
    into.wounded = into.wounded.or(other.wounded);
    if into.attributed_to.is_none() {
        into.attributed_to = other.attributed_to;
    }
    into.confidence = (into.confidence.max(other.confidence) + 0.05).min(0.95);
}

/// Replaces country-only actors of `actors` by a named person or body of `better` from
/// that country. A described actor («كبار المسؤولين الروس») does not replace the country:
/// it has no key of the knowledge base to give (its `key` is the reader's own handle,
/// which must not leave the stage), and the country it would replace says more.
///
/// A party the event already has is no better name for another of its parties: in
/// «المحادثات بين الحكومة الأفغانية وحركة طالبان» the government is not the Taliban.
fn upgrade(actors: &mut [Party], better: &[Party]) {
    let had: Vec<String> = actors.iter().map(|a| a.key.clone()).collect();
    for a in actors.iter_mut().filter(|a| a.country_only) {
        if let Some(b) = better.iter().find(|b| {
            !b.country_only
                && !b.described
                && b.country == a.country
                && b.country.is_some()
                && !had.contains(&b.key)
        }) {
            a.key = b.key.clone();
            a.country_only = false;
        }
    }
}

/// Whether every actor of `fewer` is an actor of `more` in the same role, and `more`
/// has others besides.
fn within(fewer: &[Party], more: &[Party]) -> bool {
    // In one sentence, two descriptions of one kind of actor of one country are one actor
    // («قتل مسلحون أربعة جنود في هجوم على حاجز للجيش»: the soldiers and the army).
    let same = |x: &Party, y: &Party| {
        same_actor(x, y)
            || x.described && y.described && x.sector == y.sector && x.country == y.country
    };
    fewer.len() < more.len()
        && fewer
            .iter()
            .all(|x| more.iter().any(|y| same(x, y) && x.role == y.role))
}

/// Two triggers of one type in one sentence, one reading fewer of the actors than the
/// other: «شكر الوزير التحالف على دعمه» is one thanking, «أكد … ورحب» one welcome. The
/// sentence tells one happening of that type twice over, and the reading that found
/// more of its actors is the better one (the other missed some, it did not find another
/// event).
fn one_sentence_twice(into: &mut Draft, other: Draft) {
    if within(&into.actors, &other.actors) {
        into.actors = other.actors;
    }
    into.mode = into.mode.or(other.mode);
    into.place = into.place.take().or(other.place);
    into.killed = into.killed.or(other.killed);
    into.wounded = into.wounded.or(other.wounded);
}

/// Merges the drafts of one document (in text order) and dates them from the anchors.
pub fn merge(drafts: Vec<Draft>, anchors: &[Draft]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    for d in drafts {
        if let Some(e) = out.iter_mut().find(|e| same_event(e, &d)) {
            absorb(e, d);
        } else if let Some(e) = out.iter_mut().find(|e| {
            // The event's own sentence, or one of it merged into it before.
            (e.evidence == d.evidence || e.also.contains(&d.evidence))
                && e.kind == d.kind
                && modes_compatible(e.mode, d.mode)
                && !d.actors.is_empty()
                && !e.actors.is_empty()
                && (within(&d.actors, &e.actors) || within(&e.actors, &d.actors))
        }) {
            one_sentence_twice(e, d);
        } else {
            out.push(d);
        }
    }
    for e in out.iter_mut().filter(|e| !e.date_explicit) {
        let Some((place, _)) = &e.place else { continue };
        if let Some(a) = anchors
            .iter()
            .find(|a| a.kind == e.kind && a.place.as_ref().is_some_and(|(p, _)| p == place))
        {
            e.date = a.date.clone();
            e.date_explicit = true;
        }
    }
    // Merging can make two events equal that were not before (a date learnt).
    let mut again: Vec<Draft> = Vec::new();
    for d in out {
        if let Some(e) = again.iter_mut().find(|e| same_event(e, &d)) {
            absorb(e, d);
        } else {
            again.push(d);
        }
    }
    again
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_schema::EntityType;
    use marsad_text::Span;

    fn party(key: &str, country: &str, country_only: bool, described: bool) -> Party {
        Party {
            key: key.to_string(),
            country: Some(country.to_string()),
            role: ActorRole::Target,
            country_only,
            kind: if country_only {
                EntityType::Gpe
            } else {
                EntityType::Person
            },
            sector: Some("GOV"),
            described,
            span: Span::new(0, 1),
            via: None,
            lead: 0,
        }
    }

    #[test]
    fn a_country_takes_a_named_actor_of_its_own_not_a_described_one() {
        let mut actors = vec![party("RUS", "RUS", true, false)];
        upgrade(
            &mut actors,
            &[party("~GOV:RUS:المسوولين", "RUS", false, true)],
        );
        assert_eq!(actors[0].key, "RUS");
        assert!(actors[0].country_only);
        upgrade(&mut actors, &[party("Sergey Lavrov", "RUS", false, false)]);
        assert_eq!(actors[0].key, "Sergey Lavrov");
        assert!(!actors[0].country_only);
    }
}
