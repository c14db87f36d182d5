//! New passwords for the shop's accounts: random characters from the operating system's
//! randomness, drawn without bias, from letters and digits that cannot be mistaken for one
//! another when read aloud or typed from a screen (no 0/O, 1/l/I), with symbols when the site
//! takes them; and passphrases of words from the EFF's long word list (`data/`, CC BY 3.0 US),
//! easier to type from a phone or read out to a colleague at the same strength.

use zeroize::Zeroizing;

use crate::AppError;

const LETTERS_AND_DIGITS: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const SYMBOLS: &[u8] = b"!#%+-=?@_";

/// The shortest and longest password made.
pub const GENERATED_MIN: usize = 12;
pub const GENERATED_MAX: usize = 64;

/// A random password of `length` characters (12 to 64), with symbols when `symbols`; always at
/// least one digit (and one symbol when asked), since sites often insist.
pub fn generate_password(length: usize, symbols: bool) -> Result<Zeroizing<String>, AppError> {
    if !(GENERATED_MIN..=GENERATED_MAX).contains(&length) {
        return Err(AppError::Conflict(format!("a generated password has {GENERATED_MIN} to {GENERATED_MAX} characters")));
    }
    let alphabet: Zeroizing<Vec<u8>> = Zeroizing::new([LETTERS_AND_DIGITS, if symbols { SYMBOLS } else { &[] }].concat());
    loop {
        let mut password = Zeroizing::new(String::with_capacity(length));
        // A letter or digit first: a password starting with a symbol is a formula to a spreadsheet.
        password.push(char::from(LETTERS_AND_DIGITS[uniform(LETTERS_AND_DIGITS.len())?]));
        for _ in 1..length {
            password.push(char::from(alphabet[uniform(alphabet.len())?]));
        }
        let has_digit = password.bytes().any(|byte| byte.is_ascii_digit());
        let has_symbol = !symbols || password.bytes().any(|byte| SYMBOLS.contains(&byte));
        if has_digit && has_symbol {
            return Ok(password);
        }
    }
}

/// The EFF's long word list, without its four hyphenated words (`data/README.md`).
const WORDS: &str = include_str!("data/eff-large-wordlist.txt");
/// The fewest and most words in a passphrase.
pub const PASSPHRASE_MIN_WORDS: usize = 4;
pub const PASSPHRASE_MAX_WORDS: usize = 10;

/// A passphrase of `words` words (4 to 10) drawn without bias from 7,772 (12.9 bits each), joined
/// with hyphens, one of them capitalised and a digit at the end, since sites often insist on
/// both: six words give about 80 bits.
pub fn generate_passphrase(words: usize) -> Result<Zeroizing<String>, AppError> {
    if !(PASSPHRASE_MIN_WORDS..=PASSPHRASE_MAX_WORDS).contains(&words) {
        return Err(AppError::Conflict(format!("a passphrase has {PASSPHRASE_MIN_WORDS} to {PASSPHRASE_MAX_WORDS} words")));
    }
    let list: Vec<&str> = WORDS.lines().collect();
    let capital = uniform_below(words)?;
    let mut phrase = Zeroizing::new(String::new());
    for n in 0..words {
        let word = list[uniform_below(list.len())?];
        if n == capital {
            let mut letters = word.chars();
            phrase.extend(letters.next().map(|first| first.to_ascii_uppercase()));
            phrase.push_str(letters.as_str());
        } else {
            phrase.push_str(word);
        }
        phrase.push('-');
    }
    phrase.push(char::from(b'0' + uniform_below(10)? as u8));
    Ok(phrase)
}

/// A uniform index below `n` (at most 65,536), from two random bytes, by rejection.
fn uniform_below(n: usize) -> Result<usize, AppError> {
    let limit = 65_536 - 65_536 % n;
    loop {
        let mut bytes = [0u8; 2];
        strongroom_crypto::random_bytes(&mut bytes).map_err(|_| AppError::corrupt("the operating system gave no randomness"))?;
        let value = usize::from(u16::from_le_bytes(bytes));
        if value < limit {
            return Ok(value % n);
        }
    }
}

/// A uniform index below `n` (at most 256), by rejection so no character is likelier.
fn uniform(n: usize) -> Result<usize, AppError> {
    let limit = 256 - 256 % n;
    loop {
        let mut byte = [0u8; 1];
        strongroom_crypto::random_bytes(&mut byte).map_err(|_| AppError::corrupt("the operating system gave no randomness"))?;
        if usize::from(byte[0]) < limit {
            return Ok(usize::from(byte[0]) % n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_is_the_eff_list_without_hyphens() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert_eq!(words.len(), 7_772);
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "sorted and distinct");
        assert!(words.iter().all(|word| !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_lowercase())));
    }

    #[test]
    fn passphrases_are_words_of_the_list_with_a_capital_and_a_digit() {
        let phrase = generate_passphrase(6).unwrap();
        let parts: Vec<&str> = phrase.split('-').collect();
        assert_eq!(parts.len(), 7, "{}", *phrase);
        assert!(parts[6].len() == 1 && parts[6].bytes().all(|byte| byte.is_ascii_digit()));
        assert_eq!(parts[..6].iter().filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase())).count(), 1);
        assert!(parts[..6].iter().all(|word| WORDS.lines().any(|listed| listed == word.to_ascii_lowercase())));
        assert_ne!(*generate_passphrase(6).unwrap(), *phrase, "drawn afresh");
        assert!(generate_passphrase(3).is_err() && generate_passphrase(11).is_err());
        let phrase = generate_passphrase(4).unwrap();
        let context = strongroom_identity::PasswordContext { user_name: "olga", shop_name: "Juwelier Jansen" };
        let judged = strongroom_identity::strength(&strongroom_identity::Password::new(&phrase), &context);
        assert!(judged.score >= 3, "even four words are strong: {}", judged.score);
    }

    #[test]
    fn generated_passwords_are_long_varied_and_unambiguous() {
        let password = generate_password(20, false).unwrap();
        assert_eq!(password.chars().count(), 20);
        assert!(password.bytes().all(|byte| LETTERS_AND_DIGITS.contains(&byte)));
        assert!(password.bytes().any(|byte| byte.is_ascii_digit()));
        assert!(!password.contains(['0', 'O', '1', 'l', 'I']));
        let with_symbols = generate_password(16, true).unwrap();
        assert!(with_symbols.bytes().any(|byte| SYMBOLS.contains(&byte)));
        assert!((0..50).all(|_| generate_password(16, true).unwrap().starts_with(|c: char| c.is_ascii_alphanumeric())));
        assert_ne!(*generate_password(20, true).unwrap(), *generate_password(20, true).unwrap());
        assert!(generate_password(8, true).is_err());
        assert!(generate_password(65, true).is_err());
    }
}
