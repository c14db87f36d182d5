//! Asking a website whether it still speaks SSL 3.0, TLS 1.0 or TLS 1.1, which rustls cannot:
//! a hand-made ClientHello offering only the old version (RFC 2246/4346 framing, the CBC suites
//! servers of that age speak), and a reading of the server's first records. A ServerHello of the
//! version offered, or older, is a yes; an alert, a close or a ServerHello of a newer version a
//! no. HelloRequests are skipped and a ServerHello split across records is joined.

/// What a server's first answer to an old ClientHello said.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LegacyAnswer {
    /// It went on in this version (`0x0300` SSL 3.0, `0x0301` TLS 1.0, `0x0302` TLS 1.1).
    Accepted(u16),
    Refused,
}

/// The name of an old version.
pub fn version_name(version: u16) -> &'static str {
    match version {
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        _ => "SSL 3.0",
    }
}

/// A ClientHello offering only `version`, naming `host` (SNI) unless it is an address.
pub fn legacy_hello(host: &str, version: u16) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend(version.to_be_bytes());
    let mut random = [0x5a_u8; 32];
    let _ = strongroom_crypto::random_bytes(&mut random);
    body.extend(random);
    body.push(0); // no session id
    let suites: [u16; 8] = [0xc014, 0xc013, 0xc00a, 0xc009, 0x0039, 0x0033, 0x0035, 0x002f];
    body.extend(((suites.len() * 2) as u16).to_be_bytes());
    suites.iter().for_each(|suite| body.extend(suite.to_be_bytes()));
    body.extend([1, 0]); // compression: none
    let mut extensions = Vec::new();
    let mut extension = |kind: u16, data: &[u8]| {
        extensions.extend(kind.to_be_bytes());
        extensions.extend((data.len() as u16).to_be_bytes());
        extensions.extend(data);
    };
    if host.parse::<std::net::IpAddr>().is_err() && host.len() < 256 {
        let mut sni = Vec::new();
        sni.extend(((host.len() + 3) as u16).to_be_bytes());
        sni.push(0);
        sni.extend((host.len() as u16).to_be_bytes());
        sni.extend(host.as_bytes());
        extension(0x0000, &sni);
    }
    extension(0x000a, &[0, 6, 0x00, 0x17, 0x00, 0x18, 0x00, 0x1d]); // secp256r1, secp384r1, x25519
    extension(0x000b, &[1, 0]); // uncompressed points
    extension(0xff01, &[0]); // secure renegotiation, empty
    body.extend((extensions.len() as u16).to_be_bytes());
    body.extend(extensions);
    let mut handshake = vec![1];
    handshake.extend(&(body.len() as u32).to_be_bytes()[1..]);
    handshake.extend(body);
    let mut record = vec![0x16, 0x03, 0x01];
    record.extend((handshake.len() as u16).to_be_bytes());
    record.extend(handshake);
    record
}

/// What the first bytes of a server's answer to a hello for `version` say, or `None` while they
/// do not say it yet.
pub fn read_answer(answer: &[u8], version: u16) -> Option<LegacyAnswer> {
    let mut handshake = Vec::new();
    let mut at = 0;
    while let Some(&kind) = answer.get(at) {
        match kind {
            // An alert, or anything that is not TLS: a no.
            0x16 => {}
            _ => return Some(LegacyAnswer::Refused),
        }
        let header = answer.get(at..at + 5)?;
        let length = usize::from(u16::from_be_bytes([header[3], header[4]]));
        let end = (at + 5 + length).min(answer.len());
        handshake.extend_from_slice(&answer[at + 5..end]);
        // HelloRequests (type 0, empty) come before what matters.
        while handshake.starts_with(&[0, 0, 0, 0]) {
            handshake.drain(..4);
        }
        if handshake.len() >= 6 {
            let said = u16::from_be_bytes([handshake[4], handshake[5]]);
            return Some(match handshake[0] {
                2 if said <= version => LegacyAnswer::Accepted(said),
                _ => LegacyAnswer::Refused,
            });
        }
        at += 5 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hello's framing read back: every length agrees with what follows it.
    #[test]
    fn the_hello_is_framed_as_tls_frames_it() {
        let hello = legacy_hello("www.shop.nl", 0x0302);
        assert_eq!(hello[..3], [0x16, 0x03, 0x01]);
        assert_eq!(usize::from(u16::from_be_bytes([hello[3], hello[4]])), hello.len() - 5);
        assert_eq!(hello[5], 1, "a ClientHello");
        let body_length = (usize::from(hello[6]) << 16) | (usize::from(hello[7]) << 8) | usize::from(hello[8]);
        assert_eq!(body_length, hello.len() - 9);
        let body = &hello[9..];
        assert_eq!(body[..2], [0x03, 0x02], "the version offered");
        assert_eq!(body[34], 0, "no session id");
        let suites = usize::from(u16::from_be_bytes([body[35], body[36]]));
        let after_suites = 37 + suites;
        assert_eq!(body[after_suites..after_suites + 2], [1, 0], "no compression");
        let extensions = &body[after_suites + 2..];
        assert_eq!(usize::from(u16::from_be_bytes([extensions[0], extensions[1]])), extensions.len() - 2);
        let mut at = 2;
        let mut kinds = Vec::new();
        while at < extensions.len() {
            let kind = u16::from_be_bytes([extensions[at], extensions[at + 1]]);
            let length = usize::from(u16::from_be_bytes([extensions[at + 2], extensions[at + 3]]));
            if kind == 0 {
                let name = &extensions[at + 4..at + 4 + length];
                assert_eq!(usize::from(u16::from_be_bytes([name[0], name[1]])), length - 2);
                assert_eq!(&name[5..], b"www.shop.nl");
            }
            kinds.push(kind);
            at += 4 + length;
        }
        assert_eq!(at, extensions.len(), "the extensions end where their length says");
        assert_eq!(kinds, [0x0000, 0x000a, 0x000b, 0xff01]);
        assert!(!legacy_hello("127.0.0.1", 0x0301).windows(9).any(|window| window == b"127.0.0.1"), "no SNI for an address");
    }

    #[test]
    fn answers_are_read_across_records_and_hello_requests() {
        let server_hello = |version: [u8; 2]| [0x02, 0x00, 0x00, 0x26, version[0], version[1], 0x11, 0x22];
        let record = |kind: u8, body: &[u8]| {
            let mut record = vec![kind, 0x03, 0x01];
            record.extend((body.len() as u16).to_be_bytes());
            record.extend(body);
            record
        };
        let whole = record(0x16, &server_hello([0x03, 0x01]));
        assert_eq!(read_answer(&whole, 0x0301), Some(LegacyAnswer::Accepted(0x0301)));
        assert_eq!(read_answer(&whole[..7], 0x0301), None, "not said yet");
        let mut split = record(0x16, &server_hello([0x03, 0x02])[..3]);
        split.extend(record(0x16, &server_hello([0x03, 0x02])[3..]));
        assert_eq!(read_answer(&split, 0x0302), Some(LegacyAnswer::Accepted(0x0302)), "joined across records");
        let mut after_request = record(0x16, &[0, 0, 0, 0]);
        after_request.extend(record(0x16, &server_hello([0x03, 0x00])));
        assert_eq!(read_answer(&after_request, 0x0302), Some(LegacyAnswer::Accepted(0x0300)), "SSL 3.0 behind a HelloRequest");
        assert_eq!(read_answer(&record(0x16, &server_hello([0x03, 0x03])), 0x0302), Some(LegacyAnswer::Refused), "a newer version");
        assert_eq!(read_answer(&record(0x15, &[2, 70]), 0x0302), Some(LegacyAnswer::Refused), "protocol_version");
        assert_eq!(read_answer(&[0x15], 0x0302), Some(LegacyAnswer::Refused), "an alert begun");
        assert_eq!(read_answer(b"HTTP/1.1 400", 0x0302), Some(LegacyAnswer::Refused), "not TLS at all");
        assert_eq!(read_answer(&[], 0x0302), None);
    }
}
