//! A list of thousands of rows that renders only the rows in view (plus a few either side).
//!
//! Every row has the same height. The scroll container holds a spacer as tall as all the rows
//! (`len × row_height`); inside it, the rendered window is moved down to its first row. Heights
//! and offsets are set through the CSSOM (`style.setProperty`), which the page's CSP allows,
//! where a `style` attribute would be refused. The container is a `role="table"` with
//! `aria-rowcount`, each row says its `aria-rowindex`, and a polite status line says how many
//! rows there are. Tab moves through the rendered rows' controls; when focus reaches a row
//! outside the view (one of the overscan rows) the list scrolls to it, which renders the next
//! rows, so Tab walks the whole list.
//!
//! Hand-written: the crates on crates.io (`yew-virtualized` 0.2 for yew 0.20, `yew-virtual-scroller`
//! 0.1 for yew 0.17) do not build with yew 0.23 and position rows with `style` attributes.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    /// How many rows the list has.
    pub len: usize,
    /// Each row's height in CSS pixels.
    pub row_height: u32,
    /// Row `i` (0-based), its cells (`role="cell"`); the list wraps it in its row element.
    pub row: Callback<usize, Html>,
    /// The list's accessible name.
    pub label: AttrValue,
    /// The visible count ("共 25,600 家企业"), also announced when it changes (a page that
    /// says it elsewhere leaves it out).
    #[prop_or_default]
    pub count: Option<AttrValue>,
    /// The header row's cells (`role="columnheader"`), shown above the scrolling rows.
    #[prop_or_default]
    pub header: Html,
    /// Rows rendered beyond each edge of the view.
    #[prop_or(6)]
    pub overscan: usize,
    /// The view's height in rows (at most 70% of the window's height, by the style sheet).
    #[prop_or(12)]
    pub visible_rows: usize,
    /// When this changes (a new search), the list scrolls back to its first row.
    #[prop_or_default]
    pub reset: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
}

/// The rows to render: from `first - overscan` to `first + shown + overscan`, within `0..len`.
pub fn window(len: usize, first: usize, shown: usize, overscan: usize) -> std::ops::Range<usize> {
    let first = first.min(len.saturating_sub(1));
    let start = first.saturating_sub(overscan);
    let end = (first + shown + overscan).min(len);
    start..end.max(start)
}

/// The first row in view and how many rows fit, read from the scroll container.
fn measure(el: &Element, row_height: u32) -> (usize, usize) {
    let h = row_height.max(1) as f64;
    let first = (el.scroll_top() as f64 / h).floor().max(0.0) as usize;
    let shown = (el.client_height() as f64 / h).ceil() as usize + 1;
    (first, shown)
}

fn set_px(el: &Element, property: &str, px: f64) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.style().set_property(property, &format!("{px}px"));
    }
}

#[component]
pub fn VirtualList(props: &VirtualListProps) -> Html {
    let viewport = use_node_ref();
    let spacer = use_node_ref();
    let rows = use_node_ref();
    // (first row in view, rows that fit): re-rendered only when either changes.
    let at = use_state_eq(|| (0usize, props.visible_rows + 1));
    let h = props.row_height.max(1);
    let range = window(props.len, at.0, at.1, props.overscan);

    // Sizes and offsets through the CSSOM, after each render and before the browser paints.
    {
        let (viewport, spacer, rows) = (viewport.clone(), spacer.clone(), rows.clone());
        let deps = (props.len, h, props.visible_rows, range.start);
        use_effect_with(deps, move |&(len, h, visible, start)| {
            if let Some(v) = viewport.cast::<Element>() {
                set_px(&v, "--vlist-height", (visible as u32 * h) as f64);
                set_px(&v, "--vlist-row", h as f64);
            }
            if let Some(s) = spacer.cast::<Element>() {
                set_px(&s, "height", len as f64 * h as f64);
            }
            if let Some(r) = rows.cast::<Element>() {
                if let Some(r) = r.dyn_ref::<HtmlElement>() {
                    let _ = r.style().set_property("transform", &format!("translateY({}px)", start as f64 * h as f64));
                }
            }
        });
    }
    // The view's real height once laid out, and again when the row count changes (the browser
    // may have pulled the scroll position back when the list got shorter).
    {
        let (viewport, at) = (viewport.clone(), at.clone());
        use_effect_with((props.len, h), move |&(_, h)| {
            if let Some(v) = viewport.cast::<Element>() {
                at.set(measure(&v, h));
            }
        });
    }
    // A new search starts from the top.
    {
        let (viewport, at) = (viewport.clone(), at.clone());
        use_effect_with(props.reset.clone(), move |_| {
            if let Some(v) = viewport.cast::<Element>() {
                if v.scroll_top() != 0 {
                    v.set_scroll_top(0);
                    at.set(measure(&v, h));
                }
            }
        });
    }
    let onscroll = {
        let (viewport, at) = (viewport.clone(), at.clone());
        Callback::from(move |_: Event| {
            if let Some(v) = viewport.cast::<Element>() {
                at.set(measure(&v, h));
            }
        })
    };
    // Focus in a row beyond the view (an overscan row reached by Tab): bring the row into view.
    let onfocusin = {
        let viewport = viewport.clone();
        Callback::from(move |e: FocusEvent| {
            let Some(v) = viewport.cast::<Element>() else { return };
            let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let Some(row) = target.closest(".vlist-row").ok().flatten() else { return };
            let Some(i) = row.get_attribute("data-row").and_then(|s| s.parse::<f64>().ok()) else { return };
            let (top, bottom) = (i * h as f64, (i + 1.0) * h as f64);
            let (view_top, view_h) = (v.scroll_top() as f64, v.client_height() as f64);
            if top < view_top {
                v.set_scroll_top(top as i32);
            } else if bottom > view_top + view_h {
                v.set_scroll_top((bottom - view_h).ceil() as i32);
            }
        })
    };

    html! {
        <div class={classes!("vlist", props.class.clone())} id={props.id.clone()}>
            if let Some(count) = &props.count {
                <p class="vlist-count muted" role="status" aria-live="polite">{ count.clone() }</p>
            }
            <div class="vlist-table" role="table" aria-label={props.label.clone()} aria-rowcount={(props.len + 1).to_string()}>
                <div class="vlist-head" role="rowgroup">
                    <div class="vlist-row vlist-header" role="row" aria-rowindex="1">{ props.header.clone() }</div>
                </div>
                <div class="vlist-viewport" ref={viewport} tabindex="0" role="rowgroup" {onscroll} {onfocusin}>
                    <div class="vlist-spacer" ref={spacer}>
                        <div class="vlist-rows" ref={rows}>
                            { for range.map(|i| html! {
                                <div class="vlist-row" role="row" key={i} data-row={i.to_string()} aria-rowindex={(i + 2).to_string()}>
                                    { props.row.emit(i) }
                                </div>
                            }) }
                        </div>
                    </div>
                </div>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_covers_the_view_and_the_overscan_within_the_list() {
        assert_eq!(window(25_600, 0, 13, 6), 0..19);
        assert_eq!(window(25_600, 1_000, 13, 6), 994..1_019);
        assert_eq!(window(25_600, 25_599, 13, 6), 25_593..25_600);
        assert_eq!(window(5, 0, 13, 6), 0..5);
        assert_eq!(window(0, 0, 13, 6), 0..0);
        // A scroll position left from a longer list still shows the end of the shorter one.
        assert_eq!(window(10, 500, 13, 6), 3..10);
    }
}
