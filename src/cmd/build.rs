//! `course-engine build`: the course checked, then the whole static site written.

use super::{checked, lrs_origin, profile, CourseDir, PlayerChoice};
use crate::say;
use crate::site;
use anyhow::{bail, Context};
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the course, then write its static site
///
/// Checks the course, then writes the whole static site: the player, the course, every
/// page, the service worker and the web app manifest
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    course: CourseDir,
    /// The folder to write the site to
    #[arg(short, long, value_name = "DIR", default_value = "site")]
    out: PathBuf,
    /// The site's address on its server
    #[arg(long, value_name = "URL", default_value = "/")]
    base: String,
    /// Lets the pages send xAPI statements to this Learning Record Store
    /// (https://lrs.example.org[:port]) when they are launched with it; once per LRS
    #[arg(long = "lrs-origin", value_name = "URL", value_parser = lrs_origin)]
    lrs_origins: Vec<String>,
    #[command(flatten)]
    lrs: SiteLrs,
    /// Assemble the site from the player's debug build (panic messages in the console)
    #[arg(long)]
    debug: bool,
    /// Fail on warnings too; nothing is written
    #[arg(long)]
    deny_warnings: bool,
    #[command(flatten)]
    player: PlayerChoice,
}

/// A site built for one LRS: every page reports to it once the learner has said who they
/// are.
#[derive(clap::Args)]
pub struct SiteLrs {
    /// The LRS's xAPI address, for a site built for that one LRS
    #[arg(long, value_name = "URL", requires = "lrs_credential")]
    lrs_endpoint: Option<String>,
    /// The credential for --lrs-endpoint: a file whose first line is user:password. It is
    /// public: give it only the scope to write statements (Ralph's statements/write)
    #[arg(long, value_name = "FILE", requires = "lrs_endpoint")]
    lrs_credential: Option<PathBuf>,
}

impl SiteLrs {
    /// The LRS's xAPI base and the credential's `Authorization`.
    fn read(&self) -> anyhow::Result<Option<(String, String)>> {
        let (Some(endpoint), Some(file)) = (&self.lrs_endpoint, &self.lrs_credential) else {
            return Ok(None);
        };
        let endpoint = course_core::xapi::endpoint_base(endpoint)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("--lrs-endpoint {endpoint}"))?;
        let text = std::fs::read_to_string(file).with_context(|| file.display().to_string())?;
        let line = text.lines().next().unwrap_or("").trim();
        let Some((user, password)) = line
            .split_once(':')
            .filter(|(u, p)| !u.is_empty() && !p.is_empty())
        else {
            bail!("{}: the first line must be user:password", file.display());
        };
        Ok(Some((
            endpoint,
            course_core::xapi::basic_auth(user, password),
        )))
    }
}

pub fn execute(a: Args) -> anyhow::Result<ExitCode> {
    let dir = &a.course.dir;
    let Some(compiled) = checked(dir, a.deny_warnings) else {
        return Ok(ExitCode::from(1));
    };
    let course = &compiled.courses[0];
    let site_lrs = a.lrs.read()?;
    let mut lrs_origins = a.lrs_origins.clone();
    if let Some((endpoint, _)) = &site_lrs {
        lrs_origins.push(course_core::xapi::origin_of(endpoint).to_string());
    }
    let player = site::PlayerFiles::read(a.player.get(profile(a.debug))?)?;
    let opts = site::Options {
        base: a.base.clone(),
        live_reload: false,
        lrs_origins,
        site_lrs,
    };
    let site = site::assemble(&compiled, &player, &opts)?;
    site.write(&a.out)?;
    say!(
        "{}: built '{}' {} ({}) into {}: {} files, player {}",
        dir.display(),
        course.id,
        course.version,
        course.content_hash,
        a.out.display(),
        site.files.len(),
        player.player.app
    );
    Ok(ExitCode::SUCCESS)
}
