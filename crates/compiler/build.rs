//! Embeds the player's word catalogues (`assets/i18n/<tag>.toml`, every file there) into
//! the compiler, which puts the course language's words into each compiled course: adding a
//! language is adding a file.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/i18n");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let path = e.path();
                    let tag = path
                        .file_name()?
                        .to_str()?
                        .strip_suffix(".toml")?
                        .to_string();
                    println!("cargo:rerun-if-changed={}", path.display());
                    Some((tag, path.canonicalize().ok()?.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
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
