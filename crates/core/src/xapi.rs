//! xAPI 1.0.3 (pure): what the player tells a Learning Record Store (LRS), and how the
//! statements wait until it has them.
//!
//! - `Launch`: the usual launch parameters in the page's address (`endpoint`, `auth`,
//!   `actor`, `registration`, `activity_id`), read and checked.
//! - `Session`: the statements, typed (initialized, terminated with its duration,
//!   experienced per lesson read, answered per question with the interaction's definition,
//!   passed or failed per assessment attempt, completed). Activity ids derive from the
//!   course's id and version, or from the `activity_id` the launch gives.
//! - `Tracker`: which statements a change of progress calls for (only what happened since
//!   the session started: the LRS is told about a learner's work once).
//! - `Queue`: statements wait in local storage, go out in batches, are retried with backoff
//!   while the LRS cannot be reached (offline, 5xx, 429, a timeout), are never doubled (ids
//!   made here; a 409 for a batch is resent one by one), and one the LRS refuses is kept
//!   aside with why, never dropped silently. Bounded.
//!
//! The browser's part (fetch, storage, timers) is `course_player::xapi`, a chunk fetched only
//! when an LRS is configured. Nothing here logs or keeps the credentials.

use crate::assessment::{Attempt, AttemptResult};
use crate::from_json_struct;
use crate::grade::Response;
use crate::idmap::{IdMap, IdSet};
use crate::json::{FromJson, Json, ShapeError};
use crate::model::{Course, Question, QuestionKind};
use crate::progress::{Completion, Progress};
use serde::Serialize;

/// The xAPI version the statements follow (`X-Experience-API-Version`).
pub const VERSION: &str = "1.0.3";

/// What the player calls itself in `context.platform`.
pub const PLATFORM: &str = "course-engine";

/// The LRS and the learner, from the launch parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Launch {
    /// The LRS's xAPI base, ending in `/` (statements go to `{endpoint}statements`).
    pub endpoint: String,
    /// The `Authorization` header's value, as given.
    pub auth: String,
    pub actor: Agent,
    pub registration: Option<String>,
    /// The course's activity id, when the launching system names it.
    pub activity_id: Option<String>,
}

/// `%41` and `+` as a URL's query writes them, decoded (bytes that are not UTF-8 become
/// U+FFFD).
fn query_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |c: u8| (c as char).to_digit(16);
        if b == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'+' { b' ' } else { b });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `s` looks like a UUID (8-4-4-4-12 hexadecimal digits), as `registration` must be.
pub fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

impl Launch {
    /// The launch in a page's query string (`?endpoint=...&auth=...`), if it has one: none
    /// without `endpoint`; an error saying what is wrong when it is there but unusable.
    pub fn from_query(query: &str) -> Result<Option<Launch>, String> {
        let mut params: Vec<(String, String)> = Vec::new();
        for pair in query.trim_start_matches('?').split('&') {
            if let Some((k, v)) = pair.split_once('=') {
                params.push((query_decode(k), query_decode(v)));
            }
        }
        let get = |key: &str| {
            params
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(endpoint) = get("endpoint") else {
            return Ok(None);
        };
        let endpoint = endpoint_base(&endpoint)?;
        let auth = get("auth").ok_or("the launch gives no credentials for the LRS (auth)")?;
        let actor = get("actor").ok_or("the launch does not say who the learner is (actor)")?;
        let actor = Json::parse(&actor)
            .map_err(|_| "the learner (actor) is not JSON".to_string())
            .and_then(|j| {
                Agent::from_json(&j).map_err(|e| format!("the learner (actor) is unusable: {e}"))
            })?;
        let registration = get("registration");
        if let Some(r) = &registration {
            if !is_uuid(r) {
                return Err("the registration is not a UUID".into());
            }
        }
        Ok(Some(Launch {
            endpoint,
            auth,
            actor,
            registration,
            activity_id: get("activity_id"),
        }))
    }

    /// The origin (`https://lrs.example.org:8443`) of the endpoint.
    pub fn origin(&self) -> &str {
        origin_of(&self.endpoint)
    }
}

/// Where the site's LRS settings are, beside each language's `course/` (`course-engine
/// build --lrs-endpoint`): `{"endpoint": "...", "auth": "Basic ..."}`, a credential that may
/// only write statements.
pub const SITE_LRS_FILE: &str = "lrs.json";

/// Where a site built for one LRS keeps who the learner said they are, for every course
/// and language of the site: the xAPI agent (JSON) that the page's form made of their name
/// and their e-mail address or learner id.
pub const LEARNER_KEY: &str = "course-engine:learner";

/// The event the page's form sends (on `window`) once it has kept who the learner is.
pub const LEARNER_EVENT: &str = "course-engine:learner";

impl Launch {
    /// The launch of a site built for one LRS (`config`: the text of `lrs.json`), for the
    /// learner who said who they are (`learner`: the agent kept under `LEARNER_KEY`). None
    /// until the learner has said who they are.
    pub fn for_site(config: &str, learner: Option<&str>) -> Result<Option<Launch>, String> {
        let unreadable = || "the site's LRS settings (lrs.json) are unreadable".to_string();
        let config = Json::parse(config).map_err(|_| unreadable())?;
        let field = |k: &str| config.get(k).and_then(Json::as_str).ok_or_else(unreadable);
        let (endpoint, auth) = (
            endpoint_base(field("endpoint")?)?,
            field("auth")?.to_string(),
        );
        let Some(actor) = learner.and_then(|l| Agent::from_json(&Json::parse(l).ok()?).ok()) else {
            return Ok(None);
        };
        Ok(Some(Launch {
            endpoint,
            auth,
            actor,
            registration: None,
            activity_id: None,
        }))
    }
}

/// An LRS's xAPI base as a person or a launch gives it, checked and ending in `/`.
pub fn endpoint_base(endpoint: &str) -> Result<String, String> {
    let endpoint = endpoint.trim();
    if !(endpoint.starts_with("https://") || endpoint.starts_with("http://"))
        || endpoint.len() < "http://x".len()
    {
        return Err("the LRS endpoint is not an http(s) address".into());
    }
    Ok(if endpoint.ends_with('/') {
        endpoint.to_string()
    } else {
        format!("{endpoint}/")
    })
}

/// The origin (`https://lrs.example.org:8443`) of an http(s) address.
pub fn origin_of(address: &str) -> &str {
    let after = address.find("://").map(|i| i + 3).unwrap_or(0);
    let end = address[after..]
        .find('/')
        .map(|i| after + i)
        .unwrap_or(address.len());
    &address[..end]
}

/// Whether a page whose Content-Security-Policy is `policy` may connect to `origin` (its
/// `connect-src`, else its `default-src`; no policy allows everything). A site allows the
/// LRSs it was built for (`course-engine build --lrs-origin`).
pub fn connect_allowed(policy: Option<&str>, origin: &str) -> bool {
    let Some(policy) = policy else {
        return true;
    };
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name))
    };
    directive("connect-src")
        .or_else(|| directive("default-src"))
        .is_none_or(|sources| {
            sources
                .split_whitespace()
                .any(|s| s == "*" || s.trim_end_matches('/') == origin)
        })
}

/// `Basic <base64 of user:password>`, the `Authorization` header for an LRS's user.
pub fn basic_auth(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

/// Standard base64, padded.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if i <= chunk.len() {
                ALPHABET[((n >> shift) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// `s` as one component of a URL's query (everything but letters, digits and `-_.~`
/// percent-encoded).
pub fn query_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(
                char::from_digit(u32::from(b >> 4), 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
            out.push(
                char::from_digit(u32::from(b & 15), 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
        }
    }
    out
}

/// Who the statements are about: an xAPI Agent with exactly one identifier.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Agent {
    #[serde(rename = "objectType")]
    pub object_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mbox: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mbox_sha1sum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<Account>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Account {
    #[serde(rename = "homePage")]
    pub home_page: String,
    pub name: String,
}

impl FromJson for Account {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        let text = |key: &str| {
            v.get(key)
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| {
                    ShapeError::new("text", v.get(key).unwrap_or(&Json::Null)).within_key(key)
                })
        };
        Ok(Account {
            home_page: text("homePage")?,
            name: text("name")?,
        })
    }
}

impl FromJson for Agent {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        if !v.is_object() {
            return Err(ShapeError::new("an object", v));
        }
        let text = |key: &str| v.get(key).and_then(Json::as_str).map(str::to_string);
        // Some launchers send lists (the 0.95 form): take the first.
        let first = |key: &str| {
            text(key).or_else(|| {
                v.get(key)
                    .and_then(Json::as_array)
                    .and_then(|a| a.first())
                    .and_then(Json::as_str)
                    .map(str::to_string)
            })
        };
        let account = match v.get("account") {
            Some(a) => Some(Account::from_json(a).map_err(|e| e.within_key("account"))?),
            None => None,
        };
        let agent = Agent {
            object_type: "Agent".into(),
            name: first("name"),
            mbox: first("mbox"),
            mbox_sha1sum: first("mbox_sha1sum"),
            openid: first("openid"),
            account,
        };
        let ids = [
            agent.mbox.is_some(),
            agent.mbox_sha1sum.is_some(),
            agent.openid.is_some(),
            agent.account.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if ids != 1 {
            return Err(ShapeError::new(
                "one identifier: mbox, mbox_sha1sum, openid or account",
                v,
            ));
        }
        if agent
            .mbox
            .as_ref()
            .is_some_and(|m| !m.starts_with("mailto:"))
        {
            return Err(
                ShapeError::new("a mailto: address", v.get("mbox").unwrap_or(&Json::Null))
                    .within_key("mbox"),
            );
        }
        Ok(agent)
    }
}

/// A language map with one language (`{"en": "text"}`).
fn text_in(language: &str, text: String) -> IdMap<String> {
    let mut m = IdMap::new();
    m.insert(language.to_string(), text);
    m
}

/// The text of an HTML fragment: tags dropped, the entities the compiler writes decoded,
/// runs of white space made one space.
pub fn plain(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Verb {
    pub id: &'static str,
    pub display: IdMap<String>,
}

fn verb(name: &'static str) -> Verb {
    let id = match name {
        "initialized" => "http://adlnet.gov/expapi/verbs/initialized",
        "terminated" => "http://adlnet.gov/expapi/verbs/terminated",
        "experienced" => "http://adlnet.gov/expapi/verbs/experienced",
        "answered" => "http://adlnet.gov/expapi/verbs/answered",
        "passed" => "http://adlnet.gov/expapi/verbs/passed",
        "failed" => "http://adlnet.gov/expapi/verbs/failed",
        _ => "http://adlnet.gov/expapi/verbs/completed",
    };
    Verb {
        id,
        display: text_in("en-US", name.to_string()),
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Component {
    pub id: String,
    pub description: IdMap<String>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Definition {
    pub name: IdMap<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<IdMap<String>>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(rename = "interactionType", skip_serializing_if = "Option::is_none")]
    pub interaction_type: Option<&'static str>,
    #[serde(
        rename = "correctResponsesPattern",
        skip_serializing_if = "Option::is_none"
    )]
    pub correct_responses_pattern: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<Component>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<Component>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Vec<Component>>,
}

impl Definition {
    /// An activity's definition with only its name and type.
    fn named(name: IdMap<String>, kind: &'static str) -> Definition {
        Definition {
            name,
            description: None,
            kind,
            interaction_type: None,
            correct_responses_pattern: None,
            choices: None,
            source: None,
            target: None,
        }
    }
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Activity {
    #[serde(rename = "objectType")]
    pub object_type: &'static str,
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Score {
    pub scaled: f64,
    pub raw: u32,
    pub min: u32,
    pub max: u32,
}

#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    #[serde(skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// What this player adds to a result for the instructor's page, so that it can show a
/// class from a few statements per learner (`class`): an attempt's right and wrong
/// questions, the completion's id and day, the learner's time on task.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Extensions {
    #[serde(
        rename = "urn:course-engine:xapi:questions",
        skip_serializing_if = "Option::is_none"
    )]
    pub questions: Option<IdMap<bool>>,
    #[serde(
        rename = "urn:course-engine:xapi:completion",
        skip_serializing_if = "Option::is_none"
    )]
    pub completion: Option<CompletionMark>,
    #[serde(
        rename = "urn:course-engine:xapi:time-on-task",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_on_task: Option<u64>,
}

impl Extensions {
    pub fn is_empty(&self) -> bool {
        self.questions.is_none() && self.completion.is_none() && self.time_on_task.is_none()
    }
}

/// The completion as the certificate shows it: its id and the day it counts for.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct CompletionMark {
    pub id: String,
    pub day: String,
}

#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct ContextActivities {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parent: Vec<Activity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grouping: Vec<Activity>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Context {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    #[serde(rename = "contextActivities", skip_serializing_if = "Option::is_none")]
    pub context_activities: Option<ContextActivities>,
    pub language: String,
    pub platform: &'static str,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Statement {
    pub id: String,
    pub actor: Agent,
    pub verb: Verb,
    pub object: Activity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Outcome>,
    pub context: Context,
    pub timestamp: String,
}

impl Statement {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a statement always serialises")
    }
}

/// A random (version 4) UUID from 16 random bytes.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

/// `n` in at least `width` digits (no padded formatting in the wasm).
fn push_padded(out: &mut String, n: u64, width: usize) {
    let digits = n.to_string();
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// An ISO 8601 timestamp in UTC with milliseconds (`2026-11-22T10:00:00.000Z`).
pub fn timestamp(ms: f64) -> String {
    let (year, month, day) = crate::assessment::civil_date(ms);
    let ms = ms.max(0.0) as u64;
    let in_day = ms % 86_400_000;
    let mut out = String::with_capacity(24);
    push_padded(&mut out, year.max(0) as u64, 4);
    for (sep, n, w) in [
        ('-', u64::from(month), 2),
        ('-', u64::from(day), 2),
        ('T', in_day / 3_600_000, 2),
        (':', in_day / 60_000 % 60, 2),
        (':', in_day / 1000 % 60, 2),
        ('.', in_day % 1000, 3),
    ] {
        out.push(sep);
        push_padded(&mut out, n, w);
    }
    out.push('Z');
    out
}

/// An ISO 8601 duration in whole seconds (`PT1H2M5S`).
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    out.push_str(&format!("{s}S"));
    out
}

/// The statements of one learner's session in one course.
#[derive(Clone, Debug)]
pub struct Session {
    actor: Agent,
    registration: Option<String>,
    /// The course's activity id; the others are below it.
    root: String,
    course_name: String,
    language: String,
}

const ACTIVITY_COURSE: &str = "http://adlnet.gov/expapi/activities/course";
const ACTIVITY_LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
const ACTIVITY_ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";
const ACTIVITY_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// The separators of the cmi.interaction response format.
const LIST: &str = "[,]";
const PAIR: &str = "[.]";

impl Session {
    pub fn new(course: &Course, launch: &Launch) -> Session {
        Session {
            actor: launch.actor.clone(),
            registration: launch.registration.clone(),
            root: launch
                .activity_id
                .clone()
                .unwrap_or_else(|| course_activity_id(course)),
            course_name: course.title.clone(),
            language: course.language.clone(),
        }
    }

    /// The course's activity id.
    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn lesson_id(&self, lesson: &str) -> String {
        format!("{}/lessons/{lesson}", self.root)
    }

    pub fn question_id(&self, question: &str) -> String {
        format!("{}/questions/{question}", self.root)
    }

    pub fn assessment_id(&self) -> String {
        format!("{}/assessment", self.root)
    }

    fn course(&self) -> Activity {
        Activity {
            object_type: "Activity",
            id: self.root.clone(),
            definition: Some(Definition::named(
                text_in(&self.language, self.course_name.clone()),
                ACTIVITY_COURSE,
            )),
        }
    }

    fn course_ref(&self) -> Activity {
        Activity {
            object_type: "Activity",
            id: self.root.clone(),
            definition: None,
        }
    }

    fn statement(
        &self,
        id: String,
        now: f64,
        name: &'static str,
        object: Activity,
        result: Option<Outcome>,
        parent: Option<Activity>,
    ) -> Statement {
        let in_course = object.id != self.root;
        let context_activities = in_course.then(|| ContextActivities {
            parent: vec![parent.unwrap_or_else(|| self.course_ref())],
            grouping: vec![self.course_ref()],
        });
        Statement {
            id,
            actor: self.actor.clone(),
            verb: verb(name),
            object,
            result,
            context: Context {
                registration: self.registration.clone(),
                context_activities,
                language: self.language.clone(),
                platform: PLATFORM,
            },
            timestamp: timestamp(now),
        }
    }

    pub fn initialized(&self, id: String, now: f64) -> Statement {
        self.statement(id, now, "initialized", self.course(), None, None)
    }

    /// The session ends: how long it lasted, and the learner's time on task in the course
    /// so far, when the page could read it.
    pub fn terminated(
        &self,
        id: String,
        now: f64,
        seconds: u64,
        time_on_task: Option<u64>,
    ) -> Statement {
        let result = Outcome {
            duration: Some(duration(seconds)),
            extensions: Extensions {
                time_on_task,
                ..Extensions::default()
            },
            ..Outcome::default()
        };
        self.statement(id, now, "terminated", self.course(), Some(result), None)
    }

    /// A lesson read to its end.
    pub fn experienced(&self, id: String, now: f64, course: &Course, lesson: &str) -> Statement {
        let title = course
            .lessons_in_order()
            .find(|(_, l)| l.id == lesson)
            .map(|(_, l)| l.title.clone())
            .unwrap_or_else(|| lesson.to_string());
        let object = Activity {
            object_type: "Activity",
            id: self.lesson_id(lesson),
            definition: Some(Definition::named(
                text_in(&self.language, title),
                ACTIVITY_LESSON,
            )),
        };
        self.statement(id, now, "experienced", object, None, None)
    }

    /// An answer to a question (a knowledge check's, or one of an assessment attempt's):
    /// the response in the cmi.interaction format, whether it was right, and the
    /// interaction's definition.
    pub fn answered(
        &self,
        id: String,
        now: f64,
        q: &Question,
        response: &Response,
        correct: bool,
        in_assessment: bool,
    ) -> Statement {
        let result = Outcome {
            success: Some(correct),
            response: Some(interaction_response(q, response)),
            ..Outcome::default()
        };
        let parent = in_assessment.then(|| Activity {
            object_type: "Activity",
            id: self.assessment_id(),
            definition: None,
        });
        self.statement(
            id,
            now,
            "answered",
            self.interaction(q),
            Some(result),
            parent,
        )
    }

    /// A question as an xAPI interaction activity.
    pub fn interaction(&self, q: &Question) -> Activity {
        let component = |id: String, html: &str| Component {
            id,
            description: text_in(&self.language, plain(html)),
        };
        let mut d = Definition {
            // (The question's id when its words could not be fetched: `feedback`.)
            name: text_in(
                &self.language,
                if q.prompt_html.is_empty() {
                    q.id.clone()
                } else {
                    plain(&q.prompt_html)
                },
            ),
            description: (!q.body_html.is_empty())
                .then(|| text_in(&self.language, plain(&q.body_html))),
            kind: ACTIVITY_INTERACTION,
            interaction_type: None,
            correct_responses_pattern: Some(vec![correct_pattern(q)]),
            choices: None,
            source: None,
            target: None,
        };
        match q.kind {
            QuestionKind::TrueFalse => d.interaction_type = Some("true-false"),
            QuestionKind::SingleChoice | QuestionKind::MultipleResponse => {
                d.interaction_type = Some("choice");
                d.choices = Some(
                    q.choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| component(choice_id(i), &c.html))
                        .collect(),
                );
            }
            QuestionKind::Matching => {
                d.interaction_type = Some("matching");
                d.source = Some(
                    q.pairs
                        .iter()
                        .enumerate()
                        .map(|(i, p)| component(choice_id(i), &p.item_html))
                        .collect(),
                );
                d.target = Some(
                    q.pairs
                        .iter()
                        .enumerate()
                        .map(|(i, p)| component(choice_id(i), &p.match_html))
                        .collect(),
                );
            }
        }
        Activity {
            object_type: "Activity",
            id: self.question_id(&q.id),
            definition: Some(d),
        }
    }

    /// An assessment attempt submitted: passed or failed, with its score.
    pub fn attempt_result(&self, id: String, result: &AttemptResult) -> Statement {
        let outcome = Outcome {
            score: Some(Score {
                scaled: f64::from(result.score) / 100.0,
                raw: result.score,
                min: 0,
                max: 100,
            }),
            success: Some(result.passed),
            completion: Some(true),
            extensions: Extensions {
                questions: Some(result.per_question.clone()),
                ..Extensions::default()
            },
            ..Outcome::default()
        };
        let object = Activity {
            object_type: "Activity",
            id: self.assessment_id(),
            definition: Some(Definition::named(
                text_in(&self.language, format!("{}: assessment", self.course_name)),
                ACTIVITY_ASSESSMENT,
            )),
        };
        let name = if result.passed { "passed" } else { "failed" };
        self.statement(id, result.submitted_at, name, object, Some(outcome), None)
    }

    /// The course completed (every topic done and the assessment passed), with the
    /// certificate's id and day.
    pub fn completed(
        &self,
        id: String,
        now: f64,
        score: Option<u32>,
        completion: Option<&Completion>,
    ) -> Statement {
        let outcome = Outcome {
            score: score.map(|s| Score {
                scaled: f64::from(s) / 100.0,
                raw: s,
                min: 0,
                max: 100,
            }),
            success: Some(true),
            completion: Some(true),
            extensions: Extensions {
                completion: completion.map(|c| CompletionMark {
                    id: c.id.clone(),
                    day: c.day(),
                }),
                ..Extensions::default()
            },
            ..Outcome::default()
        };
        self.statement(id, now, "completed", self.course(), Some(outcome), None)
    }
}

/// The local-storage key of the statements queued for the LRS (the reporter's queue).
pub fn queue_key(course_id: &str) -> String {
    format!("course-engine:{course_id}:xapi")
}

/// The local-storage key of the results page's LRS reader settings (never the password).
pub fn reader_key(course_id: &str) -> String {
    format!("course-engine:{course_id}:lrs-reader")
}

/// The course's activity id when the launch names none: from its id and version.
pub fn course_activity_id(course: &Course) -> String {
    format!(
        "urn:course-engine:{}:{}",
        iri_safe(&course.id),
        iri_safe(&course.version)
    )
}

/// Ids and versions are made of letters, digits, `-`, `_` and `.`; anything else becomes `-`.
fn iri_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// An option's id in the interaction: its position, from 1.
fn choice_id(i: usize) -> String {
    (i + 1).to_string()
}

/// The correct response, in the cmi.interaction format.
fn correct_pattern(q: &Question) -> String {
    match q.kind {
        QuestionKind::TrueFalse => true_false(q.choices.iter().position(|c| c.correct)),
        QuestionKind::Matching => (0..q.pairs.len())
            .map(|i| format!("{}{PAIR}{}", choice_id(i), choice_id(i)))
            .collect::<Vec<_>>()
            .join(LIST),
        _ => q
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| choice_id(i))
            .collect::<Vec<_>>()
            .join(LIST),
    }
}

/// `true` or `false` for the option at `index` of a true/false question (its options are
/// True then False, in the course's language).
fn true_false(index: Option<usize>) -> String {
    if index == Some(0) { "true" } else { "false" }.to_string()
}

/// A learner's response, in the cmi.interaction format.
pub fn interaction_response(q: &Question, r: &Response) -> String {
    match (q.kind, r) {
        (QuestionKind::TrueFalse, Response::Choices(c)) => true_false(c.first().copied()),
        (_, Response::Choices(c)) => c
            .iter()
            .map(|&i| choice_id(i))
            .collect::<Vec<_>>()
            .join(LIST),
        (_, Response::Matching(m)) => m
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.map(|t| format!("{}{PAIR}{}", choice_id(i), choice_id(t))))
            .collect::<Vec<_>>()
            .join(LIST),
    }
}

/// Which statements the learner's progress calls for: what it has that was not told yet
/// (`Tracker::default()` tells everything; `Tracker::new(p)` takes `p` as told). Kept with
/// the queue, so that a change the page could not report before it closed is reported the
/// next time.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Tracker {
    seen: IdSet,
    /// Knowledge-check answers, by question, with when they were given.
    answers: IdMap<f64>,
    /// Seeds of the attempts already submitted.
    submitted: Vec<u64>,
    completed: bool,
}

from_json_struct!(Tracker {} or_default { seen, answers, submitted, completed });

impl Tracker {
    /// A tracker that takes `p` as already told.
    pub fn new(p: &Progress) -> Tracker {
        let mut t = Tracker::default();
        t.take(p);
        t
    }

    fn take(&mut self, p: &Progress) {
        self.seen = p.seen.clone();
        self.answers = p.answers.iter().map(|(id, a)| (id.clone(), a.at)).collect();
        self.submitted = p
            .attempts
            .iter()
            .filter(|a| a.result.is_some())
            .map(|a| a.seed)
            .collect();
        self.completed = p.completion.is_some();
    }

    /// The statements for what `p` has that the tracker has not seen, in the order things
    /// happened (lessons, answers, attempts, completion); `id` gives each a new id.
    pub fn news(
        &mut self,
        session: &Session,
        course: &Course,
        p: &Progress,
        now: f64,
        id: &mut dyn FnMut() -> String,
    ) -> Vec<Statement> {
        let mut out = Vec::new();
        for (_, lesson) in course.lessons_in_order() {
            if p.seen.contains(&lesson.id) && !self.seen.contains(&lesson.id) {
                out.push(session.experienced(id(), now, course, &lesson.id));
            }
        }
        for (qid, a) in p.answers.iter() {
            if self.answers.get(qid) == Some(&a.at) {
                continue;
            }
            if let Some(q) = course.check_question(qid) {
                out.push(session.answered(id(), a.at, q, &a.response, a.correct, false));
            }
        }
        for attempt in &p.attempts {
            let Some(result) = &attempt.result else {
                continue;
            };
            if self.submitted.contains(&attempt.seed) {
                continue;
            }
            out.extend(attempt_statements(session, course, attempt, result, id));
        }
        if p.completion.is_some() && !self.completed {
            let at = p.completion.as_ref().map(|c| c.at).unwrap_or(now);
            out.push(session.completed(
                id(),
                at,
                crate::assessment::best_score(p),
                p.completion.as_ref(),
            ));
        }
        self.take(p);
        out
    }
}

/// A submitted attempt: an answer per question, then passed or failed.
fn attempt_statements(
    session: &Session,
    course: &Course,
    attempt: &Attempt,
    result: &AttemptResult,
    id: &mut dyn FnMut() -> String,
) -> Vec<Statement> {
    let mut out = Vec::new();
    for qid in &attempt.questions {
        let (Some(q), Some(r)) = (course.bank_question(qid), attempt.responses.get(qid)) else {
            continue;
        };
        let right = result.per_question.get(qid).copied().unwrap_or(false);
        out.push(session.answered(id(), result.submitted_at, q, r, right, true));
    }
    out.push(session.attempt_result(id(), result));
    out
}

/// The most statements that wait; beyond it the oldest go (`Queue::dropped` counts them,
/// and the learner is told). Two thousand is about forty learners' worth of a whole course.
pub const QUEUE_LIMIT: usize = 2000;

/// The most statements in one request.
pub const BATCH: usize = 25;

/// The longest wait between two tries, in milliseconds.
pub const MAX_BACKOFF_MS: f64 = 300_000.0;

/// A statement waiting to be sent: its id and its JSON.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Queued {
    pub id: String,
    pub statement: String,
}

from_json_struct!(Queued { id, statement });

/// A statement the LRS refused, and why: kept, never dropped silently.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Refused {
    pub id: String,
    pub statement: String,
    pub reason: String,
}

from_json_struct!(Refused {
    id,
    statement,
    reason
});

/// Statements waiting for the LRS, as kept in local storage.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub waiting: Vec<Queued>,
    pub refused: Vec<Refused>,
    /// Failed tries in a row (for the backoff).
    pub failures: u32,
    /// Not before this time (ms since 1970) after a failure.
    pub retry_at: f64,
    /// Send one at a time (after a batch was refused as a whole, to find which).
    pub single: bool,
    /// Statements dropped because the queue was full.
    pub dropped: u32,
}

from_json_struct!(Queue {} or_default { waiting, refused, failures, retry_at, single, dropped });

/// What the LRS chunk keeps in local storage (`course-engine:<course>:xapi`): the queue
/// and what has been told.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Kept {
    pub queue: Queue,
    /// None before the first session with an LRS.
    pub told: Option<Tracker>,
}

from_json_struct!(Kept {} or_default { queue, told });

impl Kept {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("what is kept always serialises")
    }
}

/// What the LRS answered to a batch.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// 200 or 204: stored.
    Stored,
    /// 409: some of these ids are there already.
    Conflict,
    /// No answer, a timeout, 408, 429 or 5xx: try again later.
    Unreachable,
    /// Another 4xx (or 3xx): the LRS will not take this as it is.
    Refused { status: u16, reason: String },
}

impl Answer {
    /// The answer an HTTP status means (`0` for no answer at all).
    pub fn of_status(status: u16, body: &str) -> Answer {
        match status {
            200..=299 => Answer::Stored,
            409 => Answer::Conflict,
            0 | 408 | 429 | 500..=599 => Answer::Unreachable,
            _ => Answer::Refused {
                status,
                reason: body.chars().take(300).collect(),
            },
        }
    }
}

impl Queue {
    /// Adds a statement; when full, the oldest waiting one goes.
    pub fn push(&mut self, s: &Statement) {
        if self.waiting.len() >= QUEUE_LIMIT {
            self.waiting.remove(0);
            self.dropped += 1;
        }
        self.waiting.push(Queued {
            id: s.id.clone(),
            statement: s.to_json(),
        });
    }

    /// The next batch to send at `now` (the oldest first), if any is due: its ids and the
    /// request's body.
    pub fn batch(&self, now: f64) -> Option<(Vec<String>, String)> {
        if self.waiting.is_empty() || now < self.retry_at {
            return None;
        }
        let n = if self.single { 1 } else { BATCH };
        let items = &self.waiting[..n.min(self.waiting.len())];
        let body = format!(
            "[{}]",
            items
                .iter()
                .map(|q| q.statement.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        Some((items.iter().map(|q| q.id.clone()).collect(), body))
    }

    /// Takes in the LRS's answer to the batch of `ids`, at `now`.
    pub fn answered(&mut self, ids: &[String], answer: Answer, now: f64) {
        let sent = |q: &mut Queue| q.waiting.retain(|w| !ids.contains(&w.id));
        match answer {
            Answer::Stored => {
                sent(self);
                self.failures = 0;
                self.retry_at = 0.0;
            }
            // One statement: the LRS has it already (an earlier try reached it). More: the
            // LRS stored none of them; one at a time finds which it has.
            Answer::Conflict if ids.len() == 1 => {
                sent(self);
                self.failures = 0;
                self.retry_at = 0.0;
            }
            Answer::Conflict => self.single = true,
            Answer::Unreachable => {
                self.failures += 1;
                let wait = 1000.0 * f64::from(1u32 << self.failures.min(10).saturating_sub(1));
                self.retry_at = now + wait.min(MAX_BACKOFF_MS);
            }
            Answer::Refused { status, reason } if ids.len() == 1 => {
                let reason = format!("the LRS answered {status}: {reason}");
                self.waiting.retain(|w| {
                    if ids.contains(&w.id) {
                        self.refused.push(Refused {
                            id: w.id.clone(),
                            statement: w.statement.clone(),
                            reason: reason.clone(),
                        });
                        false
                    } else {
                        true
                    }
                });
                // Found it: the rest can go in batches again.
                self.single = false;
                self.failures = 0;
                self.retry_at = 0.0;
            }
            Answer::Refused { .. } => self.single = true,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a queue always serialises")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::testing::{compiled, finish_topics, ids, submit_attempt};

    fn course() -> crate::model::Course {
        compiled("course")
    }

    fn launch() -> Launch {
        Launch::from_query(
            "?endpoint=http%3A%2F%2F127.0.0.1%3A8100%2FxAPI&auth=Basic%20dTpw\
             &actor=%7B%22mbox%22%3A%22mailto%3Aamina%40example.org%22%2C%22name%22%3A%22Amina%22%7D\
             &registration=6f1b3e5a-0c3d-4e8a-9b1c-2d3e4f5a6b7c",
        )
        .unwrap()
        .unwrap()
    }

    #[test]
    fn a_launch_is_read_from_the_address_and_checked() {
        let l = launch();
        assert_eq!(l.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(l.origin(), "http://127.0.0.1:8100");
        assert_eq!(l.auth, "Basic dTpw");
        assert_eq!(l.actor.mbox.as_deref(), Some("mailto:amina@example.org"));
        assert_eq!(l.actor.name.as_deref(), Some("Amina"));
        assert_eq!(
            l.registration.as_deref(),
            Some("6f1b3e5a-0c3d-4e8a-9b1c-2d3e4f5a6b7c")
        );
        assert_eq!(Launch::from_query("?lang=fr"), Ok(None));
        assert_eq!(Launch::from_query(""), Ok(None));
        let err = |q: &str| Launch::from_query(q).unwrap_err();
        assert!(err("endpoint=ftp://x").contains("http(s)"));
        assert!(err("endpoint=https://x/").contains("auth"));
        assert!(err("endpoint=https://x/&auth=B").contains("actor"));
        assert!(err("endpoint=https://x/&auth=B&actor=%7Bx").contains("not JSON"));
        assert!(
            err("endpoint=https://x/&auth=B&actor=%7B%22name%22%3A%22A%22%7D")
                .contains("one identifier")
        );
        assert!(err(
            "endpoint=https://x/&auth=B&actor=%7B%22mbox%22%3A%22mailto%3Aa%40b%22%7D&registration=7"
        )
        .contains("UUID"));
        // An account instead of an address.
        let a = Launch::from_query(
            "endpoint=https://x/&auth=B&actor=%7B%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Flms%22%2C%22name%22%3A%2242%22%7D%7D",
        )
        .unwrap()
        .unwrap();
        assert_eq!(a.actor.account.unwrap().name, "42");
    }

    #[test]
    fn times_and_ids_are_written_as_xapi_wants_them() {
        assert_eq!(timestamp(1_795_305_600_000.0), "2026-11-22T00:00:00.000Z");
        assert_eq!(timestamp(1_795_341_845_007.0), "2026-11-22T10:04:05.007Z");
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(3725), "PT1H2M5S");
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid(&id) && !is_uuid("ffffffff-ffff-4fff-bfff"));
        assert_eq!(
            plain("<p>Who <em>leads</em> &amp; who&#39;s &lt;1&gt;?</p>"),
            "Who leads & who's <1>?"
        );
    }

    #[test]
    fn a_session_tells_the_lrs_what_happened_since_it_started_once() {
        let c = course();
        let l = launch();
        let s = Session::new(&c, &l);
        assert_eq!(
            s.root(),
            format!("urn:course-engine:{}:{}", c.id, c.version)
        );
        let mut p = Progress::new(&c);
        p.seen.insert(c.topics[0].lessons[0].id.clone());
        let mut t = Tracker::new(&p);
        let mut id = ids();
        assert!(
            t.news(&s, &c, &p, 1.0, &mut id).is_empty(),
            "history is not retold"
        );

        // A lesson read, every check answered, the assessment passed: the course complete.
        finish_topics(&c, &mut p, 2.0);
        let news = t.news(&s, &c, &p, 3.0, &mut id);
        let lessons = c.lessons_in_order().count() - 1;
        let checks: usize = c.topics.iter().map(|t| t.check.len()).sum();
        assert_eq!(news.len(), lessons + checks);
        assert!(news[..lessons]
            .iter()
            .all(|s| s.verb.id.ends_with("/experienced")));
        assert!(news[lessons..]
            .iter()
            .all(|s| s.verb.id.ends_with("/answered")
                && s.result.as_ref().unwrap().success == Some(true)));
        assert!(t.news(&s, &c, &p, 4.0, &mut id).is_empty(), "told once");

        submit_attempt(&c, &mut p, 9, usize::MAX, 5.0, 6.0);
        let n = p.attempts[0].questions.len();
        crate::assessment::record_completion(&c, &mut p, 7.0, 1, (2026, 11, 22));
        let news = t.news(&s, &c, &p, 8.0, &mut id);
        let assessment_id = s.assessment_id();
        assert_eq!(news.len(), n + 2);
        assert!(news[..n].iter().all(|s| s.verb.id.ends_with("/answered")
            && s.context.context_activities.as_ref().unwrap().parent[0].id == assessment_id));
        assert_eq!(news[n].verb.id, "http://adlnet.gov/expapi/verbs/passed");
        let score = news[n].result.as_ref().unwrap().score.as_ref().unwrap();
        assert_eq!((score.raw, score.scaled), (100, 1.0));
        assert_eq!(
            news[n + 1].verb.id,
            "http://adlnet.gov/expapi/verbs/completed"
        );
        // Every statement has its own id; all carry the registration and the course.
        let mut all: Vec<&str> = news.iter().map(|s| s.id.as_str()).collect();
        all.dedup();
        assert_eq!(all.len(), news.len());
        for st in &news {
            assert_eq!(st.context.registration, l.registration);
            assert_eq!(st.context.language, c.language);
        }
    }

    #[test]
    fn questions_become_interactions_with_their_correct_response() {
        let c = course();
        let s = Session::new(&c, &launch());
        for q in c
            .topics
            .iter()
            .flat_map(|t| t.check.iter())
            .chain(&c.assessment.bank)
        {
            let a = s.interaction(q);
            let d = a.definition.unwrap();
            let pattern = d.correct_responses_pattern.unwrap().remove(0);
            match q.kind {
                QuestionKind::TrueFalse => {
                    assert_eq!(d.interaction_type, Some("true-false"));
                    assert!(pattern == "true" || pattern == "false");
                }
                QuestionKind::Matching => {
                    assert_eq!(d.interaction_type, Some("matching"));
                    assert_eq!(d.source.unwrap().len(), q.pairs.len());
                    assert_eq!(pattern.split(LIST).count(), q.pairs.len());
                }
                _ => {
                    assert_eq!(d.interaction_type, Some("choice"));
                    assert_eq!(d.choices.unwrap().len(), q.choices.len());
                    assert!(!pattern.is_empty());
                }
            }
            // The right answer, given, reads as the pattern.
            let right = crate::testing::right(q);
            assert_eq!(interaction_response(q, &right), pattern, "{}", q.id);
        }
    }

    /// Statements of a session, `n` giving each its id.
    fn statements() -> impl Fn(u8) -> Statement {
        let s = Session::new(&course(), &launch());
        move |n| s.initialized(uuid_v4([n; 16]), 1.0)
    }

    #[test]
    fn the_queue_batches_retries_with_backoff_and_never_doubles_or_drops_silently() {
        let statement = statements();
        let mut q = Queue::default();
        for n in 0..30 {
            q.push(&statement(n));
        }
        let (ids, body) = q.batch(0.0).unwrap();
        assert_eq!(ids.len(), BATCH);
        assert!(body.starts_with("[{") && body.ends_with("}]"));
        // Offline: wait 1 s, then 2 s, 4 s... up to five minutes.
        q.answered(&ids, Answer::Unreachable, 1000.0);
        assert_eq!(q.batch(1500.0), None);
        assert!(q.batch(2000.0).is_some());
        q.answered(&ids, Answer::Unreachable, 2000.0);
        assert_eq!(q.retry_at, 4000.0);
        for _ in 0..20 {
            q.answered(&ids, Answer::Unreachable, 0.0);
        }
        assert_eq!(q.retry_at, MAX_BACKOFF_MS);
        // Back: sent, and the rest follow.
        q.answered(&ids, Answer::Stored, 9e5);
        assert_eq!(q.waiting.len(), 5);
        assert_eq!(q.batch(9e5).unwrap().0.len(), 5);

        // 409 for a batch: resent singly; a single 409 means the LRS has it.
        let (ids, _) = q.batch(9e5).unwrap();
        q.answered(&ids, Answer::Conflict, 9e5);
        assert!(q.single && q.waiting.len() == 5);
        let (one, _) = q.batch(9e5).unwrap();
        assert_eq!(one.len(), 1);
        q.answered(&one, Answer::Conflict, 9e5);
        assert_eq!(q.waiting.len(), 4);

        // A statement the LRS refuses: found one by one, kept aside with why.
        let (ids, _) = q.batch(9e5).unwrap();
        assert_eq!(
            ids.len(),
            1,
            "still one at a time until the refused one is found"
        );
        q.answered(&ids, Answer::of_status(400, "bad verb"), 9e5);
        assert_eq!(q.refused.len(), 1);
        assert_eq!(q.refused[0].reason, "the LRS answered 400: bad verb");
        assert!(!q.single);
        assert_eq!(q.waiting.len(), 3);

        // Read back as stored, with what has been told.
        let back: Queue = crate::json::from_str(&q.to_json()).unwrap();
        assert_eq!(back, q);
        let c = course();
        let mut p = Progress::new(&c);
        finish_topics(&c, &mut p, 1.0);
        let kept = Kept {
            queue: q.clone(),
            told: Some(Tracker::new(&p)),
        };
        let back: Kept = crate::json::from_str(&kept.to_json()).unwrap();
        assert_eq!(back, kept);

        // Bounded: the oldest go, counted.
        let mut full = Queue::default();
        for n in 0..(QUEUE_LIMIT + 3) {
            full.push(&statement((n % 250) as u8));
        }
        assert_eq!((full.waiting.len(), full.dropped), (QUEUE_LIMIT, 3));
    }

    /// Writes every kind of statement to `XAPI_SAMPLES` (a file), for `scripts/validate-xapi.mjs`.
    #[test]
    fn sample_statements() {
        let Ok(out) = std::env::var("XAPI_SAMPLES") else {
            return;
        };
        let c = course();
        let s = Session::new(&c, &launch());
        let mut id = ids();
        let mut all = vec![
            s.initialized(id(), 1.0),
            s.terminated(id(), 2.0, 65, Some(60)),
        ];
        let mut p = Progress::new(&c);
        let mut t = Tracker::new(&p);
        finish_topics(&c, &mut p, 2.0);
        submit_attempt(&c, &mut p, 9, 3, 5.0, 6.0);
        submit_attempt(&c, &mut p, 10, usize::MAX, 7.0, 8.0);
        all.extend(t.news(&s, &c, &p, 3.0, &mut id));
        let done = crate::progress::Completion {
            at: 9.0,
            id: "AB12-CD34".into(),
            day: Some("2026-12-02".into()),
        };
        all.push(s.completed(id(), 9.0, Some(90), Some(&done)));
        for q in c
            .topics
            .iter()
            .flat_map(|t| t.check.iter())
            .chain(&c.assessment.bank)
        {
            let r = crate::testing::right(q);
            all.push(s.answered(id(), 4.0, q, &r, true, false));
        }
        let json: Vec<String> = all.iter().map(Statement::to_json).collect();
        std::fs::write(out, format!("[{}]", json.join(","))).unwrap();
    }

    #[test]
    fn a_site_for_one_lrs_launches_once_the_learner_has_said_who_they_are() {
        let config =
            r#"{"endpoint": "https://lrs.example.org/xAPI", "auth": "Basic d3JpdGVyOnB3"}"#;
        assert_eq!(Launch::for_site(config, None), Ok(None));
        assert_eq!(Launch::for_site(config, Some("Amina")), Ok(None));
        assert_eq!(Launch::for_site(config, Some("{}")), Ok(None));
        let amina = r#"{"objectType": "Agent", "name": "Amina Diallo", "mbox": "mailto:amina@example.org"}"#;
        let l = Launch::for_site(config, Some(amina)).unwrap().unwrap();
        assert_eq!(l.endpoint, "https://lrs.example.org/xAPI/");
        assert_eq!(l.auth, "Basic d3JpdGVyOnB3");
        assert_eq!(l.actor.mbox.as_deref(), Some("mailto:amina@example.org"));
        assert_eq!(l.actor.name.as_deref(), Some("Amina Diallo"));
        assert_eq!((l.registration, l.activity_id), (None, None));
        let by_id = r#"{"objectType": "Agent", "account": {"homePage": "https://learn.example.org", "name": "IOM-4411"}}"#;
        let l = Launch::for_site(config, Some(by_id)).unwrap().unwrap();
        assert_eq!(l.actor.account.map(|a| a.name).as_deref(), Some("IOM-4411"));
        for bad in ["", "{}", r#"{"endpoint": "lrs", "auth": "x"}"#] {
            assert!(Launch::for_site(bad, Some(amina)).is_err(), "{bad}");
        }
    }

    #[test]
    fn credentials_and_query_values_are_encoded_as_http_wants() {
        assert_eq!(basic_auth("u", "p"), "Basic dTpw");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(query_encode("urn:a b/é~"), "urn%3Aa%20b%2F%C3%A9~");
        assert!(connect_allowed(None, "https://lrs.example.org"));
        let p = "default-src 'self'; connect-src 'self' https://lrs.example.org; object-src 'none'";
        assert!(connect_allowed(Some(p), "https://lrs.example.org"));
        assert!(!connect_allowed(Some(p), "https://other.example.org"));
        assert!(!connect_allowed(
            Some("default-src 'self'"),
            "https://lrs.example.org"
        ));
        assert_eq!(
            endpoint_base(" https://lrs.example.org/xAPI "),
            Ok("https://lrs.example.org/xAPI/".into())
        );
        assert!(endpoint_base("lrs.example.org").is_err());
        assert_eq!(
            origin_of("https://lrs.example.org:8443/xAPI/"),
            "https://lrs.example.org:8443"
        );
    }

    #[test]
    fn statuses_mean_what_http_says() {
        assert_eq!(Answer::of_status(200, ""), Answer::Stored);
        assert_eq!(Answer::of_status(204, ""), Answer::Stored);
        assert_eq!(Answer::of_status(409, ""), Answer::Conflict);
        for s in [0, 408, 429, 500, 502, 503] {
            assert_eq!(Answer::of_status(s, ""), Answer::Unreachable, "{s}");
        }
        assert!(matches!(
            Answer::of_status(401, "no"),
            Answer::Refused { status: 401, .. }
        ));
    }

    #[test]
    fn statements_serialise_with_xapi_names() {
        let c = course();
        let s = Session::new(&c, &launch());
        let q = c.topics[0].check[0].clone();
        let json = s
            .answered(
                uuid_v4([1; 16]),
                1.0,
                &q,
                &Response::Choices(vec![0]),
                true,
                false,
            )
            .to_json();
        for key in [
            "\"objectType\":\"Agent\"",
            "\"interactionType\"",
            "\"correctResponsesPattern\"",
            "\"contextActivities\"",
            "\"platform\":\"course-engine\"",
            "\"timestamp\":\"1970-01-01T00:00:00.001Z\"",
        ] {
            assert!(json.contains(key), "{key} in {json}");
        }
    }
}
