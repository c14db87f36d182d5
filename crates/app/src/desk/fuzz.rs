//! The body of the fuzz target `desk_files`: what the owner hands the desk from outside (a
//! device list, a feed, an end-of-life table, CISA's catalogue) read by every reader at once.
//! None may panic; a refused device list names lines that exist, and an accepted one holds only
//! checked devices within the limit.

/// Reads `data` as each kind of desk file.
pub fn fuzz_desk_files(data: &[u8]) {
    let today = time::Date::from_calendar_date(2026, time::Month::December, 6).unwrap_or(time::Date::MIN);
    match super::device_csv::read(data, today) {
        Ok(devices) => {
            assert!(!devices.is_empty() && devices.len() <= super::device_csv::MAX_DEVICES);
            for device in devices {
                assert_eq!(device.clone().checked_on(today).as_ref(), Ok(&device), "an accepted device is a checked one");
            }
        }
        Err(problems) => {
            let lines = 1 + data.iter().filter(|&&byte| byte == b'\n').count() as u64;
            assert!(!problems.is_empty());
            assert!(problems.iter().all(|problem| problem.line <= lines + 1), "a problem names a line of the file");
        }
    }
    if let Ok(items) = super::feeds::parse_feed(data) {
        assert!(items.iter().all(|item| item.link.as_deref().is_none_or(|link| link.starts_with("http"))), "only web links");
    }
    let _ = super::tables::parse_eol(data);
    let _ = super::tables::parse_kev(data);
}
