//! Refund rules written in TOML: the repository's library (`rules/<marketplace>.toml`, built
//! into this crate) and a pack's own rules (`[[refund.rule]]` in `pack.toml`), read into
//! [`crate::refund::Rule`]s with `file:line` messages.
//!
//! ```toml
//! marketplace = { en = "Huawei Cloud KooGallery", zh-CN = "华为云云商店" }
//! source = "https://…"        # where the rules are published (each rule may give its own)
//! verified = 2026-12-07       # when someone last checked them there
//! utc_offset = "+08:00"       # the platform's clock
//!
//! [[rule]]
//! id = "image"
//! covers = { en = "An image", zh-CN = "镜像" }
//! start = "provisioning"      # or payment, delivery, purchase
//! start_label = { en = "provisioned", zh-CN = "开通" }
//! hours = 120                 # or days = 5 (calendar days, the last one counted); neither: no window
//! per_year = 10               # refunds per account per calendar year; per_product likewise
//! decided_by = "platform"     # or "seller" (by agreement)
//! otherwise = "no-refund"     # or "sellers-policy"
//! exclusions = [{ en = "…", zh-CN = "…" }]
//! policy = { en = "…" }       # free text shown as is
//!
//! [[rule.question]]
//! text = { en = "Has an invoice been issued?", zh-CN = "…" }
//! refund_if = "no"            # or a number: below = 2 (or at_most = 2), unit = { en = "hours" }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::manifest::parse_offset;
use super::{Problem, Problems};
use crate::civil::Date;
use crate::policy::WindowBasis;
use crate::refund::{Ask, Decider, Localized, Otherwise, Question, Rule, StartEvent, Window};
use crate::validate::MAX_WINDOW_DAYS;

/// The library: each marketplace's published rules, by the name a pack gives
/// (`[refund] rules = "huawei-marketplace"`). A test holds this list to the files in `rules/`.
pub const LIBRARY: &[(&str, &str)] = &[
    ("alibaba-marketplace", include_str!("../../../../rules/alibaba-marketplace.toml")),
    ("aws-marketplace", include_str!("../../../../rules/aws-marketplace.toml")),
    ("google-play", include_str!("../../../../rules/google-play.toml")),
    ("huawei-marketplace", include_str!("../../../../rules/huawei-marketplace.toml")),
    ("microsoft-marketplace", include_str!("../../../../rules/microsoft-marketplace.toml")),
    ("steam", include_str!("../../../../rules/steam.toml")),
    ("tencent-cloud", include_str!("../../../../rules/tencent-cloud.toml")),
];

/// The most questions a rule may ask: a checker is a short form, not a questionnaire.
pub const MAX_QUESTIONS: usize = 8;

/// Rules read from one file, each with the line it starts at and the line of its `verified`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// As messages name it: `rules/steam.toml`, `content/x/pack.toml`.
    pub file: String,
    pub rules: Vec<Rule>,
    /// Per rule: the line it starts at.
    pub rule_lines: Vec<u32>,
    /// Per rule: the line of its `verified` (or the file's, when it inherits it).
    pub verified_lines: Vec<u32>,
}

impl RuleSet {
    /// Keeps the rules `keep` accepts, each with its lines.
    pub fn retain(&mut self, keep: impl Fn(&Rule) -> bool) {
        let kept: Vec<bool> = self.rules.iter().map(keep).collect();
        for lines in [&mut self.rule_lines, &mut self.verified_lines] {
            let mut k = kept.iter();
            lines.retain(|_| *k.next().unwrap_or(&false));
        }
        let mut k = kept.iter();
        self.rules.retain(|_| *k.next().unwrap_or(&false));
    }
}

/// A text per locale, `{ en = "…", zh-CN = "…" }`, or one string for every locale.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawText {
    One(String),
    PerLocale(BTreeMap<String, String>),
}

/// What a file (or `[refund]`) may set for all of its rules.
#[derive(Default)]
pub(crate) struct Defaults {
    pub source: Option<Spanned<String>>,
    pub verified: Option<Spanned<toml::Value>>,
    pub utc_offset: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)] // Read by people; the pack names the file.
    marketplace: Option<RawText>,
    source: Option<Spanned<String>>,
    verified: Option<Spanned<toml::Value>>,
    utc_offset: Option<Spanned<String>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    id: Spanned<String>,
    covers: Option<RawText>,
    start: Spanned<String>,
    start_label: Option<RawText>,
    hours: Option<Spanned<u32>>,
    days: Option<Spanned<u32>>,
    utc_offset: Option<Spanned<String>>,
    #[serde(default)]
    per_year: u32,
    #[serde(default)]
    per_product: u32,
    decided_by: Option<Spanned<String>>,
    otherwise: Option<Spanned<String>>,
    #[serde(default)]
    exclusions: Vec<RawText>,
    policy: Option<RawText>,
    source: Option<Spanned<String>>,
    verified: Option<Spanned<toml::Value>>,
    #[serde(default)]
    question: Vec<Spanned<RawQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    text: RawText,
    refund_if: Option<Spanned<String>>,
    below: Option<Spanned<f64>>,
    at_most: Option<Spanned<f64>>,
    unit: Option<RawText>,
}

/// Reads a whole rules file (the library's form).
pub fn parse_file(file: &str, src: &str) -> Result<RuleSet, Problems> {
    let raw: RawFile = toml::from_str(src).map_err(|e| vec![Problem::error(file, e.span().map_or(0, |s| line_of(src, s.start)), e.message().to_owned())])?;
    let defaults = Defaults { source: raw.source, verified: raw.verified, utc_offset: raw.utc_offset };
    read_rules(file, src, &defaults, raw.rule)
}

/// The library's rules named `name`, or a message listing the names there are.
pub fn library(name: &str) -> Result<RuleSet, String> {
    let (_, src) = LIBRARY.iter().find(|(n, _)| *n == name).ok_or_else(|| {
        let names: Vec<&str> = LIBRARY.iter().map(|(n, _)| *n).collect();
        format!("rules = {name:?} names no file of the rules library; it has: {}", names.join(", "))
    })?;
    // The library is tested whole (`tests/rules_library.rs`), so this cannot fail in a build
    // that passed its tests; a message all the same, never a panic.
    parse_file(&format!("rules/{name}.toml"), src).map_err(|p| p.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
}

pub(crate) fn line_of(src: &str, offset: usize) -> u32 {
    src[..offset.min(src.len())].matches('\n').count() as u32 + 1
}

/// Reads rules (of a library file, or of `[refund]` in a pack), checking each.
pub(crate) fn read_rules(file: &str, src: &str, defaults: &Defaults, raw: Vec<Spanned<RawRule>>) -> Result<RuleSet, Problems> {
    let mut problems = Problems::new();
    let line = |offset: usize| line_of(src, offset);
    let at = |s: &std::ops::Range<usize>| line(s.start);
    let (mut rules, mut rule_lines, mut verified_lines) = (Vec::new(), Vec::new(), Vec::new());
    if raw.is_empty() {
        problems.push(Problem::error(file, 1, "no [[rule]]: a rules file gives at least one"));
    }
    for spanned in raw {
        let rule_line = line(spanned.span().start);
        let r = spanned.into_inner();
        let id = r.id.get_ref().trim().to_owned();
        let id_line = at(&r.id.span());
        if !crate::validate::is_procedure_slug(&id) {
            problems.push(Problem::error(file, id_line, format!("id = {id:?}: use lower-case letters, digits and hyphens, such as \"image\" or \"manual-service\"")));
        }
        if rules.iter().any(|other: &Rule| other.id == id) {
            problems.push(Problem::error(file, id_line, format!("id = {id:?} is given to two rules")));
        }
        let start = StartEvent::ALL.into_iter().find(|e| e.name() == r.start.get_ref().as_str()).unwrap_or_else(|| {
            let names: Vec<&str> = StartEvent::ALL.iter().map(|e| e.name()).collect();
            problems.push(Problem::error(file, at(&r.start.span()), format!("start = {:?}: expected one of {}", r.start.get_ref(), names.join(", "))));
            StartEvent::Purchase
        });
        let offset = match r.utc_offset.as_ref().or(defaults.utc_offset.as_ref()) {
            Some(o) => parse_offset(o.get_ref()).unwrap_or_else(|| {
                problems.push(Problem::error(file, at(&o.span()), format!("utc_offset {:?}: expected the form \"+08:00\"", o.get_ref())));
                0
            }),
            None => 0,
        };
        let window = match (&r.hours, &r.days) {
            (Some(h), Some(d)) => {
                problems.push(Problem::error(file, at(&d.span()), format!("hours = {} and days = {}: a window is counted in one or the other", h.get_ref(), d.get_ref())));
                None
            }
            (Some(n), None) | (None, Some(n)) => {
                let (basis, most, unit) = if r.hours.is_some() { (WindowBasis::Hours, MAX_WINDOW_DAYS * 24, "hours") } else { (WindowBasis::CalendarDaysInclusive, MAX_WINDOW_DAYS, "days") };
                if !(1..=most).contains(n.get_ref()) {
                    problems.push(Problem::error(file, at(&n.span()), format!("{unit} = {}: must be 1 to {most} (at most {MAX_WINDOW_DAYS} days)", n.get_ref())));
                }
                if r.utc_offset.is_none() && defaults.utc_offset.is_none() {
                    problems.push(Problem::error(file, at(&n.span()), "a window needs the platform's clock: utc_offset = \"+08:00\" (in the rule or above it)"));
                }
                Some(Window { length: *n.get_ref(), basis, offset_minutes: offset })
            }
            (None, None) => None,
        };
        for (value, what) in [(r.per_year, "per_year"), (r.per_product, "per_product")] {
            if value > crate::validate::MAX_YEARLY_QUOTA {
                problems.push(Problem::error(file, rule_line, format!("{what} = {value}: at most {} (0 for none)", crate::validate::MAX_YEARLY_QUOTA)));
            }
        }
        let decider = match &r.decided_by {
            None => Decider::Platform,
            Some(v) => choice("decided_by", v, &[("platform", Decider::Platform), ("seller", Decider::Seller)], "\"platform\" or \"seller\"").unwrap_or_else(|message| {
                problems.push(Problem::error(file, at(&v.span()), message));
                Decider::Platform
            }),
        };
        let otherwise = match &r.otherwise {
            None => Otherwise::NoRefund,
            Some(v) => choice("otherwise", v, &[("no-refund", Otherwise::NoRefund), ("sellers-policy", Otherwise::SellersPolicy)], "\"no-refund\" or \"sellers-policy\"").unwrap_or_else(|message| {
                problems.push(Problem::error(file, at(&v.span()), message));
                Otherwise::NoRefund
            }),
        };
        let policy = r.policy.map(localized).unwrap_or_default();
        let leaves_it_to_the_seller = decider == Decider::Seller || otherwise == Otherwise::SellersPolicy;
        if leaves_it_to_the_seller && policy.is_empty() {
            problems.push(Problem::error(file, rule_line, format!("rule {id:?} leaves the refund to the seller: say how in policy = {{ en = \"…\" }} (the buyer reads it as is)")));
        }
        let window_given = r.hours.is_some() || r.days.is_some();
        if !window_given && r.question.is_empty() && !leaves_it_to_the_seller {
            problems.push(Problem::error(file, rule_line, format!("rule {id:?} has no window, no question and leaves nothing to the seller: it would promise every buyer a refund")));
        }
        if r.question.len() > MAX_QUESTIONS {
            problems.push(Problem::error(file, rule_line, format!("rule {id:?} asks {} questions: at most {MAX_QUESTIONS}", r.question.len())));
        }
        let mut questions = Vec::new();
        for q in r.question {
            let q_line = line(q.span().start);
            let q = q.into_inner();
            let number = |n: &Spanned<f64>, problems: &mut Problems| {
                let v = *n.get_ref();
                let hundredths = (v * 100.0).round();
                if !(0.0..=1e9).contains(&v) || (hundredths - v * 100.0).abs() > 1e-6 {
                    problems.push(Problem::error(file, at(&n.span()), format!("{v}: a limit is a number from 0 with at most two decimals")));
                }
                hundredths as i64
            };
            let ask = match (&q.refund_if, &q.below, &q.at_most) {
                (Some(answer), None, None) => {
                    let refund_if = choice("refund_if", answer, &[("yes", true), ("no", false)], "\"yes\" or \"no\" (the answer that keeps the refund open)");
                    Ask::YesNo { refund_if: refund_if.unwrap_or_else(|message| {
                        problems.push(Problem::error(file, at(&answer.span()), message));
                        false
                    }) }
                }
                (None, Some(limit), None) | (None, None, Some(limit)) => {
                    let inclusive = q.at_most.is_some();
                    let unit = q.unit.map(localized).unwrap_or_default();
                    Ask::Number { limit: number(limit, &mut problems), inclusive, unit }
                }
                _ => {
                    problems.push(Problem::error(file, q_line, "a question gives one of refund_if = \"yes\"/\"no\", below = N or at_most = N"));
                    Ask::YesNo { refund_if: false }
                }
            };
            questions.push(Question { text: localized(q.text), ask });
        }
        let source = r.source.as_ref().or(defaults.source.as_ref());
        let source = match source {
            Some(s) => crate::text::http_url(s.get_ref().trim()).unwrap_or_else(|| {
                problems.push(Problem::error(file, at(&s.span()), format!("source {:?}: the URL where the rule is published, http(s)", s.get_ref())));
                String::new()
            }),
            None => {
                problems.push(Problem::error(file, rule_line, format!("rule {id:?} has no source: the URL where the platform publishes it")));
                String::new()
            }
        };
        let verified_value = r.verified.as_ref().or(defaults.verified.as_ref());
        let (verified, verified_line) = match verified_value {
            Some(v) => {
                let date = date_of(v.get_ref());
                if date.is_none() {
                    problems.push(Problem::error(file, at(&v.span()), format!("verified = {}: expected the date someone checked the rule, such as 2026-12-07", v.get_ref())));
                }
                (date.unwrap_or(Date::new(1970, 1, 1).expect("a date")), at(&v.span()))
            }
            None => {
                problems.push(Problem::error(file, rule_line, format!("rule {id:?} has no verified date: when someone last checked it against its source")));
                (Date::new(1970, 1, 1).expect("a date"), rule_line)
            }
        };
        verified_lines.push(verified_line);
        rule_lines.push(rule_line);
        rules.push(Rule {
            id,
            covers: r.covers.map(localized).unwrap_or_default(),
            start,
            start_label: r.start_label.map(localized).unwrap_or_default(),
            window,
            per_year: r.per_year,
            per_product: r.per_product,
            questions,
            exclusions: r.exclusions.into_iter().map(localized).collect(),
            policy,
            decider,
            otherwise,
            source,
            verified,
        });
    }
    if problems.is_empty() {
        Ok(RuleSet { file: file.to_owned(), rules, rule_lines, verified_lines })
    } else {
        Err(problems)
    }
}

/// The option `value` names among `options`, or the message for a value that names none:
/// `decided_by = "nobody": expected "platform" or "seller"`.
fn choice<T: Copy>(key: &str, value: &Spanned<String>, options: &[(&str, T)], expected: &str) -> Result<T, String> {
    let text = value.get_ref();
    options.iter().find(|(name, _)| name == text).map(|&(_, option)| option).ok_or_else(|| format!("{key} = {text:?}: expected {expected}"))
}

fn localized(raw: RawText) -> Localized {
    match raw {
        RawText::One(text) => Localized(vec![("en".to_owned(), text.trim().to_owned())]),
        RawText::PerLocale(map) => Localized(map.into_iter().map(|(l, t)| (l, t.trim().to_owned())).collect()),
    }
}

/// A TOML date (`2026-12-07`) or the same in quotes.
pub(crate) fn date_of(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::Datetime(d) => Date::parse(&d.to_string()),
        toml::Value::String(s) => Date::parse(s.trim()),
        _ => None,
    }
}

impl RuleSet {
    /// The texts a buyer reads that are not written for one of `locales` (they fall back to
    /// English, or to the first locale written): one warning per rule, naming the locales.
    pub fn missing_translations(&self, locales: &[String]) -> Problems {
        let mut problems = Problems::new();
        for (rule, line) in self.rules.iter().zip(&self.rule_lines) {
            let mut texts: Vec<&Localized> = vec![&rule.covers, &rule.start_label, &rule.policy];
            texts.extend(&rule.exclusions);
            for q in &rule.questions {
                texts.push(&q.text);
                if let Ask::Number { unit, .. } = &q.ask {
                    texts.push(unit);
                }
            }
            let missing: Vec<&str> = locales.iter().map(String::as_str).filter(|l| texts.iter().any(|t| !t.is_empty() && !t.has(l))).collect();
            if !missing.is_empty() {
                problems.push(Problem::warning(&self.file, *line, format!("rule {:?} has texts not written in {}: buyers read them in English", rule.id, missing.join(", "))));
            }
        }
        problems
    }

    /// A warning for each rule last verified more than `months` before `today` (0: never).
    pub fn stale(&self, today: Date, months: u32) -> Problems {
        let mut problems = Problems::new();
        for (rule, line) in self.rules.iter().zip(&self.verified_lines) {
            if months > 0 && today > rule.verified.add_months(months) {
                problems.push(Problem::warning(&self.file, *line, format!("rule {:?} was last verified on {}, over {months} months ago: check it at {}, then update verified ([refund] verified_stale_after_months sets how old it may be)", rule.id, rule.verified, rule.source)));
            }
        }
        problems
    }
}
