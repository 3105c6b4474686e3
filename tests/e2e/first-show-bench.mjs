// How long a new browser waits for its first page over a slow network, for two release builds
// served by fairlog-server (which sends the precompressed Brotli files): the split build (dist/)
// and one built with FAIRLOG_SPLIT=off. The page is what `scripts/serve` shows first, the sign-in
// card. Each run is a new browser context (empty cache), throttled through the DevTools protocol.
//
// Usage: node first-show-bench.mjs SERVER_BIN SPLIT_DIST WHOLE_DIST [RUNS] [OUT.json]
import { chromium } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [serverBin, splitDist, wholeDist, runsArg, out] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const networks = {
  // Chrome DevTools' "Fast 3G" and a plain 10 Mbit/s line.
  "fast 3g (1.44 Mbit/s, 150 ms)": { latency: 150, downloadThroughput: (1.44e6 / 8) * 0.9, uploadThroughput: (675e3 / 8) * 0.9 },
  "10 Mbit/s, 40 ms": { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 },
};

async function serve(dist, port) {
  const data = mkdtempSync(join(tmpdir(), "fairlog-first-"));
  execFileSync(serverBin, ["admin", "create", "--name", "王敏", "--data", data, "--url", `http://127.0.0.1:${port}`], { stdio: "ignore" });
  const child = spawn(serverBin, ["serve", "--listen", `127.0.0.1:${port}`, "--data", data, "--dist", dist], { stdio: "ignore" });
  for (let i = 0; i < 200; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
const figures = { runs, date: new Date().toISOString() };
let port = 4471;
for (const [build, dist] of [["split", splitDist], ["whole", wholeDist]]) {
  const server = await serve(dist, ++port);
  for (const [network, conditions] of Object.entries(networks)) {
    const times = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const ctx = await browser.newContext({ locale: "zh-CN", serviceWorkers: "block" });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...conditions });
      let received = 0;
      const shownAt = { t: 0 };
      cdp.on("Network.loadingFinished", (e) => {
        if (!shownAt.t) received += e.encodedDataLength;
      });
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator("input[type=password]").first().waitFor({ timeout: 120_000 });
      shownAt.t = Date.now();
      times.push(shownAt.t - started);
      bytes = received;
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    figures[`${build}: ${network}`] = { shown_ms: times, median_ms: times[Math.floor(times.length / 2)], bytes_before_shown: bytes };
    console.log(`first-show ${build} · ${network}: ${times.join(", ")} ms; ${bytes} bytes on the wire before it showed`);
  }
  server.kill();
}
await browser.close();
if (out) writeFileSync(out, JSON.stringify(figures, null, 2));
