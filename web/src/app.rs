//! The app shell: contexts (store, commander, language, session), header, routes.
use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{AppHeader, HoldExpiry, NoticeBar, RefusedChanges, SkipLink, StorageProblem, TimeTravelBanner};
use crate::i18n::{Lang, T};
use crate::pages::{
    BookBoothPage, BoothFairsPage, DashboardPage, DataPage, EnterpriseProfilePage, FairFormPage, FairPage, FairsPage,
    HistoryPage, MyAgendaPage, MyBookingsPage, MyPostsPage, PostFormPage, RegisterEnterprisePage,
};
use crate::pages::{BoothRequestsPage, CommissionerPage, FloorPlanPage, KeyEnterprisesPage, PlanBenchPage, SeriesPage};
use crate::pages::{
    LiveInvitationsPage, LiveSchedulePage, LiveSetupPage, LivestreamPage, SessionFormPage, SessionPage,
    TimelineBenchPage,
};
use crate::session::{initial_lang, remember_lang, Prefs, Session};
use crate::store::{Action, AppModel, Commander, Phase, Store, DB_NAME};

#[derive(Routable, Clone, PartialEq, Debug)]
pub enum Route {
    #[at("/")]
    Fairs,
    #[at("/fairs/new")]
    NewFair,
    #[at("/fairs/:id")]
    Fair { id: String },
    #[at("/fairs/:id/edit")]
    EditFair { id: String },
    #[at("/history")]
    History,
    #[at("/data")]
    Data,
    #[at("/dashboard")]
    Dashboard,
    #[at("/enterprise/register")]
    RegisterEnterprise,
    #[at("/enterprise/profile")]
    EnterpriseProfile,
    #[at("/enterprise/posts")]
    MyPosts,
    #[at("/enterprise/posts/new")]
    NewPost,
    #[at("/enterprise/posts/:id")]
    EditPost { id: String },
    #[at("/enterprise/bookings")]
    MyBookings,
    #[at("/enterprise/agenda")]
    MyAgenda,
    #[at("/booths")]
    BoothFairs,
    #[at("/booths/:id")]
    BookBooth { id: String },
    #[at("/live")]
    Live,
    #[at("/live/new")]
    NewLiveSession,
    #[at("/live/sessions/:id")]
    LiveSession { id: String },
    #[at("/live/sessions/:id/edit")]
    EditLiveSession { id: String },
    #[at("/live/setup")]
    LiveSetup,
    #[at("/live/invitations")]
    LiveInvitations,
    #[at("/live/schedule")]
    LiveSchedule,
    #[at("/live/bench")]
    LiveBench,
    #[at("/fairs/:id/plan")]
    FloorPlan { id: String },
    #[at("/fairs/:id/requests")]
    BoothRequests { id: String },
    #[at("/series")]
    Series,
    #[at("/key-enterprises")]
    KeyEnterprises,
    #[at("/commissioner")]
    Commissioner,
    #[at("/bench/floor-plan")]
    PlanBench,
    #[at("/accounts")]
    Accounts,
    #[at("/join/:token")]
    Join { token: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Fairs => html! { <FairsPage /> },
        Route::NewFair => html! { <FairFormPage id={None::<String>} /> },
        Route::Fair { id } => html! { <FairPage {id} /> },
        Route::EditFair { id } => html! { <FairFormPage id={Some(id)} /> },
        Route::History => html! { <HistoryPage /> },
        Route::Data => html! { <DataPage /> },
        Route::Dashboard => html! { <DashboardPage /> },
        Route::RegisterEnterprise => html! { <RegisterEnterprisePage /> },
        Route::EnterpriseProfile => html! { <EnterpriseProfilePage register=false /> },
        Route::MyPosts => html! { <MyPostsPage /> },
        Route::NewPost => html! { <PostFormPage id={None::<String>} /> },
        Route::EditPost { id } => html! { <PostFormPage id={Some(id)} /> },
        Route::MyBookings => html! { <MyBookingsPage /> },
        Route::MyAgenda => html! { <MyAgendaPage /> },
        Route::BoothFairs => html! { <BoothFairsPage /> },
        Route::BookBooth { id } => html! { <BookBoothPage {id} /> },
        Route::Live => html! { <LivestreamPage /> },
        Route::NewLiveSession => html! { <SessionFormPage id={None::<String>} /> },
        Route::LiveSession { id } => html! { <SessionPage {id} /> },
        Route::EditLiveSession { id } => html! { <SessionFormPage id={Some(id)} /> },
        Route::LiveSetup => html! { <LiveSetupPage /> },
        Route::LiveInvitations => html! { <LiveInvitationsPage /> },
        Route::LiveSchedule => html! { <LiveSchedulePage /> },
        Route::LiveBench => html! { <TimelineBenchPage /> },
        Route::FloorPlan { id } => html! { <FloorPlanPage {id} /> },
        Route::BoothRequests { id } => html! { <BoothRequestsPage {id} /> },
        Route::Series => html! { <SeriesPage /> },
        Route::KeyEnterprises => html! { <KeyEnterprisesPage /> },
        Route::Commissioner => html! { <CommissionerPage /> },
        Route::PlanBench => html! { <PlanBenchPage /> },
        Route::Accounts => html! { <crate::account::AccountsPage /> },
        // Signed in already: an invitation is for somebody else; back to the schedule.
        Route::Join { .. } | Route::NotFound => html! { <Redirect<Route> to={Route::Fairs} /> },
    }
}

/// Server mode with nobody signed in: an invitation link opens the sign-up, anything else the
/// sign-in.
fn switch_signed_out(route: Route) -> Html {
    match route {
        Route::Join { token } => html! { <crate::account::JoinPage {token} /> },
        _ => html! { <crate::account::SignInPage /> },
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// IndexedDB database name (tests use their own).
    #[prop_or_else(|| DB_NAME.to_owned())]
    pub db_name: String,
}

impl Default for AppProps {
    fn default() -> Self {
        AppProps { db_name: DB_NAME.to_owned() }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let store = use_memo(props.db_name.clone(), |name| Store::new(name));
    let model = use_reducer({
        let store = Rc::clone(&store);
        move || AppModel::new(Rc::clone(&store))
    });
    let commander = Commander { store: Rc::clone(&store), dispatch: model.dispatcher() };

    let lang = use_state(initial_lang);
    let session = use_state(Session::initial);
    // Server mode: who is signed in (None until known, and in local-only mode).
    let signed_in = use_state(crate::account::SignedIn::default);
    {
        let lang = *lang;
        use_effect_with(lang, move |lang| remember_lang(*lang));
    }
    let prefs = Prefs {
        lang: *lang,
        session: (*session).clone(),
        set_lang: {
            let lang = lang.clone();
            Callback::from(move |l: Lang| lang.set(l))
        },
        set_session: {
            let session = session.clone();
            Callback::from(move |s: Session| {
                s.remember();
                session.set(s)
            })
        },
    };

    // Load the log once, then listen to other tabs.
    {
        let store = Rc::clone(&store);
        let dispatch = model.dispatcher();
        let (signed_in, session) = (signed_in.clone(), session.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Served by fairlog-server: be a replica of its log (otherwise the local-only app),
                // the replica of the signed-in account's log.
                let server = crate::sync::net::served_by_server().await;
                if server {
                    let Some(account) = crate::account::who_is_signed_in().await else {
                        signed_in.set(crate::account::SignedIn::SignedOut);
                        return;
                    };
                    store.use_server(&account.replica_name(), account.role != fairlog_domain::Role::Organizer);
                    session.set(account.session());
                    signed_in.set(crate::account::SignedIn::As(Rc::new(account)));
                }
                // Another tab replaced the log (this tab read it again), or this tab's connection
                // was closed under it (the page asks for a reload).
                let (reloaded, closed) = (dispatch.clone(), dispatch.clone());
                store.watch(
                    Callback::from(move |phase| reloaded.dispatch(Action::Loaded(phase))),
                    Callback::from(move |()| closed.dispatch(Action::Loaded(Phase::Closed))),
                );
                let blocked = dispatch.clone();
                let phase = store.load_with(move || blocked.dispatch(Action::Loaded(Phase::Blocked))).await;
                if server {
                    store.restore_outbox().await;
                }
                dispatch.dispatch(Action::Loaded(phase));
                if crate::store::import_stream::take_import_cleaned() {
                    dispatch.dispatch(Action::Notice(Some(crate::store::Notice::ImportCleaned)));
                }
                let d = dispatch.clone();
                store.listen(Callback::from(move |n: usize| match n {
                    // Server mode: the syncing tab's news (events, outbox, refusals).
                    0 => d.dispatch(Action::Refresh),
                    _ => d.dispatch(Action::Changed(Some(crate::store::Notice::Synced))),
                }));
                if server {
                    // One tab of the profile syncs; the others hear from it (sync::leader).
                    let d = dispatch.clone();
                    let store: Rc<Store> = Rc::clone(&store);
                    crate::sync::leader::when_leader(move || {
                        crate::sync::runner::start(
                            store,
                            Callback::from(move |notice: Option<crate::store::Notice>| match notice {
                                Some(n) => d.dispatch(Action::Changed(Some(n))),
                                None => d.dispatch(Action::Refresh),
                            }),
                        )
                    });
                }
            });
        });
    }

    crate::hooks::use_snapshot_keeper(&model);

    let first_sync = model.store.sync_status().and_then(|s| s.first_sync);
    let body = match (&model.phase, first_sync) {
        _ if *signed_in == crate::account::SignedIn::SignedOut => {
            html! { <Switch<Route> render={switch_signed_out} /> }
        }
        (Phase::Loading | Phase::Blocked, _) => {
            html! { <p class="loading" role="status">{ T::Loading.get(*lang) }</p> }
        }
        (_, Some((done, total))) => html! { <FirstSync {done} {total} /> },
        _ => html! { <Switch<Route> render={switch} /> },
    };

    html! {
        <ContextProvider<Prefs> context={prefs}>
        <ContextProvider<crate::account::SignedIn> context={(*signed_in).clone()}>
        <ContextProvider<UseReducerHandle<AppModel>> context={model.clone()}>
        <ContextProvider<Commander> context={commander}>
            <HashRouter>
                <SkipLink />
                <crate::components::FocusOnNavigate />
                <AppHeader />
                <StorageProblem />
                <TimeTravelBanner />
                <HoldExpiry />
                <NoticeBar />
                <RefusedChanges />
                <main id="main" tabindex="-1">{ body }</main>
                <footer class="app-footer">{
                    if model.store.is_replica() || *signed_in == crate::account::SignedIn::SignedOut { crate::sync::text::ST::Footer.get(*lang) } else { T::Footer.get(*lang) }
                }</footer>
            </HashRouter>
        </ContextProvider<Commander>>
        </ContextProvider<UseReducerHandle<AppModel>>>
        </ContextProvider<crate::account::SignedIn>>
        </ContextProvider<Prefs>>
    }
}

#[derive(Properties, PartialEq)]
struct FirstSyncProps {
    done: u64,
    total: u64,
}

/// A new browser fetching a long log from the server: how far it is.
#[component]
fn FirstSync(props: &FirstSyncProps) -> Html {
    let lang = crate::session::use_prefs().lang;
    let first = crate::sync::text::ST::FirstSync;
    let text = crate::i18n::fill(
        crate::sync::text::ST::FirstSyncProgress.get(lang),
        &[("done", props.done.to_string()), ("total", props.total.to_string())],
    );
    html! {
        <div class="first-sync loading" role="status">
            <p>{ first.get(lang) }</p>
            <progress max={props.total.to_string()} value={props.done.to_string()} aria-label={first.get(lang)} />
            <p class="muted">{ text }</p>
        </div>
    }
}
