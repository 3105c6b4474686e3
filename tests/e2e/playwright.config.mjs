// Playwright drives Debian's Chromium (never a downloaded browser) against the release build in
// dist/, served by serve.mjs on loopback.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
// fairlog-server (the debug build `cargo test` leaves behind) on a fresh embedded store, serving
// the same dist/: the specs that sync through a server use this origin.
export const serverPort = Number(process.env.E2E_SERVER_PORT ?? 4175);
const serverData = process.env.E2E_SERVER_DATA ?? "../../target/e2e-server-data";
const serverBin = process.env.FAIRLOG_SERVER_BIN || "../../target/debug/fairlog-server";
// The first organizer's one-time sign-up link (`fairlog-server admin create`), read by the specs.
export const adminLinkFile = `${serverData}-admin-link.txt`;
// A second server of its own for the accounts spec (its demo season and bookings would
// otherwise meet the sync spec's on one store).
export const accountsPort = Number(process.env.E2E_ACCOUNTS_PORT ?? serverPort + 2);
const accountsData = `${serverData}-accounts`;
export const accountsLinkFile = `${accountsData}-admin-link.txt`;
// A third server whose store starts with a generated season longer than the server's snapshot
// threshold (2,000 events): a new organizer browser starts from the server's snapshot.
export const snapshotPort = Number(process.env.E2E_SNAPSHOT_PORT ?? serverPort + 4);
const snapshotData = `${serverData}-snapshot`;
export const snapshotLinkFile = `${snapshotData}-admin-link.txt`;
export const SNAPSHOT_EVENTS = 2500;
const cliBin = process.env.FAIRLOG_CLI_BIN || "../../target/debug/fairlog";
const server = (port, data, link) =>
  `rm -rf ${data} && ${serverBin} admin create --name 王敏 --data ${data} --url http://127.0.0.1:${port} > ${link}` +
  ` && ${serverBin} serve --listen 127.0.0.1:${port} --data ${data} --dist ../../dist`;

export default defineConfig({
  testDir: "./specs",
  outputDir: "./artifacts/results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 860 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: `node serve.mjs ../../dist ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: server(serverPort, serverData, adminLinkFile),
      url: `http://127.0.0.1:${serverPort}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: server(accountsPort, accountsData, accountsLinkFile),
      url: `http://127.0.0.1:${accountsPort}/api/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command:
        `rm -rf ${snapshotData} && ${cliBin} generate --season --events ${SNAPSHOT_EVENTS} --out ${snapshotData}.jsonl` +
        ` && ${serverBin} import ${snapshotData}.jsonl --data ${snapshotData} && ` +
        server(snapshotPort, snapshotData, snapshotLinkFile).replace(`rm -rf ${snapshotData} && `, ""),
      url: `http://127.0.0.1:${snapshotPort}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
