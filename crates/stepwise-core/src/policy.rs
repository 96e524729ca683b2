//! The refund-window rule of a marketplace, and the verdict for one purchase.
//!
//! Huawei Cloud: a full refund while `now < provisioned + 5 × 24 h`, times at UTC+08:00,
//! at most 10 such unsubscriptions per account per calendar year. Their published example:
//! provisioned 2022-11-24 14:30:30 → refundable until 2022-11-29 14:30:30. We read "until" as
//! exclusive: at 14:30:29 the buyer is still in, at 14:30:30 the window has closed. The window
//! is the half-open interval `[provisioned, deadline)`.
//!
//! Other platforms count calendar days inclusive (Tencent: the purchase day plus four more),
//! which [`WindowBasis::CalendarDaysInclusive`] expresses; the window then closes at the
//! platform's midnight after its last day.

use crate::civil::DateTime;

/// How the window length is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WindowBasis {
    /// `window` hours from the start event (Huawei: the instant the resource was provisioned).
    Hours,
    /// `window` calendar days in platform time, the provisioning day included.
    CalendarDaysInclusive,
}

/// A platform's refund rule: data of the content pack (`content/<pack>/pack.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RefundPolicy {
    /// Hours or days, as `basis` says.
    pub window: u32,
    pub basis: WindowBasis,
    /// The platform's clock, in minutes east of UTC (Huawei: 480).
    pub offset_minutes: i32,
    /// Unsubscriptions with a refund allowed per account per calendar year (0: no limit).
    pub yearly_quota: u32,
}

/// The answer for one purchase at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The first instant at which no refund is due.
    pub deadline: i64,
    pub eligible: bool,
    /// Seconds from now to the deadline; 0 once it has passed.
    pub remaining: i64,
}

/// Why no verdict can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckError {
    /// The provisioning time is later than now.
    InFuture,
}

/// Why a typed provisioning time gives no verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    Parse(crate::civil::ParseError),
    InFuture,
}

/// Reads what the buyer typed as the provisioning instant. `to_instant` places the
/// wall-clock time in a zone: the platform's ([`DateTime::to_instant`] with its offset) or
/// the buyer's own (the browser's).
pub fn read_provisioned(typed: &str, to_instant: impl FnOnce(DateTime) -> i64, now: i64) -> Result<i64, InputError> {
    let t = DateTime::parse(typed).map_err(InputError::Parse)?;
    let instant = to_instant(t);
    if instant > now {
        return Err(InputError::InFuture);
    }
    Ok(instant)
}

/// A span of time as a buyer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaysHoursMinutes {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
}

impl RefundPolicy {
    /// Huawei Cloud's marketplace rule (see the module docs).
    pub const HUAWEI: RefundPolicy = RefundPolicy {
        window: 5 * 24,
        basis: WindowBasis::Hours,
        offset_minutes: 480,
        yearly_quota: 10,
    };

    /// The instant the window closes for a resource provisioned at `provisioned`.
    pub fn deadline(&self, provisioned: i64) -> i64 {
        self.window().deadline(provisioned)
    }

    /// The rule's window, as the rules library counts it ([`crate::refund::Window`]).
    pub fn window(&self) -> crate::refund::Window {
        crate::refund::Window { length: self.window, basis: self.basis, offset_minutes: self.offset_minutes }
    }

    /// The verdict at `now` for a resource provisioned at `provisioned`.
    pub fn check(&self, provisioned: i64, now: i64) -> Result<Verdict, CheckError> {
        if provisioned > now {
            return Err(CheckError::InFuture);
        }
        let deadline = self.deadline(provisioned);
        Ok(Verdict { deadline, eligible: now < deadline, remaining: (deadline - now).max(0) })
    }

    /// The window's length in whole days, for the policy summary ("5 days").
    pub fn window_days(&self) -> u32 {
        match self.basis {
            WindowBasis::Hours => self.window / 24,
            WindowBasis::CalendarDaysInclusive => self.window,
        }
    }
}

impl DaysHoursMinutes {
    /// Splits seconds, rounding down to the minute (never promising time that is not there).
    pub fn from_seconds(seconds: i64) -> Self {
        let s = seconds.max(0);
        DaysHoursMinutes { days: s / 86_400, hours: s % 86_400 / 3600, minutes: s % 3600 / 60 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const P: RefundPolicy = RefundPolicy::HUAWEI;

    fn at(s: &str, offset: i32) -> i64 {
        DateTime::parse(s).unwrap().to_instant(offset)
    }

    #[test]
    fn huaweis_published_example() {
        let provisioned = at("2022-11-24 14:30:30", 480);
        let deadline = P.deadline(provisioned);
        assert_eq!(DateTime::from_instant(deadline, 480).to_string(), "2022-11-29 14:30:30");
        // The last second in, and the first second out.
        assert!(P.check(provisioned, deadline - 1).unwrap().eligible);
        assert_eq!(P.check(provisioned, deadline - 1).unwrap().remaining, 1);
        assert!(!P.check(provisioned, deadline).unwrap().eligible);
        assert_eq!(P.check(provisioned, deadline).unwrap().remaining, 0);
        // The moment of provisioning is in.
        assert!(P.check(provisioned, provisioned).unwrap().eligible);
    }

    #[test]
    fn the_same_instant_typed_in_another_zone_gives_the_same_deadline() {
        // 14:30:30 at UTC+8 is 06:30:30 UTC and 01:30:30 at UTC-5.
        let a = at("2022-11-24 14:30:30", 480);
        assert_eq!(a, at("2022-11-24 06:30:30", 0));
        assert_eq!(a, at("2022-11-24 01:30:30", -300));
        assert_eq!(DateTime::from_instant(P.deadline(a), -300).to_string(), "2022-11-29 01:30:30");
        assert_eq!(DateTime::from_instant(P.deadline(a), 330).to_string(), "2022-11-29 12:00:30");
    }

    #[test]
    fn a_leap_day_is_a_day() {
        let p = at("2024-02-26 10:00:00", 480);
        assert_eq!(DateTime::from_instant(P.deadline(p), 480).to_string(), "2024-03-02 10:00:00");
        let p = at("2023-02-26 10:00:00", 480);
        assert_eq!(DateTime::from_instant(P.deadline(p), 480).to_string(), "2023-03-03 10:00:00");
    }

    #[test]
    fn the_year_ends() {
        let p = at("2022-12-29 23:59:59", 480);
        assert_eq!(DateTime::from_instant(P.deadline(p), 480).to_string(), "2023-01-03 23:59:59");
        // Provisioned early on 1 January in Beijing is still 31 December in UTC.
        let p = at("2023-01-01 03:00:00", 480);
        assert_eq!(DateTime::from_instant(p, 0).to_string(), "2022-12-31 19:00:00");
        assert_eq!(DateTime::from_instant(P.deadline(p), 480).to_string(), "2023-01-06 03:00:00");
    }

    #[test]
    fn calendar_days_inclusive_close_at_midnight_after_the_last_day() {
        let tencent = RefundPolicy { window: 5, basis: WindowBasis::CalendarDaysInclusive, ..P };
        let p = at("2022-11-24 23:59:00", 480);
        let d = tencent.deadline(p);
        assert_eq!(DateTime::from_instant(d, 480).to_string(), "2022-11-29 00:00:00");
        assert!(tencent.check(p, d - 1).unwrap().eligible);
        assert!(!tencent.check(p, d).unwrap().eligible);
        // Over a leap day and the year's end.
        let d = tencent.deadline(at("2024-02-27 08:00:00", 480));
        assert_eq!(DateTime::from_instant(d, 480).to_string(), "2024-03-03 00:00:00");
        let d = tencent.deadline(at("2022-12-30 00:00:00", 480));
        assert_eq!(DateTime::from_instant(d, 480).to_string(), "2023-01-04 00:00:00");
        // A negative offset: the day is the platform's day, not UTC's.
        let west = RefundPolicy { offset_minutes: -300, ..tencent };
        let d = west.deadline(at("2022-11-24 22:00:00", -300));
        assert_eq!(DateTime::from_instant(d, -300).to_string(), "2022-11-29 00:00:00");
    }

    #[test]
    fn the_future_gets_no_verdict() {
        assert_eq!(P.check(100, 99), Err(CheckError::InFuture));
        let now = at("2022-11-24 14:30:30", 480);
        let platform = |t: DateTime| t.to_instant(480);
        assert_eq!(read_provisioned("2022-11-24 14:30:31", platform, now), Err(InputError::InFuture));
        assert_eq!(read_provisioned("2022-11-24 14:30:30", platform, now), Ok(now));
        assert_eq!(read_provisioned("", platform, now), Err(InputError::Parse(crate::civil::ParseError::Empty)));
        assert_eq!(read_provisioned("soon", platform, now), Err(InputError::Parse(crate::civil::ParseError::Malformed)));
        // The same wall-clock time read in a zone west of the platform is later: in the future here.
        assert_eq!(read_provisioned("2022-11-24 14:30:30", |t: DateTime| t.to_instant(0), now), Err(InputError::InFuture));
    }

    #[test]
    fn remaining_time_splits_down() {
        assert_eq!(DaysHoursMinutes::from_seconds(4 * 86_400 + 3 * 3600 + 12 * 60 + 59), DaysHoursMinutes { days: 4, hours: 3, minutes: 12 });
        assert_eq!(DaysHoursMinutes::from_seconds(59), DaysHoursMinutes { days: 0, hours: 0, minutes: 0 });
        assert_eq!(DaysHoursMinutes::from_seconds(-5), DaysHoursMinutes { days: 0, hours: 0, minutes: 0 });
    }

    fn any_policy() -> impl Strategy<Value = RefundPolicy> {
        (1u32..400, any::<bool>(), -720i32..=840, 0u32..20).prop_map(|(window, hours, offset, quota)| RefundPolicy {
            window,
            basis: if hours { WindowBasis::Hours } else { WindowBasis::CalendarDaysInclusive },
            offset_minutes: offset,
            yearly_quota: quota,
        })
    }

    // Instants between 1970 and 2200.
    const T: std::ops::Range<i64> = 0..7_258_118_400;

    proptest! {
        #[test]
        fn eligible_exactly_while_now_is_before_the_deadline(policy in any_policy(), p in T, dt in 0i64..40_000_000) {
            let now = p + dt;
            let v = policy.check(p, now).unwrap();
            prop_assert_eq!(v.eligible, now < v.deadline);
            prop_assert_eq!(v.remaining, (v.deadline - now).max(0));
        }

        #[test]
        fn the_deadline_moves_with_the_start(policy in any_policy(), p in T, shift in 0i64..10_000_000) {
            let (a, b) = (policy.deadline(p), policy.deadline(p + shift));
            prop_assert!(a <= b, "deadline went back");
            if policy.basis == WindowBasis::Hours {
                prop_assert_eq!(b - a, shift);
            }
        }

        #[test]
        fn the_window_is_never_empty_and_never_longer_than_promised(policy in any_policy(), p in T) {
            let d = policy.deadline(p);
            prop_assert!(d > p);
            let max = match policy.basis {
                WindowBasis::Hours => i64::from(policy.window) * 3600,
                WindowBasis::CalendarDaysInclusive => i64::from(policy.window) * 86_400,
            };
            prop_assert!(d - p <= max);
            if policy.basis == WindowBasis::CalendarDaysInclusive {
                // Closes at the platform's midnight, more than (window - 1) days later.
                let local = DateTime::from_instant(d, policy.offset_minutes);
                prop_assert_eq!((local.hour, local.minute, local.second), (0, 0, 0));
                prop_assert!(d - p > (i64::from(policy.window) - 1) * 86_400);
            }
        }

        #[test]
        fn wall_clock_round_trips(t in T, offset in -720i32..=840) {
            let dt = DateTime::from_instant(t, offset);
            prop_assert_eq!(dt.to_instant(offset), t);
            prop_assert_eq!(DateTime::parse(&dt.to_string()), Ok(dt));
        }
    }
}
