//! The SCORM 1.2 package: `imsmanifest.xml` at the root, the control-file schemas it names
//! beside it (strict LMSs validate against them), and the site built with relative URLs.
//! The instructor's results page stays out: inside an LMS, the LMS reports results.

use crate::site::{PlayerFiles, Site};
use anyhow::Context;
use course_core::model::Course;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// The schemas `imsmanifest.xml` names in `xsi:schemaLocation`, and the one they import.
pub const SCHEMAS: [&str; 4] = [
    "imscp_rootv1p1p2.xsd",
    "imsmd_rootv1p2p1.xsd",
    "adlcp_rootv1p2.xsd",
    "ims_xml.xsd",
];

fn xml(s: &str) -> String {
    crate::site::escape(s)
}

/// The manifest: one SCO (the site's index.html) listing every file of the package.
pub fn manifest(course: &Course, files: &[&str]) -> String {
    let list: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", xml(f)))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}-{version}" version="{version}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item" identifierref="sco" isvisible="true">
        <title>{title}</title>
        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
{list}    </resource>
  </resources>
</manifest>
"#,
        id = xml(&course.id),
        version = xml(&course.version),
        title = xml(&course.title),
        mastery = course.assessment.pass_mark,
    )
}

/// Writes the package of `site` (built with base `./`) to `out`; returns how many files it
/// holds. Entries carry a fixed date, so the same site always makes the same zip.
pub fn package(
    course: &Course,
    site: &Site,
    player: &PlayerFiles,
    out: &Path,
) -> anyhow::Result<usize> {
    let files: Vec<(&String, _)> = site.learner_files().collect();
    let names: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    let manifest = manifest(course, &names);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| parent.display().to_string())?;
    }
    let file = std::fs::File::create(out).with_context(|| out.display().to_string())?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default());
    let stored = deflated
        .compression_method(zip::CompressionMethod::Stored)
        .compression_level(None);
    let context = || out.display().to_string();
    let mut add = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        // Images are compressed already.
        let opts = if name.ends_with(".png") || name.ends_with(".jpg") {
            stored
        } else {
            deflated
        };
        zip.start_file(name, opts).with_context(context)?;
        zip.write_all(bytes).with_context(context)
    };
    add("imsmanifest.xml", manifest.as_bytes())?;
    for schema in SCHEMAS {
        let bytes = player
            .scorm_schema(schema)
            .with_context(|| format!("the player has no SCORM schema {schema} (rebuild it)"))?;
        add(schema, &bytes)?;
    }
    for (name, bytes) in &files {
        add(name, bytes)?;
    }
    zip.finish().with_context(context)?;
    Ok(1 + SCHEMAS.len() + files.len())
}
