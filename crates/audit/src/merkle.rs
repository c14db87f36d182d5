//! The RFC 6962 / RFC 9162 Merkle tree over audit events: hashing, roots, inclusion and
//! consistency proofs, and their verification.
//!
//! Leaf hash `SHA-256(0x00 ‖ event)`, node hash `SHA-256(0x01 ‖ left ‖ right)`, and the split of a
//! tree of n leaves at the largest power of two below n. Following the standard exactly is what
//! makes a proof checkable by anyone with another implementation, not only by Strongroom; the
//! tests hold the Certificate Transparency reference vectors.
//!
//! Proofs are built from a [`SubtreeSource`], which hands out the roots of perfect (power-of-two,
//! aligned) subtrees: in memory for tests, from stored hashes for a log of millions of events.

use aws_lc_rs::digest;

/// A SHA-256 hash: a leaf, a node, a root.
pub type Hash = [u8; 32];

/// Why a proof does not verify. The messages are for people checking a log by hand.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("index {index} is not inside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the old size {old} is larger than the new size {new}")]
    SizesReversed { old: u64, new: u64 },
    #[error("the proof has the wrong number of hashes for these sizes")]
    WrongLength,
    #[error("the proof does not lead to the expected root")]
    RootMismatch,
    #[error("a subtree hash is missing: {0}")]
    Missing(String),
}

fn sha256(parts: &[&[u8]]) -> Hash {
    let mut context = digest::Context::new(&digest::SHA256);
    for part in parts {
        context.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(context.finish().as_ref());
    out
}

/// RFC 6962 2.1: the hash of a leaf holding `data`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    sha256(&[&[0x00], data])
}

/// RFC 6962 2.1: the hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256(&[&[0x01], left, right])
}

/// The root of the empty tree: SHA-256 of the empty string.
pub fn empty_root() -> Hash {
    sha256(&[])
}

/// The largest power of two strictly below `n` (n ≥ 2): where RFC 6962 splits a tree.
fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// Hands out the roots of perfect subtrees: the subtree at `level` (2^level leaves) and position
/// `index` covers leaves `index * 2^level .. (index + 1) * 2^level`; level 0 is the leaf hashes.
pub trait SubtreeSource {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError>;
}

/// The root of the leaves `start .. end`, where `start` is aligned as RFC 6962's recursion
/// leaves it (a multiple of the largest power of two not above `end - start`): the range splits
/// into perfect subtrees by the binary digits of its length, folded from the right.
pub fn range_root(source: &dyn SubtreeSource, start: u64, end: u64) -> Result<Hash, ProofError> {
    if start >= end {
        return Ok(empty_root());
    }
    let mut peaks = Vec::with_capacity(64);
    let mut at = start;
    let mut remaining = end - start;
    while remaining > 0 {
        let level = 63 - remaining.leading_zeros();
        let width = 1u64 << level;
        peaks.push(source.perfect_subtree(level, at >> level)?);
        at += width;
        remaining -= width;
    }
    let mut root = peaks.pop().unwrap_or_else(empty_root);
    while let Some(peak) = peaks.pop() {
        root = node_hash(&peak, &root);
    }
    Ok(root)
}

/// RFC 6962 2.1.1: the audit path of leaf `index` in the tree of the first `size` leaves.
pub fn inclusion_proof(source: &dyn SubtreeSource, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let mut proof = Vec::new();
    path(source, index, 0, size, &mut proof)?;
    Ok(proof)
}

/// PATH(m, D[start..end]), appending bottom-up.
fn path(source: &dyn SubtreeSource, m: u64, start: u64, end: u64, proof: &mut Vec<Hash>) -> Result<(), ProofError> {
    let n = end - start;
    if n <= 1 {
        return Ok(());
    }
    let k = split_point(n);
    if m < k {
        path(source, m, start, start + k, proof)?;
        proof.push(range_root(source, start + k, end)?);
    } else {
        path(source, m - k, start + k, end, proof)?;
        proof.push(range_root(source, start, start + k)?);
    }
    Ok(())
}

/// RFC 6962 2.1.2: the proof that the tree of `old_size` leaves is a prefix of the tree of
/// `new_size` leaves.
pub fn consistency_proof(source: &dyn SubtreeSource, old_size: u64, new_size: u64) -> Result<Vec<Hash>, ProofError> {
    if old_size > new_size {
        return Err(ProofError::SizesReversed { old: old_size, new: new_size });
    }
    let mut proof = Vec::new();
    if old_size > 0 && old_size < new_size {
        subproof(source, old_size, 0, new_size, true, &mut proof)?;
    }
    Ok(proof)
}

/// SUBPROOF(m, D[start..end], b).
fn subproof(source: &dyn SubtreeSource, m: u64, start: u64, end: u64, whole: bool, proof: &mut Vec<Hash>) -> Result<(), ProofError> {
    let n = end - start;
    if m == n {
        if !whole {
            proof.push(range_root(source, start, end)?);
        }
        return Ok(());
    }
    let k = split_point(n);
    if m <= k {
        subproof(source, m, start, start + k, whole, proof)?;
        proof.push(range_root(source, start + k, end)?);
    } else {
        subproof(source, m - k, start + k, end, false, proof)?;
        proof.push(range_root(source, start, start + k)?);
    }
    Ok(())
}

/// RFC 9162 2.1.3.2: checks that `leaf` is leaf `index` of the tree of `size` with `root`.
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> Result<(), ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if r != *root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// RFC 9162 2.1.4.2: checks that the tree of `old_size` with `old_root` is a prefix of the tree
/// of `new_size` with `new_root`.
pub fn verify_consistency(old_size: u64, new_size: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> Result<(), ProofError> {
    if old_size > new_size {
        return Err(ProofError::SizesReversed { old: old_size, new: new_size });
    }
    if old_size == new_size {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength);
        }
        return if old_root == new_root { Ok(()) } else { Err(ProofError::RootMismatch) };
    }
    if old_size == 0 {
        // Every tree extends the empty one; there is nothing to prove.
        return if proof.is_empty() { Ok(()) } else { Err(ProofError::WrongLength) };
    }
    if proof.is_empty() {
        return Err(ProofError::WrongLength);
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let (mut f_n, mut s_n) = (old_size - 1, new_size - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut f_r, mut s_r) = (path[0], path[0]);
    for c in &path[1..] {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            f_r = node_hash(c, &f_r);
            s_r = node_hash(c, &s_r);
            while f_n & 1 == 0 && f_n != 0 {
                f_n >>= 1;
                s_n >>= 1;
            }
        } else {
            s_r = node_hash(&s_r, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if f_r != *old_root || s_r != *new_root {
        return Err(ProofError::RootMismatch);
    }
    Ok(())
}

/// The right edge of a growing tree: the roots of its perfect subtrees, largest first. Appending
/// is O(log n) amortised and the root of the current size is a fold of at most 64 hashes, so a
/// whole log can be recomputed in one streaming pass.
#[derive(Debug, Clone, Default)]
pub struct Frontier {
    size: u64,
    peaks: Vec<Hash>,
}

impl Frontier {
    pub fn new() -> Frontier {
        Frontier::default()
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Rebuilds a frontier from its size and peaks (largest first), as stored. The number of
    /// peaks must be the number of set bits in the size.
    pub fn from_parts(size: u64, peaks: Vec<Hash>) -> Option<Frontier> {
        (peaks.len() == size.count_ones() as usize).then_some(Frontier { size, peaks })
    }

    /// The roots of the perfect subtrees along the right edge, largest first.
    pub fn peaks(&self) -> &[Hash] {
        &self.peaks
    }

    /// Appends a leaf hash; `completed` receives each perfect subtree that this append finishes,
    /// as (level, index, hash), level 0 being the leaf itself.
    pub fn push(&mut self, leaf: Hash, mut completed: impl FnMut(u32, u64, &Hash)) {
        let index = self.size;
        completed(0, index, &leaf);
        let mut hash = leaf;
        let mut level = 0u32;
        while (index >> level) & 1 == 1 {
            let left = self.peaks.pop().expect("a set bit of the size has a peak");
            hash = node_hash(&left, &hash);
            level += 1;
            completed(level, index >> level, &hash);
        }
        self.peaks.push(hash);
        self.size += 1;
    }

    /// The RFC 6962 root of the leaves pushed so far.
    pub fn root(&self) -> Hash {
        let mut peaks = self.peaks.iter().rev();
        let Some(last) = peaks.next() else { return empty_root() };
        peaks.fold(*last, |right, left| node_hash(left, &right))
    }
}

/// A tree held in memory: every perfect subtree root, level by level. For tests, and for logs
/// small enough to recompute.
#[derive(Debug, Clone, Default)]
pub struct MemoryTree {
    levels: Vec<Vec<Hash>>,
}

impl MemoryTree {
    pub fn new() -> MemoryTree {
        MemoryTree::default()
    }

    pub fn from_leaves(leaves: impl IntoIterator<Item = Hash>) -> MemoryTree {
        let mut tree = MemoryTree::new();
        let mut frontier = Frontier::new();
        for leaf in leaves {
            frontier.push(leaf, |level, _, hash| tree.store(level, *hash));
        }
        tree
    }

    fn store(&mut self, level: u32, hash: Hash) {
        let level = level as usize;
        if self.levels.len() <= level {
            self.levels.resize_with(level + 1, Vec::new);
        }
        self.levels[level].push(hash);
    }

    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |leaves| leaves.len() as u64)
    }

    /// The root of the first `size` leaves.
    pub fn root(&self, size: u64) -> Result<Hash, ProofError> {
        range_root(self, 0, size)
    }
}

impl SubtreeSource for MemoryTree {
    fn perfect_subtree(&self, level: u32, index: u64) -> Result<Hash, ProofError> {
        self.levels
            .get(level as usize)
            .and_then(|hashes| hashes.get(index as usize))
            .copied()
            .ok_or_else(|| ProofError::Missing(format!("level {level} index {index}")))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    fn hash(text: &str) -> Hash {
        unhex(text).try_into().unwrap()
    }

    // RFC 6962 reference data as published with Certificate Transparency and
    // transparency-dev/merkle: the leaves, and the root of each tree size 0..=8.
    const LEAVES: [&str; 8] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
    const ROOTS: [&str; 9] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    fn reference_tree() -> MemoryTree {
        MemoryTree::from_leaves(LEAVES.iter().map(|leaf| leaf_hash(&unhex(leaf))))
    }

    #[test]
    fn roots_match_the_rfc_6962_reference_vectors() {
        let tree = reference_tree();
        for (size, expected) in ROOTS.iter().enumerate() {
            assert_eq!(tree.root(size as u64).unwrap(), hash(expected), "size {size}");
        }
        let mut frontier = Frontier::new();
        assert_eq!(frontier.root(), hash(ROOTS[0]));
        for (size, leaf) in LEAVES.iter().enumerate() {
            frontier.push(leaf_hash(&unhex(leaf)), |_, _, _| {});
            assert_eq!(frontier.root(), hash(ROOTS[size + 1]));
        }
    }

    #[test]
    fn inclusion_proofs_match_the_reference_vectors() {
        let tree = reference_tree();
        let cases: [(u64, [&str; 3]); 2] = [
            (
                0,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ],
            ),
            (
                5,
                [
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ],
            ),
        ];
        for (index, expected) in cases {
            let proof = inclusion_proof(&tree, index, 8).unwrap();
            assert_eq!(proof, expected.map(hash));
            let leaf = leaf_hash(&unhex(LEAVES[index as usize]));
            verify_inclusion(&leaf, index, 8, &proof, &hash(ROOTS[8])).unwrap();
        }
    }

    #[test]
    fn consistency_proofs_match_the_reference_vectors() {
        let tree = reference_tree();
        let cases: [(u64, u64, &[&str]); 3] = [
            (
                2,
                8,
                &[
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ],
            ),
            (
                6,
                8,
                &[
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ],
            ),
            (
                2,
                5,
                &[
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ],
            ),
        ];
        for (old, new, expected) in cases {
            let proof = consistency_proof(&tree, old, new).unwrap();
            assert_eq!(proof, expected.iter().map(|h| hash(h)).collect::<Vec<_>>(), "{old} -> {new}");
            verify_consistency(old, new, &hash(ROOTS[old as usize]), &hash(ROOTS[new as usize]), &proof).unwrap();
        }
    }

    #[test]
    fn a_frontier_survives_being_stored_and_rebuilt() {
        let mut frontier = Frontier::new();
        for n in 0..13u8 {
            frontier.push(leaf_hash(&[n]), |_, _, _| {});
        }
        let rebuilt = Frontier::from_parts(frontier.size(), frontier.peaks().to_vec()).unwrap();
        assert_eq!(rebuilt.root(), frontier.root());
        assert!(Frontier::from_parts(13, frontier.peaks()[1..].to_vec()).is_none());
    }

    #[test]
    fn the_split_is_the_largest_power_of_two_below_n() {
        for (n, k) in [(2, 1), (3, 2), (4, 2), (5, 4), (8, 4), (9, 8), (1000, 512), ((1u64 << 40) + 1, 1 << 40)] {
            assert_eq!(split_point(n), k, "{n}");
        }
    }

    fn random_tree(n: usize, seed: u8) -> MemoryTree {
        MemoryTree::from_leaves((0..n).map(|i| leaf_hash(&[seed, (i % 251) as u8, (i / 251) as u8])))
    }

    proptest! {
        #[test]
        fn every_inclusion_proof_verifies_and_any_change_breaks_it(
            n in 1usize..300, seed in any::<u8>(), pick in any::<prop::sample::Index>(), bit in any::<prop::sample::Index>()
        ) {
            let tree = random_tree(n, seed);
            let size = n as u64;
            let root = tree.root(size).unwrap();
            let index = pick.index(n) as u64;
            let leaf = tree.perfect_subtree(0, index).unwrap();
            let proof = inclusion_proof(&tree, index, size).unwrap();
            prop_assert!(verify_inclusion(&leaf, index, size, &proof, &root).is_ok());

            // A single flipped bit in the leaf, a proof hash or the root: refused.
            let mut bad_leaf = leaf;
            bad_leaf[bit.index(32)] ^= 1 << (bit.index(8));
            prop_assert!(verify_inclusion(&bad_leaf, index, size, &proof, &root).is_err());
            let mut bad_root = root;
            bad_root[bit.index(32)] ^= 0x80;
            prop_assert!(verify_inclusion(&leaf, index, size, &proof, &bad_root).is_err());
            if !proof.is_empty() {
                let mut bad_proof = proof.clone();
                let which = bit.index(bad_proof.len());
                bad_proof[which][bit.index(32)] ^= 1;
                prop_assert!(verify_inclusion(&leaf, index, size, &bad_proof, &root).is_err());
                prop_assert!(verify_inclusion(&leaf, index, size, &proof[..proof.len() - 1], &root).is_err());
            }
            // Another index claims a different position: refused.
            if n > 1 {
                let other = (index + 1) % size;
                prop_assert!(verify_inclusion(&leaf, other, size, &proof, &root).is_err());
            }
            prop_assert!(verify_inclusion(&leaf, size, size, &proof, &root).is_err());
            // The path alone does not always fix the size (the leftmost leaf's path has the same
            // shape in trees of 9 and 10 leaves), which is why a proof is only ever checked
            // against a signed checkpoint: the signature binds the size to the root.
        }

        #[test]
        fn every_consistency_proof_verifies_and_any_change_breaks_it(
            n in 1usize..300, seed in any::<u8>(), pick in any::<prop::sample::Index>(), bit in any::<prop::sample::Index>()
        ) {
            let tree = random_tree(n, seed);
            let new = n as u64;
            let old = pick.index(n) as u64 + 1;
            let (old_root, new_root) = (tree.root(old).unwrap(), tree.root(new).unwrap());
            let proof = consistency_proof(&tree, old, new).unwrap();
            prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof).is_ok());

            let mut bad_old = old_root;
            bad_old[bit.index(32)] ^= 1;
            if old < new {
                prop_assert!(verify_consistency(old, new, &bad_old, &new_root, &proof).is_err());
                let mut bad_proof = proof.clone();
                let which = bit.index(bad_proof.len());
                bad_proof[which][bit.index(32)] ^= 0x40;
                prop_assert!(verify_consistency(old, new, &old_root, &new_root, &bad_proof).is_err());
                prop_assert!(verify_consistency(old, new, &old_root, &new_root, &proof[1..]).is_err());
                // A log rebuilt from scratch (another tree of the same size) is not consistent.
                let rebuilt = random_tree(n, seed.wrapping_add(1));
                prop_assert!(verify_consistency(old, new, &old_root, &rebuilt.root(new).unwrap(), &proof).is_err());
            } else {
                prop_assert!(verify_consistency(old, new, &bad_old, &new_root, &proof).is_err());
            }
            prop_assert!(verify_consistency(new, old.saturating_sub(1), &new_root, &old_root, &proof).is_err());
        }

        #[test]
        fn the_frontier_agrees_with_the_recursive_definition(n in 0usize..600, seed in any::<u8>()) {
            let tree = random_tree(n, seed);
            let leaves: Vec<Hash> = (0..n as u64).map(|i| tree.perfect_subtree(0, i).unwrap()).collect();
            prop_assert_eq!(tree.root(n as u64).unwrap(), reference_root(&leaves));
        }
    }

    /// MTH straight from RFC 6962 2.1, for checking the faster paths against.
    fn reference_root(leaves: &[Hash]) -> Hash {
        match leaves.len() {
            0 => empty_root(),
            1 => leaves[0],
            n => {
                let k = split_point(n as u64) as usize;
                node_hash(&reference_root(&leaves[..k]), &reference_root(&leaves[k..]))
            }
        }
    }
}
