//! Import cycles between the files of one crate (issue 12): a file that uses something of
//! another file, which uses something of the first, makes two files one unit nobody can read or
//! change alone. A helper two files share belongs below both.
//!
//! The graph is read from the source text: every `crate::…`, `super::…` and `self::…` path
//! (inside `use` trees too) resolved to the file of the longest module prefix that has one. A
//! module's use of its own submodules is how a module is made of parts, not a cycle, so an edge
//! from a module into its own descendants is left out; a submodule's use of its parent is kept.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A crate's modules: module path (`["web", "customers"]`) to file, and back.
struct Modules {
    files: BTreeMap<Vec<String>, PathBuf>,
}

impl Modules {
    fn of(src: &Path, files: &[PathBuf]) -> Modules {
        let mut map = BTreeMap::new();
        for file in files {
            let Ok(relative) = file.strip_prefix(src) else { continue };
            let mut segments: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
            let last = segments.pop().unwrap_or_default();
            match last.as_str() {
                "lib.rs" | "main.rs" | "mod.rs" => {}
                other => segments.push(other.trim_end_matches(".rs").to_owned()),
            }
            map.insert(segments, file.clone());
        }
        Modules { files: map }
    }

    /// The module (with a file) a path points into: the longest prefix that is one.
    fn resolve(&self, path: &[String]) -> Option<&Vec<String>> {
        (0..=path.len()).rev().find_map(|n| self.files.get_key_value(&path[..n]).map(|(module, _)| module))
    }
}

/// The paths a file names: `crate::a::b` and the leaves of `use` trees, as segments after the
/// first (`crate`, `super` or `self`), which is kept as the first segment.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = 0;
    while at < bytes.len() {
        let rest = &text[at..];
        let starts = ["crate::", "super::", "self::"].iter().find(|prefix| rest.starts_with(**prefix));
        let boundary = at == 0 || !is_ident(bytes[at - 1]) && bytes[at - 1] != b':';
        match starts {
            Some(prefix) if boundary => {
                let head = prefix.trim_end_matches("::").to_owned();
                let (found, used) = use_tree(&text[at + prefix.len()..], vec![head]);
                paths.extend(found);
                at += prefix.len() + used;
            }
            _ => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    paths
}

/// Reads a path or a `{…}` tree after `prefix::`; the leaf paths and how many bytes were read.
fn use_tree(text: &str, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b'{') {
        let mut out = Vec::new();
        let mut at = 1;
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
                at += 1;
            }
            if at >= bytes.len() || bytes[at] == b'}' {
                return (out, at + 1);
            }
            let (found, used) = use_tree(&text[at..], prefix.clone());
            out.extend(found);
            at += used.max(1);
        }
    }
    let mut path = prefix;
    let mut at = 0;
    loop {
        let start = at;
        while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
            at += 1;
        }
        if at > start {
            path.push(text[start..at].to_owned());
        }
        if text[at..].starts_with("::{") {
            let (found, used) = use_tree(&text[at + 2..], path);
            return (found, at + 2 + used);
        }
        if text[at..].starts_with("::") && at > start {
            at += 2;
            continue;
        }
        return (vec![path], at);
    }
}

/// The absolute module path a named path means in `module`.
fn absolute(module: &[String], path: &[String]) -> Vec<String> {
    let (head, rest) = path.split_first().expect("a named path has a head");
    // `self` is the module itself; `super` its parent.
    let mut base: Vec<String> = match head.as_str() {
        "crate" => Vec::new(),
        _ => module.to_vec(),
    };
    let mut rest = rest;
    if head == "super" {
        base.pop();
        while rest.first().map(String::as_str) == Some("super") {
            base.pop();
            rest = &rest[1..];
        }
    }
    base.extend(rest.iter().cloned());
    base
}

/// Every cycle of files in the crate whose sources are under `src`: each as its files, sorted.
pub fn cycles(src: &Path, files: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let modules = Modules::of(src, files);
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules.files {
        let Ok(text) = std::fs::read_to_string(file) else { continue };
        // Tests inside a file use what they test; they are not the file's imports.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for path in named_paths(text) {
            let target = absolute(module, &path);
            let Some(target) = modules.resolve(&target) else { continue };
            // Into itself or its own parts: how a module is built, not a dependency.
            if target.starts_with(module) {
                continue;
            }
            edges.entry(module.clone()).or_default().insert(target.clone());
        }
    }
    strongly_connected(&edges)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| {
            let mut files: Vec<PathBuf> = component.iter().map(|module| modules.files[module].clone()).collect();
            files.sort();
            files
        })
        .collect()
}

/// Tarjan's strongly connected components.
fn strongly_connected(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct State<'a> {
        edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        next: usize,
        out: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a Vec<String>) {
        state.index.insert(node, state.next);
        state.low.insert(node, state.next);
        state.next += 1;
        state.stack.push(node);
        state.on_stack.insert(node);
        if let Some(targets) = state.edges.get(node) {
            for target in targets {
                if !state.index.contains_key(target) {
                    visit(state, target);
                    let low = state.low[node].min(state.low[target]);
                    state.low.insert(node, low);
                } else if state.on_stack.contains(target) {
                    let low = state.low[node].min(state.index[target]);
                    state.low.insert(node, low);
                }
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(top);
                component.push(top.clone());
                if top == node {
                    break;
                }
            }
            state.out.push(component);
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    let nodes: BTreeSet<&Vec<String>> = edges.keys().chain(edges.values().flatten()).collect();
    for node in nodes {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|part| (*part).to_owned()).collect()
    }

    #[test]
    fn paths_are_read_from_use_trees_and_code() {
        let text = "use crate::{a::{B, c::D}, e};\nuse super::f::G;\nfn x() { crate::h::i(); let _ = self::j::K; }";
        let paths = named_paths(text);
        for expected in [
            strings(&["crate", "a", "B"]),
            strings(&["crate", "a", "c", "D"]),
            strings(&["crate", "e"]),
            strings(&["super", "f", "G"]),
            strings(&["crate", "h", "i"]),
            strings(&["self", "j", "K"]),
        ] {
            assert!(paths.contains(&expected), "{expected:?} in {paths:?}");
        }
    }

    #[test]
    fn a_cycle_between_siblings_is_found_and_a_parent_using_its_child_is_not() {
        let dir = std::env::temp_dir().join(format!("strongroom-cycles-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("web")).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write("lib.rs", "mod web;\nmod state;\nuse crate::web::routes;\n");
        write("state.rs", "use crate::web::Jobs;\n");
        write("web/mod.rs", "mod a;\nmod b;\nuse crate::state::State;\npub fn routes() { a::x(); }\n");
        write("web/a.rs", "use super::b::Y;\nuse super::routes;\n");
        write("web/b.rs", "use super::a::X;\n");
        let files: Vec<PathBuf> = ["lib.rs", "state.rs", "web/mod.rs", "web/a.rs", "web/b.rs"].iter().map(|name| dir.join(name)).collect();
        let found = cycles(&dir, &files);
        let _ = std::fs::remove_dir_all(&dir);
        let names: Vec<Vec<String>> =
            found.iter().map(|cycle| cycle.iter().map(|file| file.strip_prefix(&dir).unwrap().display().to_string()).collect()).collect();
        assert!(names.contains(&vec!["state.rs".to_owned(), "web/mod.rs".to_owned()]), "{names:?}");
        assert!(names.contains(&vec!["web/a.rs".to_owned(), "web/b.rs".to_owned()]), "{names:?}");
        assert_eq!(names.len(), 2, "a module using its own parts is no cycle: {names:?}");
    }
}
