// Storage faults as a user meets them: a full disk (a Chromium quota made tiny through CDP)
// during a merge, whether the browser keeps the data, the backups kept before merges, and
// another tab upgrading the database under this one.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { ARTIFACTS, openApp, storedRecords } from "./helpers.mjs";

const tmp = mkdtempSync(join(tmpdir(), "fairlog-storage-"));

async function loadDemo(page) {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
}

async function createFair(page, name) {
  await page.goto("/#/fairs/new");
  await page.fill("#name", name);
  await page.fill("#place", "松江区某路 1 号");
  await page.click("#save");
  await expect(page.locator("#fair-title")).toHaveText(name);
}

async function exportLog(page) {
  await page.goto("/#/data");
  const download = page.waitForEvent("download");
  await page.click("#export-log");
  return readFileSync(await (await download).path(), "utf8");
}

async function merge(page, name, content) {
  const file = join(tmp, name);
  writeFileSync(file, content);
  await page.goto("/#/data");
  await page.setInputFiles("#import-file", file);
  await expect(page.locator("#import-plan")).toBeVisible();
  await page.click("#confirm-import");
}

/** The backups store's keys, read straight from IndexedDB. */
async function backupKeys(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("fairlog");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          const keys = conn.transaction("backups").objectStore("backups").getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result);
            conn.close();
          };
        };
      }),
  );
}

/** Bytes this origin uses (IndexedDB, with the service worker blocked). */
const usage = (page) => page.evaluate(async () => (await navigator.storage.estimate()).usage);

test("a merge that meets a full disk says storage is full and what to do, and leaves the stored log as it was", async ({ browser }) => {
  // Another device with a season of its own (as many events as this one's), exported: merging
  // it needs about twice the room this device's log takes, so the quota below has a wide margin
  // both ways.
  const other = await (await browser.newContext()).newPage();
  await loadDemo(other);
  await createFair(other, "另一台设备的招聘会");
  const file = await exportLog(other);

  // How much room the demo season takes. A merge writes, in one transaction, a backup of the
  // whole log and the merged events (more than the demo's own bytes again), and Chromium checks
  // a transaction's size against the quota before it commits; what the disk holds afterwards is
  // compacted (batched records) and says little. Chromium reads an origin's quota when its
  // storage is first used, so the tiny quota of the device under test is set before its first
  // page: the demo plus 40 %. (Plus 15 % once left too little for the demo's own load, when the
  // measured page's store had been compacted before `estimate()` read it: 2026-12-04's CI. The
  // merge needs the backup and the other device's season on top, about twice the demo again.)
  const measure = await (await browser.newContext({ serviceWorkers: "block" })).newPage();
  await loadDemo(measure);
  const demo = await usage(measure);

  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const origin = new URL(test.info().project.use.baseURL).origin;
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: Math.round(demo * 1.4) });
  await loadDemo(page);
  const before = await storedRecords(page);

  await merge(page, "other-device.jsonl", file);
  const error = page.locator("#import-error");
  await expect(error).toContainText("浏览器存储空间已满");
  await expect(error).toContainText("导出日志作为备份");
  await expect(error).toContainText("删除旧的合并备份");
  await expect(error).toContainText("本地数据没有任何改动");
  await expect(error).not.toContainText("quota");
  await page.screenshot({ path: `${ARTIFACTS}storage-full.png`, fullPage: true });

  // The stored log is record for record what it was, and no backup was left behind.
  expect(await storedRecords(page)).toEqual(before);
  expect(await backupKeys(page)).toEqual([]);
  // The app still shows the log it had, and can say so in English too.
  await page.getByRole("button", { name: "English" }).click();
  await merge(page, "other-device.jsonl", file);
  await expect(error).toContainText("browser storage is full");
  await expect(error).toContainText("delete old merge backups");
  await page.screenshot({ path: `${ARTIFACTS}storage-full-en.png`, fullPage: true });
  expect(await storedRecords(page)).toEqual(before);
});

test("the browser is asked to keep the data on the first own change, not for the demo, and the page says what it answered", async ({ page }) => {
  await loadDemo(page);
  await page.goto("/#/data");
  const note = page.locator("#persistence");
  await expect(note).toHaveAttribute("data-state", "NotAsked");
  await expect(note).toContainText("保存第一条自己的数据时");

  await createFair(page, "自己的第一场招聘会");
  await page.goto("/#/data");
  await expect(note).toHaveAttribute("data-state", /^(Granted|NotGranted)$/);
  const state = await note.getAttribute("data-state");
  await expect(note).toContainText(state === "Granted" ? "浏览器已同意长期保存" : "浏览器没有同意长期保存");
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}storage-persistence.png`, fullPage: true });

  // English as well.
  await page.getByRole("button", { name: "English" }).click();
  await expect(note).toContainText(state === "Granted" ? "The browser keeps this site's data" : "did not agree to keep");
});

test("only the newest three merge backups are kept, and the user can delete one", async ({ browser }) => {
  const other = await (await browser.newContext()).newPage();
  await openApp(other);
  const page = await (await browser.newContext()).newPage();
  await loadDemo(page);
  for (let i = 1; i <= 4; i++) {
    await createFair(other, `另一台设备的招聘会 ${i}`);
    await merge(page, `other-${i}.jsonl`, await exportLog(other));
    await expect(page.locator("#import-done")).toBeVisible();
    await page.waitForTimeout(5); // backups are keyed by the merge's millisecond
  }
  const items = page.locator("#backups .backup");
  await expect(items).toHaveCount(3);
  expect((await backupKeys(page)).length).toBe(3);
  await expect(page.locator(".data-page")).toContainText("只保留最近 3 份");
  await page.locator("#backups").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}storage-backups.png`, fullPage: true });

  const records = await storedRecords(page);
  await items.first().getByRole("button", { name: "删除" }).click();
  await expect(items).toHaveCount(2);
  expect((await backupKeys(page)).length).toBe(2);
  expect(await storedRecords(page)).toEqual(records); // the log is untouched
});

test("another tab upgrading the database closes this tab's connection: a banner asks for a reload", async ({ page }) => {
  await loadDemo(page);
  // A tab with a newer version of the app opens the database at a higher version.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("fairlog", 100);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error("blocked: the app did not let go"));
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
      }),
  );
  const banner = page.locator("#storage-closed");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("请重新载入本页");
  await expect(banner).toContainText("已保存的数据没有丢失");
  await expect(page.locator("#reload-page")).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}storage-closed.png`, fullPage: true });
});

test("a tab told that another tab merged reads the new log and has nothing left to undo", async ({ browser }) => {
  const other = await (await browser.newContext()).newPage();
  await openApp(other);
  await createFair(other, "另一台设备的招聘会");
  const file = await exportLog(other);

  const context = await browser.newContext();
  const a = await context.newPage();
  const b = await context.newPage();
  await loadDemo(a);
  await openApp(b);
  await b.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await b.click("#publish");
  await expect(b.locator("#fair-status")).toHaveText("已发布");
  await expect(b.locator("#undo")).toBeEnabled();

  await a.goto("/");
  await merge(a, "other-device.jsonl", file);
  await expect(a.locator("#import-done")).toBeVisible();

  // b hears of the merge: it reads the replaced log (the other device's fair is there, its own
  // publication too) and its undo is gone, since it was about the log that was replaced.
  await expect(b.locator("#undo")).toBeDisabled();
  await b.goto("/");
  await expect(b.getByRole("link", { name: "另一台设备的招聘会" })).toBeVisible();
  await expect(b.getByRole("row", { name: /闵行区生物医药专场招聘会/ })).toContainText("已发布");
  await expect(b.locator("#storage-problem, #storage-closed")).toHaveCount(0);
  await b.screenshot({ path: `${ARTIFACTS}storage-other-tab-merged.png`, fullPage: true });
  // and it writes after the merged log, not over it
  await createFair(b, "合并之后的招聘会");
  // Every line in sequence, 1, 2, 3, …, across the records (a record holds a batch of lines and
  // is keyed by its last line's sequence).
  const records = await storedRecords(b);
  const seqs = records.flatMap(([, v]) => v.split("\n").map((l) => JSON.parse(l).seq));
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  expect(records.at(-1)[0]).toBe(seqs.length);
});
