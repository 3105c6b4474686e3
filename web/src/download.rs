//! Offer a text as a file download (Blob + object URL), entirely in the browser.
use wasm_bindgen::JsCast;

pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_parts(filename, mime, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)))
}

/// The export of a log built as a Blob of parts of about 1 MiB each, never one string of the
/// whole file (a seed-scale log is over 70 MiB).
pub fn download_log(filename: &str, log: &fairlog_domain::Log) -> Result<(), String> {
    const PART_BYTES: usize = 1 << 20;
    let parts = js_sys::Array::new();
    let mut part = fairlog_domain::codec::export_header(log);
    part.push('\n');
    for env in log.entries() {
        part.push_str(&fairlog_domain::log::to_line(env));
        part.push('\n');
        if part.len() >= PART_BYTES {
            parts.push(&wasm_bindgen::JsValue::from_str(&std::mem::take(&mut part)));
        }
    }
    if !part.is_empty() {
        parts.push(&wasm_bindgen::JsValue::from_str(&part));
    }
    download_parts(filename, "application/x-ndjson", &parts)
}

/// Offer a Blob of these string parts as a file download.
pub fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &opts).map_err(|e| format!("{e:?}"))?;
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
