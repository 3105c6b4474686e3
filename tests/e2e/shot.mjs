// Developer helper: open a URL in the system Chromium, optionally run steps, save a screenshot,
// print console errors. Usage: node shot.mjs <url> <out.png> [steps.mjs]
import { chromium } from "@playwright/test";
const [url, out, steps] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log(`[${m.type()}]`, m.text()); });
page.on("pageerror", (e) => console.log("[pageerror]", e.message));
await page.goto(url);
await page.waitForTimeout(800);
if (steps) { const mod = await import(steps); await mod.default(page); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
