//! Staying informed: the owner's news panel on the start page (the newest items of the feeds the
//! shop follows, and the month's tip, so it says something useful offline too) and the news page
//! (`/desk/news`): every feed with when it was fetched or why it failed, the items, the form to
//! choose the feeds, and a button to fetch them now. Item links open only http(s) addresses.

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;
use strongroom_app::AppError;
use strongroom_app::desk::{FeedItem, FeedSource, News};
use strongroom_domain::{Language, Permission, tip_for};

use super::form::Form;
use super::parts::today;
use super::{PageError, Ready, Session, csrf_field, page, when};
use crate::ServerState;

pub fn routes() -> Router<Arc<ServerState>> {
    Router::new().route("/desk/news", get(news_page).post(set_feeds)).route("/desk/news/refresh", post(refresh))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum N {
    Title,
    Intro,
    Tip,
    Written,
    Feeds,
    NoFeeds,
    Fetched,
    NeverFetched,
    Failed,
    Latest,
    NoItems,
    Choose,
    ChooseHint,
    Save,
    Refresh,
    More,
    OnlyOwner,
}

fn n(language: Language, word: N) -> &'static str {
    match (language, word) {
        (Language::En, N::Title) => "News and tips",
        (Language::En, N::Intro) => "What the shop's chosen sources say about security, newest first, and a tip for this month.",
        (Language::En, N::Tip) => "Tip of the month",
        (Language::En, N::Written) => "written",
        (Language::En, N::Feeds) => "Feeds followed",
        (Language::En, N::NoFeeds) => {
            "No feeds yet. The national CERT and the consumer authority publish RSS or Atom feeds: add their addresses below."
        }
        (Language::En, N::Fetched) => "fetched",
        (Language::En, N::NeverFetched) => "not fetched yet",
        (Language::En, N::Failed) => "could not be fetched:",
        (Language::En, N::Latest) => "Newest items",
        (Language::En, N::NoItems) => "Nothing fetched yet.",
        (Language::En, N::Choose) => "The feeds to follow",
        (Language::En, N::ChooseHint) => {
            "One per line: a name, a bar, and the feed's https:// address, e.g. CERT | https://cert.example/feed.xml"
        }
        (Language::En, N::Save) => "Save the feeds",
        (Language::En, N::Refresh) => "Fetch them now",
        (Language::En, N::More) => "All news",
        (Language::En, N::OnlyOwner) => "Only the owner sees the news page.",
        (Language::Nl, N::Title) => "Nieuws en tips",
        (Language::Nl, N::Intro) => {
            "Wat de gekozen bronnen van de winkel over beveiliging melden, het nieuwste eerst, en een tip voor deze maand."
        }
        (Language::Nl, N::Tip) => "Tip van de maand",
        (Language::Nl, N::Written) => "geschreven",
        (Language::Nl, N::Feeds) => "Gevolgde feeds",
        (Language::Nl, N::NoFeeds) => {
            "Nog geen feeds. Het nationale CERT en de consumentenautoriteit publiceren RSS- of Atom-feeds: voeg hun adressen hieronder toe."
        }
        (Language::Nl, N::Fetched) => "opgehaald",
        (Language::Nl, N::NeverFetched) => "nog niet opgehaald",
        (Language::Nl, N::Failed) => "kon niet worden opgehaald:",
        (Language::Nl, N::Latest) => "Nieuwste berichten",
        (Language::Nl, N::NoItems) => "Nog niets opgehaald.",
        (Language::Nl, N::Choose) => "De feeds om te volgen",
        (Language::Nl, N::ChooseHint) => {
            "Eén per regel: een naam, een streep en het https://-adres van de feed, bijvoorbeeld CERT | https://cert.example/feed.xml"
        }
        (Language::Nl, N::Save) => "Feeds opslaan",
        (Language::Nl, N::Refresh) => "Nu ophalen",
        (Language::Nl, N::More) => "Al het nieuws",
        (Language::Nl, N::OnlyOwner) => "Alleen de eigenaar ziet de nieuwspagina.",
    }
}

/// The page's title, for links to it.
pub fn title(language: Language) -> &'static str {
    n(language, N::Title)
}

fn item_line(language: Language, source: &str, item: &FeedItem) -> Markup {
    let published = item
        .published
        .as_deref()
        .and_then(|at| time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok())
        .map(|at| super::parts::day(language, at.date()));
    html! {
        li {
            @if let Some(link) = &item.link { a href=(link) rel="noreferrer" { (item.title) } } @else { (item.title) }
            " " span.muted { (source) @if let Some(published) = published { " · " (published) } }
        }
    }
}

fn tip(language: Language) -> Markup {
    let tip = tip_for(today());
    let (title, text) = tip.words(language);
    html! {
        div.tip {
            h3 { (n(language, N::Tip)) ": " (title) }
            @let written = strongroom_domain::parse_date("written", tip.written).map_or_else(|_| tip.written.to_owned(), |on| super::parts::day(language, on));
            p { (text) " " span.muted { "(" (n(language, N::Written)) " " (written) ")" } }
        }
    }
}

/// The owner's start-page panel: the five newest items (when the news reads) and the month's tip.
pub fn start_section(language: Language, news: Option<&News>) -> Markup {
    html! {
        section.news {
            h2 { (n(language, N::Title)) }
            @if let Some(news) = news.filter(|news| !news.latest.is_empty()) {
                ul.news { @for (source, item) in news.latest.iter().take(5) { (item_line(language, source, item)) } }
            }
            (tip(language))
            p { a href="/desk/news" { (n(language, N::More)) } }
        }
    }
}

fn may_change(session: &Session) -> Result<(), PageError> {
    crate::web::allowed_to(session, Permission::SettingsManage, n(session.signed_in.language(), N::OnlyOwner))
}

async fn news_page(State(state): State<Arc<ServerState>>, Ready(session): Ready) -> Result<Response, PageError> {
    may_change(&session)?;
    render(&state, &session, None).await
}

async fn render(state: &Arc<ServerState>, session: &Session, problem: Option<String>) -> Result<Response, PageError> {
    let language = session.signed_in.language();
    let actor = session.signed_in.actor()?.clone();
    let news = state.run(move |vault| vault.news(&actor)).await?;
    let lines: Vec<String> = news.feeds.iter().map(|(source, _)| format!("{} | {}", source.name, source.url)).collect();
    let content = html! {
        h1 { (n(language, N::Title)) }
        @if let Some(problem) = problem { p.error role="alert" { (problem) } }
        p.muted { (n(language, N::Intro)) }
        (tip(language))
        h2 { (n(language, N::Latest)) }
        @if news.latest.is_empty() { p { (n(language, N::NoItems)) } }
        ul.news { @for (source, item) in &news.latest { (item_line(language, source, item)) } }
        h2 { (n(language, N::Feeds)) }
        @if news.feeds.is_empty() { p { (n(language, N::NoFeeds)) } }
        ul {
            @for (source, feed) in &news.feeds {
                li {
                    strong { (source.name) } " " span.muted { (source.url) } br;
                    @if let Some(why) = &feed.error { span.error { (n(language, N::Failed)) " " (why) } }
                    @else if let Some(at) = feed.fetched_at { (n(language, N::Fetched)) " " (when(language, at)) }
                    @else { (n(language, N::NeverFetched)) }
                }
            }
        }
        form method="post" action="/desk/news/refresh" { (csrf_field(&session.csrf)) button type="submit" { (n(language, N::Refresh)) } }
        h2 { (n(language, N::Choose)) }
        form method="post" action="/desk/news" {
            (csrf_field(&session.csrf))
            label for="feeds" { (n(language, N::Choose)) }
            p.muted { (n(language, N::ChooseHint)) }
            textarea id="feeds" name="feeds" rows="4" { (lines.join("\n")) }
            button type="submit" { (n(language, N::Save)) }
        }
    };
    Ok(page(n(language, N::Title), Some(session), content).into_response())
}

#[derive(Deserialize)]
struct FeedsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    feeds: String,
}

async fn set_feeds(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<FeedsForm>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let sources: Vec<FeedSource> = form
        .feeds
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| match line.split_once('|') {
            Some((name, url)) => FeedSource { name: name.trim().to_owned(), url: url.trim().to_owned() },
            None => FeedSource { name: String::new(), url: line.trim().to_owned() },
        })
        .collect();
    let actor = session.signed_in.actor()?.clone();
    match state.run(move |vault| vault.set_feeds(&actor, sources)).await {
        Ok(()) => Ok(Redirect::to("/desk/news").into_response()),
        Err(AppError::Conflict(why)) => {
            let language = session.signed_in.language();
            render(&state, &session, Some(super::i18n::reason(language, &why).into_owned())).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn refresh(
    State(state): State<Arc<ServerState>>,
    Ready(session): Ready,
    Form(form): Form<super::CsrfOnly>,
) -> Result<Response, PageError> {
    session.check_csrf(&state, &form.csrf)?;
    may_change(&session)?;
    let actor = session.signed_in.actor()?.clone();
    state.run(move |vault| vault.refresh_feeds(&actor)).await?;
    Ok(Redirect::to("/desk/news").into_response())
}
