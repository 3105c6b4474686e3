//! A fair's floor plan: the organizer's editor (hall, zones, booths by mouse and keyboard,
//! amenities, blocking, virtual booths), the printable plan, and, for an enterprise, picking a
//! free booth to request.
use std::rc::Rc;

use fairlog_domain::booking::{BookingCommand, BoothState, BoothTarget};
use fairlog_domain::fair::{FairMode, FairStatus};
use fairlog_domain::floor_plan::{Amenities, FloorPlanCommand, NewBooth, Rect};
use fairlog_domain::ids::{BookingId, BoothId, EnterpriseId, FairId, ZoneId};
use fairlog_domain::views::{self, PlanView};
use fairlog_domain::{Intent, Role};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{booth_state_text, Field, FloorPlanView, PlanEdit, PlanLegend, PlanMode, Refusal};
use crate::i18n::{fill, Lang, T};
use crate::organizer_ui::{key_category, send, set_choice, set_text, Problem, OT};
use crate::session::use_prefs;
use crate::store::{use_app, use_commander, Phase};

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
    AddedRow => "已添加 {n} 个展位", "{n} booths added";
    Removed => "已删除展位 {code}", "Booth {code} removed";
    Request => "申请展位 {code}", "Request booth {code}";
    Requested => "已申请展位 {code}，等待组织方审批", "Booth {code} requested; waiting for the organizer";
    PickEnterprise => "以企业身份申请展位前，请在页头选择代表的企业。", "To request a booth, choose the enterprise you act for in the header.";
    PickFree => "选择一个空闲展位即可申请。", "Choose a free booth to request it.";
    PrintTitle => "展位一览", "Booths";
    Size => "尺寸", "Size";
    State => "状态", "State";
    NotANumber => "请输入 0 或正整数", "Enter 0 or a whole number";
    SelectedLive => "已选中展位 {code}，位置 ({x}, {y})，{w}×{h} 米，{state}", "Booth {code} selected, at ({x}, {y}), {w}×{h} m, {state}";
}
}

#[derive(Properties, PartialEq)]
pub struct FloorPlanPageProps {
    pub id: String,
}

const SIZES: [(u16, u16); 5] = [(3, 3), (3, 6), (6, 3), (6, 6), (2, 2)];

fn letter(i: usize) -> String {
    char::from(b'A' + (i % 26) as u8).to_string()
}

fn num(s: &str) -> Option<u16> {
    s.trim().parse().ok()
}

#[component]
pub fn FloorPlanPage(props: &FloorPlanPageProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let commander = use_commander();

    let selected = use_state(|| None::<BoothId>);
    let pending = use_state(|| None::<(BoothId, Rect)>);
    let refusal = use_state(|| None::<Refusal>);
    let live = use_state(String::new);
    let hall_w = use_state(String::new);
    let hall_d = use_state(String::new);
    let hall_problem = use_state(|| None::<Problem>);
    let zone_name = use_state(String::new);
    let zone_problem = use_state(|| None::<Problem>);
    let tool_zone = use_state(String::new);
    let prefix = use_state(String::new);
    let size = use_state(|| "3x3".to_string());
    let form_code = use_state(String::new);
    let form_x = use_state(|| "0".to_string());
    let form_y = use_state(|| "0".to_string());
    let form_problem = use_state(|| None::<Problem>);
    let row_count = use_state(|| "10".to_string());
    let row_x = use_state(|| "1".to_string());
    let row_y = use_state(|| "1".to_string());
    let row_problem = use_state(|| None::<Problem>);
    let block_reason = use_state(String::new);
    let booth_problem = use_state(|| None::<Problem>);
    let virtual_count = use_state(String::new);
    let virtual_problem = use_state(|| None::<Problem>);

    let fair_id: Option<FairId> = props.id.parse().ok();
    let plan: Rc<PlanView> = {
        let app = app.clone();
        (*use_memo((fair_id, app.revision), move |(id, _)| {
            Rc::new(id.map(|id| views::floor_plan(app.store.engine().state(), id)).unwrap_or_default())
        }))
        .clone()
    };

    let engine = app.store.engine();
    let state = engine.state();
    let Some(fair) = fair_id.and_then(|id| state.fairs.get(&id)) else {
        return html! { <p class="empty">{ T::FairNotFound.get(lang) }</p> };
    };
    let fair_id = fair.id;
    let open = matches!(fair.status, FairStatus::Draft | FairStatus::Published);
    let organizer = prefs.session.role == Role::Organizer;
    let writable = app.phase == Phase::Ready;
    let can_edit = organizer && open && writable;
    let physical = fair.details.mode.is_physical();
    let has_virtual = fair.details.mode != FairMode::Onsite;
    let actor = prefs.session.actor();

    // The tool's zone: the chosen one, or the first.
    let zone: Option<(usize, ZoneId)> = plan
        .zones
        .iter()
        .enumerate()
        .find(|(_, z)| z.id.to_string() == *tool_zone)
        .or_else(|| plan.zones.iter().enumerate().next())
        .map(|(i, z)| (i, z.id));
    // The prefix the zone's booths already use (C-01 → "C-"), else a letter per zone.
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
        prefix.trim().to_uppercase()
    };
    let next_code = views::next_booth_code(state.floor_plans.get(&fair_id), &the_prefix);
    let (bw, bh) = SIZES.iter().copied().find(|(w, h)| format!("{w}x{h}") == *size).unwrap_or((3, 3));
    let new_amenities = Amenities { power: true, table: bw * bh <= 9, screen: bw * bh > 9 };

    // --- Edits from the plan (mouse and keyboard): one domain command each.
    let on_edit = {
        let commander = commander.clone();
        let actor = actor.clone();
        let plan = plan.clone();
        let (pending, refusal, live) = (pending.clone(), refusal.clone(), live.clone());
        let next_code = next_code.clone();
        let selected = selected.clone();
        Callback::from(move |edit: PlanEdit| {
            let booth = |id: BoothId| plan.booth(id).cloned();
            let (intent, at, ok_text): (Intent, Rect, String) = match edit {
                PlanEdit::AtEdge { .. } => {
                    live.set(crate::components::FpT::EdgeOfHall.get(lang).into());
                    return;
                }
                PlanEdit::Move { booth: id, x, y } => {
                    let Some(b) = booth(id) else { return };
                    let to = Rect { x, y, ..b.rect };
                    pending.set(Some((id, to)));
                    let text =
                        fill(PT::Moved.get(lang), &[("code", b.code), ("x", x.to_string()), ("y", y.to_string())]);
                    (FloorPlanCommand::MoveBooth { booth_id: id, x, y }.into(), to, text)
                }
                PlanEdit::Resize { booth: id, w, h } => {
                    let Some(b) = booth(id) else { return };
                    let to = Rect { w, h, ..b.rect };
                    pending.set(Some((id, to)));
                    let text =
                        fill(PT::Resized.get(lang), &[("code", b.code), ("w", w.to_string()), ("h", h.to_string())]);
                    (FloorPlanCommand::ResizeBooth { booth_id: id, w, h }.into(), to, text)
                }
                PlanEdit::Add { x, y } => {
                    let booth_id = BoothId(uuid::Uuid::new_v4());
                    let rect = Rect { x, y, w: bw, h: bh };
                    let nb = NewBooth {
                        booth_id,
                        zone_id: zone.map(|(_, z)| z).unwrap_or(ZoneId(uuid::Uuid::nil())),
                        code: next_code.clone(),
                        rect,
                        amenities: new_amenities,
                    };
                    selected.set(Some(booth_id));
                    let text = fill(PT::Added.get(lang), &[("code", next_code.clone())]);
                    (FloorPlanCommand::AddBooth { fair_id, booth: nb }.into(), rect, text)
                }
                PlanEdit::Remove { booth: id } => {
                    let Some(b) = booth(id) else { return };
                    let text = fill(PT::Removed.get(lang), &[("code", b.code)]);
                    (FloorPlanCommand::RemoveBooth { booth_id: id }.into(), b.rect, text)
                }
            };
            let (pending, refusal, live) = (pending.clone(), refusal.clone(), live.clone());
            send(&commander, actor.clone(), vec![intent], move |r| {
                pending.set(None);
                match r {
                    Ok(_) => {
                        refusal.set(None);
                        live.set(ok_text);
                    }
                    Err(e) => {
                        let message = crate::components::ui_error(lang, &e);
                        live.set(message.clone());
                        refusal.set(Some(Refusal { at, message }));
                    }
                }
            });
        })
    };
    let on_select = {
        let selected = selected.clone();
        let refusal = refusal.clone();
        let booth_problem = booth_problem.clone();
        let live = live.clone();
        let plan = plan.clone();
        Callback::from(move |id: Option<BoothId>| {
            selected.set(id);
            refusal.set(None);
            booth_problem.set(None);
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

    // --- Forms.
    let run = {
        let commander = commander.clone();
        let actor = actor.clone();
        let live = live.clone();
        move |intents: Vec<Intent>, problem: UseStateHandle<Option<Problem>>, ok_text: String, after: Callback<()>| {
            let live = live.clone();
            send(&commander, actor.clone(), intents, move |r| match r {
                Ok(_) => {
                    problem.set(None);
                    live.set(ok_text);
                    after.emit(());
                }
                Err(e) => {
                    let p = Problem::of(lang, &e);
                    live.set(p.text.clone());
                    problem.set(Some(p));
                }
            });
        }
    };

    let size_hall = {
        let run = run.clone();
        let (hall_w, hall_d, problem) = (hall_w.clone(), hall_d.clone(), hall_problem.clone());
        let (cur_w, cur_d) = (plan.width, plan.depth);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let w = if hall_w.trim().is_empty() { Some(cur_w) } else { num(&hall_w) };
            let d = if hall_d.trim().is_empty() { Some(cur_d) } else { num(&hall_d) };
            let (Some(width), Some(depth)) = (w, d) else {
                problem.set(Some(Problem { field: Some("hall"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            run(
                vec![FloorPlanCommand::SizeHall { fair_id, width, depth }.into()],
                problem.clone(),
                String::new(),
                Callback::noop(),
            );
        })
    };
    let add_zone = {
        let run = run.clone();
        let (name, problem) = (zone_name.clone(), zone_problem.clone());
        let tool_zone = tool_zone.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let zone_id = ZoneId(uuid::Uuid::new_v4());
            let after = {
                let name = name.clone();
                let tool_zone = tool_zone.clone();
                Callback::from(move |_| {
                    name.set(String::new());
                    tool_zone.set(zone_id.to_string());
                })
            };
            run(
                vec![FloorPlanCommand::AddZone { fair_id, zone_id, name: (*name).clone() }.into()],
                problem.clone(),
                String::new(),
                after,
            );
        })
    };
    let remove_zone = |zone_id: ZoneId| {
        let run = run.clone();
        let problem = zone_problem.clone();
        Callback::from(move |_: MouseEvent| {
            run(
                vec![FloorPlanCommand::RemoveZone { fair_id, zone_id }.into()],
                problem.clone(),
                String::new(),
                Callback::noop(),
            )
        })
    };
    let zone_or_nil = zone.map(|(_, z)| z).unwrap_or(ZoneId(uuid::Uuid::nil()));
    let add_at = {
        let run = run.clone();
        let (code, x, y, problem) = (form_code.clone(), form_x.clone(), form_y.clone(), form_problem.clone());
        let next_code = next_code.clone();
        let selected = selected.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(px), Some(py)) = (num(&x), num(&y)) else {
                problem.set(Some(Problem { field: Some("position"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            let c = if code.trim().is_empty() { next_code.clone() } else { (*code).clone() };
            let booth_id = BoothId(uuid::Uuid::new_v4());
            let nb = NewBooth {
                booth_id,
                zone_id: zone_or_nil,
                code: c.clone(),
                rect: Rect { x: px, y: py, w: bw, h: bh },
                amenities: new_amenities,
            };
            let after = {
                let code = code.clone();
                let selected = selected.clone();
                Callback::from(move |_| {
                    code.set(String::new());
                    selected.set(Some(booth_id));
                })
            };
            run(
                vec![FloorPlanCommand::AddBooth { fair_id, booth: nb }.into()],
                problem.clone(),
                fill(PT::Added.get(lang), &[("code", c.trim().to_uppercase())]),
                after,
            );
        })
    };
    let add_row = {
        let run = run.clone();
        let (count, x, y, problem) = (row_count.clone(), row_x.clone(), row_y.clone(), row_problem.clone());
        let the_prefix = the_prefix.clone();
        let next_code = next_code.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(n), Some(px), Some(py)) = (num(&count), num(&x), num(&y)) else {
                problem.set(Some(Problem { field: Some("position"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            let first: u32 = next_code.trim_start_matches(the_prefix.as_str()).parse().unwrap_or(1);
            let booths: Vec<NewBooth> = (0..n.min(200))
                .map(|i| NewBooth {
                    booth_id: BoothId(uuid::Uuid::new_v4()),
                    zone_id: zone_or_nil,
                    code: format!("{}{:02}", the_prefix, first + i as u32),
                    rect: Rect { x: px.saturating_add(i.saturating_mul(bw)), y: py, w: bw, h: bh },
                    amenities: new_amenities,
                })
                .collect();
            run(
                vec![FloorPlanCommand::AddBooths { fair_id, booths }.into()],
                problem.clone(),
                fill(PT::AddedRow.get(lang), &[("n", n.to_string())]),
                Callback::noop(),
            );
        })
    };
    let set_virtual = {
        let run = run.clone();
        let (count, problem) = (virtual_count.clone(), virtual_problem.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(n) = count.trim().parse::<u32>() else {
                problem.set(Some(Problem { field: Some("virtual"), text: PT::NotANumber.get(lang).into() }));
                return;
            };
            run(
                vec![FloorPlanCommand::SetVirtualBooths { fair_id, count: n }.into()],
                problem.clone(),
                String::new(),
                Callback::noop(),
            );
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    // --- The selected booth.
    let sel = (*selected).and_then(|id| plan.booth(id)).cloned();
    let booth_panel = sel.as_ref().map(|b| {
        let amenity = |which: &'static str| {
            let run = run.clone();
            let problem = booth_problem.clone();
            let (id, a) = (b.id, b.amenities);
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                let mut a = a;
                match which {
                    "power" => a.power = on,
                    "table" => a.table = on,
                    _ => a.screen = on,
                }
                run(vec![FloorPlanCommand::SetAmenities { booth_id: id, amenities: a }.into()], problem.clone(), String::new(), Callback::noop());
            })
        };
        let block = {
            let run = run.clone();
            let problem = booth_problem.clone();
            let reason = block_reason.clone();
            let id = b.id;
            Callback::from(move |_: MouseEvent| {
                let after = {
                    let reason = reason.clone();
                    Callback::from(move |_| reason.set(String::new()))
                };
                run(vec![FloorPlanCommand::BlockBooth { booth_id: id, reason: (*reason).clone() }.into()], problem.clone(), String::new(), after)
            })
        };
        let unblock = {
            let run = run.clone();
            let problem = booth_problem.clone();
            let id = b.id;
            Callback::from(move |_: MouseEvent| {
                run(vec![FloorPlanCommand::UnblockBooth { booth_id: id }.into()], problem.clone(), String::new(), Callback::noop())
            })
        };
        let remove = {
            let run = run.clone();
            let problem = booth_problem.clone();
            let selected = selected.clone();
            let (id, code) = (b.id, b.code.clone());
            Callback::from(move |_: MouseEvent| {
                let after = {
                    let selected = selected.clone();
                    Callback::from(move |_| selected.set(None))
                };
                run(vec![FloorPlanCommand::RemoveBooth { booth_id: id }.into()], problem.clone(), fill(PT::Removed.get(lang), &[("code", code.clone())]), after)
            })
        };
        let request = {
            let commander = commander.clone();
            let actor = actor.clone();
            let problem = booth_problem.clone();
            let live = live.clone();
            let (id, code) = (b.id, b.code.clone());
            let subject = prefs.session.subject;
            Callback::from(move |_: MouseEvent| {
                let Some(ent) = subject else { return };
                let intent = BookingCommand::RequestBooth {
                    booking_id: BookingId(uuid::Uuid::new_v4()),
                    fair_id,
                    enterprise_id: EnterpriseId(ent),
                    target: BoothTarget::Booth { booth_id: id },
                }
                .into();
                let (problem, live, code) = (problem.clone(), live.clone(), code.clone());
                send(&commander, actor.clone(), vec![intent], move |r| match r {
                    Ok(_) => {
                        problem.set(None);
                        live.set(fill(PT::Requested.get(lang), &[("code", code)]));
                    }
                    Err(e) => problem.set(Some(Problem::of(lang, &e))),
                });
            })
        };
        let enterprise_actor = prefs.session.role == Role::Enterprise;
        html! {
            <section class="booth-panel" aria-labelledby="booth-panel-title">
                <h2 id="booth-panel-title">{ PT::Selected.get(lang) }{ " " }<span id="selected-code">{ b.code.clone() }</span></h2>
                <dl class="details compact">
                    <dt>{ PT::BoothZone.get(lang) }</dt><dd>{ plan.zone_name(b.zone_id).unwrap_or("—").to_owned() }</dd>
                    <dt>{ PT::Size.get(lang) }</dt><dd>{ format!("{} × {} m", b.rect.w, b.rect.h) }</dd>
                    <dt>{ PT::Position.get(lang) }</dt><dd id="selected-position">{ format!("({}, {})", b.rect.x, b.rect.y) }</dd>
                    <dt>{ PT::State.get(lang) }</dt><dd id="selected-state">{ booth_state_text(lang, b.state) }
                        if let Some(r) = &b.blocked { { format!("（{r}）") } }</dd>
                    if let Some(e) = &b.enterprise {
                        <dt>{ PT::Enterprise.get(lang) }</dt>
                        <dd>{ e.clone() }
                            if let Some(k) = b.key { { " " }<span class="badge key">{ key_category(lang, k) }</span> }
                        </dd>
                    }
                </dl>
                if let Some(p) = &*booth_problem {
                    if p.field != Some("reason") { <p class="banner danger" role="alert" id="booth-error">{ p.text.clone() }</p> }
                }
                if can_edit {
                    <fieldset class="amenities">
                        <legend>{ PT::Amenities.get(lang) }</legend>
                        <label><input type="checkbox" checked={b.amenities.power} onchange={amenity("power")} />{ PT::Power.get(lang) }</label>
                        <label><input type="checkbox" checked={b.amenities.table} onchange={amenity("table")} />{ PT::Table.get(lang) }</label>
                        <label><input type="checkbox" checked={b.amenities.screen} onchange={amenity("screen")} />{ PT::Screen.get(lang) }</label>
                    </fieldset>
                    if b.state == BoothState::Blocked {
                        <div class="actions"><button type="button" class="secondary" onclick={unblock}>{ PT::Unblock.get(lang) }</button></div>
                    } else {
                        <Field id="block-reason" label={PT::BlockReason.get(lang)} error={Problem::at(&booth_problem, "reason")}>
                            <input id="block-reason" type="text" value={(*block_reason).clone()} oninput={set_text(&block_reason)} />
                        </Field>
                        <div class="actions">
                            <button type="button" class="secondary" onclick={block}>{ PT::Block.get(lang) }</button>
                            <button type="button" class="danger" id="remove-booth" onclick={remove}>{ PT::RemoveBooth.get(lang) }</button>
                        </div>
                    }
                } else if enterprise_actor && b.state == BoothState::Free && fair.status == FairStatus::Published && writable {
                    if prefs.session.subject.is_some() {
                        <div class="actions"><button type="button" id="request-booth" onclick={request}>{ fill(PT::Request.get(lang), &[("code", b.code.clone())]) }</button></div>
                    } else {
                        <p class="muted">{ PT::PickEnterprise.get(lang) }</p>
                    }
                }
            </section>
        }
    });

    let waiting = views::approval_queue(state, fair_id, crate::store::now()).len();
    let size_label = |w: u16, h: u16| format!("{w} × {h}");
    let print_rows = plan.by_code();

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
                            <form class="tool-box" onsubmit={size_hall} novalidate=true>
                                <h2>{ PT::Hall.get(lang) }</h2>
                                <div class="row tight">
                                    <Field id="hall-width" label={PT::HallWidth.get(lang)}>
                                        <input id="hall-width" type="number" min="1" inputmode="numeric" placeholder={plan.width.to_string()}
                                            value={(*hall_w).clone()} oninput={set_text(&hall_w)} />
                                    </Field>
                                    <Field id="hall-depth" label={PT::HallDepth.get(lang)}>
                                        <input id="hall-depth" type="number" min="1" inputmode="numeric" placeholder={plan.depth.to_string()}
                                            value={(*hall_d).clone()} oninput={set_text(&hall_d)} />
                                    </Field>
                                </div>
                                if let Some(m) = Problem::at(&hall_problem, "hall").or_else(|| Problem::other(&hall_problem, &["hall"])) {
                                    <p class="field-error" role="alert" data-field="hall">{ m }</p>
                                }
                                <button type="submit" class="secondary" id="set-hall">{ PT::SetHall.get(lang) }</button>
                            </form>
                            <form class="tool-box" onsubmit={add_zone} novalidate=true>
                                <h2>{ PT::Zones.get(lang) }</h2>
                                if plan.zones.is_empty() { <p class="hint">{ PT::NoZones.get(lang) }</p> }
                                <ul class="zone-list">
                                    { for plan.zones.iter().map(|z| html! {
                                        <li key={z.id.to_string()}>{ z.name.clone() }
                                            <button type="button" class="link" onclick={remove_zone(z.id)}
                                                aria-label={format!("{} {}", PT::RemoveZone.get(lang), z.name)}>{ PT::RemoveZone.get(lang) }</button>
                                        </li>
                                    }) }
                                </ul>
                                <Field id="zone-name" label={PT::ZoneName.get(lang)} error={Problem::at(&zone_problem, "zone_name")}>
                                    <input id="zone-name" type="text" value={(*zone_name).clone()} oninput={set_text(&zone_name)} />
                                </Field>
                                if let Some(m) = Problem::other(&zone_problem, &["zone_name"]) { <p class="field-error" role="alert">{ m }</p> }
                                <button type="submit" class="secondary" id="add-zone">{ PT::AddZone.get(lang) }</button>
                            </form>
                            <div class="tool-box">
                                <h2>{ PT::NewBooths.get(lang) }</h2>
                                <div class="row tight">
                                    <Field id="tool-zone" label={PT::BoothZone.get(lang)}>
                                        <select id="tool-zone" onchange={set_choice(&tool_zone)}>
                                            { for plan.zones.iter().map(|z| html! {
                                                <option value={z.id.to_string()} selected={zone.map(|(_, id)| id) == Some(z.id)}>{ z.name.clone() }</option>
                                            }) }
                                        </select>
                                    </Field>
                                    <Field id="tool-prefix" label={PT::CodePrefix.get(lang)}>
                                        <input id="tool-prefix" type="text" maxlength="6" placeholder={the_prefix.clone()} value={(*prefix).clone()} oninput={set_text(&prefix)} />
                                    </Field>
                                    <Field id="tool-size" label={PT::BoothSize.get(lang)}>
                                        <select id="tool-size" onchange={set_choice(&size)}>
                                            { for SIZES.iter().map(|(w, h)| html! {
                                                <option value={format!("{w}x{h}")} selected={*size == format!("{w}x{h}")}>{ size_label(*w, *h) }{ " m" }</option>
                                            }) }
                                        </select>
                                    </Field>
                                </div>
                                <p class="hint" id="plan-help">{ fill(PT::ClickToAdd.get(lang), &[("code", next_code.clone()), ("w", bw.to_string()), ("h", bh.to_string())]) }
                                    { " " }{ PT::KeyboardHelp.get(lang) }</p>
                            </div>
                            <form class="tool-box" onsubmit={add_at} novalidate=true>
                                <h2>{ PT::AddByForm.get(lang) }</h2>
                                <div class="row tight">
                                    <Field id="booth-code" label={PT::Code.get(lang)} error={Problem::at(&form_problem, "code")}>
                                        <input id="booth-code" type="text" maxlength="12" placeholder={next_code.clone()} value={(*form_code).clone()} oninput={set_text(&form_code)} />
                                    </Field>
                                    <Field id="booth-x" label={PT::PosX.get(lang)}>
                                        <input id="booth-x" type="number" min="0" inputmode="numeric" value={(*form_x).clone()} oninput={set_text(&form_x)} />
                                    </Field>
                                    <Field id="booth-y" label={PT::PosY.get(lang)}>
                                        <input id="booth-y" type="number" min="0" inputmode="numeric" value={(*form_y).clone()} oninput={set_text(&form_y)} />
                                    </Field>
                                </div>
                                if let Some(m) = Problem::other(&form_problem, &["code"]) { <p class="field-error" role="alert" data-field="booth-position">{ m }</p> }
                                <button type="submit" class="secondary" id="add-booth">{ PT::AddBooth.get(lang) }</button>
                            </form>
                            <form class="tool-box" onsubmit={add_row} novalidate=true>
                                <h2>{ PT::AddRow.get(lang) }</h2>
                                <div class="row tight">
                                    <Field id="row-count" label={PT::RowCount.get(lang)}>
                                        <input id="row-count" type="number" min="1" max="200" inputmode="numeric" value={(*row_count).clone()} oninput={set_text(&row_count)} />
                                    </Field>
                                    <Field id="row-x" label={PT::PosX.get(lang)}>
                                        <input id="row-x" type="number" min="0" inputmode="numeric" value={(*row_x).clone()} oninput={set_text(&row_x)} />
                                    </Field>
                                    <Field id="row-y" label={PT::PosY.get(lang)}>
                                        <input id="row-y" type="number" min="0" inputmode="numeric" value={(*row_y).clone()} oninput={set_text(&row_y)} />
                                    </Field>
                                </div>
                                if let Some(p) = &*row_problem { <p class="field-error" role="alert" data-field="row">{ p.text.clone() }</p> }
                                <button type="submit" class="secondary" id="add-row">{ PT::AddRowButton.get(lang) }</button>
                            </form>
                        </aside>
                    }
                    <div class="plan-main">
                        <FloorPlanView plan={plan.clone()} mode={if can_edit { PlanMode::Edit } else { PlanMode::View }}
                            selected={*selected} {on_select} {on_edit} pending={*pending} refusal={(*refusal).clone()}
                            new_size={(bw, bh)} describedby={can_edit.then_some(AttrValue::from("plan-help"))} />
                        if let Some(r) = &*refusal { <p class="plan-refusal no-print" role="alert" id="plan-error">{ r.message.clone() }</p> }
                        <PlanLegend />
                        <div class="no-print">{ booth_panel.unwrap_or_else(|| html! { <p class="hint">{ PT::NoneSelected.get(lang) }</p> }) }</div>
                    </div>
                </div>
                <section class="print-only booth-list">
                    <h2>{ PT::PrintTitle.get(lang) }</h2>
                    <table>
                        <thead><tr>
                            <th>{ PT::Code.get(lang) }</th><th>{ PT::BoothZone.get(lang) }</th><th>{ PT::Size.get(lang) }</th>
                            <th>{ PT::State.get(lang) }</th><th>{ PT::Enterprise.get(lang) }</th>
                        </tr></thead>
                        <tbody>
                            { for print_rows.iter().map(|b| html! {
                                <tr key={b.id.to_string()}>
                                    <td>{ b.code.clone() }</td>
                                    <td>{ plan.zone_name(b.zone_id).unwrap_or("").to_owned() }</td>
                                    <td>{ size_label(b.rect.w, b.rect.h) }</td>
                                    <td>{ booth_state_text(lang, b.state) }</td>
                                    <td>{ b.enterprise.clone().unwrap_or_default() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            } else {
                <p class="hint">{ PT::OnlineNoLayout.get(lang) }</p>
            }
            if has_virtual {
                <form class="tool-box virtual-box no-print" onsubmit={set_virtual} novalidate=true>
                    <h2>{ PT::Virtual.get(lang) }</h2>
                    <p id="virtual-summary">{ fill(OT::VirtualSummary.get(lang), &[("taken", plan.virtual_taken.to_string()), ("total", plan.virtual_booths.to_string())]) }</p>
                    if can_edit {
                        <Field id="virtual-count" label={PT::VirtualCount.get(lang)} error={Problem::at(&virtual_problem, "virtual").or_else(|| Problem::other(&virtual_problem, &["virtual"]))}>
                            <input id="virtual-count" type="number" min="0" inputmode="numeric" placeholder={plan.virtual_booths.to_string()}
                                value={(*virtual_count).clone()} oninput={set_text(&virtual_count)} />
                        </Field>
                        <button type="submit" class="secondary" id="set-virtual">{ PT::SetVirtual.get(lang) }</button>
                    }
                </form>
            }
        </article>
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
