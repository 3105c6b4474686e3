//! Offer a text as a file download (Blob + object URL), entirely in the browser.
use wasm_bindgen::JsCast;

pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoke the URL only once the browser has had time to start the download.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    Ok(())
}

/// `fairlog-20261124-0930.jsonl` in Shanghai time.
pub fn stamped_name(prefix: &str, ext: &str) -> String {
    let local = fairlog_domain::time::to_local(crate::store::now());
    format!("{prefix}-{}.{ext}", local.format("%Y%m%d-%H%M"))
}
