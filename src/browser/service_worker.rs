//! The standalone page's service worker (`sw.js`, written by scripts/post-build.mjs): register
//! it, say when a new version is waiting, and switch to it on the buyer's word. Without
//! service-worker support, or when registration fails, nothing happens: the page works online.

use std::cell::RefCell;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?.then(|| navigator.service_worker())
}

fn controlled() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Registers `url`; calls `on_update` when a new version has installed and waits.
pub fn register(url: &'static str, on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else { return };
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register(url)).await else { return };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration.clone()));
        if registration.waiting().is_some() && controlled() {
            on_update();
        }
        let watched = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else { return };
            let (w, on_update) = (worker.clone(), on_update.clone());
            let changed = Closure::<dyn Fn()>::new(move || {
                // A first install has no controller: that is not an update.
                if w.state() == ServiceWorkerState::Installed && controlled() {
                    on_update();
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        // Lives as long as the page, as the registration does.
        found.forget();
    });
}

/// Activates the waiting version and reloads once it controls the page.
pub fn apply_update() {
    let Some(container) = container() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            let _ = worker.post_message(&JsValue::from_str("skip-waiting"));
        }
        None => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    }
}
