//! Labels from URLs: which SaudiNewsNet pages say their section, and which class each
//! section is.
//!
//! Three outlets put the section in the address, and two are sport papers:
//!
//! * `alwatan` — `alwatan.com.sa/<Section>/News_Detail.aspx?…` (`/Articles/Detail.aspx`
//!   for columns).
//! * `3alyoum` — `3alyoum.com/<section>/<subsection>/a/<slug>/`.
//! * `aljazirah` — `al-jazirah.com/2015/20150721/<code><n>.htm`: the letters before the
//!   number are the paper's page (`sp` sport, `ec` economy, `du` international, `ln`
//!   local, `ar` columns …). The codes are not documented anywhere we know of; each was
//!   read off a random sample of its pages' headlines and openings.
//! * `arreyadi`, `arriyadiyah` — sport papers: every page is sport.
//!
//! `aleqtisadiya` is an economy paper but files politics too, with nothing in its URLs to
//! tell them apart: left out. Every other outlet has no section in its URLs: those pages
//! are what the model is for, and only read (`--sample`), never scored.
//!
//! A section whose pages were of mixed kinds on reading is left out rather than forced
//! into a class: alwatan's `Nation` (film, crime, games and world news together),
//! `Citizen_Journalist` (company press releases, university notices) and `Dialogue`;
//! 3alyoum's `bigpage` and `site`; al-Jazirah's `tf` (local charities and clubs), `wa`
//! (eulogies) and `pl` (the Buraydah dates festival).

use marsad_topic::Class;

/// What a page's address says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A section of a known class.
    Labelled(Class, String),
    /// A section we leave out (mixed, or unknown).
    Excluded(String),
    /// The outlet does not say its sections.
    NoSection,
}

/// The mapping, section → class (`None`: left out). A section is `outlet/name`.
pub const SECTIONS: &[(&str, Option<Class>)] = &[
    // alwatan
    ("alwatan/Politics", Some(Class::Politics)),
    ("alwatan/Local", Some(Class::Politics)),
    ("alwatan/Sports", Some(Class::Sport)),
    ("alwatan/Economy", Some(Class::Economy)),
    ("alwatan/Culture", Some(Class::Culture)),
    ("alwatan/Articles", Some(Class::Opinion)),
    ("alwatan/Discussion", Some(Class::Opinion)),
    ("alwatan/Nation", None),
    ("alwatan/Citizen_Journalist", None),
    ("alwatan/Dialogue", None),
    // 3alyoum: news/{a,local,pol,golobal,regions} are all news
    ("3alyoum/news", Some(Class::Politics)),
    ("3alyoum/sports", Some(Class::Sport)),
    ("3alyoum/finance", Some(Class::Economy)),
    ("3alyoum/culture", Some(Class::Culture)),
    ("3alyoum/technology", Some(Class::Culture)),
    ("3alyoum/opinion", Some(Class::Opinion)),
    ("3alyoum/bigpage", None),
    ("3alyoum/site", None),
    // al-Jazirah page codes
    ("aljazirah/du", Some(Class::Politics)), // international and Arab politics
    ("aljazirah/ln", Some(Class::Politics)), // local news
    ("aljazirah/fe", Some(Class::Politics)), // regions: governors, municipalities, schools
    ("aljazirah/lp", Some(Class::Politics)), // local: police, civil defence, weather
    ("aljazirah/av", Some(Class::Politics)), // reactions to the Abha mosque bombing
    ("aljazirah/ji", Some(Class::Politics)), // ministry of transport
    ("aljazirah/sp", Some(Class::Sport)),
    ("aljazirah/ec", Some(Class::Economy)),
    ("aljazirah/mt", Some(Class::Economy)), // Islamic finance
    ("aljazirah/co", Some(Class::Economy)), // real estate
    ("aljazirah/bf", Some(Class::Economy)), // banking and finance
    ("aljazirah/cu", Some(Class::Culture)), // the cultural supplement
    ("aljazirah/bo", Some(Class::Culture)), // books
    ("aljazirah/ak", Some(Class::Culture)), // plastic arts
    ("aljazirah/at", Some(Class::Culture)), // theatre, music, television
    ("aljazirah/tr", Some(Class::Culture)), // vernacular poetry
    ("aljazirah/ms", Some(Class::Culture)), // miscellany: stars, health, gadgets
    ("aljazirah/is", Some(Class::Culture)), // religion page
    ("aljazirah/wo", Some(Class::Culture)), // heritage and history
    ("aljazirah/jd", Some(Class::Culture)), // manners and self-help
    ("aljazirah/af", Some(Class::Culture)), // weddings
    ("aljazirah/as", Some(Class::Culture)), // social occasions: degrees, births
    ("aljazirah/ar", Some(Class::Opinion)), // columns
    ("aljazirah/rj", Some(Class::Opinion)), // readers' essays
    ("aljazirah/rv", Some(Class::Opinion)), // readers answer articles
    ("aljazirah/wm", Some(Class::Opinion)), // citizens' letters to ministers
    ("aljazirah/tf", None),
    ("aljazirah/wa", None),
    ("aljazirah/pl", None),
    // sport papers
    ("arreyadi", Some(Class::Sport)),
    ("arriyadiyah", Some(Class::Sport)),
];

/// The path segments of a URL (after the host), without query or fragment.
fn segments(url: &str) -> Vec<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split_once('/').map_or("", |(_, p)| p);
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The section a page's outlet and URL name, if the outlet says sections.
pub fn section(outlet: &str, url: &str) -> Option<String> {
    let seg = segments(url);
    match outlet {
        "alwatan" | "3alyoum" => seg.first().map(|s| format!("{outlet}/{s}")),
        "aljazirah" => {
            let file = seg.last()?;
            let code: String = file
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            (!code.is_empty()).then(|| format!("aljazirah/{code}"))
        }
        "arreyadi" | "arriyadiyah" => Some(outlet.to_string()),
        _ => None,
    }
}

/// What `outlet` and `url` say of a page.
pub fn verdict(outlet: &str, url: &str) -> Verdict {
    match section(outlet, url) {
        None => Verdict::NoSection,
        Some(s) => match SECTIONS.iter().find(|(name, _)| *name == s) {
            Some((_, Some(class))) => Verdict::Labelled(*class, s),
            _ => Verdict::Excluded(s),
        },
    }
}
