//! The embedded widget's entry, called by the loader (`embed/loader.js`): [`mount_widget`]
//! renders the app, as a modal panel, into an element inside the loader's shadow root and
//! returns a [`WidgetHandle`] to which the loader forwards the page's calls by name
//! ([`stepwise_core::protocol::CommandName`]). Nothing here throws into the host page.

use std::rc::Rc;

use js_sys::{Function, Reflect};
use stepwise_core::protocol::{read_command, Attribute, Command};
use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::components::app::{App, AppProps};
use crate::content::{Static, PACKS};
use crate::host::widget::{CommandSlot, WidgetHost};
use crate::host::HostHandle;

/// The loader's handle on a mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    commands: CommandSlot,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Runs the command `name` (`open`, `close`, `setLocale`, `destroy`) with the JS API's
    /// arguments. Returns `false` for a name or arguments it does not know.
    pub fn command(&mut self, name: &str, text: Option<String>, number: Option<f64>) -> bool {
        match read_command(name, text, number) {
            Some(Command::Destroy) => {
                // The app, its listeners and the slot's queue go; the loader then frees the handle.
                if let Some(app) = self.app.take() {
                    app.destroy();
                }
                self.commands = CommandSlot::default();
                true
            }
            Some(command) if self.app.is_some() => {
                self.commands.send(command);
                true
            }
            _ => false,
        }
    }
}

/// Renders the widget into `root` (an element in a shadow root). `attributes` is an object of
/// the script tag's `data-` values; `emit(name, detail)` receives the widget's events.
/// Invalid settings are warned about on the console once each; defaults are used.
#[wasm_bindgen]
pub fn mount_widget(root: web_sys::Element, attributes: JsValue, emit: Function) -> WidgetHandle {
    let pairs: Vec<(Attribute, String)> = Attribute::ALL
        .iter()
        .filter_map(|&k| Reflect::get(&attributes, &JsValue::from_str(k.as_str())).ok()?.as_string().map(|v| (k, v)))
        .collect();
    let (config, warnings) = stepwise_core::embed::read(PACKS, &pairs);
    for w in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&w));
    }
    let pack = crate::content::pack(config.pack).unwrap_or_else(crate::content::default_pack);
    let commands = CommandSlot::default();
    let host = HostHandle(Rc::new(WidgetHost::new(config, commands.clone(), emit)));
    let app = yew::Renderer::<App>::with_root_and_props(root, AppProps { pack: Static(pack), host }).render();
    WidgetHandle { commands, app: Some(app) }
}
