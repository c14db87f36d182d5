//! The shop's devices and the programs that matter on them (issue 16): the counter PC, the
//! laptop, tablets and phones, the router, the card terminal, the camera system. Each is typed
//! and checked here; what is wrong with one (an end of life passed, old updates, customer data
//! on an unencrypted disk, a program with exploited vulnerabilities) is `lifecycle.rs`'s.

use time::Date;

use crate::DomainError;
use crate::text::parse_text;

/// The most programs one device lists.
pub const MAX_PROGRAMS: usize = 40;

/// What a device is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeviceKind {
    CounterPc,
    Laptop,
    Tablet,
    Phone,
    Router,
    CardTerminal,
    CameraSystem,
    Server,
    Other,
}

impl DeviceKind {
    pub const ALL: [DeviceKind; 9] = [
        DeviceKind::CounterPc,
        DeviceKind::Laptop,
        DeviceKind::Tablet,
        DeviceKind::Phone,
        DeviceKind::Router,
        DeviceKind::CardTerminal,
        DeviceKind::CameraSystem,
        DeviceKind::Server,
        DeviceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeviceKind::CounterPc => "counter_pc",
            DeviceKind::Laptop => "laptop",
            DeviceKind::Tablet => "tablet",
            DeviceKind::Phone => "phone",
            DeviceKind::Router => "router",
            DeviceKind::CardTerminal => "card_terminal",
            DeviceKind::CameraSystem => "camera_system",
            DeviceKind::Server => "server",
            DeviceKind::Other => "other",
        }
    }

    /// Its code, or its English or Dutch name as a list made by hand says it ("counter PC",
    /// "kassa-pc", "pinautomaat").
    pub fn parse(field: &'static str, input: &str) -> Result<DeviceKind, DomainError> {
        let word: String = input.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
        let kind = match word.as_str() {
            "counter_pc" | "pc" | "desktop" | "computer" | "kassa_pc" | "kassa" | "toonbank_pc" => DeviceKind::CounterPc,
            "laptop" | "notebook" => DeviceKind::Laptop,
            "tablet" | "ipad" => DeviceKind::Tablet,
            "phone" | "smartphone" | "mobile" | "telefoon" | "mobiel" => DeviceKind::Phone,
            "router" | "modem" | "wifi" => DeviceKind::Router,
            "card_terminal" | "pin_terminal" | "pinautomaat" | "betaalautomaat" => DeviceKind::CardTerminal,
            "camera_system" | "cameras" | "camera" | "camerasysteem" | "nvr" => DeviceKind::CameraSystem,
            "server" | "nas" => DeviceKind::Server,
            "other" | "anders" | "overig" => DeviceKind::Other,
            _ => {
                return Err(DomainError::invalid(
                    field,
                    "must be counter_pc, laptop, tablet, phone, router, card_terminal, camera_system, server or other",
                ));
            }
        };
        Ok(kind)
    }

    /// Whether a virus scanner and a firewall of its own are expected on it (a computer).
    pub fn is_computer(self) -> bool {
        matches!(self, DeviceKind::CounterPc | DeviceKind::Laptop | DeviceKind::Server)
    }
}

/// A yes, a no, or "we do not know" (which the flags treat as the no it may be).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Answer {
    Yes,
    No,
    #[default]
    Unknown,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        }
    }

    /// yes/no/unknown, in English or Dutch; empty is unknown.
    pub fn parse(field: &'static str, input: &str) -> Result<Answer, DomainError> {
        match input.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "ja" | "j" | "on" | "aan" => Ok(Answer::Yes),
            "no" | "n" | "false" | "0" | "nee" | "off" | "uit" => Ok(Answer::No),
            "" | "unknown" | "?" | "onbekend" | "weet niet" => Ok(Answer::Unknown),
            _ => Err(DomainError::invalid(field, "must be yes, no or unknown")),
        }
    }
}

/// An operating system or program with its version as the device shows it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Software {
    pub name: String,
    /// Empty when not known (or written into the name: "Windows 10").
    pub version: String,
}

impl Software {
    pub fn parse(field: &'static str, name: &str, version: &str) -> Result<Software, DomainError> {
        let name = parse_text(field, name, 80, false)?;
        let version = if version.trim().is_empty() { String::new() } else { parse_text(field, version, 40, false)? };
        Ok(Software { name, version })
    }

    /// "Microsoft Office 2016", as a list shows it.
    pub fn display(&self) -> String {
        if self.version.is_empty() { self.name.clone() } else { format!("{} {}", self.name, self.version) }
    }

    /// A program as a list made by hand writes it: `name` or `name@version` ("Google
    /// Chrome@131", "Kassa Pro@4.2"); a version may also follow the name after a space.
    pub fn parse_listed(field: &'static str, text: &str) -> Result<Software, DomainError> {
        match text.split_once('@') {
            Some((name, version)) => Software::parse(field, name, version),
            None => Software::parse(field, text, ""),
        }
    }
}

/// One of the shop's devices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// What the shop calls it: "Counter PC", "Anna's laptop".
    pub name: String,
    pub kind: DeviceKind,
    /// Who uses or looks after it.
    pub owner: String,
    pub os: Option<Software>,
    pub disk_encryption: Answer,
    pub antivirus: Answer,
    pub firewall: Answer,
    pub automatic_updates: Answer,
    /// When its last updates were installed.
    pub last_update: Option<Date>,
    /// Whether customer data is on it (Strongroom's data directory, exports, mail).
    pub customer_data: bool,
    pub programs: Vec<Software>,
}

impl Device {
    /// Checks what a form or a CSV row gives; `programs` as they are listed.
    pub fn checked(mut self) -> Result<Device, DomainError> {
        self.name = parse_text("name", &self.name, 80, false)?;
        self.owner = if self.owner.trim().is_empty() { String::new() } else { parse_text("owner", &self.owner, 80, false)? };
        if let Some(os) = &self.os {
            self.os = Some(Software::parse("os", &os.name, &os.version)?);
        }
        if self.programs.len() > MAX_PROGRAMS {
            return Err(DomainError::invalid("programs", format!("at most {MAX_PROGRAMS} programs per device")));
        }
        self.programs =
            self.programs.iter().map(|program| Software::parse("programs", &program.name, &program.version)).collect::<Result<_, _>>()?;
        Ok(self)
    }

    /// [`Device::checked`], and its last update not after `today` (a day's leeway for the
    /// shop's time zone): a mistyped year would silence every flag about updates.
    pub fn checked_on(self, today: Date) -> Result<Device, DomainError> {
        let device = self.checked()?;
        if device.last_update.is_some_and(|day| day > today.next_day().unwrap_or(today)) {
            return Err(DomainError::invalid("last_update", "must not be after today"));
        }
        Ok(device)
    }

    /// The operating system and the programs, the system first.
    pub fn software(&self) -> impl Iterator<Item = &Software> {
        self.os.iter().chain(self.programs.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_answers_are_read_in_english_and_dutch() {
        for kind in DeviceKind::ALL {
            assert_eq!(DeviceKind::parse("kind", kind.as_str()), Ok(kind));
        }
        assert_eq!(DeviceKind::parse("kind", " Kassa-PC "), Ok(DeviceKind::CounterPc));
        assert_eq!(DeviceKind::parse("kind", "Pinautomaat"), Ok(DeviceKind::CardTerminal));
        assert!(DeviceKind::parse("kind", "toaster").is_err());
        assert_eq!(Answer::parse("x", "Ja"), Ok(Answer::Yes));
        assert_eq!(Answer::parse("x", "nee"), Ok(Answer::No));
        assert_eq!(Answer::parse("x", ""), Ok(Answer::Unknown));
        assert!(Answer::parse("x", "maybe").is_err());
    }

    #[test]
    fn a_device_is_checked_whole() {
        let device = Device {
            name: "  Counter PC ".into(),
            kind: DeviceKind::CounterPc,
            owner: String::new(),
            os: Some(Software { name: "Windows".into(), version: "10".into() }),
            disk_encryption: Answer::No,
            antivirus: Answer::Yes,
            firewall: Answer::Yes,
            automatic_updates: Answer::Unknown,
            last_update: None,
            customer_data: true,
            programs: vec![Software::parse_listed("programs", "Google Chrome@120").unwrap()],
        };
        let checked = device.clone().checked().unwrap();
        assert_eq!(checked.name, "Counter PC");
        assert_eq!(checked.programs[0], Software { name: "Google Chrome".into(), version: "120".into() });
        assert!(Device { name: String::new(), ..device.clone() }.checked().is_err());
        assert!(Device { programs: vec![Software { name: "x".into(), version: String::new() }; 41], ..device.clone() }.checked().is_err());
        let card = Device { owner: "4111 1111 1111 1111".into(), ..device };
        assert!(matches!(card.checked(), Err(DomainError::CardNumber { .. })));
    }
}
