//! An object's members in the order they came, with the last of repeated names winning (as
//! serde_json does). Objects on this wire have a handful of members, so a list searched in
//! order beats a tree: it is smaller in the browser bundle and keeps the order for the reader.
//! `Map<String>` holds string-valued maps such as a challenge's parameters.

use super::Value;

/// An object's members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<V = Value> {
    members: Vec<(String, V)>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Self {
            members: Vec::new(),
        }
    }
}

impl<V> Map<V> {
    /// No members.
    pub fn new() -> Self {
        Self::default()
    }

    /// The member `name`.
    pub fn get(&self, name: &str) -> Option<&V> {
        self.members.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Sets `name`, replacing an earlier value in its place.
    pub fn insert(&mut self, name: String, value: V) {
        match self.members.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.members.push((name, value)),
        }
    }

    /// Takes `name` out.
    pub fn remove(&mut self, name: &str) -> Option<V> {
        let i = self.members.iter().position(|(n, _)| n == name)?;
        Some(self.members.remove(i).1)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.members.iter().map(|(n, v)| (n, v))
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.members.iter().map(|(_, v)| v)
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// `map["name"]`: the member; a missing one panics, as for `BTreeMap` (tests use it).
impl<V> core::ops::Index<&str> for Map<V> {
    type Output = V;

    fn index(&self, name: &str) -> &V {
        self.get(name).unwrap_or_else(|| panic!("no member {name}"))
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (name, value) in iter {
            map.insert(name, value);
        }
        map
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}
