//! `strongroom feeds …`: feeds fetched from a local web server (nothing else is fetched in
//! tests): an RSS feed and an Atom feed read, a malformed one and one that does not answer shown
//! failing, and the others kept.

use super::*;

/// A local web server answering each path with its body, `times` requests in all.
fn serve(pages: Vec<(&'static str, String)>, times: usize) -> (String, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        for _ in 0..times {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0u8; 2048];
            let read = stream.read(&mut request).unwrap();
            let path = String::from_utf8_lossy(&request[..read]).split_whitespace().nth(1).unwrap_or("/").to_owned();
            let body = pages.iter().find(|(wanted, _)| *wanted == path).map(|(_, body)| body.clone()).unwrap_or_default();
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (base, server)
}

#[test]
fn feeds_are_fetched_and_a_failing_one_is_shown_not_fatal() {
    let shop = Shop::new();
    shop.init();
    let rss = r#"<rss version="2.0"><channel><title>CERT</title><item><title>Update your router now</title><link>https://cert.example/1</link><pubDate>Tue, 01 Dec 2026 09:00:00 +0000</pubDate></item></channel></rss>"#;
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Fake parcel notices</title><link href="https://acm.example/2"/><updated>2026-12-02T09:00:00Z</updated></entry></feed>"#;
    let (base, server) =
        serve(vec![("/cert.xml", rss.to_owned()), ("/acm.xml", atom.to_owned()), ("/broken.xml", "<rss><channel><item>".to_owned())], 3);
    let nobody = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let set = shop.run(&[
        "feeds",
        "set",
        &format!("CERT={base}/cert.xml"),
        &format!("ACM={base}/acm.xml"),
        &format!("Broken={base}/broken.xml"),
        &format!("Gone=http://{nobody}/feed.xml"),
    ]);
    assert!(set.status.success(), "{}", stderr(&set));
    let refreshed = shop.json(&["feeds", "refresh", "--json"]);
    server.join().unwrap();
    let feeds = refreshed.as_array().unwrap();
    assert_eq!(feeds.len(), 4, "{refreshed}");
    assert_eq!((feeds[0]["ok"].as_bool(), feeds[0]["newest"].as_str()), (Some(true), Some("Update your router now")), "{refreshed}");
    assert_eq!(feeds[1]["newest"], "Fake parcel notices");
    assert!(feeds[2]["error"].as_str().unwrap().contains("not well-formed XML"), "{refreshed}");
    assert!(feeds[3]["error"].as_str().unwrap().contains("could not be fetched"), "{refreshed}");
    let listed = shop.json(&["feeds", "list", "--json"]);
    assert_eq!(listed[0]["items"], 1, "kept: {listed}");

    let plain = shop.run(&["feeds", "set", "News=http://news.example/feed.xml"]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(stderr(&plain).contains("is not encrypted"), "{}", stderr(&plain));
    assert_eq!(shop.json(&["feeds", "list", "--json"]).as_array().unwrap().len(), 4, "nothing changed");
}
