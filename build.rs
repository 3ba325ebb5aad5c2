//! Compiles the UI strings in `locales/*.json` into the typed `i18n` module (leptos_i18n):
//! a key used in the code but missing from the default locale is a compile error, and
//! `tests/locales.rs` fails when any locale lacks a key that English has.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// The UI languages; the first is the default and the reference for every other one.
const LOCALES: [&str; 4] = ["en", "it", "ru", "zh"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // interpolate_display: interpolated strings can also be built as plain `String`s
    // (`t_string!`), for attributes and formatted messages.
    let config = Config::new(LOCALES[0])?
        .add_locales(&LOCALES[1..])?
        .parse_options(ParseOptions::default().interpolate_display(true));
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
