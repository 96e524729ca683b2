//! Refund rules as data, and the verdict for one purchase with its reasons.
//!
//! A marketplace publishes a refund rule per kind of purchase: Huawei Cloud refunds an image in
//! full within 5 × 24 hours of provisioning, while its SaaS, licences and services are refunded
//! only by agreement with the seller, before the order is marked Completed and never once it is
//! invoiced. A [`Rule`] says all of that as data:
//!
//! - what it covers, and the event its window starts at (labelled in the platform's words);
//! - the window: hours from the event, or calendar days with the last day counted, in the
//!   platform's time ([`Window`]); or none, when time does not matter;
//! - the questions only the buyer can answer: yes or no ("Has an invoice been issued?"), or a
//!   number with a limit ("hours played", under 2);
//! - the quotas (per calendar year, per product), which the buyer is told to bear in mind
//!   since nothing here can count them; the exclusions, as text;
//! - who decides once every condition holds: the platform (a refund) or the seller (by
//!   agreement); and what is left when one fails: nothing, or the seller's own policy;
//! - where it was published (`source`) and when someone last checked it (`verified`).
//!
//! [`Rule::evaluate`] turns the buyer's answers into a [`Verdict`]: an [`Outcome`] and, for
//! each condition, whether it holds. Time is instants (seconds since the epoch, UTC), so no
//! result depends on the buyer's own time zone; only reading what they typed does.
//!
//! The rules live in the repository's `rules/` library (one TOML file per marketplace) or in a
//! pack's own `pack.toml`; `import::rules` reads both.

use crate::civil::{Date, DateTime};
use crate::policy::WindowBasis;

/// A text in each of the locales it was written in: `[("en", "Image"), ("zh-CN", "镜像")]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized(pub Vec<(String, String)>);

impl Localized {
    /// The text for `locale`: that locale's, else one of the same language (`zh` for `zh-CN`),
    /// else English, else the first written. Empty when there is none.
    pub fn get(&self, locale: &str) -> &str {
        let language = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        let find = |pick: &dyn Fn(&str) -> bool| self.0.iter().find(|(l, _)| pick(l)).map(|(_, t)| t.as_str());
        find(&|l| l.eq_ignore_ascii_case(locale))
            .or_else(|| find(&|l| language(l) == language(locale)))
            .or_else(|| find(&|l| l == "en"))
            .or_else(|| self.0.first().map(|(_, t)| t.as_str()))
            .unwrap_or("")
    }

    /// Whether there is a text written for `locale` or its language (not a fallback).
    pub fn has(&self, locale: &str) -> bool {
        let language = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
        self.0.iter().any(|(l, _)| l.eq_ignore_ascii_case(locale) || language(l) == language(locale))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The event a window starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartEvent {
    /// The resource was provisioned (Huawei Cloud: "开通").
    Provisioning,
    /// The order was paid.
    Payment,
    /// The product was delivered (Tencent Cloud: "发货").
    Delivery,
    /// The purchase was made (app stores, Microsoft, AWS).
    Purchase,
}

impl StartEvent {
    pub const ALL: [StartEvent; 4] = [StartEvent::Provisioning, StartEvent::Payment, StartEvent::Delivery, StartEvent::Purchase];

    /// The name rule files use.
    pub fn name(self) -> &'static str {
        match self {
            StartEvent::Provisioning => "provisioning",
            StartEvent::Payment => "payment",
            StartEvent::Delivery => "delivery",
            StartEvent::Purchase => "purchase",
        }
    }
}

/// How long after its start event a refund stays open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Hours or days, as `basis` says.
    pub length: u32,
    pub basis: WindowBasis,
    /// The platform's clock, in minutes east of UTC (Huawei, Tencent: 480); calendar days are
    /// its days.
    pub offset_minutes: i32,
}

impl Window {
    /// The first instant at which no refund is due, for a start at `start`: `length` hours
    /// later, or the platform's midnight after the `length`th calendar day (the start's day
    /// being the first). The window is the half-open interval `[start, deadline)`.
    pub fn deadline(&self, start: i64) -> i64 {
        match self.basis {
            WindowBasis::Hours => start + i64::from(self.length) * 3600,
            WindowBasis::CalendarDaysInclusive => DateTime::from_instant(start, self.offset_minutes)
                .start_of_day()
                .add_days(i64::from(self.length))
                .to_instant(self.offset_minutes),
        }
    }
}

/// A number the buyer gives, in hundredths (`1.5` hours played is 150): exact, and no floats.
pub type Hundredths = i64;

/// What a question asks for, and which answer keeps the refund open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Yes or no; `refund_if` is the answer under which the condition holds.
    YesNo { refund_if: bool },
    /// A number, which holds while it is below `limit` (or at it, when `inclusive`).
    Number { limit: Hundredths, inclusive: bool, unit: Localized },
}

/// A condition only the buyer can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// "Has an invoice been issued for the order?"
    pub text: Localized,
    pub ask: Ask,
}

/// A buyer's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    Yes,
    No,
    Number(Hundredths),
}

/// Who decides once every condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decider {
    /// The platform refunds.
    Platform,
    /// The seller may agree to refund (Huawei's negotiated unsubscription).
    Seller,
}

/// What is left when a condition fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Otherwise {
    NoRefund,
    /// The seller's own policy decides (AWS Marketplace after 48 hours).
    SellersPolicy,
}

/// One published refund rule (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Unique in its pack: `image`, `service`.
    pub id: String,
    /// What the buyer bought, as they would say it: "An image", "A manual service".
    pub covers: Localized,
    pub start: StartEvent,
    /// The start event in the platform's words: "开通时间" / "provisioned".
    pub start_label: Localized,
    /// `None`: no time limit of its own (the questions decide).
    pub window: Option<Window>,
    /// At most this many refunds per account per calendar year (0: none stated).
    pub per_year: u32,
    /// At most this many refunds per product (0: none stated).
    pub per_product: u32,
    pub questions: Vec<Question>,
    /// What is never refunded: "Metered charges are not refunded."
    pub exclusions: Vec<Localized>,
    /// Free text shown as is: the seller's own policy, or how an agreement is reached.
    pub policy: Localized,
    pub decider: Decider,
    pub otherwise: Otherwise,
    /// Where the platform publishes the rule.
    pub source: String,
    /// When someone last checked the rule against its source.
    pub verified: Date,
}

/// Whether one condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Yes,
    No,
    /// Not answered yet.
    Unknown,
}

/// The window's part of a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowCheck {
    /// The first instant at which no refund is due.
    pub deadline: i64,
    /// Seconds from now to the deadline; 0 once it has passed.
    pub remaining: i64,
    pub holds: bool,
}

/// What the buyer can expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every condition holds and the platform refunds.
    Refund,
    /// Every condition holds; a refund is the seller's to agree to.
    ByAgreement,
    /// A condition fails.
    NoRefund,
    /// A condition fails; the seller's own policy may still refund.
    SellersPolicy,
    /// No condition fails yet, and some are not answered.
    Incomplete,
}

impl Outcome {
    /// The name the `refund-check` event and the tests use.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Refund => "refund",
            Outcome::ByAgreement => "by-agreement",
            Outcome::NoRefund => "no-refund",
            Outcome::SellersPolicy => "sellers-policy",
            Outcome::Incomplete => "incomplete",
        }
    }
}

/// The answer for one purchase at one moment, with its reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// `None` for a rule without a window, or when the start is not given yet.
    pub window: Option<WindowCheck>,
    /// One per question of the rule, in its order.
    pub answers: Vec<Holds>,
}

/// Why no verdict can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckError {
    /// The start is later than now.
    InFuture,
}

impl Question {
    /// Whether `reply` meets the condition (a reply of the wrong kind does not).
    pub fn holds(&self, reply: Option<Reply>) -> Holds {
        let holds = match (&self.ask, reply) {
            (_, None) => return Holds::Unknown,
            (Ask::YesNo { refund_if }, Some(Reply::Yes)) => *refund_if,
            (Ask::YesNo { refund_if }, Some(Reply::No)) => !*refund_if,
            (Ask::Number { limit, inclusive, .. }, Some(Reply::Number(n))) => n < *limit || (*inclusive && n == *limit),
            _ => false,
        };
        if holds {
            Holds::Yes
        } else {
            Holds::No
        }
    }
}

impl Rule {
    /// The verdict at `now` for a start at `start` (`None`: not given yet) and the buyer's
    /// replies, one per question (missing ones unanswered).
    pub fn evaluate(&self, start: Option<i64>, replies: &[Option<Reply>], now: i64) -> Result<Verdict, CheckError> {
        if start.is_some_and(|s| s > now) {
            return Err(CheckError::InFuture);
        }
        let window = match (self.window, start) {
            (Some(w), Some(s)) => {
                let deadline = w.deadline(s);
                Some(WindowCheck { deadline, remaining: (deadline - now).max(0), holds: now < deadline })
            }
            _ => None,
        };
        let answers: Vec<Holds> = self.questions.iter().enumerate().map(|(i, q)| q.holds(replies.get(i).copied().flatten())).collect();
        let window_holds = match (self.window, window) {
            (None, _) => Holds::Yes,
            (Some(_), Some(w)) if w.holds => Holds::Yes,
            (Some(_), Some(_)) => Holds::No,
            (Some(_), None) => Holds::Unknown,
        };
        let all = std::iter::once(window_holds).chain(answers.iter().copied());
        let (mut failed, mut unknown) = (false, false);
        for h in all {
            failed |= h == Holds::No;
            unknown |= h == Holds::Unknown;
        }
        let outcome = match (failed, unknown, self.otherwise, self.decider) {
            (true, _, Otherwise::NoRefund, _) => Outcome::NoRefund,
            (true, _, Otherwise::SellersPolicy, _) => Outcome::SellersPolicy,
            (false, true, _, _) => Outcome::Incomplete,
            (false, false, _, Decider::Platform) => Outcome::Refund,
            (false, false, _, Decider::Seller) => Outcome::ByAgreement,
        };
        Ok(Verdict { outcome, window, answers })
    }
}

/// Reads a number the buyer typed (`1.5`, `1,5`, `２`, ` 0.25 `) into hundredths; `None` for
/// anything else, a negative number, or more than two decimals.
pub fn parse_hundredths(typed: &str) -> Option<Hundredths> {
    // Full-width digits and separators, as Chinese and Japanese input methods type them.
    let text: String = typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '，' | ',' => '.',
            other => other,
        })
        .collect();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && !digits(fraction)) || fraction.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = if fraction.is_empty() { 0 } else { format!("{fraction:0<2}").parse().ok()? };
    Some(whole * 100 + fraction)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str, offset: i32) -> i64 {
        DateTime::parse(s).unwrap().to_instant(offset)
    }

    fn text(en: &str) -> Localized {
        Localized(vec![("en".into(), en.into())])
    }

    fn rule(window: Option<Window>, questions: Vec<Question>) -> Rule {
        Rule {
            id: "r".into(),
            covers: text("A game"),
            start: StartEvent::Purchase,
            start_label: text("purchased"),
            window,
            per_year: 0,
            per_product: 0,
            questions,
            exclusions: vec![],
            policy: Localized::default(),
            decider: Decider::Platform,
            otherwise: Otherwise::NoRefund,
            source: "https://example.com/".into(),
            verified: Date::new(2026, 12, 7).unwrap(),
        }
    }

    fn yes_no(refund_if: bool) -> Question {
        Question { text: text("?"), ask: Ask::YesNo { refund_if } }
    }

    #[test]
    fn localized_text_falls_back_by_language_then_english() {
        let t = Localized(vec![("zh-CN".into(), "镜像".into()), ("en".into(), "Image".into())]);
        assert_eq!(t.get("zh-CN"), "镜像");
        assert_eq!(t.get("zh-TW"), "镜像");
        assert_eq!(t.get("ja"), "Image");
        assert!(t.has("zh") && !t.has("ja"));
        assert_eq!(Localized::default().get("en"), "");
    }

    #[test]
    fn every_condition_must_hold() {
        let r = rule(None, vec![yes_no(false), yes_no(false)]);
        let v = |a, b| r.evaluate(None, &[a, b], 0).unwrap().outcome;
        assert_eq!(v(Some(Reply::No), Some(Reply::No)), Outcome::Refund);
        assert_eq!(v(Some(Reply::No), Some(Reply::Yes)), Outcome::NoRefund);
        assert_eq!(v(Some(Reply::No), None), Outcome::Incomplete);
        // One failure decides, whatever is still unanswered.
        assert_eq!(v(None, Some(Reply::Yes)), Outcome::NoRefund);
        // A number where yes or no is asked does not meet it.
        assert_eq!(v(Some(Reply::Number(0)), Some(Reply::No)), Outcome::NoRefund);
    }

    #[test]
    fn who_decides_and_what_is_left() {
        let seller = Rule { decider: Decider::Seller, ..rule(None, vec![yes_no(false)]) };
        assert_eq!(seller.evaluate(None, &[Some(Reply::No)], 0).unwrap().outcome, Outcome::ByAgreement);
        assert_eq!(seller.evaluate(None, &[Some(Reply::Yes)], 0).unwrap().outcome, Outcome::NoRefund);
        let w = Window { length: 48, basis: WindowBasis::Hours, offset_minutes: 0 };
        let aws = Rule { otherwise: Otherwise::SellersPolicy, ..rule(Some(w), vec![]) };
        assert_eq!(aws.evaluate(Some(0), &[], 48 * 3600 - 1).unwrap().outcome, Outcome::Refund);
        assert_eq!(aws.evaluate(Some(0), &[], 48 * 3600).unwrap().outcome, Outcome::SellersPolicy);
        assert_eq!(aws.evaluate(None, &[], 0).unwrap().outcome, Outcome::Incomplete);
    }

    #[test]
    fn a_start_in_the_future_gets_no_verdict() {
        let w = Window { length: 1, basis: WindowBasis::Hours, offset_minutes: 0 };
        assert_eq!(rule(Some(w), vec![]).evaluate(Some(11), &[], 10), Err(CheckError::InFuture));
    }

    #[test]
    fn numbers_typed_in_any_input_method() {
        assert_eq!(parse_hundredths("1.5"), Some(150));
        assert_eq!(parse_hundredths(" 1,5 "), Some(150));
        assert_eq!(parse_hundredths("１．７５"), Some(175));
        assert_eq!(parse_hundredths("2"), Some(200));
        assert_eq!(parse_hundredths("0.05"), Some(5));
        for bad in ["", "-1", "1.", ".5", "1.234", "1.5.2", "two", "1e3", "9999999999"] {
            assert_eq!(parse_hundredths(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_number_below_or_at_its_limit() {
        let below = Question { text: text("hours played"), ask: Ask::Number { limit: 200, inclusive: false, unit: text("hours") } };
        assert_eq!(below.holds(Some(Reply::Number(199))), Holds::Yes);
        assert_eq!(below.holds(Some(Reply::Number(200))), Holds::No);
        let at_most = Question { ask: Ask::Number { limit: 200, inclusive: true, unit: text("hours") }, ..below };
        assert_eq!(at_most.holds(Some(Reply::Number(200))), Holds::Yes);
        assert_eq!(at_most.holds(Some(Reply::Number(201))), Holds::No);
        assert_eq!(at_most.holds(Some(Reply::Yes)), Holds::No);
        assert_eq!(at_most.holds(None), Holds::Unknown);
    }

    fn any_window() -> impl Strategy<Value = Window> {
        (1u32..400, any::<bool>(), -720i32..=840).prop_map(|(length, hours, offset_minutes)| Window {
            length,
            basis: if hours { WindowBasis::Hours } else { WindowBasis::CalendarDaysInclusive },
            offset_minutes,
        })
    }

    // Instants between 1970 and 2200.
    const T: std::ops::Range<i64> = 0..7_258_118_400;

    proptest! {
        #[test]
        fn the_last_second_in_is_eligible_and_the_next_is_not(w in any_window(), start in T) {
            let r = rule(Some(w), vec![]);
            let deadline = w.deadline(start);
            let last = r.evaluate(Some(start), &[], deadline - 1).unwrap();
            prop_assert_eq!(last.outcome, Outcome::Refund);
            prop_assert_eq!(last.window.unwrap().remaining, 1);
            let out = r.evaluate(Some(start), &[], deadline).unwrap();
            prop_assert_eq!(out.outcome, Outcome::NoRefund);
            prop_assert_eq!(out.window.unwrap().remaining, 0);
            // And the start itself is in.
            prop_assert_eq!(r.evaluate(Some(start), &[], start).unwrap().outcome, Outcome::Refund);
        }

        #[test]
        fn hours_are_exact_and_calendar_days_close_at_the_platforms_midnight(w in any_window(), start in T) {
            let d = w.deadline(start);
            match w.basis {
                WindowBasis::Hours => prop_assert_eq!(d - start, i64::from(w.length) * 3600),
                WindowBasis::CalendarDaysInclusive => {
                    let local = DateTime::from_instant(d, w.offset_minutes);
                    prop_assert_eq!((local.hour, local.minute, local.second), (0, 0, 0));
                    prop_assert!(d - start > (i64::from(w.length) - 1) * 86_400);
                    prop_assert!(d - start <= i64::from(w.length) * 86_400);
                }
            }
        }

        #[test]
        fn the_buyers_zone_changes_nothing(w in any_window(), start in T, since in 0i64..40_000_000, buyer in -720i32..=840) {
            // The same instant, typed in the platform's zone or in the buyer's, is one start.
            let r = rule(Some(w), vec![]);
            let typed_platform = DateTime::from_instant(start, w.offset_minutes).to_instant(w.offset_minutes);
            let typed_buyer = DateTime::from_instant(start, buyer).to_instant(buyer);
            let now = start + since;
            prop_assert_eq!(r.evaluate(Some(typed_platform), &[], now), r.evaluate(Some(typed_buyer), &[], now));
        }

        #[test]
        fn a_failed_condition_is_never_overruled(w in any_window(), start in T, since in 0i64..40_000_000, replies in proptest::collection::vec(proptest::option::of(any::<bool>()), 0..4)) {
            let questions = replies.iter().map(|_| yes_no(false)).collect();
            let r = rule(Some(w), questions);
            let replies: Vec<Option<Reply>> = replies.iter().map(|r| r.map(|yes| if yes { Reply::Yes } else { Reply::No })).collect();
            let v = r.evaluate(Some(start), &replies, start + since).unwrap();
            let any_no = !v.window.unwrap().holds || v.answers.contains(&Holds::No);
            prop_assert_eq!(v.outcome == Outcome::NoRefund, any_no);
            prop_assert_eq!(v.outcome == Outcome::Refund, !any_no && !v.answers.contains(&Holds::Unknown));
        }
    }

    #[test]
    fn huaweis_published_example() {
        let w = Window { length: 120, basis: WindowBasis::Hours, offset_minutes: 480 };
        let d = w.deadline(at("2022-11-24 14:30:30", 480));
        assert_eq!(DateTime::from_instant(d, 480).to_string(), "2022-11-29 14:30:30");
    }
}
