// Benchmark (scripts/bench, issue 16 item 8): the release app at the seeds' scale in one Chromium
// run, local-only (served statically, the log in IndexedDB `fairlog`). Writes a JSON of figures:
// streamed import, keeping the snapshot, reopening from it and by replay (the fallback), a
// demo-sized log's reopening in the same run, the JS baseline reducer over the same stored
// records, export, the dashboard, one command, the enterprise list's filter, and memory (the
// renderer's resident set from /proc, and the JS heap).
// Usage: node seed-bench.mjs <seed-scale.jsonl> <out.json> [runs]
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const [logFile, outFile, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const here = dirname(fileURLToPath(import.meta.url));
const port = 41000 + Math.floor(Math.random() * 8000);
const base = `http://127.0.0.1:${port}/`;
// DIST=dir: another build (for example FAIRLOG_SPLIT=off, for a comparison in one module).
const server = spawn("node", [join(here, "serve.mjs"), process.env.DIST ?? join(here, "../../dist"), String(port)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const header = JSON.parse(readFileSync(logFile, "utf8").slice(0, 400).split("\n")[0]);
const events = header.count;

/** The largest resident set of a Chromium renderer process now, in MiB (from /proc). */
function rendererMiB() {
  let max = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer")) continue;
      const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (rss) max = Math.max(max, Number(rss[1]) / 1024);
    } catch {}
  }
  return Math.round(max);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => [Math.min(...xs), Math.max(...xs)];

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--enable-precise-memory-info"],
});

/** A page whose console lines starting "fairlog:" are kept, and a way to wait for one. */
async function watched(ctx) {
  const page = await ctx.newPage();
  const said = [];
  page.on("console", (m) => { if (m.text().startsWith("fairlog:")) said.push(m.text()); });
  const waitFor = async (test, what, ms = 600_000) => {
    const t0 = Date.now();
    for (;;) {
      const hit = said.find(test);
      if (hit) return hit;
      if (Date.now() - t0 > ms) throw new Error(`no ${what} after ${ms} ms: ${said.join(" | ")}`);
      await page.waitForTimeout(50);
    }
  };
  return { page, said, waitFor };
}

/** Reload `n` times: the app's own open time, the time until the page shows, how it opened. */
async function reopen(w, n, before = async () => {}) {
  const out = [];
  for (let i = 0; i < n; i++) {
    await before();
    w.said.length = 0;
    const t0 = Date.now();
    await w.page.reload();
    const opened = await w.waitFor((m) => m.startsWith("fairlog: opened"), "open");
    await w.page.locator("main h1, main h2").first().waitFor({ timeout: 120_000 });
    const wasm = opened.match(/wasm memory (\d+) MiB/);
    const shown = Date.now() - t0;
    // A split build: whether the rest of the app had arrived, or was loaded at once, by then.
    const rest = w.said.find((m) => m.includes("the rest of the app"));
    out.push({ open_ms: Number(opened.match(/in (\d+) ms/)[1]), shown_ms: shown, how: opened.replace(/^fairlog: /, ""), rest: rest?.replace(/^fairlog: /, "") ?? null, renderer_mib: rendererMiB(), wasm_mib: wasm ? Number(wasm[1]) : null });
  }
  return out;
}

const dropSnapshot = (page) =>
  page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("fairlog");
    open.onsuccess = () => {
      const tx = open.result.transaction("snapshots", "readwrite");
      tx.objectStore("snapshots").delete(0);
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }));

// The plain-JavaScript baseline: read the same stored records, decode, split into lines,
// JSON.parse each, and keep the same entities in Maps (fairs with status and outcome, floor
// plans' booths, enterprises with key marks and commissioners, posts, bookings, waitlists,
// series, hosts, sessions and invitations). No chain, no rules: what a plain reducer does.
const baseline = (page) =>
  page.evaluate(() => new Promise((resolve, reject) => {
    const t0 = performance.now();
    const open = indexedDB.open("fairlog");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction("events").objectStore("events");
      const all = store.getAll();
      all.onsuccess = () => {
        const t1 = performance.now();
        open.result.close();
        const dec = new TextDecoder();
        const m = { series: new Map(), fairs: new Map(), booths: new Map(), enterprises: new Map(), posts: new Map(), bookings: new Map(), waitlist: new Map(), hosts: new Map(), sessions: new Map(), invitations: new Map() };
        let n = 0;
        for (const rec of all.result) {
          const text = rec instanceof Uint8Array ? dec.decode(rec) : String(rec);
          for (const line of text.split("\n")) {
            const env = JSON.parse(line);
            n++;
            const [area, inner] = Object.entries(env.event)[0];
            const [kind, e] = Object.entries(inner)[0];
            switch (`${area}.${kind}`) {
              case "series.SeriesCreated": m.series.set(e.series_id, { name: e.name, kind: e.kind }); break;
              case "fair.FairCreated": m.fairs.set(e.fair_id, { ...e, status: "draft" }); break;
              case "fair.FairPublished": m.fairs.get(e.fair_id).status = "published"; break;
              case "fair.FairClosed": m.fairs.get(e.fair_id).status = "closed"; break;
              case "fair.FairCancelled": m.fairs.get(e.fair_id).status = "cancelled"; break;
              case "fair.FairOutcomeRecorded": m.fairs.get(e.fair_id).outcome = e; break;
              case "floor_plan.BoothAdded": m.booths.set(e.booth_id ?? `${e.fair_id}/${e.label}`, e); break;
              case "enterprise.EnterpriseRegistered": m.enterprises.set(e.enterprise_id, { ...e }); break;
              case "enterprise.KeyEnterpriseMarked": { const x = m.enterprises.get(e.enterprise_id); if (x) x.key = e; break; }
              case "enterprise.CommissionerAssigned": { const x = m.enterprises.get(e.enterprise_id); if (x) x.commissioner = e; break; }
              case "post.PostOpened": m.posts.set(e.post_id, e); break;
              case "booking.BoothRequested": m.bookings.set(e.booking_id, { ...e, status: "requested" }); break;
              case "booking.BookingApproved": { const b = m.bookings.get(e.booking_id); if (b) b.status = "approved"; break; }
              case "booking.BookingRejected": { const b = m.bookings.get(e.booking_id); if (b) b.status = "rejected"; break; }
              case "booking.BookingCancelled": { const b = m.bookings.get(e.booking_id); if (b) b.status = "cancelled"; break; }
              case "booking.WaitlistJoined": m.waitlist.set(e.place_id ?? e.entry_id ?? n, e); break;
              case "booking.WaitlistOffered": case "booking.OfferAccepted": m.bookings.set(e.booking_id ?? n, { ...e, status: kind }); break;
              case "host.HostRegistered": m.hosts.set(e.host_id, e); break;
              case "livestream.SessionPlanned": m.sessions.set(e.session_id, { ...e, status: "planned" }); break;
              case "livestream.SessionScheduled": case "livestream.SessionStarted": case "livestream.SessionEnded": { const s = m.sessions.get(e.session_id); if (s) s.status = kind; break; }
              case "livestream.EnterpriseInvited": m.invitations.set(e.invitation_id ?? n, { ...e, status: "invited" }); break;
              default: break;
            }
          }
        }
        const t2 = performance.now();
        resolve({ events: n, read_ms: t1 - t0, parse_reduce_ms: t2 - t1, total_ms: t2 - t0, fairs: m.fairs.size, enterprises: m.enterprises.size, posts: m.posts.size, bookings: m.bookings.size });
      };
      all.onerror = () => reject(all.error);
    };
  }));

const step = (what) => console.error(`[seed-bench] ${new Date().toISOString().slice(11, 19)} ${what}`);
const figures = { events, file_bytes: statSync(logFile).size, runs, date: new Date().toISOString() };
try {
  // 1. Import, streamed, into an empty store.
  step('import');
  const ctx = await browser.newContext({ serviceWorkers: "block", locale: "zh-CN" });
  let w = await watched(ctx);
  await w.page.goto(base + "#/data");
  await w.page.locator(".app-header").waitFor();
  await w.page.setInputFiles("#import-file", logFile);
  await w.page.locator("#import-plan").waitFor();
  const i0 = Date.now();
  await w.page.click("#confirm-import");
  await w.page.locator("#import-done").waitFor({ timeout: 900_000 });
  figures.import_ms = Date.now() - i0;
  figures.import_ms_per_100k = Math.round((figures.import_ms * 100_000) / events);
  figures.renderer_mib_after_import = rendererMiB();
  // 2. The snapshot the app keeps a few seconds later.
  step('snapshot kept');
  const kept = await w.waitFor((m) => m.includes("snapshot of the state after event"), "snapshot kept", 120_000);
  figures.snapshot_keep_ms = Number(kept.match(/kept in (\d+) ms/)[1]);
  // 3. Reopen from the snapshot, and by replay (snapshot deleted first).
  step('reopen');
  // (on the fairs list: the data page would first read the events before the snapshot)
  await w.page.goto(base + "#/");
  const fromSnapshot = await reopen(w, runs);
  figures.reopen_snapshot_open_ms = med(fromSnapshot.map((r) => r.open_ms));
  figures.reopen_snapshot_open_ms_range = range(fromSnapshot.map((r) => r.open_ms));
  figures.reopen_snapshot_shown_ms = med(fromSnapshot.map((r) => r.shown_ms));
  figures.renderer_mib_after_reopen = Math.max(...fromSnapshot.map((r) => r.renderer_mib));
  figures.wasm_mib_after_reopen = Math.max(...fromSnapshot.map((r) => r.wasm_mib ?? 0));
  figures.js_heap_mib = Math.round((await w.page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 2 ** 20);
  // The same store opened in a new tab (the old one closed): the renderer's memory with only
  // what opening from the snapshot needs.
  step("new tab");
  const fresh = await watched(ctx);
  await w.page.close();
  await new Promise((r) => setTimeout(r, 1000));
  await fresh.page.goto(base + "#/");
  await fresh.waitFor((m) => m.startsWith("fairlog: opened"), "open");
  await fresh.page.locator("main h1, main h2").first().waitFor({ timeout: 120_000 });
  await fresh.page.waitForTimeout(1000);
  figures.renderer_mib_new_tab = rendererMiB();
  figures.js_heap_mib_new_tab = Math.round((await fresh.page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 2 ** 20);
  w = fresh;
  const byReplay = await reopen(w, runs, () => dropSnapshot(w.page));
  figures.reopen_replay_open_ms = med(byReplay.map((r) => r.open_ms));
  figures.reopen_replay_open_ms_range = range(byReplay.map((r) => r.open_ms));
  figures.renderer_mib_after_replay = Math.max(...byReplay.map((r) => r.renderer_mib));
  figures.wasm_mib_after_replay = Math.max(...byReplay.map((r) => r.wasm_mib ?? 0));
  figures.reopens = [...fromSnapshot, ...byReplay].map((r) => r.how);
  figures.reopens_rest = [...fromSnapshot, ...byReplay].map((r) => r.rest);
  // 4. The JS baseline over the same records, in the same page.
  step('JS baseline');
  const js = [];
  for (let i = 0; i < runs; i++) js.push(await baseline(w.page));
  figures.js_baseline = { ...js[0], total_ms: Math.round(med(js.map((r) => r.total_ms))), read_ms: Math.round(med(js.map((r) => r.read_ms))), parse_reduce_ms: Math.round(med(js.map((r) => r.parse_reduce_ms))) };
  figures.wasm_snapshot_vs_js = +(figures.reopen_snapshot_open_ms / figures.js_baseline.total_ms).toFixed(2);
  figures.wasm_replay_vs_js = +(figures.reopen_replay_open_ms / figures.js_baseline.total_ms).toFixed(2);
  // 5. Export (the whole log as a download).
  step('export');
  await w.page.goto(base + "#/data");
  await w.page.locator("#export-log").waitFor();
  const e0 = Date.now();
  const download = w.page.waitForEvent("download", { timeout: 300_000 });
  await w.page.click("#export-log");
  await download;
  figures.export_ms = Date.now() - e0;
  // 6. The dashboard: from the click to the figures shown.
  step('dashboard');
  await w.page.goto(base + "#/");
  await w.page.locator("main h1, main h2").first().waitFor();
  const d0 = Date.now();
  await w.page.getByRole("link", { name: "数据看板" }).click();
  await w.page.locator("#fig-fairs .figure-value").waitFor();
  figures.dashboard_ms = Date.now() - d0;
  figures.dashboard_fairs_held = await w.page.locator("#fig-fairs .figure-value").textContent();
  // SHOTS=dir: screenshots of the dashboard and the enterprise list at this scale.
  if (process.env.SHOTS) await w.page.screenshot({ path: join(process.env.SHOTS, "seed-dashboard.png") });
  // 7. One command: a new fair (create) and its publication, timed by the app (User Timing).
  step('one command');
  await w.page.getByRole("link", { name: "新建招聘会" }).click();
  const day = new Date(Date.now() + 8 * 3600_000 + 9 * 86400_000).toISOString().slice(0, 10);
  await w.page.fill("#name", "基准测试专场招聘会");
  await w.page.selectOption("#industry", "Manufacturing");
  await w.page.selectOption("#district", "Baoshan");
  await w.page.fill("#place", "宝山区友谊路 1 号");
  await w.page.fill("#start", `${day}T09:00`);
  await w.page.fill("#end", `${day}T16:00`);
  await w.page.fill("#capacity", "500");
  await w.page.click("#save");
  await w.page.locator("#fair-status").waitFor();
  await w.page.click("#publish");
  await w.page.locator("#fair-status", { hasText: "已发布" }).waitFor();
  const measures = await w.page.evaluate(() => ({
    decide: performance.getEntriesByName("fairlog:decide").map((e) => e.duration),
    command: performance.getEntriesByName("fairlog:command").map((e) => e.duration),
  }));
  figures.command_decide_ms = measures.decide.map((x) => +x.toFixed(2));
  figures.command_with_indexeddb_ms = measures.command.map((x) => +x.toFixed(2));
  // 8. The enterprise list's search (重点企业): typing a name, until the list shows it.
  step('enterprise filter');
  const l0 = Date.now();
  await w.page.goto(base + "#/key-enterprises");
  const listed = await w.page.locator("#enterprise-list .vlist-rows .vlist-row").first().waitFor({ timeout: 120_000 }).then(() => true, () => false);
  figures.enterprise_list_shown_ms = listed ? Date.now() - l0 : "not shown within 120 s";
  if (listed && process.env.SHOTS) await w.page.screenshot({ path: join(process.env.SHOTS, "seed-enterprises.png") });
  if (listed) {
    // Typed at once (one input event), until the DOM shows the answer and the next frame.
    const typed = (text) =>
      w.page.evaluate((text) => new Promise((resolve) => {
        const input = document.querySelector("#ent-search");
        const list = document.querySelector("#enterprise-list");
        const t0 = performance.now();
        const o = new MutationObserver(() => {
          o.disconnect();
          const dom = performance.now() - t0;
          requestAnimationFrame(() => resolve({ dom_ms: +dom.toFixed(1), frame_ms: +(performance.now() - t0).toFixed(1) }));
        });
        o.observe(list, { subtree: true, childList: true, characterData: true });
        input.value = text;
        input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }), text);
    figures.enterprise_filter_one_char = await typed("上");
    figures.enterprise_filter_no_match = await typed("zzz-no-such-enterprise");
  }
  await ctx.close();

  // 9. A demo-sized log in the same run: load the demo, reopen it.
  step('demo');
  const demoCtx = await browser.newContext({ serviceWorkers: "block", locale: "zh-CN" });
  const d = await watched(demoCtx);
  await d.page.goto(base);
  await d.page.getByRole("button", { name: "载入演示数据" }).click();
  await d.page.locator("#fair-list .vlist-rows .vlist-row").first().waitFor();
  const demo = await reopen(d, runs);
  figures.demo_reopen_open_ms = med(demo.map((r) => r.open_ms));
  figures.demo_reopen_shown_ms = med(demo.map((r) => r.shown_ms));
  figures.reopen_vs_demo_shown = +(figures.reopen_snapshot_shown_ms / figures.demo_reopen_shown_ms).toFixed(2);
  await demoCtx.close();
} finally {
  await browser.close();
  server.kill();
}
writeFileSync(outFile, JSON.stringify(figures, null, 2));
console.log(JSON.stringify(figures));
