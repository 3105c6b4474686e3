// The log as a product: history, time travel, undo/redo, export, import and merge, bad files.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, openApp, storedEvents, storedRecords } from "./helpers.mjs";

const tmp = mkdtempSync(join(tmpdir(), "fairlog-e2e-"));

async function exportLog(page) {
  await page.goto("/#/data");
  const download = page.waitForEvent("download");
  await page.click("#export-log");
  return readFileSync(await (await download).path(), "utf8");
}

async function chooseFile(page, name, content) {
  const file = join(tmp, name);
  writeFileSync(file, content);
  await page.goto("/#/data");
  await page.setInputFiles("#import-file", file);
}

async function loadDemo(page) {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
}

test("two devices merge, one conflict is resolved, and the result survives a reload", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();

  // Device A starts the season; device B takes a copy of it.
  await loadDemo(a);
  const shared = await exportLog(a);
  const sharedCount = shared.trim().split("\n").length - 1;
  await openApp(b);
  await chooseFile(b, "shared.jsonl", shared);
  await expect(b.locator("#import-plan")).toContainText(`将导入 ${sharedCount} 条事件`);
  await b.click("#confirm-import");
  await expect(b.locator("#import-done")).toBeVisible();

  // Offline, A cancels the draft biomedicine fair while B renames it and adds a fair of its own.
  await a.goto("/");
  await a.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await a.click("#cancel-fair");
  await a.fill("#reason", "场馆检修");
  await a.click("#confirm-cancel");
  await expect(a.locator("#fair-status")).toHaveText("已取消");

  await b.waitForTimeout(20); // B's edit is later than A's cancellation
  await b.goto("/");
  await b.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await b.getByRole("link", { name: "编辑" }).click();
  await b.fill("#name", "闵行区生物医药与健康专场招聘会");
  await b.click("#save");
  await expect(b.locator("#fair-title")).toHaveText("闵行区生物医药与健康专场招聘会");
  await b.getByRole("link", { name: "新建招聘会" }).click();
  await b.fill("#name", "B设备新增的招聘会");
  await b.fill("#place", "松江区某路 1 号");
  await b.click("#save");
  await expect(b.locator("#fair-title")).toHaveText("B设备新增的招聘会");
  const fromB = await exportLog(b);

  // A merges B's log: B's new fair comes in; B's rename of the fair A cancelled is a conflict.
  const beforeMerge = await storedEvents(a);
  await chooseFile(a, "device-b.jsonl", fromB);
  await expect(a.locator("#import-plan")).toContainText("1 处冲突");
  await a.click("#confirm-import");
  await expect(a.locator("#import-done")).toBeVisible();
  const conflict = a.locator("#conflicts .conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("修改了招聘会");
  await expect(conflict).toContainText("已取消的招聘会不能再修改");
  await a.screenshot({ path: `${ARTIFACTS}merge-conflict.png`, fullPage: true });

  // Resolve it; reload; the merged result is still there.
  await conflict.getByRole("button", { name: "知道了，忽略这项修改" }).click();
  await expect(a.locator("#no-conflicts")).toBeVisible();
  await a.reload();
  await a.goto("/");
  await expect(a.getByRole("link", { name: "B设备新增的招聘会" })).toBeVisible();
  await expect(a.getByRole("row", { name: /闵行区生物医药专场招聘会/ })).toContainText("已取消");
  expect(await storedEvents(a)).toBeGreaterThan(beforeMerge);

  // Time travel to before the merge (the shared part only) and back.
  await a.goto("/#/history");
  await a.locator(`tr[data-seq="${sharedCount}"] .view-then`).click();
  await expect(a.locator("#time-travel")).toContainText(`第 ${sharedCount} 条事件之后`);
  await a.getByRole("link", { name: "招聘会", exact: true }).click();
  await expect(a.getByRole("link", { name: "B设备新增的招聘会" })).toHaveCount(0);
  await expect(a.getByRole("row", { name: /闵行区生物医药专场招聘会/ })).toContainText("草稿");
  await a.screenshot({ path: `${ARTIFACTS}time-travel.png`, fullPage: true });
  // The past is read-only everywhere: the booth queue, the floor plan and the timeline offer no
  // change, and nothing is written while travelling.
  const whileTravelling = await storedEvents(a);
  await a.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await expect(a.locator("#time-travel")).toBeVisible();
  await expect(a.locator("#fair-bookings tbody tr").first()).toBeVisible();
  await expect(a.locator("#fair-bookings").getByRole("button", { name: "通过" })).toHaveCount(0);
  await expect(a.locator("#publish, #cancel-fair")).toHaveCount(0);
  // The new-fair form says why it cannot save: the past, not a damaged store.
  await a.getByRole("link", { name: "新建招聘会" }).click();
  await expect(a.locator("#form-error")).toContainText("你正在查看过去某一时刻的数据");
  await expect(a.locator("#form-error")).not.toContainText("导出数据");
  await a.getByRole("link", { name: "直播带岗", exact: true }).click();
  await expect(a.locator("#time-travel")).toBeVisible();
  // The demo's coming sessions are 3 and 5 days after the day it was loaded: from a Friday to a
  // Sunday (Shanghai time) they are in next week's timeline, not this one's.
  await expect(a.locator("#period")).toBeVisible();
  for (let weeks = 0; weeks < 2 && (await a.locator(".timeline .tl-item").count()) === 0; weeks++) {
    const period = await a.locator("#period").textContent();
    await a.click("#next");
    await expect(a.locator("#period")).not.toHaveText(period);
  }
  await expect(a.locator(".timeline .tl-item").first()).toBeVisible();
  await expect(a.locator(".timeline .tl-item.movable")).toHaveCount(0);
  expect(await storedEvents(a)).toBe(whileTravelling);
  await a.click("#back-to-now");
  await expect(a.locator("#time-travel")).toHaveCount(0);
  await expect(a.locator(".timeline .tl-item.movable").first()).toBeVisible(); // writable again
  await a.getByRole("link", { name: "招聘会", exact: true }).click();
  await expect(a.getByRole("link", { name: "B设备新增的招聘会" })).toBeVisible();

  // Merging the same file again changes nothing.
  const count = await storedEvents(a);
  await chooseFile(a, "device-b.jsonl", fromB);
  await expect(a.locator("#import-plan")).toContainText("没有本机没有的事件");
  expect(await storedEvents(a)).toBe(count);
});

test("undo and redo a publication, as new events", async ({ page }) => {
  await loadDemo(page);
  await page.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await page.click("#publish");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  const after = await storedEvents(page);
  await page.click("#undo");
  await expect(page.locator("#fair-status")).toHaveText("草稿");
  expect(await storedEvents(page)).toBe(after + 1); // a compensating event, nothing rewritten
  await page.click("#redo");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  expect(await storedEvents(page)).toBe(after + 2);
  // Keyboard: Ctrl+Z undoes again.
  await page.locator("body").press("Control+z");
  await expect(page.locator("#fair-status")).toHaveText("草稿");
  await page.goto("/#/history");
  await expect(page.locator("table.history tbody tr").first()).toContainText("撤回了招聘会");
});

test("undo walks back through one's own steps, says once why a step cannot be undone, and keeps its stacks", async ({ page }) => {
  await loadDemo(page);
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.locator("a.open-plan").click();
  const booths = page.locator(".plan-svg .booth");
  await expect(booths).toHaveCount(22);
  await page.selectOption("#tool-zone", { label: "先进制造A馆" });
  for (const x of [30, 34]) {
    await page.fill("#booth-x", String(x));
    await page.fill("#booth-y", "16");
    await page.click("#add-booth");
  }
  await expect(booths).toHaveCount(24);
  const undo = page.locator("#undo");
  const redo = page.locator("#redo");
  await expect(undo).toHaveAttribute("title", /撤销：.*添加了展位 A-22/);

  // Two undos in a row: the first undo is not "a later change" that blocks the second.
  await undo.click();
  await expect(booths).toHaveCount(23);
  await expect(undo).toHaveAttribute("title", /撤销：.*添加了展位 A-21/);
  await undo.click();
  await expect(booths).toHaveCount(22);
  await expect(page.locator(".notice.error")).toHaveCount(0);
  await expect(undo).toBeDisabled();

  // The stacks survive a reload...
  await page.reload();
  await expect(booths).toHaveCount(22);
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect(booths).toHaveCount(23);
  // ...and a role switch: another actor has their own, and coming back finds ours.
  await page.selectOption("#role", "enterprise");
  await expect(undo).toBeDisabled();
  await page.selectOption("#role", "organizer");
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(booths).toHaveCount(22);

  // History names an undone booth by its code, and event types in words.
  await page.goto("/#/history");
  await expect(page.locator("table.history tbody tr").first()).toContainText("删除了展位 A-21");
  await expect(page.locator("#history-type option", { hasText: "添加展位" })).toHaveCount(1);
  await expect(page.locator("#history-type")).not.toContainText("BoothAdded");

  // A step that truly cannot be undone (a cancellation enterprises were told of) says why on
  // the button, which is disabled, instead of failing on every click.
  await page.goto("/");
  await page.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await page.click("#cancel-fair");
  await page.fill("#reason", "场馆临时检修");
  await page.click("#confirm-cancel");
  await expect(page.locator("#fair-status")).toHaveText("已取消");
  await expect(undo).toBeDisabled();
  await expect(undo).toHaveAttribute("title", /不能撤销.*这类操作（取消招聘会）不能撤销/);
});

test("history names things as they were then, and who acted for whom", async ({ page }) => {
  await loadDemo(page);
  await page.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await page.click("#publish");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  await page.getByRole("link", { name: "编辑", exact: true }).click();
  await page.fill("#name", "闵行区生物医药秋季专场");
  await page.click("#save");
  await expect(page.getByRole("heading", { name: "闵行区生物医药秋季专场" })).toBeVisible();
  await page.goto("/#/history");
  const rows = page.locator("table.history tbody tr");
  await expect(rows.nth(0)).toContainText("修改了招聘会 “闵行区生物医药秋季专场”");
  // The publication happened under the old name.
  await expect(rows.nth(1)).toContainText("发布了招聘会 “闵行区生物医药专场招聘会”");
  // An enterprise's events say which enterprise the person acted for.
  await page.selectOption("#history-type", { label: "申请展位" });
  await expect(rows.first().locator("td").nth(2)).toContainText(/（企业 · .+）/);
});

const bad = {
  "truncated.jsonl": (log) => log.slice(0, log.length - 30),
  "invalid.jsonl": () => '{"format":"fairlog.events","schema":1,"count":1,"last_hash":""}\n{not json',
  "wrong-format.jsonl": (log) => log.replace("fairlog.events", "other.events"),
  "broken-chain.jsonl": (log) => log.replace("徐汇区", "黄浦区"),
  "reordered.jsonl": (log) => {
    const l = log.trim().split("\n");
    [l[2], l[3]] = [l[3], l[2]];
    return l.join("\n");
  },
  "unknown-type.jsonl": (log) => log.replace("FairCreated", "FairTeleported"),
  "newer-schema.jsonl": (log) => log.replace('"schema":1', '"schema":9'),
  "nested.jsonl": (log) => log.split("\n")[0] + "\n" + "[".repeat(50000) + "]".repeat(50000),
  "duplicated.jsonl": (log) => {
    const l = log.trim().split("\n");
    l.splice(3, 0, l[3]);
    return l.join("\n");
  },
  "not-a-log.csv": () => "名称,区\n徐汇区招聘会,徐汇\n",
  "html.jsonl": () => '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
};

test("bad files are refused with a clear message and the stored log stays byte-identical", async ({ page }) => {
  await loadDemo(page);
  const good = await exportLog(page);
  const stored = await storedRecords(page);
  for (const [name, make] of Object.entries(bad)) {
    await chooseFile(page, name, make(good));
    await expect(page.locator("#import-error"), name).toContainText(`无法导入“${name}”`);
    await expect(page.locator("#import-error"), name).toContainText("本地数据没有任何改动");
    expect(await exportLog(page), name).toBe(good);
    expect(await storedRecords(page), name).toEqual(stored); // IndexedDB itself, byte for byte
  }
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(page.locator("main img")).toHaveCount(0);

  // A file over the size limit is refused before it is read.
  await chooseFile(page, "huge.jsonl", "x".repeat(65 * 1024 * 1024));
  await expect(page.locator("#import-error")).toContainText("文件超过 64 MB");
  expect(await exportLog(page)).toBe(good);
  expect(await storedRecords(page)).toEqual(stored);

  // The same message in English.
  await page.getByRole("button", { name: "English" }).click();
  await chooseFile(page, "broken-chain.jsonl", bad["broken-chain.jsonl"](good));
  await expect(page.locator("#import-error")).toContainText("hash chain breaks");
  await expect(page.locator("#import-error")).toContainText("Nothing was changed");
});

test("undo and redo a booth approval, as new events", async ({ page }) => {
  await loadDemo(page);
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  const row = page.locator("#fair-bookings tbody tr", { hasText: "顺丰速运（上海）有限公司" });
  await expect(row).toContainText("待审批");
  await row.getByRole("button", { name: "通过" }).click();
  await expect(row).toContainText("已预订");
  const after = await storedEvents(page);

  await page.click("#undo");
  await expect(row).toContainText("待审批");
  expect(await storedEvents(page)).toBe(after + 1);
  await page.click("#redo");
  await expect(row).toContainText("已预订");
  expect(await storedEvents(page)).toBe(after + 2);

  await page.getByRole("link", { name: "历史记录", exact: true }).click();
  const rows = page.locator("table.history tbody tr");
  await expect(rows.nth(0)).toContainText("通过了 顺丰速运（上海）有限公司 在展位 A-07 的申请");
  await expect(rows.nth(1)).toContainText("撤回了对 顺丰速运（上海）有限公司 展位 A-07 的批准");
});

test("a valid log whose texts hold HTML and script is imported and shown as text", async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  const name = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>招聘会';
  await openApp(a);
  await a.getByRole("link", { name: "新建招聘会" }).click();
  await a.fill("#name", name);
  await a.fill("#place", '<b onmouseover="window.__pwned=1">徐汇区</b>');
  await a.click("#save");
  await expect(a.locator("#fair-title")).toHaveText(name);
  const log = await exportLog(a);

  await openApp(b);
  await chooseFile(b, "html-texts.jsonl", log);
  await b.click("#confirm-import");
  await expect(b.locator("#import-done")).toBeVisible();
  await b.goto("/");
  await expect(b.getByRole("link", { name })).toBeVisible();
  await b.getByRole("link", { name }).click();
  await expect(b.locator("#fair-title")).toHaveText(name);
  await b.goto("/#/history");
  await expect(b.locator("table.history tbody tr").first()).toContainText("<img src=x");
  expect(await b.evaluate(() => window.__pwned)).toBeUndefined();
  await expect(b.locator("main img, main script, main b")).toHaveCount(0);
});
