//! Who takes part, by the trigger's `args` column: the parties of a meeting, the host
//! and the guest, the visitor and the visited country, the source and the target of a
//! directed act.

use super::roles::Roles;
use super::setting::Place;
use super::*;

pub(super) fn of(
    site: &Site,
    roles: &Roles,
    mode_word: Option<&'static str>,
    where_: &mut Place,
    host_place: &mut Option<(String, Option<String>)>,
) -> Vec<Party> {
    let Site {
        s,
        lex,
        groups,
        t,
        last,
        trig,
        ..
    } = *site;
    let (subject, object, patient, sym_object) =
        (roles.subject, roles.object, roles.patient, roles.sym_object);
    let (companions, between) = (roles.companions.clone(), roles.between.clone());
    let mut place = where_.place.take();
    let mut place_span = where_.place_span;
    let members = |g: Option<usize>| -> Vec<&Mention> {
        g.map(|g| groups[g].members.iter().map(|&m| &s.mentions[m]).collect())
            .unwrap_or_default()
    };
    let mut actors: Vec<Party> = Vec::new();
    let attacked_town = matches!(trig.kind, "ASSAULT" | "COERCE" | "RETREAT" | "AID");
    let push = |m: &Mention, role: ActorRole, actors: &mut Vec<Party>| {
        let town_target = attacked_town
            && role == ActorRole::Target
            && (trig.kind == "AID" || foreign_source(actors, m.country.as_deref()));
        let Some(p) = party(m, role, lex, town_target) else {
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
            // «توزيع المساعدات السعودية»: the nationality of the aid right after its noun is
            // whose aid it is, not who gets it.
            let origin = object.filter(|&g| {
                trig.kind == "AID"
                    && !t.verb
                    && groups[g].from == last.to
                    && groups[g].to == last.to + 1
                    // The feminine adjective of a plural thing («السعودية»), not the
                    // people relief is for («إغاثة اليمنيين»).
                    && crate::sentence::nisba(&s.tokens[last.to].folded)
                    && s.tokens[last.to].folded.ends_with("يه")
                    && members(Some(g)).iter().all(|m| m.is_country())
            });
            for m in members(origin) {
                push(m, ActorRole::Source, &mut actors);
            }
            for m in members(patient) {
                push(m, ActorRole::Target, &mut actors);
            }
            let object = object.filter(|_| origin.is_none());
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
            town_as_target(
                site,
                subject,
                object,
                attacked_town,
                &place,
                place_span,
                &mut actors,
            );
        }
    }
    where_.place = place;
    where_.place_span = place_span;
    actors
}

/// Whether a source of the event belongs to a country other than `country`: the test
/// for a town standing for its country as the target. «قصفت القوات الروسية مدينة
/// خاركيف» is Russia against Ukraine; «سيطر تنظيم داعش على مدينة تدمر», «فتح المقاتلون
/// جبهة جديدة في أجدابيا» are fights inside a country over a town, where the town is
/// where it happened and no state is the target (the real-news gold codes no country as
/// the target of a captured or attacked town of a civil war). With no one named as
/// doing it, a country as the target says no more than the place does («انفجار يستهدف
/// دورية في البحرين»).
fn foreign_source(actors: &[Party], country: Option<&str>) -> bool {
    actors.iter().any(|a| {
        a.role == ActorRole::Source
            && a.country.is_some()
            && country.is_some_and(|c| a.country.as_deref() != Some(c))
    })
}

/// «قصفت القوات الروسية مدينة خاركيف»، «أرسلت مساعدات إلى غزة»: a town the verb takes as
/// its object stands for its country as the target, when a foreign hand attacks it or
/// aid is sent to it.
fn town_as_target(
    site: &Site,
    subject: Option<usize>,
    object: Option<usize>,
    attacked_town: bool,
    place: &Option<(String, Option<String>)>,
    place_span: Span,
    actors: &mut Vec<Party>,
) {
    let Site {
        s,
        groups,
        last,
        trig,
        reg_to,
        ..
    } = *site;
    // Only a town the verb takes as its object: one after «في» or a direction
    // («مواقع في ريف درعا جنوب سوريا») is only where.
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
    if after_trigger && !actors.iter().any(|a| a.role == ActorRole::Target) {
        if let Some((_, Some(country))) = &place {
            let sent_to = trig.kind == "AID" && actors.iter().any(|a| a.role == ActorRole::Source);
            let attacked = foreign_source(actors, Some(country));
            if (sent_to || attacked) && !actors.iter().any(|a| a.country.as_ref() == Some(country))
            {
                actors.push(Party::country(country, ActorRole::Target, place_span));
            }
        }
    }
}

/// Who made an arrest, a seizure or a raid the text tells with no one doing it, when an
/// authority tells it: «أوضح المتحدث الإعلامي لشرطة منطقة الرياض أنه تم القبض على …»,
/// «أعلن جهاز الأمن الداخلي الإسرائيلي أن المشتبه به اعتقل …», «أوضح مدير جمرك المطار
/// أن الكمية تم ضبطها». A police force, an army, a court or a state's body that
/// announces an arrest is, in the news, the one that made it: the passive is the wires'
/// habit, not an unknown hand. Only the frame of a reported statement
/// gives it (the clause before the complement, with a verb of saying), only an authority
/// there (a described police, army, judiciary or government actor, or a body or force of
/// the knowledge base), and not a country's body telling of an arrest
/// in another country («أعلنت الخارجية الهندية أن خمسة هنود اعتقلوا في الرياض»). Only
/// what police do (arrests, seizures, raids, deportations): a governor who speaks of a
/// siege or a ban («أكد المحافظ أن … جراء الحصار») tells of someone else's.
pub(super) fn announcer(
    site: &Site,
    actors: &[Party],
    place: Option<&(String, Option<String>)>,
) -> Option<Party> {
    let Site {
        s,
        lex,
        clauses,
        groups,
        t,
        last,
        trig,
        c,
        ci,
        ..
    } = *site;
    if trig.kind != "COERCE"
        || !matches!(
            mode_words(s, lex, trig.kind, t.from, last.to),
            Some("arrest" | "seizure" | "raid" | "deport")
        )
        || c.kind != ClauseKind::Complement
        || ci == 0
        || actors.iter().any(|a| a.role == ActorRole::Source)
    {
        return None;
    }
    let frame = &clauses[ci - 1];
    if !s.any(frame.from, frame.to, Cue::Say) {
        return None;
    }
    let authority = |m: &Mention| {
        if m.described {
            matches!(m.sector, Some("COP" | "MIL" | "JUD" | "GOV"))
        } else {
            m.kind == EntityType::Organization && lex.authorities.contains(&m.key)
        }
    };
    let m = groups
        .iter()
        .filter(|g| g.from >= frame.from && g.to <= frame.to)
        .flat_map(|g| g.members.iter().map(|&m| &s.mentions[m]))
        .find(|m| authority(m))?;
    let abroad = place
        .and_then(|(_, country)| country.as_ref())
        .is_some_and(|pc| m.country.as_ref().is_some_and(|mc| mc != pc));
    if abroad {
        return None;
    }
    party(m, ActorRole::Source, lex, false)
}
