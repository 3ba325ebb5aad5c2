//! The map saved as SVG or PNG.

use leptos::prelude::*;

use crate::protocol::MapView;

/// Saves the current map as SVG, or as a PNG at twice its size.
pub(super) fn export(map: RwSignal<Option<MapView>>, png: bool) {
    let Some(svg) = map.with_untracked(|m| m.as_ref().map(|m| (m.drawing.to_svg(), m.drawing.width, m.drawing.height)))
    else {
        return;
    };
    let (svg, width, height) = svg;
    let result = if png {
        save_png(svg, width, height)
    } else {
        crate::download::save_text("process-map.svg", &svg, "image/svg+xml")
    };
    if let Err(error) = result {
        web_sys::console::error_2(&"casemap: cannot export the map".into(), &error);
    }
}

/// Draws the SVG onto a canvas (in memory, from a blob: URL) and saves the canvas as PNG.
fn save_png(svg: String, width: f64, height: f64) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::prelude::*;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let scale = 2.0;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width((width * scale).ceil() as u32);
    canvas.set_height((height * scale).ceil() as u32);
    let loaded = image.clone();
    let source = url.clone();
    let on_load = Closure::once(move || {
        let drawn = (|| -> Result<(), JsValue> {
            let context: web_sys::CanvasRenderingContext2d =
                canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
            context.scale(scale, scale)?;
            context.draw_image_with_html_image_element(&loaded, 0.0, 0.0)?;
            let on_blob = Closure::once(move |blob: Option<web_sys::Blob>| {
                if let Some(blob) = blob {
                    let _ = crate::download::save_blob("process-map.png", &blob);
                }
            });
            canvas.to_blob(on_blob.as_ref().unchecked_ref())?;
            on_blob.forget();
            Ok(())
        })();
        let _ = web_sys::Url::revoke_object_url(&source);
        if let Err(error) = drawn {
            web_sys::console::error_2(&"casemap: cannot draw the PNG".into(), &error);
        }
    });
    image.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    image.set_src(&url);
    Ok(())
}
