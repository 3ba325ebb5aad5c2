//! Writes `tests/data/template.xlsx`: the data template's example rows as an Excel workbook,
//! the way a user fills it in (real date cells, numbers, an empty agent cell), after a first
//! sheet of notes. Run: `cargo run -p casemap-xlsx --example make_fixture`.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn main() {
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet().set_name("Read me").unwrap();
    notes.write_string(0, 0, "Cases are on the sheet \"Cases\".").unwrap();
    let sheet = workbook.add_worksheet().set_name("Cases").unwrap();
    let header = casemap_engine::template::Column::ALL.iter().map(|c| c.name()).collect::<Vec<_>>();
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
    for (i, row) in casemap_engine::template::EXAMPLE_ROWS.iter().enumerate() {
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
