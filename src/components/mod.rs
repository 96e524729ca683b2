//! The UI, one component a file. Components read [`crate::state::AppState`] from context and
//! dispatch [`crate::state::Action`]s; navigation is always a [`link::Link`] or
//! [`link::navigate`], so the route stays in one place (the URL's hash).

pub mod app;
pub mod lightbox;
pub mod link;
pub mod locale_switch;
pub mod policy_summary;
pub mod procedure_list;
pub mod refund_checker;
pub mod save_offline;
pub mod screenshot;
pub mod spans;
pub mod update_banner;
pub mod wizard;

use yew::prelude::*;

use crate::state::AppState;

/// The shared state handle every component reads.
pub type Store = UseReducerHandle<AppState>;

/// Where components report what the host page may listen to (a no-op on the standalone page).
pub type Events = Callback<crate::widget::WidgetEvent>;

/// The store from context (components live only inside [`app::App`]).
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("components are rendered inside App, which provides the store")
}

/// The attribute that marks the element taking focus after a navigation (see [`app::App`]).
pub const AUTOFOCUS_SELECTOR: &str = "[data-autofocus]";
