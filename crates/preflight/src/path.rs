//! Paths into a body: the segments an issue or change is reported at, and their
//! RFC 6901 JSON Pointer. A leaf module: JSON values and the report both build on it.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// One step of a path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

impl<'a> PathSegment<'a> {
    pub fn key(k: impl Into<Cow<'a, str>>) -> Self {
        PathSegment::Key(k.into())
    }

    pub fn into_owned(self) -> PathSegment<'static> {
        match self {
            PathSegment::Key(k) => PathSegment::Key(Cow::Owned(k.into_owned())),
            PathSegment::Index(i) => PathSegment::Index(i),
        }
    }
}

impl Serialize for PathSegment<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PathSegment::Key(k) => serializer.serialize_str(k),
            PathSegment::Index(i) => serializer.serialize_u64(*i as u64),
        }
    }
}

pub type Path<'a> = Vec<PathSegment<'a>>;

/// RFC 6901 JSON Pointer of a path.
pub fn pointer(segments: &[PathSegment<'_>]) -> String {
    // Sized once: a report renders a pointer for every issue and change it keeps.
    let capacity = segments
        .iter()
        .map(|segment| match segment {
            PathSegment::Key(k) => k.len() + 1,
            PathSegment::Index(_) => 4,
        })
        .sum();
    let mut out = String::with_capacity(capacity);
    for segment in segments {
        out.push('/');
        match segment {
            // A key with nothing to escape (nearly every one) is copied whole (a trade of
            // module bytes for speed: the browser module writes every key by characters).
            #[cfg(feature = "speed")]
            PathSegment::Key(k) if !k.bytes().any(|b| b == b'~' || b == b'/') => out.push_str(k),
            PathSegment::Key(k) => {
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            PathSegment::Index(i) => crate::json::push_decimal(&mut out, *i as u64),
        }
    }
    out
}

/// The document position of the `index`th key or item (positions compare paths in the
/// order the body lists them; an index past `u32::MAX` saturates).
pub(crate) fn position(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// A document position: the [`position`] of each key and item on a path, compared
/// element by element. With feature `speed` held inline up to six deep, which is the
/// deepest path the schema has (a slot's field), so that a check of an ordinary body
/// allocates none; deeper paths (inside credential values) spill to the heap.
#[cfg(feature = "speed")]
pub(crate) type Order = smallvec::SmallVec<[u32; 6]>;
#[cfg(not(feature = "speed"))]
pub(crate) type Order = Vec<u32>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash_as_rfc_6901_says() {
        let path = [
            PathSegment::key("a/b~c"),
            PathSegment::Index(3),
            PathSegment::key(""),
            PathSegment::key("~~//é"),
            PathSegment::Index(12_345),
            PathSegment::key("plain"),
        ];
        assert_eq!(pointer(&path), "/a~1b~0c/3//~0~0~1~1é/12345/plain");
        assert_eq!(pointer(&[]), "");
        assert_eq!(pointer(&[PathSegment::key("~")]), "/~0");
        assert_eq!(pointer(&[PathSegment::key("x/")]), "/x~1");
    }
}
