//! A built player as the site reads it: its names (`player.json`), its bundles, and its
//! shell (the page templates, styles, icons and SCORM schemas, `shell/`).

use anyhow::{anyhow, bail, Context};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::templates::Templates;
use crate::Bytes;

/// A built player: where its files are, and the names a site's pages refer to.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    pub dir: PathBuf,
    /// The learner's app folder, `app-<hash>`.
    pub app: String,
    /// The results page's script and wasm, relative to the site (`results/<hash>/...`).
    pub results_js: String,
    pub results_wasm: String,
    /// The LRS reporter's script and wasm (`lrs/...`), which a page imports only when it is
    /// launched with an LRS.
    pub lrs_js: String,
    pub lrs_wasm: String,
}

impl Player {
    /// Reads a built player (`player.json` in `dir`).
    pub fn read(dir: &Path) -> anyhow::Result<Player> {
        let file = dir.join("player.json");
        let text = fs::read_to_string(&file).with_context(|| {
            format!(
                "{} (build the player first: course-engine player)",
                file.display()
            )
        })?;
        let v: serde_json::Value =
            serde_json::from_str(&text).with_context(|| file.display().to_string())?;
        let field = |k: &str| {
            v[k].as_str()
                .map(str::to_string)
                .ok_or_else(|| anyhow!("{}: no '{k}'", file.display()))
        };
        let player = Player {
            dir: dir.to_path_buf(),
            app: field("app")?,
            results_js: field("results_js")?,
            results_wasm: field("results_wasm")?,
            lrs_js: field("lrs_js")?,
            lrs_wasm: field("lrs_wasm")?,
        };
        for f in [
            &player.app,
            &player.results_js,
            &player.results_wasm,
            &player.lrs_js,
            &player.lrs_wasm,
        ] {
            if !dir.join(f).exists() {
                bail!("{}: names {f}, which is not there", file.display());
            }
        }
        Ok(player)
    }
}

/// The files of the player a site is assembled from, read once.
pub struct PlayerFiles {
    pub player: Player,
    /// The app and results bundles, by their paths in the site.
    pub(crate) bundles: Vec<(String, Bytes)>,
    /// The page templates, styles and icons (the player's `shell/`).
    pub(crate) shell: BTreeMap<String, Bytes>,
    /// The page templates of the shell, parsed.
    pub(crate) templates: Templates,
}

impl PlayerFiles {
    pub fn read(player: Player) -> anyhow::Result<PlayerFiles> {
        let mut bundles = Vec::new();
        // The instructor's app is a folder too (`results/<hash>/`: its main module, its
        // chunks and their loader).
        let results = player
            .results_js
            .rsplit_once('/')
            .map_or("results", |(folder, _)| folder)
            .to_string();
        for folder in [player.app.as_str(), results.as_str(), "lrs"] {
            let dir = player.dir.join(folder);
            let mut names: Vec<_> = fs::read_dir(&dir)
                .with_context(|| dir.display().to_string())?
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            names.sort();
            for name in names {
                let path = dir.join(&name);
                let bytes = fs::read(&path).with_context(|| path.display().to_string())?;
                bundles.push((format!("{folder}/{name}"), Arc::new(bytes)));
            }
        }
        let mut shell = BTreeMap::new();
        let dir = player.dir.join("shell");
        read_all(&dir, "", &mut shell)?;
        let templates = Templates::load(&shell)?;
        Ok(PlayerFiles {
            player,
            bundles,
            shell,
            templates,
        })
    }

    pub(crate) fn text(&self, name: &str) -> anyhow::Result<String> {
        let bytes = self
            .shell
            .get(name)
            .ok_or_else(|| anyhow!("the player has no {name} (rebuild it)"))?;
        String::from_utf8(bytes.to_vec()).map_err(|_| anyhow!("the player's {name} is not UTF-8"))
    }

    /// The SCORM schemas (the player's `shell/scorm12/*.xsd`).
    pub fn scorm_schema(&self, name: &str) -> Option<Bytes> {
        self.shell.get(&format!("scorm12/{name}")).cloned()
    }
}

fn read_all(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Bytes>) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir).with_context(|| dir.display().to_string())? {
        let entry = entry.with_context(|| dir.display().to_string())?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        if path.is_dir() {
            read_all(&path, &format!("{name}/"), out)?;
        } else {
            out.insert(
                name,
                Arc::new(fs::read(&path).with_context(|| path.display().to_string())?),
            );
        }
    }
    Ok(())
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
