//! `marsad ner`: CoNLL tokens in, `token TAG` out, on sentences of our own.

use crate::util::s;

/// Two invented sentences, the second with a gold column that must be ignored, and a
/// doubled blank line that must be kept.
const INPUT: &str = "\
وقال
الرئيس
الأمريكي
جو
بايدن
في
واشنطن
إنه
زار
جامعة
القاهرة
العام
الماضي
.


وزار B-X
الملك O
عبدالله B-PERS
الثاني I-PERS
مدينة O
عمان B-LOC
.
";

marsadtest!(ner_tags_our_sentences, |dir| {
    let input = dir.write("in.conll", INPUT);
    let run = dir.marsad(&["ner", "--conll", s(&input)]);
    run.assert_code(0);
    let out: Vec<&str> = run.stdout.lines().collect();
    let want_lines: Vec<&str> = INPUT.lines().collect();
    assert_eq!(
        out.len(),
        want_lines.len(),
        "one output line per input line, blank lines kept\n{}",
        run.context()
    );
    for (got, want) in out.iter().zip(&want_lines) {
        let token = want.split_whitespace().next();
        match token {
            None => assert!(got.is_empty(), "blank line expected, got {got:?}"),
            Some(t) => {
                let (tok, tag) = got.rsplit_once(' ').expect("`token TAG`");
                assert_eq!(tok, t, "{}", run.context());
                assert!(
                    tag == "O" || tag.starts_with("B-") || tag.starts_with("I-"),
                    "bad tag {tag:?}"
                );
            }
        }
    }
    let tag = |token: &str| {
        out.iter()
            .find_map(|l| l.strip_prefix(token).and_then(|r| r.strip_prefix(' ')))
            .unwrap_or("?")
    };
    let mut wrong = Vec::new();
    for (token, want) in [
        ("جو", "B-PERS"),
        ("بايدن", "I-PERS"),
        ("واشنطن", "B-LOC"),
        ("جامعة", "B-ORG"),
        ("القاهرة", "I-ORG"),
        ("عبدالله", "B-PERS"),
        ("الثاني", "I-PERS"),
        ("عمان", "B-LOC"),
        ("الأمريكي", "B-MISC"),
        ("زار", "O"),
    ] {
        if tag(token) != want {
            wrong.push(format!("{token}: {} (want {want})", tag(token)));
        }
    }
    assert!(
        wrong.is_empty(),
        "{wrong:?}\n{}\nhelp: the tagger is crates/marsad-ner; retrain with its `train` example",
        run.context()
    );
});

marsadtest!(ner_reads_standard_input, |dir| {
    let run = dir.marsad_stdin(&["ner", "--conll", "-"], "زار\nبيروت\n".as_bytes());
    run.assert_code(0);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.context());
});

marsadtest!(ner_errors_name_the_file, |dir| {
    let missing = dir.path().join("nope.conll");
    let run = dir.marsad(&["ner", "--conll", s(&missing)]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("nope.conll"),
        "the error names the file\n{}",
        run.context()
    );
    let bin = dir.write("bin.conll", [0xff, 0xfe, 0x00, 0x41]);
    let run = dir.marsad(&["ner", "--conll", s(&bin)]);
    run.assert_code(2);
    assert!(run.stderr.contains("bin.conll"), "{}", run.context());
    let weights = dir.write("bad.weights", "not a model");
    let input = dir.write("in.conll", "زار\n");
    let run = dir.marsad(&["ner", "--conll", s(&input), "--model", s(&weights)]);
    run.assert_code(2);
    assert!(run.stderr.contains("bad.weights"), "{}", run.context());
});
