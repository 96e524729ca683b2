//! Stepwise's pure logic, shared by the build script, the `stepwise-cli` checker and the widget.
//!
//! Nothing here touches a browser: every rule a buyer relies on (how a page becomes steps,
//! when a refund window closes, what a deep link means, what a search matches) is plain Rust,
//! tested natively.
//!
//! Invariants the rest of the project relies on:
//! - The model ([`model`]) is the contract between the Markdown importer and the UI; the UI
//!   never sees Markdown, and the importer never sees the UI.
//! - All locales of a pack have the same structure (same procedures, same step counts, same
//!   slugs); the importer refuses a pack where they differ.
//! - Time is an `i64` count of seconds since the Unix epoch (UTC); wall-clock time exists only
//!   together with an explicit UTC offset ([`civil`]).

pub mod civil;
pub mod embed;
pub mod highlight;
pub mod zoom;
pub mod i18n;
pub mod language_tag;
pub mod model;
pub mod policy;
pub mod protocol;
pub mod refund;
pub mod route;
pub mod search;
pub mod text;
pub mod validate;

#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "serde")]
pub mod pack_index;
#[cfg(feature = "serde")]
pub mod packfile;
