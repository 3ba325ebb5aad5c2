//! Any text through format inference and every timestamp parser: never a panic.
#![no_main]

use casemap_engine::ingest::timestamp::infer_format;
use casemap_engine::time::{DateOrder, TimeFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let values: Vec<&str> = text.split('\n').collect();
    let _ = infer_format(values.iter().copied());
    for format in [
        TimeFormat::Calendar { order: DateOrder::YearMonthDay },
        TimeFormat::Calendar { order: DateOrder::DayMonthYear },
        TimeFormat::Calendar { order: DateOrder::MonthDayYear },
        TimeFormat::EpochSeconds,
        TimeFormat::EpochMillis,
    ] {
        for value in &values {
            let _ = format.parse(value);
        }
    }
});
