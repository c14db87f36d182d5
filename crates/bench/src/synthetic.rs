//! Believable synthetic shop data for the demo and the benchmarks: deterministic for a seed,
//! with names from several countries and addresses that look local. Email addresses use the
//! RFC 2606 example domains, so nothing can ever be mailed to them. Phone numbers are random in
//! realistic national ranges (the reserved drama ranges hold too few numbers to give a shop of a
//! million customers distinct numbers); Strongroom never dials or texts anyone.
//! None of it is a real person.

use std::io::Write;

/// SplitMix64: a tiny, well-mixed deterministic generator; no need for a crate here.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Locale {
    first_names: &'static [&'static str],
    last_names: &'static [&'static str],
    streets: &'static [&'static str],
    cities: &'static [&'static str],
    phone: fn(&mut Rng) -> String,
    address: fn(&mut Rng, &str, &str) -> String,
}

fn nl_phone(rng: &mut Rng) -> String {
    format!("06-{:08}", rng.below(100_000_000))
}
fn de_phone(rng: &mut Rng) -> String {
    format!("+49 30 {:07}", rng.below(10_000_000))
}
fn be_phone(rng: &mut Rng) -> String {
    format!("+32 470 {:02} {:02} {:02}", rng.below(100), rng.below(100), rng.below(100))
}
fn fr_phone(rng: &mut Rng) -> String {
    format!("+33 6 {:02} {:02} {:02} {:02}", rng.below(100), rng.below(100), rng.below(100), rng.below(100))
}
fn gb_phone(rng: &mut Rng) -> String {
    format!("+44 7{:03} {:06}", 100 + rng.below(900), rng.below(1_000_000))
}
fn us_phone(rng: &mut Rng) -> String {
    format!("+1 ({}) 555-{:04}", 201 + rng.below(780), rng.below(10_000))
}
fn tr_phone(rng: &mut Rng) -> String {
    format!("+90 532 {:03} {:04}", rng.below(1000), rng.below(10_000))
}

fn nl_address(rng: &mut Rng, street: &str, city: &str) -> String {
    format!(
        "{street} {}\n{:04} {}{} {city}",
        1 + rng.below(180),
        1000 + rng.below(9000),
        (b'A' + rng.below(26) as u8) as char,
        (b'A' + rng.below(26) as u8) as char
    )
}
fn de_address(rng: &mut Rng, street: &str, city: &str) -> String {
    format!("{street} {}\n{:05} {city}", 1 + rng.below(120), 10_000 + rng.below(89_999))
}
fn fr_address(rng: &mut Rng, street: &str, city: &str) -> String {
    format!("{} {street}\n{:05} {city}", 1 + rng.below(120), 10_000 + rng.below(85_000))
}
fn gb_address(rng: &mut Rng, street: &str, city: &str) -> String {
    format!("{} {street}\n{city} SW{} {}AB", 1 + rng.below(200), 1 + rng.below(20), rng.below(10))
}
fn us_address(rng: &mut Rng, street: &str, city: &str) -> String {
    format!("{} {street}\n{city}, NY {:05}", 10 + rng.below(9000), 10_001 + rng.below(280))
}

const LOCALES: &[Locale] = &[
    Locale {
        first_names: &["Anna", "Sanne", "Lotte", "Femke", "Daan", "Bram", "Joost", "Maarten", "Sophie", "Noor", "Eline", "Thijs"],
        last_names: &[
            "de Vries",
            "Jansen",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van Dijk",
            "Bos",
            "Vermeulen",
        ],
        streets: &["Kalverstraat", "Prinsengracht", "Oudegracht", "Lange Voorhout", "Grote Markt", "Stationsweg"],
        cities: &["Amsterdam", "Utrecht", "Den Haag", "Haarlem", "Leiden", "Groningen"],
        phone: nl_phone,
        address: nl_address,
    },
    Locale {
        first_names: &["Jürgen", "Lena", "Lukas", "Marie", "Jonas", "Katharina", "Matthias", "Sophie", "Björn", "Greta"],
        last_names: &["Müller", "Schmidt", "Schneider", "Fischer", "Weiß", "Köhler", "Wagner", "Becker", "Hoffmann", "Schäfer"],
        streets: &["Hauptstraße", "Schillerstraße", "Goethestraße", "Bahnhofstraße", "Königsallee"],
        cities: &["Berlin", "Düsseldorf", "Köln", "München", "Hamburg"],
        phone: de_phone,
        address: de_address,
    },
    Locale {
        first_names: &["Élodie", "Camille", "Léa", "Chloé", "Hugo", "Théo", "Mathéo", "Inès", "Zoë", "Amélie"],
        last_names: &["Dubois", "Lefèvre", "Moreau", "Laurent", "Fontaine", "Girard", "Peeters", "Janssens", "Maes", "Goossens"],
        streets: &["rue de la Paix", "avenue Louise", "rue Neuve", "boulevard Haussmann", "place du Marché"],
        cities: &["Paris", "Lyon", "Bruxelles", "Gent", "Lille"],
        phone: fr_phone,
        address: fr_address,
    },
    Locale {
        first_names: &["Olivia", "Amelia", "Isla", "Harry", "Oliver", "George", "Siobhán", "Niamh", "Eilidh", "Rhys"],
        last_names: &["Smith", "Jones", "Taylor", "Brown", "Williams", "O'Brien", "MacLeod", "Davies", "Evans", "Thomas"],
        streets: &["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"],
        cities: &["London", "Manchester", "Bristol", "Edinburgh", "Cardiff"],
        phone: gb_phone,
        address: gb_address,
    },
    Locale {
        first_names: &["Emma", "Ava", "Mia", "Liam", "Noah", "Ethan", "Madison", "Grace", "Carlos", "Sofía"],
        last_names: &["Johnson", "Garcia", "Miller", "Rodriguez", "Martinez", "Anderson", "Thompson", "Lee", "Nguyen", "Kim"],
        streets: &["Fifth Avenue", "Madison Avenue", "Broadway", "Park Avenue", "Canal Street"],
        cities: &["New York", "Brooklyn", "Queens"],
        phone: us_phone,
        address: us_address,
    },
    Locale {
        first_names: &["Ayşe", "Elif", "Zeynep", "Mehmet", "Mustafa", "Emre", "Fatma", "Yusuf", "Özge", "Burak"],
        last_names: &["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"],
        streets: &["Kalverstraat", "Hauptstraße", "Stationsweg", "Bahnhofstraße"],
        cities: &["Rotterdam", "Amsterdam", "Berlin", "Köln"],
        phone: tr_phone,
        address: de_address,
    },
    Locale {
        first_names: &["Łukasz", "Agnieszka", "Małgorzata", "Piotr", "Wojciech", "Zofia", "Kateřina", "Jiří", "Ana", "João"],
        last_names: &["Kowalski", "Nowak", "Wiśniewska", "Wójcik", "Dvořák", "Novotná", "Silva", "Gonçalves", "Rossi", "Bianchi"],
        streets: &["Prinsengracht", "Schillerstraße", "Oudegracht", "Königsallee"],
        cities: &["Antwerpen", "Düsseldorf", "Eindhoven", "München"],
        phone: be_phone,
        address: nl_address,
    },
];

const NOTES: &[&str] = &[
    "Prefers yellow gold; ring size 54.",
    "Allergic to nickel: only platinum or 18k.",
    "Buys an anniversary piece every May.",
    "Collector of Art Deco brooches.",
    "Likes to be called before pickup.",
    "Interested in lab-grown diamonds.",
    "Wants a matching wedding band for partner.",
];

/// One synthetic customer, as text cells a CSV export would hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticCustomer {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub birth_date: String,
    pub notes: String,
}

fn email_local(name: &str) -> String {
    let tokens = strongroom_domain::name_tokens(name);
    tokens.join(".")
}

/// The `n`-th customer of the shop for `seed`. Emails are unique per `n`.
pub fn customer(seed: u64, n: u64) -> SyntheticCustomer {
    let mut rng = Rng::new(seed ^ n.wrapping_mul(0xA24B_AED4_963E_E407));
    let locale = rng.pick(LOCALES);
    let name = format!("{} {}", rng.pick(locale.first_names), rng.pick(locale.last_names));
    let domain = rng.pick(&["example.com", "example.net", "example.org", "mail.example"]);
    let email = if rng.chance(85) { format!("{}.{n}@{domain}", email_local(&name)) } else { String::new() };
    let phone = if rng.chance(80) { (locale.phone)(&mut rng) } else { String::new() };
    let address = if rng.chance(70) {
        let street = rng.pick(locale.streets);
        let city = rng.pick(locale.cities);
        (locale.address)(&mut rng, street, city)
    } else {
        String::new()
    };
    let birth_date =
        if rng.chance(50) { format!("{}-{:02}-{:02}", 1940 + rng.below(65), 1 + rng.below(12), 1 + rng.below(28)) } else { String::new() };
    let notes = if rng.chance(30) { rng.pick(NOTES).to_string() } else { String::new() };
    SyntheticCustomer { name, email, phone, address, birth_date, notes }
}

/// Writes `n_customers` synthetic customers as a comma-separated CSV with the import's columns.
pub fn write_customers_csv(out: &mut dyn Write, seed: u64, n_customers: u64) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["name", "email", "phone", "address", "birth_date", "notes"])?;
    for n in 0..n_customers {
        let c = customer(seed, n);
        writer.write_record([&c.name, &c.email, &c.phone, &c.address, &c.birth_date, &c.notes])?;
    }
    writer.flush()
}

/// Jewellery for synthetic purchases and repairs: (description, metal, stones).
pub const PIECES: &[(&str, &str, &str)] = &[
    ("Solitaire engagement ring", "platinum", "1.01 ct round brilliant diamond"),
    ("Wedding band", "18k yellow gold", ""),
    ("Tennis bracelet", "18k white gold", "42 diamonds, 3.2 ct total"),
    ("Pearl necklace", "14k yellow gold clasp", "Akoya pearls 7 mm"),
    ("Signet ring", "18k rose gold", ""),
    ("Sapphire earrings", "18k white gold", "2 Ceylon sapphires 1.5 ct"),
    ("Chronograph watch", "stainless steel", ""),
    ("Charm bracelet", "sterling silver", ""),
    ("Emerald pendant", "18k yellow gold", "Colombian emerald 0.8 ct"),
];

pub const REPAIRS: &[&str] = &[
    "Resize ring from 52 to 55",
    "Replace broken clasp on necklace",
    "Re-tip prongs on solitaire",
    "Restring pearls with knots",
    "Battery and reseal of watch",
    "Polish and rhodium-plate white gold band",
    "Appraisal for insurance",
];

#[cfg(test)]
mod tests {
    use strongroom_domain::{Country, EmailAddress, PersonName, PhoneE164, PostalAddress, parse_date};

    use super::*;

    #[test]
    fn synthetic_customers_pass_the_import_rules() {
        let nl = Country::parse("NL").unwrap();
        for n in 0..2000 {
            let c = customer(7, n);
            assert!(PersonName::parse("name", &c.name).is_ok(), "{c:?}");
            assert!(c.email.is_empty() || EmailAddress::parse(&c.email).is_ok(), "{c:?}");
            assert!(c.phone.is_empty() || PhoneE164::parse(&c.phone, nl).is_ok(), "{c:?}");
            assert!(c.address.is_empty() || PostalAddress::parse("address", &c.address).is_ok(), "{c:?}");
            assert!(c.birth_date.is_empty() || parse_date("birth_date", &c.birth_date).is_ok(), "{c:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_shop() {
        assert_eq!(customer(1, 5), customer(1, 5));
        assert_ne!(customer(1, 5), customer(2, 5));
    }
}
