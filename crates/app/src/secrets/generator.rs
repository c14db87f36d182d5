//! New passwords for the shop's accounts: random characters from the operating system's
//! randomness, drawn without bias, from letters and digits that cannot be mistaken for one
//! another when read aloud or typed from a screen (no 0/O, 1/l/I), with symbols when the site
//! takes them.

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
