// Livestream sessions (直播带岗): a host schedules sessions, conflicts are explained in words,
// a warning is accepted, a session is dragged to another day, and the invited enterprise accepts.
import { writeFileSync, mkdirSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { ARTIFACTS, openApp } from "./helpers.mjs";

/** Every stored event line, parsed. */
async function storedEvents(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("fairlog");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const conn = req.result;
          const all = conn.transaction("events").objectStore("events").getAll();
          all.onsuccess = () => {
            const text = (v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v);
            resolve(all.result.flatMap((record) => text(record).split("\n")).map((line) => JSON.parse(line)));
            conn.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

/** A Shanghai date (YYYY-MM-DD) `weekday` days after next week's Monday (0 = Monday). */
function nextWeek(weekday) {
  const shanghai = new Date(Date.now() + 8 * 3600_000);
  const dow = (shanghai.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(shanghai.getTime() + (7 - dow) * 86400_000);
  return new Date(monday.getTime() + weekday * 86400_000).toISOString().slice(0, 10);
}

async function actAs(page, role, subject) {
  await page.selectOption("#role", role);
  if (subject) await page.selectOption(role === "enterprise" ? "#acting-enterprise" : "#acting-for", { label: subject });
}

async function planSession(page, { title, channel, start, minutes }) {
  await page.getByRole("link", { name: "直播带岗", exact: true }).click();
  await page.getByRole("link", { name: "新建直播" }).click();
  await page.fill("#title", title);
  await page.selectOption("#channel", { label: channel });
  await page.fill("#start", start);
  await page.fill("#minutes", String(minutes));
  await page.click("#save-session");
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.locator("#session-status")).toHaveText("草稿");
  return new URL(page.url()).hash.split("/").pop();
}

test("a host schedules sessions with conflict checks, drags one to another day, and the enterprise accepts", async ({ page }) => {
  const problems = await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);

  // The organizer registers a bureau director as a host.
  await page.getByRole("link", { name: "直播带岗", exact: true }).click();
  await page.getByRole("link", { name: "主播与直播间" }).click();
  await page.fill("#host-name", "周建国");
  await page.fill("#host-title", "局长");
  await page.fill("#organisation", "徐汇区人力资源和社会保障局");
  await page.click("#register-host");
  await expect(page.locator("table.hosts")).toContainText("周建国");

  // From now on the director acts for himself: the name follows the host chosen.
  await actAs(page, "host", "王芳 · 副局长");
  await expect(page.locator("#actor-name")).toHaveValue("王芳");
  await actAs(page, "host", "周建国 · 局长");
  await expect(page.locator("#actor-name")).toHaveValue("周建国");
  const tue = nextWeek(1);
  const wed = nextWeek(2);
  const first = await planSession(page, { title: "徐汇区局长直播带岗·第一场", channel: "徐汇就业视频号", start: `${tue}T10:00`, minutes: 60 });
  await page.click("#schedule");
  await expect(page.locator("#session-status")).toHaveText("已排期");

  // A second session overlapping the first is refused, and the reason is written out.
  const second = await planSession(page, { title: "徐汇区局长直播带岗·第二场", channel: "上海公共招聘新平台直播间", start: `${tue}T10:30`, minutes: 60 });
  await page.click("#schedule");
  const refused = page.locator("#live-refused");
  await expect(refused).toBeVisible();
  await expect(refused).toContainText("周建国局长 同一时间还在主持“徐汇区局长直播带岗·第一场”");
  await expect(refused.locator(".conflict.hard")).toHaveCount(1);
  await expect(page.locator("#session-status")).toHaveText("草稿");
  await expect(page.locator("#current-conflicts")).toContainText("不能同时出镜");

  // Moved to 15 minutes after the first ends: a soft warning, accepted.
  await page.getByRole("link", { name: "修改" }).click();
  await page.fill("#start", `${tue}T11:15`);
  await page.click("#save-session");
  await expect(page.locator("#session-when")).toContainText(`${tue} 11:15–12:15`);
  await page.click("#schedule");
  const warning = page.locator("#live-warning");
  await expect(warning).toContainText("只隔 15 分钟");
  await expect(warning.locator(".conflict.soft")).toHaveCount(1);
  await page.click("#accept-warnings");
  await expect(page.locator("#session-status")).toHaveText("已排期");
  await expect(page.getByRole("heading", { name: "已接受的提醒" })).toBeVisible();
  let events = await storedEvents(page);
  const accepted = events.filter((e) => e.event.livestream?.SoftConflictsAccepted);
  expect(accepted.length).toBe(1);
  expect(Object.keys(accepted[0].event.livestream.SoftConflictsAccepted.conflicts[0].kind)).toEqual(["host_back_to_back"]);
  expect(accepted[0].actor.role).toBe("host");

  // Invite an enterprise to the first session's line-up.
  await page.goto(`/#/live/sessions/${first}`);
  await page.selectOption("#invite-enterprise", { label: "徐汇云数信息科技有限公司" });
  await page.getByLabel(/Java 开发工程师/).check();
  await page.fill("#slot-offset", "10");
  await page.fill("#slot-minutes", "30");
  await page.click("#send-invitation");
  // The first session is now 15 minutes before the second: the change asks to accept that too.
  await expect(page.locator("#live-warning")).toContainText("只隔 15 分钟");
  await page.click("#accept-warnings");
  await expect(page.locator("table.lineup")).toContainText("徐汇云数信息科技有限公司");
  await expect(page.locator("table.lineup")).toContainText("待答复");
  await expect(page.locator("table.lineup")).toContainText("10:10–10:40");
  // Its slot is changed in place: the form takes the featured enterprise's slot and posts.
  await page.locator("table.lineup tr", { hasText: "徐汇云数信息科技有限公司" }).locator("button.change-feature").click();
  await expect(page.locator("#slot-offset")).toHaveValue("10");
  await expect(page.locator("#send-invitation")).toHaveText("保存时段与岗位");
  await page.fill("#slot-offset", "20");
  await page.click("#send-invitation");
  await expect(page.locator("#live-warning")).toContainText("只隔 15 分钟");
  await page.click("#accept-warnings");
  await expect(page.locator("table.lineup")).toContainText("10:20–10:50");

  // On the timeline (next week), drag the second session over the first (conflicts show live),
  // then on to Wednesday and let go.
  await page.getByRole("link", { name: "直播带岗", exact: true }).click();
  await page.click("#next");
  const block = page.locator(`g.tl-item[data-id="${second}"]`);
  await expect(block).toHaveAttribute("data-start", `${tue}T11:15`);
  const box = await block.locator("rect.tl-block").boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 6, y, { steps: 3 });
  await page.mouse.move(x - 12, y, { steps: 3 });
  await expect(page.locator("#live-conflicts .conflict.hard").first()).toContainText("同一时间还在主持");
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}livestream-drag-conflict.png`, fullPage: true });
  const dayWidth = 14 * 18;
  await page.mouse.move(x + dayWidth, y, { steps: 8 });
  await expect(page.locator("#live-conflicts")).toContainText("此位置没有冲突");
  await page.mouse.up();
  await expect(block).toHaveAttribute("data-start", `${wed}T11:15`);
  await expect(block).not.toHaveClass(/moving/);

  // It survives a reload.
  await page.reload();
  await page.getByRole("link", { name: "直播带岗", exact: true }).click();
  await page.click("#next");
  await expect(page.locator(`g.tl-item[data-id="${second}"]`)).toHaveAttribute("data-start", `${wed}T11:15`);
  await page.screenshot({ path: `${ARTIFACTS}livestream-timeline.png`, fullPage: true });

  // The keyboard does the same: focus the block, ↓ moves a day, Esc cancels, ↑ + Enter moves back.
  const moved = page.locator(`g.tl-item[data-id="${second}"]`);
  await moved.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#live-conflicts")).toContainText(`${nextWeek(3)} 11:15–12:15`);
  await page.keyboard.press("Escape");
  await expect(page.locator("#live-conflicts")).toBeEmpty();
  await expect(moved).toHaveAttribute("data-start", `${wed}T11:15`);
  // → and Enter move it 15 minutes; Shift+→ and Enter make it 15 minutes longer.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(moved).toHaveAttribute("data-start", `${wed}T11:30`);
  await moved.focus();
  await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.press("Enter");
  await expect(moved).toHaveAttribute("data-minutes", "75");
  // The mouse resizes by the right edge: one hour (18 px in the week view) longer.
  const edge = await moved.locator("rect.tl-resize").boundingBox();
  const [ex, ey] = [edge.x + edge.width / 2, edge.y + edge.height / 2];
  await page.mouse.move(ex, ey);
  await page.mouse.down();
  await page.mouse.move(ex + 9, ey, { steps: 3 });
  await page.mouse.move(ex + 18, ey, { steps: 3 });
  await page.mouse.up();
  await expect(moved).toHaveAttribute("data-minutes", "135");
  await expect(moved).toHaveAttribute("data-start", `${wed}T11:30`);
  events = await storedEvents(page);
  const last = events.filter((e) => e.event.livestream?.SessionMoved).pop().event.livestream.SessionMoved;
  expect([last.session_id, last.minutes]).toEqual([second, 135]);

  // The history says who acted.
  const planned = events.filter((e) => e.event.livestream?.SessionPlanned).pop();
  expect(planned.actor.name).toBe("周建国");
  await page.goto("/#/history");
  await page.selectOption("#history-type", { label: "创建直播" });
  await expect(page.locator("table.history tbody tr").first()).toContainText("周建国（主播）");
  await page.getByRole("link", { name: "直播带岗", exact: true }).click();

  // The invited enterprise answers in its own role.
  await actAs(page, "enterprise", "徐汇云数信息科技有限公司");
  await page.getByRole("link", { name: "直播邀请" }).click();
  const card = page.locator(`li.invitation[data-session="${first}"]`);
  await expect(card).toContainText("徐汇区局长直播带岗·第一场");
  await expect(card).toContainText("待答复");
  await card.getByRole("button", { name: "接受" }).click();
  await expect(card).toContainText("已接受");
  events = await storedEvents(page);
  const answer = events.filter((e) => e.event.livestream?.InvitationAccepted).pop();
  expect(answer.actor.role).toBe("enterprise");
  expect(answer.event.livestream.InvitationAccepted.session_id).toBe(first);
  await page.screenshot({ path: `${ARTIFACTS}livestream-invitation.png`, fullPage: true });
  // The session is on the enterprise's agenda, with its own slot.
  await page.getByRole("link", { name: "我的日程" }).click();
  await expect(page.locator("#agenda-sessions")).toContainText("徐汇区局长直播带岗·第一场");
  await expect(page.locator("#agenda-sessions")).toContainText("你的时段");
  expect(problems).toEqual([]);
});

test("a stream URL that is not https, or not on the allowlist, is refused with the reason", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
  await page.goto("/#/live/setup");
  await page.fill("#channel-name", "测试直播间");
  await page.fill("#stream-url", "http://zhibo.shggzp.example/room/9");
  await page.click("#add-channel");
  await expect(page.locator('.field-error[data-field="stream-url"]')).toHaveText("只接受以 https:// 开头的地址");
  await page.fill("#stream-url", "https://evil.example.com/room/9");
  await page.click("#add-channel");
  await expect(page.locator('.field-error[data-field="stream-url"]')).toHaveText("evil.example.com 不在组织方的直播地址白名单中");
  await page.fill("#stream-url", "https://zhibo.shggzp.example/room/9");
  await page.click("#add-channel");
  await expect(page.locator("table.channels")).toContainText("测试直播间");
});

test("the timeline renders 50 channels × 7 days quickly (measured in the browser)", async ({ page }) => {
  await openApp(page, "/#/live/bench");
  const results = page.locator("#bench-results");
  await expect(results).toHaveAttribute("data-done", "true", { timeout: 60_000 });
  const figures = await results.evaluate((el) => ({ ...el.dataset }));
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}timeline-bench.json`, JSON.stringify(figures, null, 2));
  console.log("timeline figures", figures);
  expect(Number(figures.firstRenderMs)).toBeLessThan(1000);
  expect(Number(figures.rerenderMs)).toBeLessThan(250);
  expect(Number(figures.checkUs)).toBeLessThan(1000);
  await expect(page.locator("g.tl-lane").first()).toBeVisible();
  // Only the lanes in view are in the DOM.
  expect(await page.locator("g.tl-lane").count()).toBeLessThan(50);
});
