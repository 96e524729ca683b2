//! The embedded widget's side of the loader (`embed/loader.js`): `mount_widget` renders the
//! app, in a modal panel, into an element inside the loader's shadow root, and returns a
//! handle the loader's API object forwards its calls to. Events go back through one JS
//! function. Nothing here throws into the host page.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Reflect};
use stepwise_core::route::{Route, View, CHECKER};
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback};

use crate::components::app::{App, AppProps};
use crate::content::{Static, PACKS};

/// What the host page asks of the widget.
pub enum Command {
    /// Open the panel, optionally at a place.
    Open(Option<Route>),
    Close,
    SetLocale(String),
}

/// What the widget tells the host page.
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    Open,
    Close,
    Step { procedure: String, step: usize },
    RefundCheck { eligible: bool, deadline: i64 },
}

/// Where the mounted app receives commands; shared between the handle and the app. Commands
/// sent before the app has rendered (the loader replays its queue at once) wait here.
#[derive(Clone, Default)]
pub struct CommandSlot(Rc<RefCell<(Option<Callback<Command>>, Vec<Command>)>>);

impl PartialEq for CommandSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CommandSlot {
    pub fn connect(&self, cb: Callback<Command>) {
        let pending = std::mem::take(&mut self.0.borrow_mut().1);
        self.0.borrow_mut().0 = Some(cb.clone());
        for c in pending {
            cb.emit(c);
        }
    }
    fn send(&self, c: Command) {
        let cb = self.0.borrow().0.clone();
        match cb {
            Some(cb) => cb.emit(c),
            None => self.0.borrow_mut().1.push(c),
        }
    }
}

/// The settings and channels of an embedded app.
#[derive(Clone, PartialEq)]
pub struct Embedding {
    pub config: stepwise_core::embed::EmbedConfig,
    pub commands: CommandSlot,
    pub events: Callback<WidgetEvent>,
}

/// The loader's handle on a mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    commands: CommandSlot,
    app: Option<AppHandle<App>>,
    locale: Option<String>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Opens the panel; with a procedure slug (and a 1-based step), at that step;
    /// with `"refund-checker"`, at the checker.
    pub fn open(&self, procedure: Option<String>, step: Option<u32>) {
        let route = procedure.filter(|p| !p.is_empty()).map(|slug| {
            let view = match slug.as_str() {
                CHECKER => View::Checker,
                _ => View::Procedure { slug, step: step.unwrap_or(1).max(1) as usize },
            };
            // No locale: the widget's current one (the app resolves it).
            Route { locale: self.locale.clone(), view }
        });
        self.commands.send(Command::Open(route));
    }

    pub fn close(&self) {
        self.commands.send(Command::Close);
    }

    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&mut self, locale: String) {
        self.locale = Some(locale.clone());
        self.commands.send(Command::SetLocale(locale));
    }

    /// Unmounts the app.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders the widget into `root` (an element in a shadow root). `attributes` is an object of
/// the script tag's `data-` values; `emit(name, detail)` receives the widget's events.
/// Invalid settings are warned about on the console once each; defaults are used.
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, attributes: JsValue, emit: Function) -> WidgetHandle {
    let pairs: Vec<(String, String)> = stepwise_core::embed::ATTRIBUTES
        .iter()
        .filter_map(|k| Reflect::get(&attributes, &JsValue::from_str(k)).ok()?.as_string().map(|v| (k.to_string(), v)))
        .collect();
    let (config, warnings) = stepwise_core::embed::read(PACKS, &pairs);
    for w in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&w));
    }
    let pack = crate::content::pack(config.pack).unwrap_or_else(crate::content::default_pack);
    let locale = config.locale.clone();
    let commands = CommandSlot::default();
    let events = Callback::from(move |e: WidgetEvent| {
        let (name, detail) = event_to_js(&e);
        // A throwing listener is the host page's problem, not ours: swallow it.
        let _ = emit.call2(&JsValue::NULL, &JsValue::from_str(name), &detail);
    });
    let props = AppProps { pack: Static(pack), embedding: Some(Embedding { config, commands: commands.clone(), events }) };
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    WidgetHandle { commands, app: Some(app), locale }
}

fn event_to_js(e: &WidgetEvent) -> (&'static str, JsValue) {
    let detail = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&detail, &JsValue::from_str(k), &v);
    };
    let name = match e {
        WidgetEvent::Open => "open",
        WidgetEvent::Close => "close",
        WidgetEvent::Step { procedure, step } => {
            set("procedure", JsValue::from_str(procedure));
            set("step", JsValue::from_f64(*step as f64));
            "step"
        }
        WidgetEvent::RefundCheck { eligible, deadline } => {
            set("eligible", JsValue::from_bool(*eligible));
            set("deadline", js_sys::Date::new(&JsValue::from_f64(*deadline as f64 * 1000.0)).into());
            "refund-check"
        }
    };
    (name, detail.into())
}
