//! A widget on a seller's page: the route lives in memory (the host page's URL, title and
//! `lang` are never touched), commands come from the loader (`embed/loader.js`) through a
//! [`CommandSlot`], events go back through one JS function, and the app is a modal panel.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use stepwise_core::embed::EmbedConfig;
use stepwise_core::model::Pack;
use stepwise_core::protocol::{Command, Field, WidgetEvent};
use stepwise_core::route::{Route, View};
use wasm_bindgen::JsValue;
use yew::Callback;

use super::{Frame, Host};
use crate::state::{Action, AppState, Store};

/// Where the mounted app receives commands. Commands sent before the app has rendered (the
/// loader replays its queue at once) wait here.
#[derive(Clone, Default)]
pub struct CommandSlot(Rc<RefCell<SlotState>>);

#[derive(Default)]
struct SlotState {
    receiver: Option<Callback<Command>>,
    pending: Vec<Command>,
}

impl CommandSlot {
    /// Sends `command` to the app, or keeps it until the app connects.
    pub fn send(&self, command: Command) {
        let receiver = self.0.borrow().receiver.clone();
        match receiver {
            Some(r) => r.emit(command),
            None => self.0.borrow_mut().pending.push(command),
        }
    }

    fn connect(&self, receiver: Callback<Command>) -> SlotGuard {
        let pending = std::mem::take(&mut self.0.borrow_mut().pending);
        self.0.borrow_mut().receiver = Some(receiver.clone());
        for c in pending {
            receiver.emit(c);
        }
        SlotGuard(self.clone())
    }
}

/// Disconnects the app from its slot when it unmounts (nothing keeps the store alive).
struct SlotGuard(CommandSlot);

impl Drop for SlotGuard {
    fn drop(&mut self) {
        self.0 .0.borrow_mut().receiver = None;
    }
}

pub struct WidgetHost {
    config: EmbedConfig,
    /// The panel the embed runtime showed from the build's prerendered markup, and the detached
    /// element the app renders into, until the app takes over.
    takeover: RefCell<Option<(web_sys::Element, web_sys::Element)>>,
    /// Whether the settings were checked against the pack (once, when it first arrives).
    checked: std::cell::Cell<bool>,
    /// Locales the page asked for (`setLocale`) before the pack's were known: checked then.
    asked: Rc<RefCell<Vec<String>>>,
    commands: CommandSlot,
    /// The loader's `emit(name, detail)`.
    emit: Function,
}

impl WidgetHost {
    /// `takeover`: the prerendered panel the runtime shows, and the element the app renders into.
    pub fn new(config: EmbedConfig, commands: CommandSlot, emit: Function, takeover: Option<(web_sys::Element, web_sys::Element)>) -> Self {
        WidgetHost { config, takeover: RefCell::new(takeover), checked: std::cell::Cell::new(false), asked: Rc::default(), commands, emit }
    }
}

impl Host for WidgetHost {
    fn initial_state(&self, pack: std::rc::Rc<Pack>) -> AppState {
        let preferences = self.preferences(&pack.id);
        let view = match &self.config.procedure {
            Some(slug) => View::Procedure { slug: slug.clone(), step: 1 },
            None => View::List,
        };
        AppState::embedded(pack, &Route { locale: None, view }, preferences, self.config.docs_base.clone())
    }

    fn connect(&self, store: Store) -> Box<dyn Any> {
        let asked = self.asked.clone();
        Box::new(self.commands.connect(Callback::from(move |c: Command| match c {
            Command::Open(route) => {
                if let Some(route) = route {
                    // A route without a locale keeps the panel's current one.
                    store.dispatch(Action::Route(route));
                }
                store.dispatch(Action::Open(true));
            }
            Command::Close => store.dispatch(Action::Open(false)),
            // A locale the pack lacks is warned of and ignored; before the pack is known, it is
            // taken as a wish (like data-locale) and checked when the pack arrives.
            Command::SetLocale(locale) if !store.pack.available.is_empty() && !store.pack.has_locale(&locale) => {
                web_sys::console::warn_1(&JsValue::from_str(&stepwise_core::embed::unknown_locale_warning(&locale, &store.pack.available)));
            }
            Command::SetLocale(locale) => {
                if store.pack.available.is_empty() {
                    asked.borrow_mut().push(locale.clone());
                }
                store.dispatch(Action::Locale(locale));
            }
            Command::Navigate(route) => store.dispatch(Action::Route(route)),
            // The handle unmounts the app itself.
            Command::Destroy => {}
        })))
    }

    fn navigate(&self, store: &Store, to: &Route) {
        store.dispatch(Action::Route(to.clone()));
    }

    fn place_changed(&self, state: &AppState) {
        if let (true, Some((_, p, step))) = (state.open, state.procedure()) {
            self.emit(WidgetEvent::Step { procedure: p.slug.to_string(), step });
        }
    }

    fn emit(&self, event: WidgetEvent) {
        let (name, detail) = event_to_js(&event);
        // The loader catches what the page's listeners throw; this guards against the rest.
        let _ = self.emit.call2(&JsValue::NULL, &JsValue::from_str(name), &detail);
    }

    fn frame(&self) -> Frame {
        Frame::Panel
    }

    fn escape(&self, _: &AppState) -> Option<Route> {
        // Esc belongs to the dialog: it closes the panel.
        None
    }

    fn offline(&self) -> bool {
        false
    }

    /// The app's panel replaces the prerendered one, open if the app's state is (the buyer may
    /// have closed the prerendered one meanwhile: the runtime then sent `close`).
    fn shown(&self, state: &AppState) {
        use wasm_bindgen::JsCast;
        let Some((prerendered, live)) = self.takeover.borrow_mut().take() else { return };
        crate::browser::document::take_over(&prerendered, &live, || {
            let dialog = live.query_selector("dialog").ok().flatten().and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
            if let Some(d) = dialog.filter(|d| state.open && !d.open()) {
                let _ = d.show_modal();
            }
        });
    }

    /// The seller's data-locale first, then the buyer's own.
    fn preferences(&self, pack_id: &str) -> Vec<String> {
        self.config.locale.iter().cloned().chain(super::preferences(pack_id)).collect()
    }

    fn pack_arrived(&self, pack: &Pack, index: &stepwise_core::pack_index::PackIndex) {
        for locale in self.asked.borrow_mut().drain(..).filter(|l| !pack.has_locale(l)) {
            web_sys::console::warn_1(&JsValue::from_str(&stepwise_core::embed::unknown_locale_warning(&locale, &pack.available)));
        }
        if self.checked.replace(true) {
            return;
        }
        let ids: Vec<&str> = index.packs.iter().map(|(id, _)| id.as_str()).collect();
        for w in stepwise_core::embed::check(&self.config, &ids, pack) {
            web_sys::console::warn_1(&JsValue::from_str(&w));
        }
    }
}

/// An event as the page's listeners receive it: its name and a plain object.
fn event_to_js(e: &WidgetEvent) -> (&'static str, JsValue) {
    let detail = Object::new();
    let set = |k: Field, v: JsValue| {
        let _ = Reflect::set(&detail, &JsValue::from_str(k.as_str()), &v);
    };
    match e {
        WidgetEvent::Open | WidgetEvent::Close => {}
        WidgetEvent::Step { procedure, step } => {
            set(Field::Procedure, JsValue::from_str(procedure));
            set(Field::Step, JsValue::from_f64(*step as f64));
        }
        WidgetEvent::RefundCheck { eligible, deadline } => {
            set(Field::Eligible, JsValue::from_bool(*eligible));
            set(Field::Deadline, js_sys::Date::new(&JsValue::from_f64(*deadline as f64 * 1000.0)).into());
        }
        WidgetEvent::Locale(locale) => {
            set(Field::Locale, JsValue::from_str(locale));
            set(Field::Direction, JsValue::from_str(stepwise_core::i18n::direction(locale)));
        }
    }
    (e.name().as_str(), detail.into())
}
