"""The dashboard in a real browser (Debian's Chromium through Playwright): signing in by link, every page with
seeded data, a phone's width, refused links, sign-out, keyboard use; a screenshot of every page."""

from __future__ import annotations

import re

from tests.integration.web.conftest import screenshot, sign_in
from tests.integration.web.seed import ADA, ALICE, EVE


def test_a_learner_signs_in_by_link_and_sees_the_me_page(site, page):
    sign_in(page, site.link(ALICE))

    assert page.get_by_role("heading", level=1).inner_text() == "Alice Chen: where you stand"
    for section in ("Readiness", "Accuracy per section", "Week by week", "Study plan", "Mock exams"):
        assert page.get_by_role("heading", name=re.compile(section)).count() == 1
    told_elsewhere = site.app.practice.readiness(ALICE)  # what stats says on the terminal and in chat
    assert told_elsewhere.verdict != "too little data"
    assert told_elsewhere.verdict.capitalize() in page.locator(".band").inner_text()
    assert told_elsewhere.based_on() in page.locator("section[aria-labelledby=readiness]").inner_text()
    assert page.locator("svg.chart").count() == 3  # readiness, sections, weekly trend
    assert page.get_by_role("link", name="Team").count() == 0  # not an admin
    assert "13 days from today" in page.locator("#checklist + p").inner_text()  # the exam date she set
    screenshot(page, "me")


def test_the_exam_report_opens_from_the_me_page(site, page):
    sign_in(page, site.link(ALICE))

    page.get_by_role("link", name=f"Report of exam {site.seeded.exam_id}").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith(f"Mock exam {site.seeded.exam_id}")
    assert page.get_by_role("heading", name="By section").count() == 1
    screenshot(page, "exam-report")


def test_an_admin_sees_the_team_lead_page(site, page):
    sign_in(page, site.link(ADA))

    page.get_by_role("link", name="Team").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Team lead: Acme ML"
    members = page.locator("table").first
    for name in ("Alice Chen", "Bob Okafor", "Carla Ruiz", "Dev Patel"):
        assert members.get_by_role("rowheader", name=name).count() == 1
    carla = members.get_by_role("row", name=re.compile("Carla Ruiz"))
    assert "stalled" in carla.inner_text()
    assert page.get_by_role("cell", name="Two options look right to me; the stem is ambiguous.").count() == 1
    assert page.get_by_role("heading", name=re.compile("Teams, this season")).count() == 1
    screenshot(page, "team")


def test_a_channels_daily_history_shows_every_reveals_tally(site, page):
    sign_in(page, site.link(ADA))
    page.goto(f"{site.url}/w/{acme(site)}/team")

    page.get_by_role("link", name="#ml-study").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Daily history of #ml-study"
    tallies = page.locator("caption", has_text="How the channel answered")
    assert tallies.count() == 15  # three reveals a week for five weeks; today's is open
    assert "Open: the tally shows at the reveal." in page.locator("article").first.inner_text()
    screenshot(page, "channel")


def test_the_bank_shows_counts_and_hides_keys_not_yet_revealed_or_answered(site, page):
    sign_in(page, site.link(ADA))

    page.get_by_role("link", name="Bank").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Question bank: ")
    assert page.get_by_text("hidden").count() > 0
    page.get_by_role("link", name=re.compile("^Drift Detection")).click()
    assert "Drift Detection" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "bank")


def test_every_page_fits_a_phones_width(site, phone):
    sign_in(phone, site.link(ADA))
    workspace = acme(site)
    for name, path in (("me", "me"), ("team", "team"), ("bank", "bank")):
        phone.goto(f"{site.url}/w/{workspace}/{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} is {width} px wide"
        screenshot(phone, f"phone-{name}")


def test_a_reused_link_is_refused(site, page):
    link = site.link(ALICE)
    sign_in(page, link)

    page.context.clear_cookies()
    page.goto(link)
    page.get_by_role("button", name="Open my dashboard").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Sign-in link refused"
    assert "expired or was used already" in page.locator("main").inner_text()


def test_an_expired_link_is_refused(site, page):
    link = site.link(ALICE)
    site.seeded.clock.advance(minutes=11)
    try:
        page.goto(link)
        page.get_by_role("button", name="Open my dashboard").click()
    finally:
        site.seeded.clock.advance(minutes=-11)

    assert page.get_by_role("heading", level=1).inner_text() == "Sign-in link refused"
    screenshot(page, "link-refused")


def test_a_session_of_one_workspace_gets_404_for_anothers_pages(site, page):
    sign_in(page, site.link(EVE))
    acme_id = acme(site)

    for path in ("me", "team", "bank", f"channels/{site.seeded.channel_id}", f"exams/{site.seeded.exam_id}"):
        response = page.goto(f"{site.url}/w/{acme_id}/{path}")
        assert response is not None and response.status == 404, path
    assert page.get_by_role("heading", level=1).inner_text() == "Not found"


def test_a_learner_cannot_open_the_admin_pages(site, page):
    sign_in(page, site.link(ALICE))

    response = page.goto(f"{site.url}/w/{acme(site)}/team")

    assert response is not None and response.status == 403


def test_sign_out_ends_the_session(site, page):
    sign_in(page, site.link(ALICE))
    me = page.url

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(site.url + "/")
    page.goto(me)

    assert page.url == site.url + "/"
    assert page.get_by_role("heading", level=1).inner_text() == "Quiz dashboard"
    screenshot(page, "signed-out")


def test_each_page_has_one_h1_and_labelled_controls(site, page):
    sign_in(page, site.link(ADA))
    workspace = acme(site)
    paths = ["me", "team", "bank", f"channels/{site.seeded.channel_id}"]
    for path in paths:
        page.goto(f"{site.url}/w/{workspace}/{path}")
        assert page.locator("h1").count() == 1, path
        for control in page.locator("button, a, input:not([type=hidden]), select").all():
            name = (control.get_attribute("aria-label") or control.inner_text()).strip()
            assert name, f"an unnamed control on {path}"
        for chart in page.locator("svg").all():
            assert chart.get_attribute("role") == "img" and chart.locator("title").count() == 1


def test_the_keyboard_reaches_the_skip_link_the_pages_and_sign_out(site, page):
    sign_in(page, site.link(ADA))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached[:4] == ["Me", "Team", "Bank", "Sign out"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # on "Bank"
    page.wait_for_url("**/bank")


def acme(site) -> int:
    return site.app.context.workspace_of(ADA).id


CONTRAST = """
(selector) => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].filter((e) => e.textContent.trim()).map((element) => {
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
    return [element.textContent.trim().slice(0, 30), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}
"""


def test_text_has_enough_contrast_on_every_page(site, page):
    sign_in(page, site.link(ADA))
    workspace = acme(site)
    for path in ("me", "team", "bank", f"channels/{site.seeded.channel_id}"):
        page.goto(f"{site.url}/w/{workspace}/{path}")
        measured = page.evaluate(CONTRAST, "p, li, th, td, a, button, caption, .muted, .state, code, h1, h2")
        low = [(text, round(ratio, 2)) for text, ratio in measured if ratio < 4.5]
        assert measured and not low, f"{path}: {low[:5]}"


def test_no_page_breaks_its_own_content_security_policy(site, page):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    requests_elsewhere = []
    page.on("request", lambda r: None if r.url.startswith(site.url) else requests_elsewhere.append(r.url))
    sign_in(page, site.link(ADA))
    workspace = acme(site)
    for path in ("me", "team", "bank", f"channels/{site.seeded.channel_id}", f"exams/{site.seeded.exam_id}"):
        page.goto(f"{site.url}/w/{workspace}/{path}")
    assert page.evaluate("getComputedStyle(document.querySelector('.top')).display") == "flex"  # the stylesheet applied
    assert refused == [] and requests_elsewhere == []


def test_a_form_with_a_wrong_csrf_token_is_refused_and_changes_nothing(site, page):
    sign_in(page, site.link(ALICE))
    me = page.url

    page.evaluate("document.querySelector('form.signout input[name=csrf]').value = 'forged'")
    page.get_by_role("button", name="Sign out").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Form refused"
    page.goto(me)
    assert page.url == me  # still signed in
    screenshot(page, "form-refused")
