//! An object's members in the order they came, with the last of repeated names winning (as
//! serde_json does). Objects on this wire have a handful of members, so a list searched in
//! order beats a tree: it is smaller in the browser bundle and keeps the order for the reader.

use super::Value;

/// An object's members.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Map {
    members: Vec<(String, Value)>,
}

impl Map {
    /// No members.
    pub fn new() -> Self {
        Self::default()
    }

    /// The member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Sets `name`, replacing an earlier value in its place.
    pub fn insert(&mut self, name: String, value: Value) {
        match self.members.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.members.push((name, value)),
        }
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.members.iter().map(|(n, v)| (n, v))
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
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

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut map = Self::new();
        for (name, value) in iter {
            map.insert(name, value);
        }
        map
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}
