// Developer helper: walk the app as a new user would (organizer, enterprise, host; zh-CN and en)
// against a running server, saving a screenshot per stop. Usage: node walk.mjs <base-url> <dir>
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const [base, dir] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
page.on("console", (m) => { if (m.type() === "error") console.log("[console]", m.text()); });
page.on("pageerror", (e) => console.log("[pageerror]", e.message));
let n = 0;
async function shot(name) {
  await page.waitForTimeout(300);
  const file = `${dir}/${String(++n).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
async function go(hash) {
  await page.goto(`${base}#${hash}`);
  await page.waitForTimeout(400);
}

await page.goto(base);
await page.getByRole("button", { name: "载入演示数据" }).click();
await page.waitForSelector("#fair-list .vlist-rows .vlist-row");
for (const lang of ["zh", "en"]) {
  if (lang === "en") await page.getByRole("button", { name: "English" }).click();
  await page.selectOption("#role", "organizer");
  await go("/"); await shot(`${lang}-fairs`);
  await page.selectOption("#f-district", "Baoshan"); await shot(`${lang}-fairs-filtered`);
  await go("/fairs/new"); await page.click("#save"); await shot(`${lang}-new-fair-empty-save`);
  await go("/series"); await shot(`${lang}-series`);
  await go("/dashboard"); await shot(`${lang}-dashboard`);
  await go("/history"); await shot(`${lang}-history`);
  await go("/key-enterprises");
  const row = page.locator("#enterprise-list .vlist-rows .vlist-row").first();
  await row.locator("input.commissioner-input").fill("");
  await row.locator("form.assign button[type=submit]").click();
  await shot(`${lang}-key-enterprises-empty-assign`);
  await go("/commissioner"); await shot(`${lang}-commissioner`);
  await go("/live"); await shot(`${lang}-live`);
  await go("/live/schedule"); await shot(`${lang}-live-schedule`);
  await go("/data"); await shot(`${lang}-data`);
  await go("/");
  await page.getByRole("link", { name: /宝山区先进制造业专场招聘会/ }).first().click();
  await page.waitForTimeout(400); await shot(`${lang}-fair-page`);
  await page.locator("a.open-plan").click(); await page.waitForTimeout(600); await shot(`${lang}-floor-plan`);
  await page.fill("#hall-width", "10"); await page.click("#set-hall"); await shot(`${lang}-hall-too-small`);
  // Enterprise
  await page.selectOption("#role", "enterprise");
  await page.selectOption("#acting-enterprise", { index: 1 });
  await go("/enterprise/posts"); await shot(`${lang}-my-posts`);
  await go("/enterprise/posts/new"); await page.click("#save-post"); await shot(`${lang}-new-post-empty-save`);
  await go("/booths"); await shot(`${lang}-booth-fairs`);
  await go("/enterprise/bookings"); await shot(`${lang}-my-bookings`);
  await go("/enterprise/agenda"); await shot(`${lang}-my-agenda`);
  await go("/enterprise/profile"); await shot(`${lang}-profile`);
  await go("/live/invitations"); await shot(`${lang}-invitations`);
  // Host
  await page.selectOption("#role", "host");
  await page.selectOption("#acting-for", { index: 1 });
  await go("/live"); await shot(`${lang}-host-live`);
  await go("/live/new"); await shot(`${lang}-host-new-session`);
}
await browser.close();
