// A new organizer browser starts from the server's snapshot (GET /api/snapshot) and the lines
// after it, not the whole log; it reopens from that snapshot; the history page reads the
// earlier events from the server; a snapshot this version cannot read makes the replica catch up
// from the server again, and the outbox is kept. A new enterprise browser does the same from its
// own filtered snapshot.
import { test, expect } from "@playwright/test";
import { ARTIFACTS, asOrganizer, inviteAndJoin, openApp, storedRecords } from "./helpers.mjs";
import { snapshotLinkFile, snapshotPort } from "../playwright.config.mjs";

const SERVER = `http://127.0.0.1:${snapshotPort}/`;
test.use({ baseURL: SERVER });

/** The replica's database name for the signed-in account of `ctx`. */
async function replicaName(ctx) {
  const me = await (await ctx.request.get(`${SERVER}api/auth/me`)).json();
  return `fairlog-shared-${me.account.id.replaceAll("-", "")}`;
}

/** The sequences of the lines a replica stores (records hold batches of lines). */
async function storedSeqs(page, db) {
  return (await storedRecords(page, db)).flatMap(([, v]) => v.split("\n").map((l) => JSON.parse(l).seq));
}

function collect(page) {
  const lines = [];
  page.on("console", (m) => lines.push(m.text()));
  return lines;
}

test("a new organizer browser starts from the server's snapshot, reopens from it, and reads the earlier events for the history", async ({ browser }) => {
  const ctx = await browser.newContext();
  await asOrganizer(ctx, SERVER, snapshotLinkFile);
  const head = (await (await ctx.request.get(`${SERVER}api/health`)).json()).last_seq;
  expect(head).toBeGreaterThanOrEqual(2500);
  const db = await replicaName(ctx);

  const page = await ctx.newPage();
  const said = collect(page);
  const pulls = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname === "/api/events") pulls.push(new URL(r.url()).search); });
  const problems = await openApp(page);
  await expect(page.locator(".sync-waiting")).toHaveText("已同步", { timeout: 30_000 });
  // It started from the snapshot at the head, and pulled from there, never from the start.
  await expect.poll(() => said.find((l) => l.startsWith("fairlog: caught up")) ?? "").toContain(`from the server's snapshot at event ${head}`);
  expect(pulls.some((q) => q.startsWith("?after=0"))).toBe(false);
  // The replica holds the snapshot's line and nothing before it (and what the open page has
  // decided since, such as expired holds).
  expect((await storedSeqs(page, db))[0]).toBe(head);
  await expect(page.locator("#fair-list .vlist-rows .vlist-row").first()).toBeVisible();

  // Reopening starts from the kept snapshot.
  said.length = 0;
  await page.reload();
  await expect(page.locator(".app-header")).toBeVisible();
  await expect.poll(() => said.find((l) => l.startsWith("fairlog: opened")) ?? "").toContain(`from the snapshot at event ${head}`);

  // The history needs the earlier events: read from the server, all of them.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "历史记录", exact: true }).click();
  // (The organizer's open page may have decided a few commands since, such as expired holds.)
  const now = (await (await ctx.request.get(`${SERVER}api/health`)).json()).last_seq;
  await expect(page.locator("#history-count")).toContainText(` / ${now} `, { timeout: 30_000 });
  expect(pulls.some((q) => q.startsWith("?after=0"))).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
});

test("a server snapshot this version cannot read: the replica catches up from the server again, the outbox kept", async ({ browser }) => {
  const ctx = await browser.newContext();
  await asOrganizer(ctx, SERVER, snapshotLinkFile);
  const head = (await (await ctx.request.get(`${SERVER}api/health`)).json()).last_seq;
  const db = await replicaName(ctx);
  const page = await ctx.newPage();
  const said = collect(page);
  await openApp(page);
  await expect(page.locator(".sync-waiting")).toHaveText("已同步", { timeout: 30_000 });

  // Given an outbox that has given out numbers (key 0 keeps the last one) and the kept snapshot
  // overwritten with the bytes of another build (the header's fingerprint changed)
  await page.evaluate(
    ([name]) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          const conn = req.result;
          const tx = conn.transaction(["snapshots", "outbox"], "readwrite");
          const snaps = tx.objectStore("snapshots");
          const get = snaps.get(0);
          get.onsuccess = () => {
            if (!get.result) return reject(new Error("the replica keeps no snapshot"));
            const bytes = new Uint8Array(get.result);
            bytes[12] ^= 0xff; // inside the build fingerprint
            snaps.put(bytes, 0);
          };
          tx.objectStore("outbox").put(41, 0);
          tx.oncomplete = () => { conn.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
        req.onerror = () => reject(req.error);
      }),
    [db],
  );
  said.length = 0;
  await page.reload();
  await expect(page.locator(".app-header")).toBeVisible();
  // Then it says so, starts again from the server's snapshot, and the outbox record is still there
  await expect.poll(() => said.join("\n")).toContain("catching up from the server again");
  // (the server keeps its snapshot until the log has grown by 1,000 events: the one the first
  // test started from, or a newer one)
  await expect.poll(() => said.find((l) => l.startsWith("fairlog: caught up")) ?? "", { timeout: 30_000 }).toMatch(/from the server's snapshot at event \d+/);
  const at = Number(said.find((l) => l.startsWith("fairlog: caught up")).match(/snapshot at event (\d+)/)[1]);
  expect(at).toBeGreaterThanOrEqual(2500);
  const seqs = await storedSeqs(page, db);
  expect(seqs[0]).toBe(at);
  expect(seqs.at(-1)).toBe(head);
  const outbox = await page.evaluate(
    ([name]) =>
      new Promise((resolve) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          const g = req.result.transaction("outbox").objectStore("outbox").get(0);
          g.onsuccess = () => { req.result.close(); resolve(g.result ?? null); };
        };
      }),
    [db],
  );
  expect(outbox).toBe(41);
  await ctx.close();
});

/** Every line `ctx`'s account may read, pulled page by page as its browser would. */
async function pullAll(ctx) {
  const lines = [];
  let [after, hash] = [0, ""];
  for (;;) {
    const q = hash ? `after=${after}&hash=${hash}` : `after=${after}`;
    const page = await (await ctx.request.get(`${SERVER}api/events?${q}`)).json();
    lines.push(...page.events);
    [after, hash] = page.scanned !== undefined && page.scanned !== null ? [page.scanned, page.scanned_hash] : [after + page.events.length, ""];
    if (!page.more) return lines;
  }
}

test("a new enterprise browser starts from its own filtered snapshot, reopens from it, and reads its earlier events for the history", async ({ browser }) => {
  // Given an enterprise of the season with an account
  const orgCtx = await browser.newContext();
  const csrf = await asOrganizer(orgCtx, SERVER, snapshotLinkFile);
  const first = await (await orgCtx.request.get(`${SERVER}api/events?after=0&limit=500`)).json();
  const enterprise = first.events.map((l) => l.match(/"EnterpriseRegistered":\{"enterprise_id":"([0-9a-f-]{36})"/)).find((m) => m)[1];
  const ctx = await browser.newContext();
  await inviteAndJoin(orgCtx, csrf, ctx, SERVER, { name: "快照企业联系人", subject: enterprise });
  const db = await replicaName(ctx);

  // When its browser opens the app for the first time
  const page = await ctx.newPage();
  const said = collect(page);
  const pulls = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname === "/api/events") pulls.push(new URL(r.url()).search); });
  const problems = await openApp(page);
  await expect(page.locator(".sync-waiting")).toHaveText("已同步", { timeout: 30_000 });
  // Then it started from its snapshot and pulled from there, never from the start
  await expect.poll(() => said.find((l) => l.startsWith("fairlog: caught up")) ?? "").toMatch(/from the server's snapshot at event \d+/);
  const at = Number(said.find((l) => l.startsWith("fairlog: caught up")).match(/snapshot at event (\d+)/)[1]);
  expect(at).toBeGreaterThan(2000);
  expect(pulls.some((q) => q.startsWith("?after=0"))).toBe(false);
  expect((await storedSeqs(page, db))[0]).toBe(at);
  await expect(page.locator("#fair-list .vlist-rows .vlist-row").first()).toBeVisible();

  // When it reopens, it starts from the kept snapshot
  said.length = 0;
  await page.reload();
  await expect(page.locator(".app-header")).toBeVisible();
  await expect.poll(() => said.find((l) => l.startsWith("fairlog: opened")) ?? "").toContain(`from the snapshot at event ${at}`);

  // When it opens the history, the earlier lines of its stream come from the server: it shows
  // every line the account may read, as many as a pull of its whole stream gives
  const all = await pullAll(ctx);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "历史记录", exact: true }).click();
  await expect(page.locator("#history-count")).toContainText(` / ${all.length} `, { timeout: 30_000 });
  expect(pulls.some((q) => q.startsWith("?after=0"))).toBe(true);
  // (its stream, not the whole log: other enterprises' registrations come redacted)
  expect(all.filter((l) => l.includes('"EnterpriseRegistered"') && l.includes('"redacted":"')).length).toBeGreaterThan(10);
  await page.screenshot({ path: `${ARTIFACTS}snapshot-enterprise-history.png` });
  expect(problems).toEqual([]);
  await Promise.all([ctx.close(), orgCtx.close()]);
});
