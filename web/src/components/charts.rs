//! Charts drawn as SVG in the page (no chart server), each with a title, a description and the
//! numbers as a table for screen readers and print.
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Text shown at the end of the bar (the value, formatted).
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub desc: AttrValue,
    pub bars: Vec<Bar>,
    /// Column headers of the table alternative: (label, value).
    pub columns: (AttrValue, AttrValue),
    #[prop_or(1.0)]
    pub max: f64,
}

/// Horizontal bars: one row per label.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    let lang = crate::session::use_lang();
    let row_h = 26.0;
    let label_w = 150.0;
    let width = 560.0;
    let bar_w = width - label_w - 90.0;
    let max = props.bars.iter().map(|b| b.value).fold(props.max, f64::max).max(1e-9);
    let height = (props.bars.len().max(1) as f64) * row_h + 8.0;
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={title_id.clone()}>{ props.title.clone() }</figcaption>
            <svg viewBox={format!("0 0 {width} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")} class="chart-svg">
                <title>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.desc.clone() }</desc>
                { for props.bars.iter().enumerate().map(|(i, b)| {
                    let y = 4.0 + i as f64 * row_h;
                    let w = (b.value / max * bar_w).max(if b.value > 0.0 { 1.0 } else { 0.0 });
                    html! {
                        <g>
                            <text x={(label_w - 8.0).to_string()} y={(y + row_h * 0.62).to_string()} text-anchor="end" class="chart-label">{ b.label.clone() }</text>
                            <rect x={label_w.to_string()} y={(y + 3.0).to_string()} width={format!("{w:.1}")} height={(row_h - 8.0).to_string()} class="chart-bar" />
                            <text x={format!("{:.1}", label_w + w + 6.0)} y={(y + row_h * 0.62).to_string()} class="chart-value">{ b.text.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <details class="chart-table">
                <summary>{ lang.pick("数据表", "Data table") }</summary>
                <table>
                    <thead><tr><th scope="col">{ props.columns.0.clone() }</th><th scope="col">{ props.columns.1.clone() }</th></tr></thead>
                    <tbody>{ for props.bars.iter().map(|b| html! { <tr><td>{ b.label.clone() }</td><td>{ b.text.clone() }</td></tr> }) }</tbody>
                </table>
            </details>
        </figure>
    }
}

#[derive(Clone, PartialEq)]
pub struct WeekColumn {
    pub label: String,
    pub fairs: u64,
    pub jobs: u64,
}

#[derive(Properties, PartialEq)]
pub struct WeekChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub desc: AttrValue,
    pub weeks: Vec<WeekColumn>,
    pub fairs_label: AttrValue,
    pub jobs_label: AttrValue,
    pub week_label: AttrValue,
}

/// Fairs (left bar) and jobs offered (right bar) per week, each on its own scale.
#[component]
pub fn WeekChart(props: &WeekChartProps) -> Html {
    let lang = crate::session::use_lang();
    let height = 220.0;
    let top = 20.0;
    let bottom = 36.0;
    let col = 56.0;
    // Never narrower than a few weeks' worth, so that a short period is not blown up.
    let width = ((props.weeks.len().max(1) as f64) * col + 20.0).max(420.0);
    let max_f = props.weeks.iter().map(|w| w.fairs).max().unwrap_or(1).max(1) as f64;
    let max_j = props.weeks.iter().map(|w| w.jobs).max().unwrap_or(1).max(1) as f64;
    let plot = height - top - bottom;
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={title_id.clone()}>{ props.title.clone() }</figcaption>
            <p class="chart-legend"><span class="key fairs"></span>{ props.fairs_label.clone() }<span class="key jobs"></span>{ props.jobs_label.clone() }</p>
            <svg viewBox={format!("0 0 {width} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")} class="chart-svg week">
                <title>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.desc.clone() }</desc>
                <line x1="10" x2={(width - 10.0).to_string()} y1={(height - bottom).to_string()} y2={(height - bottom).to_string()} class="chart-axis" />
                { for props.weeks.iter().enumerate().map(|(i, w)| {
                    let x = 14.0 + i as f64 * col;
                    let hf = w.fairs as f64 / max_f * plot;
                    let hj = w.jobs as f64 / max_j * plot;
                    html! {
                        <g>
                            <rect x={x.to_string()} y={format!("{:.1}", height - bottom - hf)} width="20" height={format!("{hf:.1}")} class="chart-bar fairs" />
                            <rect x={(x + 22.0).to_string()} y={format!("{:.1}", height - bottom - hj)} width="20" height={format!("{hj:.1}")} class="chart-bar jobs" />
                            <text x={(x + 10.0).to_string()} y={format!("{:.1}", height - bottom - hf - 4.0)} text-anchor="middle" class="chart-value">{ w.fairs }</text>
                            <text x={(x + 32.0).to_string()} y={format!("{:.1}", height - bottom - hj - 4.0)} text-anchor="middle" class="chart-value small">{ w.jobs }</text>
                            <text x={(x + 21.0).to_string()} y={(height - bottom + 16.0).to_string()} text-anchor="middle" class="chart-label">{ w.label.clone() }</text>
                        </g>
                    }
                }) }
            </svg>
            <details class="chart-table">
                <summary>{ lang.pick("数据表", "Data table") }</summary>
                <table>
                    <thead><tr><th scope="col">{ props.week_label.clone() }</th><th scope="col">{ props.fairs_label.clone() }</th><th scope="col">{ props.jobs_label.clone() }</th></tr></thead>
                    <tbody>{ for props.weeks.iter().map(|w| html! { <tr><td>{ w.label.clone() }</td><td>{ w.fairs }</td><td>{ w.jobs }</td></tr> }) }</tbody>
                </table>
            </details>
        </figure>
    }
}
