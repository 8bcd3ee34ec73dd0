//! Each page's Content-Security-Policy: only the site's own scripts and wasm run, inline
//! scripts and styles only by hash, no plugins, no foreign base URL, no network but the
//! site's own origin and the LRSs it reports to. Defence in depth behind the compiler's
//! sanitising: the player puts compiled HTML into the page.

use anyhow::{anyhow, bail};
use course_core::xapi::base64;
use sha2::{Digest, Sha256};

/// The page with its Content-Security-Policy as the first thing after `<meta charset>`, so
/// that it governs everything after it.
pub fn with_policy(html: &str, lrs: &[String]) -> anyhow::Result<String> {
    let html = &without_script_comments(html);
    if html.contains(r#"http-equiv="Content-Security-Policy""#) {
        bail!("the page template already has a Content-Security-Policy");
    }
    let at = html
        .find("<meta charset")
        .ok_or_else(|| anyhow!("the page template has no <meta charset>"))?;
    let end = at
        + html[at..]
            .find('>')
            .ok_or_else(|| anyhow!("the page template's <meta charset> is not closed"))?
        + 1;
    let meta = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        policy(html, lrs)
    );
    Ok(format!("{}\n  {meta}{}", &html[..end], &html[end..]))
}

/// The page without the comment lines of its inline scripts (`// ...` on a line of its
/// own) and their lines' indentation: they are for whoever reads the template, and cost
/// every learner's first visit 0.5 KB brotli. (The templates' scripts have no string or
/// template literal across lines, whose indentation would be part of it.)
fn without_script_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for body in inline_elements(html, "script", true) {
        let at = body.as_ptr() as usize - html.as_ptr() as usize;
        out.push_str(&html[from..at]);
        for line in body.split_inclusive('\n') {
            let line = line.trim_start_matches([' ', '\t']);
            if !line.starts_with("// ") {
                out.push_str(line);
            }
        }
        from = at + body.len();
    }
    out.push_str(&html[from..]);
    out
}

/// The policy for a page: its inline scripts and styles by hash; connections to the site
/// and to the LRSs in `lrs` only.
pub fn policy(html: &str, lrs: &[String]) -> String {
    let hashes = |tag: &str, external: bool| -> String {
        inline_elements(html, tag, external)
            .iter()
            .map(|body| format!(" 'sha256-{}'", base64(&Sha256::digest(body.as_bytes()))))
            .collect()
    };
    [
        "default-src 'self'".to_string(),
        // 'wasm-unsafe-eval' lets the page compile its own wasm (it allows no JS eval).
        format!(
            "script-src 'self' 'wasm-unsafe-eval'{}",
            hashes("script", true)
        ),
        format!("style-src 'self'{}", hashes("style", false)),
        "img-src 'self' data:".into(),
        format!(
            "connect-src 'self'{}",
            lrs.iter().map(|o| format!(" {o}")).collect::<String>()
        ),
        "object-src 'none'".into(),
        "base-uri 'self'".into(),
        "form-action 'self'".into(),
    ]
    .join("; ")
}

/// The bodies of `<tag ...>body</tag>` elements, skipping those with a `src` (when
/// `skip_src`): those are governed by their origin, not their hash.
fn inline_elements<'a>(html: &'a str, tag: &str, skip_src: bool) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let after = &rest[at + open.len()..];
        if !after.starts_with(|c: char| c == '>' || c.is_whitespace()) {
            rest = after;
            continue;
        }
        let Some(gt) = after.find('>') else { break };
        let attrs = &after[..gt];
        let body_and_rest = &after[gt + 1..];
        let Some(end) = body_and_rest.find(&close) else {
            break;
        };
        if !(skip_src && attrs.contains("src=")) {
            out.push(&body_and_rest[..end]);
        }
        rest = &body_and_rest[end + close.len()..];
    }
    out
}

/// An LRS's origin as `--lrs-origin` gives it (`https://lrs.example.org[:port]`, nothing
/// after), checked: it goes into every page's Content-Security-Policy.
pub fn lrs_origin(s: &str) -> Result<String, String> {
    let s = s.trim().trim_end_matches('/');
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("--lrs-origin {s}: an origin starts with https:// (or http://)"))?;
    if rest.is_empty()
        || rest.contains(['/', '?', '#', ' ', ';', ',', '\'', '"'])
        || !rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err(format!(
            "--lrs-origin {s}: give the LRS's origin only (scheme, host and port, like https://lrs.example.org:8443)"
        ));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_the_standard_one() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn the_policy_hashes_inline_scripts_and_styles_only() {
        let html = r#"<script>a()</script><script type="module">b()</script><script src="x.js"></script><style>p{}</style><scripts>no</scripts>"#;
        let p = policy(html, &["https://lrs.example.org".to_string()]);
        // sha256("a()") as browsers compute it.
        let a = base64(&Sha256::digest(b"a()"));
        assert!(p.contains(&format!("'sha256-{a}'")), "{p}");
        assert_eq!(
            p.matches("'sha256-").count(),
            3,
            "two scripts and one style: {p}"
        );
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'self'"));
        assert!(
            p.contains("connect-src 'self' https://lrs.example.org;"),
            "{p}"
        );
        assert!(policy(html, &[]).contains("connect-src 'self';"));
    }

    #[test]
    fn script_comment_lines_leave_the_page_and_its_hashes_follow() {
        let page = "<html><head><meta charset=\"utf-8\">\n<script>\n  // Why.\n  var a = 1; // kept\n</script>\n<script src=\"x.js\">// kept\n</script>\n</head><body><pre>// text stays</pre></body></html>";
        let out = with_policy(page, &[]).unwrap();
        assert!(!out.contains("// Why."));
        assert!(out.contains("var a = 1; // kept") && out.contains("<pre>// text stays</pre>"));
        assert!(out.contains("<script src=\"x.js\">// kept"));
        let hash = base64(&Sha256::digest("\nvar a = 1; // kept\n".as_bytes()));
        assert!(out.contains(&format!("'sha256-{hash}'")), "{out}");
    }

    #[test]
    fn an_lrs_origin_is_an_origin_and_nothing_more() {
        assert_eq!(
            lrs_origin("https://lrs.example.org/").unwrap(),
            "https://lrs.example.org"
        );
        assert_eq!(
            lrs_origin("http://127.0.0.1:8100").unwrap(),
            "http://127.0.0.1:8100"
        );
        for bad in [
            "lrs.example.org",
            "https://lrs.example.org/xAPI",
            "https://a b",
            "https://x;script-src *",
            "ftp://x",
            "https://",
        ] {
            assert!(lrs_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_policy_goes_first_after_the_charset_and_only_once() {
        let page = with_policy(
            "<head><meta charset=\"utf-8\"><script>x</script></head>",
            &[],
        )
        .unwrap();
        assert!(page.starts_with(
            "<head><meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\""
        ));
        assert!(with_policy(&page, &[]).is_err());
        assert!(with_policy("<head></head>", &[]).is_err());
    }
}
