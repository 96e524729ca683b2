//! A step's screenshot: lazy, its box reserved from its size, zoomable, and when it cannot
//! load, a fallback that shows its alt text so the step stays usable, and a retry.
//!
//! No `style` attribute (a strict CSP forbids them): the image's box comes from its `width`
//! and `height` attributes, the fallback's through the CSSOM.

use stepwise_core::model::Screenshot;
use stepwise_core::text::resolve_href;
use yew::prelude::*;

use super::use_app;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ScreenshotProps {
    pub shot: Screenshot,
}

#[component]
pub fn ScreenshotView(props: &ScreenshotProps) -> Html {
    let store = use_app().store;
    let failed = use_state(|| false);
    let fallback = use_node_ref();
    let shot = &props.shot;
    let m = store.messages();
    {
        let (fallback, ratio) = (fallback.clone(), format!("{} / {}", shot.width, shot.height));
        use_effect_with(*failed, move |_| {
            if let Some(el) = fallback.cast::<web_sys::HtmlElement>() {
                let _ = el.style().set_property("aspect-ratio", &ratio);
            }
        });
    }
    let src = resolve_href(store.docs_base(), &shot.src);
    match src {
        Some(src) if !*failed => {
            let onerror = {
                let failed = failed.clone();
                Callback::from(move |_: Event| failed.set(true))
            };
            let onclick = {
                let (store, shot) = (store.clone(), shot.clone());
                Callback::from(move |_: MouseEvent| store.dispatch(Action::Zoom(shot.clone())))
            };
            html! {
                <figure class="shot">
                    <button type="button" class="shot-button" {onclick} aria-label={(m.enlarge)(&shot.alt)}>
                        <img {src} alt={shot.alt.to_string()} loading="lazy" decoding="async"
                            width={shot.width.to_string()} height={shot.height.to_string()} {onerror} />
                    </button>
                </figure>
            }
        }
        _ => {
            // A screenshot that failed may load now (back online, the host fixed): the buyer
            // can ask again; the service worker goes to the network first.
            let retry = src.is_some().then(|| {
                let failed = failed.clone();
                let onclick = Callback::from(move |_: MouseEvent| failed.set(false));
                html! { <button type="button" class="button shot-retry" {onclick}>{ m.retry }</button> }
            });
            html! {
                <>
                    <figure ref={fallback} class="shot shot-missing" role="img" aria-label={format!("{}: {}", m.screenshot_unavailable, shot.alt)}>
                        <span class="shot-missing-icon" aria-hidden="true">{ "🖼" }</span>
                        <span class="shot-missing-alt" aria-hidden="true">{ shot.alt.as_str() }</span>
                        <span class="shot-missing-note" aria-hidden="true">{ m.screenshot_unavailable }</span>
                    </figure>
                    { retry.unwrap_or_default() }
                </>
            }
        }
    }
}
