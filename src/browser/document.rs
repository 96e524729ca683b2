//! The standalone page's `<html lang>` and `<title>`.

use wasm_bindgen::JsCast;

pub fn set_lang(lang: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang);
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The browser's preferred languages, most wanted first.
pub fn languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let mut out: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}

/// Whether an event started in a text field (where arrow keys belong to the field). Looks
/// through shadow roots: a document listener sees only the shadow host as the target.
pub fn is_typing_target(event: &web_sys::Event) -> bool {
    let origin = event.composed_path().get(0);
    let Some(el) = origin.dyn_ref::<web_sys::Element>() else { return false };
    matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select") || el.get_attribute("contenteditable").is_some()
}

/// The focused element as seen from `node`'s tree: inside a shadow root, the element in it
/// (the document would only say "the host").
pub fn active_element(node: &web_sys::Node) -> Option<web_sys::Element> {
    let root = node.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}
