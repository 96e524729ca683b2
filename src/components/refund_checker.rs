//! The refund-window checker: the buyer types when the resource was provisioned (platform
//! time by default, or their own zone) and reads eligible or not, the deadline in both
//! zones, and the time left, kept current while the page is open.

use gloo_timers::callback::Interval;
use stepwise_core::civil::{format_offset, DateTime, ParseError};
use stepwise_core::policy::{read_provisioned, DaysHoursMinutes, InputError, RefundPolicy};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::policy_summary::policy_summary;
use super::use_app;
use crate::browser::time;
use stepwise_core::protocol::WidgetEvent;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Platform,
    Local,
}

/// The checker of the pack's refund rule; nothing for a pack without one (routes lead here only
/// in a pack with a rule, `Route::resolve`, but a view does not rely on it).
#[component]
pub fn RefundChecker() -> Html {
    let app = use_app();
    match app.store.pack.refund.as_ref() {
        Some(refund) => html! { <Checker policy={refund.policy} /> },
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
struct CheckerProps {
    policy: RefundPolicy,
}

/// The checker of `policy`: the form, the verdict, and the policy's terms.
#[component]
fn Checker(props: &CheckerProps) -> Html {
    let app = use_app();
    let (store, host) = (&app.store, &app.host);
    let m = store.messages();
    let policy = props.policy;
    let typed = use_state(String::new);
    let zone = use_state(|| Zone::Platform);
    // The provisioning instant once the buyer asked, or why it could not be read.
    let answer = use_state(|| None::<Result<i64, InputError>>);
    let now = use_state(time::now);

    // Keep the verdict current: tick while there is one to keep.
    {
        let now = now.clone();
        let ticking = matches!(*answer, Some(Ok(_)));
        use_effect_with(ticking, move |&ticking| {
            let interval = ticking.then(|| Interval::new(1000, move || now.set(time::now())));
            move || drop(interval)
        });
    }

    let offset = policy.offset_minutes;
    let check = {
        let (typed, zone, answer, now) = (typed.clone(), zone.clone(), answer.clone(), now.clone());
        let host = host.clone();
        move || {
            let t = time::now();
            now.set(t);
            let to_instant = |dt: DateTime| match *zone {
                Zone::Platform => dt.to_instant(offset),
                Zone::Local => time::local_instant(dt),
            };
            let read = read_provisioned(&typed, to_instant, t);
            if let Some(v) = read.ok().and_then(|p| policy.check(p, t).ok()) {
                host.emit(WidgetEvent::RefundCheck { eligible: v.eligible, deadline: v.deadline });
            }
            answer.set(Some(read));
        }
    };
    let onsubmit = {
        let check = check.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            check();
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let set_zone = |z: Zone| {
        let zone = zone.clone();
        Callback::from(move |_: Event| zone.set(z))
    };

    let platform_zone = format_offset(offset);
    let local_zone = time::local_zone_name();
    let error = match *answer {
        Some(Err(e)) => Some(match e {
            InputError::Parse(ParseError::Empty) => m.error_empty,
            InputError::Parse(ParseError::Malformed) => m.error_malformed,
            InputError::Parse(ParseError::NoSuchTime) => m.error_no_such_time,
            InputError::InFuture => m.error_future,
        }),
        _ => None,
    };
    let verdict = match *answer {
        Some(Ok(p)) => policy.check(p, *now).ok(),
        _ => None,
    };
    let status = match (error, verdict) {
        (Some(e), _) => e.to_owned(),
        (None, Some(v)) if v.eligible => m.eligible.to_owned(),
        (None, Some(_)) => m.not_eligible.to_owned(),
        _ => String::new(),
    };
    let status_class = match (error, verdict) {
        (Some(_), _) => "checker-status error",
        (None, Some(v)) if v.eligible => "checker-status eligible",
        (None, Some(_)) => "checker-status closed",
        (None, None) => "checker-status",
    };
    let described = if error.is_some() { "sw-when-hint sw-checker-status" } else { "sw-when-hint" };

    html! {
        <div class="checker-view">
            <h1 tabindex="-1" data-autofocus="true">{ m.checker_title }</h1>
            <p class="lead">{ (m.checker_intro)(policy.window_days()) }</p>
            <form class="checker" {onsubmit} novalidate=true>
                <label for="sw-when">{ m.provisioned_label }</label>
                <input id="sw-when" type="text" inputmode="text" autocomplete="off" spellcheck="false"
                    placeholder="2022-11-24 14:30:30" value={(*typed).clone()} {oninput}
                    aria-invalid={error.is_some().then_some("true")} aria-describedby={described} />
                <p id="sw-when-hint" class="hint">{ m.provisioned_hint }</p>
                <fieldset class="zone">
                    <legend>{ m.zone_legend }</legend>
                    <label><input type="radio" name="sw-zone" checked={*zone == Zone::Platform} onchange={set_zone(Zone::Platform)} />{ (m.zone_platform)(&platform_zone) }</label>
                    <label><input type="radio" name="sw-zone" checked={*zone == Zone::Local} onchange={set_zone(Zone::Local)} />{ (m.zone_local)(&local_zone) }</label>
                </fieldset>
                <button type="submit" class="button primary">{ m.check }</button>
            </form>
            <p id="sw-checker-status" class={status_class} role="status">{ status }</p>
            if let Some(v) = verdict {
                <dl class="verdict">
                    <dt>{ m.deadline_platform }</dt>
                    <dd class="deadline-platform">{ format!("{} ({platform_zone})", DateTime::from_instant(v.deadline, offset)) }</dd>
                    <dt>{ m.deadline_local }</dt>
                    <dd class="deadline-local">{ time::format_local(v.deadline, &store.locale) }</dd>
                    if v.eligible {
                        <dt>{ m.time_left }</dt>
                        <dd class="time-left">{ (m.remaining)(DaysHoursMinutes::from_seconds(v.remaining)) }</dd>
                    }
                </dl>
                if !v.eligible { <p class="closed-note">{ m.not_eligible_text }</p> }
            }
            { policy_summary(&app) }
        </div>
    }
}
