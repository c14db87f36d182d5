//! Staying informed (issue 16): the owner chooses a few news feeds (Atom or RSS: the national
//! CERT, the consumer authority); `refresh_feeds` fetches each (`fetch.rs`: HTTPS, bounded),
//! reads its items as XML events (never a DOM, never fetching anything it names) and keeps the
//! newest sealed in `shop_settings`, with each feed's last failure beside it: a feed that fails
//! is shown failing, never fatal. The panel adds the month's tip (`domain::tip_for`), so it is
//! useful offline too.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use serde::{Deserialize, Serialize};
use strongroom_domain::{Actor, AuditAction, Outcome, Permission};
use time::OffsetDateTime;

use crate::trail::draft::EventDraft;
use crate::{AppError, Vault, now_micros};

const SOURCES: &str = "feeds.sources";
const ITEMS: &str = "feeds.items";
/// The most feeds a shop follows, the items kept of each, and the largest feed read.
pub const MAX_FEEDS: usize = 10;
const ITEMS_PER_FEED: usize = 20;
const MAX_FEED_BYTES: usize = 2 * 1024 * 1024;

/// A feed the shop follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSource {
    pub name: String,
    pub url: String,
}

/// One item of a feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedItem {
    pub title: String,
    /// Only an http(s) address; anything else is dropped.
    pub link: Option<String>,
    /// RFC 3339, when the feed said.
    pub published: Option<String>,
}

/// What the last refresh of a feed brought.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedState {
    pub fetched_at: Option<i64>,
    pub error: Option<String>,
    pub items: Vec<FeedItem>,
}

/// The feeds, each with its state, and their newest items together.
#[derive(Clone, Debug)]
pub struct News {
    pub feeds: Vec<(FeedSource, FeedState)>,
    /// (feed name, item), newest first.
    pub latest: Vec<(String, FeedItem)>,
}

fn text_of(event: &Event<'_>) -> Option<String> {
    match event {
        Event::Text(text) => text.xml_content().ok().map(|text| text.into_owned()),
        Event::CData(data) => data.decode().ok().map(|text| text.into_owned()),
        Event::GeneralRef(reference) => match reference.resolve_char_ref() {
            Ok(Some(c)) => Some(c.to_string()),
            _ => reference.decode().ok().and_then(|name| quick_xml::escape::resolve_predefined_entity(&name)).map(str::to_owned),
        },
        _ => None,
    }
}

fn date_of(text: &str) -> Option<String> {
    use time::format_description::well_known::{Rfc2822, Rfc3339};
    let text = text.trim();
    let at = OffsetDateTime::parse(text, &Rfc3339).or_else(|_| OffsetDateTime::parse(text, &Rfc2822)).ok()?;
    // In UTC, so the items of feeds in different zones sort by when they were published.
    at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).ok()
}

fn web_link(text: &str) -> Option<String> {
    let text = text.trim();
    (text.starts_with("https://") || text.starts_with("http://")).then(|| text.chars().take(2000).collect())
}

/// An item being read: where it starts, what it has so far, and the field being collected (its
/// name and text, which an entity may split into several events).
struct Reading {
    depth: usize,
    title: String,
    link: Option<String>,
    published: Option<String>,
    field: Option<(String, String)>,
}

/// The items of an RSS 2.0 (or 1.0) or Atom document; a document that is not one, or not
/// well-formed, is refused naming where. Only an item's own fields count (its direct children),
/// not those of a `<source>` or a media extension inside it.
pub fn parse_feed(bytes: &[u8]) -> Result<Vec<FeedItem>, String> {
    let text = std::str::from_utf8(bytes).map_err(|error| format!("not UTF-8 at byte {}", error.valid_up_to()))?;
    let mut reader = quick_xml::Reader::from_str(text);
    // Not trimmed: an entity splits a text, and its spaces around it count.
    reader.config_mut().trim_text(false);
    let (mut items, mut path, mut kind) = (Vec::new(), Vec::<String>::new(), None);
    let mut current: Option<Reading> = None;
    loop {
        let event = reader.read_event().map_err(|error| format!("not well-formed XML at byte {}: {error}", reader.error_position()))?;
        match &event {
            Event::Start(start) | Event::Empty(start) => {
                let name = String::from_utf8_lossy(start.local_name().as_ref()).to_lowercase();
                if path.is_empty() {
                    kind = match name.as_str() {
                        "rss" | "rdf" => Some("rss"),
                        "feed" => Some("atom"),
                        _ => return Err(format!("<{name}> is neither an RSS nor an Atom feed")),
                    };
                }
                let empty = matches!(event, Event::Empty(_));
                // An extension's element (`media:title`) is not the item's own; Dublin Core's date is.
                let qualified = String::from_utf8_lossy(start.name().as_ref()).to_lowercase();
                let own = !qualified.contains(':') || qualified == "dc:date";
                element(start, &name, (empty, own), path.len(), kind, &mut current);
                if !empty {
                    path.push(name);
                }
            }
            Event::End(_) => {
                path.pop();
                let Some(item) = current.as_mut() else { continue };
                if path.len() == item.depth
                    && let Some((field, text)) = item.field.take()
                {
                    match field.as_str() {
                        "title" if item.title.is_empty() => item.title = text,
                        "link" if kind == Some("rss") && item.link.is_none() => item.link = web_link(&text),
                        "pubdate" | "published" | "updated" | "date" if item.published.is_none() => item.published = date_of(&text),
                        _ => {}
                    }
                }
                if path.len() < item.depth
                    && let Some(item) = current.take()
                    && !item.title.trim().is_empty()
                {
                    let title = item.title.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
                    items.push(FeedItem { title, link: item.link, published: item.published });
                }
            }
            Event::Eof if !path.is_empty() => {
                return Err(format!("not well-formed XML: the document ends inside <{}>", path.last().map_or("", String::as_str)));
            }
            Event::Eof => break,
            other => {
                if let (Some(text), Some(Reading { field: Some((_, collected)), .. })) = (text_of(other), current.as_mut()) {
                    collected.push_str(&text);
                }
            }
        }
    }
    if kind.is_none() {
        return Err("the document is empty".into());
    }
    Ok(items)
}

/// An element opening at `depth`: an item's start, or one of the item's own fields (not empty,
/// not an extension's: `(empty, own)`), Atom's link taken from its attributes.
fn element(
    start: &quick_xml::events::BytesStart<'_>,
    name: &str,
    (empty, own): (bool, bool),
    depth: usize,
    kind: Option<&str>,
    current: &mut Option<Reading>,
) {
    match current.as_mut() {
        Some(item) if depth == item.depth && item.field.is_none() => {
            // Atom's link is an attribute: the alternate one, or the first.
            if name == "link" && kind == Some("atom") && item.link.is_none() {
                let attribute = |key: &[u8]| {
                    start
                        .attributes()
                        .flatten()
                        .find(|attribute| attribute.key.as_ref() == key)
                        .and_then(|attribute| attribute.unescape_value().ok().map(|value| value.into_owned()))
                };
                if attribute(b"rel").is_none_or(|rel| rel == "alternate") {
                    item.link = attribute(b"href").as_deref().and_then(web_link);
                }
            } else if !empty && own && matches!(name, "title" | "link" | "pubdate" | "published" | "updated" | "date") {
                item.field = Some((name.to_owned(), String::new()));
            }
        }
        None if !empty && (name == "item" || name == "entry") => {
            *current = Some(Reading { depth: depth + 1, title: String::new(), link: None, published: None, field: None });
        }
        _ => {}
    }
}

impl Vault {
    /// The feeds followed, their states and their newest items.
    pub fn news(&self, actor: &Actor) -> Result<News, AppError> {
        self.require(actor, Permission::DeskRead, AuditAction::DeskRead, None)?;
        let sources: Vec<FeedSource> = self.sealed_setting(SOURCES)?;
        // Items that no longer read are shown as not fetched yet, until the next refresh.
        let mut states: BTreeMap<String, FeedState> = self.sealed_setting(ITEMS).unwrap_or_default();
        let feeds: Vec<(FeedSource, FeedState)> =
            sources.into_iter().map(|source| (source.clone(), states.remove(&source.url).unwrap_or_default())).collect();
        let mut latest: Vec<(String, FeedItem)> =
            feeds.iter().flat_map(|(source, state)| state.items.iter().map(|item| (source.name.clone(), item.clone()))).collect();
        latest.sort_by(|a, b| b.1.published.cmp(&a.1.published));
        latest.truncate(30);
        Ok(News { feeds, latest })
    }

    /// Replaces the feeds followed (the owner), each address checked; recorded.
    pub fn set_feeds(&self, actor: &Actor, sources: Vec<FeedSource>) -> Result<(), AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::FeedsUpdate, None)?;
        if sources.len() > MAX_FEEDS {
            return Err(AppError::Conflict(format!("at most {MAX_FEEDS} feeds")));
        }
        let mut checked = Vec::new();
        for source in sources {
            super::fetch::allowed(&source.url).map_err(AppError::Conflict)?;
            let name = strongroom_domain::ShortText::parse("name", if source.name.trim().is_empty() { &source.url } else { &source.name })?;
            checked.push(FeedSource { name: name.as_str().chars().take(80).collect(), url: source.url.trim().to_owned() });
        }
        let mut tx = self.store.begin()?;
        self.write_sealed_setting(tx.as_mut(), SOURCES, &checked)?;
        let event = EventDraft::new(actor, AuditAction::FeedsUpdate).detail(format!("{} feeds followed", checked.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(())
    }

    /// Fetches every feed followed and keeps what each gave, or why it failed; never fails for
    /// one feed. Recorded with the counts.
    pub fn refresh_feeds(&self, actor: &Actor) -> Result<Vec<(FeedSource, FeedState)>, AppError> {
        self.require(actor, Permission::SettingsManage, AuditAction::FeedsUpdate, None)?;
        let sources: Vec<FeedSource> = self.sealed_setting(SOURCES)?;
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        // What was fetched before, if it still reads: a refresh is what repairs it otherwise.
        let mut before: BTreeMap<String, FeedState> = self.sealed_setting(ITEMS).unwrap_or_default();
        let mut after = BTreeMap::new();
        let mut results = Vec::new();
        for source in sources {
            let kept = before.remove(&source.url).unwrap_or_default();
            let state = match super::fetch::fetch(&source.url, MAX_FEED_BYTES).and_then(|bytes| parse_feed(&bytes)) {
                Ok(mut items) => {
                    items.truncate(ITEMS_PER_FEED);
                    FeedState { fetched_at: Some(now_micros()), error: None, items }
                }
                // The items it had stay; the failure is shown beside them.
                Err(why) => FeedState { error: Some(why), ..kept },
            };
            after.insert(source.url.clone(), state.clone());
            results.push((source, state));
        }
        let failed = results.iter().filter(|(_, state)| state.error.is_some()).count();
        let mut tx = self.store.begin()?;
        self.write_sealed_setting(tx.as_mut(), ITEMS, &after)?;
        let event = EventDraft::new(actor, AuditAction::FeedsUpdate).detail(format!("{} feeds refreshed, {failed} failed", results.len()));
        self.record(tx.as_mut(), &[event.finish(Outcome::Allowed)])?;
        tx.commit()?;
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items_are_read_and_bad_xml_is_named() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>CERT</title>
            <item><title>Patch &amp; update &#8212; now</title><link>https://cert.example/1</link><pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate></item>
            <item><title><![CDATA[Phishing <wave>]]></title><link>javascript:alert(1)</link></item></channel></rss>"#;
        let items = parse_feed(rss).unwrap();
        assert_eq!(items[0].title, "Patch & update \u{2014} now");
        assert_eq!(items[0].link.as_deref(), Some("https://cert.example/1"));
        assert_eq!(items[0].published.as_deref(), Some("2026-11-30T10:00:00Z"));
        assert_eq!((items[1].title.as_str(), items[1].link.as_deref()), ("Phishing <wave>", None), "only web links");
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title>ACM</title><entry><title>Fake webshops</title>
            <link rel="alternate" href="https://acm.example/a"/><updated>2026-12-01T08:00:00+01:00</updated></entry></feed>"#;
        let items = parse_feed(atom).unwrap();
        assert_eq!((items[0].title.as_str(), items[0].link.as_deref()), ("Fake webshops", Some("https://acm.example/a")));
        assert_eq!(items[0].published.as_deref(), Some("2026-12-01T07:00:00Z"), "in UTC");
        assert!(parse_feed(b"<rss><channel><item><title>x</item></rss>").unwrap_err().starts_with("not well-formed XML at byte"));
        assert!(parse_feed(b"<html><body/></html>").unwrap_err().contains("neither an RSS nor an Atom feed"));
        assert!(parse_feed(b"").is_err());
        let tricky = br#"<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item><media:title>Not this</media:title><title>Own &amp; only</title><link>https://x.example/?a=1&amp;b=2</link>
            <source url="https://other.example/"><title>Nor this</title></source></item></channel></rss>"#;
        let items = parse_feed(tricky).unwrap();
        assert_eq!(items[0].title, "Own & only", "the item's own title only");
        assert_eq!(items[0].link.as_deref(), Some("https://x.example/?a=1&b=2"), "the whole link, its entity resolved");
        let xhtml = br#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div>Rich <b>title</b></div></title>
            <source><link href="https://source.example/"/></source><link rel="self" href="https://self.example/"/><link href="https://entry.example/"/></entry></feed>"#;
        let items = parse_feed(xhtml).unwrap();
        assert_eq!((items[0].title.as_str(), items[0].link.as_deref()), ("Rich title", Some("https://entry.example/")));
        assert!(parse_feed(b"<rss><channel><item>").unwrap_err().contains("ends inside <item>"));
    }
}
