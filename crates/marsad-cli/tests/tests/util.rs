//! Test helpers: a fresh temporary directory per test, running the binary with a time
//! limit, reading its JSON Lines output, and failure reports that say where to look.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Defines a test that gets a fresh [`TestDir`], removed afterwards when the test passed
/// (kept for inspection when it failed).
///
/// ```ignore
/// marsadtest!(reads_a_page, |dir| {
///     let page = dir.write("a.txt", "…");
///     let run = dir.marsad(&["extract", page.to_str().unwrap()]);
///     run.assert_code(0);
/// });
/// ```
macro_rules! marsadtest {
    ($name:ident, |$dir:ident| $body:block) => {
        #[test]
        fn $name() {
            #[allow(unused_variables)]
            let $dir = $crate::util::TestDir::new(stringify!($name));
            $body
        }
    };
}

/// How long one run of the binary may take before the test fails (debug builds on a
/// loaded machine are slow; a hang must still end).
pub const RUN_LIMIT: Duration = Duration::from_secs(120);

/// The workspace root (where `tests/pages` and `samples` live).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// `tests/pages` in the workspace.
pub fn pages_dir() -> PathBuf {
    workspace_root().join("tests/pages")
}

/// A scratch directory of its own for one test.
pub struct TestDir {
    path: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl TestDir {
    /// Creates `$TMPDIR/marsad-test-<pid>-<n>-<name>`, empty.
    pub fn new(name: &str) -> TestDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("marsad-test-{}-{n}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("creating the test directory");
        TestDir { path }
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` to `rel` inside the directory (creating folders) and returns the
    /// full path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("creating folders");
        }
        std::fs::write(&p, bytes).expect("writing a test file");
        p
    }

    /// Runs `marsad ARGS` with this directory as the working directory.
    pub fn marsad(&self, args: &[&str]) -> Run {
        run_marsad(&self.path, args, None)
    }

    /// Runs `marsad ARGS` with `stdin` on standard input.
    pub fn marsad_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        run_marsad(&self.path, args, Some(stdin))
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("note: test files kept in {}", self.path.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// One finished run of the binary.
pub struct Run {
    /// What was run, for messages.
    pub cmdline: String,
    /// The exit code (`-1` when killed by a signal).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs the `marsad` binary in `cwd`, feeding `stdin` if given, and fails the test if it
/// runs longer than [`RUN_LIMIT`].
pub fn run_marsad(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let run = run_marsad_env(cwd, args, stdin, &[]);
    run.assert_no_panic();
    run
}

/// [`run_marsad`] with more environment variables, and no check for a panic: for the
/// tests that inject one (`MARSAD_TEST_PANIC`, debug builds) and check what follows.
pub fn run_marsad_env(
    cwd: &Path,
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, &str)],
) -> Run {
    let bin = env!("CARGO_BIN_EXE_marsad");
    let cmdline = format!("marsad {}", args.join(" "));
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "1")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let feeder = stdin.map(|bytes| {
        let bytes = bytes.to_vec();
        let mut pipe = child.stdin.take().expect("stdin pipe");
        std::thread::spawn(move || {
            // The binary may stop reading early (a refused input): a broken pipe is fine.
            let _ = pipe.write_all(&bytes);
        })
    });
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for marsad") {
            break status;
        }
        if start.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`{cmdline}` (in {}) ran longer than {RUN_LIMIT:?} and was killed\n\
                 help: the binary hangs or is far too slow on this input",
                cwd.display()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let stdout = String::from_utf8(out_reader.join().expect("stdout reader"))
        .unwrap_or_else(|e| panic!("`{cmdline}` wrote stdout that is not UTF-8: {e}"));
    let stderr = String::from_utf8_lossy(&err_reader.join().expect("stderr reader")).into_owned();
    Run {
        cmdline,
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        elapsed,
    }
}

impl Run {
    /// The one record of a run that must succeed with exactly one.
    pub fn only_record(&self) -> Value {
        self.assert_code(0);
        self.assert_summary(1, 0);
        let mut recs = self.records();
        assert_eq!(recs.len(), 1, "want one record\n{}", self.context());
        recs.remove(0)
    }

    /// The JSON records on standard output, one a line.
    pub fn records(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l).unwrap_or_else(|e| {
                    panic!(
                        "`{}`: stdout line {} is not JSON ({e}):\n{}\n{}",
                        self.cmdline,
                        i + 1,
                        short(l, 300),
                        self.context()
                    )
                })
            })
            .collect()
    }

    /// The lines of standard error.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    /// The last line of standard error (the `extracted N, skipped M` summary).
    pub fn summary(&self) -> &str {
        self.stderr_lines().last().copied().unwrap_or("")
    }

    /// Everything a failure message needs to show about the run.
    pub fn context(&self) -> String {
        format!(
            "--- command: {} (exit {}, {:.1?})\n--- stderr:\n{}--- stdout ({} bytes):\n{}",
            self.cmdline,
            self.code,
            self.elapsed,
            short(&self.stderr, 4000),
            self.stdout.len(),
            short(&self.stdout, 1500)
        )
    }

    /// Fails unless the exit code is `want`.
    pub fn assert_code(&self, want: i32) {
        assert!(
            self.code == want,
            "expected exit code {want}, got {}\n{}\nhelp: see the exit status contract in README.md (0: something extracted, 1: nothing, 2: usage)",
            self.code,
            self.context()
        );
    }

    /// Fails unless the last line of standard error is `extracted N, skipped M`.
    pub fn assert_summary(&self, extracted: usize, skipped: usize) {
        let want = format!("extracted {extracted}, skipped {skipped}");
        assert!(
            self.summary() == want,
            "expected the last line of stderr to be {want:?}, got {:?}\n{}\nhelp: crates/marsad-cli/src/extract.rs counts and prints the summary",
            self.summary(),
            self.context()
        );
    }

    pub fn assert_no_panic(&self) {
        assert!(
            self.code != 101 && !self.stderr.contains("panicked at"),
            "marsad panicked\n{}\nhelp: never panic on input; the backtrace above names the place",
            self.context()
        );
    }
}

/// White space folded to one space, trimmed: how `score.py` compares text.
pub fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `n` characters of `s`, with an ellipsis when cut.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// A string field of a record, `None` when absent or null.
pub fn field<'a>(rec: &'a Value, key: &str) -> Option<&'a str> {
    rec.get(key).and_then(Value::as_str)
}

/// The file name part of a record's `doc`.
pub fn doc_name(rec: &Value) -> String {
    let doc = field(rec, "doc").unwrap_or("");
    doc.rsplit(['/', '\\']).next().unwrap_or(doc).to_string()
}

/// A path as a `&str` (test paths are UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Collects failures and reports them all at once.
#[derive(Default)]
pub struct Failures {
    items: Vec<String>,
    help: Vec<String>,
}

impl Failures {
    pub fn new() -> Failures {
        Failures::default()
    }

    /// Records one failure.
    pub fn push(&mut self, msg: impl Into<String>) {
        self.items.push(msg.into());
    }

    /// Adds a `help:` line (once) for the report.
    pub fn help(&mut self, line: impl Into<String>) {
        let line = line.into();
        if !self.help.contains(&line) {
            self.help.push(line);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Panics with every failure, numbered, then the `help:` lines, if there was any.
    pub fn finish(self, what: &str, checks: usize) {
        if self.items.is_empty() {
            return;
        }
        let mut msg = format!("{what}: {} of {checks} checks failed\n", self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            let _ = writeln!(msg, "{:>3}. {item}", i + 1);
        }
        for h in &self.help {
            let _ = writeln!(msg, "help: {h}");
        }
        panic!("{msg}");
    }
}
