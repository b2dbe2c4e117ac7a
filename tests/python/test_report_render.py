"""The HTML report as a reader sees it: pages rendered by Debian's chromium (headless), screenshots
read back with PIL, and what is on screen measured against the data that was rendered.

Shapes are found by their exact fill colour (the SVG draws bars and target lines with crisp edges
in the Okabe-Ito colours of charter/report/svg.hpp, the CSS tints table rows): bar heights must
be in the proportions of the values, the target line must sit at the target, a breach row must be
tinted, the Chinese title must put ink on its band, and nothing may run off the page.

chromium, fonts-noto-cjk and python3-pil come from scripts/bootstrap; a machine without them
fails here rather than skipping, so CI (make test after bootstrap) always checks the page.
Set CHARTER_SCREENSHOT_DIR to keep the screenshots.
"""

import os
import shutil
import subprocess
from datetime import date

import numpy as np
import pytest

from charter import report

from PIL import Image  # python3-pil, installed by scripts/bootstrap: required, never skipped

WIDTH = 794  # an A4 page at 96 dpi

BLUE = (0x00, 0x72, 0xB2)      # bars, the line, met category bars
ORANGE = (0xE6, 0x9F, 0x00)    # category bars below target
TARGET = (0xD5, 0x5E, 0x00)    # the dashed target line
AXIS = (0x33, 0x33, 0x33)      # axis lines
GRID = (0xDD, 0xDD, 0xDD)      # grid lines
BREACH = (0xFB, 0xD5, 0xCF)    # a breach row's tint
OK = (0xE3, 0xF1, 0xE6)        # an ok row's tint
HEADER = (0x1F, 0x3B, 0x5C)    # the title band


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("chromium is not installed: run scripts/bootstrap (it installs chromium, fonts-noto-cjk, python3-pil)")


def screenshots(tmp_path, pages, height):
    """Renders {name: html} in parallel chromium processes; returns {name: RGB numpy array}."""
    exe = chromium()
    procs = {}
    for name, html in pages.items():
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        png = tmp_path / f"{name}.png"
        profile = tmp_path / f"profile-{name}"
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
               "--disable-extensions", "--disable-dev-shm-usage", "--force-device-scale-factor=1",
               f"--user-data-dir={profile}", f"--window-size={WIDTH},{height}", f"--screenshot={png}",
               page.as_uri()]
        # chromium prints D-Bus and GPU noise on stderr even when it succeeds; keep it for failures.
        procs[name] = (subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, "HOME": str(tmp_path)}), png)
    images = {}
    for name, (proc, png) in procs.items():
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail(f"chromium took more than 60 s on page {name}")
        assert proc.returncode == 0 and png.exists(), (
            f"chromium failed on {name} (exit {proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
        keep = os.environ.get("CHARTER_SCREENSHOT_DIR")
        if keep:
            os.makedirs(keep, exist_ok=True)
            shutil.copy(png, os.path.join(keep, png.name))
        with Image.open(png) as im:
            images[name] = np.asarray(im.convert("RGB"))
    return images


def mask(img, colour):
    return np.all(img == np.array(colour, dtype=img.dtype), axis=2)


def runs(flags):
    """[(start, end)) of consecutive True entries."""
    out, start = [], None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i))
            start = None
    return out


def vertical_bars(img, colour, min_height):
    """Bars drawn upwards in `colour`: [(x_centre, height_px)] left to right."""
    m = mask(img, colour)
    bars = []
    for x0, x1 in runs(m.any(axis=0)):
        height = int(m[:, x0:x1].sum(axis=0).max())
        if height >= min_height:  # legend swatches are smaller than any bar here
            bars.append(((x0 + x1) / 2, height))
    return bars


def horizontal_bars(img, colour, min_width):
    """Bars drawn rightwards in `colour`: [(y_centre, x_left, x_right)] top to bottom."""
    m = mask(img, colour)
    bars = []
    for y0, y1 in runs(m.any(axis=1)):
        cols = np.nonzero(m[y0:y1].any(axis=0))[0]
        if cols[-1] - cols[0] + 1 >= min_width:
            bars.append(((y0 + y1) / 2, int(cols[0]), int(cols[-1]) + 1))
    return bars


def title_band(title, lang="zh"):
    return dict(title=title, subtitle="全中心 · Whole centre", generated_at="生成于 2025-11-01 09:00", lang=lang)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report-render")
    long_word = "R-23-" + "x" * 300  # one unbreakable word, far wider than the page
    volume = report.Chart.daily_bars("每日投诉量 (daily complaints)", date(2025, 10, 1),
                                     [10, 20, 40, None, 0, 30], series="投诉", unit="件")
    table = report.Table(
        ["单位", "违规", "说明"],
        [report.Row(["北京营业部", "0", "—"], status="ok"),
         report.Row(["上海营业部", report.Cell("3", status="breach"), "超时未答复 (R-10)"], status="breach"),
         ["广州营业部", "1", long_word]],
        align=["left", "right", "left"])
    bars_page = report.Document(sections=[report.Section("投诉 (Complaints)", [
        volume, table, report.Paragraph(long_word)])], **title_band("客服质量月度报表 2025-10"))

    on_time = report.Chart.daily_line("按时答复率 (on-time reply)", date(2025, 10, 1),
                                      [96, 100, None, 90, 95, 97.5], target=95)
    line_page = report.Document(sections=[report.Section("答复 (Replies)", [on_time])],
                                **title_band("On-time replies", lang="en"))

    by_unit = report.Chart.category_bars(
        "各单位达标率 (compliance by unit)",
        ["北京营业部", "上海营业部", "广州营业部", "深圳营业部（华南区客户服务中心第一营业部）"],
        [80, 100, 60, None], target=80)
    category_page = report.Document(sections=[report.Section("达标 (Compliance)", [by_unit])],
                                    **title_band("各单位达标率"))
    return screenshots(tmp, {"bars": bars_page.to_html(), "line": line_page.to_html(),
                             "category": category_page.to_html()}, height=1100)


def test_cjk_font_is_installed():
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True).stdout
    assert "Noto Sans CJK SC" in out, "fonts-noto-cjk is missing: run scripts/bootstrap"


def test_daily_bars_are_in_proportion_and_a_missing_day_is_a_gap(pages):
    bars = vertical_bars(pages["bars"], BLUE, min_height=20)
    # 10, 20, 40, (no data), 0, 30: four visible bars; the zero bar has no height.
    assert len(bars) == 4, bars
    heights = [h for _, h in bars]
    unit = heights[2] / 40
    for h, v in zip(heights, [10, 20, 40, 30]):
        assert abs(h - v * unit) <= 2, (heights, "not proportional to 10, 20, 40, 30")
    # Bars stand on their own days: days 1, 2, 3 and 6, one slot apart, then three.
    xs = [x for x, _ in bars]
    slot = xs[1] - xs[0]
    assert slot > 20
    assert abs((xs[2] - xs[1]) - slot) <= 1.5
    assert abs((xs[3] - xs[2]) - 3 * slot) <= 2


def test_breach_row_is_tinted_and_ok_row_too(pages):
    img = pages["bars"]
    for colour, what in ((BREACH, "breach"), (OK, "ok")):
        m = mask(img, colour)
        bands = [(y0, y1) for y0, y1 in runs(m.sum(axis=1) > 300)]
        assert len(bands) == 1, f"{what} row tint: {bands}"
        y0, y1 = bands[0]
        assert y1 - y0 >= 15, f"the {what} row is {y1 - y0} px high"
    breach_top = runs(mask(img, BREACH).sum(axis=1) > 300)[0][0]
    ok_top = runs(mask(img, OK).sum(axis=1) > 300)[0][0]
    assert ok_top < breach_top  # rows in the order given


def test_chinese_title_is_drawn_on_its_band(pages):
    img = pages["bars"]
    band = mask(img, HEADER)
    rows = np.nonzero(band.any(axis=1))[0]
    cols = np.nonzero(band.any(axis=0))[0]
    assert rows.size and rows[0] < 40, "the title band is at the top of the page"
    box = img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    ink = np.all(box > 200, axis=2).sum()  # white text on the dark band
    assert ink > 1500, f"only {ink} light pixels on the title band: the title did not render"
    # The first line (the CJK title) alone carries ink across a good width, not a few boxes.
    title_rows = box[: box.shape[0] // 3]
    inked_cols = np.nonzero(np.all(title_rows > 200, axis=2).any(axis=0))[0]
    assert inked_cols[-1] - inked_cols[0] > 150


def test_nothing_overflows_the_page_width(pages):
    for name, img in pages.items():
        ink = np.any(img < 245, axis=2)
        cols = np.nonzero(ink.any(axis=0))[0]
        assert cols[-1] < WIDTH - 20, f"{name}: ink at x={cols[-1]} reaches the page edge ({WIDTH} px)"
        assert cols[0] > 20, f"{name}: ink at x={cols[0]} touches the left edge"


def test_target_line_sits_at_its_height_on_the_rate_chart(pages):
    img = pages["line"]
    target_rows = mask(img, TARGET).sum(axis=1)
    y_target = int(np.argmax(target_rows))
    assert target_rows[y_target] > 200, "no dashed target line"
    axis_rows = np.nonzero(mask(img, AXIS).sum(axis=1) > 400)[0]
    assert axis_rows.size, "no x axis"
    y_zero = int(axis_rows[-1])
    grid_rows = np.nonzero(mask(img, GRID).sum(axis=1) > 400)[0]
    y_hundred = int(grid_rows[0])  # the top grid line is 100 %
    fraction = (y_zero - y_target) / (y_zero - y_hundred)
    assert abs(fraction - 0.95) < 0.012, f"the 95 % target is drawn at {fraction:.3f} of the scale"


def test_category_bars_and_target_line(pages):
    img = pages["category"]
    met = horizontal_bars(img, BLUE, min_width=40)
    below = horizontal_bars(img, ORANGE, min_width=40)
    assert len(met) == 2 and len(below) == 1, (met, below)  # 80 and 100 meet 80; 60 does not
    (y80, left, right80), (y100, left100, right100) = met
    (y60, left60, right60) = below[0]
    assert left == left100 == left60, "bars start on one axis"
    w80, w100, w60 = right80 - left, right100 - left, right60 - left
    assert abs(w100 / w80 - 1.25) < 0.02 and abs(w60 / w80 - 0.75) < 0.02, (w60, w80, w100)
    assert y80 < y100 < y60, "categories top to bottom in the order given"
    target_cols = mask(img, TARGET).sum(axis=0)
    x_target = int(np.argmax(target_cols))
    assert abs(x_target - right80) <= 2, f"target line at x={x_target}, the 80 % bar ends at {right80}"
    # The fourth unit has no data: no bar, while its label and "无数据" are drawn.
    assert len(met) + len(below) == 3


@pytest.fixture(scope="module")
def monthly_page(tmp_path_factory):
    """The monthly quality report of a generated November (zh), as a reader's browser shows it,
    with the report it was drawn from."""
    import charter
    from datetime import datetime, timedelta
    base = charter.Charter.builtin()
    centre = base.with_staff(charter.workflow.generated_roster(base.organization, 2))
    tracker = charter.workflow.Tracker(centre.workflow("complaint"))
    tracker.ingest(charter.workflow.complaint_stream(centre, 300, start=datetime(2025, 11, 1)))
    observations = charter.standard.observation_stream(centre, 3000, start=datetime(2025, 11, 1),
                                                       span=timedelta(days=30))
    findings = charter.standard.evaluate(centre, observations)
    records = charter.cycle.completion_stream(centre, datetime(2025, 1, 1), datetime(2025, 12, 1))
    r = report.monthly(centre, tracker, findings, records, "2025-11", targets={"compliance": 0.9, "on_time": 0.9})
    tmp = tmp_path_factory.mktemp("report-monthly")
    return r, screenshots(tmp, {"monthly": r.to_html()}, height=9000)["monthly"]


def test_the_monthly_report_page_shows_its_figures(monthly_page):
    r, img = monthly_page
    # The Chinese title on its band, at the top.
    band = mask(img, HEADER)
    rows = np.nonzero(band.any(axis=1))[0]
    assert rows.size and rows[0] < 40
    assert np.all(img[rows[0]:rows[-1] + 1] > 200, axis=2).sum() > 1500, "the title did not render"
    # One volume bar per day that received complaints, tallest on the busiest day.
    received = r.complaints.received_by_day
    # The page has other blue (tile borders, the on-time line): take each band of rows holding blue
    # on its own; the volume chart is the band with the most bars.
    blue_rows = runs(mask(img, BLUE).any(axis=1))
    volume = max((vertical_bars(img[y0:y1], BLUE, min_height=8) for y0, y1 in blue_rows), key=len)
    days_with = [n for n in received if n > 0]
    assert len(volume) == len(days_with), f"{len(volume)} blue bars for {len(days_with)} days with complaints"
    heights = [h for _, h in volume]
    assert heights.index(max(heights)) == days_with.index(max(days_with))
    # Compliance by unit: every unit below the 90 % target is an orange bar, the others blue.
    below = [u for u in r.by_unit if u["checked"] and u["rate"] < 0.9]
    assert len(horizontal_bars(img, ORANGE, min_width=20)) >= len(below) > 0
    # Breaches are tinted rows; nothing runs off the page.
    assert r.breach_count > 0 and mask(img, BREACH).sum() > 1000
    ink = np.any(img < 245, axis=2)
    cols = np.nonzero(ink.any(axis=0))[0]
    assert 20 < cols[0] and cols[-1] < WIDTH - 20
