//! Civil (wall-clock) time at a fixed UTC offset, as integer arithmetic.
//!
//! Instants are `i64` seconds since 1970-01-01T00:00:00Z. A wall-clock time means nothing
//! without an offset, so conversions always take one. The buyer's own time zone (with its
//! daylight-saving rules) is the browser's business (`Intl`), not ours.

use std::fmt;

/// A wall-clock date and time, to the second. Fields are validated by [`DateTime::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// Why a typed date-time was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing was typed.
    Empty,
    /// Not of the form `YYYY-MM-DD HH:MM[:SS]`.
    Malformed,
    /// Well-formed but not a real time (`2023-02-29`, `25:00`).
    NoSuchTime,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl DateTime {
    /// A validated date-time; `None` when no such wall-clock time exists.
    pub fn new(year: i32, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60;
        valid.then_some(DateTime { year, month, day, hour, minute, second })
    }

    /// Parses what a buyer types or an `<input type="datetime-local">` gives:
    /// `2022-11-24 14:30:30`, `2022-11-24T14:30`, `2022/11/24 14:30`, full-width digits,
    /// and Chinese date marks (`2022年11月24日 14:30`). Seconds are optional.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let normal: String = input
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '：' => ':',
                '／' | '/' | '年' | '月' | '－' => '-',
                '日' | 'T' | 't' | '\u{3000}' => ' ',
                c => c,
            })
            .collect();
        if normal.is_empty() {
            return Err(ParseError::Empty);
        }
        let mut parts = normal.split_whitespace();
        let date = parts.next().ok_or(ParseError::Malformed)?;
        let time = parts.next().ok_or(ParseError::Malformed)?;
        if parts.next().is_some() {
            return Err(ParseError::Malformed);
        }
        let number = |s: &str, max_len: usize| -> Result<u32, ParseError> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ParseError::Malformed);
            }
            s.parse().map_err(|_| ParseError::Malformed)
        };
        let d: Vec<&str> = date.split('-').collect();
        let t: Vec<&str> = time.split(':').collect();
        if d.len() != 3 || d[0].len() != 4 || !(2..=3).contains(&t.len()) {
            return Err(ParseError::Malformed);
        }
        let year = number(d[0], 4)? as i32;
        let month = number(d[1], 2)?;
        let day = number(d[2], 2)?;
        let hour = number(t[0], 2)?;
        let minute = number(t[1], 2)?;
        let second = if t.len() == 3 { number(t[2], 2)? } else { 0 };
        let small = |v: u32| u8::try_from(v).map_err(|_| ParseError::NoSuchTime);
        DateTime::new(year, small(month)?, small(day)?, small(hour)?, small(minute)?, small(second)?)
            .ok_or(ParseError::NoSuchTime)
    }

    /// The instant this wall-clock time names at `offset_minutes` east of UTC.
    pub fn to_instant(self, offset_minutes: i32) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        let secs = i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        days * 86_400 + secs - i64::from(offset_minutes) * 60
    }

    /// The wall-clock time of `instant` at `offset_minutes` east of UTC.
    pub fn from_instant(instant: i64, offset_minutes: i32) -> Self {
        let local = instant + i64::from(offset_minutes) * 60;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        }
    }

    /// The same wall-clock time `days` calendar days later.
    pub fn add_days(self, days: i64) -> Self {
        let (year, month, day) = civil_from_days(days_from_civil(self.year, self.month, self.day) + days);
        DateTime { year, month, day, ..self }
    }

    /// Midnight at the start of this date.
    pub fn start_of_day(self) -> Self {
        DateTime { hour: 0, minute: 0, second: 0, ..self }
    }
}

impl fmt::Display for DateTime {
    /// `2022-11-29 14:30:30`: ISO order, unambiguous in every locale.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// `UTC+08:00`, `UTC-03:30`, `UTC+00:00`.
pub fn format_offset(offset_minutes: i32) -> String {
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let m = offset_minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn parses_the_forms_buyers_type() {
        let want = DateTime::new(2022, 11, 24, 14, 30, 30).unwrap();
        for s in ["2022-11-24 14:30:30", "2022-11-24T14:30:30", " 2022/11/24 14:30:30 ", "2022年11月24日 14:30:30", "２０２２-１１-２４ １４：３０：３０"] {
            assert_eq!(DateTime::parse(s), Ok(want), "{s}");
        }
        assert_eq!(DateTime::parse("2022-11-24T14:30"), Ok(DateTime { second: 0, ..want }));
        assert_eq!(DateTime::parse("2022-1-4 9:05"), Ok(DateTime::new(2022, 1, 4, 9, 5, 0).unwrap()));
    }

    #[test]
    fn refuses_what_is_not_a_time() {
        assert_eq!(DateTime::parse(""), Err(ParseError::Empty));
        assert_eq!(DateTime::parse("   "), Err(ParseError::Empty));
        for s in ["yesterday", "2022-11-24", "14:30", "2022-11-24 14", "22-11-24 14:30", "2022-11-24 14:30:30 extra", "2022-11-24 14:30:30:1", "2022-+1-24 14:30"] {
            assert_eq!(DateTime::parse(s), Err(ParseError::Malformed), "{s}");
        }
        for s in ["2023-02-29 00:00", "2022-13-01 00:00", "2022-11-31 00:00", "2022-11-24 24:00", "2022-11-24 12:60", "2022-00-10 10:00", "2022-11-24 12:00:60"] {
            assert_eq!(DateTime::parse(s), Err(ParseError::NoSuchTime), "{s}");
        }
        assert!(DateTime::parse("2024-02-29 00:00").is_ok());
    }

    #[test]
    fn offsets_format() {
        assert_eq!(format_offset(480), "UTC+08:00");
        assert_eq!(format_offset(-210), "UTC-03:30");
        assert_eq!(format_offset(0), "UTC+00:00");
    }
}

/// A calendar date (`2022-11-24`): when a pack's screenshots were captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A real date from 1970 to 9999, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let real = (1970..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        real.then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`, exactly.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r.clone()].iter().all(u8::is_ascii_digit).then(|| text[r].parse::<u32>().ok()).flatten();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(digits(0..4)? as i32, digits(5..7)? as u8, digits(8..10)? as u8)
    }

    /// The date `months` calendar months later, its day kept where the month has it, else the
    /// month's last day (2024-01-31 plus one month is 2024-02-29).
    pub fn add_months(self, months: u32) -> Date {
        let index = self.year as i64 * 12 + (self.month as i64 - 1) + months as i64;
        let (year, month) = ((index / 12) as i32, (index % 12) as u8 + 1);
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// The date `days` days after 1970-01-01 (UTC's date of an instant's day count).
    pub fn from_days(days: i64) -> Date {
        let (year, month, day) = civil_from_days(days);
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn a_date_is_exactly_yyyy_mm_dd_and_real() {
        assert_eq!(Date::parse("2022-11-24"), Some(Date { year: 2022, month: 11, day: 24 }));
        for bad in ["2022-11-4", "2022/11/24", "2023-02-29", "2022-13-01", " 2022-11-24", "1969-12-31", "２０２２-11-24"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()), Some("2024-02-29".into()));
    }

    proptest::proptest! {
        #[test]
        fn months_later_is_a_real_date_and_never_earlier(days in 0i64..2_900_000, months in 0u32..1200) {
            let date = Date::from_days(days);
            proptest::prop_assert_eq!(Date::new(date.year, date.month, date.day), Some(date));
            let later = date.add_months(months);
            proptest::prop_assert!(later.day >= 1 && later.day <= days_in_month(later.year, later.month));
            proptest::prop_assert!(later >= date);
            proptest::prop_assert_eq!((later.year as i64 * 12 + later.month as i64) - (date.year as i64 * 12 + date.month as i64), months as i64);
            proptest::prop_assert_eq!(date.add_months(0), date);
        }
    }
}
