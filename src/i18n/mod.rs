//! Every word the widget shows. English is compiled in (`en.rs`); German, French and Spanish
//! are JSON files (`www/i18n/<code>.json`) that a page loads only when it uses them — the
//! standalone app fetches `i18n/<code>.json` beside itself, the embedding module fetches its
//! own, and a Rust host calls [`install`] (with `include_str!`, say). Until a language is
//! installed its widgets speak English. `{}` marks where a value goes ([`fill`]).

mod catalogue;
mod en;

use std::cell::RefCell;

pub use catalogue::{Catalogue, KEYS};

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// English.
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
}

thread_local! {
    /// The languages installed on this page, besides English.
    static INSTALLED: RefCell<Vec<(Language, &'static Catalogue)>> = const { RefCell::new(Vec::new()) };
}

impl Language {
    /// From a language tag (`de`, `de-AT`, `fr-CA`…); `None` for a language we lack.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "de" => Some(Self::De),
            "fr" => Some(Self::Fr),
            "es" => Some(Self::Es),
            _ => None,
        }
    }

    /// The language's code, which names its file: `i18n/<code>.json`.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
        }
    }

    /// Whether this language's texts are here (English always is).
    pub fn is_installed(self) -> bool {
        self == Self::En || INSTALLED.with(|i| i.borrow().iter().any(|(l, _)| *l == self))
    }

    /// This language's texts; English until the language is [`install`]ed.
    pub fn texts(self) -> &'static Catalogue {
        INSTALLED
            .with(|i| i.borrow().iter().find(|(l, _)| *l == self).map(|(_, t)| *t))
            .unwrap_or(&en::TEXTS)
    }
}

/// Installs `language`'s texts from the JSON of its catalogue file. Installing a language
/// twice keeps the first; English is built in and cannot be replaced.
pub fn install(language: Language, json: &str) -> Result<(), String> {
    if language.is_installed() {
        return Ok(());
    }
    let catalogue =
        Catalogue::from_json(json).map_err(|e| format!("the {} texts: {e}", language.code()))?;
    let catalogue: &'static Catalogue = Box::leak(Box::new(catalogue));
    INSTALLED.with(|i| i.borrow_mut().push((language, catalogue)));
    Ok(())
}

/// Puts `values` into the `{}` places of `text`, in order.
pub fn fill(text: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut values = values.iter();
    let mut rest = text;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}
