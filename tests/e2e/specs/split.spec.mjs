// The release wasm in two parts (scripts/split.mjs, web/loader.js): the first page shows from
// the first part alone; a kept season waits for the rest, which is fetched after the first part
// and is loaded at once if something needs it sooner; if it cannot be loaded at all, the page
// says so and nothing is stored.
import { test, expect } from "@playwright/test";
import { existsSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { openApp, storedEvents } from "./helpers.mjs";

const REST = /_rest\.wasm$/;
const cli = () => {
  const found = [process.env.FAIRLOG_CLI_BIN, "../../target/release/fairlog", "../../target/debug/fairlog"].find((c) => c && existsSync(c));
  if (!found) throw new Error("build the CLI first: cargo build -p fairlog-cli");
  return found;
};
// The service worker would answer a reload from its cache, out of the routes' sight.
test.use({ serviceWorkers: "block" });
const said = (page) => {
  const lines = [];
  page.on("console", (m) => lines.push(m.text()));
  return lines;
};

test("the first page shows from the first part alone; the rest arrives after it", async ({ page }) => {
  const held = [];
  await page.route(REST, (route) => held.push(route));
  const lines = said(page);
  await openApp(page);
  await expect(page.locator("script[data-fairlog-rest]")).toHaveCount(1);
  // Given only the first part, when the app opens, then the welcome card is there.
  await expect(page.locator("#load-demo")).toBeVisible();
  await expect(page.locator(".boot-error")).toHaveCount(0);
  // The rest was asked for once the first part ran, and is still held back.
  await expect.poll(() => held.length).toBe(1);
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);
  // When it arrives, then the demo loads without loading anything at once.
  for (const route of held) await route.continue();
  await expect.poll(() => lines.some((l) => l.startsWith("fairlog: the rest of the app ("))).toBe(true);
  await page.click("#load-demo");
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);

  // Given the demo season kept, when the page is opened again with the rest held back, then
  // the loading line shows from the first part alone and the season waits for the rest
  // (web/first-show.txt is not stale: nothing had to be loaded at once); when the rest
  // arrives, the fairs list shows the whole season.
  held.length = 0;
  lines.length = 0;
  await page.reload();
  await expect(page.locator("p.loading")).toBeVisible();
  await expect.poll(() => held.length).toBe(1);
  await page.waitForTimeout(500);
  await expect(page.locator("p.loading")).toBeVisible();
  expect(lines.some((l) => l.startsWith("fairlog: opened"))).toBe(false);
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);
  for (const route of held) await route.continue();
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  expect(lines.find((l) => l.startsWith("fairlog: opened"))).toContain("opened 201 events");
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);
});

test("a click that needs the rest before it arrives loads it at once", async ({ page }) => {
  // The background fetch never answers; a second request for the file (the one made at once) does.
  let asked = 0;
  await page.route(REST, (route) => (asked++ === 0 ? undefined : route.continue()));
  const lines = said(page);
  await openApp(page);
  await expect(page.locator("#load-demo")).toBeVisible();
  await page.click("#load-demo");
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  expect(lines.some((l) => l.includes("was needed before it arrived; loaded at once"))).toBe(true);
  expect(await storedEvents(page)).toBeGreaterThan(100);
});

test("when the rest cannot be loaded, the page says so and nothing is stored", async ({ page }) => {
  await page.route(REST, (route) => route.abort("internetdisconnected"));
  await page.goto("/");
  await expect(page.locator("#load-demo")).toBeVisible();
  await page.click("#load-demo");
  const alert = page.locator(".boot-error");
  await expect(alert).toContainText("Fairlog 无法载入其余部分，请检查网络后刷新页面。");
  await expect(alert).toHaveAttribute("role", "alert");
  await page.screenshot({ path: new URL("../artifacts/split-rest-missing.png", import.meta.url).pathname });
  expect(await storedEvents(page)).toBe(0);
});

test("when the rest cannot be loaded for a kept season, the page says so and the season is kept", async ({ page }) => {
  // Given the demo season kept, when the page is opened again and the rest is refused,
  await openApp(page);
  await page.click("#load-demo");
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  const before = await storedEvents(page);
  await page.route(REST, (route) => route.abort("internetdisconnected"));
  await page.reload();
  // then the banner says so in both languages,
  const alert = page.locator(".boot-error");
  await expect(alert).toContainText("Fairlog 无法载入其余部分，请检查网络后刷新页面。");
  await expect(alert).toContainText("Fairlog could not load the rest of the app");
  // and once the network is back, a reload opens the whole season.
  await page.unroute(REST);
  await page.reload();
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  expect(await storedEvents(page)).toBe(before);
});

test("a kept snapshot waits for the rest from the first part alone, and then opens from it", async ({ page }) => {
  test.setTimeout(180_000);
  // Given a season of 3,000 events imported, past the snapshot threshold, and its snapshot kept,
  const file = join(mkdtempSync(join(tmpdir(), "fairlog-split-")), "season-3k.jsonl");
  execFileSync(cli(), ["generate", "--season", "--events", "3000", "--out", file], { stdio: "ignore" });
  const lines = said(page);
  await openApp(page);
  await page.goto("/#/data");
  await page.setInputFiles("#import-file", file);
  await page.click("#confirm-import");
  await expect(page.locator("#import-done")).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => lines.some((l) => l.includes("snapshot of the state after event")), { timeout: 60_000 }).toBe(true);
  // when the page is opened again with the rest held back,
  const held = [];
  await page.route(REST, (route) => held.push(route));
  lines.length = 0;
  await page.goto("/#/");
  await page.reload();
  // then the loading line shows and the kept snapshot (the loader's early read) waits for the
  // rest without any of it loaded at once (web/first-show.txt covers that path too);
  await expect(page.locator("p.loading")).toBeVisible();
  await expect.poll(() => held.length).toBe(1);
  await page.waitForTimeout(500);
  expect(lines.some((l) => l.startsWith("fairlog: opened"))).toBe(false);
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);
  // and when it arrives, the season opens from the snapshot.
  for (const route of held) await route.continue();
  await expect(page.locator("#fair-list a").first()).toBeVisible();
  expect(lines.find((l) => l.startsWith("fairlog: opened"))).toMatch(/opened \d+ events in \d+ ms \(from the snapshot at event \d+/);
  expect(lines.some((l) => l.includes("was needed before it arrived"))).toBe(false);
});
