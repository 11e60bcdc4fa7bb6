//! Prints what `find_dates` reads in each line of standard input, against the
//! publication date given as the first argument (or none): a quick way to probe the
//! grammar by hand.
//!
//! ```text
//! echo "وصل الوفد أمس إلى باكو" | cargo run -q -p marsad-dates --example probe -- 2024-08-19
//! echo "The delegation arrived yesterday" | cargo run -q -p marsad-dates --example probe -- 2024-08-19 en
//! ```

use std::io::BufRead;

fn main() {
    let published = std::env::args()
        .nth(1)
        .and_then(|p| p.parse::<jiff::civil::Date>().ok());
    let lang = std::env::args().nth(2);
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let found = marsad_dates::find_dates_in(&line, published, lang.as_deref());
        println!("{line}");
        for d in &found.placed {
            println!("    «{}» = {}", d.text, d.value);
        }
        for u in &found.unplaced {
            println!("    «{}» unplaced: {}", u.text, u.reason);
        }
    }
}
