//! PO files read as strictly as `msgfmt --check` reads them, before anything of them is used:
//! a translator's slip (an unterminated string, a stray `msgstr`, a message twice) is an
//! error at `po/LANG.po:line:col`, never a translation silently lost. And what `msgfmt`
//! checks for C's format strings, checked for the course's own markers: a translation keeps
//! its source's Markdown link targets and `{name}` placeholders.
//!
//! The grammar (GNU gettext's): entries separated by blank lines; comments start with `#`
//! (`#,` flags, `#~` an obsolete entry, ignored); an entry is `[msgctxt S] msgid S
//! [msgid_plural S] (msgstr S | msgstr[N] S...)`, each `S` one or more C strings, the later
//! ones on lines of their own.

use crate::diagnostics::Diagnostic;

/// Every problem of the PO file `file` (its text `text`), in order.
pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut entry = Entry::default();
    let mut entries: Vec<Entry> = Vec::new();
    // The field the last string went into, for continuation lines.
    let mut open: Option<Field> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim_start();
        let indent = raw.len() - trimmed.len();
        let at = |col: usize, message: String| Diagnostic {
            file: file.to_string(),
            line,
            col,
            message,
        };
        if trimmed.trim().is_empty() {
            open = None;
            finish(&mut entry, &mut entries, file, &mut problems);
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            open = None;
            if entry.msgstr_line.is_some() || entry.msgid_line.is_some() {
                finish(&mut entry, &mut entries, file, &mut problems);
            }
            if comment.starts_with('~') {
                continue; // an obsolete entry: kept by translators, read by nobody
            }
            if let Some(flags) = comment.strip_prefix(',') {
                if flags.split(',').any(|f| f.trim() == "fuzzy") {
                    entry.fuzzy = true;
                }
            }
            continue;
        }
        if trimmed.starts_with('"') {
            let Some(field) = open else {
                problems.push(at(
                    indent + 1,
                    "a string that belongs to no msgid or msgstr (a line missing its keyword?)"
                        .into(),
                ));
                continue;
            };
            match string(trimmed) {
                Ok(s) => entry.push(field, &s),
                Err((col, m)) => problems.push(at(indent + col, m)),
            }
            continue;
        }
        let keyword_len = trimmed
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(trimmed.len());
        let (keyword, rest) = trimmed.split_at(keyword_len);
        let field = match keyword {
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str,
            k if k.starts_with("msgstr[") && k.ends_with(']') => Field::Str,
            _ => {
                problems.push(at(
                    indent + 1,
                    format!("'{keyword}' is not PO: expected msgctxt, msgid, msgid_plural, msgstr, a string or a # comment"),
                ));
                open = None;
                continue;
            }
        };
        // A new message starts with its msgctxt or msgid once the last one has its msgstr.
        if matches!(field, Field::Context | Field::Id) && entry.msgstr_line.is_some() {
            finish(&mut entry, &mut entries, file, &mut problems);
        }
        let misplaced = match field {
            Field::Context if entry.msgid_line.is_some() => {
                Some("a msgctxt after its msgid: it goes before".to_string())
            }
            Field::Id if entry.msgid_line.is_some() => Some(format!(
                "a second msgid, but the message of line {} has no msgstr",
                entry.msgid_line.unwrap_or(0)
            )),
            Field::Plural if entry.msgid_line.is_none() || entry.msgstr_line.is_some() => {
                Some("a msgid_plural that follows no msgid".to_string())
            }
            Field::Str if entry.msgid_line.is_none() => {
                Some("a msgstr with no msgid before it (a stray msgstr)".to_string())
            }
            Field::Str if keyword == "msgstr" && entry.msgstr_line.is_some() => Some(format!(
                "a second msgstr for the message of line {} (a stray msgstr)",
                entry.msgid_line.unwrap_or(0)
            )),
            _ => None,
        };
        if let Some(m) = misplaced {
            problems.push(at(indent + 1, m));
            open = None;
            continue;
        }
        match field {
            Field::Context => entry.context_line = Some(line),
            Field::Id => entry.msgid_line = Some(line),
            Field::Plural => {}
            Field::Str => {
                entry.msgstr_line = entry.msgstr_line.or(Some(line));
            }
        }
        let value = rest.trim_start();
        let value_col = indent + keyword_len + (rest.len() - value.len()) + 1;
        if !value.starts_with('"') {
            problems.push(at(
                value_col,
                format!("{keyword} needs a string in double quotes"),
            ));
            open = None;
            continue;
        }
        match string(value) {
            Ok(s) => {
                entry.start(field);
                entry.push(field, &s);
                open = Some(field);
            }
            Err((col, m)) => {
                problems.push(at(value_col + col - 1, m));
                entry.start(field);
                open = Some(field);
            }
        }
    }
    if entry.msgid_line.is_some() || entry.msgstr_line.is_some() {
        finish(&mut entry, &mut entries, file, &mut problems);
    }
    problems.sort_by_key(|d| (d.line, d.col));
    problems
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Field {
    Context,
    Id,
    Plural,
    Str,
}

#[derive(Default, Debug)]
struct Entry {
    context: Option<String>,
    context_line: Option<usize>,
    msgid: String,
    msgid_line: Option<usize>,
    plural: String,
    msgstr: String,
    msgstr_line: Option<usize>,
    fuzzy: bool,
}

impl Entry {
    fn start(&mut self, field: Field) {
        if field == Field::Context {
            self.context = Some(String::new());
        }
    }

    fn push(&mut self, field: Field, s: &str) {
        match field {
            Field::Context => self.context.get_or_insert_with(String::new).push_str(s),
            Field::Id => self.msgid.push_str(s),
            Field::Plural => self.plural.push_str(s),
            Field::Str => self.msgstr.push_str(s),
        }
    }
}

/// The entry read so far checked (its msgstr, its markers, not a duplicate) and put aside.
fn finish(entry: &mut Entry, entries: &mut Vec<Entry>, file: &str, problems: &mut Vec<Diagnostic>) {
    let e = std::mem::take(entry);
    let Some(msgid_line) = e.msgid_line else {
        return;
    };
    let at = |line: usize, message: String| Diagnostic {
        file: file.to_string(),
        line,
        col: 1,
        message,
    };
    let Some(msgstr_line) = e.msgstr_line else {
        problems.push(at(msgid_line, "this msgid has no msgstr".into()));
        return;
    };
    let header = e.msgid.is_empty() && e.context.is_none();
    if !header {
        if let Some(first) = entries
            .iter()
            .find(|o| o.msgid == e.msgid && o.context == e.context)
        {
            problems.push(at(
                e.context_line.unwrap_or(msgid_line),
                format!(
                    "this message is a duplicate of the one at line {} (the same msgctxt and msgid)",
                    first.context_line.or(first.msgid_line).unwrap_or(0)
                ),
            ));
        }
        if !e.fuzzy && !e.msgstr.trim().is_empty() {
            for (what, of) in [
                ("link targets", link_targets as fn(&str) -> Vec<String>),
                ("placeholders", placeholders),
            ] {
                let (source, translation) = (of(&e.msgid), of(&e.msgstr));
                if sorted(source.clone()) != sorted(translation.clone()) {
                    problems.push(at(
                        msgstr_line,
                        format!(
                            "the translation's {what} ({}) differ from its source's ({}): a translation keeps them as they are",
                            list(&translation),
                            list(&source)
                        ),
                    ));
                }
            }
        }
    }
    entries.push(e);
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

/// A C string in double quotes at the start of `s` (nothing but spaces after it), its
/// escapes read; or the column (1-based, in `s`) and what is wrong.
fn string(s: &str) -> Result<String, (usize, String)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                let after = &s[at + 1..];
                return if after.trim().is_empty() {
                    Ok(out)
                } else {
                    Err((
                        s[..at + 1].chars().count() + 1,
                        "text after the closing quote (a quote inside a string is written \\\")"
                            .into(),
                    ))
                };
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => out.push('\r'),
                Some((_, '"')) => out.push('"'),
                Some((_, '\\')) => out.push('\\'),
                Some((_, 'a' | 'b' | 'f' | 'v')) => {}
                Some((e, other)) => {
                    return Err((
                        s[..e].chars().count(),
                        format!("'\\{other}' is not an escape a PO string may have"),
                    ))
                }
                None => break,
            },
            c => out.push(c),
        }
    }
    Err((1, "this string has no closing quote".into()))
}

/// The targets of the Markdown links and images in `text`: `[...](target)`.
fn link_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let end = after.find(')').unwrap_or(after.len());
        out.push(after[..end].trim().to_string());
        rest = &after[end..];
    }
    out
}

/// The `{name}` placeholders in `text` (a heading's `{#id}` is not one: it stays outside
/// the message, and a translation cannot change it).
fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if close > 0
                    && after[..close]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_') =>
            {
                out.push(format!("{{{}}}", &after[..close]));
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        check("po/fr.po", text)
            .into_iter()
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect()
    }

    const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n";

    #[test]
    fn a_well_formed_file_has_no_problem() {
        let text = format!(
            "{HEADER}#: a.md:1\n#, fuzzy\nmsgctxt \"a.md#x.1\"\nmsgid \"\"\n\"See [the GCM](https://x.org/gcm) \"\n\"for {{n}}.\"\nmsgstr \"Voir [le PMM](https://x.org/gcm) pour {{n}}.\"\n\n#~ msgid \"old\"\n#~ msgstr \"vieux\"\n\nmsgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"un\"\nmsgstr[1] \"plusieurs\"\n"
        );
        assert_eq!(problems(&text), Vec::<String>::new());
    }

    #[test]
    fn a_broken_entry_is_refused_with_its_place() {
        let text = format!("{HEADER}msgid \"Hello\"\nmsgstr \"Bonjour\n\nmsgid \"Bye\"\nmsgstr \"Au revoir\"\nmsgstr \"Salut\"\n\nmsgstr \"orphan\"\n\nmsgid \"x\"\nmsgid \"y\"\nmsgstr \"z\"\n\"a\" b\nmsgxyz \"q\"\n");
        assert_eq!(
            problems(&text),
            [
                "6:8: this string has no closing quote",
                "10:1: a second msgstr for the message of line 8 (a stray msgstr)",
                "12:1: a msgstr with no msgid before it (a stray msgstr)",
                "15:1: a second msgid, but the message of line 14 has no msgstr",
                "17:4: text after the closing quote (a quote inside a string is written \\\")",
                "18:1: 'msgxyz' is not PO: expected msgctxt, msgid, msgid_plural, msgstr, a string or a # comment",
            ]
        );
    }

    #[test]
    fn a_duplicate_message_is_refused_and_the_first_named() {
        let text = format!("{HEADER}msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"c\"\nmsgid \"a\"\nmsgstr \"d\"\n");
        assert_eq!(
            problems(&text),
            ["12:1: this message is a duplicate of the one at line 5 (the same msgctxt and msgid)"]
        );
    }

    #[test]
    fn link_targets_and_placeholders_stay_as_they_are() {
        let text = format!("{HEADER}msgid \"[a](x.md) and {{n}} and ![i](assets/d.svg)\"\nmsgstr \"[a](y.md) et {{m}} et ![i](assets/d.svg)\"\n\n#, fuzzy\nmsgid \"[b](x.md)\"\nmsgstr \"[b](z.md)\"\n\nmsgid \"[c](x.md)\"\nmsgstr \"\"\n");
        assert_eq!(
            problems(&text),
            [
                "6:1: the translation's link targets (y.md, assets/d.svg) differ from its source's (x.md, assets/d.svg): a translation keeps them as they are",
                "6:1: the translation's placeholders ({m}) differ from its source's ({n}): a translation keeps them as they are",
            ]
        );
    }
}
