"""charter.Charter and charter files from Python."""

import pickle
import textwrap
from datetime import date, datetime, timedelta

import pytest

import charter

FILE = textwrap.dedent(
    """\
    charter: 1
    name: {zh: 示例客服中心, en: Example service centre}
    calendars:
      office:
        builtin: china
        hours: ["09:00-12:00", "13:30-18:30"]
      hotline:
        name: {zh: 热线, en: Hotline}
        zone: Asia/Shanghai
        week: {daily: ["00:00-24:00"]}
        first_day: 2025-01-01
        last_day: 2025-12-31
    organization:
      units:
        - {id: centre, name: {zh: 客户服务中心, en: Customer service centre}}
      roles:
        - id: cs_manager
          name: {zh: 客户服务经理, en: Customer-service manager}
          headcount: 1
          duties:
            - id: cs_manager.complaints
              text: {zh: 监督客户投诉处理, en: Supervises complaint handling}
              covers:
                - {action: complaint.escalate, raci: R}
                - {standard: R-05, raci: A}
        - id: agent
          reports_to: cs_manager
      staff:
        - {id: s-1, name: 王芳, roles: [cs_manager], unit: centre, active: {from: 2024-01-01}}
      grants:
        - {role: agent, action: complaint.escalate, allow: true, reason: night shift}
    """
)


def test_a_charter_file_parses_into_a_working_charter():
    c = charter.Charter.parse(FILE, "centre.yaml")
    assert c.name.zh == "示例客服中心"
    assert sorted(c.calendars) == ["hotline", "office"]
    office = c.calendar("office")
    assert office.add(datetime(2025, 6, 16, 11), timedelta(hours=2)) == datetime(2025, 6, 16, 14, 30)
    assert c.calendar("hotline").add(datetime(2025, 6, 16, 23), timedelta(hours=2)) == datetime(2025, 6, 17, 1)
    o = c.organization
    assert [r.id for r in o.escalation_chain("agent")] == ["cs_manager"]
    d = o.may("agent", "complaint.escalate")
    assert d.allowed and "night shift" in d.reason
    with pytest.raises(charter.UnknownIdError, match="hotline, office"):
        c.calendar("weekend")


def test_load_from_a_file_and_round_trip(tmp_path):
    path = tmp_path / "centre.yaml"
    path.write_text(FILE, encoding="utf-8")
    c = charter.Charter.load(path)
    assert c == charter.Charter.parse(FILE)
    for fmt in ("binary", "text", "xml"):
        assert charter.from_bytes(charter.to_bytes(c, fmt)) == c
    charter.save(c, tmp_path / "c.bin")
    assert charter.load(tmp_path / "c.bin") == c
    assert pickle.loads(pickle.dumps(c)) == c


@pytest.mark.parametrize(
    "text, line, column, path, words",
    [
        ("charter: 1\nname: x\nstandard: {}\n", 3, 1, "standard", "unknown key 'standard'"),
        ("charter: 1\nname: x\nstandards: []\n", 3, 12, "standards", "expected a map of standard id to standard"),
        ("charter: 2\n", 1, 10, "charter", "format version 2"),
        ("name: x\n", 1, 1, "", "missing 'charter: 1'"),
        ("charter: 1\norganization:\n  roles:\n    - id: x\n      report_to: y\n", 5, 7,
         "organization.roles[0].report_to", "unknown key 'report_to'"),
        ("charter: 1\ncalendars:\n  c:\n    week: {mon: [\"25:00-26:00\"]}\n", 4, 18,
         "calendars.c.week.mon[0]", "hour out of range"),
        ("charter: 1\ncalendars:\n  c:\n    zone: Mars/Olympus\n    week: {mon: [\"09:00-10:00\"]}\n", 4, 5,
         "calendars.c", "unknown time zone 'Mars/Olympus'"),
        ("charter: 1\ncalendars:\n  c: {builtin: atlantis}\n", 3, 16, "calendars.c.builtin", "unknown built-in"),
        ("charter: 1\ncalendars:\n  c:\n    holidays: {2024-02-30: x}\n", 4, 16, "calendars.c.holidays",
         "day 30 is not in that month"),
        ("charter: 1\norganization:\n  grants:\n    - {role: r, action: a, allow: maybe}\n", 4, 35,
         "organization.grants[0].allow", "expected true or false"),
        ("charter: 1\nname: [unclosed\n", 3, 1, "", ""),
    ],
)
def test_errors_name_file_line_column_and_path(text, line, column, path, words):
    with pytest.raises(charter.CharterFileError) as info:
        charter.Charter.parse(text, "centre.yaml")
    e = info.value
    assert (e.file, e.line, e.column, e.path) == ("centre.yaml", line, column, path), str(e)
    assert str(e).startswith(f"centre.yaml:{line}:{column}: ")
    assert words in str(e)
    assert isinstance(e, charter.ParseError)


def test_organisation_problems_come_together_each_with_its_line():
    text = textwrap.dedent(
        """\
        charter: 1
        organization:
          roles:
            - id: a
              reports_to: nobody
            - id: b
              duties:
                - id: b.d
                  covers: [{action: complaint.close, raci: A}]
          staff:
            - {id: s, name: 张三, roles: [ghost]}
        """
    )
    with pytest.raises(charter.CharterFileError) as info:
        charter.Charter.parse(text, "c.yaml")
    lines = str(info.value).splitlines()
    assert lines[0] == "c.yaml:5:19: organization.roles[0].reports_to: role 'a' reports to unknown role 'nobody'"
    assert any(l.startswith("c.yaml:9:") and "no responsible (R) role" in l for l in lines)
    assert any(l.startswith("c.yaml:11:") and "unknown role 'ghost'" in l for l in lines)
    assert "张三" not in str(info.value)


def test_builtin_charter_is_valid_and_shared():
    c = charter.Charter.builtin()
    assert c == charter.Charter.builtin()
    assert "office" in c.calendars


def test_missing_file():
    with pytest.raises(charter.FileError):
        charter.Charter.load("/nonexistent/centre.yaml")
