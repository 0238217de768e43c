//! Issue 15 item 2: no path or shell assumption in the Rust sources that only holds on Linux. The users run
//! the window on Windows and macOS; CI here runs Linux only, so this test reads every `.rs` file of the
//! workspace (the shell, kos-core, kos-bench, their tests and examples) and fails on what would work here and
//! break there:
//! - a path built as a string with a separator (`format!("{dir}/{name}")` handed to `Path`/`PathBuf`/`join`,
//!   or a literal `join("a/b")`): use `Path::join` one component at a time;
//! - a database path pasted into a `sqlite://` URL: sqlx percent-decodes it and cuts it at `?`, so a folder
//!   such as `C:\Users\李%20\` or `张#?` opens another file; use `SqliteConnectOptions::filename(path)`;
//! - a Unix location (`/tmp`, `/home`, `/proc`, `~/` …): use `std::env::temp_dir()`, the `directories` crate,
//!   or a folder the caller passes;
//! - the user's folders from the environment (`HOME`, `USER`, `XDG_*`, `TMPDIR`): Windows has none of them;
//! - a Unix shell or opener (`sh`, `bash`, `/bin/…`, `xdg-open`);
//! - `std::os::unix` / `libc` outside a `#[cfg(unix)]`-like attribute.
//!
//! A hit under a `#[cfg(...)]` naming the OS (`unix`, `target_os`, `windows`) within the few lines above is
//! that OS's own branch and allowed. The few remaining exceptions are listed in `ALLOWED` with the reason;
//! an entry that no longer matches anything fails too, so the list cannot rot. `the_checks_catch_planted_
//! violations` proves each rule fires.

use std::path::{Path, PathBuf};

/// One finding: file, 1-based line, the rule, the line.
#[derive(Debug)]
struct Hit {
    file: String,
    line: usize,
    rule: &'static str,
    text: String,
}

/// (file path relative to the workspace root, a fragment of the offending line, why it stays)
const ALLOWED: &[(&str, &str, &str)] = &[(
    "src-tauri/kos-core/src/service/files.rs",
    "\"/tmp/",
    "the grant table's unit test: the strings are what a token stands for and are never opened",
)];

/// The rules: each returns its name when the (comment-free) line breaks it.
fn rules_broken(code: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let has_separator_format = |s: &str| {
        // a format string with a separator next to a placeholder: "{}/{}", "{dir}/x", "x/{name}", "{a}\\{b}"
        s.find("format!(").is_some_and(|i| {
            let rest = &s[i..];
            let lit = rest.split('"').nth(1).unwrap_or("");
            !lit.contains("://")
                && (lit.contains("}/") || lit.contains("/{") || lit.contains("}\\\\") || lit.contains("\\\\{"))
        })
    };
    // (not `.push(`: a Vec's push is as common as a PathBuf's; zip member names inside an XLSX use '/' on every OS)
    let path_sink = ["Path::new(", "PathBuf::from(", ".join(", "fs::", "File::", "OpenOptions", "temp_dir"];
    if has_separator_format(code) && path_sink.iter().any(|s| code.contains(s)) {
        out.push("path built as a string with a separator");
    }
    for call in [".join(\"", "Path::new(\"", "PathBuf::from(\""] {
        if let Some(i) = code.find(call) {
            let lit = code[i + call.len()..].split('"').next().unwrap_or("");
            // a relative literal with a separator inside: two or more components in one string
            if !lit.starts_with('/') && (lit.trim_end_matches('/').contains('/') || lit.contains("\\\\")) {
                out.push("literal path with a separator");
            }
        }
    }
    if code.contains("\"sqlite://{") || code.contains("\"sqlite:{") {
        out.push("database path pasted into a sqlite:// URL");
    }
    for loc in ["\"/tmp", "\"/home/", "\"/usr/", "\"/etc/", "\"/var/", "\"/proc/", "\"/dev/", "\"/run/", "\"~/"] {
        if code.contains(loc) {
            out.push("Unix location");
            break;
        }
    }
    for var in ["\"HOME\"", "\"USER\"", "\"TMPDIR\"", "\"XDG_"] {
        if (code.contains("var(") || code.contains("var_os(")) && code.contains(var) {
            out.push("user folder from the environment");
            break;
        }
    }
    for shell in ["\"sh\"", "\"bash\"", "\"/bin/", "\"xdg-open\"", "\"/usr/bin/"] {
        if code.contains("Command::new(") && code.contains(shell) {
            out.push("Unix shell or opener");
            break;
        }
    }
    if code.contains("std::os::unix") || code.contains("std::os::linux") || code.contains("libc::") {
        out.push("Unix-only API");
    }
    out
}

/// The line without a trailing `//` comment (outside string literals) and without doc/line comments.
fn code_of(line: &str) -> &str {
    let t = line.trim_start();
    if t.starts_with("//") {
        return "";
    }
    let mut in_str = false;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        if c == '"' && prev != '\\' {
            in_str = !in_str;
        }
        if !in_str && c == '/' && prev == '/' {
            return &line[..i - 1];
        }
        prev = if prev == '\\' && c == '\\' { ' ' } else { c };
    }
    line
}

/// Whether a `#[cfg(...)]` naming an OS stands within the 6 lines above (that OS's own branch).
fn os_gated(lines: &[&str], at: usize) -> bool {
    lines[at.saturating_sub(6)..at].iter().any(|l| {
        let l = l.trim();
        l.starts_with("#[cfg(") && ["unix", "target_os", "windows"].iter().any(|os| l.contains(os))
    })
}

fn check_text(file: &str, text: &str) -> Vec<Hit> {
    let lines: Vec<&str> = text.lines().collect();
    let mut hits = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let broken = rules_broken(code_of(line));
        if broken.is_empty() || os_gated(&lines, i) {
            continue;
        }
        for rule in broken {
            hits.push(Hit { file: file.to_string(), line: i + 1, rule, text: line.trim().to_string() });
        }
    }
    hits
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "target" && name != "node_modules" && !name.starts_with('.') {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

fn workspace_hits() -> (usize, Vec<Hit>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src-tauri"), &mut files);
    rust_files(&root.join("tests"), &mut files);
    // this file quotes every pattern it looks for
    files.retain(|f| !f.ends_with(Path::new("tests").join("portable.rs")));
    let mut hits = Vec::new();
    for f in &files {
        let rel: Vec<String> = f
            .strip_prefix(root)
            .expect("under the root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        hits.extend(check_text(&rel.join("/"), &text));
    }
    (files.len(), hits)
}

fn allowed(hit: &Hit) -> bool {
    ALLOWED.iter().any(|(file, fragment, _)| hit.file == *file && hit.text.contains(fragment))
}

#[test]
fn issue15_no_linux_only_path_or_shell_assumption_in_the_rust_sources() {
    let (files, hits) = workspace_hits();
    assert!(files > 100, "the walk found only {files} .rs files");
    let bad: Vec<String> =
        hits.iter().filter(|h| !allowed(h)).map(|h| format!("{}:{}: {}: {}", h.file, h.line, h.rule, h.text)).collect();
    assert!(bad.is_empty(), "Linux-only assumptions (see tests/portable.rs for the portable way):\n{}", bad.join("\n"));
    for (file, fragment, why) in ALLOWED {
        assert!(
            hits.iter().any(|h| h.file == *file && h.text.contains(fragment)),
            "ALLOWED entry no longer matches anything, remove it: {file} `{fragment}` ({why})"
        );
    }
}

#[test]
fn issue15_the_checks_catch_planted_violations() {
    let planted = [
        ("let p = PathBuf::from(format!(\"{}/{}\", dir, name));", "path built as a string with a separator"),
        ("let p = base.join(format!(\"{stamp}/kos.db\"));", "path built as a string with a separator"),
        ("std::fs::write(format!(\"{dir}\\\\{name}\"), b)?;", "path built as a string with a separator"),
        ("let p = root.join(\"tests/e2e/fixtures\");", "literal path with a separator"),
        ("let url = format!(\"sqlite://{}?mode=ro\", path.display());", "database path pasted into a sqlite:// URL"),
        ("let dir = Path::new(\"/tmp/kos\");", "Unix location"),
        ("let home = std::env::var(\"HOME\").unwrap();", "user folder from the environment"),
        ("let d = std::env::var_os(\"XDG_DATA_HOME\");", "user folder from the environment"),
        ("Command::new(\"xdg-open\").arg(p).spawn()?;", "Unix shell or opener"),
        ("Command::new(\"sh\").args([\"-c\", cmd]);", "Unix shell or opener"),
        ("use std::os::unix::fs::PermissionsExt;", "Unix-only API"),
    ];
    for (line, rule) in planted {
        let hits = check_text("planted.rs", &format!("fn f() {{\n    {line}\n}}\n"));
        assert!(hits.iter().any(|h| h.rule == rule && h.line == 2), "`{line}` not caught as {rule}: {hits:?}");
    }
    // and what is portable passes: the platform's path functions, URLs, counters, an OS's own branch, comments
    for line in [
        "let p = dir.join(\"data\").join(format!(\"kos-{}.db\", id));",
        "let p = std::env::temp_dir().join(format!(\"kos-bench-{}\", std::process::id()));",
        "let u = format!(\"http://kosproof.localhost/{id}\");",
        "let shown = format!(\"已使用 {used}/{cap} 个\");",
        "let opts = SqliteConnectOptions::new().filename(path);",
        "// the key file lives in ~/.config/kos-desk/ on Linux",
        "let n = x / 2; // a/b",
    ] {
        let hits = check_text("fine.rs", &format!("fn f() {{\n    {line}\n}}\n"));
        assert!(hits.is_empty(), "`{line}` flagged: {hits:?}");
    }
    let gated = "#[cfg(unix)]\n{\n    use std::os::unix::fs::PermissionsExt;\n}\n";
    assert!(check_text("gated.rs", gated).is_empty());
}
