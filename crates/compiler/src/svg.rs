//! Course diagrams: SVG files in the course folder, checked and rewritten for inlining.
//!
//! A diagram is put into the lesson's HTML itself (so its `<text>` can be read by screen
//! readers, translated, and coloured by the page's light or dark scheme), which means a
//! diagram must never be able to run script or load anything. The file is parsed as XML
//! (no DTD, so no entity tricks) and written out again from an allow-list of elements and
//! attributes: anything else is an error with the file's line and column, never silently
//! dropped. Ids are prefixed with the file's name so that two diagrams on one page cannot
//! clash. Takes text, never paths.

use crate::diagnostics::FileDiagnostics;
use crate::markdown::escape;

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// Elements a diagram may use: shapes, text, grouping and markers.
const ELEMENTS: &[&str] = &[
    "svg", "g", "title", "desc", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "path", "text", "tspan", "defs", "marker", "use",
];

/// Attributes a diagram may use: geometry, presentation and text layout.
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "viewBox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "transform",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "fill-opacity",
    "stroke-opacity",
    "opacity",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "dx",
    "dy",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "refX",
    "refY",
    "orient",
    "markerUnits",
    "preserveAspectRatio",
    "href",
    "letter-spacing",
    "lang",
    "fill-rule",
    "vector-effect",
];

/// Colour values that follow the page's scheme (anything else is fixed and gets a warning).
const SCHEME_COLOURS: &[&str] = &["none", "currentColor", "transparent", "inherit"];

/// The classes the player's stylesheet gives diagrams, for messages.
pub const CLASSES: &str = "d-box, d-accent, d-line, d-arrow, d-muted, d-strong";

/// On the narrowest phone the course supports (320 px, less the page's padding) a diagram
/// is this many CSS pixels wide; text smaller than `MIN_TEXT_PX` there is hard to read.
const PHONE_WIDTH_PX: f64 = 288.0;
const MIN_TEXT_PX: f64 = 11.0;
/// The font size SVG text has when none is given.
const DEFAULT_FONT_SIZE: f64 = 16.0;

/// A checked diagram, ready to put into a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    /// The `<svg>` element, rewritten (ids prefixed, no size: the stylesheet sizes it).
    pub markup: String,
    /// The words of its `<text>`, for counting.
    pub words: u32,
}

/// Checks an SVG file and rewrites it for inlining. `name` is the file's path in the course
/// folder (its stem prefixes the ids). Returns `None` when there are errors (in `diags`).
pub fn check_svg(text: &str, name: &str, diags: &mut FileDiagnostics) -> Option<Diagram> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 20_000,
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(d) => d,
        Err(e) => {
            let pos = e.pos();
            let offset = offset_of(text, pos.row as usize, pos.col as usize);
            diags.at(offset, format!("not a well-formed SVG file: {e}"));
            return None;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        diags.at(
            root.range().start,
            format!("a diagram's root element must be <svg xmlns=\"{SVG_NS}\">"),
        );
        return None;
    }
    let prefix = id_prefix(name);
    let errors_before = diags.found.len();
    let mut w = Writer {
        prefix: &prefix,
        out: String::new(),
        words: 0,
        scale: 1.0,
    };
    match root.attribute("viewBox").and_then(view_box_width) {
        Some(width) => w.scale = PHONE_WIDTH_PX / width,
        None => diags.at(
            root.range().start,
            "a diagram needs a viewBox=\"0 0 WIDTH HEIGHT\" so that it scales to the screen",
        ),
    }
    let first = root.children().find(|n| n.is_element());
    let title = first.filter(|n| n.tag_name().name() == "title");
    match title {
        Some(t) if t.text().is_some_and(|s| !s.trim().is_empty()) => {}
        _ => diags.at(
            root.range().start,
            "a diagram's first element must be a <title> naming it (screen readers announce it)",
        ),
    }
    w.element(root, diags, DEFAULT_FONT_SIZE);
    if diags.found.len() > errors_before {
        return None;
    }
    Some(Diagram {
        markup: w.out,
        words: w.words,
    })
}

/// `assets/gcm-timeline.svg` -> `gcm-timeline`: lower-case letters, digits and hyphens.
pub fn id_prefix(name: &str) -> String {
    let stem = name.rsplit('/').next().unwrap_or(name);
    let stem = stem.strip_suffix(".svg").unwrap_or(stem);
    let mut out = String::from("d-");
    for c in stem.chars().flat_map(char::to_lowercase) {
        out.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    out
}

fn view_box_width(v: &str) -> Option<f64> {
    let parts: Vec<f64> = v
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    (parts.len() == 4 && parts[2] > 0.0 && parts[3] > 0.0).then_some(parts[2])
}

/// Byte offset of a 1-based (row, column in characters) position.
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

struct Writer<'t> {
    prefix: &'t str,
    out: String,
    words: u32,
    /// CSS pixels per user unit on the narrowest phone.
    scale: f64,
}

impl Writer<'_> {
    fn element(&mut self, node: roxmltree::Node, diags: &mut FileDiagnostics, font: f64) {
        let tag = node.tag_name();
        let name = tag.name();
        let at = node.range().start;
        if tag.namespace() != Some(SVG_NS) {
            diags.at(
                at,
                format!("element <{name}> is not SVG; a diagram may only use SVG elements"),
            );
            return;
        }
        if !ELEMENTS.contains(&name) {
            let why = match name {
                "script" => "a diagram may not contain script".to_string(),
                "style" => format!(
                    "a <style> element would restyle the whole page; use the classes {CLASSES}"
                ),
                "foreignObject" | "iframe" | "image" | "a" | "video" | "audio" | "animate"
                | "set" | "animateTransform" | "animateMotion" => {
                    format!("<{name}> is not allowed in a diagram (it could load content, link away or run script)")
                }
                _ => format!("<{name}> is not allowed in a diagram"),
            };
            diags.at(
                at,
                format!("{why}; allowed elements: {}", ELEMENTS.join(", ")),
            );
            return;
        }
        let mut font = font;
        let mut attrs = String::new();
        let is_root_title = name == "title"
            && node
                .parent_element()
                .is_some_and(|p| p.parent_element().is_none());
        for a in node.attributes() {
            let qname = match a.namespace() {
                Some(XLINK_NS) => format!("xlink:{}", a.name()),
                Some("http://www.w3.org/XML/1998/namespace") => {
                    format!("xml:{}", a.name())
                }
                Some(_) => {
                    diags.at(
                        a.range().start,
                        format!(
                            "attribute '{}' from another namespace is not allowed in a diagram",
                            a.name()
                        ),
                    );
                    continue;
                }
                None => a.name().to_string(),
            };
            let value = a.value();
            let a_at = a.range().start;
            if qname.to_ascii_lowercase().starts_with("on") {
                diags.at(
                    a_at,
                    format!(
                        "event-handler attribute '{qname}' is not allowed: it would run script"
                    ),
                );
                continue;
            }
            if qname == "style" {
                diags.at(
                    a_at,
                    format!(
                        "style attributes are not allowed in a diagram; use the classes {CLASSES}"
                    ),
                );
                continue;
            }
            if qname == "xml:space" || qname == "xml:lang" {
                attrs.push_str(&format!(" {qname}=\"{}\"", escape(value)));
                continue;
            }
            let plain = qname.strip_prefix("xlink:").unwrap_or(&qname);
            if !ATTRIBUTES.contains(&plain) {
                diags.at(
                    a_at,
                    format!("attribute '{qname}' is not allowed in a diagram"),
                );
                continue;
            }
            // Only references inside the same diagram: `#id` and `url(#id)`.
            if plain == "href" {
                match value.strip_prefix('#') {
                    Some(id) if !id.is_empty() => {
                        attrs.push_str(&format!(" href=\"#{}-{}\"", self.prefix, escape(id)));
                    }
                    _ => diags.at(a_at, format!("external reference '{value}' is not allowed: a diagram may only refer to its own elements (href=\"#id\")")),
                }
                continue;
            }
            let value = match self.local_urls(value) {
                Ok(v) => v,
                Err(()) => {
                    diags.at(a_at, format!("external reference in '{qname}=\"{value}\"' is not allowed: use url(#id) for an element of this diagram"));
                    continue;
                }
            };
            if (plain == "fill" || plain == "stroke")
                && !SCHEME_COLOURS.contains(&value.as_str())
                && !value.starts_with("url(")
            {
                diags.warn_at(a_at, format!("fixed colour {plain}=\"{value}\" will not follow the dark scheme; use the classes {CLASSES} (or currentColor)"));
            }
            match plain {
                // The diagram's own title gets the id its `aria-labelledby` names.
                "id" if is_root_title => {}
                "id" => attrs.push_str(&format!(" id=\"{}-{}\"", self.prefix, escape(&value))),
                // The stylesheet sizes a diagram to the page; the viewBox keeps its shape.
                "width" | "height" if name == "svg" => {}
                "font-size" => {
                    match value.trim_end_matches("px").parse::<f64>() {
                        Ok(size) => font = size,
                        Err(_) => diags.warn_at(a_at, format!("font-size '{value}' is not a number of user units; write it as a number, like 15")),
                    }
                    attrs.push_str(&format!(" font-size=\"{}\"", escape(&value)));
                }
                _ => attrs.push_str(&format!(" {plain}=\"{}\"", escape(&value))),
            }
        }
        if name == "svg" && node.parent_element().is_none() {
            // Named by its title; a group, so that screen readers can still read its text.
            attrs.push_str(&format!(
                " xmlns=\"{SVG_NS}\" class=\"diagram-svg\" role=\"group\" aria-labelledby=\"{}-title\"",
                self.prefix
            ));
        }
        if is_root_title {
            attrs.push_str(&format!(" id=\"{}-title\"", self.prefix));
        }
        self.out.push_str(&format!("<{name}{attrs}>"));
        let is_text = matches!(name, "text" | "tspan");
        if is_text
            && node
                .children()
                .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty())
        {
            let px = font * self.scale;
            if px < MIN_TEXT_PX {
                diags.warn_at(at, format!(
                    "text of size {font} shows at {px:.1} px on a 320 px phone screen (less than {MIN_TEXT_PX} px); make it larger or the viewBox narrower"
                ));
            }
        }
        for child in node.children() {
            if child.is_element() {
                self.element(child, diags, font);
            } else if child.is_text() {
                let t = child.text().unwrap_or("");
                if is_text || matches!(name, "title" | "desc") {
                    if is_text {
                        self.words += crate::markdown::count_words(t);
                    }
                    self.out.push_str(&escape(t));
                } else if !t.trim().is_empty() {
                    diags.at(child.range().start, format!("text directly inside <{name}> is not shown; put it in a <text> element"));
                }
            }
        }
        self.out.push_str(&format!("</{name}>"));
    }

    /// Rewrites `url(#id)` references to the prefixed ids; `Err` for any other `url(...)`.
    fn local_urls(&self, value: &str) -> Result<String, ()> {
        let mut out = String::new();
        let mut rest = value;
        while let Some(i) = rest.find("url(") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 4..];
            let end = after.find(')').ok_or(())?;
            let target = after[..end].trim().trim_matches(['"', '\'']);
            let id = target
                .strip_prefix('#')
                .filter(|id| !id.is_empty())
                .ok_or(())?;
            out.push_str(&format!("url(#{}-{id})", self.prefix));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(svg: &str) -> (Option<Diagram>, Vec<String>, Vec<String>) {
        let mut d = FileDiagnostics::new("course/assets/x.svg", svg);
        let out = check_svg(svg, "assets/x.svg", &mut d);
        (
            out,
            d.found.iter().map(|p| p.to_string()).collect(),
            d.warned.iter().map(|p| p.to_string()).collect(),
        )
    }

    const GOOD: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 100" width="360">
  <title id="mine">Two boxes</title>
  <defs><marker id="head"><path class="d-arrow" d="M0 0L8 4L0 8z"/></marker></defs>
  <rect class="d-box" x="0" y="0" width="100" height="40"/>
  <line class="d-line" x1="100" y1="20" x2="200" y2="20" marker-end="url(#head)"/>
  <text x="10" y="25" font-size="15">States &amp; <tspan class="d-strong">IOM</tspan></text>
</svg>"##;

    #[test]
    fn a_good_diagram_is_inlined_with_prefixed_ids_and_no_fixed_size() {
        let (out, errors, warnings) = check(GOOD);
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(warnings, Vec::<String>::new());
        let d = out.unwrap();
        assert!(d.markup.starts_with(r#"<svg viewBox="0 0 360 100" xmlns="http://www.w3.org/2000/svg" class="diagram-svg" role="group" aria-labelledby="d-x-title">"#), "{}", d.markup);
        assert!(d
            .markup
            .contains(r#"<title id="d-x-title">Two boxes</title>"#));
        assert!(d.markup.contains(r#"<marker id="d-x-head">"#));
        assert!(d.markup.contains(r#"marker-end="url(#d-x-head)""#));
        assert!(d.markup.contains("States &amp; <tspan"));
        assert!(!d.markup.contains("width=\"360\""));
        assert_eq!(d.words, 2);
    }

    #[test]
    fn script_handlers_styles_and_external_references_are_refused_with_their_place() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 100\">\n<title>T</title>\n<script>alert(1)</script>\n<rect onclick=\"alert(1)\" style=\"fill:red\"/>\n<use href=\"https://evil.example/x.svg#a\"/>\n<rect fill=\"url(https://evil.example/p)\"/>\n<foreignObject/>\n</svg>";
        let (out, errors, _) = check(svg);
        assert!(out.is_none());
        assert_eq!(errors.len(), 6, "{errors:#?}");
        assert!(
            errors[0].starts_with("course/assets/x.svg:3:1: a diagram may not contain script"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].starts_with("course/assets/x.svg:4:7: event-handler attribute 'onclick'"),
            "{}",
            errors[1]
        );
        assert!(
            errors[2].starts_with("course/assets/x.svg:4:26: style attributes are not allowed"),
            "{}",
            errors[2]
        );
        assert!(
            errors[3].starts_with(
                "course/assets/x.svg:5:6: external reference 'https://evil.example/x.svg#a'"
            ),
            "{}",
            errors[3]
        );
        assert!(
            errors[4].starts_with("course/assets/x.svg:6:7: external reference in 'fill="),
            "{}",
            errors[4]
        );
        assert!(
            errors[5].starts_with("course/assets/x.svg:7:1: <foreignObject> is not allowed"),
            "{}",
            errors[5]
        );
    }

    #[test]
    fn xlink_references_and_dtds_are_checked_too() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><title>T</title><use xlink:href="other.svg#a"/></svg>"#;
        let (_, errors, _) = check(svg);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("external reference 'other.svg#a'"),
            "{}",
            errors[0]
        );
        let dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaa\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        let (out, errors, _) = check(dtd);
        assert!(out.is_none());
        assert!(
            errors[0].contains("not a well-formed SVG file: XML with DTD detected"),
            "{errors:?}"
        );
    }

    #[test]
    fn small_text_fixed_colours_and_a_missing_title_are_reported() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 100"><rect fill="#000"/><text font-size="15">Tiny</text></svg>"##;
        let (out, errors, warnings) = check(svg);
        assert!(out.is_none());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("first element must be a <title>"),
            "{errors:?}"
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("fixed colour fill=\"#000\""),
            "{warnings:?}"
        );
        assert!(
            warnings[1].contains("shows at 6.0 px on a 320 px phone"),
            "{warnings:?}"
        );
    }
}
