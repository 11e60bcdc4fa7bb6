//! Where and when: the trigger's place (its region, its clause, a hosting city), the
//! topics it is about, its date, whether it happened, is planned, claimed or denied, and
//! whom the report cites.

use super::*;

/// Where the event is, as read from the sentence.
pub(super) struct Place {
    /// Its entity key and country.
    pub place: Option<(String, Option<String>)>,
    /// Where it is named (the sentence, if nowhere).
    pub place_span: Span,
    pub about: Vec<String>,
    /// The end of the words that describe the trigger (a relative clause after a noun).
    pub described_to: usize,
}

pub(super) fn place(site: &Site, host_place: &mut Option<(String, Option<String>)>) -> Place {
    let Site {
        s,
        clauses,
        t,
        last,
        c,
        ci,
        reg_to,
        ..
    } = *site;
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
    let place_span = place.map_or(s.span, |m| m.span);
    let place = place
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
        // Topics are entities of the knowledge base: a described group («القضاء») has
        // no key to give, only the reader's own handle.
        .filter(|m| m.slot == Slot::About && !m.described)
        .filter(|m| m.from >= t.from && m.to <= reg_to.max(c.to))
        .map(|m| m.key.clone())
        .fold(Vec::new(), |mut v, k| {
            if !v.contains(&k) {
                v.push(k);
            }
            v
        });

    Place {
        place,
        place_span,
        about,
        described_to,
    }
}

/// The sentence's one place, for an event whose own clause names none: «… تتناثر في ساحة
/// القصر في عدن، … مشيرة إلى أنه تم قتل متمردين آخرين» happened in Aden. Only when the
/// sentence names one place (a town with its own country counts as one, and so does a
/// name that only says where the place lies: «في مدينة الرمادي غربي بغداد»); two towns, or
/// two countries, leave the event without one rather than guess.
pub(super) fn sentence_place<'s>(s: &'s Sentence, lex: &Lexicon) -> Option<&'s Mention> {
    // «عقب تفجير سروج»: a town right after an attack's noun is where it was.
    let attacked_at = |m: &Mention| {
        m.kind == EntityType::Gpe
            && !m.is_country()
            && s.triggers
                .iter()
                .any(|t| t.to == m.from && !t.verb && lex.triggers[t.trigger].kind == "ASSAULT")
    };
    let places: Vec<&Mention> = (0..s.mentions.len())
        .filter(|&m| {
            (s.mentions[m].slot == Slot::Place || attacked_at(&s.mentions[m]))
                && !crate::sentence::locates_previous(s, m)
        })
        .map(|m| &s.mentions[m])
        .collect();
    let towns: Vec<&Mention> = places.iter().copied().filter(|m| !m.is_country()).collect();
    let one = |ms: &[&Mention]| ms.iter().all(|m| m.key == ms[0].key);
    if let Some(first) = towns.first() {
        let fits = one(&towns)
            && places
                .iter()
                .all(|m| !m.is_country() || m.country == first.country);
        return fits.then_some(*first);
    }
    places.first().copied().filter(|_| one(&places))
}

/// When, and with what status.
pub(super) struct When {
    /// A date written for the event.
    pub explicit: Option<String>,
    /// Told as background («يذكر أن», «كان قد»).
    pub background: bool,
    pub status: EventStatus,
    pub attributed_to: Option<String>,
}

pub(super) fn when(
    site: &Site,
    actors: &[Party],
    described_to: usize,
    published: Option<&str>,
    according: Option<String>,
    future_form: bool,
) -> When {
    let Site {
        s,
        clauses,
        groups,
        t,
        last,
        trig,
        c,
        ci,
        reg_from,
        reg_to,
        ..
    } = *site;
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
            .map(|d| (d.value.split('/').next().unwrap_or(&d.value).to_string(), d))
    };
    // The region's date; else a date earlier in the clause (it governs what follows);
    // else, in a clause that explains the one before (إذ، حيث، فيما), that clause's.
    let written = in_range(reg_from.max(c.from), described_to)
        .or_else(|| in_range(c.from, t.from))
        .or_else(|| {
            (c.kind == ClauseKind::Opened && ci > 0)
                .then(|| in_range(clauses[ci - 1].from, clauses[ci - 1].to))
                .flatten()
        });
    // Compared at the coarser precision: «أبريل المقبل» is after 2024-03-05; a week
    // («الأسبوع المقبل», 2024-W11) against the publication day's week.
    let after_published = |d: &str| {
        published.is_some_and(|p| match week_of(d) {
            Some(w) => week_of_day(p).is_some_and(|pw| w > pw),
            None => {
                let n = d.len().min(p.len());
                !d.contains('W') && d[..n] > p[..n]
            }
        })
    };
    let background = s.any(c.from, t.from, Cue::Background)
        // «زيارته الأخيرة لطهران»: his last visit, an earlier one.
        || !t.verb && s.any(last.to, last.to + 2, Cue::Background)
        || s.any(
            c.from.max(t.from.saturating_sub(3)),
            c.to.min(reg_to).min(t.to + 6),
            Cue::Then,
        )
        || ci > 0
            && s.any(clauses[ci - 1].from, clauses[ci - 1].to, Cue::Background)
            && c.kind != ClauseKind::Main;

    // Status.
    let frame = (c.kind == ClauseKind::Complement).then(|| &clauses[ci - 1]);
    // «عشية مباحثات يعقدها»: on the eve of the act the noun names; «ويفترض أن يتوجه»: it
    // is to happen (not «أن يكون قد توجه»). Only the word right before: «عشية زيارة ظريف
    // قام الجبير بزيارة قطر» tells of the second visit as done.
    let word_before = |back: usize| {
        t.from
            .checked_sub(back)
            .map_or("", |i| s.tokens[i].folded.trim_start_matches('و'))
    };
    let eve_or_due = !t.verb && !t.participle && word_before(1) == "عشيه"
        || t.verb && t.imperfect && word_before(1) == "ان" && word_before(2) == "يفترض";
    let future_cue = future_form
        || eve_or_due
        || !t.verb && s.any(last.to, last.to + 2, Cue::Future)
        || s.any(c.from, t.to, Cue::Future)
        || frame.is_some_and(|f| s.any(f.from, f.to, Cue::Future))
        || s.any(t.to, reg_to, Cue::Future)
            && s.tokens
                .iter()
                .skip(t.to)
                .take(4)
                .any(|x| x.folded == "لاحقا");
    // «وسيطروا على صنعاء في سبتمبر» in a page of August: a perfect verb tells of the past,
    // so a month or a day written without its year is its last occurrence, not the next
    // one the dates stage chose as the nearest (it reads no verbs, only words of the
    // future such as «المقبل»).
    let past_verb = t.verb && !t.imperfect && !t.future && !future_cue;
    let explicit = written.map(|(value, d)| {
        let yearless = !d
            .text
            .split(|c: char| !c.is_numeric())
            .any(|n| n.chars().count() == 4);
        if past_verb && yearless && after_published(&value) {
            last_year(&value).unwrap_or(value)
        } else {
            value
        }
    });
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
                .filter(|m| !m.described && (m.kind != EntityType::Gpe || m.is_country()))
                .map(|m| m.key.clone())
                .filter(|k| !actors.iter().any(|x| &x.key == k))
        });

    When {
        explicit,
        background,
        status,
        attributed_to,
    }
}

/// A week as the dates stage writes it, `2024-W11`: its year and number.
fn week_of(value: &str) -> Option<(i16, i8)> {
    let (year, week) = value.split_once("-W")?;
    Some((year.parse().ok()?, week.get(..2)?.parse().ok()?))
}

/// The ISO week of a day written `2024-03-12` (a time after it aside).
fn week_of_day(day: &str) -> Option<(i16, i8)> {
    let w = day
        .get(..10)?
        .parse::<jiff::civil::Date>()
        .ok()?
        .iso_week_date();
    Some((w.year(), w.week()))
}

/// The same month or day a year earlier: `2015-09` → `2014-09`.
fn last_year(value: &str) -> Option<String> {
    let (year, rest) = value.split_at_checked(4)?;
    let year: i32 = year.parse().ok()?;
    (rest.is_empty() || rest.starts_with('-')).then(|| format!("{:04}{rest}", year - 1))
}
