// Benchmark (scripts/bench): a browser that holds a long log opens the app again. First a new
// browser catches up from the server (as catchup.mjs), waits for the app to keep its snapshot,
// then reloads `runs` times. Prints one JSON line: events, caught_up_ms, the open time the app
// reports (snapshot and events after it read, checked and applied) and the time until the page
// shows, each reload's way of opening, and the renderer's JS heap.
// Usage: FAIRLOG_SIGN_IN=name:password [REPLAY=1] node reopen.mjs <server url> <expected events> [runs]
// REPLAY=1 deletes the kept snapshot before each reload: the replay fallback's figure. A log
// shorter than the app's SNAPSHOT_FROM has no snapshot (the demo): it replays anyway.
import { chromium } from "@playwright/test";

const [url, expectedArg, runsArg] = process.argv.slice(2);
const expected = Number(expectedArg);
const runs = Number(runsArg || 3);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--enable-precise-memory-info"],
});
const [signName, ...signRest] = (process.env.FAIRLOG_SIGN_IN || "").split(":");
const ctx = await browser.newContext({ serviceWorkers: "block" });
const signed = await ctx.request.post(new URL("api/auth/sign-in", url).href, { data: { name: signName, password: signRest.join(":") } });
if (!signed.ok()) throw new Error(`sign-in: ${signed.status()} ${await signed.text()}`);
const page = await ctx.newPage();
const messages = [];
page.on("console", (m) => { if (m.text().startsWith("fairlog:")) messages.push(m.text()); });
const waitFor = async (test, what, ms = 300_000) => {
  const t0 = Date.now();
  for (;;) {
    const hit = messages.find(test);
    if (hit) return hit;
    if (Date.now() - t0 > ms) throw new Error(`no ${what} after ${ms} ms: ${messages.join(" | ")}`);
    await page.waitForTimeout(100);
  }
};
const t0 = Date.now();
await page.goto(url);
await waitFor((m) => m.startsWith("fairlog: caught up") || (m.startsWith("fairlog: opened") && expected === 0), "catch-up");
await page.locator(".sync-waiting", { hasText: "已同步" }).waitFor({ timeout: 300_000 });
const caughtUp = Date.now() - t0;
const kept = await waitFor((m) => m.includes("snapshot of the state"), "snapshot", 15_000).catch(() => "none");
const dropSnapshot = (name) =>
  page.evaluate(
    (name) =>
      new Promise((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const tx = open.result.transaction("snapshots", "readwrite");
          tx.objectStore("snapshots").delete(0);
          tx.oncomplete = () => { open.result.close(); resolve(); };
        };
      }),
    name,
  );
const dbName = `fairlog-shared-${(await signed.json()).account.id.replaceAll("-", "")}`;
const heap = () => page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
const reloads = [];
for (let i = 0; i < runs; i++) {
  messages.length = 0;
  if (process.env.REPLAY) await dropSnapshot(dbName);
  const r0 = Date.now();
  await page.reload();
  const opened = await waitFor((m) => m.startsWith("fairlog: opened"), "open");
  await page.locator("main h1, main h2").first().waitFor();
  const shown = Date.now() - r0;
  const ms = Number(opened.match(/in (\d+) ms/)[1]);
  reloads.push({ open_ms: ms, shown_ms: shown, how: opened.replace(/^fairlog: /, ""), js_heap_bytes: await heap() });
}
await browser.close();
const med = (k) => reloads.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(reloads.length / 2)];
console.log(JSON.stringify({
  events: expected,
  caught_up_ms: caughtUp,
  snapshot: kept.replace(/^fairlog: /, ""),
  open_ms: med("open_ms"),
  shown_ms: med("shown_ms"),
  js_heap_bytes: med("js_heap_bytes"),
  reloads,
}));
