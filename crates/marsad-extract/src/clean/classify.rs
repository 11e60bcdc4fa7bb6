//! The line classifier: one verdict per line, then regions, lists and context.

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;

use super::lexicon::Kind;
use super::line::Line;
use super::meta::{self, Meta};
use super::template::{key_hash, Template};
use super::{Cleaned, LineReport};

/// A line's class, as in jusText.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A sentence of some length: article text.
    Good,
    /// Headline-shaped or a short sentence: article text if its neighbours are.
    NearGood,
    /// A few words: article text only between article text.
    Short,
    /// Not article text.
    Bad,
}

/// Why a line was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// Reads as prose.
    Prose,
    /// Short or headline-shaped, kept between prose.
    BetweenProse,
    /// Short or headline-shaped, among furniture.
    AmongFurniture,
    /// A short sentence that is the whole text: an article of one sentence.
    OneSentence,
    /// Share, follow, subscribe, comment-form or navigation vocabulary.
    Furniture,
    /// A URL, e-mail address or tweet sign-off.
    Link,
    /// Only numbers and punctuation.
    Numeric,
    /// A photo caption or credit.
    Caption,
    /// A short line in another script than the page's.
    ForeignScript,
    /// Heads a list of other articles, or a tag or comment block.
    ListHeader,
    /// Part of a list of headlines or short items.
    List,
    /// After the end of the article (a related-articles list, tags, comments, an
    /// appended second article).
    AfterArticle,
    /// A dateline, byline, stamp or source line: read into the record's fields.
    Metadata,
    /// The headline: in the record's `title`.
    Title,
    /// Repeats a line already kept.
    Repeated,
    /// A line its site repeats on many of its pages (menu, footer, blurb): a learnt
    /// [`super::template::Template`].
    Template,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Prose => "prose",
            Reason::BetweenProse => "short, between prose",
            Reason::AmongFurniture => "short, among furniture",
            Reason::OneSentence => "one sentence, the whole text",
            Reason::Furniture => "page furniture",
            Reason::Link => "link or tweet sign-off",
            Reason::Numeric => "numbers only",
            Reason::Caption => "photo caption",
            Reason::ForeignScript => "short line in another script",
            Reason::ListHeader => "heads a list, tags or comments",
            Reason::List => "list of headlines or items",
            Reason::AfterArticle => "after the end of the article",
            Reason::Metadata => "dateline, byline or stamp",
            Reason::Title => "headline",
            Reason::Repeated => "repeats an earlier paragraph",
            Reason::Template => "site template (on many pages of the site)",
        })
    }
}

/// A line with its current verdict. `fixed` verdicts are not revised by context.
struct Verdict {
    class: Class,
    reason: Reason,
    fixed: bool,
}

impl Verdict {
    fn bad(reason: Reason) -> Verdict {
        Verdict {
            class: Class::Bad,
            reason,
            fixed: true,
        }
    }
}

/// Good text that must stand before a list header for the header to end the article,
/// so that a site blurb above a «most read» box does not end the page before it starts.
const ARTICLE_BEGUN_WORDS: usize = 40;

/// A line longer than [`FURNITURE_COUNTED_WORDS`] with several furniture hits is furniture
/// when they are at least one word in this many: menus, share bars and footers are mostly
/// vocabulary, prose is not.
const FURNITURE_SHARE: usize = 8;

/// Up to this many words, a line with several furniture hits is furniture whatever their
/// share (an agency's subscription notice is one sentence of twenty words); a lead of fifty
/// words, or an article scraped onto one line, is judged by the share.
const FURNITURE_COUNTED_WORDS: usize = 30;

pub(super) fn run(text: &str, known_title: Option<&str>, template: Option<&Template>) -> Cleaned {
    let lines: Vec<Line<'_>> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Line::new(i + 1, l))
        .filter(|l| !l.text.is_empty())
        .collect();
    let arabic_page = {
        let (ar, la) = lines
            .iter()
            .fold((0, 0), |(a, b), l| (a + l.arabic, b + l.latin));
        ar >= la
    };
    // A template line is furniture whatever it looks like; fixed, so that it counts as
    // furniture for the context of the lines around it (a short line between a learnt
    // menu and a learnt footer goes with them).
    let template = template.filter(|t| !t.is_empty());
    let mut verdicts: Vec<Verdict> = lines
        .iter()
        .map(|l| match template {
            Some(t) if t.contains(key_hash(&l.key)) => Verdict::bad(Reason::Template),
            _ => alone(l, arabic_page),
        })
        .collect();
    let mut out = Cleaned::default();

    // Regions: where the article begins and ends.
    let first_good = verdicts.iter().position(|v| v.class == Class::Good);
    let end = regions(&lines, &mut verdicts);
    read_metadata(&lines, &mut verdicts, end, first_good, &mut out);

    if out.outlet.is_none() {
        let lead = verdicts[..end].iter().position(|v| v.class == Class::Good);
        out.outlet = lead.and_then(|i| meta::lead_dateline(lines[i].text));
    }

    mark_lists(&lines[..end], &mut verdicts[..end]);
    revise_by_context(&mut verdicts[..end]);

    // Title: a headline-shaped line before the article, preferring one the page repeats.
    let body_start = verdicts[..end]
        .iter()
        .zip(&lines)
        .position(|(v, l)| v.class == Class::Good && l.words >= 8 && l.ends_sentence)
        .or(first_good)
        .unwrap_or(0);
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for l in &lines[..end] {
        *seen.entry(l.key.as_str()).or_default() += 1;
    }
    let candidates: Vec<usize> = (0..body_start)
        .filter(|&i| is_headline(&lines[i], &verdicts[i]))
        .collect();
    // The repeated headline nearest the article: navigation repeats its items too.
    let title = match known_title {
        Some(t) => Some(super::lexicon::key(t)),
        None => candidates
            .iter()
            .rev()
            .find(|&&i| seen[lines[i].key.as_str()] > 1)
            .or(candidates.last())
            .map(|&i| lines[i].key.clone()),
    };
    out.title = match (known_title, &title) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(key)) => lines
            .iter()
            .find(|l| &l.key == key)
            .map(|l| l.text.split_whitespace().collect::<Vec<_>>().join(" ")),
        (None, None) => None,
    };

    // Body: kept lines, once each, without the title.
    let mut body = Vec::new();
    let mut kept_keys: FxHashSet<&str> = FxHashSet::default();
    for (l, v) in lines.iter().zip(verdicts.iter_mut()) {
        if title.as_deref() == Some(l.key.as_str()) {
            *v = Verdict::bad(Reason::Title);
        } else if v.class == Class::Good && kept_keys.contains(&l.key.as_str()) {
            *v = Verdict::bad(Reason::Repeated);
        } else if v.class == Class::Good {
            kept_keys.insert(&l.key);
            body.push(l.text);
        }
        out.report.push(LineReport {
            no: l.no,
            kept: v.class == Class::Good,
            reason: v.reason,
            text: l.text.to_string(),
        });
    }
    out.body = body.join("\n\n");
    out
}

/// Where the article ends: a forum badge or a list header that closes it after enough of
/// its words; lines after it, and the items of a list of other headlines, are marked. The
/// index one past the article's last line.
fn regions(lines: &[Line<'_>], verdicts: &mut [Verdict]) -> usize {
    let mut good_words = 0;
    let mut skipping_list = false;
    let mut ended_at = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(end) = ended_at {
            if i > end {
                verdicts[i] = Verdict::bad(Reason::AfterArticle);
                continue;
            }
        }
        let begun = good_words >= ARTICLE_BEGUN_WORDS;
        // A forum member's badge after the article is the next post's header: replies
        // are not the article.
        if begun && l.has(Kind::Join) {
            ended_at = Some(i);
            verdicts[i] = Verdict::bad(Reason::AfterArticle);
            continue;
        }
        let header = is_list_header(l);
        if header.is_some() {
            if begun && header == Some(Header::EndsArticle) {
                ended_at = Some(i);
            } else {
                skipping_list = true;
            }
            verdicts[i] = Verdict::bad(Reason::ListHeader);
            continue;
        }
        if verdicts[i].class == Class::Good {
            skipping_list = false;
            good_words += l.words;
        } else if skipping_list && verdicts[i].class != Class::Bad {
            verdicts[i] = Verdict::bad(Reason::List);
        }
    }
    ended_at.map_or(lines.len(), |e| e + 1)
}

/// Metadata lines (datelines, bylines, stamps, an outlet's introduction before the lead),
/// before the article's end only: a date in a related list is not ours.
fn read_metadata(
    lines: &[Line<'_>],
    verdicts: &mut [Verdict],
    end: usize,
    first_good: Option<usize>,
    out: &mut Cleaned,
) {
    for i in 0..end {
        if verdicts[i].class == Class::Good && lines[i].words > 12 {
            continue;
        }
        let found = meta::read(&lines[i]).or_else(|| {
            // «شبكة … :» introduces the outlet only right before the lead.
            let before_lead = first_good.is_some_and(|g| i < g || i == g.saturating_sub(1));
            before_lead
                .then(|| meta::outlet_intro(&lines[i]))
                .flatten()
                .map(|outlet| Meta {
                    outlet: Some(outlet),
                    ..Meta::default()
                })
        });
        if let Some(m) = found {
            if out.outlet.is_none() {
                out.outlet = m.outlet;
            }
            if out.authors.is_empty() {
                out.authors = m.authors;
            }
            if out.published.is_none() {
                out.published = m.published;
            }
            verdicts[i] = Verdict::bad(Reason::Metadata);
        }
    }
}

/// The verdict on a line by itself.
fn alone(l: &Line<'_>, arabic_page: bool) -> Verdict {
    if l.has_handle || (l.has_link && l.words <= 40) {
        return Verdict::bad(Reason::Link);
    }
    if l.is_numeric() {
        // Times and counts are dropped but do not break the context around them: a
        // live blog's «17:15» stands between two updates.
        return Verdict {
            class: Class::Short,
            reason: Reason::Numeric,
            fixed: true,
        };
    }
    let strong = l.count(Kind::Strong);
    let weak = l.count(Kind::Weak);
    let furniture_only = l.words_outside(&[Kind::Strong, Kind::Weak]) <= 1;
    // Several hits make a line furniture only where they are a real share of it: a
    // scraped article often arrives as one line of thousands of words, and a lead of fifty
    // words may say «بمشاركة» and «عضو» (and a share bar is a handful of words, all hits).
    let dense = l.words <= FURNITURE_COUNTED_WORDS || (strong + weak) * FURNITURE_SHARE >= l.words;
    if (strong >= 2 || strong + weak >= 3) && dense
        || (strong == 1 && l.words <= 12)
        || (weak >= 1 && furniture_only)
    {
        return Verdict::bad(Reason::Furniture);
    }
    if is_caption(l) {
        return Verdict::bad(Reason::Caption);
    }
    let (own, other) = if arabic_page {
        (l.arabic, l.latin)
    } else {
        (l.latin, l.arabic)
    };
    if other > own && l.words <= 5 && !l.ends_sentence {
        return Verdict::bad(Reason::ForeignScript);
    }
    let ends_period = l
        .text
        .trim_end_matches(|c: char| {
            !c.is_alphanumeric() && !matches!(c, '.' | '…' | '!' | '?' | '؟')
        })
        .ends_with(['.', '…']);
    let class = if (l.words >= 8 && ends_period)
        || (l.words >= 15 && l.ends_sentence)
        || (l.words >= 20 && l.function_density() >= 0.08)
        || l.words >= 35
    {
        Class::Good
    } else if l.words_of_two_letters() >= 4 || (l.words >= 2 && l.ends_sentence) {
        Class::NearGood
    } else {
        Class::Short
    };
    Verdict {
        class,
        reason: if class == Class::Good {
            Reason::Prose
        } else {
            Reason::AmongFurniture
        },
        fixed: false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// After the article, what follows is not the article.
    EndsArticle,
    /// A related link inside the article: drop the line, go on.
    Inline,
}

/// «مقالات ذات صلة», «إقرأ أيضاً:», «Related», «كلمات دلالية: …», «التعليقات».
fn is_list_header(l: &Line<'_>) -> Option<Header> {
    // «الآراء الواردة … لا تعكس بالضرورة …»: a disclaimer closes the article.
    if l.has(Kind::Close) && l.words <= 40 {
        return Some(Header::EndsArticle);
    }
    // A tail block is a label alone («التعليقات (3)») or a label and a colon before a
    // list or a line of policy («Our editorial standards: how we …»).
    let labelled = l
        .text
        .split_once([':', '：', '|'])
        .is_some_and(|(label, _)| label.split_whitespace().count() <= 3);
    if l.starts_with(Kind::Tail) && l.words <= 20 && labelled {
        return Some(Header::EndsArticle);
    }
    // A sentence that happens to open with «Related» or «Topics» is prose.
    if l.ends_sentence && l.words > 6 {
        return None;
    }
    if l.starts_with(Kind::Tail) && l.words_outside(&[Kind::Tail, Kind::Weak]) <= 1 {
        return Some(Header::EndsArticle);
    }
    if l.starts_with(Kind::Marker) {
        let rest = l.words_outside(&[Kind::Marker, Kind::Strong, Kind::Weak]);
        return Some(if rest <= 1 {
            Header::EndsArticle
        } else {
            Header::Inline
        });
    }
    None
}

/// How captions without a credit open, in [`super::lexicon::key`] form.
const CAPTION_OPENERS: &[&str] = &[" جانب من ", " لقطه من ", " من اليمين ", " من اليسار "];

/// Photo captions and credits: «… / Sputnik», «(صورة أرشيفية)», «© AFP».
fn is_caption(l: &Line<'_>) -> bool {
    if l.words > 15 || l.ends_sentence {
        return false;
    }
    if l.text.contains('©') || l.has(Kind::Caption) {
        return true;
    }
    // «جانب من المباحثات», «من اليمين: …»: the openers of a caption that names no credit.
    if CAPTION_OPENERS.iter().any(|o| l.key.starts_with(o)) {
        return true;
    }
    // A credit after a slash, in Latin letters, closing an Arabic line.
    match l.text.rsplit_once('/') {
        Some((before, credit)) => {
            let credit = credit.trim();
            !credit.is_empty()
                && credit.split_whitespace().count() <= 3
                && credit
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c.is_whitespace() || c == '.')
                && before
                    .chars()
                    .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
        }
        None => false,
    }
}

/// Runs of three or more headline-shaped lines, and of two or more short bulleted
/// items, are lists.
fn mark_lists(lines: &[Line<'_>], verdicts: &mut [Verdict]) {
    let listish = |l: &Line<'_>, v: &Verdict| {
        v.class != Class::Good && !v.fixed && !l.ends_sentence
            || (l.bulleted && l.words < 12 && v.class != Class::Good)
    };
    let mut i = 0;
    while i < lines.len() {
        if !listish(&lines[i], &verdicts[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut bullets = 0;
        // Metadata and furniture inside a run do not break it.
        while i < lines.len()
            && (listish(&lines[i], &verdicts[i]) || verdicts[i].class == Class::Bad)
        {
            bullets += usize::from(lines[i].bulleted);
            i += 1;
        }
        let members = (start..i)
            .filter(|&j| verdicts[j].class != Class::Bad)
            .count();
        if members >= 3 || bullets >= 2 {
            for v in &mut verdicts[start..i] {
                if v.class != Class::Bad {
                    *v = Verdict::bad(Reason::List);
                }
            }
        }
    }
}

/// jusText's context revision: short lines between good lines are good, between bad
/// lines bad; near-good lines are good unless bad lines stand on both sides.
fn revise_by_context(verdicts: &mut [Verdict]) {
    let n = verdicts.len();
    // The nearest good or bad class on one side; the page's edges count as bad.
    let neighbour = |v: &[Verdict], i: usize, back: bool, skip_near: bool| -> Class {
        let mut j = i;
        loop {
            if back {
                if j == 0 {
                    return Class::Bad;
                }
                j -= 1;
            } else {
                j += 1;
                if j >= n {
                    return Class::Bad;
                }
            }
            match v[j].class {
                Class::Short => continue,
                Class::NearGood if skip_near => continue,
                c => return c,
            }
        }
    };
    let shorts: Vec<(usize, Class)> = (0..n)
        .filter(|&i| verdicts[i].class == Class::Short && !verdicts[i].fixed)
        .map(|i| {
            let prev = neighbour(verdicts, i, true, true);
            let next = neighbour(verdicts, i, false, true);
            let class = match (prev, next) {
                (Class::Good, Class::Good) => Class::Good,
                (Class::Bad, Class::Bad) => Class::Bad,
                _ if (prev == Class::Bad
                    && neighbour(verdicts, i, true, false) == Class::NearGood)
                    || (next == Class::Bad
                        && neighbour(verdicts, i, false, false) == Class::NearGood) =>
                {
                    Class::Good
                }
                _ => Class::Bad,
            };
            (i, class)
        })
        .collect();
    for (i, class) in shorts {
        verdicts[i].class = class;
    }
    let nears: Vec<(usize, Class)> = (0..n)
        .filter(|&i| verdicts[i].class == Class::NearGood)
        .map(|i| {
            let prev = neighbour(verdicts, i, true, true);
            let next = neighbour(verdicts, i, false, true);
            let class = if prev == Class::Bad && next == Class::Bad {
                Class::Bad
            } else {
                Class::Good
            };
            (i, class)
        })
        .collect();
    for (i, class) in nears {
        verdicts[i].class = class;
    }
    for v in verdicts.iter_mut().filter(|v| !v.fixed) {
        v.reason = match v.class {
            Class::Good if v.reason == Reason::Prose => Reason::Prose,
            Class::Good => Reason::BetweenProse,
            _ => Reason::AmongFurniture,
        };
    }
}

/// A headline: a line of a few words that is not furniture, a list bullet or a sentence.
fn is_headline(l: &Line<'_>, v: &Verdict) -> bool {
    let furniture = matches!(
        v.reason,
        Reason::Furniture
            | Reason::Link
            | Reason::Numeric
            | Reason::ListHeader
            | Reason::Metadata
            | Reason::Caption
            | Reason::ForeignScript
            | Reason::Template
    );
    !furniture
        && !l.bulleted
        && (3..=30).contains(&l.words)
        && !l.text.trim_end().ends_with(['.', ':'])
}
