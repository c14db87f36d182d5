//! The password advice in the person's language: the policy's refusals (`strongroom-identity`)
//! and zxcvbn's warnings and suggestions are written in English; a Dutch page shows them in Dutch.

use strongroom_domain::Language;

use super::reasons::{fill, holes};

/// The policy's refusals, `{}` standing for a value carried over.
const REFUSALS: &[(&str, &str)] = &[
    (
        "the password has {} characters; use at least {}. A few unrelated words with spaces between them make a long password that is easy to remember",
        "het wachtwoord heeft {} tekens; gebruik er minstens {}. Een paar losse woorden met spaties ertussen maken een lang wachtwoord dat makkelijk te onthouden is",
    ),
    ("the password has {} characters; use at most {}", "het wachtwoord heeft {} tekens; gebruik er hoogstens {}"),
    (
        "this password is on a list of common or leaked passwords that attackers try first; choose another one, for example a few unrelated words",
        "dit wachtwoord staat op een lijst van veelgebruikte of uitgelekte wachtwoorden die aanvallers het eerst proberen; kies een ander, bijvoorbeeld een paar losse woorden",
    ),
    (
        "the password is mostly {} with digits or symbols around it; names of people, the shop and the trade are guessed first, so add words of your own",
        "het wachtwoord is vooral {} met cijfers of tekens eromheen; namen van mensen, de winkel en het vak worden het eerst geraden, dus voeg eigen woorden toe",
    ),
    (
        "the password would be easy to guess ({}); make it longer, for example with another unrelated word",
        "het wachtwoord is makkelijk te raden ({}); maak het langer, bijvoorbeeld met nog een los woord",
    ),
];

/// zxcvbn's sentences (its `Display` of each warning and suggestion), and "too predictable".
const SENTENCES: &[(&str, &str)] = &[
    ("Straight rows of keys are easy to guess", "Rijen toetsen naast elkaar zijn makkelijk te raden"),
    ("Short keyboard patterns are easy to guess", "Korte toetsenbordpatronen zijn makkelijk te raden"),
    ("Repeats like \"aaa\" are easy to guess", "Herhalingen zoals \"aaa\" zijn makkelijk te raden"),
    (
        "Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\"",
        "Herhalingen zoals \"abcabcabc\" zijn maar iets moeilijker te raden dan \"abc\"",
    ),
    ("This is a top-10 common password", "Dit is een van de 10 meest gebruikte wachtwoorden"),
    ("This is a top-100 common password", "Dit is een van de 100 meest gebruikte wachtwoorden"),
    ("This is a very common password", "Dit is een zeer veelgebruikt wachtwoord"),
    ("This is similar to a commonly used password", "Dit lijkt op een veelgebruikt wachtwoord"),
    ("Sequences like abc or 6543 are easy to guess", "Reeksen zoals abc of 6543 zijn makkelijk te raden"),
    ("Recent years are easy to guess", "Recente jaartallen zijn makkelijk te raden"),
    ("A word by itself is easy to guess", "Eén los woord is makkelijk te raden"),
    ("Dates are often easy to guess", "Datums zijn vaak makkelijk te raden"),
    ("Names and surnames by themselves are easy to guess", "Voor- en achternamen alleen zijn makkelijk te raden"),
    ("Common names and surnames are easy to guess", "Veelvoorkomende voor- en achternamen zijn makkelijk te raden"),
    ("Use a few words, avoid common phrases", "Gebruik een paar woorden, geen bekende uitdrukkingen"),
    ("No need for symbols, digits, or uppercase letters", "Leestekens, cijfers of hoofdletters zijn niet nodig"),
    ("Add another word or two. Uncommon words are better", "Voeg nog een of twee woorden toe. Ongewone woorden zijn beter"),
    ("Capitalization doesn't help very much", "Hoofdletters helpen niet veel"),
    (
        "All-uppercase is almost as easy to guess as all-lowercase",
        "Alles in hoofdletters is bijna even makkelijk te raden als alles in kleine letters",
    ),
    ("Reversed words aren't much harder to guess", "Omgekeerde woorden zijn niet veel moeilijker te raden"),
    (
        "Predictable substitutions like '@' instead of 'a' don't help very much",
        "Voorspelbare vervangingen zoals '@' in plaats van 'a' helpen niet veel",
    ),
    ("Use a longer keyboard pattern with more turns", "Gebruik een langer toetsenbordpatroon met meer bochten"),
    ("Avoid repeated words and characters", "Vermijd herhaalde woorden en tekens"),
    ("Avoid sequences", "Vermijd reeksen"),
    ("Avoid recent years", "Vermijd recente jaartallen"),
    ("Avoid years that are associated with you", "Vermijd jaartallen die met u te maken hebben"),
    ("Avoid dates and years that are associated with you", "Vermijd datums en jaartallen die met u te maken hebben"),
    ("it is too predictable", "het is te voorspelbaar"),
];

/// Password advice (a refusal, a warning or a suggestion) in `language`.
pub fn password_text(language: Language, text: &str) -> String {
    if language == Language::En {
        return text.to_owned();
    }
    for (english, dutch) in REFUSALS {
        if let Some(values) = holes(english, text) {
            let values: Vec<String> = values.iter().map(|value| sentences(value)).collect();
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            if let Some(filled) = fill(dutch, &values) {
                return filled;
            }
        }
    }
    sentences(text)
}

/// Each of zxcvbn's sentences in `text` in Dutch, longest first (so no sentence is matched
/// inside a longer one).
fn sentences(text: &str) -> String {
    let mut pairs: Vec<&(&str, &str)> = SENTENCES.iter().collect();
    pairs.sort_by_key(|(english, _)| std::cmp::Reverse(english.len()));
    let mut out = text.to_owned();
    for (english, dutch) in pairs {
        out = out.replace(english, dutch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_and_zxcvbns_advice_are_dutch() {
        assert_eq!(
            password_text(Language::Nl, "the password has 9 characters; use at most 8"),
            "het wachtwoord heeft 9 tekens; gebruik er hoogstens 8"
        );
        let guessable = "the password would be easy to guess (A word by itself is easy to guess. Add another word or two. Uncommon words are better); make it longer, for example with another unrelated word";
        assert_eq!(
            password_text(Language::Nl, guessable),
            "het wachtwoord is makkelijk te raden (Eén los woord is makkelijk te raden. Voeg nog een of twee woorden toe. Ongewone woorden zijn beter); maak het langer, bijvoorbeeld met nog een los woord"
        );
        assert_eq!(password_text(Language::Nl, "Avoid recent years."), "Vermijd recente jaartallen.");
        assert_eq!(password_text(Language::En, "Avoid recent years."), "Avoid recent years.");
    }

    /// Every refusal the password policy writes is in the catalogue (read from its source).
    #[test]
    fn every_refusal_of_the_policy_has_its_dutch() {
        let source = include_str!("../../../../identity/src/password.rs");
        for attribute in source.split("#[error(").skip(1) {
            let Some(literal) = attribute.split_once('"').and_then(|(_, rest)| rest.split_once('"')).map(|(literal, _)| literal) else {
                continue;
            };
            let mut template = String::new();
            let mut rest = literal;
            while let Some(open) = rest.find('{') {
                template.push_str(&rest[..open]);
                let Some(close) = rest[open..].find('}') else { break };
                template.push_str("{}");
                rest = &rest[open + close + 1..];
            }
            template.push_str(rest);
            assert!(REFUSALS.iter().any(|(english, _)| *english == template), "no Dutch for the policy's {template:?}");
        }
    }
}
