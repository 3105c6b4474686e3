//! A small persistent set of ids: the state's indexes from an enterprise or a fair to its posts
//! and bookings (`State::enterprise_posts`, `fair_posts`, `enterprise_bookings`,
//! `fair_bookings`).
//!
//! The ids, sorted and without repeats, in one vector behind an `Arc`: a clone of the state (time
//! travel's checkpoints, a decision tried on a copy) shares it, and the first change after a
//! clone copies that one vector (`Arc::make_mut`). These sets are small (an enterprise has a few
//! posts and bookings, a fair of the seeds' season at most a few dozen), so a sorted vector's
//! `O(n)` insert costs less than a tree's nodes. Before, each set was an `imbl::OrdMap<K, ()>`:
//! one B-tree node of 64 slots (about 1.6 KB) for a set of one id, 53,448 of them at the seeds'
//! scale, and building them was a sixth of decoding a snapshot.
//!
//! Written as the map it used to be (`{id: null}` in JSON; in postcard the length and the ids),
//! so stored states and their tests read the same; read back one entry at a time (no
//! reservation from a length a crafted input states), sorted and deduplicated whatever the input's
//! order, so the invariant holds for any bytes.
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IdSet<K>(Arc<Vec<K>>);

impl<K> Default for IdSet<K> {
    fn default() -> Self {
        IdSet(Arc::new(Vec::new()))
    }
}

impl<K: fmt::Debug> fmt::Debug for IdSet<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
}

impl<K: Ord + Clone> IdSet<K> {
    /// Add `id`; `false` if it was there already.
    pub fn insert(&mut self, id: K) -> bool {
        match self.0.binary_search(&id) {
            Ok(_) => false,
            Err(at) => {
                Arc::make_mut(&mut self.0).insert(at, id);
                true
            }
        }
    }

    /// Take `id` out; `false` if it was not there.
    pub fn remove(&mut self, id: &K) -> bool {
        match self.0.binary_search(id) {
            Ok(at) => {
                Arc::make_mut(&mut self.0).remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn contains(&self, id: &K) -> bool {
        self.0.binary_search(id).is_ok()
    }
}

impl<K> IdSet<K> {
    /// The ids in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, K> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord> FromIterator<K> for IdSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(ids: I) -> Self {
        let mut v: Vec<K> = ids.into_iter().collect();
        // Already sorted (a stored set) costs one pass.
        if !v.windows(2).all(|w| w[0] < w[1]) {
            v.sort_unstable();
            v.dedup();
        }
        IdSet(Arc::new(v))
    }
}

impl<'a, K> IntoIterator for &'a IdSet<K> {
    type Item = &'a K;
    type IntoIter = std::slice::Iter<'a, K>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<K: Serialize> Serialize for IdSet<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for id in self.0.iter() {
            map.serialize_entry(id, &())?;
        }
        map.end()
    }
}

struct Ids<K>(PhantomData<fn() -> K>);

impl<'de, K: Deserialize<'de> + Ord> Visitor<'de> for Ids<K> {
    type Value = IdSet<K>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a set of ids (a map to nothing)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some((id, ())) = access.next_entry::<K, ()>()? {
            out.push(id);
        }
        Ok(out.into_iter().collect())
    }
}

impl<'de, K: Deserialize<'de> + Ord> Deserialize<'de> for IdSet<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(Ids(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use imbl::OrdMap;
    use proptest::prelude::*;

    use super::IdSet;

    #[derive(Debug, Clone)]
    enum Op {
        Insert(u8),
        Remove(u8),
        Clone,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![4 => any::<u8>().prop_map(Op::Insert), 2 => any::<u8>().prop_map(Op::Remove), 1 => Just(Op::Clone)]
    }

    proptest! {
        /// Given any sequence of inserts, removes and clones, when applied to an `IdSet` and to a
        /// `BTreeSet`, then both answer the same, and a clone taken on the way keeps what it saw.
        #[test]
        fn behaves_as_a_sorted_set(ops in proptest::collection::vec(op(), 0..200)) {
            let mut set = IdSet::default();
            let mut model = BTreeSet::new();
            let mut kept: Vec<(IdSet<u8>, Vec<u8>)> = Vec::new();
            for op in ops {
                match op {
                    Op::Insert(k) => prop_assert_eq!(set.insert(k), model.insert(k)),
                    Op::Remove(k) => prop_assert_eq!(set.remove(&k), model.remove(&k)),
                    Op::Clone => kept.push((set.clone(), model.iter().copied().collect())),
                }
                prop_assert_eq!(set.len(), model.len());
                prop_assert!(set.iter().eq(model.iter()));
            }
            for k in 0..=255u8 {
                prop_assert_eq!(set.contains(&k), model.contains(&k));
            }
            for (copy, then) in kept {
                prop_assert_eq!(copy.iter().copied().collect::<Vec<_>>(), then);
            }
        }

        /// Given a set, when written as JSON and as postcard, then the bytes are those of the
        /// `OrdMap<K, ()>` it replaces, and they read back to the same set.
        #[test]
        fn writes_what_the_map_wrote(ids in proptest::collection::btree_set(any::<u32>(), 0..50)) {
            let set: IdSet<u32> = ids.iter().copied().collect();
            let map: OrdMap<u32, ()> = ids.iter().map(|k| (*k, ())).collect();
            let json = serde_json::to_string(&set).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&map).unwrap());
            let bin = postcard::to_allocvec(&set).unwrap();
            prop_assert_eq!(&bin, &postcard::to_allocvec(&map).unwrap());
            prop_assert_eq!(serde_json::from_str::<IdSet<u32>>(&json).unwrap(), set.clone());
            prop_assert_eq!(postcard::from_bytes::<IdSet<u32>>(&bin).unwrap(), set);
        }

        /// Given ids in any order with repeats, when read, then the set is sorted and has each
        /// once (whatever a damaged or crafted input holds).
        #[test]
        fn reads_any_order_into_a_sorted_set(ids in proptest::collection::vec(0u32..40, 0..60)) {
            let json = format!("{{{}}}", ids.iter().map(|k| format!("\"{k}\":null")).collect::<Vec<_>>().join(","));
            let set: IdSet<u32> = serde_json::from_str(&json).unwrap();
            let want: BTreeSet<u32> = ids.into_iter().collect();
            prop_assert!(set.iter().eq(want.iter()));
        }
    }
}
