// The organizer side: series, fairs, floor plans (mouse and keyboard), publishing, booth
// approvals, printing, conflicts between tabs, filters and calendars, key enterprises.
import { test, expect } from "@playwright/test";
import { ARTIFACTS, localInput, openApp, storedEvents } from "./helpers.mjs";

/** Load the demo season (its enterprises make the booth requests). */
async function loadDemo(page) {
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);
}

/** Pixel position of a point of the hall (metres), from the SVG's viewBox. */
async function pointOf(page, mx, my) {
  const svg = page.locator(".plan-svg");
  await svg.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const box = await svg.boundingBox();
  const [vx, vy, vw, vh] = (await svg.getAttribute("viewBox")).split(" ").map(Number);
  const scale = Math.max(vw / box.width, vh / box.height);
  return { x: box.x + (mx - vx) / scale, y: box.y + (my - vy) / scale };
}

async function clickHall(page, mx, my) {
  const p = await pointOf(page, mx, my);
  await page.mouse.click(p.x, p.y);
}

async function drag(page, from, to) {
  const a = await pointOf(page, ...from);
  const b = await pointOf(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

const booth = (page, code) => page.locator(".plan-svg .booth", { has: page.locator("text", { hasText: new RegExp(`^${code}$`) }) });

/** Switch the header's role (and, for an enterprise, which one). */
async function actAs(page, role, enterprise) {
  await page.selectOption("#role", role);
  if (enterprise) await page.selectOption("#acting-enterprise", { label: enterprise });
}

test("an organizer plans a fair, draws its floor plan, publishes it, decides requests and prints it", async ({ page }) => {
  const problems = await openApp(page);
  await loadDemo(page);

  // A series: a broken rule is shown beside the field and writes nothing.
  await page.getByRole("link", { name: "系列活动" }).click();
  let before = await storedEvents(page);
  await page.click("#create-series");
  await expect(page.locator('.field-error[data-field="series-name"]')).toHaveText("请填写系列活动名称");
  expect(await storedEvents(page)).toBe(before);
  await page.fill("#series-name", "千企万岗·徐汇秋季系列");
  await page.selectOption("#series-kind", "thousands_of_posts");
  await page.click("#create-series");
  await expect(page.locator("table.series-list")).toContainText("千企万岗·徐汇秋季系列");

  // An onsite fair in that series.
  await page.getByRole("link", { name: "新建招聘会" }).click();
  await page.fill("#name", "徐汇区秋季千企万岗招聘会");
  await page.selectOption("#series", { label: "千企万岗·徐汇秋季系列" });
  await page.selectOption("#industry", "Manufacturing");
  await page.selectOption("#district", "Xuhui");
  await page.fill("#place", "漕溪北路 1111 号");
  await page.fill("#start", localInput(7, 9));
  await page.fill("#end", localInput(7, 16));
  await page.fill("#capacity", "3000");
  await page.click("#save");
  await expect(page.locator("#fair-status")).toHaveText("草稿");
  const fairUrl = page.url();

  // The floor plan: hall, zone, booths by mouse, by row and by form.
  await page.locator("a.open-plan").click();
  await expect(page.locator(".plan-empty")).toBeVisible();
  await page.fill("#hall-width", "40");
  await page.fill("#hall-depth", "20");
  await page.click("#set-hall");
  await expect(page.locator(".plan-svg")).toBeVisible();
  await page.fill("#zone-name", "先进制造A馆");
  await page.click("#add-zone");
  await expect(page.locator(".zone-list")).toContainText("先进制造A馆");

  await clickHall(page, 2.5, 2.5);
  await expect(booth(page, "A-01")).toHaveCount(1);
  await clickHall(page, 6.5, 2.5);
  await expect(booth(page, "A-02")).toHaveCount(1);
  await page.fill("#row-count", "12");
  await page.fill("#row-x", "1");
  await page.fill("#row-y", "8");
  await page.click("#add-row");
  await expect(page.locator(".plan-svg .booth")).toHaveCount(14);
  await page.fill("#row-count", "8");
  await page.fill("#row-x", "1");
  await page.fill("#row-y", "14");
  await page.click("#add-row");
  await expect(page.locator(".plan-svg .booth")).toHaveCount(22);
  // A row that would leave the hall is refused as a whole, and says why.
  before = await storedEvents(page);
  await page.fill("#row-count", "20");
  await page.fill("#row-y", "17");
  await page.click("#add-row");
  await expect(page.locator('.field-error[data-field="row"]')).toContainText("超出了场馆范围（40 × 20 米）");
  await expect(page.locator(".plan-svg .booth")).toHaveCount(22);
  // A row of no booths is refused beside the row (not "0 booths added").
  await page.fill("#row-count", "0");
  await page.click("#add-row");
  await expect(page.locator('.field-error[data-field="row"]')).toHaveText("一排可以有 1 到 200 个展位");
  // A typed code prefix takes the app's form of codes: C → C-01, as A-01.
  await page.fill("#tool-prefix", "C");
  await expect(page.locator("#booth-code")).toHaveAttribute("placeholder", "C-01");
  await page.fill("#tool-prefix", "");
  // A booth added at a position by keyboard-friendly form; a taken place is refused.
  await page.fill("#booth-x", "2");
  await page.fill("#booth-y", "2");
  await page.click("#add-booth");
  await expect(page.locator('.field-error[data-field="booth-position"]')).toContainText("会与展位 A-01 重叠");
  expect(await storedEvents(page)).toBe(before);
  await page.fill("#booth-x", "12");
  await page.click("#add-booth");
  await expect(page.locator(".plan-svg .booth")).toHaveCount(23);
  // Shrinking the hall names the booth that sticks out furthest (the first row's last booth),
  // whatever the booths' ids; nothing is written.
  before = await storedEvents(page);
  const lastOfRow = await page.locator(".plan-svg .booth").evaluateAll((gs) =>
    gs
      .map((g) => [Number(g.getAttribute("transform").match(/translate\(([\d.]+)/)[1]), g.querySelector("text").textContent])
      .sort((x, y) => y[0] - x[0])[0][1],
  );
  expect(lastOfRow).toMatch(/^A-\d\d$/);
  await page.fill("#hall-width", "30");
  await page.click("#set-hall");
  await expect(page.locator('.field-error[data-field="hall"]')).toContainText(`展位 ${lastOfRow} 会超出场馆`);
  expect(await storedEvents(page)).toBe(before);
  await page.fill("#hall-width", "40");

  // Drag a booth onto another: refused next to the booth, it snaps back, nothing is written.
  before = await storedEvents(page);
  await drag(page, [7.5, 3.5], [4.5, 3.5]);
  await expect(page.locator("#plan-error")).toHaveText("会与展位 A-01 重叠");
  await expect(page.locator(".callout")).toContainText("会与展位 A-01 重叠");
  await expect(booth(page, "A-02")).toHaveAttribute("transform", "translate(6 2)");
  expect(await storedEvents(page)).toBe(before);
  // A drag to a free place moves it.
  await drag(page, [7.5, 3.5], [20.5, 3.5]);
  await expect(booth(page, "A-02")).toHaveAttribute("transform", "translate(19 2)");

  // Keyboard: arrows move by 1 m, Shift+arrows resize, Delete removes; refusals are announced.
  await booth(page, "A-02").focus();
  await expect(page.locator("#selected-code")).toHaveText("A-02");
  await page.keyboard.press("ArrowRight");
  await expect(page.locator("#selected-position")).toHaveText("(20, 2)");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(booth(page, "A-02").locator("rect")).toHaveAttribute("height", "4");
  await booth(page, "A-01").focus();
  await page.keyboard.press("ArrowUp");
  await expect(page.locator("#plan-live")).toHaveText("展位 A-01 已移到 (2, 1)");
  await page.keyboard.press("ArrowUp");
  await expect(page.locator("#plan-live")).toHaveText("展位 A-01 已移到 (2, 0)");
  await page.keyboard.press("ArrowUp");
  await expect(page.locator("#plan-live")).toHaveText("已到场馆边缘");
  await booth(page, "A-13").focus();
  await page.keyboard.press("Delete");
  await expect(page.locator("#plan-live")).toHaveText("已删除展位 A-13");
  await expect(page.locator(".plan-svg .booth")).toHaveCount(22);
  await expect(page.locator("#plan-counts")).toContainText("共 22 个");
  await page.screenshot({ path: `${ARTIFACTS}organizer-plan-editor.png`, fullPage: true });

  // Publish the fair.
  await page.goto(fairUrl);
  await page.click("#publish");
  await expect(page.locator("#fair-status")).toHaveText("已发布");

  // Two enterprises request booths (acting as them through the header).
  await actAs(page, "enterprise", "上海长宁数字科技有限公司");
  await page.locator("a.open-plan").click();
  await booth(page, "A-03").click();
  await page.click("#request-booth");
  await expect(page.locator("#plan-live")).toContainText("已申请展位 A-03");
  await actAs(page, "enterprise", "顺丰速运（上海）有限公司");
  await booth(page, "A-04").click();
  await page.click("#request-booth");
  await expect(page.locator("#plan-live")).toContainText("已申请展位 A-04");
  await expect(booth(page, "A-04")).toHaveClass(/requested/);

  // The organizer approves one and rejects the other with a reason.
  await actAs(page, "organizer");
  await page.goto(fairUrl);
  await page.locator("a.open-requests").click();
  await expect(page.locator("#waiting-count")).toHaveText("待审批 2 个");
  const approveRow = page.locator("tr.request", { hasText: "上海长宁数字科技有限公司" });
  await approveRow.locator("button.approve").click();
  await expect(page.locator("#waiting-count")).toHaveText("待审批 1 个");
  const rejectRow = page.locator("tr.request", { hasText: "顺丰速运（上海）有限公司" });
  await rejectRow.locator("button.reject").click();
  before = await storedEvents(page);
  await page.locator("button.confirm-reject").click();
  await expect(page.locator(".row-form .field-error")).toHaveText("请填写原因");
  expect(await storedEvents(page)).toBe(before);
  await page.locator("textarea.reject-reason").fill("本场以先进制造企业为主，请报名下月服务业专场");
  await page.locator("button.confirm-reject").click();
  await expect(page.locator("#waiting-count")).toHaveText("待审批 0 个");
  const decided = page.locator("table.decided");
  await expect(decided.locator("tr", { hasText: "上海长宁数字科技有限公司" })).toContainText("已预订");
  await expect(decided.locator("tr", { hasText: "顺丰速运（上海）有限公司" })).toContainText("已拒绝：本场以先进制造企业为主");
  await page.screenshot({ path: `${ARTIFACTS}organizer-requests.png`, fullPage: true });

  // The printable plan: booth codes and enterprise names.
  await page.getByRole("link", { name: "展位图" }).click();
  await expect(booth(page, "A-03")).toHaveClass(/booked/);
  await expect(booth(page, "A-03")).toContainText("上海长宁");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.locator(".plan-tools")).toBeHidden();
  const list = page.locator(".booth-list");
  await expect(list).toBeVisible();
  await expect(list.locator("tr", { hasText: "A-03" })).toContainText("上海长宁数字科技有限公司");
  await page.screenshot({ path: `${ARTIFACTS}organizer-plan-print.png`, fullPage: true });
  await page.pdf({ path: `${ARTIFACTS}organizer-plan.pdf`, format: "A4", landscape: true, printBackground: true });
  await page.emulateMedia({ media: "screen" });

  // Everything is still there after a reload.
  await page.reload();
  await expect(page.locator(".plan-svg .booth")).toHaveCount(22);
  await expect(booth(page, "A-03")).toHaveClass(/booked/);
  await expect(booth(page, "A-02")).toHaveAttribute("transform", "translate(20 2)");
  await page.goto(fairUrl);
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  await expect(page.locator("#booth-summary")).toHaveText("展位：共 22 个，空闲 21，待审批 0，已预订 1，不可用 0");
  expect(problems).toEqual([]);
});

test("editing a fair that another tab changed shows a conflict, not a silent overwrite", async ({ page, context }) => {
  await openApp(page);
  await loadDemo(page);
  await page.getByRole("link", { name: "闵行区生物医药专场招聘会" }).click();
  await page.getByRole("link", { name: "编辑" }).click();
  await expect(page.locator("#name")).toHaveValue("闵行区生物医药专场招聘会");
  const formUrl = page.url();

  const other = await context.newPage();
  await openApp(other, formUrl.replace(/^.*?#/, "/#"));
  await other.fill("#capacity", "2500");
  await other.click("#save");
  await expect(other.locator("#fair-status")).toHaveText("草稿");

  const before = await storedEvents(page);
  await page.fill("#name", "闵行区生物医药与医疗器械专场招聘会");
  await page.click("#save");
  await expect(page.locator("#form-error")).toContainText("在你打开表单后已被修改");
  expect(await storedEvents(page)).toBe(before);
  await page.click("#reload-latest");
  await expect(page.locator("#capacity")).toHaveValue("2500");
  await page.fill("#name", "闵行区生物医药与医疗器械专场招聘会");
  await page.click("#save");
  await expect(page.locator("#fair-title")).toHaveText("闵行区生物医药与医疗器械专场招聘会");
  await expect(page.locator(".details")).toContainText("2500");
});

test("a fair needs venue and dates to publish; changes reach the enterprises booked there", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  // No dates: publishing is refused and nothing is written.
  await page.getByRole("link", { name: "新建招聘会" }).click();
  await page.fill("#name", "未排期的招聘会");
  await page.fill("#place", "某某路 1 号");
  await page.click("#save");
  const before = await storedEvents(page);
  await page.click("#publish");
  await expect(page.locator("#action-error")).toHaveText("发布前必须填写开始和结束时间");
  expect(await storedEvents(page)).toBe(before);

  // New dates for a published fair with bookings: the organizer sees who it reaches...
  await page.getByRole("link", { name: "招聘会", exact: true }).click();
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.getByRole("link", { name: "编辑" }).click();
  await expect(page.locator(".affected")).toContainText("上海电气集团股份有限公司");
  await page.fill("#start", localInput(6, 9));
  await page.fill("#end", localInput(6, 16));
  await page.click("#save");
  await expect(page.locator("#fair-status")).toHaveText("已发布");
  // ...and the enterprise sees it.
  await actAs(page, "enterprise", "上海电气集团股份有限公司");
  await page.getByRole("link", { name: "招聘会", exact: true }).click();
  const notices = page.locator(".fair-notices");
  await expect(notices).toContainText("宝山区先进制造业专场招聘会");
  await expect(notices).toContainText(`时间改为 ${localInput(6, 9).slice(0, 10)} 09:00–16:00`);

  // Postponing (延期): an earlier start is refused beside the field and nothing is written; a
  // later one, with its reason, reaches the enterprise.
  await actAs(page, "organizer");
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.click("#postpone-fair");
  await expect(page.locator(".postpone-box .affected")).toContainText("家企业申请或预订了展位");
  const unchanged = await storedEvents(page);
  await page.fill("#postpone-start", localInput(5, 9));
  await page.fill("#postpone-end", localInput(5, 16));
  await page.fill("#postpone-reason", "展馆改造");
  await page.click("#confirm-postpone");
  await expect(page.locator(".postpone-box")).toContainText("延期后的开始时间必须晚于原定开始时间");
  expect(await storedEvents(page)).toBe(unchanged);
  await page.fill("#postpone-start", localInput(9, 9));
  await page.fill("#postpone-end", localInput(9, 16));
  await page.keyboard.press("Enter");
  await expect(page.locator(".postpone-box")).toHaveCount(0);
  await expect(page.locator("dl.details")).toContainText(localInput(9, 9).slice(0, 10));
  await actAs(page, "enterprise", "上海电气集团股份有限公司");
  await page.getByRole("link", { name: "招聘会", exact: true }).click();
  await expect(notices).toContainText("延期举办");
  await expect(notices).toContainText("原因：展馆改造");

  // A cancellation and its reason reach it too.
  await actAs(page, "organizer");
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.click("#cancel-fair");
  await expect(page.locator(".cancel-box .affected")).toContainText("家企业申请或预订了展位");
  await page.fill("#reason", "场馆临时检修");
  await page.click("#confirm-cancel");
  await expect(page.locator("#fair-status")).toHaveText("已取消");
  await actAs(page, "enterprise", "上海电气集团股份有限公司");
  await page.getByRole("link", { name: "招聘会", exact: true }).click();
  await expect(notices).toContainText("已取消，原因：场馆临时检修");
  await page.screenshot({ path: `${ARTIFACTS}organizer-notices.png`, fullPage: true });
});

test("the fair list filters by series, district, mode and name, and shows month and week calendars", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await page.selectOption("#f-district", "Baoshan");
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(1);
  await expect(page.locator("#fairs-count")).toHaveText("符合条件 1 场（共 6 场）");
  await page.click("#clear-filters");
  await page.selectOption("#f-mode", "online");
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(1);
  await page.click("#clear-filters");
  await page.selectOption("#f-series", { label: "千企万岗" });
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(2);
  await page.fill("#f-text", "长宁");
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(1);
  await page.click("#clear-filters");
  await page.selectOption("#f-status", "draft");
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(1);
  await page.click("#clear-filters");

  await page.click("#view-month");
  const chips = page.locator(".calendar .chip");
  // Six fairs over about four weeks: some may fall into the next month.
  const inMonth = await chips.count();
  await page.click("#cal-next");
  const nextMonth = await chips.count();
  expect(inMonth + nextMonth).toBeGreaterThanOrEqual(5);
  await page.click("#cal-prev");
  await page.click("#view-week");
  await expect(page.locator(".calendar.week td.day")).toHaveCount(7);
  await page.click("#cal-next");
  await expect(page.locator(".calendar.week .chip").first()).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}organizer-calendar.png`, fullPage: true });
});

test("key enterprises get a category and a service commissioner, who sees their bookings and posts", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await page.getByRole("link", { name: "重点企业" }).click();
  const row = page.locator("#enterprise-list .vlist-rows .vlist-row", { hasText: "上海长宁数字科技有限公司" });
  await row.locator("select.key-select").selectOption("key_industry");
  await expect(row.locator("select.key-select")).toHaveValue("key_industry");
  // An empty name is refused beside the row.
  await row.locator("input.commissioner-input").fill("  ");
  await row.locator("form.assign button[type=submit]").click();
  await expect(row.locator(".field-error")).toHaveText("请填写就业服务专员姓名");
  await row.locator("input.commissioner-input").fill("张伟");
  await row.locator("form.assign button[type=submit]").click();
  await expect(row.locator(".field-error")).toHaveCount(0);

  await page.getByRole("link", { name: "服务专员" }).click();
  await page.selectOption("#commissioner", { label: "张伟（1）" });
  const card = page.locator(".card", { hasText: "上海长宁数字科技有限公司" });
  await expect(card).toContainText("重点产业");
  await expect(card).toContainText("L-01");
  await expect(card).toContainText("前端开发工程师");
  // The signed-in organizer 王敏 serves three demo enterprises.
  await page.selectOption("#commissioner", { label: "王敏（3）" });
  await expect(page.locator(".card")).toHaveCount(3);
  await page.screenshot({ path: `${ARTIFACTS}organizer-commissioner.png`, fullPage: true });

  // Names already in use are offered, so the same person is not spelt twice; a commissioner can
  // be taken off an enterprise again.
  await page.getByRole("link", { name: "重点企业" }).click();
  const names = await page.locator("#commissioner-names option").evaluateAll((os) => os.map((o) => o.value));
  expect(names).toEqual(expect.arrayContaining(["张伟", "王敏"]));
  await row.locator("button.unassign").click();
  await expect(row.locator("input.commissioner-input")).toHaveValue("");
  await expect(row.locator("button.unassign")).toHaveCount(0);
  await page.getByRole("link", { name: "服务专员" }).click();
  await expect(page.locator("#commissioner option", { hasText: "张伟" })).toHaveCount(0);
});

test("the approval queue marks key enterprises, moves a request to another booth and approves in bulk", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.locator("a.open-requests").click();
  await expect(page.locator("#waiting-count")).toHaveText("待审批 2 个");
  await expect(page.locator("tr.request.key")).toHaveCount(1);
  await page.check("#key-only");
  await expect(page.locator("tr.request")).toHaveCount(1);
  await page.uncheck("#key-only");

  const row = page.locator("tr.request", { hasText: "顺丰速运（上海）有限公司" });
  await expect(row).toContainText("A-07");
  await row.locator("button.reassign").click();
  await page.locator("select.reassign-target").selectOption({ label: "A-09" });
  await page.locator("button.confirm-reassign").click();
  await expect(page.locator("tr.request", { hasText: "顺丰速运（上海）有限公司" })).toContainText("A-09");

  await expect(page.locator("#approve-selected")).toBeDisabled();
  await page.check("#select-all");
  await expect(page.locator("#approve-selected")).toHaveText("批量通过所选（2）");
  await page.click("#approve-selected");
  await expect(page.locator("#waiting-count")).toHaveText("待审批 0 个");
  await expect(page.locator("table.decided tr", { hasText: "顺丰速运（上海）有限公司" })).toContainText("A-09");
  await expect(page.locator(".requests-plan .plan-svg .booth.booked")).toHaveCount(8);
});

test("holds that ran out are recorded as events, never decided", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  const before = await storedEvents(page);
  // Three days later (the demo's holds last 48 hours; the fair is still more than a day away).
  await page.clock.install({ time: Date.now() + 3 * 86400_000 });
  await page.reload();
  // On load the app records the holds that ran out (an event, not a silent change).
  await expect.poll(() => storedEvents(page)).toBeGreaterThan(before);
  await page.getByRole("link", { name: "宝山区先进制造业专场招聘会" }).click();
  await page.locator("a.open-requests").click();
  await expect(page.locator("tr.request button.approve")).toHaveCount(0);
  await expect(page.locator("#waiting-count")).toHaveText("待审批 0 个");
  await expect(page.locator("table.decided tr", { hasText: "顺丰速运（上海）有限公司" })).toContainText("已过期");
});

test("a series is renamed in place, and an empty name is refused there", async ({ page }) => {
  await openApp(page);
  await loadDemo(page);
  await page.getByRole("link", { name: "系列活动" }).click();
  const row = page.locator("table.series-list tr", { hasText: "重点产业专场招聘" });
  await row.locator("button.rename-series").click();
  const before = await storedEvents(page);
  await row.locator(".rename-form input").fill("  ");
  await row.locator(".rename-form button[type=submit]").click();
  await expect(row.locator(".field-error")).toHaveText("请填写系列活动名称");
  expect(await storedEvents(page)).toBe(before);
  await row.locator(".rename-form input").fill("重点产业专场招聘（2026 冬）");
  await row.locator(".rename-form button[type=submit]").click();
  await expect(page.locator("table.series-list")).toContainText("重点产业专场招聘（2026 冬）");
  expect(await storedEvents(page)).toBe(before + 1);
  await page.reload();
  await page.getByRole("link", { name: "系列活动" }).click();
  await expect(page.locator("table.series-list")).toContainText("重点产业专场招聘（2026 冬）");
});
