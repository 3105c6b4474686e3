// Shared helpers for the user-flow tests.
import { expect } from "@playwright/test";

export const ARTIFACTS = new URL("../artifacts/", import.meta.url).pathname;

/** Open the app and wait until the log has been read from IndexedDB. */
export async function openApp(page, path = "/") {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && !["blob:", "data:"].includes(url.protocol)) {
      problems.push(`request to another origin: ${r.url()}`);
    }
  });
  await page.goto(path);
  await expect(page.locator(".app-header")).toBeVisible();
  await expect(page.locator(".loading")).toHaveCount(0);
  return problems;
}

/** Number of events in the app's IndexedDB event store (after the app has opened it): a record
 * holds one line or a batch of lines joined by "\n"; anything else counts as one. */
export async function storedEvents(page, db = "fairlog") {
  return (await storedRecords(page, db)).reduce((n, [, v]) => n + (typeof v === "string" ? v.split("\n").length : 1), 0);
}

/** Write a raw value at a key of the event store, as a damaged or foreign writer would. */
export async function putRaw(page, key, value, db = "fairlog") {
  return page.evaluate(
    ([name, k, v]) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          const tx = conn.transaction("events", "readwrite");
          tx.objectStore("events").put(v, k);
          tx.oncomplete = () => {
            conn.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [db, key, value],
  );
}

/** Shanghai wall-clock time `days` from today at hh:mm, as a datetime-local value. */
export function localInput(days, hh, mm = 0) {
  const now = new Date(Date.now() + 8 * 3600_000 + days * 86400_000);
  const d = now.toISOString().slice(0, 10);
  return `${d}T${String(hh).padStart(2, "0")}:${String(mm).padStart(2, "0")}`;
}

/** Every record of the app's IndexedDB event store, as [key, value] pairs in key order. */
export async function storedRecords(page, db = "fairlog") {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          const store = conn.transaction("events").objectStore("events");
          const keys = store.getAllKeys();
          const values = store.getAll();
          values.onsuccess = () => {
            resolve(keys.result.map((k, i) => [k, values.result[i]]));
            conn.close();
          };
          values.onerror = () => reject(values.error);
        };
      }),
    db,
  );
}

// GB 32100-2015: 31-character alphabet, weights 3^i mod 31, check = (31 - Σ mod 31) mod 31.
export const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** A valid unified social credit code from its first 17 characters. */
export function creditCode(first17) {
  let sum = 0;
  let w = 1;
  for (const c of first17) {
    sum += CREDIT_ALPHABET.indexOf(c) * w;
    w = (w * 3) % 31;
  }
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Register an enterprise through the header's picker and its form, and act for it. */
export async function register(page, enterprise) {
  const { name } = enterprise;
  await page.selectOption("#role", "enterprise");
  await page.selectOption("#acting-enterprise", "register");
  await fillRegistration(page, enterprise);
  await expect(page.locator("#acting-enterprise option:checked")).toHaveText(name);
}

// ---- Accounts (server mode) --------------------------------------------------------------------
import { readFileSync } from "node:fs";

export const ORGANIZER = { name: "王敏", password: "organizer-pass-2026" };

/** The first organizer's one-time sign-up token, from `fairlog-server admin create`'s output. */
export function adminToken(file) {
  const m = readFileSync(file, "utf8").match(/#\/join\/(\S+)/);
  if (!m) throw new Error(`no sign-up link in ${file}`);
  return m[1];
}

/** Sign a browser context in as the first organizer, over the API (the context keeps the
 *  cookie); the first time, through the admin link. Returns the session's CSRF token. */
export async function asOrganizer(ctx, server, linkFile) {
  const joined = await ctx.request.post(`${server}api/auth/join`, {
    data: { token: adminToken(linkFile), name: ORGANIZER.name, password: ORGANIZER.password },
  });
  if (joined.ok()) return (await joined.json()).csrf;
  const r = await ctx.request.post(`${server}api/auth/sign-in`, { data: ORGANIZER });
  expect(r.ok(), await r.text()).toBeTruthy();
  return (await r.json()).csrf;
}

/** The organizer invites an account; `ctx` signs up with the link over the API. */
export async function inviteAndJoin(orgCtx, csrf, ctx, server, { role = "enterprise", name, password = "enterprise-pass-2026", subject }) {
  const inv = await orgCtx.request.post(`${server}api/invitations`, {
    data: { role, name, subject },
    headers: { "X-Fairlog-Csrf": csrf },
  });
  expect(inv.ok(), await inv.text()).toBeTruthy();
  const { token } = await inv.json();
  const j = await ctx.request.post(`${server}api/auth/join`, { data: { token, name, password } });
  expect(j.ok(), await j.text()).toBeTruthy();
  return (await j.json()).account;
}

/** Signed in as an enterprise account: register its enterprise (the account's own) through the form. */
export async function registerOwn(page, enterprise) {
  await page.goto("#/enterprise/register");
  await fillRegistration(page, enterprise);
}

/** The registration form, filled and saved (the page shows it already). */
async function fillRegistration(page, { name, code, contact, phone }) {
  await expect(page.getByRole("heading", { name: "登记企业" })).toBeVisible();
  await page.fill("#ent-name", name);
  await page.fill("#credit-code", code);
  await page.selectOption("#ent-industry", "Manufacturing");
  await page.selectOption("#ent-district", "Baoshan");
  await page.fill("#contact-name", contact);
  await page.fill("#contact-phone", phone);
  await page.click("#save-enterprise");
  await expect(page.getByRole("heading", { name: "我的岗位" })).toBeVisible();
}
