//! Trains the NER weights (both passes) from CoNLL data.
//!
//! ```text
//! cargo run --release -p marsad-ner --example train -- \
//!     ../shared/corpus/anercorp/train.txt crates/marsad-ner/model/anercorp.weights
//! ```
//!
//! Options (after the two paths): `--epochs N` (default 10), `--prune W` (default 0.1),
//! `--min-count N` (default 3), `--seed N`, `--folds N` (jackknife blocks for the second
//! pass, default 4), `--dev FILE.conll` (scores the trained tagger on it, the file as one
//! document). `--clusters FILE` (a clusters file, plain or `.gz`, or `none`; default:
//! the bundled ones), `--names FILE` (a name lexicon, plain or `.gz`, such as
//! `model/saudinewsnet.names.gz`; default `none`: the bundled weights were trained
//! without; the weights then need `Tagger::new` with the same lexicon), `--no-gazetteer` (no KB names, for ablations: only the trigger
//! words), `--holdout F` (train on the first `1 − F` of the sentences, score on the rest
//! as `--dev`: a development split carved from the training file). The same data and
//! options always give the same file.

use std::process::ExitCode;
use std::time::Instant;

use marsad_ner::train::{read_conll, train_two_pass, Scores, Sentence, TrainOptions};
use marsad_ner::{Clusters, EntityKind, Gazetteer, Lexicon, Tagger};

fn report(s: &Scores) -> String {
    let mut out = String::new();
    for k in EntityKind::ALL {
        let (p, r, f) = s.prf(Some(k));
        out.push_str(&format!("{} {:.3}/{:.3}/{:.3}  ", k.as_str(), p, r, f));
    }
    out.push_str(&format!("ALL f1 {:.3}", s.prf(None).2));
    out
}

fn read(path: &str) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    read_conll(&text).map_err(|e| format!("{path}: {e}"))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: train TRAIN.conll OUT.weights [--epochs N] [--prune W] [--min-count N] [--seed N] [--folds N] [--dev FILE] [--clusters FILE|none] [--names FILE|none] [--no-gazetteer] [--holdout F]".into());
    }
    let mut opts = TrainOptions::default();
    let mut folds = 4usize;
    let mut dev = None;
    let mut clusters_path: Option<String> = None;
    let mut names_path: Option<String> = None;
    let mut no_gazetteer = false;
    let mut holdout: Option<f64> = None;
    let mut rest = args[2..].iter();
    while let Some(flag) = rest.next() {
        if flag == "--no-gazetteer" {
            no_gazetteer = true;
            continue;
        }
        let value = rest.next().ok_or_else(|| format!("{flag} wants a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--epochs" => opts.epochs = value.parse().map_err(|e| bad(&e))?,
            "--prune" => opts.prune = value.parse().map_err(|e| bad(&e))?,
            "--min-count" => opts.min_count = value.parse().map_err(|e| bad(&e))?,
            "--seed" => opts.seed = value.parse().map_err(|e| bad(&e))?,
            "--folds" => folds = value.parse().map_err(|e| bad(&e))?,
            "--dev" => dev = Some(read(value)?),
            "--clusters" => clusters_path = Some(value.clone()),
            "--names" => names_path = Some(value.clone()),
            "--holdout" => holdout = Some(value.parse().map_err(|e| bad(&e))?),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let mut data = read(&args[0])?;
    if let Some(f) = holdout {
        let cut = data.len() - (data.len() as f64 * f).round() as usize;
        dev = Some(data.split_off(cut));
    }
    let gaz = if no_gazetteer {
        Gazetteer::from_names([])
    } else {
        let kb = marsad_kb::Kb::load_bundled().map_err(|e| e.to_string())?;
        Gazetteer::from_kb(&kb)
    };
    let clusters = match clusters_path.as_deref() {
        None => Clusters::bundled().map_err(|e| e.to_string())?,
        Some("none") => Clusters::empty(),
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            if p.ends_with(".gz") {
                Clusters::from_gzip(&bytes)
            } else {
                Clusters::parse(&String::from_utf8_lossy(&bytes))
            }
            .map_err(|e| format!("{p}: {e}"))?
        }
    };
    let lexicon = match names_path.as_deref() {
        None | Some("none") => Lexicon::empty(),
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{p}: {e}"))?;
            if p.ends_with(".gz") {
                Lexicon::from_gzip(&bytes)
            } else {
                Lexicon::parse(&String::from_utf8_lossy(&bytes))
            }
            .map_err(|e| format!("{p}: {e}"))?
        }
    };
    eprintln!(
        "train: {} sentences, {} tokens, gazetteer {} names, {} clustered words, {} lexicon words, {folds} folds, {opts:?}",
        data.len(),
        data.iter().map(|s| s.words.len()).sum::<usize>(),
        gaz.len(),
        clusters.len(),
        lexicon.len()
    );
    let start = Instant::now();
    let (first, second) =
        train_two_pass(&data, &gaz, &clusters, &lexicon, &opts, folds, &mut |msg| {
            eprintln!("train: {msg} ({:.1?})", start.elapsed())
        });
    let tagger = Tagger::new(first, second, gaz, clusters, lexicon);
    let bytes = tagger.weights_to_bytes();
    std::fs::write(&args[1], &bytes).map_err(|e| format!("{}: {e}", args[1]))?;
    eprintln!(
        "train: wrote {} ({} bytes) in {:.1?}",
        args[1],
        bytes.len(),
        start.elapsed()
    );
    if let Some(dev) = dev {
        let words: Vec<Vec<&str>> = dev
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let mut both = Scores::default();
        for (s, tags) in dev.iter().zip(tagger.tag_document(&words)) {
            both.add(&s.tags, &tags);
        }
        eprintln!("dev, two passes: {}", report(&both));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train: {e}");
            ExitCode::from(2)
        }
    }
}
