//! The last phase: the mode (the weapon, the form of a protest, a call, a visit, a
//! multilateral meeting) and whether the event has the actors its type needs.

use super::*;

/// Why a trigger with no party at all in its clause is no event.
pub(crate) const NO_ACTOR: &str = "no actor";

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
    protesters(site, &mut draft);
    recalled_ambassador(site, &mut draft);
    // A draft read as another type than its word's (a gathering of protesters, an attack
    // in words) needs the actors of a directed event of its own type.
    let args = if draft.kind == trig.kind {
        trig.args
    } else {
        Args::Dir
    };
    let region_has = |cue: Cue| s.any(reg_from.max(c.from), reg_to, cue);
    // «بانفجار سيارة مفخخة، يقودها انتحاري، استهدف مركز تدريب»: a suicide bomber is
    // who attacks, wherever the sentence names him; with no other attacker named, one
    // read as a target is the source.
    if draft.kind == "ASSAULT" && !draft.actors.iter().any(|a| a.role == ActorRole::Source) {
        if let Some(a) = draft.actors.iter_mut().find(|a| {
            a.role == ActorRole::Target
                && a.described
                && a.key
                    .rsplit(':')
                    .next()
                    .is_some_and(|w| w.split(' ').any(|w| w.starts_with("انتحاري")))
        }) {
            a.role = ActorRole::Source;
        }
    }
    // A state that attacks does it with its forces («قصفت إسرائيل …»): the attacker is
    // the state's military, as newswire annotators code it (MIL, not GOV).
    if draft.kind == "ASSAULT" {
        for a in draft.actors.iter_mut() {
            if a.role == ActorRole::Source && a.country_only && a.sector == Some("GOV") {
                a.sector = Some("MIL");
            }
        }
    }
    // «تمكنت قوات الأمن من تفجير 7 عبوات ناسفة», «قام خبراء المتفجرات بتفجير القنبلة»:
    // police or soldiers who set off a device (its word right after the verb, a count
    // between) destroy a bomb they found; no one is attacked.
    let device_after = (last.to..(last.to + 2).min(s.tokens.len())).any(|i| s.has(i, Cue::Device));
    let security_source = draft
        .actors
        .iter()
        .any(|a| a.role == ActorRole::Source && matches!(a.sector, Some("COP" | "MIL")));
    if draft.kind == "ASSAULT"
        && ["فجر", "تفجير"]
            .iter()
            .any(|w| s.tokens[t.from].folded.contains(w))
        && device_after
        && security_source
        && !draft.actors.iter().any(|a| a.role == ActorRole::Target)
    {
        return vec![Outcome::Rejected(
            "security forces setting off a device (a controlled detonation), not an attack",
        )];
    }
    // Who set an explosive off is said in its own words (an agent phrase, who laid it),
    // never carried over from the clause before or the page's subject («وانفجر ليلة
    // الاثنين عدد من القنابل» after a sentence about the president).
    if trig.needs == Some(Cue::Device) && fallback {
        draft.actors.retain(|a| a.role != ActorRole::Source);
    }
    // Mode and the minimum of actors.
    let parties = draft.actors.len();
    let has = |r: ActorRole| draft.actors.iter().any(|a| a.role == r);
    let enough = match args {
        Args::Sym => parties >= 2,
        Args::Host | Args::Visit => has(ActorRole::Source) && has(ActorRole::Target),
        // Violence and coercion are events with an unknown side (an attack by no one
        // named, an arrest by unnamed police); a statement, a demand, a refusal, a
        // sanction, aid or a protest is one with its source alone («أدان الهجوم»). Praise
        // is not: it is praise of someone, and with no one named it is a courtesy or a
        // greeting («هنأ الجميع بالعيد», «شكر إدارة المهرجان»; 2 of the real-news gold's
        // 27 SUPPORT events lack a target, about half of what the reader found did).
        Args::Dir => match draft.kind {
            "ASSAULT" | "COERCE" => has(ActorRole::Source) || has(ActorRole::Target),
            "SUPPORT" => has(ActorRole::Source) && has(ActorRole::Target),
            "ACCUSE" | "REQUEST" | "REJECT" | "THREATEN" | "SANCTION" | "AID" | "CONCEDE"
            | "PROTEST" => has(ActorRole::Source),
            _ => has(ActorRole::Source) && has(ActorRole::Target),
        },
        Args::Solo => has(ActorRole::Source),
        Args::Patient => has(ActorRole::Source) || has(ActorRole::Target),
    };
    if enough && trig.needs_target && draft.kind == trig.kind && !has(ActorRole::Target) {
        return vec![Outcome::Rejected(
            "no target, and the word needs one (a warning to no one is advice)",
        )];
    }
    // «انفجرت عبوة ناسفة … ما أسفر عن إصابة 3»: an explosive device going off is an attack
    // with no one named; its victims may be counted after it, so it waits for the
    // sentence's tolls (lib.rs, `explosions_without_victims`).
    let explosion = parties == 0 && trig.needs == Some(Cue::Device) && draft.kind == trig.kind;
    draft.awaits_victims = explosion;
    if !enough && !explosion {
        if draft.place.is_some() && draft.date_explicit {
            return vec![Outcome::Anchor(draft)];
        }
        return vec![Outcome::Rejected(if parties == 0 {
            NO_ACTOR
        } else {
            "one actor, and the type needs two"
        })];
    }
    if matches!(draft.kind, "ASSAULT" | "PROTEST" | "COERCE") && draft.mode.is_none() {
        // The weapon or the form may be said anywhere near the trigger («انفجار عبوة ناسفة
        // أسفر عن مقتل», «اعتقلت … في حملة مداهمات»), within its sentence.
        // A toll «that resulted» («وأسفر عن استشهاد …») is the act the sentence named
        // before it: its weapon may stand anywhere before.
        let consequence = s.any(t.from.saturating_sub(3), t.from, Cue::Consequence);
        let from = if consequence {
            0
        } else {
            t.from
                .saturating_sub(12)
                .max(reg_from.min(c.from).saturating_sub(6))
        };
        let to = (last.to + 12).min(s.tokens.len());
        draft.mode = mode_words(s, lex, draft.kind, from, to);
    }
    // «ترحيل المخالفين», «أحد المعتقلين», «ضبط الجاني»: people named by description —
    // civilians, detainees, the accused — coerce no one, nor does a culprit arrest: an
    // arrest, a deportation or a ban is done to them. With no one else it is done to they
    // are its target; beside one, they go.
    if draft.kind == "COERCE" {
        let coerced = |a: &Party| {
            a.role == ActorRole::Source
                && a.described
                && (a.sector == Some("CVL")
                    || a.sector == Some("UAF") && draft.mode == Some("arrest"))
        };
        let sources = draft.actors.iter().filter(|a| a.role == ActorRole::Source);
        if sources.clone().count() > 0 && sources.clone().all(coerced) {
            if draft.actors.iter().any(|a| a.role == ActorRole::Target) {
                draft.actors.retain(|a| !coerced(a));
            } else {
                for a in &mut draft.actors {
                    a.role = ActorRole::Target;
                }
            }
        }
    }
    // «ضبط» seizes goods and catches people: what it takes as an actor («ضبطت الشرطة
    // شبكة تنتمي إلى داعش», «ضبط 44 عنصرا») is people arrested — unless goods are said
    // («ضبطت كمية من الأسلحة»), or the word's own pronoun is what it took («تم ضبطها»).
    const GOODS: &[&str] = &[
        "كميه",
        "كميات",
        "اسلحه",
        "مخدرات",
        "ذخاير",
        "اموال",
        "بضايع",
        "سلع",
        "مواد",
        "حبوب",
        "سياره",
        "سيارات",
        "شحنه",
    ];
    let catches = s.tokens[t.from..last.to].iter().any(|w| {
        crate::sentence::stems(&w.folded)
            .any(|(_, stem)| matches!(stem.as_ref(), "ضبط" | "ضبطت" | "ضبطوا" | "الضبط"))
    });
    let goods = (last.to..(last.to + 6).min(s.tokens.len())).any(|k| {
        crate::sentence::stems(&s.tokens[k].folded).any(|(_, stem)| {
            let stem = stem.strip_prefix("ال").unwrap_or(&stem);
            GOODS.contains(&stem)
        })
    });
    if draft.kind == "COERCE"
        && draft.mode == Some("seizure")
        && catches
        && !goods
        && draft.actors.iter().any(|a| a.role == ActorRole::Target)
    {
        draft.mode = Some("arrest");
    }
    if draft.mode == Some("phone") || draft.kind == "CONSULT" && region_has(Cue::Phone) {
        // A call happens nowhere in particular.
        draft.place = None;
    }
    // Tourists visiting a park, residents meeting neighbours: people who are no state, no
    // body and no armed group meeting or visiting each other is not diplomacy.
    if draft.kind == "CONSULT"
        && draft
            .actors
            .iter()
            .all(|a| a.described && a.sector == Some("CVL"))
    {
        return vec![Outcome::Rejected("a meeting of civilians only")];
    }
    // «دبلوماسي غربي اتصلت به رويترز»: a news agency that calls or meets its source is
    // reporting, not consulting.
    if draft.kind == "CONSULT" && draft.actors.iter().any(|a| lex.outlets.contains(&a.key)) {
        return vec![Outcome::Rejected("a news outlet's contact with its source")];
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
        // A body of no country the knowledge base knows (an IGO); a person or a body it
        // does not know, or one named by description, has no country for want of it.
        let igo = draft
            .actors
            .iter()
            .any(|a| a.country.is_none() && a.kind == EntityType::Organization && !a.described);
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

/// The words that name people protesting («المتظاهرون», «محتجين», «المعتصمين»).
fn protester_word(w: &str) -> bool {
    ["متظاهر", "محتج", "معتصم"].iter().any(|p| w.contains(p))
}

/// Words for soldiers, officers and policemen as people (folded, without the article).
const SERVICE_PEOPLE: &[&str] = &[
    "جنود",
    "جندي",
    "ضباط",
    "ضابط",
    "شرطي",
    "شرطيين",
    "شرطيون",
    "عسكريين",
    "عسكريون",
    "متقاعدين",
    "متقاعدون",
];

/// Who protests, when the roles did not say it; the police as a force never does.
/// - A gathering of protesters is a demonstration, not a meeting: «تجمع نحو 40 متظاهرا
///   أمام مقر رئيس الوزراء» (CONSULT read from «تجمع») becomes a PROTEST by them, at
///   the others; so does a road protesters close (COERCE read from «أغلق»).
/// - A protest verb with no source takes the one actor right after it, read as its target
///   for lack of a preposition: it is the subject of an intransitive verb («تظاهر أمس
///   عشرات من أعضاء حزب الغد»); else the nearest group described in its clause («تظاهر
///   مئات من طلبة المدارس»).
fn protesters(site: &Site, draft: &mut Draft) {
    let Site { s, t, c, .. } = *site;
    // Whether a word of an actor's span is of a kind.
    let span_has = |span: Span, kind: &dyn Fn(&str) -> bool| {
        (s.word_at(span.start)..s.word_at(span.end.saturating_sub(1)) + 1)
            .any(|i| s.tokens.get(i).is_some_and(|w| kind(&w.folded)))
    };
    let names_protesters = |span: Span| span_has(span, &protester_word);
    let protesting = |a: &Party| a.described && names_protesters(a.span);
    let gathering = ["تجمع", "تجمهر", "احتشد"]
        .iter()
        .any(|g| s.tokens[t.from].folded.contains(g));
    // «أغلق المحتجون الطريق»: protesters right after a verb of closing are its subject
    // (its passive would close them), and closing a road is how they protest.
    let closing = t.verb
        && s.tokens[t.from].folded.contains("اغلق")
        && draft
            .actors
            .iter()
            .any(|a| protesting(a) && s.word_at(a.span.start) == t.to);
    if (draft.kind == "CONSULT" && gathering || draft.kind == "COERCE" && closing)
        && draft.actors.iter().any(protesting)
    {
        draft.kind = "PROTEST";
        draft.mode = Some("demonstration");
        for a in draft.actors.iter_mut() {
            a.role = if protesting(a) {
                ActorRole::Source
            } else {
                ActorRole::Target
            };
        }
        return;
    }
    // The police or the army named as a force is what meets a protest, never who makes
    // it («احتجاجات شعبية عمدت الشرطة إلى قمعها», «طوقت الشرطة مظاهرة»); soldiers or
    // officers as people may protest («نفذ عشرات الجنود وقفة احتجاجية»).
    if draft.kind == "PROTEST" {
        let people = |span: Span| {
            span_has(span, &|w| {
                crate::sentence::stems(w).any(|(_, stem)| {
                    let stem = stem.strip_prefix("ال").unwrap_or(&stem);
                    SERVICE_PEOPLE.contains(&stem)
                })
            })
        };
        // Nor does an official who goes out or comes down («خرج نائب المحافظ للاستماع
        // لمطالب المتظاهرين»): a crowd's verb is a protest only by the crowd.
        let crowd_verb = site.trig.needs == Some(Cue::Crowd);
        draft.actors.retain(|a| {
            !(a.role == ActorRole::Source
                && a.described
                && (matches!(a.sector, Some("COP" | "MIL")) && !people(a.span)
                    || crowd_verb && a.sector == Some("GOV")))
        });
    }
    if draft.kind != "PROTEST" || draft.actors.iter().any(|a| a.role == ActorRole::Source) {
        return;
    }
    if let [only] = &mut draft.actors[..] {
        let at = s.word_at(only.span.start);
        let bare = !(t.to..at).any(|i| {
            matches!(
                s.tokens[i].folded.trim_start_matches('و'),
                "علي" | "ضد" | "امام" | "عند" | "قرب" | "في"
            )
        });
        if t.verb && at >= t.to && at <= t.to + 6 && bare {
            only.role = ActorRole::Source;
            return;
        }
    }
    // A protest noun with no one protesting is more often a protest spoken of («فرقت
    // الشرطة مظاهرة», «عدد المتظاهرين») than one reported: only verbs borrow.
    if !t.verb {
        return;
    }
    let described = s.mentions.iter().filter(|m| {
        m.described
            && m.slot == Slot::Actor
            && m.from >= c.from
            && m.to <= c.to
            && matches!(m.sector, Some("CVL" | "EDU" | "LAB" | "OPP" | "REL"))
            && !draft.actors.iter().any(|a| a.span == m.span)
    });
    // The nearest to the trigger.
    let nearest = described.min_by_key(|m| m.from.abs_diff(t.from));
    if let Some(p) = nearest.and_then(|m| party(m, ActorRole::Source, site.lex, false)) {
        draft.actors.insert(0, p);
    }
}

/// «استدعت وزارة الخارجية سفير مملكة البحرين لدى إيران للتشاور»: a state that calls its
/// own ambassador home «for consultations» lowers its relations with the country where he
/// serves (PLOVER SANCTION, recalling a diplomat), not a protest to the ambassador's
/// country. The target is the country after «لدى»; the ambassador's country, read as the
/// target, is the recalling state's when the source names none. A recall the trigger
/// says itself («استدعت سفيرها») takes the country where he serves as its target.
fn recalled_ambassador(site: &Site, draft: &mut Draft) {
    let Site { s, t, c, .. } = *site;
    // «استدعت المنامة سفيرها في طهران»: the phrase says the recall; where he serves, a
    // capital or a country after «في» or «لدى», is whom it is aimed at, not where it
    // happened. The phrase's «سفيره» stands after its subject when the phrase is split.
    let ambassador = (t.from..c.to.min(t.to + 8)).find(|&i| {
        s.tokens[i]
            .folded
            .trim_start_matches('و')
            .starts_with("سفير")
    });
    let recalls_own =
        draft.kind == "SANCTION" && !draft.actors.iter().any(|a| a.role == ActorRole::Target);
    if let Some(k) = ambassador.filter(|_| recalls_own) {
        // «سفيرها في طهران», «سفيرها لدى إيران», «سفيرها بطهران».
        let posting = s.mentions.iter().find(|m| {
            m.from < c.to
                && (m.from == k + 2 && matches!(s.tokens[k + 1].folded.as_str(), "في" | "لدي")
                    || m.from == k + 1 && m.clitic.ends_with('ب'))
        });
        if let Some((m, country)) = posting.and_then(|m| Some((m, m.country.clone()?))) {
            if draft.place.as_ref().is_some_and(|(key, _)| *key == m.key) {
                draft.place = None;
            }
            draft
                .actors
                .push(Party::country(&country, ActorRole::Target, m.span));
        }
        return;
    }
    let summons = s.tokens[t.from].folded.contains("استدع");
    let consultations = (t.to..c.to.min(t.to + 16)).any(|i| {
        let w = s.tokens[i].folded.trim_start_matches('و');
        matches!(w, "للتشاور" | "للتشاورات" | "للمشاورات")
    });
    if draft.kind != "PROTEST" || !summons || !consultations {
        return;
    }
    let Some(posting) = s.mentions.iter().find(|m| {
        m.is_country()
            && m.from > t.to
            && m.from < c.to
            && s.tokens[m.from - 1].folded.trim_start_matches('و') == "لدي"
    }) else {
        return;
    };
    let own = draft
        .actors
        .iter()
        .find(|a| a.role == ActorRole::Target && a.country_only)
        .and_then(|a| a.country.clone());
    draft.actors.retain(|a| a.role != ActorRole::Target);
    if let (Some(own), Some(source)) = (
        own,
        draft
            .actors
            .iter_mut()
            .find(|a| a.role == ActorRole::Source && a.country.is_none()),
    ) {
        source.country = Some(own);
    }
    draft.actors.push(Party::country(
        &posting.key,
        ActorRole::Target,
        posting.span,
    ));
    draft.kind = "SANCTION";
    draft.mode = None;
}
