use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The input's id; the label and the message point at it.
    pub id: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// A message about this field (a broken rule), shown beside it.
    #[prop_or_default]
    pub error: Option<String>,
    /// A field the form cannot be saved without: marked after its label.
    #[prop_or_default]
    pub required: bool,
    pub children: Html,
}

/// A labelled form field with its hint and its error message beside it.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let err_id = format!("{}-error", props.id);
    let lang = crate::session::use_lang();
    html! {
        <div class={classes!("field", props.error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>{ props.label.clone() }
                if props.required {
                    <span class="required" aria-hidden="true">{ " *" }</span>
                    <span class="visually-hidden">{ lang.pick("（必填）", " (required)") }</span>
                }
            </label>
            { props.children.clone() }
            if let Some(h) = &props.hint { <small class="hint">{ h.clone() }</small> }
            if let Some(e) = &props.error {
                <p class="field-error" id={err_id} role="alert" data-field={props.id.clone()}>{ e.clone() }</p>
            }
        </div>
    }
}

/// The value of the `<input>` or `<textarea>` an event came from.
pub fn input_value(e: &Event) -> String {
    let target = e.target();
    if let Some(i) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        return i.value();
    }
    if let Some(t) = target.clone().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        return t.value();
    }
    select_value(e)
}

/// The value of the `<select>` an event came from.
pub fn select_value(e: &Event) -> String {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value()).unwrap_or_default()
}
