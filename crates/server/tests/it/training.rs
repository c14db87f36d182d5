//! The training's pages over real HTTPS: a sales person sees the basics on the start page,
//! reads a lesson, fails its quiz with the explanations shown, passes it, and a second send of
//! the same form is counted once; the owner sees everyone's training with the chart; sales may
//! not.

use strongroom_domain::Role;
use strongroom_server::ServerOptions;

use crate::common::{enrolled, start};
use crate::web::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sales_person_takes_a_quiz_once_and_the_owner_sees_it() {
    let server = start(ServerOptions::default()).await;
    let (secret, _) = enrolled(&server.vault, "olga", Role::Owner);
    let (sales_secret, _) = enrolled(&server.vault, "sam", Role::Sales);
    let mut sam = Browser::new(&server);
    sam.sign_in("sam", &sales_secret).await;
    let start_page = sam.get("/").await;
    assert!(start_page.body.contains("Your security training") && start_page.body.contains("href=\"/training\""), "{}", start_page.body);

    let lesson = strongroom_domain::lesson("phishing").unwrap();
    let page = sam.get("/training/phishing").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(lesson.title.en) && page.body.contains("type=\"radio\""), "{}", page.body);
    let form_id = page.body.split("name=\"form\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let csrf = page.csrf();
    let right = lesson.answers();
    let field = |n: usize| format!("q{n}");
    let names: Vec<String> = (0..right.len()).map(field).collect();

    // All wrong but the first: not passed, each wrong one explained.
    let wrong: Vec<String> =
        right.iter().enumerate().map(|(n, answer)| if n == 0 { *answer } else { (answer + 1) % 3 }.to_string()).collect();
    let mut sent: Vec<(&str, &str)> = vec![("csrf", &csrf), ("form", &form_id)];
    sent.extend(names.iter().map(String::as_str).zip(wrong.iter().map(String::as_str)));
    let failed = sam.post("/training/phishing", &sent).await;
    assert_eq!(failed.status, 200, "{}", failed.body);
    assert!(failed.body.contains("Not passed yet: 1 of 6 right"), "{}", failed.body);
    assert!(failed.body.contains(lesson.questions[1].why.en.split('.').next().unwrap()), "the explanation is shown: {}", failed.body);
    // The same form again (a double click): the first answers stand, counted once.
    let again = sam.post("/training/phishing", &sent).await;
    assert!(again.body.contains("counted once") && again.body.contains("1 of 6 right"), "{}", again.body);

    let page = sam.get("/training/phishing").await;
    let form_id = page.body.split("name=\"form\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let answers: Vec<String> = right.iter().map(ToString::to_string).collect();
    let mut sent: Vec<(&str, &str)> = vec![("csrf", &csrf), ("form", &form_id)];
    sent.extend(names.iter().map(String::as_str).zip(answers.iter().map(String::as_str)));
    let passed = sam.post("/training/phishing", &sent).await;
    assert!(passed.body.contains("Passed: 6 of 6 right."), "{}", passed.body);
    // An answer that is no option changes nothing.
    let bad = sam.post("/training/phishing", &[("csrf", &csrf), ("form", &uuid::Uuid::now_v7().to_string()), ("q0", "7")]).await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    let list = sam.get("/training").await;
    assert!(list.body.contains("Done on"), "{}", list.body);
    assert_eq!(sam.get("/training/overview").await.status, 403, "sales see their own training only");

    let mut owner = Browser::new(&server);
    owner.sign_in("olga", &secret).await;
    let overview = owner.get("/training/overview").await;
    assert_eq!(overview.status, 200);
    assert!(overview.body.contains("<svg") && overview.body.contains("class=\"completion\""), "{}", overview.body);
    let row = overview.body.split("<td>sam</td>").nth(1).unwrap();
    assert!(row.split("</tr>").next().unwrap().contains("<td>2</td>"), "two attempts: {row}");

    // The owner writes a lesson of the shop's own: a quiz with a problem comes back as typed.
    let csrf = overview.csrf();
    let month = u8::from(time::OffsetDateTime::now_utc().month()).to_string();
    let quiz = "? Where is the alarm code kept?\n* In the password vault\n- On the till\n= Only in the vault.\n\
                ? Who sets the alarm?\n- Whoever leaves first\n* Whoever leaves last\n= The last one out.\n\
                ? The alarm goes off at night. You\n- go and look alone\n* call the alarm company\n= Never alone.";
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("title", "Our alarm"),
        ("summary", "How the alarm works"),
        ("month", month.as_str()),
        ("pass_percent", "80"),
        ("body", "Set it when you leave."),
        ("quiz", "? Only one question\n* yes\n- no\n= why"),
    ];
    let refused = owner.post("/training/own", &form).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("must have 3 to 30 questions") && refused.body.contains("value=\"Our alarm\""), "{}", refused.body);
    form[6] = ("quiz", quiz);
    assert_eq!(owner.post("/training/own", &form).await.status, 303);
    let theirs = sam.get("/training").await;
    assert!(theirs.body.contains("Our alarm"), "sam has the shop's lesson this month: {}", theirs.body);

    // The in-person session, with who came.
    let recorded = owner
        .post(
            "/training/sessions",
            &[
                ("csrf", &csrf),
                ("on", &time::OffsetDateTime::now_utc().date().to_string()),
                ("topic", "The new card terminal"),
                ("present:sam", "yes"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    let overview = owner.get("/training/overview").await;
    assert!(overview.body.contains("The new card terminal") && overview.body.contains("Our alarm"), "{}", overview.body);
    // Requiring the training before customer data asks for the owner's password again.
    let asked = owner.post("/training/required", &[("csrf", &csrf), ("required", "yes")]).await;
    assert!(asked.header("location").is_some_and(|to| to.starts_with("/account/step-up")), "{}", asked.body);
    assert!(!server.vault.training_required().unwrap(), "nothing changed before the step-up");
    // Where sam's reminders go: a bad address changes nothing.
    let bad = owner.post("/training/addresses", &[("csrf", &csrf), ("mail:sam", "not an address")]).await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(owner.post("/training/addresses", &[("csrf", &csrf), ("mail:sam", "sam@shop.example")]).await.status, 303);
    assert!(owner.get("/training/overview").await.body.contains("value=\"sam@shop.example\""));
    assert_eq!(sam.post("/training/sessions", &[("csrf", &theirs.csrf()), ("topic", "x")]).await.status, 403, "the owner's");
}
