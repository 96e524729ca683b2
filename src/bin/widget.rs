//! The embedded widget's wasm (`--no-default-features --features widget`): the loader's
//! runtime (`js/embed/runtime.js`) loads it and calls its exports, [`stepwise::widget::mount_widget`]
//! and the handle's methods, when the buyer opens the widget. Nothing runs at its start.
//!
//! A binary links its library's `#[wasm_bindgen]` exports only when it uses something of that
//! library, so `main` names the entry (and does nothing with it).
fn main() {
    std::hint::black_box(stepwise::widget::mount_widget as *const ());
}

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
