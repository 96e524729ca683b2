//! `pack.toml`: a pack's settings, including its refund policy.

use serde::Deserialize;

use super::{Problem, Problems};
use crate::civil::Date;
use crate::policy::{RefundPolicy, WindowBasis};

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

/// `[refund]`: the rule, and the procedures a buyer is sent to (each optional).
#[derive(Debug, Clone)]
pub struct RefundSettings {
    pub policy: RefundPolicy,
    pub start: Option<String>,
    pub flow: Option<String>,
    /// The line of `[refund]` (for messages).
    pub line: u32,
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
    basis: String,
    window: u32,
    utc_offset: String,
    yearly_quota: u32,
    start_procedure: Option<String>,
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
        let line_at = |key: &str| {
            let sets = |l: &str| l.trim_start().strip_prefix(key).is_some_and(|rest| key.starts_with('[') || rest.trim_start().starts_with('='));
            src.lines().position(sets).map_or(0, |i| i as u32 + 1)
        };
        let mut problems = Problems::new();
        let refund = raw.refund.map(|r| {
            let basis = match r.basis.as_str() {
                "hours-from-provisioning" => WindowBasis::HoursFromProvisioning,
                "calendar-days-inclusive" => WindowBasis::CalendarDaysInclusive,
                other => {
                    problems.push(Problem::error(file, line_at("basis"), format!("basis {other:?}: expected \"hours-from-provisioning\" or \"calendar-days-inclusive\"")));
                    WindowBasis::HoursFromProvisioning
                }
            };
            let offset = parse_offset(&r.utc_offset).unwrap_or_else(|| {
                problems.push(Problem::error(file, line_at("utc_offset"), format!("utc_offset {:?}: expected the form \"+08:00\"", r.utc_offset)));
                0
            });
            // At most a year: a window is a refund period, and the checker's dates must stay real.
            let most = match basis {
                WindowBasis::HoursFromProvisioning => MAX_WINDOW_DAYS * 24,
                WindowBasis::CalendarDaysInclusive => MAX_WINDOW_DAYS,
            };
            if r.window == 0 || r.window > most {
                let unit = if most == MAX_WINDOW_DAYS { "days" } else { "hours" };
                problems.push(Problem::error(file, line_at("window"), format!("window = {}: must be 1 to {most} {unit} (at most {MAX_WINDOW_DAYS} days)", r.window)));
            }
            if r.yearly_quota > crate::validate::MAX_YEARLY_QUOTA {
                problems.push(Problem::error(file, line_at("yearly_quota"), format!("yearly_quota = {}: at most {} (0 for no quota)", r.yearly_quota, crate::validate::MAX_YEARLY_QUOTA)));
            }
            RefundSettings {
                policy: RefundPolicy { window: r.window, basis, offset_minutes: offset, yearly_quota: r.yearly_quota },
                start: r.start_procedure,
                flow: r.flow_procedure,
                line: line_at("[refund]"),
            }
        });
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
