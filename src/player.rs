//! The player's build: the learner's app and the instructor's results page, from their
//! crates (crates/player, crates/results) to the files every site is assembled from. It
//! does not depend on any course: built once, it plays any compiled course, and a content
//! edit never rebuilds it (`ensure` rebuilds only when the player's own sources change).
//!
//! The steps, as cargo-leptos runs them, with the tools as libraries pinned once in
//! Cargo.lock:
//! 1. cargo builds both apps for wasm32, linked with `--emit-relocs` (the splitter moves
//!    functions by their relocations). Release builds rebuild std with
//!    `panic=immediate-abort` (no panic formatting, unwinding or location strings reach
//!    the learner: about 14 KB brotli, 7 %); those unstable flags apply to this wasm build
//!    only, never to the author tool.
//! 2. `wasm_split_cli_support` cuts the learner's wasm into the main module, one chunk per
//!    rarely opened page (crates/player/src/chunks.rs) and their loader, `__wasm_split.js`
//!    (and the instructor's likewise: crates/results/src/parts.rs),
//!    which is then made to accept a chunk served with any Content-Type (`patch_loader`).
//! 3. `wasm-bindgen-cli-support` writes the JS glue (keeping the linker's exports that the
//!    chunks import).
//! 4. Release builds: binaryen's `wasm-opt -Oz` on every wasm file (npm `binaryen`: Debian's
//!    older wasm-opt corrupts the wasm).
//! 5. Output, one folder per profile (`target/player/<profile>/`): `app-<hash>/` (the
//!    learner's app, named by its content so that a new version never mixes with an old one
//!    in a cache), `results/<hash>/` (the instructor's page, split the same way: its class
//!    view and its LRS form are chunks), `lrs/course-lrs-<hash>{.js,_bg.wasm}` (not split)
//!    and `player.json`, which names them and the sources they were built from.

use anyhow::{anyhow, bail, Context};
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace the tool was built in: the player's sources, when they are there.
pub const WORKSPACE: &str = env!("CARGO_MANIFEST_DIR");

/// The version of wasm-bindgen the glue writer is (Cargo.toml pins it once, with `=`).
const WASM_BINDGEN: &str = "0.2.130";
/// The split runtime the player is compiled with (leptos's `wasm_split_helpers`) and the
/// splitter (`wasm_split_cli_support`) must agree on the split's format; these are the
/// versions this build was made with and checked against (Cargo.lock, `check_versions`).
const SPLIT_RUNTIME: &str = "0.2.3";
const SPLITTER: &str = "0.2.4";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Profile {
    Debug,
    Release,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Debug => "debug",
            Profile::Release => "release",
        }
    }
}

pub use course_site::{hex, Player};

/// The sources a built player was built from (`sources_hash`), if its `player.json` says.
fn built_from(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join("player.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["sources"].as_str().map(str::to_string)
}

/// Where a profile's player is built, in the tool's workspace.
pub fn default_dir(profile: Profile) -> PathBuf {
    Path::new(WORKSPACE)
        .join("target/player")
        .join(profile.name())
}

/// The player to assemble sites from, when none is named: the one this tool carries (a
/// standalone build, `embedded`), else its checkout's, built first if its sources changed
/// (`ensure`).
pub fn locate(profile: Profile) -> anyhow::Result<Player> {
    if let Some(dir) = crate::embedded::player()? {
        if profile == Profile::Debug {
            bail!("this course-engine carries the release player only; the player's debug build is made in the tool's checkout");
        }
        return Player::read(&dir);
    }
    if !in_checkout() {
        bail!(
            "this course-engine carries no player, and the checkout it was built in ({WORKSPACE}) \
             is gone: use a standalone course-engine (made in the checkout with \
             `course-engine player --standalone FILE`), or name a built player with --player DIR"
        );
    }
    ensure(&default_dir(profile), profile)
}

/// Whether this tool's checkout, with the player's sources, is still where it was built.
pub fn in_checkout() -> bool {
    Path::new(WORKSPACE)
        .join("crates/player/Cargo.toml")
        .exists()
}

/// The player in `dir` if it is up to date with the checkout's sources, else built there
/// first.
pub fn ensure(dir: &Path, profile: Profile) -> anyhow::Result<Player> {
    let root = Path::new(WORKSPACE);
    let sources = sources_hash(root, profile)?;
    if built_from(dir).as_deref() != Some(sources.as_str()) || Player::read(dir).is_err() {
        build(root, dir, profile, &sources)?;
    }
    refresh_shell(root, dir)?;
    Player::read(dir)
}

/// The pages' templates, the styles, icons and SCORM schemas: course-independent files of
/// the player that are not compiled, copied into its `shell/` (so that a player built here
/// can be used without this workspace). Copied afresh every time: an edit to the styles
/// needs no wasm build.
const SHELL: [&str; 21] = [
    "index.html",
    "assets/app.css",
    "assets/results.html",
    "assets/print.html",
    "assets/search-dialog.html",
    "assets/search.js",
    "assets/search.css",
    "assets/sw.js",
    "assets/live.js",
    "assets/sw-serve.js",
    "assets/templates/app-script.html",
    "assets/templates/learner-form.html",
    "assets/templates/languages.html",
    "assets/icon.svg",
    "assets/icon-192.png",
    "assets/icon-512.png",
    "assets/scorm12/imscp_rootv1p1p2.xsd",
    "assets/scorm12/adlcp_rootv1p2.xsd",
    "assets/scorm12/imsmd_rootv1p2p1.xsd",
    "assets/scorm12/ims_xml.xsd",
    "assets/scorm12/README.md",
];

fn refresh_shell(root: &Path, dir: &Path) -> anyhow::Result<()> {
    for file in SHELL {
        let from = root.join(file);
        let to = dir
            .join("shell")
            .join(file.strip_prefix("assets/").unwrap_or(file));
        let bytes = fs::read(&from).map_err(io(&from))?;
        if fs::read(&to).ok().as_deref() != Some(bytes.as_slice()) {
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io(parent))?;
            }
            fs::write(&to, bytes).map_err(io(&to))?;
        }
    }
    Ok(())
}

/// A hash of everything the player is built from: its crates, the lock file, the root
/// manifest (the release profile) and the profile.
fn sources_hash(root: &Path, profile: Profile) -> anyhow::Result<String> {
    let mut files = Vec::new();
    for krate in ["core", "web", "player", "results", "lrs"] {
        walk(&root.join("crates").join(krate), &mut files)
            .context("reading the player's sources")?;
    }
    files.push(root.join("Cargo.lock"));
    files.push(root.join("Cargo.toml"));
    files.sort();
    let mut h = Sha256::new();
    h.update(profile.name());
    for f in &files {
        let bytes = fs::read(f).map_err(io(f))?;
        h.update(
            f.strip_prefix(root)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(hex(&h.finalize()[..8]))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs" || e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// A content hash for file names: the first 16 hex digits of the sha256 of `parts`.
fn content_hash(parts: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    hex(&h.finalize()[..8])
}

/// The versions this build relies on, as Cargo.lock has them: wasm-bindgen (the crate in
/// the wasm and the glue writer here must be the same), and the split runtime with the
/// splitter.
fn check_versions(root: &Path) -> anyhow::Result<()> {
    let lock = fs::read_to_string(root.join("Cargo.lock")).context("Cargo.lock")?;
    let version_of = |name: &str| -> Vec<String> {
        let needle = format!("name = \"{name}\"\nversion = \"");
        lock.match_indices(&needle)
            .filter_map(|(at, _)| {
                lock[at + needle.len()..]
                    .split('"')
                    .next()
                    .map(str::to_string)
            })
            .collect()
    };
    for (name, want) in [
        ("wasm-bindgen", WASM_BINDGEN),
        ("wasm-bindgen-cli-support", WASM_BINDGEN),
        ("wasm_split_helpers", SPLIT_RUNTIME),
        ("wasm_split_cli_support", SPLITTER),
    ] {
        let have = version_of(name);
        if have != [want] {
            bail!(
                "Cargo.lock has {name} {}, and the player's build is made for {want} (src/player.rs): \
                 the split runtime, the splitter and the glue must be updated together",
                if have.is_empty() { "nowhere".to_string() } else { have.join(", ") }
            );
        }
    }
    Ok(())
}

/// A wasm bundle that is not split (`krate`'s binary): relocations dropped, JS glue,
/// optimised, named by content in `folder`. Its script's and wasm's paths in the player.
fn bundle(
    root: &Path,
    target: &Path,
    tmp: &Path,
    krate: &str,
    folder: &str,
    profile: Profile,
) -> anyhow::Result<(String, String)> {
    let input = target.join(format!("{krate}.wasm"));
    let stripped = tmp.join(format!("{krate}.wasm"));
    let wasm = fs::read(&input).map_err(io(&input))?;
    fs::write(&stripped, strip_relocs(&wasm).map_err(anyhow::Error::msg)?)
        .map_err(io(&stripped))?;
    let glue = tmp.join(format!("{krate}-glue"));
    bindgen(&stripped, krate, false, &glue)?;
    let (js, bg) = (
        glue.join(format!("{krate}.js")),
        glue.join(format!("{krate}_bg.wasm")),
    );
    if profile == Profile::Release {
        wasm_opt(root, &bg)?;
    }
    let (js_bytes, bg_bytes) = (
        fs::read(&js).map_err(io(&js))?,
        fs::read(&bg).map_err(io(&bg))?,
    );
    let hash = content_hash(&[&js_bytes, &bg_bytes]);
    let js_path = format!("{folder}/{krate}-{hash}.js");
    let wasm_path = format!("{folder}/{krate}-{hash}_bg.wasm");
    fs::create_dir_all(tmp.join(folder)).map_err(io(tmp))?;
    fs::write(tmp.join(&js_path), js_bytes).map_err(io(tmp))?;
    fs::write(tmp.join(&wasm_path), bg_bytes).map_err(io(tmp))?;
    let _ = fs::remove_dir_all(&glue);
    let _ = fs::remove_file(&stripped);
    Ok((js_path, wasm_path))
}

fn build(root: &Path, dir: &Path, profile: Profile, sources: &str) -> anyhow::Result<()> {
    check_versions(root)?;
    let started = std::time::Instant::now();
    eprintln!(
        "player: building the learner's app and the results page ({})",
        profile.name()
    );
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.current_dir(root).args([
        "build",
        "--quiet",
        "--locked",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "course-player",
        "-p",
        "course-results",
        "-p",
        "course-lrs",
        "--features",
        "course-player/chunks,course-results/chunks",
    ]);
    let mut flags = String::from("-Clink-arg=--emit-relocs");
    if profile == Profile::Release {
        cargo.arg("--release");
        cargo.env("RUSTC_BOOTSTRAP", "1");
        cargo.env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort");
        flags = format!("-Zunstable-options -Cpanic=immediate-abort {flags}");
    }
    cargo.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flags);
    let status = cargo.status().context("cannot run cargo")?;
    if !status.success() {
        bail!("the player's wasm did not compile (cargo's messages above)");
    }
    let target = root
        .join("target/wasm32-unknown-unknown")
        .join(profile.name());

    let tmp = dir.with_extension("new");
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(io(&tmp))?;

    // 1. The learner's app and the instructor's page: split, glue, optimise, named by
    // content.
    let app = split_bundle(
        root,
        &target,
        &tmp,
        "course-player",
        "player",
        profile,
        |hash| format!("app-{hash}"),
    )?;
    let results = split_bundle(
        root,
        &target,
        &tmp,
        "course-results",
        "results",
        profile,
        |hash| format!("results/{hash}"),
    )?;
    let (results_js, results_wasm) = (
        format!("{results}/results.js"),
        format!("{results}/results_bg.wasm"),
    );

    // 2. The LRS reporter: not split, so the linker's relocations go first (about 1 MB).
    let (lrs_js, lrs_wasm) = bundle(root, &target, &tmp, "course-lrs", "lrs", profile)?;

    let manifest = serde_json::json!({
        "app": app, "results_js": results_js, "results_wasm": results_wasm,
        "lrs_js": lrs_js, "lrs_wasm": lrs_wasm,
        "profile": profile.name(), "sources": sources,
    });
    fs::write(tmp.join("player.json"), format!("{manifest:#}\n")).map_err(io(&tmp))?;
    // Swapped in whole: a site is never assembled from half a player.
    let _ = fs::remove_dir_all(dir);
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    fs::rename(&tmp, dir).map_err(io(dir))?;
    eprintln!(
        "player: {app}/ and {results_js} in {} ({:.1} s)",
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A wasm app split at its `wasm_split` points (`krate`'s binary): the main module
/// (`{name}.js`, `{name}_bg.wasm`), one chunk per split point and the chunks' loader
/// (`__wasm_split.js`, made to accept a chunk served with any Content-Type), optimised, in
/// a folder named by their content (`folder(hash)`, in `tmp`), so that a new version never
/// mixes with an old one in a cache. Returns the folder.
fn split_bundle(
    root: &Path,
    target: &Path,
    tmp: &Path,
    krate: &str,
    name: &str,
    profile: Profile,
    folder: impl Fn(&str) -> String,
) -> anyhow::Result<String> {
    let input = target.join(format!("{krate}.wasm"));
    let wasm = fs::read(&input).map_err(io(&input))?;
    let split = tmp.join(format!("split-{name}"));
    let out = tmp.join(format!("{name}-new"));
    fs::create_dir_all(&out).map_err(io(&out))?;
    let main_wasm = split.join(format!("{name}.wasm"));
    {
        let main_module = format!("./{name}.js");
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = &split;
        opts.main_out_path = &main_wasm;
        opts.main_module = &main_module;
        opts.target.web();
        wasm_split_cli_support::transform(opts)
            .map_err(|e| anyhow!("splitting {krate}'s wasm: {e}"))?;
    }
    let loader = split.join("__wasm_split.js");
    let source = fs::read_to_string(&loader).map_err(io(&loader))?;
    fs::write(
        out.join("__wasm_split.js"),
        patch_loader(&source).map_err(anyhow::Error::msg)?,
    )
    .map_err(io(&out))?;
    bindgen(&main_wasm, name, true, &out)?;
    for entry in fs::read_dir(&split).map_err(io(&split))? {
        let path = entry.map_err(io(&split))?.path();
        if path.extension().is_some_and(|e| e == "wasm") && path != main_wasm {
            let to = out.join(path.file_name().unwrap_or_default());
            fs::rename(&path, &to).map_err(io(&path))?;
        }
    }
    let _ = fs::remove_dir_all(&split);
    let mut files: Vec<PathBuf> = fs::read_dir(&out)
        .map_err(io(&out))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    if profile == Profile::Release {
        for f in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "wasm"))
        {
            wasm_opt(root, f)?;
        }
    }
    let contents: Vec<Vec<u8>> = files
        .iter()
        .map(|f| fs::read(f).unwrap_or_default())
        .collect();
    let hash = content_hash(&contents.iter().map(Vec::as_slice).collect::<Vec<_>>());
    let folder = folder(&hash);
    let to = tmp.join(&folder);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    fs::rename(&out, &to).map_err(io(&out))?;
    Ok(folder)
}

fn io(p: &Path) -> impl Fn(std::io::Error) -> anyhow::Error + '_ {
    move |e| anyhow::Error::new(e).context(p.display().to_string())
}

fn bindgen(input: &Path, name: &str, keep_lld_exports: bool, out: &Path) -> anyhow::Result<()> {
    // As the wasm-bindgen CLI sets them by default, so the glue is the CLI's.
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .out_name(name)
        .web(true)
        .map_err(|e| anyhow!("{e}"))?
        .typescript(false)
        .demangle(true)
        .omit_default_module_path(false)
        .keep_lld_exports(keep_lld_exports)
        .generate(out)
        .map_err(|e| anyhow!("wasm-bindgen on {}: {e}", input.display()))
}

fn wasm_opt(root: &Path, file: &Path) -> anyhow::Result<()> {
    let tool = root.join("node_modules/.bin/wasm-opt");
    let out = file.with_extension("opt.wasm");
    let status = Command::new(&tool)
        .arg("-Oz")
        .arg(file)
        .arg("-o")
        .arg(&out)
        .status()
        .with_context(|| {
            format!(
                "cannot run {} (scripts/setup.sh installs it: npm binaryen)",
                tool.display()
            )
        })?;
    if !status.success() {
        bail!("wasm-opt failed on {}", file.display());
    }
    fs::rename(&out, file).map_err(io(file))
}

/// The chunk loader that the splitter writes calls `WebAssembly.instantiateStreaming`,
/// which refuses any response not labelled `application/wasm`. Many LMSs and older servers
/// label `.wasm` as `application/octet-stream` (Moodle's file-type list has no entry for it),
/// and every chunk would then fail to load. Each such call goes through
/// `__instantiateAnyType` instead: streaming when the response says `application/wasm`,
/// otherwise compiling the same response's bytes (still one download). An HTTP error stays
/// an error, so the page's "Try again" still applies. A loader without the call is an error,
/// not a silently unpatched loader.
pub fn patch_loader(source: &str) -> Result<String, String> {
    const CALL: &str = "WebAssembly.instantiateStreaming(";
    let count = source.matches(CALL).count();
    if count == 0 || source.contains("__instantiateAnyType") {
        return Err(format!(
            "the split loader has {count} calls to {CALL}...) {}",
            if count > 0 {
                "and is already patched"
            } else {
                "(has wasm_split_cli_support changed its loader?)"
            }
        ));
    }
    const HELPER: &str = r#"// Added by the player's build (src/player.rs): load a chunk whatever Content-Type it is served with.
async function __instantiateAnyType(source, imports) {
    const response = await source;
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    const type = (response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
"#;
    // Appended: a function declaration is hoisted, so the loaders above can call it.
    Ok(format!(
        "{}\n{HELPER}",
        source.replace(CALL, "__instantiateAnyType(")
    ))
}

/// A wasm module without the linker's `linking` and `reloc.*` custom sections.
pub fn strip_relocs(wasm: &[u8]) -> Result<Vec<u8>, String> {
    if wasm.len() < 8 || wasm[..4] != *b"\0asm" {
        return Err("not a wasm module".into());
    }
    let leb = |at: &mut usize| -> Result<usize, String> {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = *wasm.get(*at).ok_or("the wasm is truncated")?;
            *at += 1;
            value |= ((byte & 0x7f) as usize) << shift;
            shift += 7;
            if byte & 0x80 == 0 || shift > 35 {
                return Ok(value);
            }
        }
    };
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let size = leb(&mut at)?;
        let end = at
            .checked_add(size)
            .filter(|&e| e <= wasm.len())
            .ok_or("the wasm is truncated")?;
        let mut keep = true;
        if id == 0 {
            let mut name_at = at;
            let len = leb(&mut name_at)?;
            let name = wasm.get(name_at..name_at + len).unwrap_or_default();
            keep = name != b"linking" && !name.starts_with(b"reloc.");
        }
        if keep {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_is_patched_once_and_refused_when_unrecognised() {
        let src = "a(WebAssembly.instantiateStreaming(fetch(u), i)); b(WebAssembly.instantiateStreaming(fetch(v), i));";
        let out = patch_loader(src).unwrap();
        assert_eq!(out.matches("__instantiateAnyType(fetch").count(), 2);
        assert!(out.contains("async function __instantiateAnyType"));
        assert!(patch_loader(&out).is_err(), "patching twice");
        assert!(
            patch_loader("WebAssembly.instantiate(x)").is_err(),
            "a loader without the call"
        );
    }

    #[test]
    fn relocations_are_stripped_and_other_sections_kept() {
        let custom = |name: &str, body: &[u8]| {
            let mut payload = vec![name.len() as u8];
            payload.extend_from_slice(name.as_bytes());
            payload.extend_from_slice(body);
            let mut s = vec![0, payload.len() as u8];
            s.extend(payload);
            s
        };
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let kept_type = [1u8, 1, 0];
        wasm.extend_from_slice(&kept_type);
        wasm.extend(custom("linking", &[2, 3]));
        wasm.extend(custom("reloc.CODE", &[4]));
        wasm.extend(custom("name", &[5]));
        let out = strip_relocs(&wasm).unwrap();
        let mut want = b"\0asm\x01\0\0\0".to_vec();
        want.extend_from_slice(&kept_type);
        want.extend(custom("name", &[5]));
        assert_eq!(out, want);
        assert!(strip_relocs(b"not wasm").is_err());
        assert!(strip_relocs(&wasm[..wasm.len() - 1]).is_err(), "truncated");
    }

    #[test]
    fn cargo_lock_has_the_versions_the_build_is_made_for() {
        check_versions(Path::new(WORKSPACE)).unwrap();
    }
}
