//! Maps and sets keyed by ids (lesson, question and topic ids), kept as sorted lists.
//!
//! They behave like `BTreeMap<String, V>` and `BTreeSet<String>` where the progress record
//! uses them (same order, same JSON), but a course has tens of ids, not thousands, and a
//! sorted `Vec` costs the wasm a fraction of a B-tree's code for each value type.

use crate::json::{FromJson, Json, Problems, ShapeError};
use serde::{Serialize, Serializer};

/// Sorts a short list (tens of items: options, attempts) by `less`, keeping equal items in
/// their order. An insertion sort: the standard library's sorts cost the wasm about 1 KB
/// (brotli) for each element type, and these lists are too short for that to buy anything.
pub fn sort_short<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// A map from id to `V`, iterated in id order.
#[derive(Clone, Debug, PartialEq)]
pub struct IdMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            entries: Vec::new(),
        }
    }
}

impl<V> IdMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.entries[i].1)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the value for `id`, returning the one it replaces.
    pub fn insert(&mut self, id: String, value: V) -> Option<V> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (id, value));
                None
            }
        }
    }

    /// The value for `id`, inserting `make()` first when there is none.
    pub fn get_or_insert_with(&mut self, id: String, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&id) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (id, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a IdMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V> FromIterator<(String, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(items: I) -> Self {
        let mut map = IdMap::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<V: FromJson> FromJson for IdMap<V> {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        let entries = v
            .as_object()
            .ok_or_else(|| ShapeError::container("an object", v))?;
        // The parser keeps object keys sorted and unique: the entries are an IdMap already.
        let mut out = Vec::with_capacity(entries.len());
        let mut problems = Problems::default();
        for (k, item) in entries {
            if let Some(x) = problems.keep(V::from_json(item).map_err(|e| e.within_key(k))) {
                out.push((k.clone(), x));
            }
        }
        if out.len() == entries.len() {
            Ok(IdMap { entries: out })
        } else {
            Err(problems.error())
        }
    }
}

/// A set of ids, iterated in id order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IdSet {
    ids: Vec<String>,
}

impl IdSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.ids.binary_search_by(|k| k.as_str().cmp(id)).is_ok()
    }

    /// Adds `id`; false when it was there already.
    pub fn insert(&mut self, id: String) -> bool {
        match self.ids.binary_search(&id) {
            Ok(_) => false,
            Err(i) => {
                self.ids.insert(i, id);
                true
            }
        }
    }

    pub fn retain(&mut self, keep: impl FnMut(&String) -> bool) {
        self.ids.retain(keep);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.ids.iter()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl Extend<String> for IdSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, ids: I) {
        for id in ids {
            self.insert(id);
        }
    }
}

impl FromIterator<String> for IdSet {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        let mut set = IdSet::new();
        set.extend(ids);
        set
    }
}

impl<'a> IntoIterator for &'a IdSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.ids.iter()
    }
}

impl Serialize for IdSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids.iter())
    }
}

impl FromJson for IdSet {
    fn from_json(v: &Json) -> Result<Self, ShapeError> {
        Ok(crate::json::nonempty_list(v)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_short_sorts_like_the_stable_sort() {
        let mut seed = 7u64;
        for len in 0..40 {
            let mut items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            sort_short(&mut items, |a, b| a.0 < b.0);
            assert_eq!(items, expected, "length {len}");
        }
    }
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn a_map_behaves_like_a_btreemap_and_writes_the_same_json() {
        let pairs = [("b", 2), ("a", 1), ("c", 3), ("a", 9), ("b", 4)];
        let mut ours = IdMap::new();
        let mut std_map = BTreeMap::new();
        for (k, v) in pairs {
            assert_eq!(
                ours.insert(k.to_string(), v),
                std_map.insert(k.to_string(), v)
            );
        }
        *ours.get_or_insert_with("d".into(), || 0) += 5;
        *std_map.entry("d".to_string()).or_insert(0) += 5;
        ours.retain(|k, _| k != "c");
        std_map.retain(|k, _| k != "c");
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&std_map).unwrap()
        );
        assert_eq!(ours.get("a"), Some(&9));
        assert!(!ours.contains_key("c"));
        let back: IdMap<u32> = crate::json::from_str(r#"{"z":1,"y":2,"z":3}"#).unwrap();
        assert_eq!(back.keys().collect::<Vec<_>>(), ["y", "z"]);
        assert_eq!(
            back.get("z"),
            Some(&3),
            "the last of repeated keys wins, as in a BTreeMap"
        );
    }

    #[test]
    fn a_set_behaves_like_a_btreeset_and_writes_the_same_json() {
        let ids = ["lesson-b", "lesson-a", "lesson-b", "lesson-c"];
        let ours: IdSet = ids.iter().map(|s| s.to_string()).collect();
        let std_set: BTreeSet<String> = ids.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&std_set).unwrap()
        );
        assert!(ours.contains("lesson-a") && !ours.contains("lesson-d"));
        let back: IdSet = crate::json::from_str(r#"["c","a","c"]"#).unwrap();
        assert_eq!(back.iter().collect::<Vec<_>>(), ["a", "c"]);
        assert!(crate::json::from_str::<IdSet>(r#""all of them""#).is_err());
    }
}
