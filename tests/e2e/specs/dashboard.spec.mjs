// Public figures: the dashboard shows figures that equal an independent computation over the
// exported log, each drills down to its rows, and CSV downloads open with their BOM and Chinese.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { parse } from "csv-parse/sync";
import { ARTIFACTS, openApp, storedEvents } from "./helpers.mjs";

const checker = new URL("../../tools/figures.py", import.meta.url).pathname;

function independent(file, ...args) {
  return JSON.parse(execFileSync("python3", [checker, file, ...args], { encoding: "utf8" }));
}

function shown(text) {
  return Number(text.replaceAll(",", "").trim());
}

/** Every row of the drill-down's virtualised list, scrolled through: the cells' texts of each
 *  row, in order (only the rows in view are in the page at any time). */
async function drillRows(page) {
  const table = page.locator("#drill [role=table]");
  const total = Number(await table.getAttribute("aria-rowcount")) - 1;
  const seen = new Map();
  const viewport = page.locator("#drill .vlist-viewport");
  for (let step = 0; seen.size < total && step < 10_000; step++) {
    const rows = await page.locator("#drill .vlist-rows .vlist-row").evaluateAll((rs) =>
      rs.map((r) => [Number(r.getAttribute("aria-rowindex")), [...r.querySelectorAll("[role=cell]")].map((c) => c.textContent)]));
    for (const [i, cells] of rows) seen.set(i, cells);
    const moved = await viewport.evaluate((v) => { const before = v.scrollTop; v.scrollTop += v.clientHeight; return v.scrollTop !== before; });
    if (!moved && seen.size < total) await page.waitForTimeout(50);
    else await page.waitForTimeout(30);
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells);
}

test("the dashboard's figures equal an independent computation and drill down to their rows", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);

  await page.getByRole("link", { name: "数据", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.click("#export-log");
  const logFile = await (await download).path();
  const expected = independent(logFile);

  await page.getByRole("link", { name: "数据看板" }).click();
  const value = (id) => page.locator(`#${id} .figure-value`);
  await expect(value("fig-fairs")).toHaveText(String(expected.fairs_held));
  expect(shown(await value("fig-enterprises").textContent())).toBe(expected.enterprises);
  expect(shown(await value("fig-jobs").textContent())).toBe(expected.jobs_offered);
  expect(shown(await value("fig-visitors").textContent())).toBe(expected.visitors);
  expect(shown(await value("fig-hires").textContent())).toBe(expected.hires);
  expect(shown(await value("fig-back").textContent())).toBe(expected.returned_to_work);
  await expect(value("fig-booths")).toContainText(`${expected.booths_booked} / ${expected.booths}`);
  expect(shown(await value("fig-sessions").textContent())).toBe(expected.sessions);
  expect(shown(await value("fig-viewers").textContent())).toBe(expected.session_viewers);
  expect(shown(await value("fig-session-applications").textContent())).toBe(expected.session_applications);
  expect(expected.sessions).toBeGreaterThan(0);

  // Jobs offered drills down to the posts; their headcounts add up to the figure.
  await page.click("#fig-jobs");
  await expect(page.locator("#drill .vlist-count")).toBeVisible();
  const posts = await drillRows(page);
  expect(posts.map((cells) => Number(cells[2])).reduce((a, b) => a + b, 0)).toBe(expected.jobs_offered);
  // Enterprises drill down to one row each, and every row links to its events.
  await page.click("#fig-enterprises");
  await expect(page.locator("#drill .vlist-count")).toHaveText(`共 ${expected.enterprises} 行`);
  expect(new Set((await drillRows(page)).map((cells) => cells[1])).size).toBe(expected.enterprises);
  await page.locator("#drill .events-link").first().click();
  await expect(page.getByRole("heading", { name: "历史记录" })).toBeVisible();
  await expect(page.locator("table.history tbody tr").first()).toBeVisible();

  // A district narrows the figures the same way for both computations.
  await page.getByRole("link", { name: "数据看板" }).click();
  await page.selectOption("#dash-district", "Baoshan");
  const baoshan = independent(logFile, "--district", "Baoshan");
  await expect(value("fig-fairs")).toHaveText(String(baoshan.fairs_held));
  expect(shown(await value("fig-jobs").textContent())).toBe(baoshan.jobs_offered);

  // Charts are SVG with text alternatives.
  await expect(page.locator("#chart-industry svg title")).toHaveText("各行业提供岗位");
  await expect(page.locator("#chart-industry details table tbody tr").first()).toBeAttached();
  await page.selectOption("#dash-district", "");
  await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${ARTIFACTS}dashboard-print.png`, fullPage: true });
  await expect(page.locator(".filters")).toBeHidden();
});

test("a CSV downloads and parses with its BOM and Chinese text intact", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await page.getByRole("link", { name: "数据看板" }).click();
  for (const [button, header, contains] of [
    ["#csv-fairs", "名称", "宝山区先进制造业专场招聘会"],
    ["#csv-posts", "企业", "数控车床操作工"],
    ["#csv-bookings", "招聘会", "上海电气集团股份有限公司"],
    ["#csv-sessions", "直播", "上海公共招聘新平台直播间"],
  ]) {
    const download = page.waitForEvent("download");
    await page.click(button);
    const bytes = readFileSync(await (await download).path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A real CSV parser (quotes, commas and line breaks inside cells), with the BOM kept.
    const rows = parse(bytes.toString("utf8"), { bom: true, relax_column_count: false });
    expect(rows[0][0]).toBe(header);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.some((r) => r.includes(contains)), `${button} has ${contains}`).toBe(true);
    expect(new Set(rows.map((r) => r.length)).size, `${button}: one width`).toBe(1);
  }
});

test("CSV exports say every state in words, as the pages do, and list posts offered at no fair", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  // An enterprise opens a post at no fair.
  await page.selectOption("#role", "enterprise");
  await page.selectOption("#acting-enterprise", { label: "上海电气集团股份有限公司" });
  await page.goto("/#/enterprise/posts/new");
  await page.fill("#post-title", "设备维护工程师");
  await page.fill("#headcount", "2");
  await page.fill("#salary-min", "8000");
  await page.fill("#salary", "12000");
  await page.click("#save-post");
  await expect(page.locator("#my-posts")).toContainText("设备维护工程师");
  await page.selectOption("#role", "organizer");
  await page.getByRole("link", { name: "数据看板" }).click();

  const download = async (button) => {
    const d = page.waitForEvent("download");
    await page.click(button);
    return parse(readFileSync(await (await d).path()).toString("utf8"), { bom: true });
  };
  const column = (rows, header) => rows.slice(1).map((r) => r[rows[0].indexOf(header)]);
  const code = /^[a-z]+(_[a-z]+)*$/; // onsite, published, supply_guarantee, one_year …
  for (const button of ["#csv-fairs", "#csv-posts", "#csv-bookings", "#csv-sessions"]) {
    const rows = await download(button);
    const raw = rows.flat().filter((c) => code.test(c));
    expect(raw, `${button} has no raw codes`).toEqual([]);
  }
  const fairs = await download("#csv-fairs");
  expect(column(fairs, "状态")).toContain("已发布");
  expect(column(fairs, "状态").every((s) => ["已发布", "已结束"].includes(s))).toBe(true);
  expect(column(fairs, "形式")).toContain("线下");
  const posts = await download("#csv-posts");
  expect(column(posts, "岗位")).toContain("设备维护工程师");
  expect(column(posts, "学历")).toContain("学历不限");
  const bookings = await download("#csv-bookings");
  expect(column(bookings, "状态")).toContain("待审批");

  await page.getByRole("button", { name: "English" }).click();
  const en = await download("#csv-fairs");
  expect(column(en, "Status")).toContain("Published");
  expect(column(en, "Mode")).toContain("Onsite");
});

test("a number in a breakdown narrows the dashboard to its fairs; a campaign's dates are a period", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await page.getByRole("link", { name: "数据看板" }).click();
  const value = (id) => page.locator(`#${id} .figure-value`);
  const all = shown(await value("fig-fairs").textContent());

  // By mode: the online fairs.
  const online = page.locator("#by-mode li", { hasText: "线上" }).filter({ hasNotText: "线下" });
  const n = shown(await online.locator(".breakdown-count").textContent());
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(all);
  await online.locator(".breakdown-count").click();
  await expect(page.locator("#dash-mode")).toHaveValue("online");
  await expect(value("fig-fairs")).toHaveText(String(n));
  await expect(page.locator("#drill [role=table]")).toHaveAttribute("aria-rowcount", String(n + 1));
  await expect(page.locator("#drill")).toContainText("线上招聘会");
  await page.click("#clear-filters");
  await expect(value("fig-fairs")).toHaveText(String(all));

  // By industry and by district add up to the fairs held.
  const sum = async (id) =>
    (await page.locator(`#${id} .breakdown-count`).allTextContents()).map(shown).reduce((a, b) => a + b, 0);
  expect(await sum("by-industry")).toBe(all);
  expect(await sum("by-mode")).toBe(all);

  // A campaign: choose the series, then its dates.
  await expect(page.locator("#preset-campaign")).toBeDisabled();
  await page.locator("#by-series li", { hasText: "千企万岗" }).locator(".breakdown-count").click();
  const qiqi = shown(await value("fig-fairs").textContent());
  await expect(page.locator("#preset-campaign")).toBeEnabled();
  await page.click("#preset-campaign");
  await expect(page.locator("#dash-from")).not.toHaveValue("");
  await expect(page.locator("#dash-to")).not.toHaveValue("");
  await expect(value("fig-fairs")).toHaveText(String(qiqi));
  await page.screenshot({ path: `${ARTIFACTS}dashboard-breakdown.png`, fullPage: true });
});

test("an organizer records a fair's results and the dashboard adds them up", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await page.getByRole("link", { name: "春季促进就业专项行动·徐汇区综合招聘会" }).click();
  await expect(page.locator("#outcome-title")).toBeVisible();

  // A figure that is not a number is refused at its field; nothing is written.
  const before = await storedEvents(page);
  await page.fill("#outcome-hires", "-5");
  await page.click("#save-fair-outcome");
  await expect(page.locator("#outcome-hires-error")).toHaveText("请填写 0 或正整数");
  expect(await storedEvents(page)).toBe(before);

  await page.fill("#outcome-visitors", "5200");
  await page.fill("#outcome-applications", "2600");
  await page.fill("#outcome-hires", "610");
  await page.fill("#outcome-back", "150");
  await page.click("#save-fair-outcome");
  await expect(page.locator("#fair-outcome")).toContainText("参会 5200 人");
  expect(await storedEvents(page)).toBe(before + 1);

  await page.reload();
  await expect(page.locator("#fair-outcome")).toContainText("录用 610 人");
  await page.getByRole("link", { name: "数据", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.click("#export-log");
  const expected = independent(await (await download).path());
  await page.getByRole("link", { name: "数据看板" }).click();
  const value = (id) => page.locator(`#${id} .figure-value`);
  expect(shown(await value("fig-visitors").textContent())).toBe(expected.visitors);
  expect(shown(await value("fig-hires").textContent())).toBe(expected.hires);
  expect(expected.hires).toBeGreaterThanOrEqual(610);
});
