//! One stable sort for every list the core orders.
//!
//! The standard library's `sort_by` compiles a full driftsort for every element type and
//! comparator; the core sorts short lists of several types, so it sorts indices once,
//! through one non-generic merge sort, and then moves the elements. Measured on the
//! browser build (opt-level "z", `gzip -9` of the web `.wasm` after wasm-bindgen): with
//! this sort 102,196 B, with `sort_by` from std at every call site 109,102 B (+6.9 KB,
//! 259 KB against 288 KB raw).

use std::cmp::Ordering;

/// A stable sort of `0..len` by `compare`.
pub(crate) fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    if len < 2 {
        return order;
    }
    let mut scratch = order.clone();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            merge(&order, &mut scratch, start, middle, end, compare);
            start = end;
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    order
}

fn merge(
    from: &[usize],
    into: &mut [usize],
    start: usize,
    middle: usize,
    end: usize,
    compare: &dyn Fn(usize, usize) -> Ordering,
) {
    let (mut left, mut right) = (start, middle);
    for slot in into.get_mut(start..end).unwrap_or(&mut []) {
        let take_left = match (from.get(left), from.get(right).filter(|_| right < end)) {
            (Some(&l), Some(&r)) if left < middle => compare(l, r) != Ordering::Greater,
            _ => left < middle,
        };
        let source = if take_left { &mut left } else { &mut right };
        *slot = from.get(*source).copied().unwrap_or(0);
        *source += 1;
    }
}

/// Sorts `items` stably by `compare`.
///
/// Per element type this compiles the comparator and a loop of swaps; the order itself
/// comes from [`sorted_indices`], which is not generic. (Moving the elements through a
/// `Vec<Option<T>>` instead cost about 1 KB of code per element type in the browser build.)
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    // Most lists arrive in order (slots by start, issues by position): check that first.
    if items.windows(2).all(|pair| match pair {
        [a, b] => compare(a, b) != Ordering::Greater,
        _ => true,
    }) {
        return;
    }
    // A few out of place (a report's issues, rules reporting after the reading): moved
    // into place one by one, without the index lists (feature `speed`; the browser module
    // keeps one sort for every length).
    #[cfg(feature = "speed")]
    if items.len() <= 8 {
        for end in 1..items.len() {
            let mut at = end;
            while at > 0
                && matches!(
                    (items.get(at - 1), items.get(at)),
                    (Some(a), Some(b)) if compare(a, b) == Ordering::Greater
                )
            {
                items.swap(at - 1, at);
                at -= 1;
            }
        }
        return;
    }
    let mut order = {
        let view: &[T] = items;
        let compare_at = |a: usize, b: usize| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        };
        sorted_indices(view.len(), &compare_at)
    };
    // `order[i]` is the index whose element belongs at `i`. Each cycle of the permutation
    // is walked once: position `at` takes the element from `order[at]` (still where it
    // started, as no swap of this cycle touched it yet), and the element that was at the
    // cycle's start moves along until it reaches its own place. A visited position is
    // marked by pointing at itself.
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v: Vec<(u32, char)> = vec![
            (3, 'a'),
            (1, 'b'),
            (3, 'c'),
            (2, 'd'),
            (1, 'e'),
            (0, 'f'),
            (3, 'g'),
        ];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(
            v,
            [
                (0, 'f'),
                (1, 'b'),
                (1, 'e'),
                (2, 'd'),
                (3, 'a'),
                (3, 'c'),
                (3, 'g')
            ]
        );
        for n in 0..70usize {
            let mut w: Vec<usize> = (0..n).map(|i| (i * 7919) % 13).collect();
            let mut expected = w.clone();
            expected.sort();
            sort_by(&mut w, |a, b| a.cmp(b));
            assert_eq!(w, expected);
        }
    }

    #[test]
    fn swaps_apply_every_permutation() {
        // Every permutation of up to 7 elements, with repeated keys among them: the swaps
        // give what the standard library's stable sort gives.
        fn permutations(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![Vec::new()];
            }
            let mut all = Vec::new();
            for rest in permutations(n - 1) {
                for at in 0..=rest.len() {
                    let mut p = rest.clone();
                    p.insert(at, n - 1);
                    all.push(p);
                }
            }
            all
        }
        for n in 0..=7 {
            for p in permutations(n) {
                for keys in [p.clone(), p.iter().map(|k| k / 2).collect()] {
                    let mut items: Vec<(usize, usize)> = keys.iter().copied().zip(0..).collect();
                    let mut expected = items.clone();
                    expected.sort_by_key(|item| item.0);
                    sort_by(&mut items, |a, b| a.0.cmp(&b.0));
                    assert_eq!(items, expected, "{keys:?}");
                }
            }
        }
    }

    #[test]
    fn sorts_the_shortest_unsorted_lists() {
        let mut pair = vec![2, 1];
        sort_by(&mut pair, |a, b| a.cmp(b));
        assert_eq!(pair, [1, 2]);
        let mut reversed: Vec<u32> = (0..9).rev().collect();
        sort_by(&mut reversed, |a, b| a.cmp(b));
        assert_eq!(reversed, (0..9).collect::<Vec<u32>>());
        assert_eq!(sorted_indices(2, &|a, b| b.cmp(&a)), [1, 0]);
        assert_eq!(sorted_indices(1, &|a, b| b.cmp(&a)), [0]);
        assert!(sorted_indices(0, &|a, b| a.cmp(&b)).is_empty());
    }
}
