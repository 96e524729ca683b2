//! The zoomed screenshot: a native modal `<dialog>` (focus kept inside, Esc closes, the
//! page behind inert), focus returned to the screenshot that opened it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use stepwise_core::model::Screenshot;

use super::use_app;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LightboxProps {
    pub shot: Screenshot,
}

#[component]
pub fn Lightbox(props: &LightboxProps) -> Html {
    let store = use_app().store;
    let dialog = use_node_ref();
    let shot = &props.shot;
    {
        let dialog = dialog.clone();
        use_effect_with(shot.src.clone(), move |_| {
            let d = dialog.cast::<web_sys::HtmlDialogElement>();
            let opener = d.as_ref().and_then(|d| crate::browser::document::active_element(d));
            if let Some(d) = d {
                if !d.open() {
                    let _ = d.show_modal();
                }
            }
            move || {
                if let Some(el) = opener.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    if el.is_connected() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    let m = store.messages();
    let on_close = {
        let store = store.clone();
        Callback::from(move |_: Event| store.dispatch(Action::Unzoom))
    };
    let close_button = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    // A click on the backdrop (the dialog itself, outside its content) closes it.
    let on_backdrop = {
        let dialog = dialog.clone();
        Callback::from(move |e: MouseEvent| {
            let d = dialog.cast::<web_sys::HtmlDialogElement>();
            if let (Some(d), Some(t)) = (d, e.target()) {
                if d.is_same_node(t.dyn_ref::<web_sys::Node>()) {
                    d.close();
                }
            }
        })
    };
    let src = stepwise_core::text::resolve_href(store.docs_base(), &shot.src).unwrap_or_default();
    html! {
        <dialog ref={dialog} class="lightbox" aria-label={shot.alt.to_string()} onclose={on_close} onclick={on_backdrop}>
            <div class="lightbox-body">
                <button type="button" class="button lightbox-close" onclick={close_button} autofocus=true>{ m.close }</button>
                <img {src} alt={shot.alt.to_string()} />
                <p class="lightbox-caption">{ shot.alt.as_str() }</p>
            </div>
        </dialog>
    }
}
