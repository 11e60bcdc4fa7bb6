//! Who stands in which role: the subject (before the trigger, after it, or carried over
//! from the clause, the sentence or the page), its object, the parties «مع» and «بين»
//! name, the agent of a passive and who it was done to.

use super::reject::Form;
use super::*;
use crate::describe::Antecedent;
use crate::lexicon::Gender;
use marsad_text::{fold_str, Chain};

/// The groups a trigger takes as its arguments, by index into the sentence's groups.
pub(super) struct Roles<'a> {
    pub subject: Option<usize>,
    pub object: Option<usize>,
    /// Who a violent act was done to, when an agent phrase or a passive form says so.
    pub patient: Option<usize>,
    pub companions: Vec<usize>,
    pub between: Vec<usize>,
    /// The object, if a meeting can be with it (not «بحث … جهود الحرب على غزة»).
    pub sym_object: Option<usize>,
    /// The one the page last spoke of, standing as the subject no name in the sentence is.
    pub implied: Option<&'a Antecedent>,
    /// The subject was not found in the trigger's own words (lowers the confidence).
    pub fallback: bool,
}

/// What the nearest words give: a subject, an object, the groups left after the trigger.
struct Near {
    subject: Option<usize>,
    object: Option<usize>,
    fallback: bool,
    rest: Vec<usize>,
    /// The frame before a reported clause denies it: its subject speaks of itself.
    frame_denies: bool,
    /// «أنه»، «خلال زيارته»: a pronoun is the verb's subject.
    pronoun_subject: bool,
    /// Words no mention explains stand as the verb's subject («ودعا المركز …», «ودعت هذه
    /// المنظمات …»): it has one, unnamed — not the one the page last spoke of.
    unnamed: bool,
}

pub(super) fn assign<'a>(
    site: &Site,
    form: &Form,
    mode_word: Option<&'static str>,
    implied: Option<&'a Antecedent>,
    state: &mut State,
) -> Roles<'a> {
    let mut near = nearest(site, form, state);
    after_the_verb(site, form, &mut near, state.last_subject);
    let (subject, fallback) = from_clauses(site, form, &near, state);
    let before = subject;
    let (subject, object, patient, companions, between) = others(
        site,
        form,
        mode_word,
        subject,
        near.object,
        &near.rest,
        state,
    );
    let subject = subject.or_else(|| doer_of_the_verb_before(site));
    // A relative clause's agent is the noun's source, not the sentence's subject that the
    // next sentence points back to («أدانت الوزارة الهجوم الذي شنه مسلحون. وأكدت …»).
    let told = match before {
        Some(g) if relative_agent(site).is_some() => Some(g),
        _ => subject,
    };
    let implied = implied_subject(
        site,
        form,
        implied.filter(|_| !near.unnamed),
        told,
        object,
        near.pronoun_subject,
        state,
    );
    let groups = site.groups;
    // A meeting is with someone (اتصل ب، تلقى اتصالا من، تحدث إلى), not about or against them
    // (بحث … جهود وقف الحرب على غزة).
    let sym_object = object.filter(|&g| {
        groups[g].intro == Intro::Bare || matches!(groups[g].prep.as_str(), "ب" | "من" | "الي")
    });

    Roles {
        subject,
        object,
        patient,
        companions,
        between,
        sym_object,
        implied,
        fallback,
    }
}

/// The subject and object the trigger's nearest words give: SVO before it, VSO after it,
/// a participle's or a coordinated verb's shared subject, a pronoun's.
fn nearest(site: &Site, form: &Form, state: &mut State) -> Near {
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
    let Form {
        passive,
        coordinated,
        during,
        ..
    } = *form;
    let State {
        used,
        last_subject,
        first_subject,
        implied_first,
        ..
    } = state;
    // Subject.
    // «ولم يدن الرئيس ترامب الهجوم»: the name right after a verb is that verb's subject,
    // not the agent of the noun that follows it.
    let subject_of_a_verb = |g: usize| {
        s.triggers.iter().any(|o| {
            o.verb && o.from != t.from && o.to <= groups[g].from && groups[g].from <= o.to + 1
        })
    };
    // «ويضم الموكب … العميد ناصر الفضلي، وقد قتل 4 من مرافقيه»: a verb that opens a new
    // clause with «و» or «فقد» after a comma does not take the name before the comma as
    // its subject (that name ends the clause before).
    let conjoined = t.prefix.starts_with(['و', 'ف'])
        || t.from > 0
            && matches!(
                s.tokens[t.from - 1].folded.as_str(),
                "وقد" | "فقد" | "ولقد" | "و" | "ف"
            );
    let across_comma =
        |g: usize| conjoined && !crate::sentence::joined(&s.tokens, groups[g].to, t.from);
    // A name an earlier act took may still be the subject of an imperfect verb right
    // after it, which describes it («احتجاج سكان محليين يطالبون بتوفير فرص العمل»: the
    // protesters demand).
    let before: Vec<usize> = (0..groups.len())
        .filter(|&g| !used[g] || t.verb && t.imperfect && groups[g].to == t.from)
        .filter(|&g| groups[g].from >= reg_from.max(c.from) && groups[g].to <= t.from)
        .filter(|&g| !across_comma(g))
        // «واندلع القتال في بلدة أجدابيا وهاجمت طائرة»: a name before a verb that «و»
        // joins on ends the clause before; the verb's own subject follows it.
        .filter(|&g| !(t.verb && t.prefix == "و" && groups[g].to == t.from))
        // A name inside a relative clause closed before the verb describes something of
        // the verb's clause («ففي محافظة صعدة التي تعد معقل الحوثيين، شنت …»).
        .filter(|&g| {
            !clauses.iter().any(|r| {
                r.kind == ClauseKind::Relative
                    && r.from <= groups[g].from
                    && groups[g].to <= r.to
                    && r.to <= t.from
                    && r.from > c.from
            })
        })
        .filter(|&g| {
            let place = groups[g]
                .members
                .iter()
                .all(|&m| s.mentions[m].kind == EntityType::Gpe);
            !in_fronted_phrase(s, c.from, groups[g].from, t.from, place)
        })
        // «أصيب سبعة أشخاص بجروح بينهم خمسة من رجال الشرطة في هجوم»: those «among them»
        // are among the victims told before, not who did it.
        .filter(|&g| {
            !(groups[g].from.saturating_sub(3)..groups[g].from).any(|i| {
                matches!(
                    s.tokens[i].folded.trim_start_matches('و'),
                    "بينهم" | "بينهن" | "بينها" | "منهم"
                )
            })
        })
        .filter(|&g| t.verb || !subject_of_a_verb(g))
        // «التي تقوم بها الحكومة ودعا مجلس شورى الحركة الحكومة»: a masculine verb does
        // not follow a feminine subject («الحكومة دعت»); the name after it is its subject.
        .filter(|&g| {
            !(t.verb
                && !t.ambiguous
                && matches!(t.prefix.as_str(), "" | "و" | "ف")
                && t.gender == Some(Gender::Masculine)
                && groups[g].to == t.from
                && feminine_body(s, &groups[g]))
        })
        .filter(|&g| matches!(groups[g].intro, Intro::Bare))
        .filter(|&g| t.verb || groups[g].to + 3 >= t.from)
        .filter(|_| !coordinated && !passive)
        .collect();
    // «… في عمل وصفته إسرائيل بأنه إرهابي»: the name right after a verb that describes
    // the act just told (its pronoun points to it) is who said so, no party to the act.
    let describer = |g: usize| {
        let w = s.tokens[groups[g].from.saturating_sub(1)].folded.as_str();
        groups[g].from > t.to
            && crate::sentence::with_conjunction_off(w).any(|w| {
                matches!(
                    w,
                    "وصفته"
                        | "وصفها"
                        | "وصفتها"
                        | "اعتبرته"
                        | "اعتبرها"
                        | "اعتبرتها"
                        | "سمته"
                        | "سمتها"
                        | "ادانته"
                        | "ادانتها"
                        | "دانته"
                        | "دانتها"
                )
            })
    };
    let after: Vec<usize> = (0..groups.len())
        .filter(|&g| !used[g] && groups[g].from >= t.to && groups[g].to <= reg_to)
        .filter(|&g| !describer(g))
        .filter(|&g| !in_appositive(s, groups, g))
        .filter(|&g| !titled_apposition(s, groups, g, reg_to))
        .filter(|&g| groups[g].intro != Intro::Mediator)
        .filter(|&g| groups[g].intro != Intro::Attendee || trig.kind == "CONSULT")
        // Who heard it said («ندد أمام الكونغرس بأنشطة إيران») is no party to a
        // statement; in front of what an attack struck («فجرا نفسيهما أمام مصنع») or a
        // protest stood («تظاهرة أمام البرلمان») is its target.
        .filter(|&g| {
            CONFLICT.contains(&trig.kind)
                || trig.kind == "PROTEST"
                || groups[g].intro != Intro::Bare
                || groups[g].from == 0
                || s.tokens[groups[g].from - 1].folded != "امام"
        })
        .collect();
    // «المصابين من جراء تفجير مسجد قيادة قوة الطوارئ، واطمأن سموه»: a verbal noun's
    // names follow it in its own phrase; after a comma and a word with «و» that names no
    // one (a verb or a noun of its own), the first name is another clause's. Not after a
    // comma alone («، أمس، بحق عشرة أشخاص», «، على مقرات»).
    let after: Vec<usize> = if t.verb || t.participle || t.split.is_some() {
        after
    } else {
        let comma = |g: usize| {
            (t.to..=groups[g].from).any(|k| {
                s.tokens[k].comma_before
                    && s.tokens[k].folded.starts_with('و')
                    && !s.mentions.iter().any(|m| m.from <= k && k < m.to)
            })
        };
        // Another event word after the comma may be this one's, told again («السيطرة على
        // لحج، شنت المقاومة … هجوما»): the names there may be theirs.
        let told_again = s.triggers.iter().any(|o| o.from >= t.to && o.from < reg_to);
        match after.first() {
            Some(&g) if comma(g) && !told_again => Vec::new(),
            _ => after,
        }
    };
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
    // «وتكافح قوات الأمن … وانسحب معظم أفراد القوات الأمريكية»: a verb that takes no
    // object, joined by «و» (which ends the clause of the name before it), has its subject
    // right after it.
    let vso_after = (0..groups.len()).any(|h| {
        groups[h].intro == Intro::Bare
            && groups[h].from >= t.to
            && groups[h].from <= t.to + 3
            && (t.to..groups[h].from).all(|i| {
                let w = s.tokens[i].folded.as_str();
                crate::read::COUNT_WORDS.contains(&w)
                    || matches!(
                        w,
                        "معظم"
                            | "غالبيه"
                            | "اغلب"
                            | "بعض"
                            | "جميع"
                            | "كل"
                            | "افراد"
                            | "عناصر"
                    )
            })
    });
    if t.verb
        && trig.args == Args::Solo
        && t.prefix.starts_with('و')
        && vso_after
        && subject.is_some_and(|g| groups[g].to <= t.from)
    {
        subject = None;
    }
    // «أن الرئيس المصري السابق محمد مرسي اعتقل في يوليو 2013»: a person right before a
    // verb of arrest or harm that has no object after it was arrested (the unvowelled
    // passive): people are arrested, forces arrest, and an active verb takes its object.
    if let Some(g) = subject.filter(|_| {
        t.verb
            && !t.imperfect
            && !t.subject_suffix
            && matches!(trig.kind, "COERCE" | "ASSAULT")
            && trig.args == Args::Dir
    }) {
        let person = s.mentions[groups[g].members[0]].kind == EntityType::Person;
        // Nothing it could take as its object right after it: the clause ends, or a
        // preposition or a word of time follows («اعتقل في», «قتل أمس»).
        let no_object = last.to >= s.tokens.len()
            || !crate::sentence::joined(&s.tokens, last.to - 1, last.to)
            || matches!(
                s.tokens[last.to].folded.as_str(),
                "في" | "من"
                    | "علي"
                    | "بعد"
                    | "قبل"
                    | "يوم"
                    | "امس"
                    | "خلال"
                    | "اثناء"
                    | "منذ"
                    | "عام"
                    | "مساء"
                    | "صباح"
                    | "فجر"
                    | "ليله"
                    | "برصاص"
                    | "بنيران"
            );
        let adjacent = groups[g].to == t.from;
        if person && adjacent && no_object {
            object = Some(g);
            subject = None;
        }
    }
    // «إن ضابطي صف في قوة الدرك قتلا في الانفجار»: killed in a blast or an attack,
    // whoever it was — a force too, with the verb agreeing — fell in it rather than did it.
    if let Some(g) = subject.filter(|&g| {
        t.verb
            && !t.imperfect
            && trig.kind == "ASSAULT"
            && trig.args == Args::Dir
            && groups[g].to == t.from
            // A force named by description (a count of people or civilians, or a people,
            // is read as passive further on).
            && groups[g].members.iter().all(|&m| s.mentions[m].described)
            && !counted_or_civilians(s, site.lex, &groups[g])
            // Nothing after it that it could take as its object («إن الجيش قتل في
            // الهجوم عشرين مسلحا»).
            && !after.iter().any(|&h| groups[h].intro == Intro::Bare)
            // «في» and what people are killed in (the tolls' `cause` words).
            && (t.from + 1..=last.to)
                .find(|&k| s.tokens.get(k).is_some_and(|w| w.folded == "في"))
                .and_then(|k| s.tokens.get(k + 1))
                .is_some_and(|w| crate::toll::TollLexicon::bundled().is_cause(&w.folded))
    }) {
        object = Some(g);
        subject = None;
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
        && (s.tokens.get(last.to).is_some_and(|w| {
            let w = w.folded.as_str();
            matches!(w, "الي" | "علي" | "ان" | "انه" | "انها") || w.starts_with('ب')
        })
            // The preposition may be the verb's own phrase («واعتدت على المصلين»).
            || last.to > t.from + 1
                && matches!(s.tokens[last.to - 1].folded.as_str(), "الي" | "علي"));
    if coordinated_verb {
        subject = (*first_subject).filter(|&g| groups[g].to <= t.from);
        fallback = subject.is_some();
    }
    // «تلقى X اتصالا هاتفيا من Y أعرب فيه عن إدانته»: «فيه», «خلاله» (right before the
    // statement or after its verb) point to the call, and who speaks in a call one
    // received is its caller, not the sentence's subject.
    let in_the_call = (t.from.saturating_sub(3)..=last.to).any(|k| {
        s.tokens
            .get(k)
            .is_some_and(|w| matches!(w.folded.as_str(), "فيه" | "فيها" | "خلاله" | "خلالها"))
    });
    if in_the_call {
        // So does the sender of a letter one received («تلقى رسالة من الرئيس اليمني يطلب
        // فيها»).
        let letter = |to: usize| {
            (0..to).any(|i| {
                let w = s.tokens[i].folded.trim_start_matches('و');
                matches!(w, "رساله" | "رسالتين" | "برقيه" | "خطابا" | "مذكره")
            })
        };
        let caller = (0..groups.len()).rev().find(|&g| {
            groups[g].to <= t.from
                && groups[g].prep == "من"
                && (s.any(0, groups[g].from, Cue::Phone) || letter(groups[g].from))
        });
        if let Some(g) = caller {
            subject = Some(g);
            fallback = true;
        }
    }
    let frame_denies = c.kind == ClauseKind::Complement
        && s.any(clauses[ci - 1].from, clauses[ci - 1].to, Cue::Deny);
    let rest: Vec<usize> = after.clone();
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
    Near {
        subject,
        object,
        fallback,
        rest,
        frame_denies,
        pronoun_subject,
        unnamed: false,
    }
}

/// Whether a name stands in a prepositional phrase that opens its clause, before the
/// trigger: «وإلى جانب أهداف حزب العمال الكردستاني قصفت طائرات تركية …», «وبحسب
/// المرصد السوري قتل …». Such a name is where, beside what or according to whom — never
/// the subject of the verb after the phrase (that subject follows the verb).
fn in_fronted_phrase(
    s: &Sentence,
    clause_from: usize,
    name_from: usize,
    trigger: usize,
    place: bool,
) -> bool {
    let Some(first) = s.tokens.get(clause_from) else {
        return false;
    };
    // One conjunction off, not every و and ف («وفي» is «في», not «ي»).
    let whole = first.folded.as_str();
    let opens = crate::sentence::with_conjunction_off(whole).any(|word| {
        crate::sentence::PREPOSITIONS.contains(&word)
            || matches!(
                word,
                "جانب" | "بجانب" | "بحسب" | "حسب" | "وفقا" | "اضافه" | "بالاضافه" | "وسط"
            )
    });
    // A noun with a pronoun on it ends the phrase: «من جهته عبر الدكتور …» (on his part,
    // the doctor said) — a noun that takes a pronoun takes no genitive after it.
    let suffixed = |i: usize| {
        let t = &s.tokens[i];
        let w = t.folded.as_str();
        w.chars().count() > 3
            && (w.ends_with('ه') && !t.ta_marbuta || w.ends_with("ها") || w.ends_with("هم"))
    };
    let no_act_before = !s
        .triggers
        .iter()
        .any(|o| o.from >= clause_from && o.from < name_from);
    // The phrase is short and unbroken up to the name, and no other act stands in it.
    let inside = name_from <= clause_from + 4
        && (clause_from..name_from).all(|i| crate::sentence::joined(&s.tokens, i, i + 1))
        && !(clause_from..name_from).any(suffixed);
    // «وفي صعدة، معقل المتمردين الحوثيين، قصف طيران التحالف …»: a name set off by
    // commas right after the opening phrase — opening the apposition, or after the one
    // word that says what the place is to it — says more of the phrase's place; the
    // verb's subject follows the verb. («وفي هذا السياق، أكد الحلف» has a verb there.)
    let opens_apposition = |k: usize| {
        k > clause_from + 1
            && k <= clause_from + 6
            && !crate::sentence::joined(&s.tokens, k - 1, k)
            && (clause_from..k - 1).all(|i| crate::sentence::joined(&s.tokens, i, i + 1))
    };
    let apposition = (opens_apposition(name_from)
        || name_from > 0
            && opens_apposition(name_from - 1)
            && (crate::describe::site_noun(&s.tokens[name_from - 1].folded)
                || matches!(
                    s.tokens[name_from - 1].folded.as_str(),
                    "معقل" | "عاصمه" | "مدينه" | "محافظه" | "بلده" | "قريه" | "منطقه"
                )))
        && !crate::sentence::joined(&s.tokens, name_from, trigger);
    // «في» opens so many phrases before a verb («وفي هذا السياق بعث الملك») that only a
    // place («وفي منطقة صعدة قصفت») or the apposition tells a name inside one.
    let inside = inside && (place || !matches!(whole, "في" | "وفي" | "ففي"));
    opens
        && name_from > clause_from
        && (inside || apposition)
        && no_act_before
        && name_from < trigger
}

/// A state or one of its arms that arrests, detains and raids: a country, a body named by
/// description as government, police, army or court, or a known body of those (by its
/// knowledge-base key).
fn authority(m: &Mention) -> bool {
    const ARMS: &[&str] = &[
        "Ministry of Interior",
        "Police",
        "Army",
        "Defense Forces",
        "Armed Forces",
        "Security",
        "Court",
        "Guard",
        "Prosecut",
        "Intelligence",
    ];
    m.is_country()
        || m.described && matches!(m.sector, Some("GOV" | "COP" | "MIL" | "JUD"))
        || !m.described && ARMS.iter().any(|a| m.key.contains(a))
}

/// VSO: no subject before the verb, the first name after it — unless the verb shares an
/// earlier verb's subject and the name is its object.
fn after_the_verb(site: &Site, form: &Form, near: &mut Near, last_subject: Option<usize>) {
    let Site {
        s,
        clauses,
        groups,
        t,
        last,
        trig,
        ci,
        ..
    } = *site;
    let passive = form.passive;
    let (frame_denies, pronoun_subject) = (near.frame_denies, near.pronoun_subject);
    let (mut subject, mut fallback) = (near.subject, near.fallback);
    let rest = &mut near.rest;
    // «بطلب من الحكومة الليبية», «بناء على طلب من …», «تلقى دعوة من الرئيس»، «تقدمت المقاومة
    // بدعم من قوات التحالف»: a request or support «from» the one after «من» is theirs,
    // whoever stands before it; that one, named bare before the noun, is whom it is made to
    // (asked, invited, backed). Only indefinite nouns: «الانسحاب من» is from where, «تراجع
    // الطلب من الصين» is the market's demand.
    let from_whom = matches!(trig.kind, "REQUEST" | "SUPPORT")
        && !t.verb
        && !t.participle
        && !t.definite
        && (last.to >= t.from + 2 && s.tokens[last.to - 1].folded == "من"
            || s.tokens.get(last.to).is_some_and(|w| w.folded == "من"));
    if from_whom {
        if let Some(pos) = rest.iter().position(|&g| groups[g].from <= last.to + 1) {
            // The one named bare right before, who was backed or who received the request
            // («تقدمت المقاومة بدعم من», «تلقى الرئيس طلبا من»); «بطلب من X» alone names no
            // one asked («وأرسلت مصر قوات بطلب من»: the troops were not).
            near.object = subject.filter(|&g| {
                groups[g].to <= t.from
                    && groups[g].prep.is_empty()
                    && !s.mentions[groups[g].members[0]].clitic.starts_with('و')
                    && (trig.kind == "SUPPORT" || received(s, t))
            });
            subject = Some(rest.remove(pos));
            fallback = false;
        }
    }
    // «خطاب شكر تلقاه الشيخ صالح من الأمير فيصل»: a verb of receiving right after the
    // noun, with the noun's pronoun on it — the name after the verb got the thanks (or
    // the request), the «من» name after it gave them (titles may stand before both).
    // («شكر» reads as a verb too; one followed by a verb is the noun).
    let got_after = matches!(trig.kind, "REQUEST" | "SUPPORT")
        && !t.participle
        && s.tokens.get(last.to).is_some_and(|w| {
            matches!(
                w.folded.as_str(),
                "تلقاه"
                    | "تلقاها"
                    | "تلقته"
                    | "تلقتها"
                    | "تسلمه"
                    | "تسلمها"
                    | "تسلمته"
                    | "تسلمتها"
            )
        });
    if got_after {
        // The receiver may have been read as the noun's subject already (its genitive).
        let mut named: Vec<usize> = subject
            .filter(|&g| groups[g].from > t.from)
            .into_iter()
            .collect();
        named.extend(rest.iter().copied());
        let receiver = named
            .iter()
            .copied()
            .find(|&g| groups[g].from <= last.to + 3 && groups[g].prep.is_empty());
        let giver = receiver.and_then(|r| {
            named
                .iter()
                .copied()
                .find(|&g| groups[g].prep == "من" && g > r && groups[g].from <= groups[r].to + 3)
        });
        if let (Some(receiver), Some(giver)) = (receiver, giver) {
            rest.retain(|&x| x != receiver && x != giver);
            near.object = Some(receiver);
            subject = Some(giver);
            fallback = false;
        }
    }
    // «بناء على طلب الرئيس اليمني», «استجابة لطلب الحكومة», «بطلب الأمم المتحدة»: the
    // genitive of a request one acts upon is who asked, whoever acts.
    let acted_upon = trig.kind == "REQUEST" && !t.verb && !t.participle && {
        let before = |k: usize| {
            t.from
                .checked_sub(k)
                .map(|i| s.tokens[i].folded.trim_start_matches('و'))
        };
        t.prefix.ends_with('ب')
            || before(1) == Some("علي") && before(2) == Some("بناء")
            || t.prefix.ends_with('ل') && matches!(before(1), Some("استجابه" | "تلبيه"))
    };
    if acted_upon && !from_whom {
        if let Some(&g) = rest.first() {
            // Right after it, or after a head the name qualifies («الحكومة اليمنية»).
            if groups[g].intro == Intro::Bare && groups[g].from <= last.to + 1 {
                subject = Some(rest.remove(0));
                near.object = None;
                fallback = false;
            }
        }
    }
    // «أكد الأمين العام على إدانة الجامعة العربية لكافة الأعمال الإرهابية»: a verbal
    // noun's genitive followed by its object with «لـ» is its agent — whoever speaks of it.
    if !t.verb && !t.participle && trig.args != Args::Patient {
        if let Some(&g) = rest.first() {
            let g0 = &groups[g];
            let object_follows = s
                .tokens
                .get(g0.to)
                .is_some_and(|w| crate::sentence::lam_object(&w.folded));
            if g0.intro == Intro::Bare && g0.from == last.to && object_follows {
                subject = Some(rest.remove(0));
                fallback = false;
            }
        }
    }
    // «هناك من طالب الشباب بعدم المشاركة», «ومنهم من اتهم الحكومة»: the verb's subject
    // is «من» (someone, some of them), unnamed; the name after it is its object.
    let someone = t.verb
        && t.from >= 2
        && s.tokens[t.from - 1].folded == "من"
        && matches!(
            s.tokens[t.from - 2].folded.as_str(),
            "هناك" | "وهناك" | "منهم" | "ومنهم" | "فمنهم"
        );
    // «ودعا المركز الأمم المتحدة إلى …», «وشكر البيان أفراد المقاومة»: a definite body's
    // head or a statement's noun right after the verb, which no mention explains, is its
    // subject, unnamed; the name after it is the object, not the subject.
    let unnamed_body = t.verb
        && t.split.is_none()
        && s.tokens.get(last.to).is_some_and(|w| {
            let bare = w.folded.trim_start_matches(['و', 'ف']);
            let definite = bare.starts_with("ال");
            let statement = matches!(bare, "البيان" | "التقرير" | "الصحيفه" | "الرساله");
            definite && (crate::describe::body_head(bare).is_some() || statement)
        })
        && !s
            .mentions
            .iter()
            .any(|m| m.from <= last.to && m.to > last.to);
    // «ودعت هذه المنظمات البرلمان التونسي إلى …»: a demonstrative and its noun, which no
    // mention explains, point back to the subject told before; the name after is the object.
    let pointed_back = t.verb
        && t.split.is_none()
        && s.tokens.get(last.to).is_some_and(|w| {
            matches!(
                w.folded.as_str(),
                "هذه" | "هذا" | "هولاء" | "تلك" | "ذلك" | "هاتان" | "هذان"
            )
        })
        && s.tokens
            .get(last.to + 1)
            .is_some_and(|w| w.folded.starts_with("ال"))
        && !s
            .mentions
            .iter()
            .any(|m| m.from <= last.to + 1 && m.to > last.to + 1);
    let unnamed_subject = unnamed_body || pointed_back || unknown_name_subject(site);
    // «إن المقاومة تمكنت من قتل قائد ميداني», «أقدمت قوات التمرد على مداهمة الجامعة»:
    // an act's noun after a verb of managing or daring is that verb's subject's act (the
    // verb's own subject, before or after it), and the noun's genitive is whom it was done
    // to, not its doer. «قتل» after a preposition is the noun, whatever else it reads as.
    // So is one after «بـ» that a verb of doing takes («قام مسلحون بقتل عشرة صيادين»).
    let dared =
        (!t.verb || t.ambiguous) && !t.participle && (after_its_preposition(s, t) || after_bi(t));
    if subject.is_none() && dared {
        if let Some((g, false)) = light_verb_subject(site, last_subject) {
            if let Some(pos) = rest.iter().position(|&r| r == g) {
                rest.remove(pos);
            }
            subject = Some(g);
            fallback = false;
        }
    }
    let mut undergone = None;
    if subject.is_none()
        && !unnamed_subject
        && !someone
        && !passive
        && !t.participle
        && !t.subject_suffix
        && !pronoun_subject
        && !event_noun_subject(site)
        && !relative_subject(site)
        && !weapon_subject(site)
        && !weapon_before(site)
    {
        if let Some(pos) = rest
            .iter()
            // «التقى … نظيره»: after a verb, the counterpart is the object; after a
            // verbal noun it may be the agent («زيارة نظيره الأذربيجاني»).
            .position(|&g| {
                groups[g].intro == Intro::Bare
                    && !(t.verb && (groups[g].counterpart || disagrees(s, t, &groups[g])))
                    // «استهدف تفجير مسجد القوات»: a name in a site's construct owns the
                    // site; it is not the verb's subject.
                    && !(t.verb
                        && groups[g].from > t.to
                        && crate::describe::site_noun(&s.tokens[groups[g].from - 1].folded))
                    // Nor a site that stands for its force («استهدف ثكنة عسكرية», «هجوم
                    // على ثكنة عسكرية»): it is what was hit.
                    && !crate::describe::site_noun(&s.tokens[groups[g].from].folded)
                    && !describes_event_noun(s, site.lex, t, &groups[g])
                    && !whose_words(s, &groups[g])
                    && !genitive_object(s, site.lex, t, &groups[g])
                    && !proposal_of(s, trig.kind, t, &groups[g])
            })
        {
            // VSO: the subject follows the verb closely; a verbal noun's agent is its
            // genitive, right after it (not a name joined by «و» to something else).
            // Neither is a name after «و»: it continues a list of objects («قصفت وحدات
            // تكتيكية ودبابات»).
            let g0 = &groups[rest[pos]];
            // «قصف لمخيمات حزب العمال»: the genitive of what is hit is whose it is, the
            // target, not the noun's agent.
            let owner_of_targets = !t.verb
                && g0.from > last.to
                && crate::describe::site_noun(&s.tokens[g0.from - 1].folded);
            let after_and = s.mentions[g0.members[0]].clitic.starts_with('و');
            let near = if t.verb {
                g0.from <= t.to + 3 && !after_and
            } else {
                g0.from <= last.to + 1 && !after_and && !owner_of_targets
            };
            // «… والتقى المرشد الإيراني»: a verb joined to an earlier one, whose only name
            // after it is its object, shares the earlier verb's subject.
            let sole_name_after = rest.len() == 1;
            // «وحمل حزب العمال الكردستاني مسؤولية الهجوم»: one name inside the phrase of
            // blame is whom it blames (two, «حمل الجيش مسلحين أكرادا مسؤولية», are its
            // subject and its object; with the object after «لـ», «حمل الوزير المسؤولية
            // للحوثيين», the one inside is the subject). Other phrases have their subject
            // there («وصل الوزير إلى», «أفرجت إسرائيل عن»).
            let inside = |g: usize| t.split.is_some_and(|j| groups[g].to <= j);
            let sole_name_inside = trig.kind == "ACCUSE"
                && inside(rest[pos])
                && rest.iter().filter(|&&g| inside(g)).count() == 1
                && !groups.iter().any(|h| {
                    t.split.is_some_and(|j| h.from >= j && h.from <= j + 4)
                        && h.prep.starts_with('ل')
                });
            // «التقى خلالها أردوغان»: "during it" ties the verb to the event before.
            // «وحذر فيها إيران»: "in it" (the interview, the speech) too; with no subject
            // in the sentence to share, the page's last subject stands for it.
            let during_it = s.tokens.get(t.to).is_some_and(|w| {
                matches!(
                    w.folded.as_str(),
                    "خلالها" | "خلاله" | "خلالهما" | "فيها" | "فيه"
                )
            });
            // «ندد الخطباء بالتفجير الذي حدث في المسجد، واستهدف رجال الأمن»: a verb after a
            // relative clause that describes an event noun continues the description; the
            // act is the noun's, not the earlier verb's subject's.
            let continues_relative = t.verb
                && t.prefix.starts_with('و')
                && clauses[..=ci].iter().any(|x| {
                    x.kind == ClauseKind::Relative
                        && last_subject.is_some_and(|ls| groups[ls].to <= x.from)
                        && s.triggers
                            .iter()
                            .any(|h| !h.verb && h.to + 2 >= x.from && h.to <= x.from)
                });
            // «وصل لافروف إلى الدوحة، حيث التقى أمير قطر»: «حيث» and «ثم» join a verb of
            // meeting to the one before as «و» does (after «حيث» a verb of force takes its
            // own subject after it: «حيث فجرت انتحاريتان نفسيهما»).
            // So does a verb of force whose only name after it is whom it was done to
            // («هاجمت بوكو حرام ثلاث قرى، حيث قتلت عشرة أشخاص»).
            let done_to = trig.args == Args::Dir
                && matches!(trig.kind, "ASSAULT" | "COERCE")
                && counted_or_civilians(s, site.lex, g0)
                && !own_explosive(s, g0.to);
            let joined_on = t.from > 0
                && (matches!(trig.args, Args::Sym | Args::Host) || done_to)
                && matches!(s.tokens[t.from - 1].folded.as_str(), "حيث" | "ثم" | "وحيث");
            let shares_subject = t.verb
                && (t.prefix.starts_with('و')
                    // «إن مسلحا فتح النار … فقتل شخصين»: «ف» goes on with the same doer.
                    || t.prefix.starts_with('ف') && trig.kind == "ASSAULT"
                    || joined_on
                    || during_it
                    || frame_denies)
                && sole_name_after
                && matches!(trig.args, Args::Sym | Args::Host | Args::Dir)
                && (last_subject.is_some_and(|ls| ls != rest[pos]) || frame_denies)
                && !continues_relative
                // An act of force said by a phrase with a name inside it («شن سلاح الجو
                // التركي ضربات», «ألقت الشرطة القبض على»): the name is its doer. Other
                // phrases take their first object there («حمّلت إسرائيل المسؤولية»).
                && !(t.split.is_some() && matches!(trig.kind, "ASSAULT" | "COERCE" | "MOBILIZE"));
            // «ودعت جميع المتمردين إلى …»: the accusative is the verb's object.
            let near = near && !accusative_plural(s, site.lex, trig.kind, t, g0);
            if shares_subject {
                subject = if frame_denies {
                    first_group(groups, clauses[ci - 1].from, clauses[ci - 1].to)
                } else {
                    last_subject
                };
                fallback = true;
            } else if sole_name_inside {
                // Its subject is the page's, as after a verb that shares one.
                fallback = true;
            } else if near && (pos == 0 || !t.verb) && !continues_relative && !(t.verb && during_it)
            {
                subject = Some(rest.remove(pos));
                // «واعتقل محمد علان في نوفمبر», «وقتل محمد الشدادي في الكمين»: a person
                // right after a verb of arrest or harm, with nothing after him it could
                // take as its object, is who it was done to (the unvowelled passive; the
                // active names its object: «واغتال المسلح ضابطا»). As before the verb.
                let undergoes = |g: usize| {
                    t.verb
                        && !t.imperfect
                        && t.split.is_none()
                        && matches!(trig.kind, "COERCE" | "ASSAULT")
                        && trig.args == Args::Dir
                        // Right after it, or after his titles («وقتل النائب العام المستشار
                        // هشام بركات»): no other name between.
                        && groups[g].from <= t.to + 4
                        && !s
                            .mentions
                            .iter()
                            .any(|m| m.from >= t.to && m.from < groups[g].from)
                        && groups[g].members.iter().all(|&m| {
                            s.mentions[m].kind == EntityType::Person && !s.mentions[m].described
                        })
                        && !rest.iter().any(|&r| groups[r].intro == Intro::Bare)
                };
                if subject.is_some_and(undergoes) {
                    undergone = subject.take();
                }
            }
        }
    }
    if undergone.is_some() {
        near.object = undergone;
    }
    // «وحظي الرئيس بدعم الحزب»: who got the support is its target, the noun's genitive
    // its source.
    if trig.kind == "SUPPORT" && received(s, t) {
        if let Some(g) = subject.filter(|&g| groups[g].to <= t.from) {
            let genitive = rest
                .first()
                .copied()
                .filter(|&r| groups[r].intro == Intro::Bare && groups[r].from <= last.to + 1);
            if let Some(r) = genitive {
                rest.remove(0);
                near.object = Some(g);
                subject = Some(r);
            }
        }
    }
    if subject.is_none() && !t.verb && !t.participle {
        if let Some((g, shared)) = light_verb_subject(site, last_subject) {
            if let Some(pos) = rest.iter().position(|&r| r == g) {
                rest.remove(pos);
            }
            subject = Some(g);
            fallback = shared;
        }
    }
    near.unnamed = unnamed_subject && subject.is_none();
    near.subject = subject;
    near.fallback = fallback;
}

/// «وكان سلاح الجو التركي قد شن ليلة أول من أمس سلسلة غارات», «وبدأت حملة قصف»: a
/// noun of force that a light verb (شن، نفذ، بدأ، واصل، كثف) launches, a few words
/// before it in its clause, has that verb's subject as its doer (so has the noun a verb of
/// managing, daring or doing takes: «تمكن من قتل», «قام … بقتل») — the name right after
/// the verb (VSO), else the one right before it (SVO), else, for a verb joined by «و»
/// that names none, the subject of the verb before. Whether it is that shared subject.
fn light_verb_subject(site: &Site, last_subject: Option<usize>) -> Option<(usize, bool)> {
    const LIGHT: &[&str] = &[
        "شن",
        "شنت",
        "شنوا",
        "يشن",
        "تشن",
        "نفذ",
        "نفذت",
        "نفذوا",
        "ينفذ",
        "تنفذ",
        "بدا",
        "بدات",
        "بداوا",
        "يبدا",
        "تبدا",
        "واصل",
        "واصلت",
        "واصلوا",
        "يواصل",
        "تواصل",
        "كثف",
        "كثفت",
        "كثفوا",
        "يكثف",
        "تكثف",
        "صعد",
        "صعدت",
        "يصعد",
        "تصعد",
    ];
    // Managing or daring to do it, with the noun after its preposition («تمكنت من قتل»,
    // «نجح في تحرير», «أقدم على خطف»).
    const DARED: &[&str] = &[
        "تمكن",
        "تمكنت",
        "تمكنوا",
        "يتمكن",
        "تتمكن",
        "نجح",
        "نجحت",
        "نجحوا",
        "اقدم",
        "اقدمت",
        "اقدموا",
    ];
    let Site {
        s,
        groups,
        t,
        c,
        trig,
        ..
    } = *site;
    if !matches!(trig.kind, "ASSAULT" | "COERCE") {
        return None;
    }
    let after_preposition = after_its_preposition(s, t);
    let by_doing = after_bi(t);
    let light = |k: usize| {
        let w = s.tokens[k].folded.as_str();
        let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
        (LIGHT.contains(&bare)
            || after_preposition && DARED.contains(&bare)
            || by_doing && DID.contains(&bare))
        .then_some(bare.len() < w.len())
    };
    let from = t.from.saturating_sub(8).max(c.from);
    let (k, joined_by_and) = (from..t.from)
        .rev()
        .find_map(|k| light(k).map(|and| (k, and)))?;
    // Nothing else told between: another trigger there has its own doer.
    if s.triggers.iter().any(|o| o.from > k && o.from < t.from) {
        return None;
    }
    let bare = |g: usize| groups[g].intro == Intro::Bare;
    let joined = |a: usize, b: usize| crate::sentence::joined(&s.tokens, a, b);
    let vso = (0..groups.len()).find(|&g| {
        bare(g)
            && groups[g].from > k
            && groups[g].from <= k + 2
            && groups[g].to <= t.from
            && joined(k + 1, groups[g].from)
    });
    // A verb joined by «و» or after «كما» opens a clause: a name before it is the clause
    // before's; so is one before a comma.
    let opens = joined_by_and || k > 0 && s.tokens[k - 1].folded == "كما";
    let svo = (0..groups.len())
        .rev()
        .find(|&g| {
            bare(g)
                && groups[g].from >= c.from
                && groups[g].to <= k
                && groups[g].to + 3 >= k
                && joined(groups[g].to, k)
        })
        .filter(|_| !opens);
    // A verb of managing shares no subject: «… ونجحت في تدمير أهدافها» goes on with
    // the doer of what was told before, which the event before already has.
    let dared = {
        let w = s.tokens[k].folded.as_str();
        DARED.contains(&w.strip_prefix(['و', 'ف']).unwrap_or(w))
    };
    match vso.or(svo) {
        Some(g) => Some((g, false)),
        None if joined_by_and && !dared => last_subject.map(|g| (g, true)),
        None => None,
    }
}

/// Verbs of doing, whose act is the noun after «بـ» («قام عناصر من بوكو حرام بقتل عشرة
/// صيادين»): their subject is its doer.
const DID: &[&str] = &["قام", "قامت", "قاموا", "يقوم", "تقوم", "يقومون"];

/// Whether the trigger's noun is written with «بـ», the preposition a verb of doing takes
/// («قام … بقتل»).
fn after_bi(t: &TriggerHit) -> bool {
    t.prefix.trim_start_matches(['و', 'ف']) == "ب"
}

/// Whether the trigger's noun follows the preposition a verb of managing or daring takes
/// («تمكن من», «نجح في», «أقدم على»).
fn after_its_preposition(s: &Sentence, t: &TriggerHit) -> bool {
    t.from > 0 && matches!(s.tokens[t.from - 1].folded.as_str(), "من" | "في" | "علي")
}

/// «يرفض ما قاله وزير الخارجية الأميركي», «رحب بما أعلنته الحكومة»: a name after «ما»
/// and a verb of saying with its pronoun is whose words the stance is about — its object,
/// never the one who takes the stance.
fn whose_words(s: &Sentence, g: &Group) -> bool {
    const SAID: &[&str] = &[
        "قاله",
        "قالته",
        "ذكره",
        "ذكرته",
        "اعلنه",
        "اعلنته",
        "طرحه",
        "طرحته",
        "اقترحه",
        "اقترحته",
        "ادلي",
        "صرح",
    ];
    g.from >= 2
        && SAID.contains(&s.tokens[g.from - 1].folded.as_str())
        && matches!(
            s.tokens[g.from - 2].folded.as_str(),
            "ما" | "بما" | "لما" | "مما" | "عما" | "وما"
        )
}

/// Whether a group is the genitive of a noun of backing or blame that names whom it is
/// for or against: «تأييد الرئيس السيسي», «دعم اليمن والشعب اليمني», «باتهام الكويت
/// بسرقة حقل نفطي». Without an object after it with «لـ» (`lam_object`, read before), the
/// genitive of these nouns is in the news their object far more often than their agent
/// (on the 3,000-article sample, 7 of 8 «دعم/تأييد/اتهام X» with nothing after). A
/// nationality adjective is no genitive: it agrees with the noun in the article («الدعم
/// الإماراتي», «بدعم سعودي») and says whose the backing is. Refusals and calls keep
/// their genitive as agent («رفض واشنطن إمداد نيجيريا», «دعوة الطيب لاجتماع»).
fn genitive_object(s: &Sentence, lex: &Lexicon, t: &TriggerHit, g: &Group) -> bool {
    // The genitive right after the noun, or after a title that is not part of the name
    // («تأييد الرئيس السيسي»).
    let next = g.from == t.to
        || g.from == t.to + 1
            && s.tokens
                .get(t.to)
                .is_some_and(|w| w.folded.starts_with("ال"));
    if t.verb || t.participle || t.pronoun || t.definite || !next {
        return false;
    }
    let noun = s.tokens[t.from].folded.as_str();
    let bare = noun.strip_prefix(t.prefix.as_str()).unwrap_or(noun);
    let backing_or_blame = ["دعم", "تاييد", "مسانده", "اتهام"].contains(&bare);
    // «حصل على تأييد النواب», «حظي بدعم الحزب»: support received is the genitive's; and
    // so is support praised («نوه إلى دعم الأمير», «ثمن دعم الشركة»).
    let praised = (t.from.saturating_sub(3)..t.from).any(|i| {
        let w = s.tokens[i].folded.trim_start_matches(['و', 'ف']);
        PRAISED.contains(&w)
    }) || s.triggers.iter().any(|o| {
        o.from != t.from
            && o.to <= t.from
            && o.to + 2 >= t.from
            && lex.triggers[o.trigger].kind == "SUPPORT"
    });
    let received = received(s, t);
    let word = s.tokens[g.from].folded.as_str();
    let adjective = ["ي", "يه", "يين", "يون"].iter().any(|e| word.ends_with(e))
        && !word.starts_with("ال")
        && s.mentions[g.members[0]].is_country();
    backing_or_blame && !adjective && !received && !praised
}

/// Whether a group is whose request, call or offer a refusal, a welcome or an assent
/// takes: «رفض طلب الشرطة», «رحب بدعوة الرئيس», «وافق على مقترح الأمم المتحدة». The
/// genitive of the proposal, right after the verb, asked; the one who refuses or welcomes
/// is named before the verb or not at all («وبعد أن رفض طلب الشرطة خلعها»).
fn proposal_of(s: &Sentence, kind: &str, t: &TriggerHit, g: &Group) -> bool {
    const PROPOSALS: &[&str] = &[
        "طلب",
        "طلبات",
        "دعوه",
        "دعوات",
        "عرض",
        "مقترح",
        "مقترحات",
        "اقتراح",
        "مبادره",
        "مطالب",
        "مطالبه",
        "وساطه",
        "نداء",
    ];
    if !matches!(kind, "REJECT" | "SUPPORT" | "AGREE") || !t.verb {
        return false;
    }
    let proposal = |k: usize| {
        s.tokens.get(k).is_some_and(|w| {
            let w = w.folded.as_str();
            PROPOSALS.contains(&w.strip_prefix('ب').unwrap_or(w)) || PROPOSALS.contains(&w)
        })
    };
    // The proposal may be the trigger phrase's own last word («رفض طلب»).
    if t.to > t.from + 1 && proposal(t.to - 1) {
        return g.from == t.to;
    }
    let k = match s.tokens.get(t.to) {
        Some(w) if w.folded == "علي" => t.to + 1,
        _ => t.to,
    };
    proposal(k) && g.from == k + 1
}

/// Verbs of praising before the thing praised («نوه إلى دعم»), folded.
const PRAISED: &[&str] = &["نوه", "نوهت", "ينوه", "منوها"];

/// Whether a noun of backing is support got: a verb of getting within six words before
/// it, its subject between («فحصل على تأييد النواب», «وحظي الرئيس البولندي أندريه دودا
/// بدعم الحزب»).
fn received(s: &Sentence, t: &TriggerHit) -> bool {
    !t.verb
        && (t.from.saturating_sub(6)..t.from).any(|i| {
            let w = s.tokens[i].folded.trim_start_matches(['و', 'ف']);
            crate::sentence::RECEIVED.contains(&w)
        })
}

/// Whether a directed verb stands right after a relative pronoun that is its subject:
/// «العمل الإرهابي الذي استهدف رجال الأمن» — the act targeted the police; «المعارضة التي
/// ترفض انشاء المحكمة» — the opposition refuses. The name after the verb is whom, not
/// who; the subject is the relative's antecedent (`from_clauses`). A verb carrying the
/// antecedent as its object pronoun («الهجوم الذي شنه مسلحون») has its subject after it
/// and is left to the VSO reading, and so are meetings («اللقاء الذي جمع الملك والرئيس»).
fn relative_subject(site: &Site) -> bool {
    let Site { s, t, trig, .. } = *site;
    let verb = s.tokens[t.from].folded.as_str();
    let object_pronoun = ["ه", "ها", "هم", "هما"].iter().any(|p| verb.ends_with(p));
    // «التي ترفض واشنطن التنسيق معها»: a preposition with a pronoun standing for the
    // antecedent says the antecedent is not the subject (the name after the verb is).
    let resumptive = (t.to..(t.to + 6).min(s.tokens.len()))
        .take_while(|&k| crate::sentence::joined(&s.tokens, t.to.max(1) - 1, k))
        .any(|k| {
            let f = s.tokens[k].folded.trim_start_matches(['و', 'ف']);
            ["مع", "علي", "من", "في", "ل", "عن", "الي", "ب"]
                .iter()
                .any(|p| {
                    f.strip_prefix(p)
                        .is_some_and(|r| matches!(r, "ه" | "ها" | "هم" | "هما" | "هن"))
                })
        });
    t.verb
        && t.prefix.is_empty()
        && t.from > 0
        && s.has(t.from - 1, Cue::Relative)
        && matches!(trig.args, Args::Dir | Args::Solo)
        && !object_pronoun
        && !resumptive
}

/// Whether the verb's subject is an event noun right before it: «غارة جوية أمريكية قتلت
/// قياديا في تنظيم القاعدة», «انفجار سيارة مفخخة أودى بحياة …» — the raid killed; the
/// name after the verb is whom, not who (SVO with a subject that names no actor). The
/// noun opens its clause (or a reported one, after «أن»; «وعلى هامش قمة بريكس … التقى X»
/// and «في هجوم آخر قتل مسلحون» keep the VSO reading) and lies within six words before
/// the verb (its adjectives and a place: «غارة جوية أمريكية في أفغانستان قتلت»), no verb
/// between.
fn event_noun_subject(site: &Site) -> bool {
    let Site { s, t, c, .. } = *site;
    // The word without a conjunction glued to it («وفي» is «في»; «في» itself stays).
    let word = |i: usize| {
        let w = s.tokens[i].folded.as_str();
        match w.strip_prefix(['و', 'ف']) {
            Some(rest) if !crate::sentence::PREPOSITIONS.contains(&w) && !rest.is_empty() => rest,
            _ => w,
        }
    };
    // A verb that opens a clause of its own («وقتلت», «كما قتل») or stands after a
    // preposition («احتجاجا على رفض»: a noun) has no subject before it.
    t.verb
        && t.prefix.is_empty()
        && t.from > 0
        && !crate::sentence::PREPOSITIONS.contains(&word(t.from - 1))
        && s.triggers.iter().any(|o| {
            !o.verb
                && !o.participle
                && (o.from == c.from || o.from == c.from + 1 && c.kind == ClauseKind::Complement)
                && o.to <= t.from
                && o.to + 6 >= t.from
                && !o.prefix.trim_end_matches("ال").contains(['ب', 'ل', 'ك'])
                && !o
                    .from
                    .checked_sub(1)
                    .is_some_and(|i| crate::sentence::PREPOSITIONS.contains(&word(i)))
                && !s
                    .triggers
                    .iter()
                    .any(|v| v.verb && v.from >= o.to && v.from < t.from)
                && !(o.to..t.from).any(|i| matches!(word(i), "كما" | "ثم" | "حيث" | "بينما"))
        })
}

/// Weapons that stand as the subject of a verb of attack: «استهدفت عبوة ناسفة دورية
/// للشرطة», «استهدفت غارة جوية مقرا لتنظيم داعش» — the name after them is the object.
const WEAPONS: &[&str] = &[
    "عبوه",
    "عبوات",
    "قنبله",
    "قنابل",
    "انفجار",
    "صاروخ",
    "صواريخ",
    "قذيفه",
    "قذائف",
    "لغم",
    "الغام",
    "غاره",
    "غارات",
    "رصاصه",
];

/// Whether a weapon stands right after an attack's verb as its subject (`WEAPONS`).
fn weapon_subject(site: &Site) -> bool {
    let Site { s, t, trig, .. } = *site;
    t.verb
        && trig.kind == "ASSAULT"
        && s.tokens.get(t.to).is_some_and(|w| {
            let w = w.folded.strip_prefix("ال").unwrap_or(&w.folded);
            WEAPONS.contains(&w)
                || w == "سياره"
                    && s.tokens
                        .get(t.to + 1)
                        .is_some_and(|n| n.folded.trim_start_matches("ال") == "مفخخه")
        })
}

/// Whether an attack's verb stands right after a weapon (its adjectives between): «انفجار
/// عبوة ناسفة استهدفت دورية للشرطة», «سيارة مفخخة قتلت ثلاثة جنود» — the weapon's
/// relative clause (an indefinite noun takes one without a pronoun) or its predicate: the
/// weapon is the subject, and the name after the verb is what it hit, not who hit.
fn weapon_before(site: &Site) -> bool {
    let Site { s, t, trig, .. } = *site;
    let weapon = |i: usize| {
        let w = s.tokens[i].folded.trim_start_matches(['و', 'ف']);
        let w = w.strip_prefix("ال").unwrap_or(w);
        WEAPONS.contains(&w) || w == "مفخخه" || w == "ناسفه"
    };
    // Between the weapon and the verb only its adjectives: no name, no event word, no
    // preposition («عبوة ناسفة في السوق قتلت» stays a clause of its own).
    let adjective = |i: usize| {
        let w = s.tokens[i].folded.as_str();
        !crate::sentence::PREPOSITIONS.contains(&w)
            && !s.mentions.iter().any(|m| m.from <= i && m.to > i)
            && !s.triggers.iter().any(|o| o.from <= i && o.to > i)
            && !w.chars().any(|c| c.is_ascii_digit())
    };
    t.verb
        && trig.kind == "ASSAULT"
        && t.prefix.is_empty()
        && (1..=3).any(|back| {
            t.from >= back
                && weapon(t.from - back)
                && (t.from - back + 1..t.from).all(adjective)
                && crate::sentence::joined(&s.tokens, t.from - back, t.from)
        })
}

/// Whether a group before a verb of striking (shelling, an air raid, an attack) is
/// aircraft or artillery (the `equipment` words of actors.tsv): «ثلاث مقاتلات قصفت»,
/// «طائرتان هاجمتا». Other verbs take equipment as what was hit («ثلاث دبابات دمرت»).
fn striking_arms(site: &Site, g: &Group) -> bool {
    let Site { s, t, lex, .. } = *site;
    let verb = s.tokens[t.from].folded.trim_start_matches(['و', 'ف']);
    let strikes = verb.contains("قصف")
        || ["هاجم", "يهاجم", "تهاجم", "اغار", "شن", "يشن", "تشن"]
            .iter()
            .any(|v| verb.starts_with(v));
    strikes
        && g.members.iter().any(|&m| {
            s.tokens[s.mentions[m].from..s.mentions[m].to.min(s.tokens.len())]
                .iter()
                .any(|w| {
                    let w = w.folded.trim_start_matches(['و', 'ف']);
                    let w = w.strip_prefix("ال").unwrap_or(w);
                    lex.actor_word(w, ActorClass::Equipment)
                })
        })
}

/// Whether a group names a body or a place of feminine gender: its first word ends in
/// «ة» (not a person's name: «حمزة», «أسامة»), or a country's name ends in «ا» («روسيا»).
/// A described body counts too («كما شكر حكومة خادم الحرمين»: he thanked the government),
/// unless its first word is a count («قتل ثلاثة مسلحين»).
fn feminine_body(s: &Sentence, g: &Group) -> bool {
    let m = &s.mentions[g.members[0]];
    let head = &s.tokens[m.from];
    let bare = head
        .folded
        .strip_prefix(m.clitic.as_str())
        .unwrap_or(&head.folded);
    let count = COUNT_WORDS.contains(&bare) || bare.chars().any(|c| c.is_numeric());
    m.kind != EntityType::Person
        && (head.ta_marbuta && !count || m.is_country() && bare.ends_with('ا'))
}

/// Whether a group after a verb cannot be its subject because its gender is not the
/// verb's: «ودعا الحكومة النيجيرية إلى …» is "he called on the Nigerian government" (the
/// government calling would be «دعت»), «واستقبلت الرئيس» "she (a country, a ministry)
/// received the president". Only the plain cases are read: a body or a place written
/// with a final «ة» (not a person: «حمزة», «أسامة»; not a number: «ثلاثة مسلحين») or a
/// country whose name ends in «ا» («روسيا», «أمريكا») is feminine; a person whose words
/// open with a masculine title («الرئيس», «وزير») is masculine. Everything else agrees,
/// and so does a name that is not the verb's next word, and a word that may be a verbal
/// noun («قصف تركيا لقرية»: Turkey's shelling).
fn disagrees(s: &Sentence, t: &TriggerHit, g: &Group) -> bool {
    let Some(gender) = t.gender.filter(|_| !t.ambiguous) else {
        return false;
    };
    let m = &s.mentions[g.members[0]];
    match gender {
        // The name must be the verb's next word, else its head may be a word before it
        // («قلّد رئيس جمهورية النيجر»: the subject is «رئيس», not «جمهورية»).
        Gender::Masculine => m.from == t.to && feminine_body(s, g),
        Gender::Feminine => {
            static TITLES: LazyLock<Vec<String>> = LazyLock::new(|| {
                [
                    "الرئيس",
                    "رئيس",
                    "الوزير",
                    "وزير",
                    "الملك",
                    "الامير",
                    "الأمين",
                    "الشيخ",
                    "السفير",
                    "المتحدث",
                    "الناطق",
                    "المبعوث",
                    "قائد",
                    "مدير",
                    "نائب",
                    "ولي",
                    "العاهل",
                    "السلطان",
                    "المرشد",
                    "المستشار",
                    "الجنرال",
                    "اللواء",
                    "العميد",
                ]
                .iter()
                .map(|w| fold_str(w, Chain::Match))
                .collect()
            });
            let title = |i: usize| {
                s.tokens.get(i).is_some_and(|w| {
                    crate::sentence::with_conjunction_off(&w.folded)
                        .any(|w| TITLES.iter().any(|x| x == w))
                })
            };
            // The title is the verb's next word, the person's name at most three words on
            // («واتهمت الرئيس السوري بشار الأسد»), or the body he heads («كما اختطفت رئيس
            // فرع حزب الإصلاح»: the title's genitive, masculine with it).
            title(t.to)
                && (t.to..=t.to + 3).contains(&m.from)
                && (m.kind == EntityType::Person || m.from > t.to)
        }
    }
}

/// Whether the group right after a verb (a quantifier may stand first: «جميع», «كل»)
/// is people named by a sound masculine plural in «ـين» — the accusative, its object
/// («ودعت جميع المتمردين إلى …», «دعت المديرية اليمنيين إلى …», «طالب الحوثيين»); its
/// subject would read «ـون» («دعا المتمردون»). Only words that name people by
/// description, a group or a people by its adjective («الحوثيين», «اليمنيين»): a
/// name may end so («حسين», «بوتين», «البحرين»).
fn accusative_plural(s: &Sentence, lex: &Lexicon, kind: &str, t: &TriggerHit, g: &Group) -> bool {
    let m = &s.mentions[g.members[0]];
    if !t.verb || t.participle || !(t.to..=t.to + 1).contains(&m.from) {
        return false;
    }
    let quantifier = |w: &str| matches!(w, "جميع" | "كل" | "كافه" | "بعض");
    let words = &s.tokens[m.from..m.to.min(s.tokens.len())];
    let Some(head) = words
        .iter()
        .map(|w| w.folded.trim_start_matches('و'))
        .find(|w| !quantifier(w))
    else {
        return false;
    };
    // Nothing but a quantifier between the verb and the group.
    let between = (t.to..m.from).all(|i| quantifier(s.tokens[i].folded.as_str()));
    // «دانت المنظمة قصف المتمردين لمناطق سكنية»: a verbal noun's genitive, with its
    // object after «لـ», is its agent; «قتل مسلحين ثمانية أشخاص»: a name right after
    // it is the object, the plural before it the doer (the writer's case slipped).
    let noun_agent = t.ambiguous
        && (g.to..g.to + 3).any(|i| {
            s.tokens
                .get(i)
                .is_some_and(|w| crate::sentence::lam_object(&w.folded))
        });
    let object_after = s.mentions.iter().any(|o| o.from == g.to);
    // Victims counted or civilians after a violent verb are read as its passive's
    // subject further on («فقتل امرأتين»: a dual reads the same).
    let victims = CONFLICT.contains(&kind) && counted_or_civilians(s, lex, g);
    if noun_agent || object_after || victims {
        return false;
    }
    let bare = head.strip_prefix("ال").unwrap_or(head);
    let people = m.described && bare.chars().count() >= 5 && bare.ends_with("ين")
        || matches!(m.kind, EntityType::Organization | EntityType::Gpe) && bare.ends_with("يين");
    between && people
}

/// No subject in the trigger's words: the one its clause points to (the name before a
/// relative pronoun, a reported clause's frame, the clause before).
fn from_clauses(site: &Site, form: &Form, near: &Near, state: &State) -> (Option<usize>, bool) {
    let Site {
        s,
        clauses,
        groups,
        t,
        trig,
        c,
        ci,
        ..
    } = *site;
    let Form {
        passive,
        coordinated,
        during,
        ..
    } = *form;
    let (mut subject, mut fallback, rest, frame_denies) =
        (near.subject, near.fallback, &near.rest, near.frame_denies);
    let last_subject = &state.last_subject;
    let with_companions = rest.iter().any(|&g| groups[g].intro == Intro::Companion);
    if subject.is_none()
        && !passive
        && !t.participle
        && (t.verb || t.pronoun || during || with_companions || form.suffered)
        && !coordinated
    {
        fallback = true;
        subject = match c.kind {
            // «الوفد الذي …», «الرئيس نفسه الذي …»; but «أدانت الحكومة الهجوم الذي استهدف
            // مسجدا»: what the pronoun stands for is the attack, which names no doer.
            ClauseKind::Relative => groups.iter().position(|g| {
                g.to == c.from
                    || g.to + 1 == c.from
                        && !s.triggers.iter().any(|h| h.from < c.from && c.from <= h.to)
            }),
            // «أعلنت الوزارة أنها …»، «نفت موسكو أن تكون قواتها قد قصفت»: the frame's
            // subject speaks of itself.
            ClauseKind::Complement if c.pronoun || frame_denies => ci
                .checked_sub(1)
                .and_then(|p| first_group(groups, clauses[p].from, clauses[p].to)),
            // An attack's source must be said in its own clause, not carried over.
            ClauseKind::Opened | ClauseKind::Main if !CONFLICT.contains(&trig.kind) => {
                (*last_subject).or_else(|| {
                    ci.checked_sub(1).and_then(|p| {
                        first_group_no_city(s, groups, clauses[p].from, clauses[p].to).or_else(
                            || {
                                // «قال الوزير إنه «يرفض …»»: a quotation right after «إنه»
                                // is the frame's subject speaking of himself, when it
                                // opens with its verb (a word of time before it, «عندما
                                // توجه نيكسون», tells of someone else).
                                let bare_pronoun = clauses[p].kind == ClauseKind::Complement
                                    && clauses[p].pronoun
                                    && clauses[p].to <= clauses[p].from + 1
                                    && (t.from == c.from
                                        || t.from == c.from + 1
                                            && !s.has(c.from, Cue::When)
                                            && !s.has(c.from, Cue::Break)
                                            && !s.has(c.from, Cue::During));
                                p.checked_sub(1).filter(|_| bare_pronoun).and_then(|q| {
                                    first_group(groups, clauses[q].from, clauses[q].to)
                                })
                            },
                        )
                    })
                })
            }
            _ => None,
        };
        if t.pronoun || during {
            subject = subject.or(*last_subject);
        }
    }
    (subject, fallback)
}

/// Whether the «مع» before group `g` joins it to the act: «بحث X مع Y», «بحث هاتفيا مع
/// Y» — «مع» right after the trigger, its adverb or a name; after another noun it belongs
/// to that noun («الحدود مع العراق», «اتفاق مع طهران»).
fn companion_near(site: &Site, g: usize) -> bool {
    let Site {
        s,
        groups,
        trig,
        t,
        last,
        ..
    } = *site;
    let with_at = (groups[g].from.saturating_sub(3)..groups[g].from)
        .rev()
        .find(|&i| s.has(i, Cue::Companion));
    with_at.is_some_and(|m| {
        // «خاضت اشتباكات مع», «وخاضت قوات يمنية اشتباكات مع»: the noun before «مع» is the
        // trigger's own word (or the rest of its phrase, split by its subject, which is
        // no trigger of its own): «مع» is the act's.
        // Not a request's: what it asks for is not whom it asks («يطالبون بقطع العلاقات
        // مع إسرائيل»).
        let own = trig.kind != "REQUEST"
            && m > 0
            && ((t.from..last.to).contains(&(m - 1))
                || t.split.is_some()
                    && m > t.to
                    && m <= t.to + 8
                    && !s.triggers.iter().any(|h| h.from < m && m - 1 < h.to));
        if own {
            return true;
        }
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
        // «حشدت قواتها على حدودها مع فنلندا»: forces massed at a border face the country
        // across it.
        !relational || border && trig.kind == "MOBILIZE"
    })
}

/// The other parties: «بين», «مع», «معه»; the object; an agent phrase and who it was
/// done to.
#[allow(clippy::type_complexity)]
fn others(
    site: &Site,
    form: &Form,
    mode_word: Option<&'static str>,
    mut subject: Option<usize>,
    mut object: Option<usize>,
    rest: &[usize],
    state: &State,
) -> (
    Option<usize>,
    Option<usize>,
    Option<usize>,
    Vec<usize>,
    Vec<usize>,
) {
    let Site {
        s,
        groups,
        t,
        last,
        trig,
        reg_to,
        ..
    } = *site;
    let passive = form.passive;
    let last_object = &state.last_object;
    let anchor_end = subject
        .filter(|&g| groups[g].from >= last.to)
        .map_or(last.to, |g| groups[g].to);
    let between: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&g| groups[g].intro == Intro::Between && groups[g].from <= anchor_end + 3)
        .collect();
    let multilateral = mode_word == Some("multilateral")
        || s.mentions
            .iter()
            .any(|m| m.kind == EntityType::Organization && m.country.is_none() && !m.described);
    let mut companions: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&g| {
            groups[g].intro == Intro::Companion && companion_near(site, g)
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
        object = first_object(site, rest, subject);
    }
    if object.is_none() {
        object = relative_doer(site, anchor_end);
    }
    // «دعا إلى عقد مؤتمر لدعم العراق», «طالبت بالدعاء لرجال الأمن»: a request whose next
    // word opens what is asked has asked no one; the names after are what it asks for.
    if trig.kind == "REQUEST" && object.is_some_and(|g| groups[g].from > anchor_end) {
        let opens = s.tokens.get(anchor_end).is_some_and(|w| {
            let w = w.folded.trim_start_matches('و');
            let named = s.mentions.iter().any(|m| m.from == anchor_end);
            // («بالعاصمة الإيطالية روما» says where it was asked, not what.)
            let place = s.has(anchor_end, Cue::Place);
            matches!(w, "الي" | "علي" | "ان" | "بان")
                || !named
                    && !place
                    && (w.starts_with('ب') || w.starts_with('ل') && !w.starts_with("لا"))
        });
        if opens {
            object = None;
        }
    }
    // «قتل شاب برصاص الجيش»، «مقتل ثلاثة على يد مسلحين»: an agent phrase names who did
    // it; the name the verb would have taken as its subject is then who it was done to.
    let agent = rest
        .iter()
        .copied()
        .find(|&g| groups[g].intro == Intro::Agent);
    // «الهجوم الذي شنه مسلحون», «الحصار الذي فرضته الميليشيات», «العمليات التي تقوم
    // بها قوات التحالف»: a relative right after the noun (its adjectives between) whose
    // verb only says who did it names the noun's agent; a name before the noun is then
    // not its subject (the one who condemns it or speaks of it), unless it suffered it
    // («تعرض موكب الوزير لهجوم شنه مسلحون»).
    let relative_agent = agent.is_none().then(|| relative_agent(site)).flatten();
    // Who suffered it is named in its own clause («أفاد المراسل بأن المدينة تعرضت لقصف»:
    // not the reporter), or is the relative's antecedent («أهداف الحزب التي تعرضت …»).
    let antecedent = |g: usize| site.c.kind == ClauseKind::Relative && groups[g].to == site.c.from;
    if form.suffered && subject.is_some_and(|g| groups[g].from < site.c.from && !antecedent(g)) {
        subject = None;
    }
    if relative_agent.is_some() && !form.suffered && subject.is_some_and(|g| groups[g].to <= t.from)
    {
        subject = None;
    }
    // The relative's doer is no object: what it hit comes after it, in the relative
    // clause («الغارات الجوية التي شنتها الطائرات التركية ضد مواقع تنظيم داعش»): a name
    // after «على» or «ضد», or after a noun of a site or of targets that follows them.
    if let Some(ra) = relative_agent.filter(|&ra| object.is_none() || object == Some(ra)) {
        let after = groups[ra].to;
        let next_trigger = s
            .triggers
            .iter()
            .map(|x| x.from)
            .filter(|&f| f >= after)
            .min()
            .unwrap_or(s.tokens.len());
        let against = |i: usize| matches!(s.tokens[i].folded.trim_start_matches('و'), "علي" | "ضد");
        object = groups.iter().position(|g| {
            g.from > after
                && g.from <= after + 6
                && g.from < next_trigger
                && (matches!(g.prep.as_str(), "علي" | "ضد")
                    || g.from >= 2
                        && against(g.from - 2)
                        && crate::describe::site_noun(&s.tokens[g.from - 1].folded))
        });
    }
    let agent = agent.or(relative_agent);
    let mut patient: Option<usize> = None;
    if trig.args == Args::Patient {
        // «مقتل 15 من عناصره»: the noun's complement is its target; its subject, if the
        // clause has one, is only the frame («أعلن الجيش مقتل …» — who speaks).
        // The noun's genitive, read as its agent when the words gave one right after it
        // («مقتل السفير كريستوفر ستيفنز»), is who it was done to; the names joined to the
        // one it was done to by «و» («… وثلاثة موظفين») are victims too.
        let genitive =
            subject.filter(|&g| groups[g].from >= last.to && groups[g].from <= last.to + 1);
        // «استهداف الميليشيات الحوثية لمطار عدن»: a genitive followed by the object with
        // «لـ» is the noun's agent, and that object (when it names an actor) its patient.
        // Not «لـ» of purpose or cause («احتجاز خمسة نيباليين للاشتباه في …»); an arrest
        // needs its patient named there («اعتقال الشرطة للمتظاهرين»).
        const PURPOSE: &[&str] = &[
            "اشتباه",
            "تحقيق",
            "تورط",
            "تورطه",
            "تورطهم",
            "اتهام",
            "اتهامه",
            "اتهامهم",
            "حيازه",
            "مخالفه",
            "مخالفتهم",
            "ارتكاب",
            "ارتكابه",
            "ارتكابهم",
            "استجواب",
            "سؤال",
        ];
        let lam_agent = genitive.filter(|&g| {
            s.tokens.get(groups[g].to).is_some_and(|w| {
                // «للاشتباه» is ل + الاشتباه, «لاتهامهم» ل + اتهامهم.
                let bare = w
                    .folded
                    .strip_prefix("لل")
                    .or_else(|| w.folded.strip_prefix("لال"))
                    .or_else(|| w.folded.strip_prefix('ل'))
                    .unwrap_or(&w.folded);
                crate::sentence::lam_object(&w.folded) && !PURPOSE.contains(&bare)
            })
        });
        let object_of = |g: usize| {
            rest.iter()
                .copied()
                .find(|&h| h != g && groups[h].from == groups[g].to)
        };
        if let Some(g) = lam_agent.filter(|&g| trig.kind == "ASSAULT" || object_of(g).is_some()) {
            return (agent.or(Some(g)), None, object_of(g), companions, between);
        }
        // A count and the members of a body may stand between: «ضبط 44 عنصرا من تنظيم
        // الإخوان» (the body's head word may stand outside its name).
        let members_of = |g: usize| {
            groups[g].from <= last.to + 5
                && (groups[g].from.saturating_sub(2)..groups[g].from)
                    .any(|i| s.tokens[i].folded == "من")
                && (last.to..groups[g].from).all(|i| crate::sentence::joined(&s.tokens, i, i + 1))
        };
        patient = genitive.or_else(|| {
            rest.iter()
                .copied()
                .find(|&g| matches!(groups[g].intro, Intro::Bare | Intro::Preposition))
                .filter(|&g| groups[g].from <= last.to + 3 || members_of(g))
                .or(subject.filter(|&g| groups[g].from >= last.to))
        });
        if let Some(g) = patient {
            companions.extend(rest.iter().copied().filter(|&h| {
                groups[h].from == groups[g].to && s.tokens[groups[h].from].folded.starts_with('و')
            }));
        }
        // But an authority that announces an arrest, a detention or a raid made it
        // («أعلنت وزارة الداخلية عن ضبط 44 عنصرا»), and so did one who succeeded in an act
        // («نجح الجيش في قتل العشرات من المسلحين»); who tells of a death did not cause it.
        // («أقدمت الميليشيات الحوثية على مداهمة»: so did one who dared it; the doer may
        // stand between the verb and the noun's preposition.)
        // So did one who «did» it («قام مسلحون بقتل عشرة صيادين»).
        let to_it = after_its_preposition(s, t);
        let by_doing = after_bi(t);
        let back = if to_it || by_doing { 6 } else { 3 };
        let succeeded = (t.from.saturating_sub(back)..t.from).any(|i| {
            let w = s.tokens[i].folded.trim_start_matches('و');
            w.starts_with("نجح")
                || w.starts_with("تمكن")
                || to_it && w.starts_with("اقدم")
                || by_doing && DID.contains(&w)
        });
        let authority = subject.filter(|&g| {
            groups[g].to <= t.from
                && Some(g) != patient
                && (succeeded
                    || trig.kind == "COERCE"
                        && groups[g].members.iter().all(|&m| authority(&s.mentions[m])))
        });
        subject = agent.or(authority);
        object = None;
    } else if let Some(ag) = agent.filter(|_| matches!(trig.args, Args::Dir | Args::Solo)) {
        // «أدانت البحرين التصريحات العدائية من قبل المسؤولين الإيرانيين»: after a verb of
        // speech with its own subject, the agent phrase that follows its object says who
        // did what is condemned, praised or rejected — the target, not the speaker.
        let statement = !CONFLICT.contains(&trig.kind)
            && t.verb
            && !form.passive
            && subject.is_some_and(|g| groups[g].to <= groups[ag].from);
        if statement {
            object = Some(ag);
        } else {
            patient = subject.or(object);
            subject = Some(ag);
            object = None;
        }
    } else if form.suffered && matches!(trig.args, Args::Dir | Args::Solo) {
        // «تعرض الجنود لهجوم»: who suffered it, no one named who did it; but the noun's
        // genitive after it is its doer («تعرضه لشظايا قذائف الميليشيات»).
        if subject.is_some_and(|g| groups[g].from < t.from) {
            patient = subject;
            subject = None;
        }
        object = None;
    } else if t.verb
        && matches!(trig.kind, "ASSAULT" | "COERCE")
        // «يسيطرون على», «اشتبكوا مع»: a verb whose phrase ends in the preposition of
        // its object is active (the passive would take a pronoun, «عليهم»); so is a
        // phrase that holds its object («إن مسلحا فتح النار», «أطلق النار»).
        && !(t.to > t.from + 1
            && (matches!(s.tokens[t.to - 1].folded.as_str(), "علي" | "مع" | "عن")
                || s.tokens[t.to - 1].folded == "النار"))
        // The same phrase split by its subject: «وسيطر مئات المسلحين على», «فتح رجل النار».
        && !(t.split.is_some()
            && subject.is_some_and(|g| {
                s.tokens.get(groups[g].to).is_some_and(|w| {
                    matches!(w.folded.as_str(), "علي" | "مع" | "عن" | "النار")
                })
            }))
        // «فجرت امرأة حزامها الناسف», «فجر شاب نفسه»: who sets off herself or her own
        // explosives is the bomber, whatever word names her.
        && !subject.is_some_and(|g| own_explosive(s, groups[g].to))
        // «إن انتحاريا فجر نفسه», «إن مسلحا قتل شرطيا»: the doer named before the verb.
        && !subject.is_some_and(|g| doer_before(site, rest, g))
        // «إن المستوطنين دخلوا القرية وأحرقوا منزلا»: the doer of the plural verb before,
        // going on, is no one it was done to.
        && !(subject.is_some() && subject == doer_of_the_verb_before(site))
        // «إن ثلاث مقاتلات قصفت مقرين»: aircraft or guns counted before a strike's verb
        // struck; they were not struck.
        && !subject.is_some_and(|g| groups[g].to <= t.from && striking_arms(site, &groups[g]))
        && subject.is_some_and(|g| {
            counted_or_civilians(s, site.lex, &groups[g])
                // «الجنود قُتلوا»: the writer vowelled the passive.
                || s.tokens[t.from].damma_first
                // «قتل ضابط تركي وأصيب جنديان آخران»: killed, with others wounded.
                || trig.kind == "ASSAULT" && wounded_next(s, groups[g].to)
                // «وكان العقيد فلان قتل يوم الخميس متأثرا بجروح أصيب بها»: who died of
                // his wounds was killed.
                || trig.kind == "ASSAULT" && died_of_wounds(s, last.to)
        })
        // «قتل مستوطنون فلسطينيا», «خطفت مجموعة مستوطنين الفتى»: a subject right after the
        // verb with a name right after it (not joined by «و») is the doer, that name the
        // object; the passive has no object.
        // Its adjectives or a quoted name may stand between («قتلت الفتاة المراهقة
        // جنديا»), and the day of the act («خطف عناصر من جبهة النصرة مساء أول من أمس
        // قائد الفرقة»), not a preposition, another word of time or a comma.
        && !subject.is_some_and(|g| {
            groups[g].from <= t.to + 1
                && rest.iter().any(|&h| {
                    h != g
                        && groups[h].from >= groups[g].to
                        && groups[h].from <= groups[g].to + 5
                        && crate::sentence::joined(&s.tokens, groups[g].to - 1, groups[h].from)
                        && (groups[g].to..groups[h].from).all(|i| modifier(s, i) || in_date(s, i))
                        && (groups[g].to..groups[h].from).filter(|&i| !in_date(s, i)).count() <= 3
                        && groups[h].intro == Intro::Bare
                        && !s.tokens[groups[h].from].folded.starts_with('و')
                        // «قتل ثلاثة أشخاص مدنيين»: a word for civilians after a count
                        // of people is its adjective.
                        && !matches!(
                            s.tokens[groups[h].from].folded.as_str(),
                            "مدني" | "مدنيا" | "مدنيين" | "مدنيون" | "مدنيه"
                        )
                })
        })
        // «إن مسلحا فتح النار … فقتل شخصين»: after «ف», the doer of the act before goes on
        // (the name after the verb is its object).
        && !(t.prefix.starts_with('ف')
            && subject.is_some()
            && subject == state.last_subject
            && subject.is_some_and(|g| groups[g].to <= t.from))
        // «هاجم مستوطنون المنزل», «داهم مسلحون القرية»: a verb of the pattern فاعل has
        // a passive of its own spelling (هوجم، دوهم), so unvowelled it is active.
        && (t.imperfect
            || s.tokens[t.from]
                .folded
                .trim_start_matches(['و', 'ف'])
                .chars()
                .nth(1)
                != Some('ا'))
        // «اقتحم مستوطنون المسجد الأقصى», «اجتاح مسلحون البلدة»: one storms a place, not
        // people; with people as its subject the verb is active.
        && !matches!(
            s.tokens[t.from].folded.trim_start_matches(['و', 'ف']),
            "اقتحم" | "اقتحمت" | "اقتحموا" | "اجتاح" | "اجتاحت" | "اجتاحوا"
        )
        // «الشاب الذي قتل خمسة جنود»: after a relative, a name right after the verb is
        // its object, so the verb is active and the one before it its doer.
        && !(relative_subject(site)
            && rest
                .iter()
                .any(|&g| groups[g].intro == Intro::Bare && groups[g].from <= t.to + 1))
    {
        // «وقتل مئات من رجال الجيش في هجمات», «قتلت خمس نساء», «اعتقل 16 شخصا», «نحو
        // 260 مقاتلا قتلوا»: unvowelled, these verbs are passive when what stands as
        // their subject is a count of people or civilians (the active «قتل الجيش 20
        // مسلحا» has a body as its subject). They are who it was done to.
        patient = subject;
        subject = None;
        object = None;
        // «قتل ضابط وأصيب جنديان»: the wounded named right after are its victims too.
        if let Some(g) = patient {
            let wounded_verb = wounded_next(s, groups[g].to);
            companions.extend(
                rest.iter()
                    .copied()
                    .filter(|&h| wounded_verb && groups[h].from == groups[g].to + 1),
            );
        }
    }
    // «ثلاثة من الإرهابيين قتلوا باشتباكات مع قوات الأمن»: the dead fell in a clash, and
    // who they clashed with is who killed them; so in an exchange of fire («قتلت ناشطة في
    // تبادل إطلاق نار مع الشرطة»).
    // (The exchange's own words may close the trigger's region: any name of the clause.)
    if trig.kind == "ASSAULT" && subject.is_none() && patient.is_some() {
        subject = (0..groups.len()).find(|&g| {
            let at = groups[g].from;
            Some(g) != patient
                && at > t.to
                && groups[g].to <= site.c.to
                && at >= 2
                && s.has(at - 1, Cue::Companion)
                && (at.saturating_sub(4)..at - 1).any(|i| s.has(i, Cue::Clash))
        });
    }
    (subject, object, patient, companions, between)
}

/// Whether a group stands in a person's appositive, between commas right after the
/// person's name: «ندد الدكتور صلاح باعثمان، رئيس قسم الدراسات في جامعة جدة، بالتفجير»,
/// «انتقد محمد الفلاحي، عضو مجلس الشورى، القرار» — the university and the council say
/// who he is; they are no party. The appositive starts with a noun (not a preposition, a
/// conjunction or an event's word), names no person (in «استقبل الملك، ولي عهد أبوظبي
/// الشيخ محمد، …» the name after the comma is whom he received) and is closed by a comma.
fn in_appositive(s: &Sentence, groups: &[Group], g: usize) -> bool {
    let comma_before = |i: usize| s.tokens.get(i).is_some_and(|w| w.comma_before);
    groups.iter().any(|p| {
        let person = p
            .members
            .iter()
            .all(|&m| s.mentions[m].kind == EntityType::Person && !s.mentions[m].described);
        let r = p.to;
        if !person || !comma_before(r) || r > groups[g].from {
            return false;
        }
        let Some(end) = (r + 1..s.tokens.len()).find(|&i| comma_before(i)) else {
            return false;
        };
        let first = s.tokens[r].folded.as_str();
        // A name or an honorific right after the comma is the verb's object, not who he is
        // («اتهم الرئيس محمدو بوخاري، الولايات المتحدة», «قلد الملك، فخامة رئيس السنغال»).
        let named = s.mentions.iter().any(|m| m.from == r && !m.described)
            || matches!(
                first,
                "فخامه" | "سمو" | "صاحب" | "معالي" | "دوله" | "جلاله" | "سعاده" | "سماحه"
            );
        let opens_with_noun = !crate::sentence::PREPOSITIONS.contains(&first)
            && !first.starts_with('و')
            && !named
            && !s.triggers.iter().any(|t| t.from >= r && t.from < end);
        let no_person = !s
            .mentions
            .iter()
            .any(|m| m.from >= r && m.to <= end && m.kind == EntityType::Person && !m.described);
        opens_with_noun && no_person && groups[g].to <= end && end - r <= 12
    })
}

/// «دعا صلاح الدين دمرداش زعيم حزب الشعوب الديمقراطي أمس حزب العمال الكردستاني إلى …»,
/// «اتهم زعيم حزب الشعب الجمهوري أكبر أحزاب المعارضة في تركيا الرئيس إردوغان»: a body
/// after a person's title of leadership, or after «أكبر/أبرز» and a plural, says who the
/// name before it is, with no comma — when another name follows it bare, that one is the
/// object (with none after, «استقبل الملك رئيس حزب …» has its object there).
fn titled_apposition(s: &Sentence, groups: &[Group], g: usize, reg_to: usize) -> bool {
    const LEADS: &[&str] = &["زعيم", "رييس", "امين", "قايد", "موسس", "مرشد"];
    const MOST: &[&str] = &["اكبر", "ابرز", "اقدم", "اهم", "اقوي", "كبري"];
    let word = |i: usize| s.tokens[i].folded.as_str();
    let from = groups[g].from;
    let after_title = from >= 2
        && LEADS.contains(&word(from - 1))
        && groups.iter().any(|p| {
            p.to + 2 >= from - 1
                && p.to < from
                && p.members
                    .iter()
                    .all(|&m| s.mentions[m].kind == EntityType::Person)
        });
    let after_most = from >= 2
        && MOST.contains(&word(from - 2))
        && from > 2
        && {
            let head = word(from - 1);
            head.starts_with('ا') && head.chars().count() >= 4
        }
        && groups.iter().any(|p| p.to + 1 >= from - 2 && p.to < from);
    let object_after = groups.iter().any(|h| {
        h.from > groups[g].to
            && h.to <= reg_to
            && h.intro == Intro::Bare
            && h.from <= groups[g].to + 6
    });
    (after_title || after_most)
        && object_after
        && crate::sentence::joined(&s.tokens, from - 2, from)
}

/// Word `i` (or the one after it, past an adjective) is the doer's self or the doer's own
/// explosive: «نفسه», «نفسها», «حزامها الناسف», «سترته», «حزاما ناسفا».
fn own_explosive(s: &Sentence, i: usize) -> bool {
    let own = |k: usize| {
        s.tokens.get(k).is_some_and(|w| {
            let w = w.folded.as_str();
            matches!(
                w,
                "نفسه" | "نفسها" | "نفسيهما" | "انفسهم" | "انفسهما" | "انفسهن"
            ) || ["حزام", "ستره", "سترت"].iter().any(|p| w.starts_with(p))
        })
    };
    own(i) || own(i + 1) && modifier(s, i) && crate::sentence::joined(&s.tokens, i, i + 1)
}

/// Whether group `g`, named before the verb, did the act: after «إن» the accusative of a
/// count is no sign of the unvowelled passive, but the bomber's own explosives after the
/// verb are («إن انتحاريا فجر نفسه»), and so is a name right after a verb that opens no
/// clause of its own, its object («إن مسلحا قتل شرطيا»; in «واعتقلت الشرطة عددا منهم»
/// the name after «و»'s verb is its own subject).
fn doer_before(site: &Site, rest: &[usize], g: usize) -> bool {
    let Site { s, t, groups, .. } = *site;
    let object_after = || {
        rest.iter().any(|&h| {
            h != g
                && groups[h].from == t.to
                && groups[h].intro == Intro::Bare
                && !s.tokens[groups[h].from].folded.starts_with('و')
                && crate::sentence::joined(&s.tokens, t.to - 1, t.to)
        })
    };
    groups[g].to <= t.from
        && (own_explosive(s, t.to)
            || groups[g].to + 1 >= t.from && t.prefix.is_empty() && object_after())
}

/// «إن مسلحي بوكو حرام جاؤوا إلى قرانا ليلا، وقتلوا 43 شخصا»: a plural verb joined by «و»
/// or «ف», with no subject of its own, goes on from the plural verb before it in the
/// sentence (a verb of anything, not only of events); that verb's subject, named right
/// before it, is this one's. Only a name right before a plural verb — the word order in
/// which the name is the subject for certain (SVO).
/// So does a feminine past verb («منعت قوات الاحتلال دخول المصلين، واعتدت عليهم
/// واعتقلت امرأة») from the feminine past verb of an event told before it in its clause,
/// whose subject stands right after it (VSO) or right before it (SVO): a body, named
/// once, doing one thing after another.
fn doer_of_the_verb_before(site: &Site) -> Option<usize> {
    let Site {
        s, t, c, groups, ..
    } = *site;
    let plural = |w: &str| {
        let w = w.trim_start_matches(['و', 'ف']);
        w.chars().count() >= 4 && w.ends_with("وا")
    };
    let and_verb = t.verb && !t.imperfect && t.prefix.starts_with(['و', 'ف']);
    let bare_group = |g: &Group| {
        g.intro == Intro::Bare && !s.mentions[g.members[0]].clitic.starts_with(['و', 'ب', 'ل'])
    };
    if and_verb && s.tokens[t.from].folded.ends_with('ت') {
        // The verb before: an event's past verb, or the word that opens the clause (a verb
        // that names no event: «منعت قوات الاحتلال دخول …»). The chain may pass verbs with
        // no subject named («واعتدت عليهم»).
        let opener = (c.from..(c.from + 2).min(t.from))
            .find(|&i| !matches!(s.tokens[i].folded.as_str(), "و" | "ف" | "قد" | "وقد"));
        let verbs = s
            .triggers
            .iter()
            .filter(|h| h.verb && !h.imperfect && h.from >= c.from && h.to <= t.from)
            .map(|h| (h.from, h.to))
            .chain(opener.map(|i| (i, i + 1)))
            .filter(|&(from, _)| {
                from + 24 >= t.from && s.tokens[from].folded.ends_with('ت') && from < t.from
            });
        let joined = |a: usize, b: usize| crate::sentence::joined(&s.tokens, a, b);
        let mut verbs: Vec<(usize, usize)> = verbs.collect();
        verbs.sort_unstable_by(|a, b| b.cmp(a));
        return verbs.into_iter().find_map(|(from, to)| {
            groups
                .iter()
                .position(|g| bare_group(g) && g.from == to && joined(to - 1, g.from))
                .or_else(|| {
                    groups
                        .iter()
                        .position(|g| bare_group(g) && g.to == from && joined(g.to - 1, from))
                })
        });
    }
    if !(and_verb && plural(&s.tokens[t.from].folded)) {
        return None;
    }
    let k = (t.from.saturating_sub(12)..t.from)
        .rev()
        .find(|&k| plural(&s.tokens[k].folded))?;
    groups
        .iter()
        .position(|g| g.to == k && bare_group(g) && crate::sentence::joined(&s.tokens, g.to - 1, k))
}

/// Word `i` is «وأصيب» or «وجرح»: others wounded, joined to a killing before it.
fn wounded_next(s: &Sentence, i: usize) -> bool {
    s.tokens.get(i).is_some_and(|w| {
        matches!(
            w.folded.as_str(),
            "واصيب" | "واصيبت" | "واصيبوا" | "وجرح" | "وجرحت" | "وجرحوا"
        )
    })
}

/// «متأثرا بجروحه» within five words after word `i` (the end of a verb of killing): the
/// one killed died of his wounds, so the verb is the passive.
fn died_of_wounds(s: &Sentence, i: usize) -> bool {
    (i..(i + 5).min(s.tokens.len())).any(|k| {
        s.tokens[k]
            .folded
            .trim_start_matches('و')
            .starts_with("متاثر")
    })
}

/// The agent a relative clause right after a verbal noun names: «الهجوم الانتحاري الذي
/// شنه مسلحون» — the relative pronoun within three words of the noun, only its definite
/// adjectives between, a `doer` cue on the word after it, the name right after that.
fn relative_agent(site: &Site) -> Option<usize> {
    let Site {
        s,
        groups,
        t,
        last,
        trig,
        ..
    } = *site;
    // Acts of force only: «رفع الحظر الذي فرضه» names who imposed the ban, not who lifts it.
    if t.verb
        || t.participle
        || !matches!(trig.kind, "ASSAULT" | "COERCE" | "SANCTION")
        || !matches!(trig.args, Args::Dir | Args::Solo | Args::Patient)
    {
        return None;
    }
    let window = last.to..(last.to + 3).min(s.tokens.len());
    let clear = |r: usize| {
        !s.mentions.iter().any(|m| m.from >= last.to && m.from < r)
            && !s.triggers.iter().any(|t| t.from >= last.to && t.from < r)
    };
    let doer = match window.clone().find(|&i| s.has(i, Cue::Relative)) {
        // Only the noun's definite adjectives between («الهجوم الانتحاري الجبان الذي»): a
        // preposition or a noun without the article starts another phrase the relative
        // may describe («السيطرة على رأس المال التي»).
        Some(r) if (last.to..r).all(|i| s.tokens[i].folded.starts_with("ال")) && clear(r) => {
            r + 1
        }
        Some(_) => return None,
        // An indefinite noun takes its relative clause without the pronoun («غارات مكثفة
        // يشنها الطيران التركي»), its indefinite adjectives between and no punctuation.
        None if !t.definite => window.clone().find(|&i| s.has(i, Cue::Doer)).filter(|&d| {
            (last.to..d).all(|i| !s.tokens[i].folded.starts_with("ال"))
                && clear(d)
                && crate::sentence::joined(&s.tokens, last.to, d)
        })?,
        None => return None,
    };
    if !s.has(doer, Cue::Doer) {
        return None;
    }
    // The name right after the verb («تقوم بها» is two words), not one after a
    // preposition («الضربات التي تشنها على تنظيم داعش»: the target).
    // «نسبت إلى حزب العمال»: the name after the phrase's own «إلى».
    let to_whom = s.tokens.get(doer + 1).is_some_and(|w| w.folded == "الي");
    groups.iter().position(|g| {
        g.from > doer
            && g.from <= doer + 2
            && (matches!(g.intro, Intro::Bare | Intro::Agent)
                || to_whom && g.intro == Intro::Preposition)
    })
}

/// Whose the thing a stance is about is: «أشاد بالدور الذي تضطلع به المملكة», «انتقد
/// الجهود التي تبذلها الحكومة» — the stance's object is a noun (not an event word, not a
/// name) with a relative right after it whose verb only says who does the thing (a
/// `doer` cue); the name right after that verb is the one praised or blamed. The relative
/// clause is a clause of its own, so the trigger's clause never reaches the name. `after`:
/// where the trigger's words end, or its subject's when the subject follows it.
fn relative_doer(site: &Site, after: usize) -> Option<usize> {
    let Site {
        s, groups, trig, ..
    } = *site;
    if !matches!(trig.kind, "SUPPORT" | "ACCUSE" | "REJECT") {
        return None;
    }
    // The noun right after the trigger or its subject («أشاد الرئيس ماكرون بالدور»), or
    // after the end of a phrase split by its subject («أعرب X عن تقديره البالغ للدور»).
    let r = (after + 1..(after + 5).min(s.tokens.len())).find(|&i| s.has(i, Cue::Relative))?;
    // The country that holds the stance may stand right after its noun («أعرب كيري عن
    // ترحيب أميركا بالخطوات التي اتخذها الرئيس السيسي»).
    let holder = |m: &crate::sentence::Mention| m.from == after && m.is_country();
    let clear = !s
        .mentions
        .iter()
        .any(|m| m.from >= after && m.from < r && !holder(m))
        && !s.triggers.iter().any(|n| n.from >= after && n.from < r);
    if !clear || !s.has(r + 1, Cue::Doer) {
        return None;
    }
    groups
        .iter()
        .position(|g| g.from > r + 1 && g.from <= r + 3 && matches!(g.intro, Intro::Bare))
}

/// The first name after the trigger that can be its object; after a stance's noun, the
/// one after the country that holds the stance («أعرب سموه عن تقدير المملكة لموقف
/// أوكرانيا», «جدد رفض مصر لدعوة ترامب»: the country right after the noun is the
/// speaker's own, what the stance is about comes after it). The speaker's own country
/// alone after the noun holds the stance too («أكد الملك سلمان تنديد السعودية
/// بالأعمال الإرهابية»: no one is blamed).
fn first_object(site: &Site, rest: &[usize], subject: Option<usize>) -> Option<usize> {
    let Site {
        s,
        groups,
        t,
        last,
        trig,
        ..
    } = *site;
    // «دعا … بضرورة اتباع تعليمات حرس الحدود», «دعا العبادي ضرورة الحفاظ على حياة
    // المدنيين»: what a call asks for starts at «ضرورة» / «أهمية»; a name inside it is what
    // it asks about, never whom it calls on (who is named before it, if at all).
    let asked_for = |g: usize| {
        trig.kind == "REQUEST"
            && (last.to..groups[g].from).any(|i| {
                let w = s.tokens[i].folded.trim_start_matches('و');
                let w = w.strip_prefix(['ب', 'ل']).unwrap_or(w);
                matches!(w, "ضروره" | "اهميه")
            })
    };
    let candidates: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&g| matches!(groups[g].intro, Intro::Bare | Intro::Preposition))
        .filter(|&g| !asked_for(g))
        .collect();
    // «أعرب … عن تقدير مصر لـ»: the noun after «عن» is a stance's noun too.
    let stance_noun = (!t.verb && !t.participle || s.tokens[t.from].folded == "عن")
        && matches!(trig.kind, "SUPPORT" | "ACCUSE" | "REJECT" | "REQUEST");
    if stance_noun && candidates.len() >= 2 {
        let g = &groups[candidates[0]];
        let holder = g.from == last.to
            && g.intro == Intro::Bare
            && g.members.iter().all(|&m| s.mentions[m].is_country());
        if holder {
            return Some(candidates[1]);
        }
    }
    if stance_noun && candidates.len() == 1 {
        let g = &groups[candidates[0]];
        let speaker_country = subject.and_then(|sg| {
            groups[sg]
                .members
                .first()
                .and_then(|&m| s.mentions[m].country.clone())
        });
        let own = g.from == last.to
            && g.intro == Intro::Bare
            && speaker_country.is_some()
            && g.members
                .iter()
                .all(|&m| s.mentions[m].is_country() && s.mentions[m].country == speaker_country);
        if own {
            return None;
        }
    }
    candidates.first().copied()
}

/// «ويتهم دمرتاش الرئيس التركي بـ…»: one word right after the verb that nothing
/// explains — no mention, no cue, not a noun with the article, a count, an adverb in the
/// accusative, a title or a preposition — and then a person named by his office: the
/// word is the subject's name, which the knowledge base and the tagger do not know, and
/// the person is the object. (Before a body or a place the word may be a noun in the
/// construct, «نواب البرلمان»; an office right after a name is rarely its genitive.)
fn unknown_name_subject(site: &Site) -> bool {
    let Site {
        s, t, last, lex, ..
    } = *site;
    if !t.verb || t.split.is_some() || t.participle {
        return false;
    }
    let Some(w) = s.tokens.get(last.to) else {
        return false;
    };
    let word = w.folded.trim_start_matches('و');
    let explained = s
        .mentions
        .iter()
        .any(|m| m.from <= last.to && m.to > last.to)
        || s.triggers
            .iter()
            .any(|x| x.from <= last.to && last.to < x.to)
        || w.cues != 0
        || word.starts_with("ال")
        || word.ends_with('ا')
        || word.chars().count() < 3
        || word.chars().any(char::is_numeric)
        || crate::read::COUNT_WORDS.contains(&word)
        || crate::sentence::day_word(word)
        || crate::sentence::HOLDERS.contains(&word)
        || crate::sentence::STAFF.contains(&word)
        || lex.actors.contains_key(word)
        || matches!(word.chars().next(), Some('ب' | 'ل' | 'ك' | 'ف'))
        || matches!(
            word,
            "في" | "من" | "علي" | "عن" | "الي" | "مع" | "ايضا" | "كذلك" | "امس" | "اليوم"
                | "بشده" | "مجددا" | "فيه" | "فيها" | "منه" | "منها" | "هو" | "هي" | "هم"
                // Honorifics before an office: «أدان معالي الأمين العام».
                | "معالي" | "فخامه" | "سمو" | "جلاله" | "سعاده" | "دوله" | "صاحب" | "سماحه"
                | "حضره" | "غبطه" | "نيافه" | "سياده"
        );
    if explained {
        return false;
    }
    // The person right after it, named by an office: «الرئيس التركي», «وزير الخارجية …».
    s.mentions.iter().any(|m| {
        m.from == last.to + 1
            && m.kind == EntityType::Person
            && !m.described
            && s.tokens[m.from]
                .folded
                .strip_prefix("ال")
                .is_some_and(|title| crate::sentence::HOLDERS.contains(&title))
    })
}

/// No subject in the sentence: the one the page last spoke of, where the words need one
/// said before. Records the subject and object for the triggers after this one.
fn implied_subject<'a>(
    site: &Site,
    form: &Form,
    implied: Option<&'a Antecedent>,
    subject: Option<usize>,
    object: Option<usize>,
    pronoun_subject: bool,
    state: &mut State,
) -> Option<&'a Antecedent> {
    let Site {
        s,
        t,
        last,
        trig,
        c,
        ..
    } = *site;
    let Form {
        passive,
        coordinated,
        ..
    } = *form;
    let State {
        last_subject,
        first_subject,
        last_object,
        implied_first,
        ..
    } = state;
    // No subject in the sentence: the one the page last spoke of, for words that need
    // one said before — a participle, a noun with a pronoun («زيارته»), a verb whose next
    // word opens a complement («ودعا إلى», «وأكد أن», «وطالب بـ») or points back («فيها»).
    let opens_complement = s.tokens.get(last.to).is_some_and(|w| {
        let w = w.folded.as_str();
        matches!(
            w,
            "الي" | "علي" | "ان" | "انه" | "انها" | "الا" | "عن" | "في"
                // «وحذر فيها إيران»: "in it", the interview or speech just told.
                | "فيها" | "فيه" | "خلالها" | "خلاله"
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
    let stance = matches!(
        trig.kind,
        "ACCUSE" | "SUPPORT" | "REQUEST" | "REJECT" | "THREATEN"
    );
    let implied = (subject.is_none() && !passive && !coordinated)
        .then_some(implied)
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
    implied
}

/// Whether a word between two names can be the first's adjective or part of its quoted
/// name: an adjective's shape (the article, or a relational ending: «المراهقة»,
/// «فلسطيني»), or a word of a quoted name («"زولان أوكيش"»).
/// Whether word `i` is inside a date expression of the sentence («أمس», «مساء أول من أمس»).
fn in_date(s: &Sentence, i: usize) -> bool {
    let w = s.tokens[i].span;
    s.dates.iter().any(|d| d.start <= w.start && w.end <= d.end)
}

fn modifier(s: &Sentence, i: usize) -> bool {
    let w = &s.tokens[i];
    let f = w.folded.as_str();
    let quoted = w.name_quote_before || s.tokens.get(i + 1).is_some_and(|n| n.name_quote_before);
    let adjective = f.starts_with("ال")
        || ["ي", "يه", "يان", "يين", "يون", "يا"]
            .iter()
            .any(|e| f.ends_with(e));
    !f.starts_with('و')
        && !crate::sentence::PREPOSITIONS.contains(&f)
        && !matches!(f, "الذي" | "التي" | "الذين" | "الان" | "اليوم")
        && (adjective || quoted)
}
