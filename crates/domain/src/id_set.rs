//! A persistent set of ids: the state's indexes from an enterprise or a fair to its posts and
//! bookings (`State::enterprise_posts`, `fair_posts`, `enterprise_bookings`, `fair_bookings`).
//!
//! Most sets are small (an enterprise has a few posts and bookings, a fair of the seeds' season
//! at most a few dozen): up to [`SMALL`] ids a set is the ids sorted in one vector behind an
//! `Arc`; a clone of the state (time travel's checkpoints, a decision tried on a copy) shares
//! it, and the first change after a clone copies that one vector (`Arc::make_mut`). A larger set
//! becomes an `imbl::OrdSet`, whose insert does not move every id after it (a fair with
//! thousands of bookings). Before, every set was an `imbl::OrdMap<K, ()>`: one B-tree node of 64
//! slots (about 1.6 KB) for a set of one id, 53,448 of them at the seeds' scale, and building
//! them was a sixth of decoding a snapshot.
//!
//! Written as the map it used to be (`{id: null}` in JSON; in postcard the length and the ids),
//! so stored states and their tests read the same; read back one entry at a time (no
//! reservation from a length a crafted input states), sorted and deduplicated whatever the input's
//! order, so the invariant holds for any bytes. Equality is by the ids, whichever form holds them.
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use imbl::OrdSet;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The most ids a set holds as one sorted vector.
pub const SMALL: usize = 64;

#[derive(Clone)]
pub struct IdSet<K>(Ids<K>);

#[derive(Clone)]
enum Ids<K> {
    Small(Arc<Vec<K>>),
    Large(OrdSet<K>),
}

impl<K> Default for IdSet<K> {
    fn default() -> Self {
        IdSet(Ids::Small(Arc::new(Vec::new())))
    }
}

impl<K: fmt::Debug + Ord> fmt::Debug for IdSet<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<K: Ord> PartialEq for IdSet<K> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<K: Ord> Eq for IdSet<K> {}

impl<K: Ord + Clone> IdSet<K> {
    /// Add `id`; `false` if it was there already.
    pub fn insert(&mut self, id: K) -> bool {
        match &mut self.0 {
            Ids::Small(v) => match v.binary_search(&id) {
                Ok(_) => false,
                Err(at) if v.len() < SMALL => {
                    Arc::make_mut(v).insert(at, id);
                    true
                }
                Err(_) => {
                    let mut large: OrdSet<K> = v.iter().cloned().collect();
                    large.insert(id);
                    self.0 = Ids::Large(large);
                    true
                }
            },
            Ids::Large(set) => set.insert(id).is_none(),
        }
    }

    /// Take `id` out; `false` if it was not there. (A large set stays large.)
    pub fn remove(&mut self, id: &K) -> bool {
        match &mut self.0 {
            Ids::Small(v) => match v.binary_search(id) {
                Ok(at) => {
                    Arc::make_mut(v).remove(at);
                    true
                }
                Err(_) => false,
            },
            Ids::Large(set) => set.remove(id).is_some(),
        }
    }

    pub fn contains(&self, id: &K) -> bool {
        match &self.0 {
            Ids::Small(v) => v.binary_search(id).is_ok(),
            Ids::Large(set) => set.contains(id),
        }
    }
}

impl<K: Ord> IdSet<K> {
    /// The ids in ascending order.
    pub fn iter(&self) -> Iter<'_, K> {
        match &self.0 {
            Ids::Small(v) => Iter::Small(v.iter()),
            Ids::Large(set) => Iter::Large(set.iter()),
        }
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Ids::Small(v) => v.len(),
            Ids::Large(set) => set.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The ids of an [`IdSet`] in ascending order.
pub enum Iter<'a, K: Ord + 'a> {
    Small(std::slice::Iter<'a, K>),
    Large(<&'a OrdSet<K> as IntoIterator>::IntoIter),
}

impl<'a, K: Ord + 'a> Iterator for Iter<'a, K> {
    type Item = &'a K;
    fn next(&mut self) -> Option<&'a K> {
        match self {
            Iter::Small(it) => it.next(),
            Iter::Large(it) => it.next(),
        }
    }
}

impl<K: Ord + Clone> FromIterator<K> for IdSet<K> {
    fn from_iter<I: IntoIterator<Item = K>>(ids: I) -> Self {
        let mut v: Vec<K> = ids.into_iter().collect();
        // Already sorted (a stored set) costs one pass.
        if !v.windows(2).all(|w| w[0] < w[1]) {
            v.sort_unstable();
            v.dedup();
        }
        if v.len() <= SMALL {
            IdSet(Ids::Small(Arc::new(v)))
        } else {
            IdSet(Ids::Large(v.into_iter().collect()))
        }
    }
}

impl<'a, K: Ord> IntoIterator for &'a IdSet<K> {
    type Item = &'a K;
    type IntoIter = Iter<'a, K>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K: Serialize + Ord> Serialize for IdSet<K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for id in self.iter() {
            map.serialize_entry(id, &())?;
        }
        map.end()
    }
}

struct Entries<K>(PhantomData<fn() -> K>);

impl<'de, K: Deserialize<'de> + Ord + Clone> Visitor<'de> for Entries<K> {
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

impl<'de, K: Deserialize<'de> + Ord + Clone> Deserialize<'de> for IdSet<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(Entries(PhantomData))
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
        /// `BTreeSet`, then both answer the same, and a clone taken on the way keeps what it saw
        /// (up to 256 ids: small sets, and large ones past `SMALL`).
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
        fn writes_what_the_map_wrote(ids in proptest::collection::btree_set(any::<u32>(), 0..3 * super::SMALL)) {
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
        fn reads_any_order_into_a_sorted_set(ids in proptest::collection::vec(0u32..200, 0..300)) {
            let json = format!("{{{}}}", ids.iter().map(|k| format!("\"{k}\":null")).collect::<Vec<_>>().join(","));
            let set: IdSet<u32> = serde_json::from_str(&json).unwrap();
            let want: BTreeSet<u32> = ids.into_iter().collect();
            prop_assert!(set.iter().eq(want.iter()));
        }
    }
}
