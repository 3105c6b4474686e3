// Issue 16, item 7: the long lists at city size. A generated season is imported; the enterprise
// list (重点企业), the fair list and the dashboard's drill-downs (enterprises, posts) hold only a
// window of rows in the page, a search finds an
// enterprise far down the list, scrolling and Tab reveal later rows. The times to render and to
// filter are measured in the page (performance.now) and written to artifacts/lists-*.json.
// The default run imports the seed-scale season divided by 4 (6,400 enterprises); with
// FAIRLOG_E2E_BIG=1 the whole seed-scale season (25,600 enterprises, 1,140 fairs), and the
// screenshots of the dashboard and the enterprise list are taken at that size.
import { test, expect } from "@playwright/test";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, openApp } from "./helpers.mjs";

const big = process.env.FAIRLOG_E2E_BIG === "1";
const size = big ? "seed" : "quarter";

function cli() {
  const candidates = [process.env.FAIRLOG_CLI_BIN, "../../target/release/fairlog", "../../target/server/fairlog", "../../target/debug/fairlog"];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error("build the CLI first: cargo build -p fairlog-cli [--release]");
  return found;
}

/** The season to import, and its figures as the CLI computes them. */
function season() {
  const file = process.env.FAIRLOG_LISTS_LOG ?? join(mkdtempSync(join(tmpdir(), "fairlog-lists-")), `${size}.jsonl`);
  if (!existsSync(file)) {
    const args = ["generate", "--seed-scale", "--out", file, ...(big ? [] : ["--divide-by", "4"])];
    execFileSync(cli(), args, { stdio: "ignore" });
  }
  const figures = JSON.parse(execFileSync(cli(), ["figures", file], { encoding: "utf8", maxBuffer: 64 * 2 ** 20 }));
  return { file, figures };
}

/** Wait, in the page, until `selector` exists; resolves with the milliseconds since `t0`. */
const until = (page, selector, t0) =>
  page.evaluate(
    ([selector, t0]) =>
      new Promise((resolve) => {
        const done = () => resolve(performance.now() - t0);
        if (document.querySelector(selector)) return done();
        const o = new MutationObserver(() => {
          if (document.querySelector(selector)) {
            o.disconnect();
            done();
          }
        });
        o.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    [selector, t0],
  );

const rowsInPage = (page, list) => page.locator(`${list} .vlist-rows .vlist-row`).count();

/** Type `text` into the search box in one input event; the milliseconds until the list's first
 * row is that enterprise (DOM updated) and until the next frame after it. */
const timedSearch = (page, text, name) =>
  page.evaluate(
    ([text, name]) =>
      new Promise((resolve) => {
        const input = document.querySelector("#ent-search");
        const first = () => document.querySelector("#enterprise-list .vlist-rows .vlist-row .ent-name");
        const t0 = performance.now();
        const o = new MutationObserver(() => {
          if (first()?.textContent === name && document.querySelectorAll("#enterprise-list .vlist-rows .vlist-row").length <= 3) {
            o.disconnect();
            const dom = performance.now() - t0;
            requestAnimationFrame(() => resolve({ dom_ms: dom, frame_ms: performance.now() - t0 }));
          }
        });
        o.observe(document.querySelector("#enterprise-list"), { subtree: true, childList: true, characterData: true });
        input.value = text;
        input.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }),
    [text, name],
  );

test("the enterprise and fair lists hold a window of rows; search finds a far row; scrolling and Tab reveal later rows", async ({ page }) => {
  test.setTimeout(big ? 900_000 : 300_000);
  const { file, figures } = season();
  const enterprises = figures.enterprises;
  await openApp(page);
  await page.goto("/#/data");
  await page.setInputFiles("#import-file", file);
  await page.click("#confirm-import");
  await expect(page.locator("#import-done")).toBeVisible({ timeout: 800_000 });

  // The dashboard at this size.
  await page.goto("/#/dashboard");
  await expect(page.locator("h1")).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${ARTIFACTS}lists-${size}-dashboard.png` });

  // Its drill-downs hold a window of rows too: every enterprise, every post behind the jobs.
  const drillTotal = async () => Number(await page.locator("#drill [role=table]").getAttribute("aria-rowcount")) - 1;
  let t = await page.evaluate(() => { const t = performance.now(); document.querySelector("#fig-enterprises").click(); return t; });
  const drill_enterprises_ms = await until(page, "#drill .vlist-rows .vlist-row", t);
  expect(await drillTotal()).toBe(enterprises);
  expect(await rowsInPage(page, "#drill")).toBeLessThan(60);
  t = await page.evaluate(() => { const t = performance.now(); document.querySelector("#fig-jobs").click(); return t; });
  await expect(page.locator("#drill h2")).toContainText("提供岗位");
  const drill_posts_ms = await until(page, "#drill .drill-posts .vlist-rows .vlist-row", t);
  const posts = await drillTotal();
  expect(posts).toBeGreaterThan(1000);
  expect(await rowsInPage(page, "#drill")).toBeLessThan(60);
  await page.locator("#drill .vlist-viewport").evaluate((v) => (v.scrollTop = v.scrollHeight));
  await expect(page.locator(`#drill .vlist-row[aria-rowindex="${posts + 1}"]`)).toBeVisible();
  await page.locator("#drill").screenshot({ path: `${ARTIFACTS}lists-${size}-drill-posts.png` });
  // (the view stays where it was scrolled to while the page lives on: no re-render resets it)
  await page.waitForTimeout(3_500);
  await expect(page.locator(`#drill .vlist-row[aria-rowindex="${posts + 1}"]`)).toBeInViewport();
  expect(await page.locator("#drill .vlist-viewport").evaluate((v) => v.scrollTop)).toBeGreaterThan(0);

  // The enterprise list: the first render, timed from the route change.
  await page.goto("/#/");
  await expect(page.locator("#fair-list")).toBeVisible({ timeout: 60_000 });
  const t0 = await page.evaluate(() => {
    const t = performance.now();
    location.hash = "#/key-enterprises";
    return t;
  });
  const render_ms = await until(page, "#enterprise-list .vlist-rows .vlist-row", t0);
  const count = page.locator("#enterprise-list .vlist-count");
  await expect(count).toHaveText(`共 ${enterprises} 家企业`);
  await expect(page.locator("#enterprise-list [role=table]")).toHaveAttribute("aria-rowcount", String(enterprises + 1));
  const shown = await rowsInPage(page, "#enterprise-list");
  expect(shown).toBeGreaterThan(5);
  expect(shown).toBeLessThan(60);
  await page.screenshot({ path: `${ARTIFACTS}lists-${size}-enterprises.png` });

  // Scrolling to the end renders the last rows (and only a window of them).
  const viewport = page.locator("#enterprise-list .vlist-viewport");
  await viewport.evaluate((v) => (v.scrollTop = v.scrollHeight));
  const lastRow = page.locator(`#enterprise-list .vlist-row[aria-rowindex="${enterprises + 1}"]`);
  await expect(lastRow).toBeVisible();
  expect(await rowsInPage(page, "#enterprise-list")).toBeLessThan(60);
  await expect(page.locator('#enterprise-list .vlist-row[aria-rowindex="2"]')).toHaveCount(0);
  const farName = await lastRow.locator(".ent-name").textContent();
  await page.screenshot({ path: `${ARTIFACTS}lists-${size}-enterprises-end.png` });

  // A search for that far name (typed at once), timed: the list starts again from the top.
  const search = await timedSearch(page, farName, farName);
  await expect(page.locator("#enterprise-list .vlist-rows .vlist-row").first()).toContainText(farName);
  await expect(count).toContainText("符合条件");
  // A one-character search (a wide match), timed as well.
  const wide = await page.evaluate(() => {
    const input = document.querySelector("#ent-search");
    const t0 = performance.now();
    input.value = "上";
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });
  await page.locator("#clear-ent-filters").click();
  await expect(count).toHaveText(`共 ${enterprises} 家企业`);
  await page.screenshot({ path: `${ARTIFACTS}lists-${size}-enterprises-searched.png` });

  // Tab walks past the rows in view: the list scrolls to keep the focused control visible.
  await page.locator("#enterprise-list .vlist-row .key-select").first().focus();
  for (let i = 0; i < 80; i++) await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => {
    const v = document.querySelector("#enterprise-list .vlist-viewport");
    const a = document.activeElement;
    const row = a?.closest(".vlist-row");
    const r = a.getBoundingClientRect();
    const box = v.getBoundingClientRect();
    return {
      inList: !!row && v.contains(a),
      rowIndex: Number(row?.getAttribute("aria-rowindex") ?? 0),
      scrollTop: v.scrollTop,
      visible: r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
    };
  });
  expect(focus.inList).toBe(true);
  expect(focus.rowIndex).toBeGreaterThan(20);
  expect(focus.scrollTop).toBeGreaterThan(0);
  expect(focus.visible).toBe(true);

  // The fair list: a window of rows too.
  await page.goto("/#/");
  await expect(page.locator("#fairs-count")).toContainText(String(figures.fairs_held).slice(0, 1));
  const fairsShown = await rowsInPage(page, "#fair-list");
  expect(fairsShown).toBeGreaterThan(5);
  expect(fairsShown).toBeLessThan(60);
  await page.locator("#fair-list .vlist-viewport").evaluate((v) => (v.scrollTop = v.scrollHeight));
  await expect(page.locator("#fair-list .vlist-row").last()).toBeVisible();
  const fairTotal = Number(await page.locator("#fair-list [role=table]").getAttribute("aria-rowcount")) - 1;
  await expect(page.locator(`#fair-list .vlist-row[aria-rowindex="${fairTotal + 1}"]`)).toBeVisible();

  const out = { size, enterprises, fairs: fairTotal, rows_in_page: shown, render_ms, search_far: search, search_one_char_frame_ms: wide, drill_enterprises_ms, drill_posts: posts, drill_posts_ms };
  console.log(`lists figures: ${JSON.stringify(out)}`);
  writeFileSync(`${ARTIFACTS}lists-${size}.json`, JSON.stringify(out, null, 2));
});
