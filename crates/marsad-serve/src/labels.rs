//! Display names: one Arabic and one English label per entity, the same in every view and
//! in the API (`label_ar`, `label_en`).
//!
//! # The rule
//!
//! For an entry of the knowledge base, `label_ar` is, in this order:
//!
//! 1. the name given in `data/kb/labels.tsv` (hand-written, with the reason), else
//! 2. the first name written in Arabic script in the entry's `ar` list: the KB files write
//!    the full, standard name first (people.tsv «فلاديمير بوتين» before «بوتين»; orgs.tsv
//!    «الأمم المتحدة»; countries.tsv and places.tsv CLDR's name, the hand-added variants
//!    after), else
//! 3. the first of the gazetteer's names (a town only GeoNames knows).
//!
//! `label_en` is a country's English short name (CLDR: `United States`), else the key (an
//! English Wikipedia title, or a GeoNames name). A key the knowledge base does not know (a
//! name the statistical tagger found, stored as written) is its own label in both
//! languages: the desk never invents a translation.
//!
//! An actor named by description has no key; the network groups such actors by sector
//! and country (`group:MIL:YEM`, [`crate::index::group_key`]), labelled by the sector's
//! name in `data/kb/sectors.tsv` and the country's label: «عسكريون (اليمن)».
//!
//! The labels are built once from the bundled KB; [`Labels::get`] is a hash lookup.

use std::collections::HashMap;

use marsad_kb::Kb;

/// The hand-written overrides (see the module's notes).
const OVERRIDES: &str = include_str!("../../../data/kb/labels.tsv");

/// The sectors' names (see the module's notes).
const SECTORS: &str = include_str!("../../../data/kb/sectors.tsv");

/// An entity's display names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Arabic display name.
    pub ar: String,
    /// English display name.
    pub en: String,
}

/// The labels of every entry of the knowledge base.
#[derive(Debug, Default)]
pub struct Labels {
    by_key: HashMap<String, Label>,
    sectors: HashMap<String, Label>,
}

/// Whether `s` is written (mostly) in Arabic script.
pub fn is_arabic(s: &str) -> bool {
    let (mut ar, mut latin) = (0, 0);
    for c in s.chars() {
        if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
            ar += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    ar > 0 && ar >= latin
}

fn first_arabic<'a>(names: impl IntoIterator<Item = &'a String>) -> Option<String> {
    names
        .into_iter()
        .map(|n| n.trim())
        .find(|n| is_arabic(n))
        .map(str::to_string)
}

/// The sectors file's rows: code → names.
fn sector_names(text: &str) -> HashMap<String, Label> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t').map(str::trim);
            let (code, ar, en) = (cols.next()?, cols.next()?, cols.next()?);
            let label = Label {
                ar: ar.to_string(),
                en: en.to_string(),
            };
            Some((code.to_string(), label))
        })
        .collect()
}

/// The overrides file's rows: key → Arabic label. Comment and header lines are skipped.
fn overrides(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let key = cols.next()?.trim();
            let ar = cols.next()?.trim();
            (!key.is_empty() && is_arabic(ar)).then(|| (key.to_string(), ar.to_string()))
        })
        .collect()
}

impl Labels {
    /// The labels of `kb`'s entries, by the rule of the module's notes.
    pub fn new(kb: &Kb) -> Labels {
        let fixed = overrides(OVERRIDES);
        let mut by_key = HashMap::new();
        let mut put = |key: &str, ar: Option<String>, en: &str| {
            let ar = fixed
                .get(key)
                .cloned()
                .or(ar)
                .unwrap_or_else(|| en.to_string());
            by_key.insert(
                key.to_string(),
                Label {
                    ar,
                    en: en.to_string(),
                },
            );
        };
        for c in kb.countries() {
            put(&c.key, first_arabic(&c.ar), &c.en);
        }
        for p in kb.places() {
            put(
                &p.key,
                first_arabic(&p.ar).or_else(|| first_arabic(&p.ar_gazetteer)),
                &p.key,
            );
        }
        for o in kb.orgs() {
            put(&o.key, first_arabic(&o.ar), &o.key);
        }
        for p in kb.people() {
            put(&p.key, first_arabic(&p.ar), &p.key);
        }
        Labels {
            by_key,
            sectors: sector_names(SECTORS),
        }
    }

    /// A sector's names (`MIL`: «عسكريون», military); the code itself when unknown.
    pub fn sector(&self, code: &str) -> Label {
        self.sectors.get(code).cloned().unwrap_or_else(|| Label {
            ar: code.to_string(),
            en: code.to_string(),
        })
    }

    /// The label of `key`: the KB's, a group's (its sector, and its country in
    /// brackets), else the key itself in both languages.
    pub fn get(&self, key: &str) -> Label {
        if let Some((sector, country)) = crate::index::group_parts(key) {
            let s = self.sector(sector);
            return match country.map(|c| self.get(c)) {
                Some(c) => Label {
                    ar: format!("{} ({})", s.ar, c.ar),
                    en: format!("{} ({})", s.en, c.en),
                },
                None => s,
            };
        }
        self.by_key.get(key).cloned().unwrap_or_else(|| Label {
            ar: key.to_string(),
            en: key.to_string(),
        })
    }

    /// Whether the knowledge base gives `key` an Arabic label.
    pub fn knows(&self, key: &str) -> bool {
        self.by_key.get(key).is_some_and(|l| is_arabic(&l.ar))
    }

    /// How many entries have a label.
    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Whether there is none (the KB did not load).
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> Labels {
        Labels::new(&Kb::load_bundled().unwrap())
    }

    #[test]
    fn the_first_arabic_name_of_the_row_is_the_label() {
        let l = labels();
        for (key, ar, en) in [
            ("Vladimir Putin", "فلاديمير بوتين", "Vladimir Putin"),
            ("Ebrahim Raisi", "إبراهيم رئيسي", "Ebrahim Raisi"),
            ("Barack Obama", "باراك أوباما", "Barack Obama"),
            ("United Nations", "الأمم المتحدة", "United Nations"),
            ("Taliban", "طالبان", "Taliban"),
            ("Tehran", "طهران", "Tehran"),
            ("Kabul", "كابول", "Kabul"),
            ("SAU", "المملكة العربية السعودية", "Saudi Arabia"),
            ("USA", "الولايات المتحدة", "United States"),
        ] {
            assert_eq!(
                l.get(key),
                Label {
                    ar: ar.into(),
                    en: en.into()
                },
                "{key}"
            );
        }
    }

    #[test]
    fn an_override_wins_and_an_unknown_name_is_its_own_label() {
        let l = labels();
        assert_eq!(l.get("PSE").ar, "فلسطين");
        assert_eq!(l.get("PSE").en, "Palestinian Territories");
        let unknown = l.get("خالد الفيصل");
        assert_eq!(
            (unknown.ar.as_str(), unknown.en.as_str()),
            ("خالد الفيصل", "خالد الفيصل")
        );
        assert!(!l.knows("خالد الفيصل"));
    }

    /// Every sector of the schema has its names, and a group is labelled by its sector
    /// and its country.
    #[test]
    fn sectors_and_groups_have_arabic_labels() {
        let l = labels();
        for code in marsad_schema::ACTOR_SECTORS {
            let s = l.sector(code);
            assert!(is_arabic(&s.ar) && s.en != *code, "{code}: {s:?}");
        }
        let g = l.get(&crate::index::group_key("MIL", "YEM"));
        assert_eq!(g.ar, "عسكريون (اليمن)");
        assert_eq!(g.en, "military (Yemen)");
        assert_eq!(l.get(&crate::index::group_key("GOV", "RUS")).ar, "روسيا");
    }

    /// Every entry of the KB gets an Arabic label (the KB's invariant: every entry has an
    /// Arabic name), and every override names a key the KB has.
    #[test]
    fn every_entry_has_an_arabic_label_and_every_override_a_key() {
        let kb = Kb::load_bundled().unwrap();
        let l = Labels::new(&kb);
        let missing: Vec<&str> = kb
            .countries()
            .map(|c| c.key.as_str())
            .chain(kb.people().map(|p| p.key.as_str()))
            .chain(kb.orgs().map(|o| o.key.as_str()))
            .chain(kb.places().map(|p| p.key.as_str()))
            .filter(|k| !l.knows(k))
            .collect();
        assert!(missing.len() <= 5, "no Arabic label for {missing:?}");
        for key in overrides(OVERRIDES).keys() {
            assert!(
                kb.id(key).is_some(),
                "labels.tsv names {key:?}, not in the KB"
            );
        }
    }
}
