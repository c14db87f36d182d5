//! What a new password must be, following NIST SP 800-63B rev. 4 and OWASP ASVS 5.0 V6: long
//! enough, not common, not made of the shop's own words, and not easily guessed. No composition
//! rules (no "one digit, one symbol"), every Unicode character allowed, paste welcome.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

use crate::is_blocklisted;

/// The longest password accepted, in characters (at least 64 must be allowed).
pub const MAX_CHARS: usize = 256;
/// The shortest password for an account that may sign in with its password alone.
pub const MIN_CHARS_PASSWORD_ONLY: usize = 15;
/// The shortest password for an account whose every sign-in also asks a second factor.
pub const MIN_CHARS_WITH_SECOND_FACTOR: usize = 8;
/// The lowest zxcvbn score (0–4) a new password may have: 3 is "safely unguessable".
pub const MIN_SCORE: u8 = 3;
/// zxcvbn's cost grows with the length; beyond this many characters a password is long enough
/// that its first ones decide.
const ESTIMATE_CHARS: usize = 64;

/// A password as typed, NFKC-normalised (so the same password typed on a tablet and on a PC
/// compares equal) and wiped from memory when dropped.
#[derive(Clone)]
pub struct Password(Zeroizing<String>);

impl Password {
    pub fn new(typed: &str) -> Password {
        Password(Zeroizing::new(typed.nfkc().collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its length in Unicode code points, as NIST counts it.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Words a password must not be built from: the person's user name, the shop's name, the
/// product's name and the trade's everyday words.
#[derive(Debug, Clone, Copy)]
pub struct PasswordContext<'a> {
    pub user_name: &'a str,
    pub shop_name: &'a str,
}

/// Jewelry words a shop's staff reach for first, in the languages of the shops Strongroom
/// serves (English, Dutch, German, French).
const TRADE_WORDS: &[&str] = &[
    "strongroom",
    "jewel",
    "jewels",
    "jewelry",
    "jewellery",
    "jeweler",
    "jeweller",
    "diamond",
    "diamonds",
    "gold",
    "golden",
    "silver",
    "platinum",
    "ring",
    "rings",
    "necklace",
    "bracelet",
    "earring",
    "earrings",
    "pendant",
    "brooch",
    "pearl",
    "pearls",
    "ruby",
    "sapphire",
    "emerald",
    "watch",
    "watches",
    "goldsmith",
    "carat",
    "karat",
    "juwelier",
    "juweel",
    "sieraden",
    "sieraad",
    "goud",
    "zilver",
    "diamant",
    "horloge",
    "ketting",
    "armband",
    "oorbel",
    "schmuck",
    "goldschmied",
    "bijou",
    "bijoux",
    "bijouterie",
    "bague",
    "collier",
];

impl PasswordContext<'_> {
    /// Every context word, lower-cased, of 4 characters or more.
    fn words(&self) -> Vec<String> {
        let own = [self.user_name, self.shop_name]
            .into_iter()
            .flat_map(|text| std::iter::once(text).chain(text.split(|c: char| !c.is_alphanumeric())))
            .map(|word| word.nfkc().collect::<String>().to_lowercase());
        let mut words: Vec<String> =
            own.chain(TRADE_WORDS.iter().map(|word| (*word).to_owned())).filter(|word| word.chars().count() >= 4).collect();
        // Longest first, so "jewellery" is taken out before "jewel".
        words.sort_by_key(|word| std::cmp::Reverse(word.len()));
        words.dedup();
        words
    }
}

/// Why a new password was refused, worded to tell the person what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error(
        "the password has {got} characters; use at least {min}. A few unrelated words with spaces between them make a long password that is easy to remember"
    )]
    TooShort { min: usize, got: usize },
    #[error("the password has {got} characters; use at most {max}")]
    TooLong { max: usize, got: usize },
    #[error(
        "this password is on a list of common or leaked passwords that attackers try first; choose another one, for example a few unrelated words"
    )]
    Blocklisted,
    #[error(
        "the password is mostly {word:?} with digits or symbols around it; names of people, the shop and the trade are guessed first, so add words of your own"
    )]
    MadeOfContextWords { word: String },
    #[error("the password would be easy to guess ({advice}); make it longer, for example with another unrelated word")]
    TooGuessable { advice: String },
}

/// zxcvbn's estimate of a password and its advice, for the live meter and for refusals.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very unlikely to be guessed).
    pub score: u8,
    pub guesses_log10: f64,
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
}

impl Strength {
    fn advice(&self) -> String {
        let mut advice: Vec<String> = self.warning.iter().cloned().collect();
        advice.extend(self.suggestions.iter().cloned());
        if advice.is_empty() { "it is too predictable".to_owned() } else { advice.join(" ").trim_end_matches('.').to_owned() }
    }
}

/// zxcvbn's estimate, with the context words as what it should expect attackers to try.
pub fn strength(password: &Password, context: &PasswordContext<'_>) -> Strength {
    let head: Zeroizing<String> = Zeroizing::new(password.as_str().chars().take(ESTIMATE_CHARS).collect());
    let words = context.words();
    let inputs: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(&head, &inputs);
    let feedback = estimate.feedback();
    Strength {
        score: u8::from(estimate.score()),
        guesses_log10: estimate.guesses_log10(),
        warning: feedback.and_then(|feedback| feedback.warning()).map(|warning| warning.to_string()),
        suggestions: feedback.map(|feedback| feedback.suggestions().iter().map(ToString::to_string).collect()).unwrap_or_default(),
    }
}

/// Checks a password someone chose: its length (at least `min_chars`, which is
/// [`MIN_CHARS_PASSWORD_ONLY`] unless every sign-in of the account also asks a second factor),
/// the blocklist, the context words and the strength estimate, in that order.
pub fn check_new_password(password: &Password, min_chars: usize, context: &PasswordContext<'_>) -> Result<Strength, PasswordProblem> {
    let chars = password.chars();
    if chars < min_chars {
        return Err(PasswordProblem::TooShort { min: min_chars, got: chars });
    }
    if chars > MAX_CHARS {
        return Err(PasswordProblem::TooLong { max: MAX_CHARS, got: chars });
    }
    if is_blocklisted(password) {
        return Err(PasswordProblem::Blocklisted);
    }
    let mut rest = Zeroizing::new(password.as_str().to_lowercase());
    let mut main_word = None;
    for word in context.words() {
        if rest.contains(&word) {
            *rest = rest.replace(&word, " ");
            main_word.get_or_insert(word);
        }
    }
    if let Some(word) = main_word
        && rest.chars().filter(|c| c.is_alphabetic()).count() < 4
    {
        return Err(PasswordProblem::MadeOfContextWords { word });
    }
    let strength = strength(password, context);
    if strength.score < MIN_SCORE {
        return Err(PasswordProblem::TooGuessable { advice: strength.advice() });
    }
    Ok(strength)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const CONTEXT: PasswordContext<'static> = PasswordContext { user_name: "marieke", shop_name: "Van Dijk Juweliers" };

    fn check(typed: &str, min: usize) -> Result<Strength, PasswordProblem> {
        check_new_password(&Password::new(typed), min, &CONTEXT)
    }

    #[test]
    fn long_passphrases_of_any_script_are_welcome() {
        for typed in [
            "correct horse battery staple",
            "tulpen in de regen op dinsdag",
            "ひらがなとカタカナの長い文章です",
            "Ünïcödé wörds ärë fïnë tôô",
        ] {
            check(typed, MIN_CHARS_PASSWORD_ONLY).unwrap_or_else(|problem| panic!("{typed}: {problem}"));
        }
    }

    #[test]
    fn length_is_counted_in_characters_after_nfkc() {
        // Fourteen characters, however many bytes: one short of the password-only minimum.
        let fourteen = "ééééééééééééxq";
        assert_eq!(check(fourteen, MIN_CHARS_PASSWORD_ONLY), Err(PasswordProblem::TooShort { min: 15, got: 14 }));
        // The ligature "ﬁ" is two characters after NFKC.
        assert_eq!(Password::new("ﬁ").chars(), 2);
        assert!(matches!(check(&"x".repeat(MAX_CHARS + 1), 8), Err(PasswordProblem::TooLong { .. })));
        check(&"a long passphrase of many words ".repeat(2), MIN_CHARS_PASSWORD_ONLY).unwrap();
    }

    #[test]
    fn a_second_factor_allows_shorter_passwords_but_not_weak_ones() {
        check("vj4#Qp9!zr", MIN_CHARS_WITH_SECOND_FACTOR).unwrap();
        assert!(matches!(check("vj4#Qp9!zr", MIN_CHARS_PASSWORD_ONLY), Err(PasswordProblem::TooShort { .. })));
        assert!(matches!(check("abcdefgh", MIN_CHARS_WITH_SECOND_FACTOR), Err(PasswordProblem::Blocklisted)));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(check("PassWord1234", 8), Err(PasswordProblem::Blocklisted));
        assert_eq!(check("qwertyuiop", 8), Err(PasswordProblem::Blocklisted));
    }

    #[test]
    fn passwords_built_from_the_shops_own_words_are_refused() {
        for typed in ["Marieke2024!!!!!", "VanDijkJuweliers1", "Diamond-Diamond-77", "strongroom strongroom", "Goud&Zilver&Diamant"] {
            assert!(matches!(check(typed, 8), Err(PasswordProblem::MadeOfContextWords { .. })), "{typed}");
        }
        // A context word among words of one's own is fine.
        check("marieke drinks tea at the harbour", MIN_CHARS_PASSWORD_ONLY).unwrap();
    }

    #[test]
    fn guessable_passwords_are_refused_with_advice() {
        let Err(PasswordProblem::TooGuessable { advice }) = check("aaaaaaaaaaaaaaaaaa", MIN_CHARS_PASSWORD_ONLY) else {
            panic!("a repeated character passed");
        };
        assert!(!advice.is_empty());
        let message = PasswordProblem::TooGuessable { advice }.to_string();
        assert!(message.contains("longer"), "{message}");
    }

    #[test]
    fn refusals_never_echo_the_password() {
        for typed in ["Marieke2024!!!!!", "aaaaaaaaaaaaaaaaaa", "password1234", "short"] {
            if let Err(problem) = check(typed, MIN_CHARS_PASSWORD_ONLY) {
                assert!(!problem.to_string().to_lowercase().contains(&typed.to_lowercase()), "{problem}");
            }
        }
        assert_eq!(format!("{:?}", Password::new("secret")), "Password(…)");
    }

    proptest! {
        #[test]
        fn any_text_is_judged_without_panicking(typed in "\\PC{0,300}") {
            let _ = check(&typed, MIN_CHARS_WITH_SECOND_FACTOR);
        }

        #[test]
        fn normalisation_is_idempotent(typed in "\\PC{0,40}") {
            let once = Password::new(&typed);
            let twice = Password::new(once.as_str());
            prop_assert_eq!(twice.as_str(), once.as_str());
        }
    }
}
