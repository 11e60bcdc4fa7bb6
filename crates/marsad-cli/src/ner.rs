//! `marsad ner`: CoNLL tokens in, `token TAG` lines out (for `score_conll.py`).
//!
//! One token a line, a blank line between sentences; a line's first white-space-separated
//! field is the token and anything after it (a gold tag column) is ignored. The output
//! has the same lines, blank lines where the input had them, each token followed by one
//! space and its predicted BIO tag. The input is one document: what the tagger found in one
//! sentence informs the others (`--per-sentence` tags each sentence on its own, first pass only).

use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, Context};
use marsad_ner::Tagger;

use crate::NerArgs;

pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    let name = args.conll.display().to_string();
    let text = read_input(&args.conll).with_context(|| format!("{name}: cannot read"))?;
    let started = Instant::now();
    let tagger = match &args.model {
        None => Tagger::bundled(),
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            Tagger::from_bytes(&bytes)
        }
    };
    let tagger = tagger.map_err(|e| match &args.model {
        Some(p) => anyhow!("{}: {e}", p.display()),
        None => anyhow!("{e}"),
    })?;
    let loaded = started.elapsed();
    // The whole input is one document (`Tagger::tag_document`): sentences first, then
    // the tags, then the output with the input's blank lines.
    let mut sentences: Vec<Vec<&str>> = Vec::new();
    let mut blanks_before: Vec<usize> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut blanks = 0usize;
    for line in text.lines() {
        match line.split_whitespace().next() {
            Some(token) => current.push(token),
            None => {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                    blanks_before.push(blanks);
                    blanks = 0;
                }
                blanks += 1;
            }
        }
    }
    if !current.is_empty() {
        sentences.push(current);
        blanks_before.push(blanks);
        blanks = 0;
    }
    let tags: Vec<Vec<marsad_ner::Tag>> = if args.per_sentence {
        sentences.iter().map(|s| tagger.tag(s)).collect()
    } else {
        tagger.tag_document(&sentences)
    };
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for ((words, tags), blanks) in sentences.iter().zip(&tags).zip(&blanks_before) {
        for _ in 0..*blanks {
            writeln!(out)?;
        }
        for (tok, tag) in words.iter().zip(tags) {
            writeln!(out, "{tok} {tag}")?;
        }
    }
    for _ in 0..blanks {
        writeln!(out)?;
    }
    out.flush()?;
    if args.timing {
        let total = started.elapsed();
        let tagging = total - loaded;
        eprintln!(
            "ner: {tokens} tokens; model loaded in {:.1} ms, tagged in {:.1} ms ({:.0} tokens/s)",
            loaded.as_secs_f64() * 1e3,
            tagging.as_secs_f64() * 1e3,
            tokens as f64 / tagging.as_secs_f64().max(1e-9)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn read_input(path: &Path) -> anyhow::Result<String> {
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        io::stdin().read_to_end(&mut b)?;
        b
    } else {
        std::fs::read(path)?
    };
    String::from_utf8(bytes)
        .map_err(|e| anyhow!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()))
}
