//! The page's code stays in pieces a reader can hold: no Rust file under `src/` longer than
//! [`MAX_FILE_LINES`] lines, no function (components included) longer than
//! [`MAX_FN_LINES`] lines from its `fn` line to its closing brace. A long `view!` becomes
//! named components; a long module becomes a folder of modules.
//!
//! The scan is plain text: a function starts on a line whose first word (after `pub`,
//! `pub(...)`, `const`, `async` or `unsafe`) is `fn`, and ends at the brace that closes its
//! body. Braces inside comments, strings (raw strings too) and character literals are skipped.

use std::path::{Path, PathBuf};

/// The longest a file may be, in lines.
const MAX_FILE_LINES: usize = 500;
/// The longest a function may be, in lines.
const MAX_FN_LINES: usize = 150;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The name of the function declared on `line`, if it declares one.
fn declared_fn(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    if let Some(after) = rest.strip_prefix("pub") {
        rest = after.trim_start();
        if rest.starts_with('(') {
            rest = &rest[rest.find(')')? + 1..];
        }
        rest = rest.trim_start();
    }
    for qualifier in ["const ", "async ", "unsafe "] {
        if let Some(after) = rest.strip_prefix(qualifier) {
            rest = after.trim_start();
        }
    }
    let rest = rest.strip_prefix("fn ")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The code of `text` with comments, strings and character literals blanked out (line breaks
/// kept), so that only the braces of the code remain.
fn code_only(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push(' ');
                    out.push(' ');
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push(' ');
                    out.push(' ');
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"..." or r#"..."#, with as many hashes at both ends.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.extend(chars[i..j.min(chars.len())].iter().map(|&c| blank(c)));
            i = j;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(chars.len());
            out.extend(chars[i..end].iter().map(|&c| blank(c)));
            i = end;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{7f}', '{'), or else a lifetime ('a).
            let end = if next == Some('\\') {
                chars[i + 2..].iter().position(|&c| c == '\'').map(|p| i + 2 + p + 1)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.extend(chars[i..end].iter().map(|&c| blank(c)));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the character before `i` continues an identifier (`for` in `r"`, `br"`...).
fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') && chars[i - 1] != 'b'
}

/// The functions of a file longer than the limit: (name, first line, lines).
fn long_functions(text: &str) -> Vec<(String, usize, usize)> {
    let code: String = code_only(text).into_iter().collect();
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = declared_fn(line) else { continue };
        // The body opens at the first `{` after the signature; a `;` first means no body.
        let mut depth = 0usize;
        let mut opened = false;
        let mut end = None;
        'scan: for (n, line) in lines.iter().enumerate().skip(start) {
            for c in line.chars() {
                match c {
                    ';' if !opened && depth == 0 => break 'scan,
                    '{' => {
                        opened = true;
                        depth += 1;
                    }
                    '}' if opened => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(n);
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(end) = end {
            let length = end - start + 1;
            if length > MAX_FN_LINES {
                found.push((name.to_owned(), start + 1, length));
            }
        }
    }
    found
}

#[test]
fn files_and_functions_stay_short() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 10, "src/ looks empty: {} files", files.len());
    let mut problems = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let shown = path.strip_prefix(root).unwrap_or(path).display();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            problems.push(format!("{shown}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        for (name, line, length) in long_functions(&text) {
            problems.push(format!("{shown}:{line}: fn {name} has {length} lines (at most {MAX_FN_LINES})"));
        }
    }
    assert!(problems.is_empty(), "split these into smaller pieces:\n{}", problems.join("\n"));
}

#[test]
fn the_scan_skips_braces_in_strings_comments_and_characters() {
    let text =
        "fn short() {\n    let a = \"}}}\";\n    let b = '}';\n    // }\n    /* } */\n    let c = r#\"}\"#;\n}\n";
    assert!(long_functions(text).is_empty());
    let body = "    let x = '{';\n".repeat(MAX_FN_LINES);
    let long = format!("pub(crate) fn long<'a>(s: &'a str) {{\n{body}}}\nfn after() {{}}\n");
    assert_eq!(long_functions(&long), vec![("long".to_owned(), 1, MAX_FN_LINES + 2)]);
    assert_eq!(declared_fn("    pub async fn go() {"), Some("go"));
    assert_eq!(declared_fn("    let f = fn_name();"), None);
}
