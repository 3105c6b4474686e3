//! Deserializing the state's collections one entry at a time. `imbl`'s own deserializers
//! reserve room for as many entries as the input says up front (`Vec::with_capacity(size_hint)`),
//! so a crafted snapshot body saying 10^16 entries asked for that much memory and aborted (the
//! snapshot fuzz target's first run). These read the same forms (a map, a sequence: JSON and
//! postcard alike) and grow as entries actually arrive. Used through
//! `#[serde(deserialize_with = "…")]` on every `imbl` field of the state (the sets of ids in
//! its indexes read themselves the same way: `crate::id_set`).
use std::fmt;
use std::marker::PhantomData;

use imbl::{OrdMap, Vector};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Entries read as `(K, V)` and inserted as they arrive as `(K, W)` (no vector of them first:
/// each value is moved once).
struct Entries<K, V, W>(PhantomData<Makes<(K, V, W)>>);

/// A marker that a visitor makes these (no value of them held).
type Makes<T> = fn() -> T;

impl<'de, K, V, W> Visitor<'de> for Entries<K, V, W>
where
    K: Deserialize<'de> + Ord + Clone,
    V: Deserialize<'de> + Into<W>,
    W: Clone,
{
    type Value = OrdMap<K, W>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = OrdMap::new();
        while let Some((k, v)) = access.next_entry::<K, V>()? {
            out.insert(k, v.into());
        }
        Ok(out)
    }
}

struct Items<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = access.next_element()? {
            out.push(item);
        }
        Ok(out)
    }
}

/// A `Vector` value read one item at a time (for sequences nested in maps).
struct Seq<T: Clone>(Vector<T>);

impl<'de, T: Deserialize<'de> + Clone> Deserialize<'de> for Seq<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Seq(d.deserialize_seq(Items::<T>(PhantomData))?.into_iter().collect()))
    }
}

impl<T: Clone> From<Seq<T>> for Vector<T> {
    fn from(s: Seq<T>) -> Self {
        s.0
    }
}

/// `OrdMap<K, V>`.
pub fn map<'de, D, K, V>(d: D) -> Result<OrdMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + Clone,
    V: Deserialize<'de> + Clone,
{
    d.deserialize_map(Entries::<K, V, V>(PhantomData))
}

/// `OrdMap<K, Vector<T>>`.
pub fn map_of_vectors<'de, D, K, T>(d: D) -> Result<OrdMap<K, Vector<T>>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Ord + Clone,
    T: Deserialize<'de> + Clone,
{
    d.deserialize_map(Entries::<K, Seq<T>, Vector<T>>(PhantomData))
}
