//! The content packs, generated from `content/` by `build.rs`.

use stepwise_core::model::Pack;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// The pack named `id`, if it was built in.
pub fn pack(id: &str) -> Option<&'static Pack> {
    PACKS.iter().find(|p| p.id == id)
}

/// The first pack (the build refuses to finish without one).
pub fn default_pack() -> &'static Pack {
    &PACKS[0]
}

/// A `'static` reference compared by address: cheap props for content that never changes.
pub struct Static<T: ?Sized + 'static>(pub &'static T);

impl<T: ?Sized> Clone for Static<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Static<T> {}

impl<T: ?Sized + std::fmt::Debug> std::fmt::Debug for Static<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: ?Sized> PartialEq for Static<T> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl<T: ?Sized> std::ops::Deref for Static<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0
    }
}
