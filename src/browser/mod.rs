//! The page around us. Every function here survives a missing window, a throwing storage,
//! or an odd host page: it returns a neutral value instead of panicking.

pub mod document;
pub mod fetch;
pub mod location;
pub mod offline;
pub mod storage;
pub mod time;
