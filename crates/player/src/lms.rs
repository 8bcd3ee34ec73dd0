//! SCORM 1.2 adapter: finds the LMS's `API` object (in a parent frame or the opener) and
//! calls it. What to report comes from `scorm`; this only moves strings to and from the LMS.
//! Without an LMS nothing here runs, and local storage stays the record.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone)]
pub struct Lms {
    api: JsValue,
}

fn api_in(w: &JsValue) -> Option<JsValue> {
    // A cross-origin frame throws on access: that is "no API here".
    Reflect::get(w, &JsValue::from_str("API"))
        .ok()
        .filter(|a| a.is_object())
}

fn up(w: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(w, &JsValue::from_str(key))
        .ok()
        .filter(|x| x.is_object())
}

impl Lms {
    /// Looks for the LMS API in this window, its parents (up to 10 levels), then the opener
    /// and its parents, as the SCORM 1.2 run-time guide describes.
    pub fn find() -> Option<Lms> {
        let window: JsValue = web_sys::window()?.into();
        let search = |start: JsValue| {
            let mut w = start;
            for _ in 0..10 {
                if let Some(api) = api_in(&w) {
                    return Some(api);
                }
                let parent = up(&w, "parent")?;
                if js_sys::Object::is(&parent, &w) {
                    return None;
                }
                w = parent;
            }
            None
        };
        search(window.clone())
            .or_else(|| up(&window, "opener").and_then(search))
            .map(|api| Lms { api })
    }

    fn call(&self, name: &str, args: &[&str]) -> String {
        let Some(f) = Reflect::get(&self.api, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        else {
            return String::new();
        };
        let result = match args {
            [] => f.call0(&self.api),
            [a] => f.call1(&self.api, &JsValue::from_str(a)),
            [a, b, ..] => f.call2(&self.api, &JsValue::from_str(a), &JsValue::from_str(b)),
        };
        result
            .ok()
            .and_then(|v| v.as_string().or_else(|| v.as_bool().map(|b| b.to_string())))
            .unwrap_or_default()
    }

    /// The LMS's last error, in words, if there is one.
    fn error(&self) -> Option<String> {
        let code = self.call("LMSGetLastError", &[]);
        if code.is_empty() || code == "0" {
            return None;
        }
        let text = self.call("LMSGetErrorString", &[&code]);
        Some(format!("error {code}: {text}"))
    }

    fn check(&self, ok: String) -> Result<(), String> {
        if ok == "true" {
            Ok(())
        } else {
            Err(self.error().unwrap_or_else(|| "it did not answer".into()))
        }
    }

    pub fn initialize(&self) -> Result<(), String> {
        self.check(self.call("LMSInitialize", &[""]))
    }

    pub fn get(&self, key: &str) -> String {
        self.call("LMSGetValue", &[key])
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.check(self.call("LMSSetValue", &[key, value]))
    }

    pub fn commit(&self) -> Result<(), String> {
        self.check(self.call("LMSCommit", &[""]))
    }

    pub fn finish(&self) -> Result<(), String> {
        self.check(self.call("LMSFinish", &[""]))
    }
}
