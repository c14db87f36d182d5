//! The security training in real Chromium: a sales person sees the basics on the start page,
//! reads the phishing lesson, passes its quiz by clicking the answers; the owner sees the
//! completion chart with the month's bar and the sales person's score.

use strongroom_domain::Role;
use strongroom_server::ServerOptions;

use super::incidents::signed_in;
use super::shop::screenshots;
use super::{chromedriver_present, start};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sales_person_passes_a_quiz_and_the_owner_sees_the_chart() {
    if !chromedriver_present() {
        return;
    }
    let server = start(ServerOptions::default()).await;
    let sales = signed_in(&server, "sam", Role::Sales).await;
    sales.open("/").await;
    assert!(sales.text().await.contains("Your security training"));
    sales.submit("section.training a[href='/training']").await;
    sales.submit("a[href='/training/phishing']").await;
    let lesson = strongroom_domain::lesson("phishing").unwrap();
    let page = sales.text().await;
    assert!(page.contains(lesson.title.en) && page.contains(lesson.body[0].en), "{page}");
    screenshots(&sales, "lesson").await;
    for (n, right) in lesson.answers().iter().enumerate() {
        sales.click(&format!("label[for='q{n}-{right}']")).await;
    }
    sales.submit("form.quiz button[type=submit]").await;
    let result = sales.text().await;
    assert!(result.contains("Passed: 6 of 6 right."), "{result}");
    sales.open("/training").await;
    assert!(sales.text().await.contains("Done on"));

    let owner = signed_in(&server, "olga", Role::Owner).await;
    owner.open("/training/overview").await;
    screenshots(&owner, "training-overview").await;
    let bars = owner.client.find_all(fantoccini::Locator::Css("svg.completion rect.month")).await.unwrap();
    assert!(!bars.is_empty(), "this month's bar");
    let row = owner.client.find(fantoccini::Locator::XPath("//tr[td[1]='sam']")).await.unwrap().text().await.unwrap();
    assert!(row.contains("100%") && row.contains("sales"), "sam's row: {row}");
}
