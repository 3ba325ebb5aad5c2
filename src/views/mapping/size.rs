//! What importing the file would take, said before it starts: the events and the memory the
//! engine's estimate gives (`ingest::fit`), a warning when a device short of memory may not
//! manage, and a refusal, with the ways out, when a tab cannot hold it.

use casemap_engine::format;
use casemap_engine::ingest::fit::{Estimate, Fit, TAB_LIMIT};
use leptos::prelude::*;

use crate::context::use_lang;
use crate::i18n::*;
use crate::widgets::WarehouseStart;

/// Files below this many events import without a word about their size.
const QUIET_EVENTS: u64 = 2_000_000;

/// The estimate's notice; nothing for a file that is small or whose size says little.
#[component]
pub fn SizeEstimate(estimate: Memo<Option<Estimate>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    move || {
        let estimate = estimate.get()?;
        let fit = estimate.fit();
        if fit == Fit::Fits && estimate.events < QUIET_EVENTS {
            return None;
        }
        let events = format::count(rounded(estimate.events), lang());
        let memory = format::bytes(estimate.bytes, lang());
        let limit = format::bytes(TAB_LIMIT, lang());
        let (class, testid, text) = match fit {
            Fit::Fits => (
                "notice notice-ok",
                "size-fits",
                t_string!(i18n, mapping.size_fits, events = events, memory = memory).to_string(),
            ),
            Fit::Tight => (
                "notice notice-warning",
                "size-tight",
                t_string!(i18n, mapping.size_tight, events = events, memory = memory).to_string(),
            ),
            Fit::TooBig => (
                "notice notice-error",
                "size-too-big",
                t_string!(i18n, mapping.size_too_big, events = events, memory = memory, limit = limit).to_string(),
            ),
        };
        Some(view! {
            <div class=class data-testid=testid>
                <p>{text}</p>
                <Show when=move || fit != Fit::Fits>
                    <p>
                        {t!(i18n, mapping.size_ways_out)} " "
                        <WarehouseStart testid="size-warehouse" class="button-small" />
                    </p>
                </Show>
            </div>
        })
    }
}

/// `n` to three significant digits: an estimate shown with all its digits looks like a count.
fn rounded(n: u64) -> u64 {
    let mut unit = 1;
    while n / unit >= 1_000 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

#[cfg(test)]
mod tests {
    use super::rounded;

    #[test]
    fn estimates_keep_three_significant_digits() {
        assert_eq!(rounded(50_006_030), 50_000_000);
        assert_eq!(rounded(2_345_678), 2_350_000);
        assert_eq!(rounded(999), 999);
        assert_eq!(rounded(9_996), 10_000);
    }
}
