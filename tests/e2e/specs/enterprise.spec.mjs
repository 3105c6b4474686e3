// Enterprises: registration with a GB 32100-2015 credit code, posts with headcount, a booth
// request with a hold, the organizer's approval, the waitlist and its automatic offer, and the
// agenda exported as an iCalendar file read back by a real calendar library (Python icalendar).
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { ARTIFACTS, CREDIT_ALPHABET, creditCode, openApp, register, storedEvents } from "./helpers.mjs";

const FAIR = "宝山区先进制造业专场招聘会";
const ZONE_B = "新能源汽车B馆";

function wrongCheck(code) {
  const last = CREDIT_ALPHABET[(CREDIT_ALPHABET.indexOf(code[17]) + 1) % 31];
  return code.slice(0, 17) + last;
}

/** A link of the main navigation in the header. */
function nav(page, name) {
  return page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name, exact: true });
}

async function actAs(page, role, enterprise) {
  await page.selectOption("#role", role);
  if (enterprise) await page.selectOption("#acting-enterprise", { label: enterprise });
}

async function addPost(page, { title, headcount, min, max }) {
  await page.getByRole("link", { name: "发布岗位" }).click();
  await page.fill("#post-title", title);
  await page.fill("#headcount", String(headcount));
  await page.fill("#salary-min", String(min));
  await page.fill("#salary", String(max));
  await page.getByLabel(FAIR).check();
  await page.click("#save-post");
  await expect(page.getByRole("heading", { name: "我的岗位" })).toBeVisible();
}

test("an enterprise books a booth, the next one waits and is offered it when the first cancels", async ({ page }) => {
  const problems = await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);

  // 1. Registration: a wrong check character is explained beside the field, nothing is written.
  const first = { name: "上海闵申机电设备有限公司", code: creditCode("91310112MA1GB3K7P"), contact: "孙丽", phone: "138 0213 5566" };
  const before = await storedEvents(page);
  await page.selectOption("#role", "enterprise");
  await page.selectOption("#acting-enterprise", "register");
  // The required fields are marked; an empty form names every problem at once, beside its field.
  for (const id of ["ent-name", "credit-code", "contact-name", "contact-phone"]) {
    await expect(page.locator(`label[for="${id}"] .required`), id).toBeVisible();
  }
  await page.click("#save-enterprise");
  for (const id of ["ent-name", "credit-code", "contact-name", "contact-phone"]) {
    await expect(page.locator(`.field-error[data-field="${id}"]`), id).toBeVisible();
  }
  // Registering a new enterprise again starts from an empty form, not the failed one.
  await page.fill("#ent-name", "半途而废的企业");
  await page.click("#save-enterprise");
  await page.selectOption("#acting-enterprise", "register");
  await expect(page.locator("#ent-name")).toHaveValue("");
  await expect(page.locator(".field-error")).toHaveCount(0);
  await page.fill("#ent-name", first.name);
  await page.fill("#credit-code", wrongCheck(first.code));
  await page.fill("#contact-name", first.contact);
  await page.fill("#contact-phone", first.phone);
  await page.click("#save-enterprise");
  const codeError = page.locator('.field-error[data-field="credit-code"]');
  await expect(codeError).toContainText(`第 18 位应为“${first.code[17]}”`);
  await expect(page.locator("#credit-code")).toHaveAttribute("aria-invalid", "true");
  await page.fill("#contact-phone", "12345");
  // A credit code typed in groups, as printed on a licence: the spaces are dropped.
  await page.fill("#credit-code", first.code.replace(/(.{6})/g, "$1 "));
  await page.click("#save-enterprise");
  await expect(page.locator('.field-error[data-field="contact-phone"]')).toContainText("不是有效的电话号码");
  expect(await storedEvents(page)).toBe(before);
  await page.fill("#contact-phone", first.phone);
  await page.click("#save-enterprise");
  await expect(page.getByRole("heading", { name: "我的岗位" })).toBeVisible();
  await expect(page.locator("#acting-enterprise option:checked")).toHaveText(first.name);

  // 2. Two posts; zero headcount, a negative one and an impossible salary range are refused in place.
  await page.getByRole("link", { name: "发布岗位" }).click();
  for (const id of ["post-title", "headcount", "salary"]) {
    await expect(page.locator(`label[for="${id}"] .required`), id).toBeVisible();
  }
  // An empty form: the title, the headcount and the salary, all at once.
  await page.click("#save-post");
  await expect(page.locator('.field-error[data-field="post-title"]')).toHaveText("请填写岗位名称");
  await expect(page.locator('.field-error[data-field="headcount"]')).toHaveText("请输入正整数");
  await expect(page.locator('.field-error[data-field="salary"]')).toHaveText("请输入正整数");
  await page.fill("#post-title", "电气装配工");
  await page.fill("#headcount", "0");
  await page.fill("#salary-min", "7000");
  await page.fill("#salary", "9000");
  await page.click("#save-post");
  await expect(page.locator('.field-error[data-field="headcount"]')).toHaveText("招聘人数应在 1 到 10000 之间");
  await page.fill("#headcount", "-3");
  await page.click("#save-post");
  await expect(page.locator('.field-error[data-field="headcount"]')).toHaveText("请输入正整数");
  await page.fill("#headcount", "8");
  await page.fill("#salary-min", "9500");
  await page.click("#save-post");
  await expect(page.locator('.field-error[data-field="salary"]')).toHaveText("最低月薪不能高于最高月薪");
  const afterRefusals = await storedEvents(page);
  await page.getByRole("link", { name: "取消" }).click();
  expect(afterRefusals).toBe(before + 1);
  await addPost(page, { title: "电气装配工", headcount: 8, min: 7000, max: 9000 });
  await addPost(page, { title: "设备维修电工", headcount: 4, min: 8000, max: 11000 });
  await expect(page.locator("#my-posts tbody tr")).toHaveCount(2);
  await expect(page.locator("#jobs-offered")).toHaveText("提供岗位 12 个");

  // 3. Request the last free booth of zone B: held for 48 hours, awaiting approval.
  await nav(page, "预订展位").click();
  // (the published fairs are a virtualised list that says how many there are)
  const bookable = page.locator("#bookable-fairs");
  await expect(bookable.locator(".vlist-count")).toHaveText(/^共 \d+ 场已发布的招聘会$/);
  const published = Number((await bookable.locator(".vlist-count").textContent()).match(/\d+/)[0]);
  await expect(bookable.locator("[role=table]")).toHaveAttribute("aria-rowcount", String(published + 1));
  await page.getByRole("link", { name: FAIR }).click();
  await expect(page.getByRole("heading", { name: FAIR })).toBeVisible();
  await expect(page.locator("#request-booth")).toBeDisabled();
  // By keyboard: one radio group; arrow keys skip taken booths (A-20 → any in zone B → B-02).
  await page.focus("#booth-A-20");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("#booth-B-02")).toBeChecked();
  await expect(page.locator("#request-booth")).toBeEnabled();
  await page.focus("#request-booth");
  await page.keyboard.press("Enter");
  const mine = page.locator("#my-booths-here");
  await expect(mine).toContainText("B-02 · 待审批");
  await expect(mine).toContainText("保留至");
  // The booth is now taken and zone B is full; the picker says so.
  await expect(page.locator("#booth-B-02")).toBeDisabled();

  // 4. The organizer approves it.
  await actAs(page, "organizer");
  await nav(page, "招聘会").click();
  await page.getByRole("link", { name: FAIR }).click();
  const row = page.locator("#fair-bookings tbody tr", { hasText: first.name });
  await expect(row).toContainText("待审批");
  await row.getByRole("button", { name: "通过" }).click();
  await expect(row).toContainText("已预订");
  // The organizer's booking rules: a hold of 0 hours is refused in place; 72 hours is kept.
  await expect(page.locator("#hold-hours")).toHaveValue("48");
  await page.fill("#hold-hours", "0");
  await page.click("#save-rules");
  await expect(page.locator("#rules-error")).toHaveText("保留时长（小时） 应在 1 到 720 之间");
  await page.fill("#hold-hours", "72");
  await page.click("#save-rules");
  await expect(page.locator("#rules-error")).toHaveCount(0);
  // The demo's enterprises offer 258 jobs at this fair; the two new posts add 8 + 4.
  await expect(page.locator("#jobs-at-fair")).toContainText("本场提供岗位数：270（11 个岗位）");

  // 5. A second enterprise finds zone B full and joins its waitlist.
  const second = { name: "上海宝城智造科技有限公司", code: creditCode("91310113MA1GC8L2W"), contact: "钱伟", phone: "021-5660 1234" };
  await register(page, second);
  await nav(page, "预订展位").click();
  await page.getByRole("link", { name: FAIR }).click();
  await expect(page.locator("#booth-B-02")).toBeDisabled();
  await page.getByRole("button", { name: `加入“${ZONE_B}”候补` }).click();
  await expect(page.locator("#waiting-here")).toHaveText("已加入候补，当前第 1 位");

  // 6. The first cancels; the booth is offered to the second automatically.
  await actAs(page, "enterprise", first.name);
  await nav(page, "我的展位").click();
  const booking = page.locator("#my-bookings tbody tr", { hasText: "B-02" });
  await booking.getByRole("button", { name: "取消预订" }).click();
  await expect(booking.locator(".status")).toHaveText("已取消");

  await actAs(page, "enterprise", second.name);
  await nav(page, "我的展位").click();
  const offer = page.locator("#offer-banner");
  await expect(offer).toContainText(`候补展位：B-02（${FAIR}）已为你保留`);
  await page.screenshot({ path: `${ARTIFACTS}enterprise-offer.png`, fullPage: true });

  // 7. The organizer sees the waitlist order and why the promotion happened.
  await actAs(page, "organizer");
  await nav(page, "招聘会").click();
  await page.getByRole("link", { name: FAIR }).click();
  const entry = page.locator("#fair-waitlist li", { hasText: second.name });
  await expect(entry).toContainText("已获提供");
  await expect(entry.locator(".promotion")).toContainText(`获提供展位 B-02：原预订被取消（原预订方：${first.name}）`);
  await page.screenshot({ path: `${ARTIFACTS}enterprise-organizer-waitlist.png`, fullPage: true });

  // 8. Both see the right state after a reload.
  await page.reload();
  await expect(page.locator("#fair-waitlist li", { hasText: second.name }).locator(".promotion")).toContainText("原预订被取消");
  await actAs(page, "enterprise", first.name);
  await nav(page, "我的展位").click();
  await expect(page.locator("#my-bookings tbody tr", { hasText: "B-02" }).locator(".status")).toHaveText("已取消");
  await page.reload();
  await expect(page.locator("#acting-enterprise option:checked")).toHaveText(first.name);
  await expect(page.locator("#my-bookings tbody tr", { hasText: "B-02" }).locator(".status")).toHaveText("已取消");
  await actAs(page, "enterprise", second.name);
  await page.reload();
  await expect(page.locator("#offer-banner")).toContainText("B-02");

  // 9. The second accepts; its agenda exports an .ics that a real calendar library reads, with
  // the fair's Shanghai times.
  await page.click("#accept-offer");
  await expect(page.locator("#my-bookings tbody tr", { hasText: "B-02" }).locator(".status")).toHaveText("已预订");
  await nav(page, "我的日程").click();
  await expect(page.locator("#agenda li.card")).toHaveCount(1);
  const when = (await page.locator("#agenda li.card .muted").first().innerText()).match(/(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})–(\d{2}:\d{2})/);
  expect(when).not.toBeNull();
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-ics")]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const file = `${ARTIFACTS}agenda.ics`;
  await download.saveAs(file);
  const script = `
import json, sys, zoneinfo, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
sh = zoneinfo.ZoneInfo("Asia/Shanghai")
out = []
for e in cal.walk("VEVENT"):
    out.append({
        "uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "status": str(e["STATUS"]),
        "start": e.decoded("DTSTART").astimezone(sh).strftime("%Y-%m-%d %H:%M"),
        "end": e.decoded("DTEND").astimezone(sh).strftime("%H:%M"),
        "start_utc_offset": e.decoded("DTSTART").utcoffset().total_seconds(),
        "description": str(e["DESCRIPTION"]),
    })
print(json.dumps({"tz": str(cal.get("X-WR-TIMEZONE")), "events": out}, ensure_ascii=False))
`;
  writeFileSync(`${ARTIFACTS}read_ics.py`, script);
  const parsed = JSON.parse(execFileSync("python3", [`${ARTIFACTS}read_ics.py`, file], { encoding: "utf8" }));
  expect(parsed.tz).toBe("Asia/Shanghai");
  expect(parsed.events).toHaveLength(1);
  const ev = parsed.events[0];
  expect(ev.summary).toBe(`${FAIR} · 展位 B-02`);
  expect(ev.status).toBe("CONFIRMED");
  expect(ev.start).toBe(`${when[1]} ${when[2]}`);
  expect(ev.end).toBe(when[3]);
  expect(ev.start_utc_offset).toBe(0);
  expect(ev.uid).toMatch(/^fair-[0-9a-f-]{36}\.enterprise-[0-9a-f-]{36}@fairlog$/);
  expect(problems).toEqual([]);
});

test("after the cut-off a cancellation and a request are refused in place, and nothing is written", async ({ page }) => {
  const problems = await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  const row = page.getByRole("row", { name: new RegExp(FAIR) });
  const [, day, hhmm] = (await row.innerText()).match(/(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})/);
  // Six hours before the fair opens: inside the 24-hour cut-off.
  const start = new Date(`${day}T${hhmm}:00+08:00`);
  const demo = await storedEvents(page);
  await page.clock.install({ time: new Date(start.getTime() - 6 * 3600_000) });
  await page.reload();
  await expect(page.locator(".loading")).toHaveCount(0);

  await actAs(page, "enterprise", "上海电气集团股份有限公司");
  await nav(page, "我的展位").click();
  const booked = page.locator("#my-bookings tbody tr", { hasText: FAIR }).filter({ hasText: "A-01" });
  await expect(booked.locator(".status")).toHaveText("已预订");
  // On load the app recorded the hold that ran out meanwhile (an event, not a silent change);
  // from here on nothing may be written.
  await expect.poll(() => storedEvents(page)).toBeGreaterThan(demo);
  const before = await storedEvents(page);
  await booked.getByRole("button", { name: "取消预订" }).click();
  await expect(page.locator("#booking-error")).toHaveText("开幕前 24 小时内不能再取消，请联系组织方");
  await expect(booked.locator(".status")).toHaveText("已预订");

  await actAs(page, "enterprise", "上海长宁数字科技有限公司");
  await nav(page, "预订展位").click();
  await page.getByRole("link", { name: FAIR }).click();
  await expect(page.locator("#requests-closed")).toBeVisible();
  await page.locator('label[for="booth-A-02"]').click();
  await page.click("#request-booth");
  await expect(page.locator("#form-error")).toHaveText("已过截止时间：开幕前 24 小时停止申请");
  expect(await storedEvents(page)).toBe(before);

  // The organizer sees the expiry of the unanswered request as an event-made state, not a silent one.
  await actAs(page, "organizer");
  await nav(page, "招聘会").click();
  await page.getByRole("link", { name: FAIR }).click();
  await expect(page.locator("#fair-bookings tbody tr", { hasText: "顺丰速运（上海）有限公司" })).toContainText("已过期（保留期满）");
  expect(problems).toEqual([]);
});

test("a booth just taken in another tab is refused with a clear message, and nothing else is lost", async ({ page, context }) => {
  const problems = await openApp(page);
  await page.getByRole("button", { name: "载入演示数据" }).click();
  await expect(page.locator("#fair-list .vlist-rows .vlist-row")).toHaveCount(6);

  // Tab A: 上海长宁数字科技 chooses B-02 and hesitates.
  await actAs(page, "enterprise", "上海长宁数字科技有限公司");
  await nav(page, "预订展位").click();
  await page.getByRole("link", { name: FAIR }).click();
  await page.locator('label[for="booth-B-02"]').click();
  await expect(page.locator("#booth-B-02")).toBeChecked();

  // Tab B: 京东物流 requests B-02 first.
  const other = await context.newPage();
  await openApp(other);
  await actAs(other, "enterprise", "京东物流上海分公司");
  await nav(other, "预订展位").click();
  await other.getByRole("link", { name: FAIR }).click();
  await other.locator('label[for="booth-B-02"]').click();
  await other.click("#request-booth");
  await expect(other.locator("#my-booths-here")).toContainText("B-02 · 待审批");
  const before = await storedEvents(page);

  // Tab A sends its request: refused beside the picker, no event, its choice of fair and page kept.
  await page.click("#request-booth");
  await expect(page.locator("#booth-error")).toHaveText("展位 B-02 刚刚被其他企业占用，请选择其他展位或加入候补");
  expect(await storedEvents(page)).toBe(before);
  await expect(page.locator("#booth-B-02")).toBeDisabled();
  await expect(page.getByRole("button", { name: `加入“${ZONE_B}”候补` })).toBeVisible();
  await expect(page.locator("#my-booths-here")).toHaveCount(0);
  expect(problems).toEqual([]);
});
