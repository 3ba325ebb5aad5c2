//! Hooks on what the root component provides to every view: the formatting language of the UI
//! locale. They live apart from [`crate::app`] so that views can use them without importing
//! the root component (which imports the views).

use casemap_engine::format::Lang;

use crate::i18n::*;

/// The engine's formatting language for a UI locale.
pub fn lang_of(locale: Locale) -> Lang {
    Lang::from_code(locale.as_str()).unwrap_or_default()
}

/// The formatting language of the current UI locale, tracked.
pub fn use_lang() -> impl Fn() -> Lang + Copy {
    let i18n = use_i18n();
    move || lang_of(i18n.get_locale())
}

/// The translations of several keys, as a `Vec<String>` (column titles, mostly):
/// `texts![i18n; roles.channel, analyses.cases]`.
macro_rules! texts {
    ($i18n:expr; $($($part:ident).+),+ $(,)?) => {
        vec![$($crate::i18n::t_string!($i18n, $($part).+).to_string()),+]
    };
}
pub(crate) use texts;
