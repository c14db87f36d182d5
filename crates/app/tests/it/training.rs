//! The security training through the gate: a quiz is scored by the vault and kept with its
//! event; the same form sent twice counts once; answers outside the quiz change nothing; what
//! each person must take follows the plan, and everyone's training is for the owner, the privacy
//! officer and the auditor only.

use strongroom_app::AppError;
use strongroom_domain::{Actor, Role, StaffName, TrainingState};
use uuid::Uuid;

use crate::support::*;

fn hire(t: &TestVault, name: &str, role: Role) -> Actor {
    t.vault.add_staff(&owner(), &StaffName::parse(name).unwrap(), role, None).unwrap();
    Actor::staff(name, role, false)
}

/// The shop's mail, to a server on this machine (nothing is sent in these tests), alerts to the owner.
fn set_up_mail(t: &TestVault) {
    let settings = strongroom_domain::MailSettings::new(
        strongroom_domain::MailHost::parse("127.0.0.1").unwrap(),
        25,
        strongroom_domain::MailSecurity::None,
        None,
        "shop@shop.example",
        &["owner@shop.example"],
    )
    .unwrap();
    t.vault.set_mail_settings(&owner(), settings, strongroom_app::PasswordChange::Keep, strongroom_app::TrustedCa::Keep).unwrap();
}

/// The right answers of a lesson, with the last one wrong when `miss_last`.
fn answers(t: &TestVault, actor: &Actor, lesson: &str, miss_last: usize) -> Vec<Option<usize>> {
    let lesson = t.vault.training_lesson(actor, lesson, "en").unwrap();
    let count = lesson.questions.len();
    lesson
        .questions
        .iter()
        .enumerate()
        .map(|(n, question)| Some(if n + miss_last >= count { (question.right + 1) % question.options.len() } else { question.right }))
        .collect()
}

#[test]
fn a_quiz_is_scored_kept_once_and_shows_in_the_plan() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = hire(t, "sara", Role::Sales);
        // Sara just joined: the basics are hers, due a month on.
        let mine = t.vault.my_training(&sara, "en", today).unwrap();
        let basics: Vec<&str> = mine.lessons.iter().filter(|lesson| lesson.basics).map(|lesson| lesson.lesson.as_str()).collect();
        assert!(basics.contains(&"phishing") && basics.contains(&"reporting"), "{basics:?}");
        assert!(mine.lessons.iter().all(|lesson| matches!(lesson.state, TrainingState::Due(_))), "nothing late on day one");
        assert_eq!(mine.completed(), 0);

        // Three wrong answers of six: not passed, the wrong ones named.
        let form = Uuid::now_v7();
        let first = t.vault.answer_quiz(&sara, "phishing", form, &answers(t, &sara, "phishing", 3), today).unwrap();
        assert!(!first.score.passed && !first.repeated);
        assert_eq!(first.score.wrong.len(), 3);
        // A double click: the same form again is the same result, counted once.
        let again = t.vault.answer_quiz(&sara, "phishing", form, &answers(t, &sara, "phishing", 0), today).unwrap();
        assert!(again.repeated && !again.score.passed, "the first answers stand");
        // An answer that is no option, or more answers than questions: refused, nothing kept.
        let mut wrong = answers(t, &sara, "phishing", 0);
        wrong[0] = Some(9);
        assert!(matches!(t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &wrong, today), Err(AppError::Invalid(_))));
        let mut long = answers(t, &sara, "phishing", 0);
        long.push(Some(0));
        assert!(matches!(t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &long, today), Err(AppError::Invalid(_))));
        assert!(matches!(t.vault.answer_quiz(&sara, "no-such-lesson", Uuid::now_v7(), &[], today), Err(AppError::NotFound(_))));
        // One wrong of six passes at 80%.
        let passed = t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &answers(t, &sara, "phishing", 1), today).unwrap();
        assert!(passed.score.passed);

        let mine = t.vault.my_training(&sara, "en", today).unwrap();
        let phishing = mine.lessons.iter().find(|lesson| lesson.lesson == "phishing").unwrap();
        assert_eq!(phishing.state, TrainingState::Done(today));
        assert_eq!((phishing.best, phishing.attempts), (Some((5, 6)), 2), "two attempts kept, the double click once");
        assert_eq!(mine.completed(), 1);

        // Each attempt is in the trail against Sara, with its score; the double click is not.
        let events = t
            .vault
            .audit_log(&owner(), &strongroom_app::AuditQuery { action: Some("training.answer".into()), limit: 20, ..Default::default() })
            .unwrap();
        let details: Vec<String> = events
            .iter()
            .filter(|(_, event)| event.outcome == "allowed")
            .map(|(_, event)| event.detail.clone().unwrap_or_default())
            .collect();
        assert_eq!(details.len(), 2, "{details:?}");
        assert!(details.contains(&"lesson phishing: 3 of 6 right, not passed".to_owned()), "{details:?}");

        // The overview: the owner sees Sara's score; sales may not look.
        let overview = t.vault.training_overview(&owner(), "en", today).unwrap();
        let row = overview.people.iter().find(|person| person.name == "sara").unwrap();
        assert_eq!((row.completed(), row.attempts, row.score()), (1, 2, Some(83)));
        assert_eq!(overview.months.len(), 12);
        assert!(overview.months.last().unwrap().assigned >= 1);
        assert!(matches!(t.vault.training_overview(&sara, "en", today), Err(AppError::Denied { .. })));
        assert!(t.vault.training_overview(&staff(Role::ExternalAuditor), "en", today).is_ok(), "evidence for the auditor");
        // The auditor reads the lessons but takes none.
        let auditor = staff(Role::ExternalAuditor);
        assert!(t.vault.training_lessons(&auditor, "en").unwrap().len() >= 12);
        assert!(matches!(t.vault.my_training(&auditor, "en", today), Err(AppError::Denied { .. })));
        // Eighty days on, Sara's other basics are past the 14 days' grace: the owner is told.
        let later = today + time::Duration::days(80);
        let mine = t.vault.my_training(&sara, "en", later).unwrap();
        let passwords = mine.lessons.iter().find(|lesson| lesson.lesson == "passwords" && lesson.basics).unwrap();
        assert!(matches!(passwords.state, TrainingState::Escalated { .. }), "{:?}", passwords.state);
        assert!(matches!(mine.lessons.iter().find(|lesson| lesson.lesson == "phishing").unwrap().state, TrainingState::Done(_)));
        let overview = t.vault.training_overview(&owner(), "en", later).unwrap();
        assert!(overview.people.iter().any(|person| person.name == "sara" && person.escalated() > 0));
        // The doctor checks the training today (nothing late yet), and the self-assessment
        // answers its training question from the same plan.
        let checks = t.vault.doctor(&owner(), &strongroom_app::desk::HostFacts::default()).unwrap();
        let training = checks.iter().find(|check| check.id == "staff_training").unwrap();
        assert_eq!(training.status, strongroom_app::desk::Status::Ok, "{training:?}");
        let assessment = t.vault.assessment(&owner(), today).unwrap();
        let question = assessment.questions.iter().find(|assessed| assessed.question.id == "training").unwrap();
        assert_eq!(question.standing, strongroom_domain::Standing::Yes, "{}", question.evidence);
        assert!(question.evidence == "on the staff: 1; with a lesson of the training overdue: 0", "{}", question.evidence);

        // Only a person takes a quiz: the key holder on the command line does not.
        assert!(matches!(t.vault.answer_quiz(&owner(), "phishing", Uuid::now_v7(), &[], today), Err(AppError::Conflict(_))));
    });
}

#[test]
fn the_workshop_is_not_planned_the_identity_checks_of_cash_sales() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let wim = hire(t, "wim", Role::Workshop);
        let theirs = t.vault.training_lessons(&wim, "nl").unwrap();
        assert!(!theirs.iter().any(|lesson| lesson.id == "id-checks"), "the workshop does not sell");
        assert!(theirs.iter().all(|lesson| lesson.title != t.vault.training_lesson(&owner(), &lesson.id, "en").unwrap().title), "in Dutch");
        assert!(matches!(t.vault.training_lesson(&wim, "id-checks", "en"), Err(AppError::NotFound(_))));
        // The course began today (the first time anyone asked), for everyone.
        assert_eq!(t.vault.training_overview(&owner(), "en", today).unwrap().started_on, today);
    });
}

#[test]
fn the_owner_adds_a_lesson_of_the_shops_own_and_records_who_came_to_a_session() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = hire(t, "sara", Role::Sales);
        let quiz = "? Where is the alarm code kept?\n* In the password vault\n- On the till\n= Only in the vault.\n\
                    ? Who sets the alarm?\n- Whoever leaves first\n* Whoever leaves last\n= The last one out.\n\
                    ? The alarm goes off at night. You…\n- go and look alone\n* call the alarm company and the owner\n= Never alone.";
        let month = u8::from(today.month()).to_string();
        let lesson =
            strongroom_domain::OwnLesson::parse("Our alarm", "How the alarm works", "Set it when you leave.", quiz, &month, "").unwrap();
        assert!(matches!(t.vault.add_own_lesson(&sara, lesson.clone(), today), Err(AppError::Denied { .. })), "the owner's");
        let id = t.vault.add_own_lesson(&owner(), lesson, today).unwrap();
        let lesson_id = strongroom_app::training::own_lesson_id(id);
        // Sara has it this month, and takes it like any other.
        let mine = t.vault.my_training(&sara, "nl", today).unwrap();
        assert!(mine.lessons.iter().any(|planned| planned.lesson == lesson_id && planned.title == "Our alarm"), "{:?}", mine.lessons);
        let answers = [Some(0), Some(1), Some(1)];
        assert!(t.vault.answer_quiz(&sara, &lesson_id, Uuid::now_v7(), &answers, today).unwrap().score.passed);
        // Removed, it is listed no more and not planned again next year; this month, which it
        // counted in, keeps it (removing a lesson does not rewrite who was behind).
        let read_at = t.vault.own_lessons(&owner()).unwrap()[0].updated_at;
        assert!(matches!(t.vault.remove_own_lesson(&owner(), id, Some(read_at + 1), today), Err(AppError::Conflict(_))), "only as read");
        t.vault.remove_own_lesson(&owner(), id, Some(read_at), today).unwrap();
        assert!(t.vault.own_lessons(&owner()).unwrap().is_empty());
        assert!(matches!(t.vault.remove_own_lesson(&owner(), id, None, today), Err(AppError::NotFound(_))), "once");
        let next_year = t.vault.my_training(&sara, "en", today + time::Duration::days(400)).unwrap();
        assert_eq!(next_year.lessons.iter().filter(|planned| planned.lesson == lesson_id).count(), 1, "{:?}", next_year.lessons);

        // The in-person session: only accounts in use, never a day to come.
        let topic = strongroom_domain::ShortText::parse("topic", "The new card terminal").unwrap();
        let nobody = t.vault.record_training_session(&owner(), today, &topic, &["sara".into(), "nobody".into()], today);
        assert!(matches!(nobody, Err(AppError::Conflict(_))), "{nobody:?}");
        let tomorrow = t.vault.record_training_session(&owner(), today + time::Duration::days(1), &topic, &["sara".into()], today);
        assert!(matches!(tomorrow, Err(AppError::Invalid(_))));
        t.vault.record_training_session(&owner(), today, &topic, &["Sara".into(), "sara".into()], today).unwrap();
        let overview = t.vault.training_overview(&owner(), "en", today).unwrap();
        assert_eq!(overview.people.iter().find(|person| person.name == "sara").unwrap().sessions, 1);
        assert_eq!(t.vault.training_sessions(&owner()).unwrap()[0].present, ["sara"]);
        assert!(matches!(t.vault.training_sessions(&sara), Err(AppError::Denied { .. })));
    });
}

#[test]
fn reminders_go_weekly_by_mail_and_the_owner_hears_who_is_far_behind() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = hire(t, "sara", Role::Sales);
        // The course begins today, the first time anyone's training is read.
        assert!(!t.vault.my_training(&sara, "en", today).unwrap().lessons.is_empty());
        let name = StaffName::parse("sara").unwrap();
        let address = strongroom_domain::EmailAddress::parse("sara@shop.example").unwrap();
        t.vault.set_staff_mail(&owner(), &name, Some(&address)).unwrap();
        assert_eq!(t.vault.staff_mail_addresses(&owner()).unwrap(), [("sara".to_owned(), "sara@shop.example".to_owned())]);
        assert!(matches!(t.vault.set_staff_mail(&staff(Role::Sales), &name, None), Err(AppError::Denied { .. })));
        // No mail set up: nothing is queued.
        let soon = today + time::Duration::days(25);
        assert_eq!(t.vault.send_training_reminders(&owner(), soon).unwrap(), strongroom_app::training::Reminded::default());
        set_up_mail(t);
        // The basics fall due within a week: Sara hears once, not again the next day.
        let first = t.vault.send_training_reminders(&owner(), soon).unwrap();
        assert_eq!((first.people, first.escalated), (1, 0));
        assert_eq!(t.vault.send_training_reminders(&owner(), soon + time::Duration::days(1)).unwrap().people, 0, "weekly at most");
        // Far behind: Sara again, and the owner's alert address hears her name.
        let late = today + time::Duration::days(80);
        let again = t.vault.send_training_reminders(&owner(), late).unwrap();
        assert_eq!((again.people, again.escalated), (1, 1));
        // Two to Sara and one to the owner, in the outbox without their addresses (a member of
        // staff's own address is not the outbox page's to show).
        let outbox = t.vault.outbox(&owner(), None).unwrap();
        let reminders: Vec<_> = outbox.latest.iter().filter(|entry| entry.kind == strongroom_app::MailKind::Reminder).collect();
        assert_eq!(reminders.len(), 3, "{reminders:?}");
        assert!(reminders.iter().all(|entry| entry.to.is_none()));
    });
}

#[test]
fn a_person_keeps_fifty_answers_a_day_and_the_refusal_is_recorded_once() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = hire(t, "sara", Role::Sales);
        let right = answers(t, &sara, "phishing", 0);
        for _ in 0..strongroom_app::training::MAX_ATTEMPTS_A_DAY {
            t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &right, today).unwrap();
        }
        for _ in 0..3 {
            assert!(matches!(t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &right, today), Err(AppError::Conflict(_))));
        }
        let query = strongroom_app::AuditQuery { action: Some("training.answer".into()), limit: 100, ..Default::default() };
        let denied = t.vault.audit_log(&owner(), &query).unwrap().into_iter().filter(|(_, event)| event.outcome == "denied").count();
        assert_eq!(denied, 1, "the first refusal of the day, not every one");
        assert!(t.vault.answer_quiz(&sara, "phishing", Uuid::now_v7(), &right, today + time::Duration::days(1)).is_ok(), "a new day");
    });
}

#[test]
fn a_shop_may_require_the_training_before_customer_data() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = Actor::staff("sara", Role::Sales, true);
        hire(t, "sara", Role::Sales);
        assert!(!t.vault.training_required().unwrap(), "off by default");
        let late = today + time::Duration::days(80);
        assert!(!t.vault.training_blocks_on(&sara, late), "off: far behind, never blocked");
        assert!(matches!(t.vault.set_training_required(&staff(Role::Manager), true, today), Err(AppError::Denied { .. })));
        let not_stepped_up = Actor::staff("olga", Role::Owner, false);
        assert!(matches!(t.vault.set_training_required(&not_stepped_up, true, today), Err(AppError::StepUpRequired)));
        t.vault.set_training_required(&owner(), true, today).unwrap();
        assert!(t.vault.training_required().unwrap());
        assert!(t.vault.training_blocks_on(&sara, late), "on: far behind is refused");
        assert!(!t.vault.training_blocks_on(&sara, today), "not behind today");
        assert!(!t.vault.training_blocks_on(&owner(), late), "the key holder on the command line is no member of staff");
        // Today Sara is not behind: the gate lets her read customers as before.
        let id = t.vault.add_customer(&owner(), new_customer("Anna Jansen", None, None)).unwrap().id;
        assert!(t.vault.show_customer(&sara, id, &purpose("sale")).is_ok());
        // Taking the lessons clears it.
        for lesson in t.vault.my_training(&sara, "en", late).unwrap().lessons.iter().filter(|lesson| !lesson.done()) {
            let right = answers(t, &sara, &lesson.lesson, 0);
            t.vault.answer_quiz(&sara, &lesson.lesson, Uuid::now_v7(), &right, late).unwrap();
        }
        assert!(!t.vault.training_blocks_on(&sara, late));
        let query = strongroom_app::AuditQuery { action: Some("settings.change".into()), limit: 10, ..Default::default() };
        let changes: Vec<String> = t.vault.audit_log(&owner(), &query).unwrap().into_iter().filter_map(|(_, event)| event.detail).collect();
        assert!(changes.iter().any(|detail| detail.starts_with("training_required: on (on: someone far behind")), "{changes:?}");
    });
}

#[test]
fn a_phishing_drill_goes_to_chosen_staff_and_a_report_counts_it() {
    on_every_backend(|t| {
        let today = time::OffsetDateTime::now_utc().date();
        let sara = Actor::staff("sara", Role::Sales, false);
        hire(t, "sara", Role::Sales);
        hire(t, "wim", Role::Workshop);
        let people = ["sara".to_owned()];
        let base = "https://shop-pc.example:8443";
        let no_mail = t.vault.start_drill(&owner(), "parcel", &people, base);
        assert!(matches!(no_mail, Err(AppError::Conflict(_))), "mail first: {no_mail:?}");
        set_up_mail(t);
        let no_address = t.vault.start_drill(&owner(), "parcel", &people, base);
        assert!(matches!(no_address, Err(AppError::Conflict(ref why)) if why.contains("sara")), "{no_address:?}");
        let address = strongroom_domain::EmailAddress::parse("sara@shop.example").unwrap();
        t.vault.set_staff_mail(&owner(), &StaffName::parse("sara").unwrap(), Some(&address)).unwrap();
        assert!(matches!(t.vault.start_drill(&sara, "parcel", &people, base), Err(AppError::Denied { .. })), "the owner's");
        assert!(matches!(t.vault.start_drill(&owner(), "nope", &people, base), Err(AppError::NotFound(_))));
        let id = t.vault.start_drill(&owner(), "parcel", &people, base).unwrap();
        let outbox = t.vault.outbox(&owner(), None).unwrap();
        assert_eq!(outbox.latest.iter().filter(|entry| entry.kind == strongroom_app::MailKind::Drill).count(), 1);
        // A link that is no drill's leads nowhere and records nothing.
        assert!(t.vault.drill_landing("0123456789abcdef0123456789abcdef").unwrap().is_none());
        assert!(!t.vault.drill_opened("0123456789abcdef0123456789abcdef").unwrap());
        assert!(t.vault.drill_landing("../../etc/passwd").unwrap().is_none());
        let odd = t.vault.start_drill(&owner(), "parcel", &people, "https://shop-pc.example/?next=evil");
        assert!(matches!(odd, Err(AppError::Conflict(_))), "links go to the shop's address and nowhere else");
        // Sara reports before the mail reached the server: not counted (only a delivered one is).
        let report = strongroom_domain::NewIncident::new(
            strongroom_domain::IncidentKind::Phishing,
            strongroom_domain::FreeText::parse("summary", "A parcel mail asking for EUR 1.99").unwrap(),
            None,
            time::OffsetDateTime::now_utc(),
        )
        .unwrap();
        t.vault.report_incident(&sara, report).unwrap();
        let drills = t.vault.drills(&owner()).unwrap();
        assert_eq!(drills[0].id, id);
        let target = &drills[0].targets[0];
        assert_eq!((target.person.as_str(), target.mail), ("sara", Some(strongroom_app::MailState::Queued)));
        assert!(target.reported_at.is_none() && target.clicked_at.is_none(), "{target:?}");
        assert!(matches!(t.vault.drills(&sara), Err(AppError::Denied { .. })));
        let mine = t.vault.my_training(&sara, "en", today).unwrap();
        assert_eq!(mine.lessons.iter().filter(|lesson| lesson.lesson == "phishing").count(), 1, "no follow-up without a click");
    });
}
