use fairlog_domain::enterprise_views::{enterprise_posts, jobs_offered_by};
use fairlog_domain::ids::PostId;
use fairlog_domain::place::District;
use fairlog_domain::post::{Education, Experience, PostCategory, PostCommand, PostStatus};
use fairlog_domain::Intent;
use yew::prelude::*;
use yew_router::prelude::*;

use super::enterprise_common::{every_problem, not_acting, Problems};
use crate::app::Route;
use crate::components::{input_value, Field};
use crate::enterprise_forms::PostForm;
use crate::enterprise_texts::{category, education, experience, post_status, ET};
use crate::hooks::use_command;
use crate::i18n::{fill, T};
use crate::session::{use_current_enterprise, use_prefs};
use crate::store::use_app;

/// The enterprise's posts with headcount, salary, requirements and fairs; open posts can be
/// edited, marked filled or withdrawn. "Jobs offered" is the sum of open headcounts.
#[component]
pub fn MyPostsPage() -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let current = use_current_enterprise();
    let Some(me) = current else {
        return html! { <section><h1>{ ET::MyPostsTitle.get(lang) }</h1>{ not_acting(lang, &prefs.session) }</section> };
    };
    let send = |intent: Intent| {
        let command = command.clone();
        Callback::from(move |_: MouseEvent| command.run(intent.clone(), |_| {}))
    };
    let (error, busy) = (command.problem_text(), command.busy());
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let posts = enterprise_posts(state, me);
    let writable = app.writable();
    let name = state.enterprises.get(&me).map(|e| e.profile.name.clone()).unwrap_or_default();
    html! {
        <section aria-labelledby="posts-title">
            <div class="page-head">
                <h1 id="posts-title">{ ET::MyPostsTitle.get(lang) }</h1>
                <span class="muted">{ name }{ " · " }<span id="jobs-offered">{ fill(ET::JobsOfferedN.get(lang), &[("n", jobs_offered_by(state, me).to_string())]) }</span></span>
                if writable { <Link<Route> to={Route::NewPost} classes="button" >{ ET::NewPost.get(lang) }</Link<Route>> }
            </div>
            if let Some(e) = &error { <p class="banner danger" role="alert" id="action-error">{ e.clone() }</p> }
            if posts.is_empty() {
                <p class="empty">{ ET::NoPostsYet.get(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="posts" id="my-posts">
                    <thead><tr>
                        <th scope="col">{ ET::ColTitle.get(lang) }</th>
                        <th scope="col">{ ET::ColHeadcount.get(lang) }</th>
                        <th scope="col">{ ET::ColSalary.get(lang) }</th>
                        <th scope="col">{ ET::ColRequirements.get(lang) }</th>
                        <th scope="col">{ ET::ColFairs.get(lang) }</th>
                        <th scope="col">{ ET::ColPostStatus.get(lang) }</th>
                        <th scope="col">{ ET::ColActions.get(lang) }</th>
                    </tr></thead>
                    <tbody>
                    { for posts.iter().map(|p| {
                        let d = &p.details;
                        let fairs: Vec<String> = d.fairs.iter().filter_map(|f| state.fairs.get(f)).map(|f| f.details.name.clone()).collect();
                        let open = p.status == PostStatus::Open;
                        html! {
                            <tr key={p.id.to_string()}>
                                <td>{ d.title.clone() }<br/><small class="muted">{ category(lang, d.category) }{ " · " }{ lang.pick(d.district.zh(), d.district.en()) }</small></td>
                                <td class="num">{ d.headcount }</td>
                                <td class="nowrap">{ format!("{}–{}", d.salary_min, d.salary_max) }</td>
                                <td>{ education(lang, d.education) }{ " · " }{ experience(lang, d.experience) }</td>
                                <td>{ for fairs.iter().map(|f| html! { <div>{ f.clone() }</div> }) }</td>
                                <td><span class={classes!("badge", if open { "published" } else { "closed" })}>{ post_status(lang, p.status) }</span></td>
                                <td class="actions-cell">
                                    if open && writable {
                                        <Link<Route> to={Route::EditPost { id: p.id.to_string() }} classes="button small secondary">{ T::Edit.get(lang) }</Link<Route>>
                                        <button type="button" class="small secondary" disabled={busy} onclick={send(PostCommand::FillPost { post_id: p.id }.into())}>{ ET::MarkFilled.get(lang) }</button>
                                        <button type="button" class="small danger" disabled={busy} onclick={send(PostCommand::WithdrawPost { post_id: p.id }.into())}>{ ET::Withdraw.get(lang) }</button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PostFormProps {
    /// The post to edit; `None` for a new one.
    pub id: Option<String>,
}

/// Add or edit a post. A headcount or salary that is not a whole number is caught here; zero,
/// an impossible range and every other rule are the domain's, shown beside the field.
#[component]
pub fn PostFormPage(props: &PostFormProps) -> Html {
    let app = use_app();
    let prefs = use_prefs();
    let lang = prefs.lang;
    let command = use_command();
    let navigator = use_navigator();
    let current = use_current_enterprise();
    let editing = props.id.as_ref().and_then(|id| {
        let id: PostId = id.parse().ok()?;
        app.view().posts.get(&id).filter(|p| Some(p.enterprise_id) == current).cloned()
    });
    let form = use_state(|| {
        editing.as_ref().map(|p| PostForm::from_details(&p.details)).unwrap_or_else(|| {
            let district = current
                .and_then(|id| app.view().enterprises.get(&id).map(|e| e.profile.district))
                .unwrap_or(District::Huangpu);
            PostForm { district: district.key().into(), ..PostForm::default() }
        })
    });
    let problems = use_state(Problems::default);
    let Some(me) = current else {
        return html! { <section class="form-page"><h1>{ ET::NewPost.get(lang) }</h1>{ not_acting(lang, &prefs.session) }</section> };
    };
    if props.id.is_some() && editing.is_none() {
        return html! { <p class="empty">{ ET::NoPostsYet.get(lang) }</p> };
    }

    let type_in = |apply: fn(&mut PostForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let set = |apply: fn(&mut PostForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut f = (*form).clone();
            apply(&mut f, input_value(&e));
            form.set(f);
        })
    };
    let toggle_fair = |fair: fairlog_domain::ids::FairId| {
        let form = form.clone();
        Callback::from(move |_: Event| {
            let mut f = (*form).clone();
            if !f.fairs.remove(&fair) {
                f.fairs.insert(fair);
            }
            form.set(f);
        })
    };

    let onsubmit = {
        let (form, problems, command) = (form.clone(), problems.clone(), command.clone());
        let target = editing.as_ref().map(|p| p.id);
        let new_id = PostId(uuid::Uuid::new_v4());
        let intent_for = move |details: &fairlog_domain::post::PostDetails| -> Intent {
            let details = details.clone();
            match target {
                Some(post_id) => PostCommand::EditPost { post_id, details }.into(),
                None => PostCommand::OpenPost { post_id: new_id, enterprise_id: me, details }.into(),
            }
        };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if command.busy() {
                return;
            }
            // Every problem at once: values that are not numbers, and each rule the domain names.
            let (probe, format) = form.probe();
            let found = every_problem(
                lang,
                &command.commander().store.engine(),
                command.actor(),
                probe,
                format,
                intent_for,
                |d, field| {
                    match field {
                        "title" => d.title = "—".into(),
                        "headcount" => d.headcount = 1,
                        "salary" => (d.salary_min, d.salary_max) = (1, 1),
                        "fairs" => d.fairs.clear(),
                        _ => return false,
                    }
                    true
                },
            );
            if !found.is_empty() {
                problems.set(found);
                return;
            }
            let Ok(details) = form.to_details() else { return };
            let intent = intent_for(&details);
            let (problems, navigator) = (problems.clone(), navigator.clone());
            command.run(intent, move |r| match r {
                Ok(_) => {
                    problems.set(Problems::default());
                    if let Some(n) = navigator {
                        n.push(&Route::MyPosts);
                    }
                }
                Err(e) => problems.set(Problems::of(lang, e)),
            });
        })
    };

    let saving = command.busy();
    let view = app.view();
    let state: &fairlog_domain::State = &view;
    let f = (*form).clone();
    // Fairs a post can be offered at: drafts and published ones, plus any it is already at.
    let mut fairs: Vec<_> = state
        .fairs
        .values()
        .filter(|x| fairlog_domain::fair::fair_is_open(&x.status) || f.fairs.contains(&x.id))
        .collect();
    fairs.sort_by_key(|x| (x.details.schedule.map(|s| s.start), x.id));
    let title = if editing.is_some() { ET::EditPostTitle } else { ET::NewPost };
    let writable = app.writable();
    html! {
        <section aria-labelledby="form-title" class="form-page">
            <h1 id="form-title">{ title.get(lang) }</h1>
            if let Some(msg) = &problems.form { <p class="banner danger" role="alert" id="form-error">{ msg.clone() }</p> }
            <form class="fair-form" {onsubmit} novalidate=true>
                <Field id="post-title" label={ET::FieldTitle.get(lang)} required=true error={problems.at("title")}>
                    <input id="post-title" type="text" value={f.title.clone()} oninput={type_in(|f, v| f.title = v)} aria-invalid={problems.invalid("title")} />
                </Field>
                <div class="row">
                    <Field id="post-category" label={ET::FieldCategory.get(lang)}>
                        <select id="post-category" onchange={set(|f, v| f.category = v)}>
                            { for PostCategory::ALL.iter().map(|c| html! { <option value={c.key()} selected={f.category == c.key()}>{ category(lang, *c) }</option> }) }
                        </select>
                    </Field>
                    <Field id="headcount" label={ET::FieldHeadcount.get(lang)} required=true error={problems.at("headcount")}>
                        <input id="headcount" type="number" min="1" step="1" inputmode="numeric" value={f.headcount.clone()}
                            oninput={type_in(|f, v| f.headcount = v)} aria-invalid={problems.invalid("headcount")} />
                    </Field>
                    <Field id="post-district" label={ET::FieldWorkDistrict.get(lang)}>
                        <select id="post-district" onchange={set(|f, v| f.district = v)}>
                            { for District::ALL.iter().map(|d| html! { <option value={d.key()} selected={f.district == d.key()}>{ lang.pick(d.zh(), d.en()) }</option> }) }
                        </select>
                    </Field>
                </div>
                <div class={classes!("row", problems.at("salary").is_some().then_some("has-error"))}>
                    <Field id="salary-min" label={ET::FieldSalaryMin.get(lang)} required=true>
                        <input id="salary-min" type="number" min="1" step="100" inputmode="numeric" value={f.salary_min.clone()}
                            oninput={type_in(|f, v| f.salary_min = v)} aria-invalid={problems.invalid("salary")} aria-describedby="salary-error" />
                    </Field>
                    <Field id="salary" label={ET::FieldSalaryMax.get(lang)} required=true error={problems.at("salary")}>
                        <input id="salary" type="number" min="1" step="100" inputmode="numeric" value={f.salary_max.clone()}
                            oninput={type_in(|f, v| f.salary_max = v)} aria-invalid={problems.invalid("salary")} />
                    </Field>
                </div>
                <div class="row">
                    <Field id="education" label={ET::FieldEducation.get(lang)}>
                        <select id="education" onchange={set(|f, v| f.education = v)}>
                            { for Education::ALL.iter().map(|x| html! { <option value={x.key()} selected={f.education == x.key()}>{ education(lang, *x) }</option> }) }
                        </select>
                    </Field>
                    <Field id="experience" label={ET::FieldExperience.get(lang)}>
                        <select id="experience" onchange={set(|f, v| f.experience = v)}>
                            { for Experience::ALL.iter().map(|x| html! { <option value={x.key()} selected={f.experience == x.key()}>{ experience(lang, *x) }</option> }) }
                        </select>
                    </Field>
                </div>
                <fieldset class={classes!("fairs-choice", problems.at("fairs").is_some().then_some("has-error"))}>
                    <legend>{ ET::FieldFairs.get(lang) }</legend>
                    <small class="hint">{ ET::HintFairs.get(lang) }</small>
                    if fairs.is_empty() { <p class="muted">{ ET::NoOpenFairs.get(lang) }</p> }
                    { for fairs.iter().map(|x| {
                        let id = format!("fair-{}", x.id);
                        html! {
                            <div class="check" key={x.id.to_string()}>
                                <input type="checkbox" id={id.clone()} checked={f.fairs.contains(&x.id)} onchange={toggle_fair(x.id)} />
                                <label for={id}>{ x.details.name.clone() }</label>
                            </div>
                        }
                    }) }
                    if let Some(e) = problems.at("fairs") { <p class="field-error" role="alert" data-field="fairs">{ e }</p> }
                </fieldset>
                <div class="actions">
                    <button type="submit" id="save-post" disabled={saving || !writable}>{ if saving { T::Saving.get(lang) } else { T::Save.get(lang) } }</button>
                    <Link<Route> to={Route::MyPosts} classes="button secondary">{ T::Cancel.get(lang) }</Link<Route>>
                </div>
            </form>
        </section>
    }
}
