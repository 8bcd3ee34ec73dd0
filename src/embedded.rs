//! The player a standalone `course-engine` carries inside its own file.
//!
//! The player is built by this tool (`player.rs`), so it cannot be compiled into the tool
//! that builds it; it is appended instead, as `deno compile` appends a program to its
//! runtime: a standalone copy is this executable, then a ZIP of the built player's folder,
//! then a trailer (the ZIP's length and a magic number). Executables ignore what follows
//! their last section. On first use the ZIP is unpacked into the user's cache folder
//! (`$XDG_CACHE_HOME` or `~/.cache`, `course-engine/player-<hash>`), once per player.
//!
//! Strip a binary before it is made standalone, not after: `strip` drops appended data.

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{Cursor, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 16] = b"course-engine-p1";
const TRAILER: u64 = 8 + MAGIC.len() as u64;

/// The player this executable carries, unpacked (once) into the cache folder; `None` for a
/// tool without one (a developer's build, which builds the player from its checkout).
pub fn player() -> anyhow::Result<Option<PathBuf>> {
    let exe = std::env::current_exe().context("finding this executable")?;
    let Some(zip) = payload(&exe)? else {
        return Ok(None);
    };
    let hash = crate::player::hex(&Sha256::digest(&zip)[..8]);
    let dir = cache_dir()?.join(format!("player-{hash}"));
    if dir.join("player.json").is_file() {
        return Ok(Some(dir));
    }
    let tmp = dir.with_extension(format!("new-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    unpack(&zip, &tmp).with_context(|| format!("unpacking the player into {}", tmp.display()))?;
    // Another run may have unpacked the same player meanwhile: then keep theirs.
    if fs::rename(&tmp, &dir).is_err() && dir.join("player.json").is_file() {
        let _ = fs::remove_dir_all(&tmp);
    } else if !dir.join("player.json").is_file() {
        bail!("could not unpack the player into {}", dir.display());
    }
    Ok(Some(dir))
}

/// Whether this executable carries a player (its trailer only: nothing is read or unpacked).
pub fn carries_player() -> anyhow::Result<bool> {
    let exe = std::env::current_exe().context("finding this executable")?;
    Ok(trailer(&exe)?.is_some())
}

/// Writes a copy of this executable (without any player it already carries) that carries
/// the player in `player_dir`. Returns the copy's size in bytes.
pub fn write_standalone(player_dir: &Path, out: &Path) -> anyhow::Result<u64> {
    let exe = std::env::current_exe().context("finding this executable")?;
    let mut bytes = fs::read(&exe).with_context(|| exe.display().to_string())?;
    if let Some(zip) = payload(&exe)? {
        bytes.truncate(bytes.len() - zip.len() - TRAILER as usize);
    }
    let zip = pack(player_dir)?;
    bytes.extend_from_slice(&zip);
    bytes.extend_from_slice(&(zip.len() as u64).to_le_bytes());
    bytes.extend_from_slice(MAGIC);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
    }
    let tmp = out.with_extension("new");
    fs::write(&tmp, &bytes).with_context(|| tmp.display().to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))
            .with_context(|| tmp.display().to_string())?;
    }
    fs::rename(&tmp, out).with_context(|| out.display().to_string())?;
    Ok(bytes.len() as u64)
}

/// The open executable, its size and the length of the ZIP it carries, if it carries one.
fn trailer(exe: &Path) -> anyhow::Result<Option<(File, u64, u64)>> {
    let mut file = File::open(exe).with_context(|| exe.display().to_string())?;
    let size = file.metadata()?.len();
    if size < TRAILER {
        return Ok(None);
    }
    let mut trailer = [0u8; TRAILER as usize];
    file.seek(SeekFrom::End(-(TRAILER as i64)))?;
    file.read_exact(&mut trailer)?;
    if trailer[8..] != MAGIC[..] {
        return Ok(None);
    }
    let len = u64::from_le_bytes(trailer[..8].try_into().expect("8 bytes"));
    if len > size - TRAILER {
        bail!(
            "{}: the player it carries is cut short (copied in part?)",
            exe.display()
        );
    }
    Ok(Some((file, size, len)))
}

/// The ZIP appended to `exe`, if there is one.
fn payload(exe: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let Some((mut file, size, len)) = trailer(exe)? else {
        return Ok(None);
    };
    let mut zip = vec![0; len as usize];
    file.seek(SeekFrom::Start(size - TRAILER - len))?;
    file.read_exact(&mut zip)?;
    Ok(Some(zip))
}

fn cache_dir() -> anyhow::Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join("course-engine");
    fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    Ok(dir)
}

/// Every file under `dir`, as a ZIP (paths relative to `dir`).
fn pack(dir: &Path) -> anyhow::Result<Vec<u8>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files).with_context(|| dir.display().to_string())?;
    files.sort();
    if !files.iter().any(|f| f.ends_with("player.json")) {
        bail!("{}: no player.json (not a built player)", dir.display());
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for f in &files {
        let name = f
            .strip_prefix(dir)
            .expect("under dir")
            .to_string_lossy()
            .replace('\\', "/");
        zip.start_file(name, options)?;
        zip.write_all(&fs::read(f).with_context(|| f.display().to_string())?)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn unpack(zip: &[u8], to: &Path) -> anyhow::Result<()> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip))?;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let Some(name) = entry.enclosed_name() else {
            bail!(
                "the player it carries names a file outside its folder: {}",
                entry.name()
            );
        };
        let path = to.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        fs::write(&path, bytes).with_context(|| path.display().to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_player_folder_packs_and_unpacks_whole() {
        let tmp = std::env::temp_dir().join(format!("ce-embed-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let src = tmp.join("src");
        fs::create_dir_all(src.join("app-1/nested")).unwrap();
        fs::write(src.join("player.json"), "{}").unwrap();
        fs::write(src.join("app-1/nested/x.wasm"), [0u8, 1, 2, 255]).unwrap();
        let zip = pack(&src).unwrap();
        unpack(&zip, &tmp.join("out")).unwrap();
        assert_eq!(fs::read(tmp.join("out/player.json")).unwrap(), b"{}");
        assert_eq!(
            fs::read(tmp.join("out/app-1/nested/x.wasm")).unwrap(),
            [0u8, 1, 2, 255]
        );
        assert!(
            pack(&src.join("app-1")).is_err(),
            "a folder without player.json"
        );
        fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn a_payload_is_found_only_behind_its_trailer() {
        let tmp = std::env::temp_dir().join(format!("ce-payload-{}", std::process::id()));
        fs::create_dir_all(&tmp).unwrap();
        let plain = tmp.join("plain");
        fs::write(&plain, b"an executable").unwrap();
        assert_eq!(payload(&plain).unwrap(), None);
        let carrying = tmp.join("carrying");
        let mut bytes = b"an executable".to_vec();
        bytes.extend_from_slice(b"ZIP!");
        bytes.extend_from_slice(&4u64.to_le_bytes());
        bytes.extend_from_slice(MAGIC);
        fs::write(&carrying, &bytes).unwrap();
        assert_eq!(payload(&carrying).unwrap().as_deref(), Some(&b"ZIP!"[..]));
        let cut = tmp.join("cut");
        let mut bad = b"x".to_vec();
        bad.extend_from_slice(&400u64.to_le_bytes());
        bad.extend_from_slice(MAGIC);
        fs::write(&cut, &bad).unwrap();
        assert!(payload(&cut).is_err(), "a length beyond the file");
        fs::remove_dir_all(&tmp).unwrap();
    }
}
