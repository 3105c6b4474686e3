// Accounts on fairlog-server, three browsers: the first organizer signs up with the link
// `fairlog-server admin create` printed; they invite two enterprises; the first signs up through
// its link, registers and requests a booth; the second sees that booth taken but not by whom,
// and no response it receives names the first one's contact or request; the organizer approves
// and both see the result live; a disabled account is signed out.
import { test, expect } from "@playwright/test";
import { ARTIFACTS, ORGANIZER, adminToken, creditCode, openApp, registerOwn } from "./helpers.mjs";
import { accountsLinkFile as adminLinkFile, accountsPort } from "../playwright.config.mjs";

const SERVER = `http://127.0.0.1:${accountsPort}/`;
const FAIR = "宝山区先进制造业专场招聘会";

test.use({ baseURL: SERVER });

function nav(page, name) {
  return page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name, exact: true });
}

async function signUp(page, path, password) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "接受邀请，开通账号" })).toBeVisible();
  await page.fill("#join-password", password);
  await page.fill("#join-repeat", password);
  await page.click("#join");
  await expect(page.locator(".app-header")).toBeVisible();
  await expect(page.locator("#account-menu")).toBeVisible();
}

/** Everything a page receives from the API, as text (the live stream is read separately). */
function recordResponses(page) {
  const bodies = [];
  page.on("response", async (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith("/api/") || url.pathname === "/api/stream") return;
    try {
      bodies.push(`${url.pathname}: ${await r.text()}`);
    } catch {
      // A response of a page that closed meanwhile.
    }
  });
  return bodies;
}

test("an organizer invites enterprises; each sees its own bookings and only the public facts of the others", async ({ browser }) => {
  const orgCtx = await browser.newContext();
  const org = await orgCtx.newPage();
  const orgProblems = await openApp(org);

  // Nobody signed in: the sign-in page, and a wrong password is said so.
  await expect(org.getByRole("heading", { name: "登录 Fairlog" })).toBeVisible();
  await expect(org.locator("#role")).toHaveCount(0);
  await org.fill("#sign-in-name", "没有这个人");
  await org.fill("#sign-in-password", "not-the-password");
  await org.click("#sign-in");
  await expect(org.locator("#sign-in-error")).toHaveText("账号名或密码不正确");
  await org.screenshot({ path: `${ARTIFACTS}accounts-sign-in.png`, fullPage: true });

  // The first organizer signs up with the link `admin create` printed (once only).
  const token = adminToken(adminLinkFile);
  const info = await (await orgCtx.request.get(`${SERVER}api/invitations/${token}`)).json();
  if (info.valid) {
    await org.goto(`/#/join/${token}`);
    await expect(org.locator("#join-name")).toHaveValue(ORGANIZER.name);
    await org.screenshot({ path: `${ARTIFACTS}accounts-join.png`, fullPage: true });
    await signUp(org, `/#/join/${token}`, ORGANIZER.password);
  } else {
    await org.fill("#sign-in-name", ORGANIZER.name);
    await org.fill("#sign-in-password", ORGANIZER.password);
    await org.click("#sign-in");
  }
  await expect(org.locator("#account-menu")).toHaveText(`${ORGANIZER.name} · 组织方（人社部门）`);
  await expect(org.locator("#role")).toHaveCount(0);
  await expect(org.locator("#actor-name")).toHaveCount(0);
  await expect(org.locator("#load-demo")).toBeVisible();

  // Two invitations, from the accounts page.
  await nav(org, "账号").click();
  await expect(org.getByRole("heading", { name: "账号与邀请" })).toBeVisible();
  const links = [];
  for (const who of ["钱芳", "赵磊"]) {
    await org.selectOption("#invite-role", "enterprise");
    await org.fill("#invite-name", who);
    await org.click("#invite");
    await expect(org.locator("#invitation-link")).toHaveValue(/#\/join\//);
    const link = await org.locator("#invitation-link").inputValue();
    expect(links).not.toContain(link);
    links.push(new URL(link).hash);
  }
  await expect(org.locator("table.invitations tbody tr")).toHaveCount(2);
  await org.screenshot({ path: `${ARTIFACTS}accounts-invite.png`, fullPage: true });

  // The first enterprise signs up through its link, registers and requests B-02.
  const firstCtx = await browser.newContext();
  const ent1 = await firstCtx.newPage();
  const ent1Problems = await openApp(ent1, `/${links[0]}`);
  await expect(ent1.locator("#join-name")).toHaveValue("钱芳");
  await signUp(ent1, `/${links[0]}`, "enterprise-pass-1");
  await expect(ent1.locator("#account-menu")).toHaveText("钱芳 · 用人单位");
  // The server has no fairs yet: an enterprise is told they come when an organizer publishes
  // them, with no demo to load and no fair to plan.
  await expect(ent1.locator("#welcome-waiting")).toContainText("组织方发布招聘会后");
  await expect(ent1.locator("#load-demo")).toHaveCount(0);
  await expect(ent1.getByRole("button", { name: "从空白开始" })).toHaveCount(0);
  await ent1.screenshot({ path: `${ARTIFACTS}accounts-enterprise-waiting.png` });

  // The organizer loads the demo season; the enterprise's open page shows its fairs live.
  await nav(org, "招聘会").click();
  await org.click("#load-demo");
  await expect(org.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6, { timeout: 30_000 });
  await expect(org.locator(".sync-waiting")).toHaveText("已同步", { timeout: 30_000 });
  // The demo on a server is the part the server records at its clock: nothing refused.
  await expect(org.locator(".refused-changes")).toHaveCount(0);
  await expect(ent1.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6, { timeout: 30_000 });
  // An enterprise's account is not offered the organizers' planning pages; the organizer is.
  for (const link of ["新建招聘会", "重点企业", "服务专员"]) {
    await expect(nav(ent1, link)).toHaveCount(0);
    await expect(nav(org, link)).toHaveCount(1);
  }
  await expect(nav(ent1, "预订展位")).toHaveCount(1);
  const first = { name: "上海闵申机电设备有限公司", code: creditCode("91310112MA1GB3K7P"), contact: "钱芳", phone: "13802135566" };
  await registerOwn(ent1, first);
  await expect(ent1.locator(".sync-waiting")).toHaveText("已同步", { timeout: 20_000 });
  await nav(ent1, "预订展位").click();
  await ent1.getByRole("link", { name: FAIR }).click();
  await ent1.check("#booth-B-02");
  await ent1.click("#request-booth");
  await expect(ent1.locator("#my-booths-here")).toContainText("B-02 · 待审批");
  await expect(ent1.locator(".sync-waiting")).toHaveText("已同步", { timeout: 20_000 });

  // The second enterprise: B-02 is taken, by nobody it is told of.
  const secondCtx = await browser.newContext();
  const ent2 = await secondCtx.newPage();
  const seen = recordResponses(ent2);
  await openApp(ent2, `/${links[1]}`);
  await signUp(ent2, `/${links[1]}`, "enterprise-pass-2");
  const second = { name: "上海浦江精密制造有限公司", code: creditCode("91310115MA1HC2D4X"), contact: "赵磊", phone: "13912345678" };
  await registerOwn(ent2, second);
  await expect(ent2.locator(".sync-waiting")).toHaveText("已同步", { timeout: 20_000 });
  await nav(ent2, "预订展位").click();
  await ent2.getByRole("link", { name: FAIR }).click();
  await expect(ent2.locator("#booth-B-02")).toBeDisabled();
  await expect(ent2.locator("main")).not.toContainText(first.name);
  await ent2.screenshot({ path: `${ARTIFACTS}accounts-second-enterprise.png`, fullPage: true });

  // The organizer's open page shows the request live and approves it; both see it live.
  await nav(org, "招聘会").click();
  await org.getByRole("link", { name: FAIR }).click();
  const row = org.locator("#fair-bookings tbody tr", { hasText: first.name });
  await expect(row).toContainText("待审批", { timeout: 20_000 });
  await row.getByRole("button", { name: "通过" }).click();
  await expect(row).toContainText("已预订", { timeout: 20_000 });
  await expect(ent1.locator("#my-booths-here")).toContainText("B-02 · 已预订", { timeout: 20_000 });
  await expect(ent2.locator("#booth-B-02")).toBeDisabled();

  // The raw payloads: what the second enterprise received, and its whole stream from the start.
  const pulled = await (await secondCtx.request.get(`${SERVER}api/events?after=0`)).text();
  const everything = seen.join("\n") + "\n" + pulled;
  expect(everything).toContain(second.code);
  // (An enterprise's name and unified social credit code are public registration facts; its
  // contact, its requests and the reasons given to it are not.)
  expect(everything).toContain(first.code);
  for (const secret of [first.contact, first.phone, "enterprise-pass-1"]) {
    expect(everything, `the second enterprise received ${secret}`).not.toContain(secret);
  }
  // ...and through the first enterprise's own view, its booking is there.
  const own = await (await firstCtx.request.get(`${SERVER}api/events?after=0`)).text();
  expect(own).toContain(first.phone);

  // The organizer sees the accounts and the sign-in record, and disables the second account:
  // its open page is signed out.
  await nav(org, "账号").click();
  await expect(org.locator("table.accounts")).toContainText("钱芳");
  await expect(org.locator("table.audit")).toContainText("登录");
  await expect(org.locator("table.audit")).toContainText("发出邀请");
  await org.locator("table.accounts tbody tr", { hasText: "赵磊" }).getByRole("button", { name: "停用" }).click();
  await expect(org.locator("table.accounts tbody tr", { hasText: "赵磊" })).toContainText("已停用");
  await org.screenshot({ path: `${ARTIFACTS}accounts-page.png`, fullPage: true });
  await ent2.reload();
  await expect(ent2.getByRole("heading", { name: "登录 Fairlog" })).toBeVisible({ timeout: 20_000 });

  // The first enterprise signs out from the account menu.
  await ent1.click("#account-menu");
  await ent1.screenshot({ path: `${ARTIFACTS}accounts-menu.png` });
  await ent1.click("#sign-out");
  await expect(ent1.getByRole("heading", { name: "登录 Fairlog" })).toBeVisible();

  for (const p of [orgProblems, ent1Problems]) expect(p.filter((m) => !m.includes("401"))).toEqual([]);
  await Promise.all([orgCtx.close(), firstCtx.close(), secondCtx.close()]);
});
