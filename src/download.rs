//! Saving data the page made (the template, later exports) as a file: a Blob behind an
//! object URL and a temporary link. Nothing leaves the browser: the bytes go from memory to
//! the download folder.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `text` for download as `file_name` with the given MIME type.
///
/// # Errors
/// When the browser cannot create the Blob or the link.
pub fn save_text(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    save_blob(file_name, &Blob::new_with_str_sequence_and_options(&parts, &options)?)
}

/// Offers a Blob for download as `file_name`.
///
/// # Errors
/// When the browser cannot create the link.
pub fn save_blob(file_name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|window| window.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoking at once can cancel the download in some browsers: give it a moment.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}
