//! The files to read under the paths given: one lazy walk, each file once.
//!
//! A path given on the command line stands for itself (a file whatever its extension, a
//! folder for the files below it with a known extension; `-` is standard input). Inside
//! a folder the walk is strict, because a corpus folder is untrusted:
//!
//! * a **symbolic link is never followed out of the folder** given (a link to
//!   `/etc/passwd` is not read), and a link to a folder is never followed at all: a
//!   folder inside the tree is read at its own path, so following the link could only
//!   read its files twice or go round a loop (`a/up -> ..`);
//! * a link to a file inside the tree is passed over when the file is read at its own
//!   path (its extension is one Marsad reads), and read through the link otherwise;
//! * every folder is entered once (by device and inode), so bind mounts and overlapping
//!   paths (`marsad extract corpus corpus/a`) give each file once;
//! * FIFOs, sockets and devices are passed over (a FIFO named `x.txt` would block);
//! * file names that are not UTF-8 are read like any other (the record's `doc` shows
//!   them with U+FFFD).
//!
//! Whatever is passed over comes back as [`Walked::Passed`] with the reason, for the
//! caller to print as a warning. The walk holds one sorted listing per folder level,
//! never the whole tree.

use std::collections::HashSet;
use std::fs::{self, FileType, Metadata};
use std::path::{Path, PathBuf};

use crate::page::InputKind;
use crate::Error;

/// One step of the walk.
#[derive(Debug)]
pub enum Walked {
    /// A file to read (or `-`).
    File(PathBuf),
    /// A path passed over, and why: worth a warning, not an error.
    Passed(PathBuf, &'static str),
    /// A path that could not be listed or read.
    Failed(Error),
}

/// The lazy walk over `paths`: see the module docs.
pub struct Walk {
    /// The paths given, still to visit.
    roots: std::collections::VecDeque<PathBuf>,
    /// The folder being walked (resolved), that no link may lead out of.
    tree: PathBuf,
    /// Sorted listings still to visit, each reversed so that `pop` is the next entry.
    stack: Vec<Vec<(PathBuf, Option<FileType>)>>,
    /// Folders entered and files given, by identity.
    seen: HashSet<Identity>,
    /// The folders given so far (resolved): a file given inside one was read already.
    trees: Vec<PathBuf>,
    /// Whether a file was given by name (files found in folders are then checked
    /// against `seen`, which costs a `stat` each).
    files_given: bool,
}

/// What makes a file or folder the same one under two names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &Metadata) -> Identity {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Walks `paths` lazily, in order: see the module docs.
pub fn walk(paths: &[PathBuf]) -> Walk {
    Walk {
        roots: paths.iter().cloned().collect(),
        tree: PathBuf::new(),
        stack: Vec::new(),
        seen: HashSet::new(),
        trees: Vec::new(),
        files_given: false,
    }
}

impl Walk {
    /// The files only, what is passed over left out: for callers that do not report it
    /// (a progress bar summing sizes, [`crate::sources::walk`]).
    pub fn files(self) -> impl Iterator<Item = Result<PathBuf, Error>> {
        self.filter_map(|w| match w {
            Walked::File(p) => Some(Ok(p)),
            Walked::Passed(..) => None,
            Walked::Failed(e) => Some(Err(e)),
        })
    }

    /// A path given by the user.
    fn root(&mut self, path: PathBuf) -> Option<Walked> {
        if path.as_os_str() == "-" {
            return Some(Walked::File(path));
        }
        let meta = match fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Walked::Failed(Error::Io(e).with_file(&path))),
        };
        let real = match fs::canonicalize(&path) {
            Ok(real) => real,
            Err(e) => return Some(Walked::Failed(Error::Io(e).with_file(&path))),
        };
        let in_tree =
            InputKind::from_path(&real).is_some() && self.trees.iter().any(|t| real.starts_with(t));
        if in_tree || !self.seen.insert(identity(&path, &meta)) {
            return Some(Walked::Passed(
                path,
                "given twice (or inside a folder given)",
            ));
        }
        if !meta.is_dir() {
            self.files_given = true;
            return Some(Walked::File(path));
        }
        self.trees.push(real.clone());
        self.tree = real;
        self.list(&path)
    }

    /// Pushes the sorted listing of a folder; an error if it cannot be listed.
    fn list(&mut self, dir: &Path) -> Option<Walked> {
        match fs::read_dir(dir) {
            Ok(entries) => {
                let mut children: Vec<(PathBuf, Option<FileType>)> = entries
                    .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
                    .collect();
                children.sort_by(|a, b| b.0.cmp(&a.0));
                self.stack.push(children);
                None
            }
            Err(e) => Some(Walked::Failed(Error::Io(e).with_file(dir))),
        }
    }

    /// An entry found in a folder.
    fn entry(&mut self, path: PathBuf, kind: Option<FileType>) -> Option<Walked> {
        let kind = match kind {
            Some(k) => k,
            None => match fs::symlink_metadata(&path) {
                Ok(m) => m.file_type(),
                Err(_) => return None, // vanished while walking
            },
        };
        if kind.is_symlink() {
            return self.link(path);
        }
        if kind.is_dir() {
            let meta = fs::metadata(&path).ok()?;
            if !self.seen.insert(identity(&path, &meta)) {
                return Some(Walked::Passed(path, "a folder already read"));
            }
            return self.list(&path);
        }
        InputKind::from_path(&path)?;
        if kind.is_file() {
            if self.files_given {
                let given = fs::metadata(&path).map(|m| self.seen.contains(&identity(&path, &m)));
                if given.unwrap_or(false) {
                    return Some(Walked::Passed(
                        path,
                        "given twice (or inside a folder given)",
                    ));
                }
            }
            Some(Walked::File(path))
        } else {
            Some(Walked::Passed(path, "not a regular file"))
        }
    }

    /// A symbolic link found in a folder.
    fn link(&mut self, path: PathBuf) -> Option<Walked> {
        let Ok(target) = fs::canonicalize(&path) else {
            return Some(Walked::Passed(path, "a broken symbolic link"));
        };
        if !target.starts_with(&self.tree) {
            return Some(Walked::Passed(
                path,
                "a symbolic link leading out of the folder: not followed",
            ));
        }
        let Ok(meta) = fs::metadata(&target) else {
            return Some(Walked::Passed(path, "a broken symbolic link"));
        };
        if meta.is_dir() {
            return Some(Walked::Passed(
                path,
                "a symbolic link to a folder: not followed (the folder is read at its own path)",
            ));
        }
        if !meta.is_file() {
            return InputKind::from_path(&path).map(|_| Walked::Passed(path, "not a regular file"));
        }
        if InputKind::from_path(&target).is_some() {
            // Read at its own path; a warning only when the link's name says it is a page.
            return InputKind::from_path(&path).map(|_| {
                Walked::Passed(
                    path,
                    "a symbolic link to a file read at its own path: not followed",
                )
            });
        }
        InputKind::from_path(&path).map(|_| Walked::File(path))
    }
}

impl Iterator for Walk {
    type Item = Walked;

    fn next(&mut self) -> Option<Walked> {
        loop {
            let Some(level) = self.stack.last_mut() else {
                let root = self.roots.pop_front()?;
                if let Some(w) = self.root(root) {
                    return Some(w);
                }
                continue;
            };
            let Some((path, kind)) = level.pop() else {
                self.stack.pop();
                continue;
            };
            if let Some(w) = self.entry(path, kind) {
                return Some(w);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("marsad-walk-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &Path, walk: Walk) -> Vec<String> {
        walk.map(|w| match w {
            Walked::File(p) => p.strip_prefix(dir).unwrap().display().to_string(),
            Walked::Passed(p, why) => format!(
                "passed {}: {}",
                p.strip_prefix(dir).unwrap().display(),
                why.split(':').next().unwrap()
            ),
            Walked::Failed(e) => format!("error: {}", e.to_string().contains("missing")),
        })
        .collect()
    }

    #[test]
    fn walks_folders_in_order_lazily() {
        let dir = temp("order");
        for f in [
            "b/2.txt",
            "b/1.html",
            "a.jsonl",
            "c.warc.gz",
            "skip.png",
            "b/c/3.txt",
        ] {
            let p = dir.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        let got = names(&dir, walk(&[dir.clone(), dir.join("missing")]));
        assert_eq!(
            got,
            [
                "a.jsonl",
                "b/1.html",
                "b/2.txt",
                "b/c/3.txt",
                "c.warc.gz",
                "error: true"
            ]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    /// The reproduction of issue 16: two loops (a relative link to the parent, an
    /// absolute link to the top) and a link out of the tree; each file once.
    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_links_out_of_the_tree_are_passed_over() {
        use std::os::unix::fs::symlink;
        let dir = temp("loop");
        let top = dir.join("loop");
        fs::create_dir_all(top.join("a")).unwrap();
        fs::write(top.join("a/page.txt"), "x").unwrap();
        fs::write(top.join("top.txt"), "x").unwrap();
        fs::write(dir.join("outside.txt"), "secret").unwrap();
        fs::write(dir.join("outside.dat"), "secret").unwrap();
        symlink("..", top.join("a/up")).unwrap();
        symlink(&top, top.join("a/abs")).unwrap();
        symlink(dir.join("outside.txt"), top.join("a/out.txt")).unwrap();
        symlink(dir.join("outside.dat"), top.join("a/out2.txt")).unwrap();
        symlink("page.txt", top.join("a/again.txt")).unwrap();
        fs::write(top.join("a/data.dat"), "x").unwrap();
        symlink("data.dat", top.join("a/data.txt")).unwrap();
        symlink("nowhere", top.join("a/broken.txt")).unwrap();
        // Given twice, and a folder inside one given.
        let got = names(
            &dir,
            walk(&[top.clone(), top.join("a"), top.join("top.txt")]),
        );
        assert_eq!(
            got,
            [
                "passed loop/a/abs: a symbolic link to a folder",
                "passed loop/a/again.txt: a symbolic link to a file read at its own path",
                "passed loop/a/broken.txt: a broken symbolic link",
                "loop/a/data.txt",
                "passed loop/a/out.txt: a symbolic link leading out of the folder",
                "passed loop/a/out2.txt: a symbolic link leading out of the folder",
                "loop/a/page.txt",
                "passed loop/a/up: a symbolic link to a folder",
                "loop/top.txt",
                "passed loop/a: given twice (or inside a folder given)",
                "passed loop/top.txt: given twice (or inside a folder given)",
            ]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_read() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let dir = temp("utf8");
        let name = OsStr::from_bytes(b"\xff\xfe-page.txt");
        fs::write(dir.join(name), "x").unwrap();
        let got: Vec<PathBuf> = walk(std::slice::from_ref(&dir))
            .filter_map(|w| match w {
                Walked::File(p) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(got, [dir.join(name)]);
        fs::remove_dir_all(dir).unwrap();
    }
}
