//! `pack.toml`: a pack's settings, including its refund policy.

use serde::Deserialize;

use super::rules::{self, Defaults, RawRule, RuleSet};
use super::{Problem, Problems};
use crate::civil::Date;
use crate::policy::{RefundPolicy, WindowBasis};
use crate::refund::Rule;
use toml::Spanned;

/// A pack's settings, validated.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub file: String,
    pub locales: Vec<String>,
    pub default_locale: String,
    pub slug_locale: String,
    pub docs_base: String,
    /// The size reserved for a screenshot whose Markdown does not give one (`"=1280x720"`).
    pub screenshot_size: (u32, u32),
    /// `[refund]`, when the pack has one.
    pub refund: Option<RefundSettings>,
    /// `[title]`: a title per locale for a page that has none of its own (no `#` heading, no
    /// `title` in its front matter): `"zh-CN" = "订单"`.
    pub titles: std::collections::BTreeMap<String, String>,
    /// `captured = 2022-11-24`: when the screenshots were taken, shown with them.
    pub captured: Option<Date>,
    /// `captured_stale_after_months` (default 18; 0: never): `stepwise-cli check` warns when
    /// the screenshots are older.
    pub stale_after_months: u32,
    /// The line of `captured` (for messages).
    pub captured_line: u32,
}

/// How old screenshots may be before `check` says so, unless the pack sets its own.
pub const STALE_AFTER_MONTHS: u32 = 18;

impl Manifest {
    /// A warning for each refund rule last checked against its source longer ago than the
    /// pack allows (`[refund] verified_stale_after_months`, default 12): rules change.
    pub fn stale_rules(&self, today: Date) -> Problems {
        self.refund.iter().flat_map(|r| r.rule_sets.iter().flat_map(move |set| set.stale(today, r.stale_after_months))).collect()
    }

    /// A warning when the pack's screenshots were captured more than its threshold before
    /// `today`: consoles change, and a buyer then looks for a button that moved.
    pub fn stale_screenshots(&self, today: Date) -> Option<Problem> {
        let captured = self.captured?;
        let due = captured.add_months(self.stale_after_months);
        (self.stale_after_months > 0 && today > due).then(|| {
            Problem::warning(&self.file, self.captured_line, format!("the screenshots were captured on {captured}, over {} months ago: check them against the console, then update captured (captured_stale_after_months sets how old they may be)", self.stale_after_months))
        })
    }
}

/// `[refund]`: the rules, and the procedures a buyer is sent to (each optional).
///
/// The rules come from the library (`rules = "huawei-marketplace"`, `only = ["image"]`), from
/// the pack itself (`[[refund.rule]]`, the library's form), or both, the library's first. The
/// first form of `[refund]` (`basis`, `window`, `utc_offset`, `yearly_quota`: one window, no
/// source) is still read, with a warning.
#[derive(Debug, Clone)]
pub struct RefundSettings {
    /// The rule the app's checker evaluates: the first with a window.
    pub policy: Option<RefundPolicy>,
    /// Every rule, each with where it was read.
    pub rule_sets: Vec<RuleSet>,
    /// The procedure that starts a refund: for every rule, or per rule id.
    pub start: Option<String>,
    pub start_by_rule: std::collections::BTreeMap<String, String>,
    pub flow: Option<String>,
    /// How old a rule's `verified` may be before `check` warns, in months (0: never).
    pub stale_after_months: u32,
    /// The line of `[refund]` (for messages).
    pub line: u32,
}

/// How old a rule's `verified` date may be before `check` says so, unless the pack sets its own.
pub const RULES_STALE_AFTER_MONTHS: u32 = 12;

impl RefundSettings {
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rule_sets.iter().flat_map(|s| s.rules.iter())
    }

    /// The procedure that starts a refund under `rule`.
    pub fn start_for(&self, rule: &str) -> Option<&String> {
        self.start_by_rule.get(rule).or(self.start.as_ref())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    locales: Vec<String>,
    default_locale: String,
    slug_locale: Option<String>,
    docs_base: String,
    screenshot_size: Option<String>,
    refund: Option<RawRefund>,
    title: Option<std::collections::BTreeMap<String, String>>,
    captured: Option<toml::Value>,
    captured_stale_after_months: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRefund {
    rules: Option<Spanned<String>>,
    only: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    source: Option<Spanned<String>>,
    verified: Option<Spanned<toml::Value>>,
    utc_offset: Option<Spanned<String>>,
    verified_stale_after_months: Option<u32>,
    // The first form: one window, no source.
    basis: Option<String>,
    window: Option<u32>,
    yearly_quota: Option<u32>,
    /// A slug for every rule, or `{ image = "…", service = "…" }`.
    start_procedure: Option<Spanned<toml::Value>>,
    flow_procedure: Option<String>,
}

/// `+08:00`, `-05:30`, `+00:00` → minutes east of UTC.
pub fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// Reads `[refund]` (see [`RefundSettings`]).
fn read_refund(file: &str, src: &str, mut r: RawRefund, line_at: &dyn Fn(&str) -> u32, problems: &mut Problems) -> RefundSettings {
    let legacy = read_legacy(file, &r, line_at, problems);
    let names_rules = r.rules.is_some() || !r.rule.is_empty();
    let mut rule_sets = Vec::new();
    if let Some(name) = &r.rules {
        let line = rules::line_of(src, name.span().start);
        match rules::library(name.get_ref().trim()) {
            Ok(mut set) => {
                if let Some(only) = &r.only {
                    let line = rules::line_of(src, only.span().start);
                    for id in only.get_ref() {
                        if !set.rules.iter().any(|rule| rule.id == *id) {
                            let ids: Vec<&str> = set.rules.iter().map(|rule| rule.id.as_str()).collect();
                            problems.push(Problem::error(file, line, format!("only names {id:?}, which {} does not have; it has: {}", set.file, ids.join(", "))));
                        }
                    }
                    set.retain(|rule| only.get_ref().contains(&rule.id));
                }
                rule_sets.push(set);
            }
            Err(message) => problems.push(Problem::error(file, line, message)),
        }
    } else if let Some(only) = &r.only {
        problems.push(Problem::error(file, rules::line_of(src, only.span().start), "only chooses among the rules of a library file: name it with rules = \"…\""));
    }
    if !r.rule.is_empty() {
        let defaults = Defaults { source: r.source.take(), verified: r.verified.take(), utc_offset: r.utc_offset.clone() };
        match rules::read_rules(file, src, &defaults, std::mem::take(&mut r.rule)) {
            Ok(set) => rule_sets.push(set),
            Err(found) => problems.extend(found),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for set in &rule_sets {
        for (rule, line) in set.rules.iter().zip(&set.rule_lines) {
            if !seen.insert(rule.id.clone()) {
                problems.push(Problem::error(&set.file, *line, format!("rule id {:?} is also a rule of the library file the pack names: give the pack's own another id", rule.id)));
            }
        }
    }
    if legacy.is_some() && names_rules {
        problems.push(Problem::error(file, line_at("basis"), "[refund] gives both rules and basis/window: keep the rules (rules = \"…\" or [[refund.rule]]), which say their source"));
    }
    if legacy.is_none() && !names_rules {
        problems.push(Problem::error(file, line_at("[refund]"), "[refund] gives no rule: name the library's (rules = \"huawei-marketplace\"; the files are in rules/) or write [[refund.rule]]"));
    }
    // The app's checker: the first rule with a window.
    let policy = legacy.or_else(|| {
        rule_sets.iter().flat_map(|s| s.rules.iter()).find_map(|rule| {
            let w = rule.window?;
            Some(RefundPolicy { window: w.length, basis: w.basis, offset_minutes: w.offset_minutes, yearly_quota: rule.per_year })
        })
    });
    let (mut start, mut start_by_rule) = (None, std::collections::BTreeMap::new());
    match r.start_procedure.as_ref().map(|s| (s.get_ref(), rules::line_of(src, s.span().start))) {
        None => {}
        Some((toml::Value::String(slug), _)) => start = Some(slug.clone()),
        Some((toml::Value::Table(table), line)) => {
            for (id, slug) in table {
                match slug.as_str() {
                    Some(slug) if rule_sets.iter().any(|s| s.rules.iter().any(|rule| rule.id == *id)) => {
                        start_by_rule.insert(id.clone(), slug.to_owned());
                    }
                    Some(_) => problems.push(Problem::error(file, line, format!("start_procedure names rule {id:?}, which the pack does not have"))),
                    None => problems.push(Problem::error(file, line, format!("start_procedure.{id}: expected a procedure's slug in quotes"))),
                }
            }
        }
        Some((other, line)) => problems.push(Problem::error(file, line, format!("start_procedure = {other}: expected a procedure's slug, or one per rule: {{ image = \"…\" }}"))),
    }
    RefundSettings {
        policy,
        rule_sets,
        start,
        start_by_rule,
        flow: r.flow_procedure,
        stale_after_months: r.verified_stale_after_months.unwrap_or(RULES_STALE_AFTER_MONTHS),
        line: line_at("[refund]"),
    }
}

/// The first form of `[refund]`: `basis`, `window`, `utc_offset`, `yearly_quota`.
fn read_legacy(file: &str, r: &RawRefund, line_at: &dyn Fn(&str) -> u32, problems: &mut Problems) -> Option<RefundPolicy> {
    if r.basis.is_none() && r.window.is_none() && r.yearly_quota.is_none() {
        return None;
    }
    let (Some(basis), Some(window)) = (&r.basis, r.window) else {
        problems.push(Problem::error(file, line_at("[refund]"), "[refund] in its first form needs basis, window and utc_offset"));
        return None;
    };
    let basis = match basis.as_str() {
        "hours-from-provisioning" => WindowBasis::Hours,
        "calendar-days-inclusive" => WindowBasis::CalendarDaysInclusive,
        other => {
            problems.push(Problem::error(file, line_at("basis"), format!("basis {other:?}: expected \"hours-from-provisioning\" or \"calendar-days-inclusive\"")));
            WindowBasis::Hours
        }
    };
    let offset = match &r.utc_offset {
        Some(o) => parse_offset(o.get_ref()).unwrap_or_else(|| {
            problems.push(Problem::error(file, line_at("utc_offset"), format!("utc_offset {:?}: expected the form \"+08:00\"", o.get_ref())));
            0
        }),
        None => {
            problems.push(Problem::error(file, line_at("[refund]"), "[refund] in its first form needs basis, window and utc_offset"));
            0
        }
    };
    // At most a year: a window is a refund period, and the checker's dates must stay real.
    let most = match basis {
        WindowBasis::Hours => MAX_WINDOW_DAYS * 24,
        WindowBasis::CalendarDaysInclusive => MAX_WINDOW_DAYS,
    };
    if window == 0 || window > most {
        let unit = if most == MAX_WINDOW_DAYS { "days" } else { "hours" };
        problems.push(Problem::error(file, line_at("window"), format!("window = {window}: must be 1 to {most} {unit} (at most {MAX_WINDOW_DAYS} days)")));
    }
    let yearly_quota = r.yearly_quota.unwrap_or(0);
    if yearly_quota > crate::validate::MAX_YEARLY_QUOTA {
        problems.push(Problem::error(file, line_at("yearly_quota"), format!("yearly_quota = {yearly_quota}: at most {} (0 for no quota)", crate::validate::MAX_YEARLY_QUOTA)));
    }
    Some(RefundPolicy { window, basis, offset_minutes: offset, yearly_quota })
}

/// `1280x720` → (1280, 720).
pub fn parse_size(s: &str) -> Option<(u32, u32)> {
    let (w, h) = s.trim().trim_start_matches('=').split_once(['x', '×'])?;
    let (w, h): (u32, u32) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
    (w > 0 && h > 0 && w <= 10_000 && h <= 10_000).then_some((w, h))
}

pub use crate::validate::MAX_WINDOW_DAYS;

impl Manifest {
    pub fn parse(file: &str, src: &str) -> Result<Manifest, Problems> {
        let line_of = |offset: usize| src[..offset.min(src.len())].matches('\n').count() as u32 + 1;
        let raw: Raw = toml::from_str(src).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(s.start));
            vec![Problem::error(file, line, e.message().to_owned())]
        })?;
        // The line that sets `key` (`window = 120`) or opens it (`[refund]`): not a comment's
        // that names it, nor a longer key's that starts with it.
        let line_at = |key: &str| -> u32 {
            let sets = |l: &str| l.trim_start().strip_prefix(key).is_some_and(|rest| key.starts_with('[') || rest.trim_start().starts_with('='));
            src.lines().position(sets).map_or(0, |i| i as u32 + 1)
        };
        let mut problems = Problems::new();
        let refund = raw.refund.map(|r| read_refund(file, src, r, &line_at, &mut problems));
        let screenshot_size = match raw.screenshot_size.as_deref() {
            None => (1280, 720),
            Some(s) => parse_size(s).unwrap_or_else(|| {
                problems.push(Problem::error(file, line_at("screenshot_size"), format!("screenshot_size {s:?}: expected the form \"1280x720\"")));
                (1280, 720)
            }),
        };
        if raw.locales.is_empty() {
            problems.push(Problem::error(file, line_at("locales"), "locales: list at least one locale"));
        }
        for l in &raw.locales {
            if !crate::language_tag::is_language_tag(l) {
                problems.push(Problem::error(file, line_at("locales"), format!("locale {l:?} is not a language tag: a language (2, 3 or 5 to 8 letters), then optionally a script (4 letters), a region (2 letters or 3 digits) and variants, joined by -, such as \"zh-CN\", \"en\", \"zh-Hant-TW\" or \"es-419\"")));
            }
        }
        let docs_base = crate::text::http_url(raw.docs_base.trim()).unwrap_or_else(|| {
            problems.push(Problem::error(file, line_at("docs_base"), format!("docs_base {:?} must be an http(s) URL with a host, such as \"https://docs.example.com/help/\"", raw.docs_base)));
            String::new()
        });
        let titles = raw.title.unwrap_or_default();
        for (locale, title) in &titles {
            if !raw.locales.contains(locale) {
                problems.push(Problem::error(file, line_at("[title]"), format!("[title] names {locale:?}, which is not one of the pack's locales ({})", raw.locales.join(", "))));
            } else if title.trim().is_empty() {
                problems.push(Problem::error(file, line_at("[title]"), format!("[title] {locale:?} is empty")));
            }
        }
        // A TOML date (`captured = 2022-11-24`) or the same in quotes.
        let captured = raw.captured.as_ref().and_then(|value| {
            let text = match value {
                toml::Value::Datetime(d) => d.to_string(),
                toml::Value::String(s) => s.trim().to_owned(),
                other => other.to_string(),
            };
            let date = Date::parse(&text);
            if date.is_none() {
                problems.push(Problem::error(file, line_at("captured"), format!("captured = {text}: expected a date such as 2022-11-24")));
            }
            date
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Manifest {
            captured,
            captured_line: line_at("captured"),
            stale_after_months: raw.captured_stale_after_months.unwrap_or(STALE_AFTER_MONTHS),
            titles: titles.into_iter().map(|(l, t)| (l, t.trim().to_owned())).collect(),
            file: file.to_owned(),
            slug_locale: raw.slug_locale.unwrap_or_else(|| raw.default_locale.clone()),
            locales: raw.locales,
            default_locale: raw.default_locale,
            docs_base,
            screenshot_size,
            refund,
        })
    }
}
