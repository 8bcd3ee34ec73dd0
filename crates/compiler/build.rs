//! Embeds the player's word catalogues (`assets/i18n/<tag>.toml`, every file there) into
//! the compiler, which puts the course language's words into each compiled course: adding a
//! language is adding a file.

use std::path::Path;

fn main() {
    // Read at run time, never `env!`: cargo reuses a compiled build script across checkouts
    // of the same commit, and `env!` would keep the path of the checkout that compiled it
    // (a deleted one gave an author tool with no words at all, silently).
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("../../assets/i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the player's word catalogues: {}: {e}", dir.display()));
    let mut files: Vec<(String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let tag = path
                .file_name()?
                .to_str()?
                .strip_suffix(".toml")?
                .to_string();
            println!("cargo:rerun-if-changed={}", path.display());
            Some((tag, path))
        })
        .map(|(tag, path)| {
            let path = path
                .canonicalize()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (tag, path.display().to_string())
        })
        .collect();
    // English is every other language's fallback: without it, no course has words.
    if !files.iter().any(|(tag, _)| tag == "en") {
        panic!(
            "{}: no en.toml (the catalogue every language falls back to)",
            dir.display()
        );
    }
    files.sort();
    let mut out = String::from("/// The word catalogues: (language tag, TOML text).\npub const CATALOGUES: &[(&str, &str)] = &[\n");
    for (tag, path) in files {
        out.push_str(&format!("    ({tag:?}, include_str!({path:?})),\n"));
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
