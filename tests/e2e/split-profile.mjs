// Which functions the app runs until its first page shows, written to web/first-show.txt for
// scripts/split.mjs. Run by scripts/split-profile after an instrumented release build
// (FAIRLOG_SPLIT=instrument): each scenario opens a page in Debian's Chromium, waits for what a
// user first sees, and reads wasm-split's profile out of the instrumented module. The union of
// the functions that ran is the first part.
//
// Usage: node split-profile.mjs DIST WASM_SPLIT SERVER_BIN CLI_BIN
import { chromium } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dist, wasmSplit, serverBin, cliBin] = process.argv.slice(2);
const root = new URL("../../", import.meta.url).pathname;
const work = join(root, "target", "split");
const whole = join(work, "whole.wasm");
mkdirSync(work, { recursive: true });

const children = [];
const start = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
};
const up = async (url) => {
  for (let i = 0; i < 200; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
};

const staticPort = 4391;
const serverPort = 4393;
start("node", [join(root, "tests/e2e/serve.mjs"), dist, String(staticPort)]);
const data = join(work, "server-data");
rmSync(data, { recursive: true, force: true });
const link = execFileSync(serverBin, ["admin", "create", "--name", "王敏", "--data", data, "--url", `http://127.0.0.1:${serverPort}`], {
  encoding: "utf8",
}).match(/#\/join\/(\S+)/)[1];
start(serverBin, ["serve", "--listen", `127.0.0.1:${serverPort}`, "--data", data, "--dist", dist]);
const local = `http://127.0.0.1:${staticPort}/`;
const server = `http://127.0.0.1:${serverPort}/`;
await up(local);
await up(`${server}api/health`);
// A season past the snapshot threshold: what a kept snapshot runs before the rest is in (the
// loader's early read taken over, the store opened) belongs to the first part too.
const season = join(work, "profile-season.jsonl");
execFileSync(cliBin, ["generate", "--events", "3000", "--season", "--out", season]);

process.on("exit", () => children.forEach((c) => c.kill()));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const profiles = [];
async function profile(page, what, ready) {
  await ready();
  // A frame after the page shows, so that what runs to paint it has run.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const bytes = await page.evaluate(() => window.fairlogProfile());
  const file = join(work, `profile-${profiles.length}.data`);
  writeFileSync(file, Buffer.from(bytes));
  profiles.push(file);
  console.log(`split-profile: ${what}`);
}
const context = async (options = {}) =>
  browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
const shown = (page, selector) => () => page.locator(selector).first().waitFor({ timeout: 60_000 });

// The first part holds what shows before a season is read: a page with a season on it waits for
// the rest (web/src/store/rest_of_app.rs), which the loader fetches while the first part starts.
// This browser only: the welcome card, and the loading line a kept season shows until the rest
// is in (held back here, so that only the first part runs).
{
  const ctx = await context();
  const page = await ctx.newPage();
  // The instrumented build is one module: the wait for the rest is stood in for by a promise
  // that never resolves, once asked for.
  await ctx.addInitScript(() => {
    if (sessionStorage.getItem("hold-rest")) window.fairlogRest = new Promise(() => {});
  });
  await page.goto(local);
  await profile(page, "welcome (local, empty)", shown(page, "#load-demo"));
  await page.click("#load-demo");
  await page.locator("#fair-list a").first().waitFor();
  await page.evaluate(() => sessionStorage.setItem("hold-rest", "1"));
  await page.reload();
  await profile(page, "the loading line (local, the demo kept, the rest not in)", async () => {
    await page.locator("p.loading").waitFor();
    // Until the store has opened and read the log, and waits.
    await page.waitForTimeout(1000);
    if ((await page.locator("#fair-list a").count()) > 0) throw new Error("the season was read without the rest");
  });
  // The same with a snapshot kept: a season of 3,000 events imported (the rest let in again).
  await page.evaluate(() => sessionStorage.removeItem("hold-rest"));
  await page.goto(`${local}#/data`);
  await page.reload();
  await page.setInputFiles("#import-file", season);
  await page.click("#confirm-import");
  const kept = page.waitForEvent("console", { predicate: (m) => m.text().includes("snapshot of the state after event"), timeout: 120_000 });
  await page.locator("#import-done").waitFor({ timeout: 120_000 });
  await kept;
  await page.evaluate(() => sessionStorage.setItem("hold-rest", "1"));
  await page.goto(`${local}#/`);
  await page.reload();
  await profile(page, "the loading line (local, a snapshot kept, the rest not in)", async () => {
    await page.locator("p.loading").waitFor();
    await page.waitForTimeout(1000);
    if ((await page.locator("#fair-list a").count()) > 0) throw new Error("the season was read without the rest");
  });
  await ctx.close();
}
// English.
{
  const ctx = await context({ locale: "en-US" });
  const page = await ctx.newPage();
  await page.goto(local);
  await profile(page, "welcome (local, English)", shown(page, "#load-demo"));
  await ctx.close();
}
// Through the server: the sign-up page, the signed-in organizer's first run, and the replica.
{
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`${server}#/join/${link}`);
  await profile(page, "sign-up (server)", shown(page, "input[type=password]"));
  const joined = await ctx.request.post(`${server}api/auth/join`, {
    data: { token: link, name: "王敏", password: "organizer-pass-2026" },
  });
  if (!joined.ok()) throw new Error(await joined.text());
  await page.goto(server);
  await profile(page, "first run (server, organizer)", shown(page, "#load-demo"));
  await ctx.close();
}
{
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(server);
  await profile(page, "sign-in (server)", shown(page, "input[type=password]"));
  await ctx.close();
}
await browser.close();
for (const c of children) c.kill();

const kept = new Set();
for (const file of profiles) {
  const out = execFileSync(wasmSplit, ["--enable-bulk-memory", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue", whole, `--print-profile=${file}`], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  for (const line of out.split("\n")) if (line.startsWith("+ ")) kept.add(line.slice(2));
}
const list = [...kept].sort();
writeFileSync(
  join(root, "web", "first-show.txt"),
  "# The functions the app runs until its first page shows (binaryen's names for them): the first\n" +
    "# part of the release wasm (scripts/split.mjs). Written by scripts/split-profile; do not edit.\n" +
    list.join("\n") +
    "\n",
);
console.log(`split-profile: ${list.length} names from ${profiles.length} first pages → web/first-show.txt`);
