//! The clock and the buyer's own time zone, through the browser (which knows the zone
//! database, so we ship none).

use js_sys::{Array, Date, Object, Reflect};
use stepwise_core::civil::DateTime;
use wasm_bindgen::{JsCast, JsValue};

/// Now, in seconds since the Unix epoch (`0` outside a browser: the prerenderer shows no verdict).
pub fn now() -> i64 {
    if crate::browser::window().is_none() {
        return 0;
    }
    (Date::now() / 1000.0).floor() as i64
}

/// The instant a wall-clock time names in the buyer's own time zone. In a daylight-saving
/// gap the browser moves it forward, as the buyer's clock did.
pub fn local_instant(t: DateTime) -> i64 {
    let d = Date::new_with_year_month_day_hr_min_sec(
        t.year as u32,
        i32::from(t.month) - 1,
        i32::from(t.day),
        i32::from(t.hour),
        i32::from(t.minute),
        i32::from(t.second),
    );
    // Years 0–99 are read as 1900–1999 by the constructor; set the year explicitly.
    d.set_full_year(t.year as u32);
    (d.get_time() / 1000.0).floor() as i64
}

/// The buyer's IANA time zone (`Asia/Shanghai`), or their UTC offset when unknown; `""`
/// outside a browser (the prerendered page cannot know it).
pub fn local_zone_name() -> String {
    if crate::browser::window().is_none() {
        return String::new();
    }
    let options = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
    Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| stepwise_core::civil::format_offset(-(Date::new_0().get_timezone_offset() as i32)))
}

/// `instant` as the buyer's wall clock, written in `locale` (in the browser's own language when
/// `Intl` refuses the tag: a pack file is checked, but an `Intl` older or stricter than ours
/// must not throw into the page), with the zone's name.
pub fn format_local(instant: i64, locale: &str) -> String {
    let date = Date::new(&JsValue::from_f64(instant as f64 * 1000.0));
    let options = Object::new();
    for (k, v) in [("year", "numeric"), ("month", "2-digit"), ("day", "2-digit"), ("hour", "2-digit"), ("minute", "2-digit"), ("second", "2-digit"), ("timeZoneName", "short")] {
        let _ = Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let _ = Reflect::set(&options, &JsValue::from_str("hour12"), &JsValue::FALSE);
    // Called through `Function::call2`, which returns what the call throws (a `RangeError` for a
    // tag it cannot read) instead of throwing it through the wasm.
    let Some(to_locale_string) = Reflect::get(&date, &JsValue::from_str("toLocaleString")).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) else {
        return String::new();
    };
    [JsValue::from_str(locale), JsValue::UNDEFINED]
        .iter()
        .find_map(|tag| to_locale_string.call2(&date, tag, &options).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}
