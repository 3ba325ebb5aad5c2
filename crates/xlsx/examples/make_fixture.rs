//! Writes `tests/data/template.xlsx`: the data template's example rows as an Excel workbook,
//! the way a user fills it in (real date cells, numbers, an empty agent cell), after a first
//! sheet of notes. Run: `cargo run -p casemap-xlsx --example make_fixture`.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet().set_name("Read me").unwrap();
    notes.write_string(0, 0, "Cases are on the sheet \"Cases\".").unwrap();
    let sheet = workbook.add_worksheet().set_name("Cases").unwrap();
    let header = [
        "case_id",
        "activity",
        "start_time",
        "end_time",
        "agent",
        "team",
        "priority",
        "channel",
        "case_type",
        "status",
        "sla_due",
        "csat",
        "escalated",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let time = |text: &str| {
        let (day, clock) = text.split_once(' ').unwrap();
        let d: Vec<u16> = day.split('-').map(|p| p.parse().unwrap()).collect();
        let c: Vec<u16> = clock.split(':').map(|p| p.parse().unwrap()).collect();
        ExcelDateTime::from_ymd(d[0], d[1] as u8, d[2] as u8).unwrap().and_hms(c[0], c[1] as u8, c[2]).unwrap()
    };
    for (i, row) in casemap_engine_rows().iter().enumerate() {
        let r = i as u32 + 1;
        for (column, value) in row.iter().enumerate() {
            let column = column as u16;
            match column {
                2 | 3 | 10 => {
                    sheet.write_datetime_with_format(r, column, time(value), &date).unwrap();
                }
                11 => {
                    sheet.write_number(r, column, value.parse::<f64>().unwrap()).unwrap();
                }
                _ if value.is_empty() => {}
                _ => {
                    sheet.write_string(r, column, *value).unwrap();
                }
            }
        }
    }
    workbook.save(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/template.xlsx")).unwrap();
}

/// The template's example rows (the same as `casemap template`).
fn casemap_engine_rows() -> Vec<Vec<&'static str>> {
    include_str!("../../engine/src/template.rs")
        .lines()
        .filter(|line| line.trim_start().starts_with("[\"CS-"))
        .map(|line| {
            line.trim()
                .trim_start_matches('[')
                .trim_end_matches("],")
                .split("\", \"")
                .map(|v| v.trim_matches('"'))
                .collect()
        })
        .collect()
}
