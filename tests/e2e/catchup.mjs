// Benchmark (scripts/bench): a new browser opens a fairlog-server that holds a long log and
// catches it up. Prints one JSON line: events, ms to the first screen, ms until every event is
// in the replica's IndexedDB and the indicator says synced, and the bytes the pull and the
// server's snapshot (gzip on the wire, and decoded) carried.
// Usage: FAIRLOG_SIGN_IN=name:password node catchup.mjs <server url> <expected events, 0 for a filtered stream> [runs]
// (the account signed in first, over the API; its replica is `fairlog-shared-<account id>`)
// With FAIRLOG_AS_ENTERPRISE=1 the signed-in organizer invites, each run, a new account of one
// enterprise of the log (the first registered), which the browser signs up with: its filtered
// stream and its audience's snapshot (pass 0 as the expected events).
import { chromium } from "@playwright/test";

const [url, expectedArg, runsArg] = process.argv.slice(2);
const expected = Number(expectedArg);
const runs = Number(runsArg || 3);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
});

const [signName, ...signRest] = (process.env.FAIRLOG_SIGN_IN || "").split(":");
const signPassword = signRest.join(":");

async function stored(page, dbName) {
  return page.evaluate(
    (dbName) =>
      new Promise((resolve) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("events")) return resolve(0);
          // A record's key is the sequence of its last line (records hold batches of lines).
          const req = db.transaction("events").objectStore("events").openKeyCursor(null, "prev");
          req.onsuccess = () => { db.close(); resolve(req.result ? req.result.key : 0); };
          req.onerror = () => { db.close(); resolve(0); };
        };
      }),
    dbName,
  );
}

const results = [];
for (let run = 0; run < runs; run++) {
  const ctx = await browser.newContext({ serviceWorkers: "block" });
  const signed = await ctx.request.post(new URL("api/auth/sign-in", url).href, { data: { name: signName, password: signPassword } });
  if (!signed.ok()) throw new Error(`sign-in: ${signed.status()} ${await signed.text()}`);
  let account = (await signed.json());
  if (process.env.FAIRLOG_AS_ENTERPRISE) {
    const first = await (await ctx.request.get(new URL("api/events?after=0&limit=2000", url).href)).json();
    const subject = first.events.map((l) => l.match(/"EnterpriseRegistered":\{"enterprise_id":"([0-9a-f-]{36})"/)).find((m) => m)[1];
    const name = `bench-enterprise-${Date.now()}-${run}`;
    const inv = await ctx.request.post(new URL("api/invitations", url).href, {
      data: { role: "enterprise", name, subject },
      headers: { "X-Fairlog-Csrf": account.csrf },
    });
    if (!inv.ok()) throw new Error(`invitation: ${inv.status()} ${await inv.text()}`);
    await ctx.request.post(new URL("api/auth/sign-out", url).href, { headers: { "X-Fairlog-Csrf": account.csrf } });
    await ctx.clearCookies();
    const joined = await ctx.request.post(new URL("api/auth/join", url).href, { data: { token: (await inv.json()).token, name, password: "bench-password-1" } });
    if (!joined.ok()) throw new Error(`join: ${joined.status()} ${await joined.text()}`);
    account = await joined.json();
  }
  const dbName = `fairlog-shared-${account.account.id.replaceAll("-", "")}`;
  const page = await ctx.newPage();
  let pulled = 0;
  let where = "";
  page.on("console", (m) => { if (m.text().startsWith("fairlog: caught up")) where = m.text(); });
  let snapshotWire = 0, snapshotBytes = 0;
  page.on("response", async (r) => {
    const path = new URL(r.url()).pathname;
    if (path === "/api/events") {
      try { pulled += (await r.body()).length; } catch {}
    }
    if (path === "/api/snapshot" && r.ok()) {
      // On the wire (gzip) and decoded.
      snapshotWire = Number((await r.allHeaders())["content-length"] || 0);
      try { snapshotBytes = (await r.body()).length; } catch {}
    }
  });
  const t0 = Date.now();
  await page.goto(url);
  await page.locator("header").first().waitFor();
  const firstScreen = Date.now() - t0;
  let n = 0;
  // (expected 0: a filtered stream, whose last line held need not be the log's last event; wait
  // for the app to say it caught up instead)
  while (n < expected || (expected === 0 && !where)) {
    await page.waitForTimeout(200);
    n = await stored(page, dbName);
    if (Date.now() - t0 > 300_000) throw new Error(`only ${n} of ${expected} events after 300 s`);
  }
  await page.locator(".sync-waiting", { hasText: "已同步" }).waitFor();
  const synced = Date.now() - t0;
  const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  results.push({ first_screen_ms: firstScreen, caught_up_ms: synced, pulled_bytes: pulled, snapshot_wire_bytes: snapshotWire, snapshot_bytes: snapshotBytes, js_heap_bytes: heap, where });
  await ctx.close();
}
await browser.close();
const med = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(JSON.stringify({
  events: expected,
  runs,
  first_screen_ms: med("first_screen_ms"),
  caught_up_ms: med("caught_up_ms"),
  caught_up_all_ms: results.map((r) => r.caught_up_ms),
  pulled_bytes: med("pulled_bytes"),
  snapshot_wire_bytes: med("snapshot_wire_bytes"),
  snapshot_bytes: med("snapshot_bytes"),
  js_heap_bytes: med("js_heap_bytes"),
  where: results.map((r) => r.where.replace("fairlog: ", "")),
}));
