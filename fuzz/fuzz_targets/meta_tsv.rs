//! Arbitrary bytes as a `--meta` TSV sidecar: parsed or refused with an error naming the
//! line, never a panic; every row's hints are found again by file name, and a published
//! value from it is read by `marsad_dates::read_published` without panicking.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use marsad_extract::sidecar::Sidecar;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(sidecar) = Sidecar::parse(&text) else {
        return;
    };
    for line in text.lines().skip(1) {
        let Some(file) = line.split('\t').next() else {
            continue;
        };
        let hints = sidecar.hints_for(Path::new(file.trim()));
        if let Some(p) = hints.published {
            let _ = marsad_dates::read_published(&p);
        }
    }
});
