import { test, expect } from "@playwright/test";
import { ARTIFACTS, localInput, openApp, putRaw, storedEvents } from "./helpers.mjs";

test("an organizer creates a fair, reloads, and finds it again", async ({ page }) => {
  const problems = await openApp(page);
  await expect(page.getByRole("heading", { name: "欢迎使用 Fairlog" })).toBeVisible();
  await page.getByRole("button", { name: "从空白开始" }).click();

  await expect(page.getByRole("heading", { name: "新建招聘会" })).toBeVisible();
  await page.fill("#name", "徐汇区秋季综合招聘会");
  await page.selectOption("#industry", "Manufacturing");
  await page.selectOption("#district", "Xuhui");
  await page.fill("#place", "漕溪北路 1111 号");
  await page.fill("#start", localInput(7, 9));
  await page.fill("#end", localInput(7, 16));
  await page.fill("#capacity", "3000");
  await page.click("#save");

  await expect(page.getByRole("heading", { name: "徐汇区秋季综合招聘会" })).toBeVisible();
  await expect(page.locator("#fair-status")).toHaveText("草稿");
  await page.click("#publish");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  expect(await storedEvents(page)).toBe(2);

  await page.reload();
  await expect(page.getByRole("heading", { name: "徐汇区秋季综合招聘会" })).toBeVisible();
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  await page.getByRole("link", { name: "招聘会", exact: true }).click();
  const row = page.getByRole("row", { name: /徐汇区秋季综合招聘会/ });
  await expect(row).toContainText("徐汇区 · 漕溪北路 1111 号");
  await expect(row).toContainText("已发布");
  await page.screenshot({ path: `${ARTIFACTS}foundation-list.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test("the language switches to English and back, and is remembered", async ({ page }) => {
  await openApp(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Welcome to Fairlog" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle("Fairlog job fair scheduler");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome to Fairlog" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "欢迎使用 Fairlog" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle("Fairlog 招聘会排期");
});

test("in English, plurals, colons and lists follow the language", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("#fairs-count")).toHaveText("6 fairs");
  await page.selectOption("#f-district", "Baoshan");
  await expect(page.locator("#fairs-count")).toHaveText("1 of 6 fairs");
  await page.getByRole("link", { name: "Series", exact: true }).click();
  await expect(page.locator("table.series-list td", { hasText: /^1 fair$/ }).first()).toBeVisible();
  await expect(page.locator("table.series-list td", { hasText: /^2 fairs$/ }).first()).toBeVisible();
  await page.getByRole("link", { name: "Figures", exact: true }).click();
  await expect(page.locator("details.chart-table summary").first()).toHaveText("Data table");
  await page.getByRole("link", { name: "Commissioner", exact: true }).click();
  await expect(page.locator("main")).not.toContainText("：");
  await page.goto("/#/live/schedule");
  await expect(page.locator("main")).toContainText("Hosts: ");
  await expect(page.locator("main")).toContainText(/\(\d+ (person|people)\)/);
  await expect(page.locator("main")).not.toContainText("人）");
  await page.screenshot({ path: `${ARTIFACTS}foundation-english-schedule.png`, fullPage: true });
});

test("opening a page by keyboard puts the focus on its heading, one Tab before its first field", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  await page.getByRole("link", { name: "新建招聘会" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "新建招聘会" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#name")).toBeFocused();
});

test("a bad form input shows the domain's message beside the field and writes no event", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  const before = await storedEvents(page);
  expect(before).toBeGreaterThan(0);

  await page.getByRole("link", { name: "新建招聘会" }).click();
  await page.fill("#name", "结束早于开始的招聘会");
  await page.fill("#place", "某某路 1 号");
  await page.fill("#start", localInput(3, 16));
  await page.fill("#end", localInput(3, 9));
  await page.click("#save");
  const message = page.locator('.field-error[data-field="end"]');
  await expect(message).toHaveText("结束时间必须晚于开始时间");
  await expect(page.locator("#end")).toHaveAttribute("aria-invalid", "true");

  // Same rule, in English.
  await page.getByRole("button", { name: "English" }).click();
  await page.click("#save");
  await expect(message).toHaveText("The end must be after the start");

  // An empty name is refused too, beside the name.
  await page.fill("#name", "   ");
  await page.fill("#end", localInput(3, 18));
  await page.click("#save");
  await expect(page.locator('.field-error[data-field="name"]')).toHaveText("A job fair needs a name");
  expect(await storedEvents(page)).toBe(before);

  // Every problem at once: an empty name and a capacity that is not a number, together.
  await page.fill("#capacity", "-5");
  await page.click("#save");
  await expect(page.locator('.field-error[data-field="name"]')).toHaveText("A job fair needs a name");
  await expect(page.locator('.field-error[data-field="capacity"]')).toBeVisible();
  expect(await storedEvents(page)).toBe(before);

  // The hint is true: a draft saves with only a name, whatever the venue type says.
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("#venue-kind")).toHaveValue("hall");
  await page.fill("#name", "只有名称的草稿");
  await page.fill("#place", "");
  await page.fill("#start", "");
  await page.fill("#end", "");
  await page.fill("#capacity", "");
  await page.click("#save");
  await expect(page.getByRole("heading", { name: "只有名称的草稿" })).toBeVisible();
  await expect(page.locator("#fair-status")).toHaveText("草稿");
});

test("untrusted text is shown as text, never as HTML", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "从空白开始" }).click();
  const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
  await page.fill("#name", evil);
  await page.fill("#place", "<b>漕溪北路</b>");
  await page.click("#save");
  await expect(page.locator("#fair-title")).toHaveText(evil);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.locator("main img").count()).toBe(0);
  await expect(page.locator("main b")).toHaveCount(0);
  await expect(page.locator(".details")).toContainText("<b>漕溪北路</b>");
});

test("a damaged store is reported, stays read-only, and nothing is wiped", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  const count = await storedEvents(page);
  await putRaw(page, 5, "{ this is not an event");
  await page.reload();

  const banner = page.locator("#storage-problem");
  await expect(banner).toContainText("本地数据有部分无法读取");
  await expect(banner).toContainText("第 5 条记录无法读取（内容不是有效的 JSON）");
  await expect(banner.getByRole("button", { name: "导出可读取的事件" })).toBeVisible();
  const download = page.waitForEvent("download");
  await banner.getByRole("button", { name: "导出全部原始记录" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(count);

  // Nothing can be changed while the store is damaged: saving is off and says why.
  await page.getByRole("link", { name: "新建招聘会" }).click();
  await page.fill("#name", "不应保存");
  await expect(page.locator("#save")).toBeDisabled();
  await expect(page.locator("#form-error")).toContainText("只读");
  expect(await storedEvents(page)).toBe(count);
  await page.screenshot({ path: `${ARTIFACTS}damaged-store.png`, fullPage: true });
});

test("the exported log verifies: header, count and hash chain", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  await page.getByRole("link", { name: "数据", exact: true }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出事件日志（JSON Lines）" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const { createHash } = await import("node:crypto");
  const lines = readFileSync(file, "utf8").trim().split("\n");
  const header = JSON.parse(lines[0]);
  expect(header.format).toBe("fairlog.events");
  expect(header.count).toBe(lines.length - 1);
  let prev = "";
  for (const line of lines.slice(1)) {
    expect(JSON.parse(line).prev).toBe(prev);
    prev = createHash("sha256").update(line).digest("hex");
  }
  expect(header.last_hash).toBe(prev);
});
