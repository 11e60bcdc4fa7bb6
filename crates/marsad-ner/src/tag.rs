//! BIO tags over the four ANERcorp types, and the repair that keeps a sequence valid.

use std::fmt;

/// Number of tags.
pub const N_TAGS: usize = 9;

/// One BIO tag: `O`, or `B-`/`I-` of `PERS`, `LOC`, `ORG`, `MISC` (ANERcorp's spelling).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Tag {
    /// Outside any entity.
    O = 0,
    /// First token of a person.
    BPers,
    /// Inside a person.
    IPers,
    /// First token of a place (country, city, region).
    BLoc,
    /// Inside a place.
    ILoc,
    /// First token of an organisation.
    BOrg,
    /// Inside an organisation.
    IOrg,
    /// First token of another name (nationality adjectives, events, products).
    BMisc,
    /// Inside another name.
    IMisc,
}

/// The entity types, as they follow `B-`/`I-`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Pers,
    /// A place.
    Loc,
    /// An organisation.
    Org,
    /// Anything else with a name.
    Misc,
}

impl EntityKind {
    /// All kinds, in tag order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Pers,
        EntityKind::Loc,
        EntityKind::Org,
        EntityKind::Misc,
    ];

    /// `PERS`, `LOC`, `ORG` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Pers => "PERS",
            EntityKind::Loc => "LOC",
            EntityKind::Org => "ORG",
            EntityKind::Misc => "MISC",
        }
    }

    /// The `B-` tag of this kind.
    pub fn begin(self) -> Tag {
        Tag::ALL[1 + 2 * self as usize]
    }

    /// The `I-` tag of this kind.
    pub fn inside(self) -> Tag {
        Tag::ALL[2 + 2 * self as usize]
    }
}

impl Tag {
    /// All tags, in index order.
    pub const ALL: [Tag; N_TAGS] = [
        Tag::O,
        Tag::BPers,
        Tag::IPers,
        Tag::BLoc,
        Tag::ILoc,
        Tag::BOrg,
        Tag::IOrg,
        Tag::BMisc,
        Tag::IMisc,
    ];

    /// The tag's index in [`Tag::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The CoNLL spelling: `O`, `B-PERS`, `I-LOC` …
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; N_TAGS] = [
            "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
        ];
        NAMES[self.index()]
    }

    /// Parses the CoNLL spelling; also accepts `PER` for `PERS`. `None` for anything else.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, ty) = s.split_once('-')?;
        let kind = match ty {
            "PERS" | "PER" => EntityKind::Pers,
            "LOC" => EntityKind::Loc,
            "ORG" => EntityKind::Org,
            "MISC" => EntityKind::Misc,
            _ => return None,
        };
        match bio {
            "B" => Some(kind.begin()),
            "I" => Some(kind.inside()),
            _ => None,
        }
    }

    /// The entity kind, `None` for `O`.
    pub fn kind(self) -> Option<EntityKind> {
        match self {
            Tag::O => None,
            t => Some(EntityKind::ALL[(t.index() - 1) / 2]),
        }
    }

    /// Whether this is an `I-` tag.
    pub fn is_inside(self) -> bool {
        self != Tag::O && self.index().is_multiple_of(2)
    }

    /// Whether `self` may follow `prev` (`None`: the sentence start) in a valid BIO
    /// sequence: an `I-X` only after `B-X` or `I-X`.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        !self.is_inside() || prev.is_some_and(|p| p.kind() == self.kind())
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Makes a tag sequence valid BIO: an `I-X` that follows `O`, the sentence start or
/// another type becomes `B-X`. Viterbi decoding never produces one; this guards
/// sequences from elsewhere (greedy decoders, hand edits).
///
/// ```
/// use marsad_ner::{repair_bio, Tag};
/// let mut t = [Tag::O, Tag::IPers, Tag::IPers, Tag::ILoc];
/// repair_bio(&mut t);
/// assert_eq!(t, [Tag::O, Tag::BPers, Tag::IPers, Tag::BLoc]);
/// ```
pub fn repair_bio(tags: &mut [Tag]) {
    let mut prev = None;
    for t in tags.iter_mut() {
        if !t.may_follow(prev) {
            *t = t.kind().expect("an I- tag has a kind").begin();
        }
        prev = Some(*t);
    }
}

/// The entities of a tag sequence as `(start, end, kind)`, end exclusive, counted the
/// way conlleval (and `score_conll.py`) counts them: an `I-` without a matching opener
/// starts an entity.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = t.is_inside() && open.is_some_and(|(_, k)| Some(k) == t.kind());
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = t.kind() {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_round_trips() {
        for t in Tag::ALL {
            assert_eq!(Tag::parse(t.as_str()), Some(t));
        }
        assert_eq!(Tag::parse("B-PER"), Some(Tag::BPers));
        assert_eq!(Tag::parse("X-LOC"), None);
        assert_eq!(Tag::parse("B-DATE"), None);
        assert_eq!(Tag::IOrg.kind(), Some(EntityKind::Org));
        assert!(Tag::IOrg.is_inside() && !Tag::BOrg.is_inside() && !Tag::O.is_inside());
    }

    #[test]
    fn repair_turns_orphan_inside_into_begin() {
        let mut t = [
            Tag::IPers,
            Tag::O,
            Tag::IOrg,
            Tag::IOrg,
            Tag::BLoc,
            Tag::IMisc,
        ];
        repair_bio(&mut t);
        assert_eq!(
            t,
            [
                Tag::BPers,
                Tag::O,
                Tag::BOrg,
                Tag::IOrg,
                Tag::BLoc,
                Tag::BMisc
            ]
        );
        let mut ok = [Tag::BLoc, Tag::ILoc, Tag::O];
        repair_bio(&mut ok);
        assert_eq!(ok, [Tag::BLoc, Tag::ILoc, Tag::O]);
    }

    #[test]
    fn spans_count_like_conlleval() {
        let t = [
            Tag::BPers,
            Tag::IPers,
            Tag::ILoc,
            Tag::O,
            Tag::IOrg,
            Tag::BOrg,
        ];
        assert_eq!(
            spans(&t),
            [
                (0, 2, EntityKind::Pers),
                (2, 3, EntityKind::Loc),
                (4, 5, EntityKind::Org),
                (5, 6, EntityKind::Org)
            ]
        );
    }
}
