// Through fairlog-server: an enterprise requests a booth while offline, the request reaches the
// organizer's open page live once it is back online, the approval reaches the enterprise live;
// two enterprises rushing for the last booth: one wins, the other is told why.
import { test, expect } from "@playwright/test";
import { ARTIFACTS, asOrganizer, creditCode, inviteAndJoin, localInput, openApp, registerOwn } from "./helpers.mjs";
import { adminLinkFile, serverPort } from "../playwright.config.mjs";

const SERVER = `http://127.0.0.1:${serverPort}/`;
const FAIR = "宝山区先进制造业专场招聘会";

function nav(page, name) {
  return page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name, exact: true });
}

/** A new enterprise account (invited by the organizer's context `org`, csrf `csrf`) registers
 *  its enterprise through the app, then waits until the server confirmed it. */
async function registerSynced(page, enterprise) {
  await registerOwn(page, enterprise);
  await expect(page.locator(".sync-waiting")).toHaveText("已同步");
  // (no undo on the shared log: no buttons that would never enable)
  await expect(page.locator("#undo")).toHaveCount(0);
}

/** The organizer creates a fair and publishes it (then every account receives it). */
async function createFair(page, name) {
  await nav(page, "新建招聘会").click();
  await page.fill("#name", name);
  await page.selectOption("#industry", "Manufacturing");
  await page.selectOption("#district", "Baoshan");
  await page.fill("#place", "宝山区友谊路 1 号");
  await page.fill("#start", localInput(9, 9));
  await page.fill("#end", localInput(9, 16));
  await page.fill("#capacity", "500");
  await page.click("#save");
  await expect(page.locator("#fair-status")).toHaveText("草稿");
  await page.click("#publish");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
}

async function openFairAsEnterprise(page) {
  await nav(page, "预订展位").click();
  await page.getByRole("link", { name: FAIR }).click();
  await expect(page.getByRole("heading", { name: FAIR })).toBeVisible();
}

test.use({ baseURL: SERVER });

test("an offline booth request syncs, the organizer sees it live and approves, the enterprise sees it live", async ({ browser }) => {
  const organizerCtx = await browser.newContext();
  const enterpriseCtx = await browser.newContext();
  const csrf = await asOrganizer(organizerCtx, SERVER, adminLinkFile);
  await inviteAndJoin(organizerCtx, csrf, enterpriseCtx, SERVER, { name: "孙丽" });
  const org = await organizerCtx.newPage();
  const orgProblems = await openApp(org);
  await expect(org.locator(".sync-state")).toHaveText("在线");
  // The first-run card says where the data lives (not "only in this browser").
  await expect(org.locator(".welcome")).toContainText("这台 Fairlog 服务器上还没有数据");
  await org.getByRole("button", { name: "载入演示数据" }).click();
  await expect(org.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  await expect(org.locator(".sync-waiting")).toHaveText("已同步", { timeout: 30_000 });

  // The enterprise's browser starts empty and catches up from the server.
  const ent = await enterpriseCtx.newPage();
  const entProblems = await openApp(ent);
  await expect(ent.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  const first = { name: "上海闵申机电设备有限公司", code: creditCode("91310112MA1GB3K7P"), contact: "孙丽", phone: "138 0213 5566" };
  await registerSynced(ent, first);
  await openFairAsEnterprise(ent);
  await ent.check("#booth-B-02");

  // Offline: decided here at once, queued, shown as waiting.
  await enterpriseCtx.setOffline(true);
  await ent.click("#request-booth");
  await expect(ent.locator("#my-booths-here")).toContainText("B-02 · 待审批");
  await expect(ent.locator(".sync-waiting")).toHaveText("1 条待同步");
  await expect(ent.locator(".sync-state")).toHaveText("离线");
  await ent.screenshot({ path: `${ARTIFACTS}sync-offline-request.png`, fullPage: true });

  // The organizer's page is open on the fair; nothing has arrived yet.
  await nav(org, "招聘会").click();
  await org.getByRole("link", { name: FAIR }).click();
  const row = org.locator("#fair-bookings tbody tr", { hasText: first.name });
  await expect(row).toHaveCount(0);

  // Back online: the request is pushed and reaches the organizer without a reload.
  await enterpriseCtx.setOffline(false);
  await expect(ent.locator(".sync-waiting")).toHaveText("已同步", { timeout: 40_000 });
  await expect(ent.locator(".notice .notice-text")).toHaveText("服务器已确认并保存");
  await expect(row).toContainText("待审批", { timeout: 20_000 });
  await row.getByRole("button", { name: "通过" }).click();
  await expect(row).toContainText("已预订", { timeout: 20_000 });
  await org.screenshot({ path: `${ARTIFACTS}sync-organizer-approved.png`, fullPage: true });

  // The approval reaches the enterprise's open page live.
  await expect(ent.locator("#my-booths-here")).toContainText("B-02 · 已预订", { timeout: 20_000 });
  await ent.screenshot({ path: `${ARTIFACTS}sync-enterprise-approved.png`, fullPage: true });

  // Two more enterprises rush for the last booth of zone A, both queued offline, then released
  // together: the server orders them; one wins, the other is told why on screen.
  const aCtx = await browser.newContext();
  const bCtx = await browser.newContext();
  await inviteAndJoin(organizerCtx, csrf, aCtx, SERVER, { name: "周洋" });
  await inviteAndJoin(organizerCtx, csrf, bCtx, SERVER, { name: "吴静" });
  const a = await aCtx.newPage();
  const b = await bCtx.newPage();
  await openApp(a);
  await openApp(b);
  await registerSynced(a, { name: "上海浦江精密制造有限公司", code: creditCode("91310115MA1HC2D4X"), contact: "周洋", phone: "13912345678" });
  await registerSynced(b, { name: "上海嘉定汽车零部件有限公司", code: creditCode("91310114MA1HD5E6Y"), contact: "吴静", phone: "13987654321" });
  await openFairAsEnterprise(a);
  await openFairAsEnterprise(b);
  const free = a.locator('li.booth input[name="booth"]:not([disabled])').first();
  const boothId = await free.getAttribute("id");
  await a.check(`#${boothId}`);
  await b.check(`#${boothId}`);
  await aCtx.setOffline(true);
  await bCtx.setOffline(true);
  await a.click("#request-booth");
  await b.click("#request-booth");
  await Promise.all([aCtx.setOffline(false), bCtx.setOffline(false)]);
  await expect(a.locator(".sync-waiting")).toHaveText("已同步", { timeout: 40_000 });
  await expect(b.locator(".sync-waiting")).toHaveText("已同步", { timeout: 40_000 });
  const refusedA = await a.locator(".notice.error").count();
  const refusedB = await b.locator(".notice.error").count();
  expect(refusedA + refusedB).toBe(1);
  const loser = refusedA ? a : b;
  await expect(loser.locator(".notice.error")).toContainText("服务器未接受你的操作");
  await expect(loser.locator(".notice.error")).toContainText("被其他企业占用");
  // The refused change stays listed, with what it was and why, until it is read: after a reload too.
  const panel = loser.locator(".refused-changes");
  await expect(panel).toContainText("服务器未接受的更改");
  await expect(panel.locator(".refused-change")).toHaveCount(1);
  await expect(panel.locator(".refused-what")).toContainText(boothId.replace("booth-", ""));
  await expect(panel.locator(".refused-why")).toContainText("被其他企业占用");
  await loser.screenshot({ path: `${ARTIFACTS}sync-rush-loser.png`, fullPage: true });
  await loser.reload();
  await expect(panel.locator(".refused-change")).toHaveCount(1);
  await panel.getByRole("button", { name: "知道了" }).click();
  await expect(panel).toHaveCount(0);
  await expect((refusedA ? b : a).locator(".refused-changes")).toHaveCount(0);

  for (const p of [orgProblems, entProblems]) expect(p.filter((m) => !m.includes("net::ERR_INTERNET_DISCONNECTED"))).toEqual([]);
  await Promise.all([organizerCtx.close(), enterpriseCtx.close(), aCtx.close(), bCtx.close()]);
});

test("one tab syncs: the other hears of the server's events and hands its commands over; it syncs once the first closes", async ({ browser }) => {
  const ctx = await browser.newContext();
  const orgCtx = await browser.newContext();
  const csrf = await asOrganizer(orgCtx, SERVER, adminLinkFile);
  await inviteAndJoin(orgCtx, csrf, ctx, SERVER, { name: "郑敏" });
  const streams = [];
  ctx.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/stream") streams.push(r.frame().page());
  });
  const first = await ctx.newPage();
  await openApp(first);
  await expect(first.locator(".sync-state")).toHaveText("在线");
  const second = await ctx.newPage();
  const problems = await openApp(second);
  // The second tab shows the syncing tab's word on the server, and has no stream of its own.
  await expect(second.locator(".sync-state")).toHaveText("在线");
  await second.waitForTimeout(500);
  expect(streams.filter((p) => p === second)).toEqual([]);
  expect(streams.filter((p) => p === first).length).toBeGreaterThan(0);

  // A command made in the second tab is pushed by the first and confirmed in both.
  const enterprise = { name: "上海松江新能源科技有限公司", code: creditCode("91310117MA1HE7F8X"), contact: "郑敏", phone: "13611112222" };
  await registerOwn(second, enterprise);
  await expect(second.locator(".sync-waiting")).toHaveText("已同步", { timeout: 20_000 });
  await expect(first.locator(".sync-waiting")).toHaveText("已同步");
  await first.goto("#/enterprise/profile");
  await expect(first.locator("#ent-name")).toHaveValue(enterprise.name);

  // Another browser's change reaches both tabs live.
  // (The organizer, in a browser of their own, publishes a fair: public, so every tab gets it.)
  const o = await orgCtx.newPage();
  await openApp(o);
  const name2 = "青浦区物流服务专场招聘会";
  await createFair(o, name2);
  for (const p of [first, second]) {
    await p.goto("#/");
    await expect(p.locator("main")).toContainText(name2, { timeout: 20_000 });
  }

  // The first tab closes: the second takes over the stream and keeps receiving.
  await first.close();
  await expect.poll(() => streams.filter((p) => p === second).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const name3 = "奉贤区美妆产业专场招聘会";
  await createFair(o, name3);
  await second.goto("#/");
  await expect(second.locator("main")).toContainText(name3, { timeout: 20_000 });
  expect(problems).toEqual([]);
  await Promise.all([ctx.close(), orgCtx.close()]);
});

test("the app opens with no network: a service worker keeps the release, the replica keeps the data", async ({ browser }) => {
  const ctx = await browser.newContext();
  await asOrganizer(ctx, SERVER, adminLinkFile);
  const page = await ctx.newPage();
  await openApp(page);
  await expect(page.locator(".sync-state")).toHaveText("在线");
  const rows = await page.locator("#fair-list .vlist-rows .vlist-row").count();
  expect(rows).toBeGreaterThan(0);
  // The worker is active and has this release's files.
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith("fairlog-")));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached.some((p) => p.endsWith("_bg.wasm"))).toBe(true);
  expect(cached.some((p) => p.endsWith("_rest.wasm"))).toBe(true);
  expect(cached.some((p) => p.endsWith(".css"))).toBe(true);
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
  const res = await page.request.get(manifest);
  expect((await res.json()).short_name).toBe("Fairlog");

  await ctx.setOffline(true);
  await page.reload();
  await expect(page.locator(".app-header")).toBeVisible();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(rows);
  await expect(page.locator(".sync-state")).toHaveText("离线");
  // (it has not reached the server since it opened: it does not claim to be synced)
  await expect(page.locator(".sync-waiting")).toHaveText("无待同步更改");
  await page.screenshot({ path: `${ARTIFACTS}sync-offline-open.png`, fullPage: true });
  // The rest of the app came from the worker too: a page the first part does not hold opens.
  await page.locator(".app-header a", { hasText: "历史记录" }).click();
  await expect(page.locator("#history-title")).toBeVisible();

  // Back online, with the server slow to answer the pull: it says it is syncing until the pull
  // has reached the head, and only then that all is synced.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route("**/api/events?*", async (route) => { await held; await route.continue(); });
  await ctx.setOffline(false);
  await page.reload();
  await expect(page.locator(".sync-waiting")).toHaveText("正在同步…");
  await page.screenshot({ path: `${ARTIFACTS}sync-catching-up.png` });
  release();
  await expect(page.locator(".sync-waiting")).toHaveText("已同步");
  await ctx.close();
});
