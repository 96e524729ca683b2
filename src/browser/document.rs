//! The standalone page's `<html lang>` and `<title>`, and its takeover of prerendered markup.

use wasm_bindgen::JsCast;

pub fn set_lang(lang: &str) {
    if let Some(el) = crate::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = el.set_attribute("lang", lang);
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = crate::browser::window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The browser's preferred languages, most wanted first.
pub fn languages() -> Vec<String> {
    let Some(nav) = crate::browser::window().map(|w| w.navigator()) else { return Vec::new() };
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
        None => crate::browser::window()?.document()?.active_element(),
    }
}

/// Keeps Tab inside `container` (a modal panel): from its last focusable element Tab goes to
/// the first, from the first Shift+Tab to the last. Returns whether it moved the focus.
pub fn wrap_focus(container: &web_sys::Element, backwards: bool) -> bool {
    const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";
    let Ok(list) = container.query_selector_all(FOCUSABLE) else { return false };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        // Skip what is not rendered (an element inside a closed lightbox, say).
        .filter(|el| el.offset_parent().is_some() || el.get_client_rects().length() > 0)
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return false };
    let active = active_element(container);
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a.is_same_node(Some(el)));
    let outside = active.as_ref().is_none_or(|a| !container.contains(Some(a)));
    let target = match backwards {
        false if outside || at(last) => first,
        true if outside || at(first) => last,
        _ => return false,
    };
    let _ = target.focus();
    true
}

/// Puts `live` (the app's element) where `prerendered` is, in one task (nothing paints in
/// between), calls `then` (the host's part: show the page, open the dialog), and keeps what the
/// buyer did to the prerendered markup: the focus (by position among focusable elements, the
/// markup being the same) and text typed into a field (given to the app's field as typed input).
pub fn take_over(prerendered: &web_sys::Element, live: &web_sys::Element, then: impl FnOnce()) {
    const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";
    let items = |root: &web_sys::Element| -> Vec<web_sys::Element> {
        root.query_selector_all(FOCUSABLE).map(|l| (0..l.length()).filter_map(|i| l.item(i)?.dyn_into().ok()).collect()).unwrap_or_default()
    };
    let (before, after) = (items(prerendered), items(live));
    let focused = active_element(prerendered).and_then(|a| before.iter().position(|e| e.is_same_node(Some(&a))));
    let typed: Vec<(usize, String)> = before
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e.dyn_ref::<web_sys::HtmlInputElement>()?.value())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let _ = prerendered.replace_with_with_node_1(live);
    then();
    for (i, value) in typed {
        if let Some(input) = after.get(i).and_then(|e| e.dyn_ref::<web_sys::HtmlInputElement>()).filter(|e| e.value().is_empty()) {
            input.set_value(&value);
            if let Ok(e) = web_sys::InputEvent::new("input") {
                let _ = input.dispatch_event(&e);
            }
        }
    }
    if let Some(el) = focused.and_then(|i| after.get(i)).and_then(|e| e.dyn_ref::<web_sys::HtmlElement>()) {
        let _ = el.focus();
    }
}

/// Whether the boot script hid the page's prerendered markup (the app will show another place).
pub fn page_waiting() -> bool {
    let html = crate::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    html.is_some_and(|h| h.class_list().contains(stepwise_core::protocol::page::WAITING))
}

/// The page's prerendered markup is the app's now: `<html>` loses the boot script's
/// [`stepwise_core::protocol::page::WAITING`] class (the page shows) and `data-prerendered`.
pub fn page_taken_over() {
    if let Some(html) = crate::browser::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = html.class_list().remove_1(stepwise_core::protocol::page::WAITING);
        let _ = html.remove_attribute(stepwise_core::protocol::page::PRERENDERED);
    }
}
