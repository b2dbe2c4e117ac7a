"""Service standards from Python: the built-in standards of the charter checked against observations.

Calendar facts (China; the built-in "office" calendar opens 09:00-18:30, Asia/Shanghai):
2025-10-01..08 is the National Day holiday; 2025-10-09 is a Thursday. Naive datetimes are
Shanghai wall time: evaluate() reads them with the charter's "office" calendar by default.
"""

import math
import pickle
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import charter
from charter.standard import (
    Condition,
    DeadlineChoice,
    DeadlineRule,
    DistinctSigners,
    Eligibility,
    Finding,
    Findings,
    Observation,
    Outcome,
    PhraseHit,
    PhraseMatcher,
    Phrases,
    Quantity,
    Standard,
    Threshold,
    evaluate,
    fold_phrase_text,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
THU_10 = datetime(2025, 10, 9, 10, 0)  # Thursday 2025-10-09 10:00, Shanghai wall time
WEEKDAYS = {d: [("09:00", "18:00")] for d in ("mon", "tue", "wed", "thu", "fri")}

COLUMN_DTYPES = {
    "observation": np.dtype("int64"),
    "observation_id": np.dtype("O"),
    "standard": np.dtype("O"),
    "standard_code": np.dtype("uint16"),
    "outcome": np.dtype("O"),
    "outcome_code": np.dtype("uint8"),
    "measured": np.dtype("float64"),
    "bound": np.dtype("float64"),
    "owner": np.dtype("O"),
    "staff": np.dtype("O"),
    "unit": np.dtype("O"),
    "channel": np.dtype("O"),
    "at": np.dtype("datetime64[us]"),
}


@pytest.fixture(scope="module")
def rulebook():
    return charter.Charter.builtin()


def seen(id, kind, at=THU_10, channel=None, **fields):
    """An observation dict as a call-centre export gives it: served by li.na in the call centre."""
    return {"id": id, "kind": kind, "at": at, "staff": "li.na", "unit": "call_centre", "channel": channel, **fields}


def only(findings, standard, observation=0):
    """The one Finding of `standard` for an observation (fails unless there is exactly one)."""
    rows = [f for f in findings if f.standard == standard and f.observation == observation]
    assert len(rows) == 1, [f.standard for f in findings]
    return rows[0]


# ---- the rulebook's cases ----------------------------------------------------------------------


def test_a_call_answered_after_four_rings_breaks_r01_and_r02_does_not_apply(rulebook):
    found = evaluate(rulebook, [seen("CALL-2", "call", rings=4)])
    r01 = only(found, "R-01")
    assert r01.outcome == Outcome.not_met
    assert (r01.measured, r01.bound, r01.owner) == (4, 2, "cs_manager")
    assert r01.explanation == "CALL-2 R-01 not met: rings before answering 4, at most 2 allowed (owner cs_manager)"
    assert str(r01) == r01.explanation
    r02 = only(found, "R-02")
    assert r02.outcome == Outcome.not_applicable
    assert r02.explanation == "CALL-2 R-02 not applicable: applies only when rings \u2265 5 (owner cs_manager)"
    assert math.isnan(r02.measured) and math.isnan(r02.bound)


def test_after_five_rings_the_caller_is_owed_an_apology(rulebook):
    found = evaluate(rulebook, [
        seen("CALL-3", "call", rings=6, apology=True),
        seen("CALL-4", "call", rings=5),
        seen("CALL-5", "call", rings=5, apology="否"),
    ])
    assert only(found, "R-02", 0).outcome == Outcome.met
    silent = only(found, "R-02", 1)
    assert silent.outcome == Outcome.not_met
    assert silent.explanation == ("CALL-4 R-02 not met: apology is yes does not hold: no 'apology' recorded "
                                  "(owner cs_manager)")
    assert only(found, "R-02", 2).outcome == Outcome.not_met


def test_an_online_order_received_late_on_the_eve_of_national_day_is_due_by_close_on_the_ninth(rulebook):
    # 16:30 is after the 16:00 cut-off: the next business day after 30 September is 9 October.
    eve = datetime(2025, 9, 30, 16, 30)
    found = evaluate(rulebook, [
        seen("ORD-2", "order", at=eve, channel="web", made_up_at=datetime(2025, 10, 9, 12, 0)),
        seen("ORD-3", "order", at=eve, channel="web", made_up_at="2025-10-10 09:30"),
    ])
    on_time = only(found, "R-10", 0)
    assert on_time.outcome == Outcome.met
    assert "due 2025-10-09 18:30:00 (end of next business day, as local_time \u2265 16:00)" in on_time.explanation
    assert on_time.measured == -6.5 * 3600  # made up six and a half hours before it was due
    assert only(found, "R-10", 1).outcome == Outcome.not_met
    assert on_time.at == eve  # naive in, naive local wall time out


def test_a_forbidden_phrase_is_found_whatever_its_punctuation_and_its_place_slices_the_str(rulebook):
    said = "您好，喂，干什么"
    found = evaluate(rulebook, [seen("CALL-10", "call", transcript=said)])
    row = only(found, "forbidden_phrases")
    assert row.outcome == Outcome.not_met
    assert row.explanation == ("CALL-10 forbidden_phrases not met: forbidden in 'transcript': '喂，干什么' at "
                               "character 4 (owner cs_manager)")
    # The standard's own matcher says where, in offsets that slice the Python str.
    (hit,) = rulebook.standard("forbidden_phrases").forbidden_matcher.find_all(said)
    assert (hit.start, hit.end) == (3, 8)
    assert said[hit.start:hit.end] == hit.text == "喂，干什么"
    for variant in ("喂,干什么？", "喂 干什么", "您好，喂， 干什么"):
        assert only(evaluate(rulebook, [seen("C", "call", rings=1, transcript=variant)]),
                    "forbidden_phrases").outcome == Outcome.not_met


def test_goods_counted_without_the_customer_need_two_different_signers(rulebook):
    found = evaluate(rulebook, [
        seen("PACK-1", "packing", customer_present=False, signers=["li.na", "li.na"]),
        seen("PACK-2", "packing", customer_present=False, signers="li.na; wang.fang"),
        seen("PACK-3", "packing", customer_present=True),
    ])
    twice = only(found, "four_eyes", 0)
    assert twice.outcome == Outcome.not_met
    assert twice.explanation == ("PACK-1 four_eyes not met: signed by 1 different staff ('signers' is "
                                 "'li.na;li.na'), at least 2 needed (owner cs_manager)")
    assert (twice.measured, twice.bound) == (1, 2)
    assert only(found, "four_eyes", 1).outcome == Outcome.met
    assert only(found, "four_eyes", 2).outcome == Outcome.not_applicable


def test_thai_silver_is_refused_for_repair_with_the_reason(rulebook):
    found = evaluate(rulebook, [
        seen("REP-1", "repair_request", material="thai_silver", accepted=False),
        seen("REP-2", "repair_request", material="thai_silver", accepted=True),
        seen("REP-3", "repair_request", material="sterling_silver", accepted=True),
        seen("REP-4", "repair_request", material="thai_silver"),
    ])
    refused = only(found, "thai_silver_repairs", 0)
    assert refused.outcome == Outcome.met
    assert refused.explanation == ("REP-1 thai_silver_repairs met: refused: Thai silver is not accepted for repair "
                                   "(owner cs_manager)")
    assert only(found, "thai_silver_repairs", 1).outcome == Outcome.not_met
    assert only(found, "thai_silver_repairs", 2).outcome == Outcome.not_applicable
    assert only(found, "thai_silver_repairs", 3).outcome == Outcome.invalid


def test_rings_that_are_not_a_number_make_the_call_invalid_not_passed(rulebook):
    found = evaluate(rulebook, [seen("CALL-6", "call", rings="four"), seen("CALL-7", "call")])
    assert only(found, "R-01", 0).outcome == Outcome.invalid
    assert "field 'rings' is 'four', not a number" in only(found, "R-01", 0).explanation
    assert only(found, "R-01", 1).explanation == "CALL-7 R-01 invalid: no 'rings' recorded (owner cs_manager)"


def test_an_observation_without_an_instant_is_invalid_for_every_standard(rulebook):
    found = evaluate(rulebook, [seen("X", "call", at=None, rings=1)])
    assert len(found) > 0
    assert {f.outcome for f in found} == {Outcome.invalid}
    assert found[0].at is None
    assert np.isnat(found.columns()["at"]).all()


# ---- the forms of input ------------------------------------------------------------------------


def test_dicts_observations_and_a_data_frame_give_the_same_findings(rulebook):
    pd = pytest.importorskip("pandas")
    dicts = [
        seen("CALL-1", "call", rings=1, apology=None, transcript="您好，天竺工坊"),
        seen("ORD-1", "order", channel="web", made_up_at=datetime(2025, 10, 9, 17, 40), size=None),
        seen("PACK-1", "packing", customer_present=False, signers="li.na;wang.fang"),
    ]
    observations = [Observation.from_dict(d) for d in dicts]
    assert observations[0] == Observation("call", THU_10, id="CALL-1", staff="li.na", unit="call_centre",
                                          fields={"rings": 1, "transcript": "您好，天竺工坊"})
    # A frame has every column for every row: cells a row does not give are None or NaN.
    frame = pd.DataFrame({
        "id": ["CALL-1", "ORD-1", "PACK-1"],
        "kind": ["call", "order", "packing"],
        "at": pd.to_datetime([THU_10] * 3),
        "staff": ["li.na"] * 3,
        "unit": ["call_centre"] * 3,
        "channel": [None, "web", None],
        "rings": [1, np.nan, np.nan],  # a float column: 1.0 is the field "1"
        "transcript": ["您好，天竺工坊", None, None],
        "made_up_at": pd.to_datetime([pd.NaT, datetime(2025, 10, 9, 17, 40), pd.NaT]),
        "customer_present": [None, None, False],
        "signers": [np.nan, np.nan, "li.na;wang.fang"],
    })
    from_dicts = evaluate(rulebook, dicts)
    assert evaluate(rulebook, observations) == from_dicts
    assert evaluate(rulebook, frame) == from_dicts
    assert [f.outcome for f in from_dicts if f.observation == 1] == [Outcome.met]  # R-10, 50 minutes early
    assert only(from_dicts, "R-10", 1).measured == -50 * 60


def test_field_values_become_the_text_a_file_would_hold():
    o = Observation("order", THU_10, fields={
        "rings": 4.0, "minutes": 4.5, "count": np.int64(3), "urgent": True, "paid": np.bool_(False),
        "note": None, "blank": "", "missing": float("nan"), "absent": np.datetime64("NaT"),
        "made_up_at": datetime(2025, 10, 9, 17, 40), "sent_at": datetime(2025, 10, 9, 17, 40, 5, tzinfo=SHANGHAI),
        "signers": ("li.na", "wang.fang"),
    })
    assert o.fields == {
        "rings": "4", "minutes": "4.5", "count": "3", "urgent": "yes", "paid": "no",
        "made_up_at": "2025-10-09 17:40:00", "sent_at": "2025-10-09 17:40:05+08:00", "signers": "li.na;wang.fang",
    }
    assert o.field("note") is None and o.field("rings") == "4"
    assert o.at == THU_10 and o.kind == "order" and o.id == ""


def test_a_data_frame_is_read_column_by_column_with_its_own_types(rulebook):
    pd = pytest.importorskip("pandas")
    n = 2000
    frame = pd.DataFrame({
        "kind": ["call"] * n,
        "at": pd.date_range("2025-10-09 09:00", periods=n, freq="min"),
        "id": np.arange(n),  # integer ids become "0", "1", ...
        "rings": np.arange(n) % 8,
        "apology": pd.array([True, False, None, True] * (n // 4), dtype="boolean"),
        "transcript": pd.Categorical(["您好", "喂，干什么", None, "您好"] * (n // 4)),
    })
    dicts = [{k: frame[k].iloc[i] for k in frame.columns} for i in range(n)]
    assert evaluate(rulebook, frame) == evaluate(rulebook, dicts)
    found = evaluate(rulebook, frame).columns()
    assert found["observation_id"][0] == "0"
    assert (found["at"][found["observation"] == 1] == np.datetime64("2025-10-09T09:01")).all()


def test_naive_datetimes_are_office_wall_time_and_aware_ones_are_exact(rulebook):
    naive = evaluate(rulebook, [seen("V", "visit", at=THU_10, greet_seconds=10)])
    aware = evaluate(rulebook, [seen("V", "visit", at=datetime(2025, 10, 9, 2, 0, tzinfo=timezone.utc),
                                     greet_seconds=10)])
    text = evaluate(rulebook, [seen("V", "visit", at="2025-10-09 10:00+08:00", greet_seconds=10)])
    assert naive == aware == text
    # Naive in: local wall time of the zone back; every instant aware: UTC back.
    assert naive.columns()["at"][0] == np.datetime64("2025-10-09T10:00")
    assert naive[0].at == THU_10
    assert aware.columns()["at"][0] == np.datetime64("2025-10-09T02:00")
    assert aware[0].at == datetime(2025, 10, 9, 2, 0, tzinfo=timezone.utc)
    assert aware.columns(utc=False)["at"][0] == np.datetime64("2025-10-09T10:00")
    assert naive.columns(utc=True)["at"][0] == np.datetime64("2025-10-09T02:00")
    assert naive.row(0, utc=True).at == datetime(2025, 10, 9, 2, 0, tzinfo=timezone.utc)


def test_the_zone_that_reads_naive_datetimes_can_be_named(rulebook):
    # 10:00 in UTC is 18:00 in Shanghai: after the 16:00 cut-off, so the order is due the next day.
    utc = charter.BusinessCalendar(zone="UTC", week=WEEKDAYS, name="utc")
    order = [seen("ORD-1", "order", channel="web", made_up_at="2025-10-10 12:00")]
    assert only(evaluate(rulebook, order), "R-10").outcome == Outcome.not_met
    in_utc = evaluate(rulebook, order, zone=utc)
    assert only(in_utc, "R-10").outcome == Outcome.met
    assert in_utc.zone == utc
    assert in_utc.columns()["at"][0] == np.datetime64("2025-10-09T10:00")  # local wall time of that zone
    assert evaluate(rulebook, order, zone="hotline") == evaluate(rulebook, order)  # also Shanghai
    with pytest.raises(charter.UnknownIdError, match="nowhere"):
        evaluate(rulebook, order, zone="nowhere")


def test_a_charter_without_an_office_calendar_needs_a_zone():
    cn = charter.calendars.china()
    two = charter.Charter(calendars={"a": cn, "b": cn})
    with pytest.raises(ValueError, match="calendars a, b and none is 'office'"):
        evaluate(two, [])
    assert len(evaluate(two, [{"kind": "call", "at": THU_10}], zone="a")) == 0  # no standards
    assert evaluate(charter.Charter(calendars={"only": cn}), []).zone == cn


# ---- findings as columns, frames and rows ------------------------------------------------------


def test_findings_columns_have_their_documented_dtypes(rulebook):
    found = evaluate(rulebook, [seen("CALL-2", "call", rings=4), seen("", "visit", channel="front_desk",
                                                                      greet_seconds=75)])
    cols = found.columns()
    assert {k: v.dtype for k, v in cols.items()} == COLUMN_DTYPES
    assert all(v.ndim == 1 and len(v) == len(found) for v in cols.values())
    r01 = list(cols["standard"]).index("R-01")
    assert cols["outcome"][r01] == "not_met" and cols["outcome_code"][r01] == Outcome.not_met.value
    assert found.standards[cols["standard_code"][r01]].id == "R-01"
    visit = list(cols["standard"]).index("R-03")
    assert (cols["observation"][visit], cols["observation_id"][visit]) == (1, "")
    assert (cols["staff"][visit], cols["unit"][visit], cols["channel"][visit]) == ("li.na", "call_centre", "front_desk")
    assert cols["channel"][r01] == ""
    explained = found.columns(explain=True)
    assert explained["explanation"].dtype == np.dtype("O")
    assert list(explained["explanation"]) == [found.explanation(i) for i in range(len(found))]
    assert "explanation" not in cols


def test_findings_as_a_data_frame(rulebook):
    pd = pytest.importorskip("pandas")
    found = evaluate(rulebook, [seen("CALL-2", "call", rings=4), seen("CALL-3", "call", rings=1)])
    frame = found.to_frame()
    assert list(frame.columns) == ["observation", "observation_id", "standard", "outcome", "measured", "bound",
                                   "owner", "staff", "unit", "channel", "at"]
    assert len(frame) == len(found)
    assert list(frame.outcome.cat.categories) == ["met", "not_met", "not_applicable", "invalid"]
    assert list(frame.standard.cat.categories) == [s.id for s in rulebook.standards]
    r01 = frame[frame.standard == "R-01"]
    assert list(r01.outcome) == ["not_met", "met"]
    assert list(r01.observation_id) == ["CALL-2", "CALL-3"]
    assert frame["at"].dtype == np.dtype("datetime64[ns]")
    assert "explanation" in found.to_frame(explain=True).columns
    aware = found.to_frame(utc=True)
    assert str(aware["at"].dtype) == "datetime64[ns, UTC]"
    assert aware["at"].iloc[0] == pd.Timestamp("2025-10-09 02:00", tz="UTC")


def test_findings_rows_index_iterate_and_explain(rulebook):
    found = evaluate(rulebook, [seen("CALL-2", "call", rings=4)])
    rows = list(found)
    assert len(rows) == len(found) == 6
    assert all(isinstance(r, Finding) for r in rows)
    assert found[-1] == rows[-1] == found.row(len(found) - 1)
    assert [r.standard for r in rows] == ["R-01", "R-02", "phone_log", "phone_read_back", "forbidden_phrases",
                                          "polite_greeting"]
    assert found.explanation(0) == rows[0].explanation
    assert rows[0]._asdict()["standard"] == "R-01"
    with pytest.raises(IndexError):
        found[len(found)]
    with pytest.raises(IndexError):
        found.explanation(-len(found) - 1)
    assert "6 rows" in repr(found)
    assert [s.id for s in found.standards] == [s.id for s in rulebook.standards]


def test_no_observations_give_empty_findings_with_every_column(rulebook):
    found = evaluate(rulebook, [])
    assert len(found) == 0 and list(found) == []
    cols = found.columns(explain=True)
    assert {k: v.dtype for k, v in cols.items()} == {**COLUMN_DTYPES, "explanation": np.dtype("O")}
    assert all(len(v) == 0 for v in cols.values())
    assert len(found.standards) == 20
    pd = pytest.importorskip("pandas")
    assert len(found.to_frame()) == 0
    empty = pd.DataFrame({"kind": pd.Series([], dtype=object), "at": pd.Series([], dtype="datetime64[ns]")})
    assert len(evaluate(rulebook, empty)) == 0


# ---- standards as data -------------------------------------------------------------------------


def test_the_charter_lists_its_twenty_standards_as_readable_data(rulebook):
    assert len(rulebook.standards) == 20
    r01 = rulebook.standard("R-01")
    assert isinstance(r01, Standard)
    assert (r01.id, r01.kind, r01.owner, r01.kinds, r01.channels, r01.calendar) == (
        "R-01", "threshold", "cs_manager", ["call"], [], "")
    assert r01.title.en == "Answer the phone once it has rung twice"
    assert r01.source == "S1 p1 ch1.1"
    assert r01.business_calendar is None
    assert isinstance(r01.rule, Threshold)
    assert (r01.rule.at_least, r01.rule.at_most) == (None, 2)
    assert r01.rule.quantity.field == "rings"
    with pytest.raises(charter.UnknownIdError, match="R-99"):
        rulebook.standard("R-99")
    # A charter from parts keeps the standards given, in order.
    two = charter.Charter(calendars=rulebook.calendars, organization=rulebook.organization,
                          standards=[rulebook.standard("R-10"), r01])
    assert [s.id for s in two.standards] == ["R-10", "R-01"]
    with pytest.raises(ValueError, match="'R-01' is given twice"):
        charter.Charter(organization=rulebook.organization, standards=[r01, r01])


def test_conditions_and_rules_read_like_the_charter_file(rulebook):
    (when,) = rulebook.standard("R-02").when
    assert isinstance(when, Condition)
    assert (when.subject, when.test, when.number, when.values) == ("rings", "at_least", 5, [])
    assert str(when) == when.text() == "rings \u2265 5"

    r10 = rulebook.standard("R-10")
    assert r10.calendar == "office" and r10.business_calendar == rulebook.calendar("office")
    assert r10.channels == ["web"]
    assert isinstance(r10.rule, DeadlineRule)
    assert (r10.rule.start, r10.rule.done, r10.rule.done_label.en) == ("at", "made_up_at", "made up")
    late, large, default = r10.rule.rules
    assert isinstance(late, DeadlineChoice)
    assert [c.text() for c in late.when] == ["local_time \u2265 16:00", "local_time \u2264 18:30"]
    assert late.when[0].number == 16 * 3600  # seconds after midnight
    assert late.rule == charter.Deadline("end of next business day")
    assert (large.when[0].test, large.when[0].values) == ("in", ["large"])
    assert default.when == [] and default.rule == charter.Deadline("end of business day")

    lead = rulebook.standard("R-12").rule.quantity
    assert isinstance(lead, Quantity)
    assert (lead.field, lead.from_instant, lead.to_instant, lead.unit) == ("", "logged_in_at", "at", "minutes")

    phrases = rulebook.standard("forbidden_phrases").rule
    assert isinstance(phrases, Phrases)
    assert phrases.field == "transcript" and "喂,干什么" in phrases.forbidden and phrases.required == []
    assert rulebook.standard("forbidden_phrases").required_matcher is None
    assert rulebook.standard("four_eyes").rule == rulebook.standard("four_eyes").rule
    assert isinstance(rulebook.standard("four_eyes").rule, DistinctSigners)
    silver = rulebook.standard("thai_silver_repairs").rule
    assert isinstance(silver, Eligibility)
    assert silver.accepted == "accepted"
    assert silver.exclusions[0].reason.en == "Thai silver is not accepted for repair"
    assert [c.text() for c in silver.exclusions[0].when] == ["material in [thai_silver]"]
    assert rulebook.standard("customer_record").owner == "after_sales_supervisor"
    assert repr(rulebook.standard("R-01")) == "<charter.standard.Standard 'R-01' threshold (owner cs_manager)>"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_standards_and_their_companions_pickle_at_every_protocol(rulebook, protocol):
    for s in rulebook.standards:
        again = pickle.loads(pickle.dumps(s, protocol))
        assert again == s, s.id
        assert (again.owner, again.calendar, again.kind) == (s.owner, s.calendar, s.kind)
    m = PhraseMatcher(["老头", "喂,干什么"])
    assert pickle.loads(pickle.dumps(m, protocol)) == m
    o = Observation("call", THU_10, id="CALL-1", fields={"rings": 4})
    assert pickle.loads(pickle.dumps(o, protocol)) == o
    assert pickle.loads(pickle.dumps(Outcome.not_applicable, protocol)) == Outcome.not_applicable
    found = evaluate(rulebook, [seen("CALL-2", "call", rings=4)])
    assert pickle.loads(pickle.dumps(found[1], protocol)) == found[1]  # NaN measured compares equal
    again = pickle.loads(pickle.dumps(found, protocol))
    assert again == found
    assert [again.explanation(i) for i in range(len(again))] == [found.explanation(i) for i in range(len(found))]
    assert again.zone == found.zone


def test_findings_save_and_load_with_their_standards(rulebook, tmp_path):
    found = evaluate(rulebook, [seen("CALL-3", "call", rings=6),
                                seen("ORD-1", "order", channel="web", made_up_at="2025-10-10 12:00")])
    path = tmp_path / "day.fnd"
    charter.save(found, path)
    back = charter.load(path)
    assert isinstance(back, Findings)
    assert back == found
    assert back.explanation(0) == found.explanation(0)
    assert back.zone == rulebook.calendar("office")  # a loaded day is shown on the office calendar
    for fmt in ("binary", "text", "xml"):
        assert charter.from_bytes(charter.to_bytes(found, fmt)) == found
    damaged = bytearray(charter.to_bytes(found))
    damaged[-5] ^= 0xFF
    with pytest.raises(charter.CorruptFileError):
        charter.from_bytes(bytes(damaged))


# ---- the phrase matcher ------------------------------------------------------------------------


def test_phrase_hits_give_character_offsets_for_str_and_byte_offsets_for_utf8():
    m = PhraseMatcher(["shut up", "喂,干什么", "老太", "老太婆"])
    text = "Hi 您好! ＳＨＵＴ　ＵＰ, 喂，干什么? 老太婆"
    hits = m.find_all(text)
    assert [(h.phrase, h.text) for h in hits] == [(0, "ＳＨＵＴ　ＵＰ"), (1, "喂，干什么"), (2, "老太"), (3, "老太婆")]
    for h in hits:
        assert text[h.start:h.end] == h.text
        assert len(text[:h.start].encode()) == h.byte_begin
        assert len(text[:h.end].encode()) == h.byte_end
        assert text.encode()[h.byte_begin:h.byte_end].decode() == h.text
    assert hits[0] == PhraseHit(phrase=0, start=7, end=14, byte_begin=11, byte_end=32, text="ＳＨＵＴ　ＵＰ")
    (b,) = m.find_all("喂 干什么".encode())
    assert (b.start, b.end, b.byte_begin, b.byte_end, b.text) == (0, 5, 0, 13, "喂 干什么".encode())
    assert m.contains_any(text) and not m.contains_any("您好，请问有什么可以帮您？")
    assert m.count(text) == 4 and len(m) == 4
    assert m.phrases == ["shut up", "喂,干什么", "老太", "老太婆"]
    assert PhraseMatcher().find_all(text) == []
    assert fold_phrase_text("喂，  干什么？") == "喂 干什么"
    assert fold_phrase_text("ＳＨＵＴ　ＵＰ") == "shut up"
    with pytest.raises(charter.ParseError, match="phrase 2"):
        PhraseMatcher(["老头", "，，"])
    with pytest.raises(TypeError):
        m.find_all(42)


# ---- errors ------------------------------------------------------------------------------------


def test_what_cannot_be_an_observation_is_named_by_its_position(rulebook):
    with pytest.raises(ValueError, match=r"observations\[1\]: no 'kind'"):
        evaluate(rulebook, [seen("A", "call"), {"at": THU_10, "rings": 4}])
    with pytest.raises(ValueError, match=r"observations\[0\]: no 'at'"):
        evaluate(rulebook, [{"kind": "call"}])
    with pytest.raises(ValueError, match=r"observations\[0\]: 'kind' is not given"):
        evaluate(rulebook, [{"kind": None, "at": THU_10}])
    with pytest.raises(charter.ParseError, match=r"observations\[0\]: 'at': date-time 'yesterday'"):
        evaluate(rulebook, [{"kind": "call", "at": "yesterday"}])
    with pytest.raises(TypeError, match=r"observations\[0\]: 'at': 'at' must be a datetime"):
        evaluate(rulebook, [{"kind": "call", "at": 20251009}])
    with pytest.raises(TypeError, match=r"observations\[2\]: a str"):
        evaluate(rulebook, [seen("A", "call"), seen("B", "call"), "call"])
    with pytest.raises(TypeError, match="single dict"):
        evaluate(rulebook, seen("A", "call"))
    with pytest.raises(TypeError, match="keys must be str"):
        evaluate(rulebook, [{"kind": "call", "at": THU_10, 1: "x"}])
    with pytest.raises(ValueError, match="field 'rings' is given twice"):
        evaluate(rulebook, [{"kind": "call", "at": THU_10, "rings": 1, "fields": {"rings": 2}}])
    # 2025-03-30 02:30 does not exist in Berlin (clocks go from 02:00 to 03:00).
    berlin = charter.BusinessCalendar(zone="Europe/Berlin", week=WEEKDAYS)
    with pytest.raises(charter.NonexistentTimeError, match=r"observations\[0\]: 'at': "):
        evaluate(rulebook, [{"kind": "call", "at": datetime(2025, 3, 30, 2, 30)}], zone=berlin)
    with pytest.raises(TypeError, match=r"observations\[0\]: field 'greet_seconds': a duration"):
        evaluate(rulebook, [seen("V", "visit", greet_seconds=timedelta(seconds=75))])
    with pytest.raises(ValueError, match="'kind' is not given"):
        Observation(None, THU_10)
    with pytest.raises(charter.ParseError):
        Observation("call", "2025-13-01 10:00")


def test_a_data_frame_that_cannot_be_read_names_the_row_and_the_column(rulebook):
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="no 'kind' column"):
        evaluate(rulebook, pd.DataFrame({"at": [THU_10]}))
    frame = pd.DataFrame({"kind": ["call", None], "at": [THU_10, THU_10]}, index=["a", "b"])
    with pytest.raises(ValueError, match=r"observations\[1\] \(DataFrame index 'b'\): 'kind' is not given"):
        evaluate(rulebook, frame)
    bad_at = pd.DataFrame({"kind": ["call", "call"], "at": ["2025-10-09 10:00", "soon"]})
    with pytest.raises(charter.ParseError, match=r"observations\[1\] \(DataFrame index 1\): 'at': "):
        evaluate(rulebook, bad_at)
    durations = pd.DataFrame({"kind": ["visit"], "at": [THU_10], "greet": [timedelta(seconds=75)]})
    with pytest.raises(TypeError, match="column 'greet' holds durations"):
        evaluate(rulebook, durations)


def test_standard_error_is_a_charter_error_with_its_problems():
    assert issubclass(charter.StandardError, charter.Error)
    assert charter.StandardError is charter.standard.StandardError
    assert charter.StandardError.__module__ == "charter"


def test_the_top_level_names_the_standard_block():
    assert charter.evaluate is evaluate
    assert charter.Observation is Observation and charter.Findings is Findings
    assert charter.Standard is Standard and charter.PhraseMatcher is PhraseMatcher
    for name in charter.standard.__all__:
        assert hasattr(charter.standard, name), name
    assert {"evaluate", "Observation", "Findings", "Standard", "StandardError", "PhraseMatcher",
            "standard"} <= set(charter.__all__)
    assert Standard.__module__ == "charter.standard" and Finding.__module__ == "charter.standard"
