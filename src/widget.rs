//! The embedded widget's entry, called by the loader (`embed/runtime.js`): [`mount_widget`]
//! renders the app, as a modal panel, into an element inside the loader's shadow root and
//! returns a [`WidgetHandle`] to which the loader forwards the page's calls by name
//! ([`stepwise_core::protocol::CommandName`]). Nothing here throws into the host page.
//!
//! One Yew root serves every mount of the page's lifetime. Yew 0.23 never releases a root's
//! delegated event listeners (it forgets their closures: "the registry is never dropped in
//! production", `dom_bundle/subtree_root.rs`), so a root per mount would leak its listeners,
//! its element and all that element reaches, on every mount/destroy cycle of a single-page
//! app. Instead, destroying unmounts the app (its state, effects and listeners go) and parks
//! the empty root element; the next mount moves it into the new shadow root.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use stepwise_core::protocol::{read_command, Attribute, Command};
use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew::AppHandle;

use crate::components::app::{App, AppProps};
use crate::browser::fetch::Prefetched;
use crate::content::{ContentStore, Source};
use crate::host::widget::{CommandSlot, WidgetHost};
use crate::host::HostHandle;

#[derive(Properties, PartialEq)]
struct RootProps {
    /// The mounted app (`None`: destroyed), and its mount's number (a new mount, a new app).
    app: Option<(AppProps, u32)>,
}

#[component]
fn WidgetRoot(props: &RootProps) -> Html {
    match &props.app {
        Some((app, mount)) => html! { <App key={*mount} content={app.content.clone()} host={app.host.clone()} /> },
        None => html! {},
    }
}

/// The page's one Yew root: its element and the app handle, and the current mount's number.
struct Root {
    element: web_sys::Element,
    app: AppHandle<WidgetRoot>,
    mount: u32,
}

thread_local! {
    static ROOT: RefCell<Option<Root>> = const { RefCell::new(None) };
}

/// The loader's handle on a mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    commands: CommandSlot,
    /// Which mount this handle drives; `None` once destroyed.
    mount: Option<u32>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Runs the command `name` (`open`, `close`, `setLocale`, `destroy`) with the JS API's
    /// arguments. Returns `false` for a name or arguments it does not know.
    pub fn command(&mut self, name: &str, text: Option<String>, number: Option<f64>) -> bool {
        match read_command(name, text, number) {
            Some(Command::Destroy) => {
                // The app, its listeners and the slot's queue go; the loader then frees the handle.
                if let Some(mount) = self.mount.take() {
                    ROOT.with_borrow_mut(|root| {
                        if let Some(root) = root.as_mut().filter(|r| r.mount == mount) {
                            root.app.update(RootProps { app: None });
                            root.element.remove();
                        }
                    });
                }
                self.commands = CommandSlot::default();
                true
            }
            Some(command) if self.mount.is_some() => {
                self.commands.send(command);
                true
            }
            _ => false,
        }
    }
}

/// Renders the widget into `root` (an element in a shadow root). `attributes` is an object of
/// the script tag's `data-` values, and `refused` names those of the launcher's own settings
/// the loader could not use (each gets a warning here); `emit(name, detail)` receives the widget's events;
/// `index_url` is the pack index to fetch content from (the build's `packs/index.json`);
/// `prefetched` gives the answers the runtime fetched ahead ([`Prefetched`]); `prerendered`, if an element in `root`, is the
/// prerendered panel the runtime shows meanwhile, which the app replaces once it has drawn its
/// own. Invalid settings are warned about on the console once each; defaults are used.
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, attributes: JsValue, refused: Vec<String>, emit: Function, index_url: String, prefetched: Option<Prefetched>, prerendered: JsValue) -> WidgetHandle {
    let prerendered = prerendered.dyn_into::<web_sys::Element>().ok().filter(|p| root.contains(Some(p)));
    // A seller's own index (`data-pack-url`) if given, else the build's.
    let value = |name: &str| Reflect::get(&attributes, &JsValue::from_str(name)).ok().and_then(|v| v.as_string()).unwrap_or_default();
    for name in refused.iter().filter_map(|n| Attribute::parse(n)) {
        if let Some(w) = stepwise_core::embed::launcher_setting_warning(name, &value(name.as_str())) {
            web_sys::console::warn_1(&JsValue::from_str(&w));
        }
    }
    mount_widget_with(root, attributes, emit, prerendered, |config| {
        let source = Source::Index { url: config.pack_url.clone().unwrap_or(index_url), pack: config.pack.clone() };
        ContentStore::new(source, prefetched)
    })
}

/// [`mount_widget`] with the content `content` gives for the settings read (tests give a
/// pack at hand: they have no server for pack files).
pub fn mount_widget_with(
    root: web_sys::Element,
    attributes: JsValue,
    emit: Function,
    prerendered: Option<web_sys::Element>,
    content: impl FnOnce(&stepwise_core::embed::EmbedConfig) -> Rc<ContentStore>,
) -> WidgetHandle {
    let pairs: Vec<(Attribute, String)> = Attribute::ALL
        .iter()
        .filter_map(|&k| Reflect::get(&attributes, &JsValue::from_str(k.as_str())).ok()?.as_string().map(|v| (k, v)))
        .collect();
    if attributes.is_object() {
        for name in js_sys::Object::keys(attributes.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
            if Attribute::parse(&name).is_none() {
                web_sys::console::warn_1(&JsValue::from_str(&stepwise_core::embed::unknown_attribute_warning(&name)));
            }
        }
    }
    let (config, warnings) = stepwise_core::embed::read(&pairs);
    for w in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&w));
    }
    let content = content(&config);
    let commands = CommandSlot::default();
    // The page's one root element (made on the first mount), and the host with it: the app
    // renders into it detached while a prerendered panel shows, else in `root`.
    let element = ROOT.with_borrow(|slot| slot.as_ref().map(|r| r.element.clone()))
        .or_else(|| root.owner_document().and_then(|d| d.create_element("div").ok()));
    let Some(element) = element else { return WidgetHandle { commands, mount: None } };
    let takeover = prerendered.map(|p| (p, element.clone()));
    if takeover.is_none() {
        let _ = root.append_child(&element);
    }
    let host = HostHandle(Rc::new(WidgetHost::new(config, commands.clone(), emit, takeover)));
    let props = AppProps { content, host };
    let mount = ROOT.with_borrow_mut(|slot| match slot {
        Some(r) => {
            r.mount += 1;
            r.app.update(RootProps { app: Some((props, r.mount)) });
            r.mount
        }
        None => {
            element.set_class_name("stepwise-root");
            let app = yew::Renderer::<WidgetRoot>::with_root_and_props(element.clone(), RootProps { app: Some((props, 1)) }).render();
            *slot = Some(Root { element, app, mount: 1 });
            1
        }
    });
    WidgetHandle { commands, mount: Some(mount) }
}
