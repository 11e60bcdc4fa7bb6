//! Unknown names: people and organisations the knowledge base does not list, found where
//! the text introduces them.
//!
//! News introduces a new name with a title or a role («وزير الخارجية العماني بدر
//! البوسعيدي», «المتحدث باسم الحركة فلان») and an organisation with its head word («حزب
//! العدالة والتنمية», «شركة …»). [`annotate_unknown`] looks only there: at each such cue
//! that no knowledge-base mention already explains, the statistical tagger
//! ([`marsad_ner::Tagger`], trained on ANERcorp) reads a window of the sentence and says
//! where the name begins and ends. A person is accepted when the tagger's PERS span starts
//! within the role phrase's reach after the title (at most [`MAX_GAP`] words: «وزير
//! الخارجية العماني»), an organisation when its ORG span starts at the head word itself.
//!
//! Why only at cues, and not the tagger over every sentence: the tagger alone finds
//! people with F1 ≈ 0.68 on ANERcorp, and a false person costs an analyst more than a
//! missed one (it becomes an actor of events, a node of the network). The cue is the
//! second opinion. It also keeps the stage cheap: a few windows of a dozen words per page,
//! not every sentence through two passes.
//!
//! Each unknown entity gets its own key, the folded Arabic form of its name (SCHEMA.md),
//! and, where the role phrase says so, a country (the adjective or country in the phrase)
//! and an office (`resolved.office`, when the phrase is one of `office_roles.tsv`). Once a
//! full name is found, its later mentions in the page (the full name again, or its last
//! word after a title: «وقال البوسعيدي») are the same entity.
//!
//! A role phrase the linker resolved to the knowledge base's office holder but followed
//! by an unknown name is an apposition naming someone else (a deputy the phrase did not
//! mark, or a holder the KB does not know yet): the name wins, and the holder's mention
//! there is dropped, as the linker itself does for a known name.

use marsad_ner::{spans, EntityKind, Tagger};
use marsad_schema::{Document, Entity, EntityType, Evidence, Mention, Resolution};
use marsad_text::{fold_str, is_word_char, sentences, Chain, Span};

use crate::{HashMap, HashSet, Linker, Role};

/// Given names, one a line (`data/kb/given_names.tsv`; `#` starts a comment).
pub const GIVEN_NAMES: &str = include_str!("../../../data/kb/given_names.tsv");

/// Most words between a title and the name it introduces (the rest of the role phrase:
/// «وزير | الخارجية العماني», «المتحدث | باسم الخارجية الإيرانية»).
const MAX_GAP: usize = 4;
/// Longest name accepted, in words.
const MAX_NAME: usize = 5;
/// Words of context the tagger sees before a cue, and after it.
const LEFT: usize = 2;
const RIGHT: usize = 10;

/// Most tagger windows per page. An article introduces a few dozen names at most; a page
/// of one repeated line could otherwise cost a tagger call per word.
const MAX_WINDOWS: usize = 128;

/// The word lists as sets, folded once: a page asks about every one of its words, and a
/// scan of sixty strings per word was 2% of an ingest's CPU.
struct Lists {
    /// Words that introduce a person's name: the `cue` words of `data/kb/titles.tsv`.
    person_cues: HashSet<String>,
    /// Words that head an organisation's name: the `cue` words of `data/kb/org_heads.tsv`.
    org_heads: HashSet<String>,
    /// Organisation heads after which one word already makes a name («حزب النهضة»,
    /// «شركة أرامكو»); the others (مجلس، وزارة، لجنة …) need two («مجلس التعاون
    /// الخليجي»): the `named` words of `data/kb/org_heads.tsv`.
    named_heads: HashSet<String>,
    /// Words after which a title names a namesake, not a person the text introduces
    /// («مدينة الملك سعود الطبية», «مستشفى الأمير …»): the `namesake` words of
    /// `data/kb/org_heads.tsv` (places, facilities and the heads of bodies named after
    /// someone, not those a person is a member of: «عضو المجلس الدكتور …»).
    namesakes: HashSet<String>,
    /// Verbs after which news names who speaks: the `cue` words of
    /// `data/kb/speaker_verbs.tsv`.
    speaker_verbs: HashSet<String>,
    not_name: HashSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    let folded = |list: &marsad_kb::words::WordList, reader: &str| -> HashSet<String> {
        list.words_for(reader)
            .map(|w| fold_str(w, Chain::Match))
            .collect()
    };
    LISTS.get_or_init(|| Lists {
        person_cues: folded(&marsad_kb::words::TITLES, "cue"),
        org_heads: folded(&marsad_kb::words::ORG_HEADS, "cue"),
        named_heads: folded(&marsad_kb::words::ORG_HEADS, "named"),
        namesakes: folded(&marsad_kb::words::ORG_HEADS, "namesake"),
        speaker_verbs: folded(&marsad_kb::words::SPEAKER_VERBS, "cue"),
        not_name: NOT_NAME.iter().copied().collect(),
    })
}

/// One token of a sentence: a word, or one punctuation character (the tagger was trained
/// on text with punctuation as tokens).
#[derive(Debug, Clone)]
struct Tok<'t> {
    text: &'t str,
    /// Characters into the document text.
    span: Span,
    word: bool,
}

/// Tokens of the sentence `s`, which starts at character `sentence.start` of the text,
/// with character spans into the text.
fn tokens(s: &str, sentence: Span) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut word_start: Option<(usize, usize)> = None; // (char, byte)
    let mut chars = 0;
    for (b, c) in s.char_indices() {
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some((chars, b));
            }
        } else {
            if let Some((c0, b0)) = word_start.take() {
                out.push(Tok {
                    text: &s[b0..b],
                    span: Span::new(sentence.start + c0, sentence.start + chars),
                    word: true,
                });
            }
            if !c.is_whitespace() {
                out.push(Tok {
                    text: &s[b..b + c.len_utf8()],
                    span: Span::new(sentence.start + chars, sentence.start + chars + 1),
                    word: false,
                });
            }
        }
        chars += 1;
    }
    if let Some((c0, b0)) = word_start {
        out.push(Tok {
            text: &s[b0..],
            span: Span::new(sentence.start + c0, sentence.start + chars),
            word: true,
        });
    }
    out
}

/// The folded word without its proclitics when the rest is a cue, a head or a namesake's
/// head: «وقال الوزير» → الوزير, «بمركز الأمير …» → مركز, «ولجامعة …» → جامعة. A
/// conjunction (و، ف) comes first, then a preposition (ب، ل، ك); the rest keeps three
/// letters. Without the prepositions, «بمدينة الملك سعود الطبية» read «سعود الطبية» as a
/// person the title introduced (25 such names on 2,000 SaudiNewsNet articles).
fn cue_form(word: &str) -> String {
    let f = fold_str(word, Chain::Match);
    let lists = lists();
    let is_cue = |w: &str| {
        w.chars().count() >= 3
            && (lists.person_cues.contains(w)
                || lists.org_heads.contains(w)
                || lists.namesakes.contains(w)
                || lists.speaker_verbs.contains(w))
    };
    // «د. توفيق السويلم»: the abbreviation of «الدكتور» is a cue of one letter, written
    // alone (a stripped form that short would be a clitic's leftover).
    if is_cue(&f) || lists.person_cues.contains(&f) {
        return f;
    }
    let after_conjunction = ["و", "ف"]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .unwrap_or(&f);
    let candidates = [after_conjunction].into_iter().chain(
        ["ب", "ل", "ك"]
            .iter()
            .filter_map(|p| after_conjunction.strip_prefix(p)),
    );
    for rest in candidates {
        if rest.len() < f.len() && is_cue(rest) {
            return rest.to_string();
        }
    }
    // «ل» before the article drops its alif: «للرئيس» is «ل» + «الرئيس», and before a
    // word that starts with «ل» the article's «ل» too: «للواء حمد العطية» is «ل» +
    // «اللواء». Only a title: its name starts after it, so the letters the form gains do
    // not matter.
    let titled = ["لل", "ل"]
        .iter()
        .filter_map(|p| after_conjunction.strip_prefix(p))
        .map(|rest| format!("ال{rest}"))
        .find(|t| lists.person_cues.contains(t));
    titled.unwrap_or(f)
}

/// Where the name after the cue at token `c` may start: the next token, or the one after
/// the full stop of an abbreviated title («د. توفيق السويلم»).
fn name_start(toks: &[Tok<'_>], forms: &[String], c: usize) -> usize {
    let abbreviated = forms[c].chars().count() == 1
        && toks.get(c + 1).is_some_and(|t| t.text == ".")
        && toks.get(c + 2).is_some_and(|t| t.word);
    if abbreviated {
        c + 2
    } else {
        c + 1
    }
}

/// Characters of `word` before its cue form `form` (its proclitics, with the marks and
/// tatweel that folding drops after them): where a name that starts at the head begins.
fn clitic_chars(word: &str, form: &str) -> usize {
    let letters = fold_str(word, Chain::Match)
        .chars()
        .count()
        .saturating_sub(form.chars().count());
    let mut buf = [0u8; 4];
    let mut seen = 0;
    let mut taken = 0;
    for c in word.chars() {
        let folded_away = fold_str(c.encode_utf8(&mut buf), Chain::Match).is_empty();
        if !folded_away {
            if seen == letters {
                break;
            }
            seen += 1;
        }
        taken += 1;
    }
    taken
}

/// An unknown name found at a cue, before grouping.
struct Found {
    kind: EntityType,
    /// How it was found (`resolved.by`): `unknown+title`, `unknown+verb`, `unknown+head`.
    by: &'static str,
    /// Characters of the name in the document text.
    span: Span,
    /// Characters of the cue through the name: the evidence.
    context: Span,
    country: Option<String>,
    office: Option<String>,
}

/// Adds the people and organisations the knowledge base does not know, where the text
/// introduces them with a title, a role or an organisation's head word (see the module
/// documentation). Run after [`crate::annotate`]: known mentions are never re-tagged.
pub fn annotate_unknown(doc: &mut Document, linker: &Linker, tagger: &Tagger) {
    let found = {
        let text = doc.text.as_str();
        let mut scan = Scan::new(doc, linker, tagger);
        // Byte offset of every character (sentences come as character spans).
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut found: Vec<Found> = Vec::new();
        for sentence in sentences(text) {
            let toks = tokens(
                &text[byte_at[sentence.start]..byte_at[sentence.end]],
                sentence,
            );
            scan.sentence(&toks, &mut found);
        }
        found
    };
    if found.is_empty() {
        return;
    }
    unseat_role_holders(doc, &found);
    add_found(doc, found, linker);
}

/// An unknown name after a role phrase names the person the phrase describes: the office
/// holder the linker put there is not them, and their mention by role goes.
fn unseat_role_holders(doc: &mut Document, found: &[Found]) {
    let phrases: Vec<Span> = found
        .iter()
        .filter(|f| f.kind == EntityType::Person)
        .map(|f| Span::new(f.context.start, f.span.start))
        .collect();
    let phrases = Covered::new(phrases.into_iter());
    for e in &mut doc.entities {
        e.mentions
            .retain(|m| !(by_role(m) && phrases.contains(Span::new(m.start, m.end))));
    }
    doc.entities.retain(|e| !e.mentions.is_empty());
}

/// The page-wide state of [`annotate_unknown`]'s scan: what the known mentions cover, the
/// tagger windows spent, and the surnames of the full names found so far.
struct Scan<'a> {
    doc: &'a Document,
    linker: &'a Linker,
    tagger: &'a Tagger,
    /// Characters covered by known mentions. (A role phrase resolved to the KB's office
    /// holder does not count: the name after it may say the phrase meant someone else.)
    known: Covered,
    /// The same, known people only.
    known_people: Covered,
    given: &'static HashSet<String>,
    lists: &'static Lists,
    windows: usize,
    /// Last words of the full names found so far: after a title, the surname alone is them.
    surnames: HashSet<String>,
}

impl<'a> Scan<'a> {
    fn new(doc: &'a Document, linker: &'a Linker, tagger: &'a Tagger) -> Scan<'a> {
        let spans_of = |people_only: bool| {
            Covered::new(
                doc.entities
                    .iter()
                    .filter(|e| !people_only || e.kind == EntityType::Person)
                    .flat_map(|e| &e.mentions)
                    .filter(|m| !by_role(m))
                    .map(|m| Span::new(m.start, m.end)),
            )
        };
        Scan {
            doc,
            linker,
            tagger,
            known: spans_of(false),
            known_people: spans_of(true),
            given: given_names(),
            lists: lists(),
            windows: 0,
            surnames: HashSet::default(),
        }
    }

    fn covered(&self, s: Span) -> bool {
        self.known.overlaps(s)
    }

    fn is_given(&self, toks: &[Tok<'_>], forms: &[String], i: usize) -> bool {
        toks[i].word && self.given.contains(given_form(&forms[i]))
    }

    /// The names one sentence introduces after a title or an organisation head.
    fn sentence(&mut self, toks: &[Tok<'_>], found: &mut Vec<Found>) {
        let forms: Vec<String> = toks.iter().map(|t| cue_form(t.text)).collect();
        let mut people: Vec<(usize, usize, usize)> = Vec::new(); // (cue, start, end) tokens
        let mut orgs: Vec<(usize, usize)> = Vec::new();
        let mut inside = vec![false; toks.len()]; // tokens of accepted names
        for c in 0..toks.len() {
            if !toks[c].word || inside[c] {
                continue;
            }
            // A title after a hospital, a city or a university names its namesake: it
            // introduces no one (the reading of 100 unknown names found six such).
            let person_cue = self.lists.person_cues.contains(forms[c].as_str())
                && !(c > 0 && toks[c - 1].word && self.lists.namesakes.contains(&forms[c - 1]));
            let org_cue = self.lists.org_heads.contains(forms[c].as_str());
            if !(person_cue || org_cue) && self.lists.speaker_verbs.contains(forms[c].as_str()) {
                if let Some((s, e)) = self.speaker_after(toks, &forms, c) {
                    people.push((c, s, e));
                    inside[s..e].fill(true);
                }
                continue;
            }
            if !(person_cue || org_cue) || self.covered(toks[c].span) {
                continue;
            }
            let reach = (c + 2 + MAX_GAP).min(toks.len());
            if !self.worth_a_window(toks, &forms, c, reach, person_cue) {
                continue;
            }
            if self.windows == MAX_WINDOWS {
                break;
            }
            self.windows += 1;
            let tagged = self.tag_window(toks, c);
            if person_cue {
                if let Some((s, e)) = self.person_after(toks, &forms, c, reach, &tagged) {
                    // One word that is a given name names no one in particular.
                    if people.last().is_some_and(|p| p.1 == s)
                        || (e == s + 1 && self.is_given(toks, &forms, s))
                    {
                        continue;
                    }
                    if plausible(&toks[s..e]) {
                        if e - s >= 2 && forms[e - 1].chars().count() >= 4 {
                            self.surnames.insert(forms[e - 1].clone());
                        }
                        people.push((c, s, e));
                        inside[s..e].fill(true);
                        continue;
                    }
                }
            }
            if org_cue {
                let org = tagged
                    .iter()
                    .find(|t| t.0 == c && t.2 == EntityKind::Org)
                    .map(|t| t.1);
                if let Some(e) = self.named_after(toks, &forms, c, &tagged).max(org) {
                    orgs.push((c, e));
                }
            }
        }
        self.found_people(toks, &people, found);
        self.found_orgs(toks, &forms, &people, orgs, found);
    }

    /// Whether the cue at token `c` may introduce an unknown name, before the tagger is
    /// asked: not when the title's name is known already, when no free word follows, or
    /// when an organisation head is not followed by name words.
    fn worth_a_window(
        &self,
        toks: &[Tok<'_>],
        forms: &[String],
        c: usize,
        reach: usize,
        person_cue: bool,
    ) -> bool {
        // The title's name is known already: «الرئيس فلاديمير بوتين».
        if person_cue
            && toks[c + 1..reach]
                .iter()
                .any(|t| t.word && self.known_people.overlaps(t.span))
        {
            return false;
        }
        // No name starts at a particle («قال الرئيس إن …»): no need to ask the tagger.
        let first_free = (name_start(toks, forms, c)..reach).find(|&i| !self.covered(toks[i].span));
        if first_free
            .is_none_or(|i| !toks[i].word || self.lists.not_name.contains(forms[i].as_str()))
        {
            return false;
        }
        // An organisation's name needs its first words after the head to be free
        // words that can be part of a name (see the checks in `found_orgs`): «وزارة
        // الصحة إن …» cannot give one, whatever the tagger says, so it is not asked.
        // (Most head words in news open no name; this spares most tagger windows.)
        person_cue || org_can_follow(toks, c, &forms[c], &|s| self.covered(s))
    }

    /// The end of a body's name that is a person's («جامعة الإمام محمد بن سعود الإسلامية»,
    /// «مركز الأمير سلطان الحضاري»): after a head that names bodies after people and a
    /// title, the name the tagger reads as a person's (with what it reads on: «الإسلامية»)
    /// or a run of given names. The tagger itself ends the body at the title.
    fn named_after(
        &self,
        toks: &[Tok<'_>],
        forms: &[String],
        c: usize,
        tagged: &[(usize, usize, EntityKind)],
    ) -> Option<usize> {
        let s = c + 2;
        if s >= toks.len()
            || !self.lists.namesakes.contains(&forms[c])
            || !self.lists.person_cues.contains(&forms[c + 1])
            || !toks[s].word
            || self.covered(toks[s].span)
        {
            return None;
        }
        let pers = tagged.iter().find(|t| t.0 == s && t.2 == EntityKind::Pers);
        let e = match pers {
            Some(&(_, e, _)) => e,
            None if self.is_given(toks, forms, s) => {
                name_end(toks, forms, s, &|i| self.is_given(toks, forms, i))
            }
            None => return None,
        };
        Some(e)
    }

    /// The speaker named right after the verb at token `c` («وقال عبدالله القحطاني إن»،
    /// «ودعا الحازمي وزارة الصحة»): where the tagger reads a person starting at the next
    /// word, and that person starts with a given name, or is one word with the shape of a
    /// family name (the article, a nisba ending, no word of the knowledge base). Without
    /// a title the tagger's word is the only evidence, so the shape must back it.
    fn speaker_after(
        &mut self,
        toks: &[Tok<'_>],
        forms: &[String],
        c: usize,
    ) -> Option<(usize, usize)> {
        let s = c + 1;
        // A title after the verb («وثمن أمين الطائف …») is the title's to read.
        if s >= toks.len()
            || !toks[s].word
            || self.covered(toks[s].span)
            || self.lists.person_cues.contains(&forms[s])
        {
            return None;
        }
        // A kunya («أبو ردينة», «أبو مازن») starts a name as a given name does.
        let kunya = forms[s] == "ابو" && toks.get(s + 1).is_some_and(|t| t.word);
        let given = self.is_given(toks, forms, s) || kunya;
        if !given && !self.family_shaped(&forms[s]) {
            return None;
        }
        if self.windows == MAX_WINDOWS {
            return None;
        }
        self.windows += 1;
        let tagged = self.tag_window(toks, c);
        let &(_, e, _) = tagged
            .iter()
            .find(|t| t.0 == s && t.2 == EntityKind::Pers)?;
        let e = self.name_cut(toks, forms, s, e);
        // «عبد الرحمن» alone is a given name, not someone in particular.
        let only_given = (s..e).all(|i| {
            self.is_given(toks, forms, i) || forms[i] == "عبد" || i > s && forms[i - 1] == "عبد"
        });
        let accepted = if e - s == 1 {
            self.family_shaped(&forms[s])
        } else {
            given && !only_given
        };
        (accepted && plausible(&toks[s..e])).then_some((s, e))
    }

    /// A word with the shape of a family name: the article, a nisba ending («القحطاني»,
    /// «الحازمي»), five letters or more, and no title, head word, particle or word of the
    /// knowledge base («السعودي» is a nationality).
    fn family_shaped(&self, form: &str) -> bool {
        form.starts_with("ال")
            && form.ends_with('ي')
            && form.chars().count() >= 5
            && !self.lists.not_name.contains(form)
            && !self.lists.person_cues.contains(form)
            && !self.lists.org_heads.contains(form)
            && !self
                .linker
                .names
                .contains_key(marsad_kb::fold_name(form).as_str())
    }

    /// The tagger's names in the window around the cue at token `c`, as token ranges of
    /// the sentence.
    fn tag_window(&self, toks: &[Tok<'_>], c: usize) -> Vec<(usize, usize, EntityKind)> {
        let w0 = c.saturating_sub(LEFT);
        let w1 = (c + 1 + RIGHT).min(toks.len());
        let words: Vec<&str> = toks[w0..w1].iter().map(|t| t.text).collect();
        spans(&self.tagger.tag(&words))
            .into_iter()
            .map(|(s, e, k)| (s + w0, e + w0, k))
            .collect()
    }

    /// The person's name after the title at token `c`: it starts where the tagger starts
    /// a person, at a surname already found, or at the first given name, within the role
    /// phrase's reach and before any punctuation; it ends at a punctuation or a known
    /// mention.
    fn person_after(
        &self,
        toks: &[Tok<'_>],
        forms: &[String],
        c: usize,
        reach: usize,
        tagged: &[(usize, usize, EntityKind)],
    ) -> Option<(usize, usize)> {
        let mut start = None;
        for s in name_start(toks, forms, c)..reach {
            if !toks[s].word {
                break;
            }
            // «مدير جامعة الإمام محمد بن سعود»: the name after a facility's title is its
            // namesake's, not the person the first title introduces.
            if s >= 2
                && self.lists.person_cues.contains(&forms[s - 1])
                && self.lists.namesakes.contains(&forms[s - 2])
            {
                break;
            }
            let pers = tagged.iter().find(|t| t.0 == s && t.2 == EntityKind::Pers);
            if let Some(&(_, e, _)) = pers {
                start = Some((s, e));
                break;
            }
            if self.surnames.contains(&forms[s]) && !self.covered(toks[s].span) {
                start = Some((s, s + 1));
                break;
            }
            if self.is_given(toks, forms, s) && !self.covered(toks[s].span) {
                // A given name alone is no one in particular (and «السيدة زينب»
                // is a shrine): the pattern wants a second word.
                let e = name_end(toks, forms, s, &|i| self.is_given(toks, forms, i));
                if e - s >= 2 {
                    start = Some((s, e));
                }
                break;
            }
        }
        let (s, e) = start?;
        Some((s, self.name_cut(toks, forms, s, e)))
    }

    /// Where a person's name that the tagger reads over words `[s, e)` ends: at the
    /// first punctuation or known mention, and never on a connector («عبداللطيف آل» where
    /// the tagger stopped).
    fn name_cut(&self, toks: &[Tok<'_>], forms: &[String], s: usize, e: usize) -> usize {
        let e = (s + 1..e)
            .find(|&i| !toks[i].word || self.covered(toks[i].span))
            .unwrap_or(e);
        trim_connectors(forms, s, e)
    }

    /// The people accepted in a sentence, `(cue, start, end)` tokens, as found names with
    /// their role phrase as evidence.
    fn found_people(
        &self,
        toks: &[Tok<'_>],
        people: &[(usize, usize, usize)],
        found: &mut Vec<Found>,
    ) {
        for &(c, s, e) in people {
            let span = Span::new(toks[s].span.start, toks[e - 1].span.end);
            let by = if self.lists.speaker_verbs.contains(&cue_form(toks[c].text)) {
                "unknown+verb"
            } else {
                "unknown+title"
            };
            found.push(Found {
                kind: EntityType::Person,
                by,
                span,
                context: Span::new(toks[c].span.start, span.end),
                country: country_in(self.doc, Span::new(toks[c].span.start, span.start)),
                office: office_of(self.linker, self.doc, &toks[c..s]),
            });
        }
    }

    /// The organisations the tagger found after a head, `(head, end)` tokens, cut where
    /// a person's name begins or a known mention stands, and kept if long enough.
    fn found_orgs(
        &self,
        toks: &[Tok<'_>],
        forms: &[String],
        people: &[(usize, usize, usize)],
        orgs: Vec<(usize, usize)>,
        found: &mut Vec<Found>,
    ) {
        for (s, e) in orgs {
            // An organisation's name ends where a person's begins («رئيس شركة النفط
            // الوطنية سامر الحداد»), and never runs into a known name's mention.
            let e = people
                .iter()
                .map(|p| p.1)
                .filter(|&p| p > s && p < e)
                .min()
                .unwrap_or(e);
            let mut e = (s + 1..e)
                .find(|&i| !toks[i].word || self.covered(toks[i].span))
                .unwrap_or(e);
            // «حركة المقاومة الإسلامية حماس»: the words after the head describe the
            // organisation the knowledge base names right after them; no other one.
            let describes_known = toks.get(e).is_some_and(|t| {
                t.word
                    && self.doc.entities.iter().any(|x| {
                        x.kind == EntityType::Organization
                            && x.mentions.iter().any(|m| m.start == t.span.start)
                    })
            });
            if describes_known {
                continue;
            }
            // A name does not end on a lone letter («بجامعة تبوك لـ…» is a preposition
            // written apart with a tatweel), on the title of the person named after it
            // («جامعة الملك عبدالعزيز الدكتور …») or on a particle («… سابقا»).
            while e > s + 1
                && (forms[e - 1].chars().count() < 2
                    || self.lists.person_cues.contains(&forms[e - 1])
                    || self.lists.not_name.contains(forms[e - 1].as_str()))
            {
                e -= 1;
            }
            // «مجلس الوزراء», «وزارة الخارجية»: a generic head with one word is a
            // kind of body, not a name; a party, a company or a paper with one is one.
            let min = org_min_words(&forms[s]);
            if e - s < min || e - s > MAX_NAME + 2 || !plausible(&toks[s + 1..e]) {
                continue;
            }
            // «وجامعة بارودا»: the name starts after the conjunction the head was read
            // without (the reading of 100 unknown names found five spans with it).
            let clitic = clitic_chars(toks[s].text, &forms[s]);
            let span = Span::new(toks[s].span.start + clitic, toks[e - 1].span.end);
            found.push(Found {
                kind: EntityType::Organization,
                by: "unknown+head",
                span,
                context: span,
                country: country_in(self.doc, span),
                office: None,
            });
        }
    }
}

/// Fewest words, head included, of an organisation's name after the head word `head`
/// (folded): «مجلس الوزراء», «وزارة الخارجية» are kinds of body, not names; a party, a
/// company or a paper with one word is one.
fn org_min_words(head: &str) -> usize {
    if lists().named_heads.contains(head) {
        2
    } else {
        3
    }
}

/// Whether the words after the organisation head at token `c` could be the start of an
/// accepted name: the shortest name ([`org_min_words`]) ends at the first punctuation or
/// known mention, and [`plausible`] wants every word of it a [`name_word`].
fn org_can_follow(toks: &[Tok<'_>], c: usize, head: &str, covered: &dyn Fn(Span) -> bool) -> bool {
    (c + 1..c + org_min_words(head)).all(|i| {
        toks.get(i)
            .is_some_and(|t| name_word(t) && !covered(t.span))
    })
}

/// Given names (`data/kb/given_names.tsv`), folded.
pub(crate) fn given_names() -> &'static HashSet<String> {
    static NAMES: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        GIVEN_NAMES
            .lines()
            .map(|l| l.split('#').next().unwrap_or_default().trim())
            .filter(|l| !l.is_empty())
            .map(|l| fold_str(l, Chain::Match))
            .collect()
    })
}

/// A word's form for the given-name list: without one proclitic و/ب/ل when the rest is
/// at least three letters (وسامر → سامر).
fn given_form(form: &str) -> &str {
    if given_names().contains(form) {
        return form;
    }
    ["و", "ب", "ل"]
        .iter()
        .find_map(|p| form.strip_prefix(p).filter(|r| r.chars().count() >= 3))
        .unwrap_or(form)
}

/// Words that never continue a name: prepositions, particles, pronouns.
pub(crate) const NOT_NAME: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "انه",
    "انها",
    "الذي",
    "التي",
    "الذين",
    "قد",
    "لقد",
    "كما",
    "بعد",
    "قبل",
    "خلال",
    "حيث",
    "هو",
    "هي",
    "لا",
    "لم",
    "لن",
    "ما",
    "او",
    "ثم",
    "امس",
    "اليوم",
    "عند",
    "منذ",
    "حتي",
    "بين",
    "ضد",
    "نحو",
    "لدي",
    "كان",
    "كانت",
    "سابقا",
    "حاليا",
    "ايضا",
];

/// Where a name that starts with a given name at `s` ends: up to two more words, each
/// another given name, a connector of compound names (بن، ابن، ابو، عبد، آل) or its next
/// word, or a word with the article (a family name: الحداد، البوسعيدي).
fn name_end(
    toks: &[Tok<'_>],
    forms: &[String],
    s: usize,
    is_given: &dyn Fn(usize) -> bool,
) -> usize {
    let mut e = s + 1;
    let mut after_connector = matches!(forms[s].as_str(), "عبد" | "ابو" | "بن" | "ابن" | "ال");
    while e < toks.len() && e < s + 3 + usize::from(after_connector) && toks[e].word {
        let f = forms[e].as_str();
        let connector = matches!(f, "بن" | "ابن" | "ابو" | "عبد" | "ال" | "بنت");
        let ok = !lists().not_name.contains(f)
            && (after_connector
                || connector
                || is_given(e)
                || (f.starts_with("ال") && f.chars().count() >= 4));
        if !ok {
            break;
        }
        after_connector = connector;
        e += 1;
    }
    trim_connectors(forms, s, e)
}

/// The end of a name over words `[s, e)` without the connectors it may end on: a name
/// does not end on «بن», «أبو», «عبد» or «آل».
fn trim_connectors(forms: &[String], s: usize, mut e: usize) -> usize {
    while e > s + 1
        && matches!(
            forms[e - 1].as_str(),
            "بن" | "ابن" | "ابو" | "عبد" | "ال" | "بنت"
        )
    {
        e -= 1;
    }
    e
}

/// Whether words can be a name: letters only, not all tiny, no particle.
fn plausible(name: &[Tok<'_>]) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name.iter().all(name_word)
        && name.iter().any(|t| t.text.chars().count() >= 3)
}

/// Whether a token can be a word of a name: a word, without digits, not a particle.
fn name_word(t: &Tok<'_>) -> bool {
    t.word
        && !t.text.chars().any(char::is_numeric)
        && !lists()
            .not_name
            .contains(fold_str(t.text, Chain::Match).as_str())
}

/// Whether a mention is a role phrase resolved to an office holder.
fn by_role(m: &Mention) -> bool {
    m.resolved
        .as_ref()
        .is_some_and(|r| r.by == "role" || r.by == "counterpart")
}

/// Character spans, sorted and merged, for overlap queries in logarithmic time: a page
/// of one long line may hold tens of thousands of mentions and cues.
struct Covered(Vec<Span>);

impl Covered {
    fn new(spans: impl Iterator<Item = Span>) -> Covered {
        let mut v: Vec<Span> = spans.filter(|s| !s.is_empty()).collect();
        v.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(v.len());
        for s in v {
            match merged.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => merged.push(s),
            }
        }
        Covered(merged)
    }

    /// Whether one span holds all of `s`.
    fn contains(&self, s: Span) -> bool {
        let i = self.0.partition_point(|k| k.end < s.end);
        self.0.get(i).is_some_and(|k| k.start <= s.start)
    }

    /// Whether any span shares a character with `s`.
    fn overlaps(&self, s: Span) -> bool {
        // The first merged span that ends after `s` starts; it overlaps if it starts
        // before `s` ends.
        let i = self.0.partition_point(|k| k.end <= s.start);
        self.0.get(i).is_some_and(|k| k.start < s.end)
    }
}

/// The country of a known country mention inside `s` («وزير الخارجية العماني»).
fn country_in(doc: &Document, s: Span) -> Option<String> {
    doc.entities
        .iter()
        .filter(|e| is_country(e))
        .find(|e| {
            e.mentions
                .iter()
                .any(|m| m.start >= s.start && m.end <= s.end)
        })
        .map(|e| e.key.clone())
}

/// The office of a role phrase made of `words` and a country after it («وزير الخارجية
/// العماني» → `foreign_minister`): the longest role phrase the words start with, when
/// every word after it belongs to a country's mention. A phrase without its country
/// («رئيس شركة النفط») names no office of the KB.
fn office_of(linker: &Linker, doc: &Document, words: &[Tok<'_>]) -> Option<String> {
    let mut phrase = String::new();
    let mut best = None;
    for (i, t) in words.iter().enumerate() {
        if i > 0 {
            phrase.push(' ');
        }
        // The first word as a cue (وقال وزير → وزير; والرئيس → الرئيس).
        let f = if i == 0 {
            cue_form(t.text)
        } else {
            fold_str(t.text, Chain::Match)
        };
        phrase.push_str(&f);
        if let Some(&r) = linker.roles.get(marsad_kb::fold_name(&phrase).as_str()) {
            if let Role::Office(o, _) = &linker.role_list[r as usize].1 {
                best = Some((o.clone(), i + 1));
            }
        }
    }
    let (office, n) = best?;
    let rest = &words[n..];
    let country_word = |t: &Tok<'_>| {
        doc.entities.iter().any(|e| {
            is_country(e)
                && e.mentions
                    .iter()
                    .any(|m| m.start <= t.span.start && t.span.end <= m.end)
        })
    };
    (!rest.is_empty() && rest.iter().all(country_word)).then_some(office)
}

fn is_country(e: &Entity) -> bool {
    e.kind == EntityType::Gpe && e.key.len() == 3 && e.key.chars().all(|c| c.is_ascii_uppercase())
}

/// The key of an unknown name: its folded form (SCHEMA.md), without a leading و that the
/// name does not keep elsewhere in the page (`page_words`: the page's folded words).
fn key_of(name: &str, page_words: &HashSet<&str>) -> String {
    let f = fold_str(name, Chain::Match);
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(rest) = f.strip_prefix('و') {
        let first = rest.split(' ').next().unwrap_or_default();
        if first.chars().count() >= 3 && page_words.contains(first) {
            return rest.to_string();
        }
    }
    f
}

/// Groups what was found into entities: one per key, a later short form (the last word of
/// a full name) joining the full name's entity; then the full names' other occurrences.
fn add_found(doc: &mut Document, found: Vec<Found>, linker: &Linker) {
    // The page's words, folded once: for keys, and for the full names' other occurrences.
    let words: Vec<(String, Span)> = marsad_text::words(&doc.text)
        .map(|w| (fold_str(w.text, Chain::Match), w.span))
        .collect();
    let page_words: HashSet<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    let chars: Vec<char> = doc.text.chars().collect();
    let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let mut new: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(String, EntityType), usize> = HashMap::default();
    for f in found {
        let surface = slice(f.span);
        let key = key_of(&surface, &page_words);
        let mention = Mention {
            resolved: Some(Resolution {
                by: f.by.to_string(),
                office: f.office,
                on: None,
                evidence: Some(Evidence {
                    start: f.context.start,
                    end: f.context.end,
                    text: slice(f.context),
                }),
            }),
            ..Mention::new(f.span.start, f.span.end, surface)
        };
        // A one-word name after a title that ends the full name of one known person on
        // the page is that person («المبعوث الدولي ليون» after «برناردينو ليون»).
        if f.kind == EntityType::Person && !key.contains(' ') {
            let mut known = doc.entities.iter_mut().filter(|e| {
                e.kind == EntityType::Person
                    && e.mentions.iter().any(|m| {
                        let name = fold_str(&m.text, Chain::Match);
                        name.contains(' ') && name.rsplit(' ').next() == Some(key.as_str())
                    })
            });
            if let (Some(e), None) = (known.next(), known.next()) {
                let mut mention = mention;
                if let Some(r) = mention.resolved.as_mut() {
                    r.by = "name+title".into();
                }
                e.mentions.push(mention);
                e.mentions.sort_by_key(|m| m.start);
                continue;
            }
        }
        // A one-word name that ends a full name found before is that person («وقال
        // الوزير البوسعيدي» after «بدر البوسعيدي»).
        let at = by_key.get(&(key.clone(), f.kind)).copied();
        match at {
            Some(i) => {
                if new[i].country.is_none() {
                    new[i].country = f.country;
                }
                new[i].mentions.push(mention);
            }
            None => {
                let i = new.len();
                by_key.insert((key.clone(), f.kind), i);
                if let Some((_, last)) = key.rsplit_once(' ') {
                    by_key.entry((last.to_string(), f.kind)).or_insert(i);
                }
                // «وائل أبو فاعور» … «ودعا أبو فاعور»: the kunya that ends a full name is
                // that person too.
                let words: Vec<&str> = key.split(' ').collect();
                if let [.., _, "ابو", family] = words[..] {
                    by_key.entry((format!("ابو {family}"), f.kind)).or_insert(i);
                }
                new.push(Entity {
                    key,
                    kind: f.kind,
                    country: f.country,
                    mentions: vec![mention],
                });
            }
        }
    }
    // Other occurrences of a multi-word name, as whole words, outside known mentions.
    let taken = Covered::new(
        doc.entities
            .iter()
            .chain(&new)
            .flat_map(|e| &e.mentions)
            .map(|m| Span::new(m.start, m.end)),
    );
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    let keys: Vec<Vec<String>> = new
        .iter()
        .map(|e| e.key.split(' ').map(String::from).collect())
        .collect();
    for (i, k) in keys.iter().enumerate() {
        if k.len() >= 2 {
            by_first.entry(k[0].as_str()).or_default().push(i);
        }
    }
    if !by_first.is_empty() {
        let mut extra: Vec<(usize, Span)> = Vec::new();
        for (w, (form, _)) in words.iter().enumerate() {
            for &i in by_first.get(form.as_str()).into_iter().flatten() {
                let k = &keys[i];
                let Some(run) = words.get(w..w + k.len()) else {
                    continue;
                };
                if run.iter().zip(k).all(|(a, b)| &a.0 == b) {
                    let s = Span::new(run[0].1.start, run[k.len() - 1].1.end);
                    if !taken.overlaps(s) {
                        extra.push((i, s));
                    }
                }
            }
        }
        add_later_mentions(&mut new, extra, "unknown+full_name", &chars);
    }
    surnames_alone(doc, &mut new, &words, &chars, linker);
    for e in &mut new {
        e.mentions.sort_by_key(|m| m.start);
    }
    doc.entities.extend(new);
}

/// A full name's family name alone, later in the page, is that person: news names someone
/// in full once and by the family name after («قال رئيس مجلس النواب سليم الجبوري … وأضاف
/// الجبوري»). Only a family name with the article that no one else on the page bears (two
/// people of one family or tribe are common), that is no word of the knowledge base (a
/// nationality: «السعودي») and no title or head word, and with no other given name before
/// it. Read on 30 drawn from 2,000 SaudiNewsNet articles: 26 right before the given-name
/// check, and the four wrong had another given name before the family name.
fn surnames_alone(
    doc: &Document,
    new: &mut [Entity],
    words: &[(String, Span)],
    chars: &[char],
    linker: &Linker,
) {
    let lists = lists();
    let mut bearers: HashMap<String, Vec<usize>> = HashMap::default();
    let people = doc.entities.iter().chain(new.iter());
    for (i, e) in people.enumerate() {
        if e.kind != EntityType::Person {
            continue;
        }
        let names = e.mentions.iter().map(|m| fold_str(&m.text, Chain::Match));
        for last in names.filter_map(|n| n.rsplit_once(' ').map(|(_, l)| l.to_string())) {
            let v = bearers.entry(last).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let known = doc.entities.len();
    let taken = Covered::new(
        doc.entities
            .iter()
            .chain(new.iter())
            .flat_map(|e| &e.mentions)
            .map(|m| Span::new(m.start, m.end)),
    );
    let mut extra: Vec<(usize, Span)> = Vec::new();
    for (surname, who) in &bearers {
        let [i] = who.as_slice() else { continue };
        let Some(i) = i.checked_sub(known) else {
            continue;
        };
        let plausible = surname.starts_with("ال")
            && surname.chars().count() >= 5
            && !lists.not_name.contains(surname.as_str())
            && !lists.person_cues.contains(surname)
            && !lists.org_heads.contains(surname)
            && !linker
                .names
                .contains_key(marsad_kb::fold_name(surname).as_str());
        let Some(first) = new[i].mentions.iter().map(|m| m.end).min() else {
            continue;
        };
        if !plausible {
            continue;
        }
        for (w, (form, span)) in words.iter().enumerate() {
            if span.start < first {
                continue;
            }
            // «فهد العيسى» after «خالد العيسى»: another given name before the family name
            // is someone else («عبد العزيز الزبيدي» too); «بن»/«عبد» before it, a longer
            // name.
            let before = w.checked_sub(1).map_or("", |p| words[p].0.as_str());
            let before = before.strip_prefix('و').unwrap_or(before);
            let two_before = w.checked_sub(2).map_or("", |p| words[p].0.as_str());
            if given_names().contains(given_form(before))
                || matches!(before, "بن" | "ابن" | "ابو" | "عبد" | "ال" | "بنت")
                || matches!(two_before.trim_start_matches('و'), "عبد" | "ابو")
            {
                continue;
            }
            let clitic = ["و", "ف"]
                .iter()
                .find(|p| form.strip_prefix(*p) == Some(surname.as_str()))
                .map_or(0, |_| 1);
            if (clitic == 1 || form == surname) && !taken.overlaps(*span) {
                extra.push((i, Span::new(span.start + clitic, span.end)));
            }
        }
    }
    add_later_mentions(new, extra, "unknown+surname", chars);
}

/// Adds the later mentions `extra` (entity, span) of the entities found, each with the
/// entity's first mention as its evidence.
fn add_later_mentions(new: &mut [Entity], extra: Vec<(usize, Span)>, by: &str, chars: &[char]) {
    for (i, s) in extra {
        let first = new[i].mentions.first().map(|m| Evidence {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
        });
        new[i].mentions.push(Mention {
            resolved: Some(Resolution {
                by: by.into(),
                office: None,
                on: None,
                evidence: first,
            }),
            ..Mention::new(
                s.start,
                s.end,
                chars[s.start..s.end].iter().collect::<String>(),
            )
        });
    }
}

/// The bundled tagger (`marsad_ner::Tagger::bundled`), loaded once per process.
///
/// # Panics
/// When the bundled weights do not load: a bug caught by marsad-ner's own tests.
pub fn bundled_tagger() -> &'static Tagger {
    static TAGGER: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    TAGGER.get_or_init(|| {
        Tagger::from_bytes_with_kb(marsad_ner::BUNDLED_WEIGHTS, Linker::bundled().kb())
            .expect("the bundled NER weights load")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (type, key, country, office, mention texts).
    type Unknown = (String, String, Option<String>, Option<String>, Vec<String>);

    /// Runs both entity passes on a sentence we wrote; returns (type, key, country,
    /// office, mention texts) of the unknown entities.
    fn unknown(text: &str, published: Option<&str>) -> Vec<Unknown> {
        let mut doc = Document::new("t", text.to_string());
        let linker = Linker::bundled();
        crate::annotate(&mut doc, linker, published.and_then(|p| p.parse().ok()));
        annotate_unknown(&mut doc, linker, bundled_tagger());
        doc.entities
            .iter()
            .filter(|e| {
                e.mentions.iter().any(|m| {
                    m.resolved
                        .as_ref()
                        .is_some_and(|r| r.by.starts_with("unknown"))
                })
            })
            .map(|e| {
                let kind = serde_json::to_value(e.kind)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                let office = e
                    .mentions
                    .iter()
                    .find_map(|m| m.resolved.as_ref()?.office.clone());
                (
                    kind,
                    e.key.clone(),
                    e.country.clone(),
                    office,
                    e.mentions.iter().map(|m| m.text.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_title_after_the_preposition_lam_and_a_suspect_introduce_a_person() {
        // «للواء» is «ل» + «اللواء»; «المشتبه به» introduces whom it suspects.
        for (text, want) in [
            (
                "وقدم الوزير درعا تذكاريا للواء حمد العطية في ختام الزيارة.",
                "حمد العطية",
            ),
            (
                "وقالت الشرطة إن المشتبه به خليل حزران اعتقل بعد وصوله إلى المطار.",
                "خليل حزران",
            ),
            // «د.» is «الدكتور» abbreviated: the name starts after its full stop.
            (
                "وحذر د. توفيق السويلم من هذا النوع من الاحتيال.",
                "توفيق السويلم",
            ),
        ] {
            let u = unknown(text, None);
            assert!(
                u.iter().any(|e| e.0 == "PER" && e.4 == [want]),
                "{text}: {u:?}"
            );
        }
    }

    #[test]
    fn a_title_and_a_given_name_introduce_a_person() {
        let u = unknown(
            "وصرح رئيس شركة النفط الوطنية سامر الحداد للصحفيين بأن الإنتاج سيرتفع.",
            None,
        );
        let people: Vec<_> = u.iter().filter(|e| e.0 == "PER").collect();
        assert_eq!(people.len(), 1, "{u:?}");
        assert_eq!(people[0].1, "سامر الحداد");
        // «رئيس» without a country is not the head of state.
        assert_eq!(people[0].3, None);
        let orgs: Vec<_> = u.iter().filter(|e| e.0 == "ORG").collect();
        assert_eq!(orgs.len(), 1, "{u:?}");
        assert_eq!(
            orgs[0].4,
            ["شركة النفط الوطنية"],
            "the organisation ends where the person begins"
        );
    }

    #[test]
    fn an_organisation_after_a_conjunction_starts_at_its_head() {
        for (text, want) in [
            (
                "تقدم جامعات مثل جامعة الشمال، وجامعة بارودا، برنامجا جديدا.",
                "جامعة بارودا",
            ),
            (
                "وشارك حزب النهضة وحزب العمال الوطني في الانتخابات.",
                "حزب العمال الوطني",
            ),
            (
                "وشارك حزب النهضة وَحزب العمال الوطني في الانتخابات.",
                "حزب العمال الوطني",
            ),
        ] {
            let u = unknown(text, None);
            let found = u.iter().filter(|e| e.0 == "ORG").any(|e| e.4 == [want]);
            assert!(found, "{text}: {u:?}");
        }
    }

    #[test]
    fn a_speaker_named_right_after_the_verb() {
        let u = unknown(
            "وأكد عبدالله القحطاني أن الانتخابات نزيهة. ودعا الحازمي وزارة الصحة إلى التدخل.",
            None,
        );
        for want in ["عبدالله القحطاني", "الحازمي"] {
            assert!(
                u.iter().any(|e| e.0 == "PER" && e.4 == [want]),
                "{want}: {u:?}"
            );
        }
        // A nationality, a given name alone and a title are not speakers' names.
        for text in [
            "وقال السعودي إن الأمر مهم.",
            "وقال عبد الرحمن إن الطائرة سقطت.",
            "وثمن أمين المنطقة جهود العاملين.",
        ] {
            let u = unknown(text, None);
            assert!(!u.iter().any(|e| e.0 == "PER"), "{text}: {u:?}");
        }
    }

    #[test]
    fn a_family_name_alone_is_the_person_named_in_full_before() {
        let u = unknown(
            "وقال المهندس سامر الحداد إن المشروع يكتمل العام المقبل. وأضاف الحداد أن الكلفة تبلغ مليون ريال.",
            None,
        );
        let sameer = u
            .iter()
            .find(|e| e.1 == "سامر الحداد")
            .expect("the full name");
        assert_eq!(sameer.4, ["سامر الحداد", "الحداد"], "{u:?}");
        // Another given name before it is someone else of the family; two of the family
        // on the page leave the name alone unread.
        for text in [
            "وقال المهندس سامر الحداد إن المشروع يكتمل. وأكد نادر الحداد أن الكلفة كبيرة.",
            "وقال المهندس سامر الحداد إن المشروع يكتمل. وقال الدكتور نادر الحداد إنه مهم. وأضاف الحداد أن الكلفة كبيرة.",
        ] {
            let u = unknown(text, None);
            let alone = u.iter().flat_map(|e| &e.4).filter(|m| m.as_str() == "الحداد").count();
            assert_eq!(alone, 0, "{text}: {u:?}");
        }
    }

    #[test]
    fn a_title_and_the_family_name_of_a_known_person_are_that_person() {
        let mut doc = Document::new(
            "t",
            "وقال برناردينو ليون إن الحوار مستمر. وأكد المبعوث الدولي ليون أن الاتفاق قريب."
                .to_string(),
        );
        let linker = Linker::bundled();
        crate::annotate(&mut doc, linker, "2015-08-01".parse().ok());
        annotate_unknown(&mut doc, linker, bundled_tagger());
        let leon = doc.entities.iter().find(|e| e.key == "Bernardino León");
        let texts: Vec<&str> = leon.map_or(vec![], |e| {
            e.mentions.iter().map(|m| m.text.as_str()).collect()
        });
        assert_eq!(texts, ["برناردينو ليون", "ليون"], "{:?}", doc.entities);
        assert!(!doc.entities.iter().any(|e| e.key == "ليون"));
    }

    #[test]
    fn a_body_named_after_a_person_is_one_name() {
        for (text, want) in [
            (
                "وقال مدير جامعة الإمام رامي العباسي الإسلامية الدكتور نادر السالم إن الدراسة تبدأ غدا.",
                "جامعة الإمام رامي العباسي الإسلامية",
            ),
            ("وأقيم المعرض بمركز الأمير سامر الحضاري أمس.", "مركز الأمير سامر الحضاري"),
            // Ended before the title of the person named after it.
            ("وأعلنت جامعة الملك عبدالعزيز الدكتور نادر السالم عميدا.", "جامعة الملك عبدالعزيز"),
        ] {
            let u = unknown(text, None);
            let found = u.iter().filter(|e| e.0 == "ORG").any(|e| e.4 == [want]);
            assert!(found, "{text}: {u:?}");
        }
    }

    #[test]
    fn a_title_after_a_facility_names_its_namesake() {
        for text in [
            "ونقل المصابون إلى مستشفى الأمير سامر بن ناصر العام في المدينة.",
            "وافتتحت مدينة الملك عماد الحداد الطبية قسما جديدا.",
            "وهبطت الطائرة في مطار الأمير نادر بن سامي الدولي مساء أمس.",
            "ودرس في جامعة الإمام رامي العباسي الإسلامية.",
            // With a preposition on the facility's noun.
            "وأجريت له العملية بمدينة الملك عماد الحداد الطبية.",
            "وأقيم المعرض بمركز الأمير سامر الحضاري.",
            // And after another title: the director's name is not the university's.
            "وقال مدير جامعة الإمام رامي العباسي الإسلامية إن الدراسة تبدأ غدا.",
        ] {
            let people: Vec<_> = unknown(text, None)
                .into_iter()
                .filter(|e| e.0 == "PER")
                .collect();
            assert!(people.is_empty(), "{text}: {people:?}");
        }
        // The same title, introducing someone, also after a body he is a member of.
        for text in [
            "ووصل الأمير سامر بن ناصر إلى الرياض أمس.",
            "وقدم عضو المجلس الدكتور سامر الحداد مقترحا جديدا.",
            "ووقع رئيس النادي الشيخ سامر بن ناصر العقد أمس.",
        ] {
            let u = unknown(text, None);
            assert!(u.iter().any(|e| e.0 == "PER"), "{text}: {u:?}");
        }
    }

    #[test]
    fn the_role_phrase_gives_country_and_office() {
        let u = unknown(
            "وقال وزير الدفاع العراقي ثابت العباسي إن القوات مستعدة.",
            None,
        );
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(u[0].1, "ثابت العباسي");
        assert_eq!(u[0].2.as_deref(), Some("IRQ"));
        assert_eq!(u[0].3.as_deref(), Some("defence_minister"));
    }

    #[test]
    fn a_deputy_is_not_the_office_holder() {
        let u = unknown(
            "وقال نائب وزير الخارجية الروسي سيرغي ريابكوف إن موسكو مستعدة للحوار.",
            Some("2023-05-01"),
        );
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(u[0].1, "سيرغي ريابكوف");
        assert_eq!(u[0].2.as_deref(), Some("RUS"));
        assert_eq!(u[0].3, None);
        // The linker's reading of «وزير الخارجية الروسي» as the minister gives way.
        let mut doc = Document::new(
            "t",
            "وقال نائب وزير الخارجية الروسي سيرغي ريابكوف إن موسكو مستعدة.".into(),
        );
        crate::annotate(
            &mut doc,
            Linker::bundled(),
            Some(jiff::civil::date(2023, 5, 1)),
        );
        assert!(
            doc.entities.iter().any(|e| e.key == "Sergey Lavrov"),
            "the linker's reading, before"
        );
        annotate_unknown(&mut doc, Linker::bundled(), bundled_tagger());
        assert!(!doc.entities.iter().any(|e| e.key == "Sergey Lavrov"));
    }

    #[test]
    fn a_surname_after_a_title_joins_the_full_name() {
        let u = unknown(
            "وقال رئيس الشركة سامر الحداد إن الإنتاج سيرتفع. وأضاف الرئيس التنفيذي الحداد أن الأسعار مستقرة.",
            None,
        );
        let p: Vec<_> = u.iter().filter(|e| e.0 == "PER").collect();
        assert_eq!(p.len(), 1, "{u:?}");
        assert_eq!(p[0].1, "سامر الحداد");
        assert_eq!(p[0].4, ["سامر الحداد", "الحداد"]);
    }

    #[test]
    fn later_mentions_of_the_full_name_join_it() {
        let u = unknown(
            "أعلن المتحدث باسم الحركة كريم الفاخوري أن الحزب سيشارك. ثم عاد كريم الفاخوري وأكد الموقف.",
            None,
        );
        let p: Vec<_> = u.iter().filter(|e| e.0 == "PER").collect();
        assert_eq!(p.len(), 1, "{u:?}");
        assert_eq!(p[0].4.len(), 2, "{u:?}");
    }

    /// A kunya after a statement verb is a speaker; the kunya that ends a full name named
    /// before is that person.
    #[test]
    fn a_kunya_is_a_speaker_and_ends_a_full_name() {
        let u = unknown(
            "وقال المتحدث باسم الرئاسة نبيل أبو ردينة إن القرار نهائي. ودعا أبو ردينة الطرفين إلى التهدئة.",
            None,
        );
        let p: Vec<_> = u.iter().filter(|e| e.0 == "PER").collect();
        assert_eq!(p.len(), 1, "{u:?}");
        assert_eq!(p[0].4.len(), 2, "{u:?}");
        let alone = unknown("ودعا أبو ردينة الطرفين إلى التهدئة.", None);
        assert!(alone.iter().any(|e| e.0 == "PER"), "{alone:?}");
    }

    #[test]
    fn known_names_and_plain_text_give_nothing() {
        assert!(unknown(
            "استقبل الرئيس الروسي فلاديمير بوتين نظيره التركي في موسكو.",
            Some("2023-05-01")
        )
        .is_empty());
        assert!(unknown(
            "ارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار خفض الإنتاج.",
            None
        )
        .is_empty());
        assert!(unknown("وقال الرئيس إن الاجتماع كان مثمرا.", None).is_empty());
    }
}
