//! The shop key on paper: groups of characters a person can copy and type back.
//!
//! The 256-bit key is written in Crockford's base32 (digits and capitals without I, L, O and U,
//! so nothing reads as something else), four characters per group, each group followed by a
//! check character: the first five bits of SHA-256 over the group's number and characters.
//! A fourteenth group holds a 20-bit checksum of the whole key and its own check character. A
//! typo in a group fails that group's check (31 times in 32), so the person is told which group
//! to look at again; a typo the group's check misses, or two groups swapped, fails the whole
//! key's checksum. Reading accepts lower case, spaces, dashes and the look-alikes O, I and L.

use aws_lc_rs::digest;
use zeroize::Zeroizing;

use crate::ShopKey;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Groups on the paper: 13 of the key, one of its checksum.
pub const RECOVERY_GROUPS: usize = 14;
const KEY_GROUPS: usize = 13;
const DATA_CHARS: usize = 4;

/// Why typed groups do not make a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryProblem {
    #[error("expected {expected} groups of 5 characters ({} characters), but {found} characters were typed", expected * 5)]
    Length { expected: usize, found: usize },
    #[error("group {group} holds {character:?}, which is not on the paper (it uses 0-9 and A-Z without I, L, O and U)")]
    BadCharacter { group: usize, character: char },
    #[error("{} does not match its check character: look at {} again", groups_named(.groups), if .groups.len() == 1 { "it" } else { "them" })]
    Typo { groups: Vec<usize> },
    #[error(
        "every group matches its check character, but the whole key does not match its checksum: a typo the group checks missed, or two groups swapped"
    )]
    Checksum,
}

fn groups_named(groups: &[usize]) -> String {
    let numbers: Vec<String> = groups.iter().map(usize::to_string).collect();
    match numbers.as_slice() {
        [one] => format!("group {one}"),
        _ => format!("groups {}", numbers.join(", ")),
    }
}

/// The check character of group `number` (counting from 1) holding `chars`.
fn check_char(number: usize, chars: &[u8]) -> u8 {
    let mut input = Vec::with_capacity(1 + chars.len());
    input.push(number as u8);
    input.extend_from_slice(chars);
    ALPHABET[usize::from(digest::digest(&digest::SHA256, &input).as_ref()[0] >> 3)]
}

/// The whole key's checksum: the first 20 bits of SHA-256 of a labelled key, as four characters.
fn checksum_chars(key: &[u8; 32]) -> [u8; DATA_CHARS] {
    let mut input = Zeroizing::new(Vec::with_capacity(64));
    input.extend_from_slice(b"strongroom.recovery.v1");
    input.extend_from_slice(key);
    let hash = digest::digest(&digest::SHA256, &input);
    let bits = (u32::from(hash.as_ref()[0]) << 12) | (u32::from(hash.as_ref()[1]) << 4) | (u32::from(hash.as_ref()[2]) >> 4);
    std::array::from_fn(|i| ALPHABET[((bits >> (15 - 5 * i)) & 31) as usize])
}

/// The key as 52 base32 characters (260 bits, the first four zero).
fn to_base32(key: &[u8; 32]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(KEY_GROUPS * DATA_CHARS));
    let mut buffer: u32 = 0;
    let mut bits = 4; // the four leading zero bits of 260
    for byte in key {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize]);
        }
    }
    out
}

fn value_of(character: u8) -> Option<u8> {
    let normal = match character.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        other => other,
    };
    ALPHABET.iter().position(|c| *c == normal).map(|v| v as u8)
}

impl ShopKey {
    /// The key as the paper shows it: [`RECOVERY_GROUPS`] groups of five characters.
    pub fn recovery_groups(&self) -> Vec<Zeroizing<String>> {
        let data = to_base32(&self.bytes);
        let mut groups = Vec::with_capacity(RECOVERY_GROUPS);
        let checksum = checksum_chars(&self.bytes);
        for (index, chars) in data.chunks(DATA_CHARS).chain(std::iter::once(&checksum[..])).enumerate() {
            let mut group = Zeroizing::new(String::with_capacity(5));
            group.extend(chars.iter().map(|c| char::from(*c)));
            group.push(char::from(check_char(index + 1, chars)));
            groups.push(group);
        }
        groups
    }

    /// The key from the groups a person typed, or where they went wrong.
    pub fn from_recovery_groups(typed: &str) -> Result<ShopKey, RecoveryProblem> {
        let kept: Zeroizing<Vec<char>> = Zeroizing::new(typed.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '.').collect());
        if kept.len() != RECOVERY_GROUPS * 5 {
            return Err(RecoveryProblem::Length { expected: RECOVERY_GROUPS, found: kept.len() });
        }
        let mut values = Zeroizing::new(Vec::with_capacity(kept.len()));
        let mut normal = Zeroizing::new(Vec::with_capacity(kept.len()));
        for (index, character) in kept.iter().enumerate() {
            let value = u8::try_from(*character)
                .ok()
                .and_then(value_of)
                .ok_or(RecoveryProblem::BadCharacter { group: index / 5 + 1, character: *character })?;
            values.push(value);
            normal.push(ALPHABET[usize::from(value)]);
        }
        let typos: Vec<usize> = normal
            .chunks(5)
            .enumerate()
            .filter(|(index, group)| check_char(index + 1, &group[..DATA_CHARS]) != group[DATA_CHARS])
            .map(|(index, _)| index + 1)
            .collect();
        if !typos.is_empty() {
            return Err(RecoveryProblem::Typo { groups: typos });
        }
        // 52 data characters, 260 bits: the first four must be zero.
        let data: Vec<u8> = values.chunks(5).take(KEY_GROUPS).flat_map(|group| group[..DATA_CHARS].to_vec()).collect();
        let data = Zeroizing::new(data);
        let mut key = Zeroizing::new([0u8; 32]);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        let mut out = 0;
        for (index, value) in data.iter().enumerate() {
            if index == 0 && *value >= 16 {
                return Err(RecoveryProblem::Checksum);
            }
            buffer = (buffer << 5) | u32::from(*value);
            bits += 5;
            if index == 0 {
                bits -= 4; // the leading zero bits
            }
            while bits >= 8 {
                bits -= 8;
                key[out] = (buffer >> bits) as u8;
                out += 1;
            }
        }
        if checksum_chars(&key)[..] != normal[KEY_GROUPS * 5..KEY_GROUPS * 5 + DATA_CHARS] {
            return Err(RecoveryProblem::Checksum);
        }
        Ok(ShopKey::from_bytes(&key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(key: &ShopKey) -> String {
        key.recovery_groups().iter().map(|group| group.as_str()).collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn any_key_comes_back_from_its_groups_however_they_are_typed(bytes in proptest::array::uniform32(any::<u8>())) {
            let key = ShopKey::from_bytes(&bytes);
            let groups = key.recovery_groups();
            prop_assert_eq!(groups.len(), RECOVERY_GROUPS);
            prop_assert!(groups.iter().all(|group| group.len() == 5 && group.bytes().all(|b| ALPHABET.contains(&b))));
            let back = ShopKey::from_recovery_groups(&typed(&key)).unwrap();
            prop_assert_eq!(back.bytes.as_ref(), &bytes);
            let sloppy = typed(&key).to_lowercase().replace(' ', "-").replace('0', "o").replace('1', "l");
            let again = ShopKey::from_recovery_groups(&sloppy).unwrap();
            prop_assert_eq!(again.bytes.as_ref(), &bytes);
        }
    }

    #[test]
    fn a_typo_is_never_taken_and_nearly_always_located_in_its_group() {
        let key = ShopKey::from_bytes(&[0x5a; 32]);
        let good: Vec<u8> = typed(&key).replace(' ', "").into_bytes();
        let (mut tried, mut located) = (0, 0);
        for position in 0..good.len() {
            for replacement in ALPHABET.iter().filter(|c| **c != good[position]) {
                let mut bad = good.clone();
                bad[position] = *replacement;
                tried += 1;
                match ShopKey::from_recovery_groups(std::str::from_utf8(&bad).unwrap()) {
                    Ok(_) => panic!("a typo at {position} was taken"),
                    Err(RecoveryProblem::Typo { groups }) if groups == [position / 5 + 1] => located += 1,
                    Err(_) => {}
                }
            }
        }
        assert!(located * 100 >= tried * 90, "{located} of {tried} typos located");
    }

    #[test]
    fn swapped_groups_wrong_lengths_and_strange_characters_are_named() {
        let key = ShopKey::from_bytes(&[7; 32]);
        let mut groups: Vec<String> = key.recovery_groups().iter().map(|g| g.to_string()).collect();
        groups.swap(2, 3);
        let refused = ShopKey::from_recovery_groups(&groups.join(" ")).unwrap_err();
        assert!(matches!(&refused, RecoveryProblem::Typo { groups } if groups.contains(&3) && groups.contains(&4)), "{refused}");
        let text = typed(&key);
        assert!(matches!(ShopKey::from_recovery_groups(&text[..text.len() - 6]), Err(RecoveryProblem::Length { found: 65, .. })));
        let strange = text.replacen(&text[10..11], "U", 1);
        assert!(matches!(ShopKey::from_recovery_groups(&strange), Err(RecoveryProblem::BadCharacter { .. })));
        assert_eq!(RecoveryProblem::Typo { groups: vec![7] }.to_string(), "group 7 does not match its check character: look at it again");
    }
}
