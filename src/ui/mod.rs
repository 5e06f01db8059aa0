//! The views. Each renders one step and nothing else.

pub mod app;
