//! A fair's floor plan: the organizer's editor (hall, zones, booths by mouse and keyboard,
//! amenities, blocking, virtual booths), the printable plan, and, for an enterprise, picking a
//! free booth to request.
//!
//! The page holds what several parts share (the selection, a move in flight, the last refusal,
//! the new-booth tool and the `aria-live` announcement); each form is its own component.
mod booth_panel;
mod tools;

use std::rc::Rc;

use fairlog_domain::fair::{FairMode, FairStatus};
use fairlog_domain::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use fairlog_domain::ids::{BoothId, FairId, ZoneId};
use fairlog_domain::views::{self, PlanView};
use fairlog_domain::{Intent, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use self::booth_panel::BoothPanel;
use self::tools::{AddBoothForm, AddRowForm, BoothToolBox, HallForm, VirtualBooths, ZoneTools};
use crate::app::Route;
use crate::components::{booth_state_text, ui_error, FloorPlanView, FpT, PlanEdit, PlanLegend, PlanMode, Refusal};
use crate::hooks::{use_command, CommandHandle};
use crate::i18n::{fill, Lang, T};
use crate::organizer_ui::{Problem, OT};
use crate::session::use_prefs;
use crate::store::use_app;

crate::texts! {
pub enum PT {
    Title => "展位图", "Floor plan";
    Hall => "场馆", "Hall";
    HallWidth => "宽（米）", "Width (m)";
    HallDepth => "深（米）", "Depth (m)";
    SetHall => "设置场馆尺寸", "Set hall size";
    Zones => "展区", "Zones";
    ZoneName => "新展区名称", "New zone name";
    AddZone => "添加展区", "Add zone";
    RemoveZone => "删除", "Remove";
    NoZones => "还没有展区。先添加一个展区（例如“先进制造A馆”），再添加展位。", "No zones yet. Add a zone (e.g. \"Manufacturing hall A\") before adding booths.";
    NewBooths => "新展位", "New booths";
    BoothZone => "所在展区", "Zone";
    CodePrefix => "展位号前缀", "Code prefix";
    BoothSize => "尺寸", "Size";
    ClickToAdd => "在场馆空白处单击即可添加展位 {code}（{w}×{h} 米）。拖动展位可移动，拖动选中展位右下角可调整大小。", "Click an empty spot of the hall to add booth {code} ({w}×{h} m). Drag a booth to move it; drag the corner of the selected booth to resize it.";
    KeyboardHelp => "键盘：Tab 选中展位，方向键移动 1 米，Shift+方向键调整大小，Delete 删除。", "Keyboard: Tab to a booth, arrow keys move it by 1 m, Shift+arrows resize it, Delete removes it.";
    AddByForm => "按坐标添加", "Add at a position";
    Code => "展位号", "Booth code";
    PosX => "X（米）", "X (m)";
    PosY => "Y（米）", "Y (m)";
    AddBooth => "添加展位", "Add booth";
    AddRow => "添加一排", "Add a row";
    RowCount => "数量", "How many";
    AddRowButton => "添加一排展位", "Add a row of booths";
    Selected => "选中的展位", "Selected booth";
    NoneSelected => "单击或用 Tab 键选中一个展位，查看和修改详情。", "Click or Tab to a booth to see and change it.";
    Position => "位置", "Position";
    Amenities => "配套设施", "Amenities";
    Power => "电源", "Power";
    Table => "桌椅", "Table";
    Screen => "显示屏", "Screen";
    BlockReason => "不可用原因（例如：消防通道）", "Why it is blocked (e.g. fire exit)";
    Block => "设为不可用", "Block";
    Unblock => "恢复可用", "Unblock";
    RemoveBooth => "删除展位", "Remove booth";
    Enterprise => "企业", "Enterprise";
    Virtual => "虚拟展位", "Virtual booths";
    VirtualCount => "虚拟展位数量", "Number of virtual booths";
    SetVirtual => "保存", "Save";
    OnlineNoLayout => "线上招聘会没有平面图，只有虚拟展位。", "An online fair has no floor plan, only virtual booths.";
    Print => "打印展位图", "Print floor plan";
    BackToFair => "返回招聘会", "Back to the fair";
    ReadOnly => "只读：只有组织方可以修改展位图；已结束或已取消的招聘会不能再修改。", "Read-only: only organizers change floor plans, and not once a fair is closed or cancelled.";
    Moved => "展位 {code} 已移到 ({x}, {y})", "Booth {code} moved to ({x}, {y})";
    Resized => "展位 {code} 已改为 {w}×{h} 米", "Booth {code} is now {w}×{h} m";
    Added => "已添加展位 {code}", "Booth {code} added";
    AddedRow => "已添加 {n} 个展位", "{n} {n|booth|booths} added";
    Removed => "已删除展位 {code}", "Booth {code} removed";
    Request => "申请展位 {code}", "Request booth {code}";
    Requested => "已申请展位 {code}，等待组织方审批", "Booth {code} requested; waiting for the organizer";
    PickEnterprise => "以企业身份申请展位前，请在页头选择代表的企业。", "To request a booth, choose the enterprise you act for in the header.";
    PickFree => "选择一个空闲展位即可申请。", "Choose a free booth to request it.";
    PrintTitle => "展位一览", "Booths";
    Size => "尺寸", "Size";
    State => "状态", "State";
    NotANumber => "请输入 0 或正整数", "Enter 0 or a whole number";
    RowCountRange => "一排可以有 1 到 {max} 个展位", "A row has 1 to {max} booths";
    SelectedLive => "已选中展位 {code}，位置 ({x}, {y})，{w}×{h} 米，{state}", "Booth {code} selected, at ({x}, {y}), {w}×{h} m, {state}";
}
}

/// Booth sizes offered for new booths (w × h metres).
const SIZES: [(u16, u16); 5] = [(3, 3), (3, 6), (6, 3), (6, 6), (2, 2)];

/// What a new booth gets: zone, code, size and amenities (chosen in the tool box; used by a click
/// on the plan and by the forms).
#[derive(Clone, Debug, PartialEq)]
pub struct BoothTool {
    pub zone: ZoneId,
    pub prefix: String,
    pub next_code: String,
    pub size: (u16, u16),
    pub amenities: Amenities,
}

impl BoothTool {
    fn new_booth(&self, code: String, x: u16, y: u16) -> NewBooth {
        NewBooth {
            booth_id: BoothId(uuid::Uuid::new_v4()),
            zone_id: self.zone,
            code,
            rect: Rect { x, y, w: self.size.0, h: self.size.1 },
            amenities: self.amenities,
        }
    }
}

fn letter(i: usize) -> String {
    char::from(b'A' + (i % 26) as u8).to_string()
}

fn num(s: &str) -> Option<u16> {
    s.trim().parse().ok()
}

/// A form's `use_command` handle that also announces the outcome in the plan's live region.
#[derive(Clone)]
struct Sender {
    command: CommandHandle,
    on_live: Callback<String>,
}

impl Sender {
    /// Send commands; on success announce `ok` and call `after`; on a refusal the handle keeps
    /// the problem (the form shows it beside its field) and it is announced.
    fn run(&self, intents: Vec<Intent>, ok: String, after: impl FnOnce() + 'static) {
        let (lang, on_live) = (self.command.lang(), self.on_live.clone());
        self.command.run_all(intents, move |r| match r {
            Ok(_) => {
                if !ok.is_empty() {
                    on_live.emit(ok);
                }
                after();
            }
            Err(e) => on_live.emit(Problem::of(lang, e).text),
        });
    }

    /// The form's problem (the domain's refusal, or one the form found before sending).
    fn problem_handle(&self) -> UseStateHandle<Option<Problem>> {
        self.command.problem_handle()
    }
}

#[hook]
fn use_sender(on_live: &Callback<String>) -> Sender {
    Sender { command: use_command(), on_live: on_live.clone() }
}

#[derive(Properties, PartialEq)]
pub struct FloorPlanPageProps {
    pub id: String,
}

#[component]
pub fn FloorPlanPage(props: &FloorPlanPageProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    // The plan's own edits (drag, keyboard).
    let edit = use_command();

    let selected = use_state(|| None::<BoothId>);
    let pending = use_state(|| None::<(BoothId, Rect)>);
    let refusal = use_state(|| None::<Refusal>);
    let live = use_state(String::new);
    let tool_zone = use_state(String::new);
    let prefix = use_state(String::new);
    let size = use_state(|| "3x3".to_string());

    let fair_id: Option<FairId> = props.id.parse().ok();
    let plan: Rc<PlanView> = {
        let app = app.clone();
        (*use_memo((fair_id, app.revision, app.travel()), move |(id, _, _)| {
            Rc::new(id.map(|id| views::floor_plan(&app.view(), id)).unwrap_or_default())
        }))
        .clone()
    };

    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let Some(fair) = fair_id.and_then(|id| state.fairs.get(&id)) else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let fair_id = fair.id;
    let open = fairlog_domain::fair::fair_is_open(&fair.status);
    let organizer = prefs.session.role == Role::Organizer;
    let writable = app.writable();
    let can_edit = organizer && open && writable;
    let can_request = prefs.session.role == Role::Enterprise && fair.status == FairStatus::Published && writable;
    let physical = fair.details.mode.is_physical();
    let on_live = {
        let live = live.clone();
        Callback::from(move |s: String| live.set(s))
    };

    // The new-booth tool: the chosen zone (else the first), the prefix its booths use (C-01 →
    // "C-", else a letter per zone) unless one is typed, the next free code, the size.
    let zone: Option<(usize, ZoneId)> = plan
        .zones
        .iter()
        .enumerate()
        .find(|(_, z)| z.id.to_string() == *tool_zone)
        .or_else(|| plan.zones.iter().enumerate().next())
        .map(|(i, z)| (i, z.id));
    let zone_prefix = zone.and_then(|(_, z)| {
        plan.booths.iter().find(|b| b.zone_id == z).map(|b| {
            let end = b.code.find(|c: char| c.is_ascii_digit()).unwrap_or(b.code.len());
            b.code[..end].to_owned()
        })
    });
    let the_prefix = if prefix.trim().is_empty() {
        zone_prefix
            .filter(|p| !p.is_empty())
            .or_else(|| zone.map(|(i, _)| format!("{}-", letter(i))))
            .unwrap_or_else(|| "A-".into())
    } else {
        // The app's codes are letter, dash, number: a typed "A" means "A-".
        let typed = prefix.trim().to_uppercase();
        if typed.ends_with(|c: char| c.is_alphabetic()) {
            format!("{typed}-")
        } else {
            typed
        }
    };
    let (bw, bh) = SIZES.iter().copied().find(|(w, h)| format!("{w}x{h}") == *size).unwrap_or((3, 3));
    let tool = BoothTool {
        // No zone yet: the domain refuses the booth (and says so) when it is added.
        zone: zone.map(|(_, z)| z).unwrap_or(ZoneId(uuid::Uuid::nil())),
        next_code: views::next_booth_code(state.floor_plans.get(&fair_id), &the_prefix),
        prefix: the_prefix,
        size: (bw, bh),
        amenities: Amenities { power: true, table: bw * bh <= 9, screen: bw * bh > 9 },
    };

    // Edits from the plan (mouse and keyboard): one domain command each; a refusal is drawn where
    // it happened and announced.
    let on_edit = {
        let edit = edit.clone();
        let plan = plan.clone();
        let (pending, refusal, live, selected) = (pending.clone(), refusal.clone(), live.clone(), selected.clone());
        let tool = tool.clone();
        Callback::from(move |change: PlanEdit| {
            if edit.busy() {
                return;
            }
            let booth = |id: BoothId| plan.booth(id).cloned();
            let (intent, at, ok): (Intent, Rect, String) = match change {
                PlanEdit::AtEdge { .. } => {
                    live.set(FpT::EdgeOfHall.get(lang).into());
                    return;
                }
                PlanEdit::Move { booth: id, x, y } => {
                    let Some(b) = booth(id) else { return };
                    let to = Rect { x, y, ..b.rect };
                    pending.set(Some((id, to)));
                    let ok = fill(PT::Moved.get(lang), &[("code", b.code), ("x", x.to_string()), ("y", y.to_string())]);
                    (FloorPlanCommand::MoveBooth { booth_id: id, x, y }.into(), to, ok)
                }
                PlanEdit::Resize { booth: id, w, h } => {
                    let Some(b) = booth(id) else { return };
                    let to = Rect { w, h, ..b.rect };
                    pending.set(Some((id, to)));
                    let ok =
                        fill(PT::Resized.get(lang), &[("code", b.code), ("w", w.to_string()), ("h", h.to_string())]);
                    (FloorPlanCommand::ResizeBooth { booth_id: id, w, h }.into(), to, ok)
                }
                PlanEdit::Add { x, y } => {
                    let nb = tool.new_booth(tool.next_code.clone(), x, y);
                    selected.set(Some(nb.booth_id));
                    let ok = fill(PT::Added.get(lang), &[("code", tool.next_code.clone())]);
                    let rect = nb.rect;
                    (FloorPlanCommand::AddBooth { fair_id, booth: nb }.into(), rect, ok)
                }
                PlanEdit::Remove { booth: id } => {
                    let Some(b) = booth(id) else { return };
                    let ok = fill(PT::Removed.get(lang), &[("code", b.code)]);
                    (FloorPlanCommand::RemoveBooth { booth_id: id }.into(), b.rect, ok)
                }
            };
            let (pending, refusal, live) = (pending.clone(), refusal.clone(), live.clone());
            edit.run(intent, move |r| {
                pending.set(None);
                match r {
                    Ok(_) => {
                        refusal.set(None);
                        live.set(ok);
                    }
                    Err(e) => {
                        let message = ui_error(lang, e);
                        live.set(message.clone());
                        refusal.set(Some(Refusal { at, message }));
                    }
                }
            });
        })
    };
    let on_select = {
        let (selected, refusal, live) = (selected.clone(), refusal.clone(), live.clone());
        let plan = plan.clone();
        Callback::from(move |id: Option<BoothId>| {
            selected.set(id);
            refusal.set(None);
            if let Some(b) = id.and_then(|id| plan.booth(id)) {
                let r = b.rect;
                live.set(fill(
                    PT::SelectedLive.get(lang),
                    &[
                        ("code", b.code.clone()),
                        ("x", r.x.to_string()),
                        ("y", r.y.to_string()),
                        ("w", r.w.to_string()),
                        ("h", r.h.to_string()),
                        ("state", booth_state_text(lang, b.state).into()),
                    ],
                ));
            }
        })
    };
    let select = {
        let selected = selected.clone();
        Callback::from(move |id: Option<BoothId>| selected.set(id))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    let sel = (*selected).and_then(|id| plan.booth(id)).cloned();
    let waiting = views::approval_queue(state, fair_id, crate::store::now()).len();

    html! {
        <article class="plan-page" aria-labelledby="plan-title">
            <p class="no-print"><Link<Route> to={Route::Fair { id: fair_id.to_string() }}>{ "← " }{ PT::BackToFair.get(lang) }</Link<Route>></p>
            <div class="page-head">
                <h1 id="plan-title">{ PT::Title.get(lang) }{ " · " }{ fair.details.name.clone() }</h1>
                <span class="muted print-only">{ crate::format::schedule(lang, fair.details.schedule.as_ref()) }{ " · " }{ crate::format::venue(lang, &fair.details) }</span>
            </div>
            <div class="actions no-print">
                if physical && !plan.booths.is_empty() {
                    <button type="button" class="secondary" id="print-plan" onclick={print}>{ PT::Print.get(lang) }</button>
                }
                if organizer {
                    <Link<Route> to={Route::BoothRequests { id: fair_id.to_string() }} classes="button secondary">
                        { fill(OT::RequestsLink.get(lang), &[("n", waiting.to_string())]) }
                    </Link<Route>>
                }
            </div>
            if !can_edit && organizer { <p class="banner warn no-print" role="note">{ PT::ReadOnly.get(lang) }</p> }
            if prefs.session.role == Role::Enterprise && fair.status == FairStatus::Published {
                <p class="banner warn no-print" role="note">{ if prefs.session.subject.is_some() { PT::PickFree.get(lang) } else { PT::PickEnterprise.get(lang) } }</p>
            }
            <p class="visually-hidden" role="status" aria-live="polite" id="plan-live">{ (*live).clone() }</p>
            if physical {
                <p class="plan-counts" id="plan-counts">{ plan_summary(lang, &plan) }</p>
                <div class={classes!("plan-layout", (!can_edit).then_some("single"))}>
                    if can_edit {
                        <aside class="plan-tools no-print" aria-label={PT::NewBooths.get(lang)}>
                            <HallForm {fair_id} width={plan.width} depth={plan.depth} on_live={on_live.clone()} />
                            <ZoneTools {fair_id} zones={plan.zones.clone()} on_live={on_live.clone()}
                                on_added={{ let z = tool_zone.clone(); Callback::from(move |id: ZoneId| z.set(id.to_string())) }} />
                            <BoothToolBox tool={tool.clone()} zones={plan.zones.clone()} prefix={(*prefix).clone()}
                                on_zone={{ let z = tool_zone.clone(); Callback::from(move |v: String| z.set(v)) }}
                                on_prefix={{ let p = prefix.clone(); Callback::from(move |v: String| p.set(v)) }}
                                on_size={{ let s = size.clone(); Callback::from(move |v: String| s.set(v)) }} />
                            <AddBoothForm {fair_id} tool={tool.clone()} on_live={on_live.clone()} on_added={select.clone()} />
                            <AddRowForm {fair_id} tool={tool.clone()} on_live={on_live.clone()} />
                        </aside>
                    }
                    <div class="plan-main">
                        <FloorPlanView plan={plan.clone()} mode={if can_edit { PlanMode::Edit } else { PlanMode::View }}
                            selected={*selected} {on_select} {on_edit} pending={*pending} refusal={(*refusal).clone()}
                            new_size={(bw, bh)} describedby={can_edit.then_some(AttrValue::from("plan-help"))} />
                        if let Some(r) = &*refusal { <p class="plan-refusal no-print" role="alert" id="plan-error">{ r.message.clone() }</p> }
                        <PlanLegend />
                        <div class="no-print">
                            if let Some(b) = sel {
                                <BoothPanel key={b.id.to_string()} {fair_id} zone={plan.zone_name(b.zone_id).unwrap_or("—").to_owned()}
                                    booth={b.clone()} {can_edit} {can_request} on_live={on_live.clone()} on_removed={select} />
                            } else {
                                <p class="hint">{ PT::NoneSelected.get(lang) }</p>
                            }
                        </div>
                    </div>
                </div>
                <PrintBoothList plan={plan.clone()} />
            } else {
                <p class="hint">{ PT::OnlineNoLayout.get(lang) }</p>
            }
            if fair.details.mode != FairMode::Onsite {
                <VirtualBooths {fair_id} total={plan.virtual_booths} taken={plan.virtual_taken} {can_edit} on_live={on_live} />
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct PrintProps {
    plan: Rc<PlanView>,
}

/// Every booth with its zone, size, state and enterprise: printed after the plan.
#[component]
fn PrintBoothList(p: &PrintProps) -> Html {
    let lang = crate::session::use_lang();
    let size = |w: u16, h: u16| format!("{w} × {h}");
    html! {
        <section class="print-only booth-list">
            <h2>{ PT::PrintTitle.get(lang) }</h2>
            <table>
                <thead><tr>
                    <th>{ PT::Code.get(lang) }</th><th>{ PT::BoothZone.get(lang) }</th><th>{ PT::Size.get(lang) }</th>
                    <th>{ PT::State.get(lang) }</th><th>{ PT::Enterprise.get(lang) }</th>
                </tr></thead>
                <tbody>
                    { for p.plan.by_code().into_iter().map(|b| html! {
                        <tr key={b.id.to_string()}>
                            <td>{ b.code.clone() }</td>
                            <td>{ p.plan.zone_name(b.zone_id).unwrap_or("").to_owned() }</td>
                            <td>{ size(b.rect.w, b.rect.h) }</td>
                            <td>{ booth_state_text(lang, b.state) }</td>
                            <td>{ b.enterprise.clone().unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// Used by the fair page: a one-line summary of the plan.
pub fn plan_summary(lang: Lang, plan: &PlanView) -> String {
    let c = plan.counts();
    fill(
        OT::BoothSummary.get(lang),
        &[
            ("total", plan.booths.len().to_string()),
            ("free", c.free.to_string()),
            ("requested", (c.requested + c.held).to_string()),
            ("booked", c.booked.to_string()),
            ("blocked", c.blocked.to_string()),
        ],
    )
}
