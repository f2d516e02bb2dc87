"""After the score: the points' validity timeline, the child's milestones, what 120 unlocks, the
居转户 pre-check and the .ics file.

Expected dates are worked by hand from the rules stated in calculator/parameters/
milestones.toml and points_validity.toml (typical windows, month-day, counted from P, the
year the child starts primary school) and the 办法's point tables (tests/rulebook.py),
never read back from the engine's data."""
from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import subprocess
import sys

import icalendar
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calculator.api import call
from calculator.timeline import timeline
from calculator.timeline.ics import fold

ROOT = pathlib.Path(__file__).resolve().parent.parent
ON = "2026-11-30"   # a Monday; the school year 2026-27 began in September 2026
STAMP = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone.utc)


def run(timeline_input, profile=None, lang="zh"):
    req = {"timeline": {"on": ON, **timeline_input}, "lang": lang}
    if profile is not None:
        req["profile"] = profile
    return timeline(req, stamp=STAMP)


def verdicts(result):
    return {m["id"]: m["verdict"] for m in result["child"]["milestones"]}


# ------------------------------------------------------------------ golden timelines
def test_expiry_just_before_zhongkao_registration_puts_it_at_risk():
    # Grade 8 in 2026-27 -> grade 1 in September 2019 (P = 2019). 中考 registration from
    # 2027-10-01 (P+8), exam 2028-06-10..20; the permit expires 2027-09-20, 11 days before.
    r = run({"permit_expiry": "2027-09-20", "points_status": "approved", "points_approved_on": "2026-05-01",
             "child_stage": "grade_8"})
    assert r["child"]["primary_entry_year"] == 2019
    assert r["points"]["state"] == "valid" and r["points"]["valid_to"] == "2027-09-20"
    assert verdicts(r) == {
        "zhongkao_registration": "at_risk", "zhongzhi": "at_risk", "zhongkao_exam": "at_risk",
        # 高考 registration 2030-11-01..30: the 2030-09-20 renewal is 42 days before it; the
        # exam 2031-06-07..10 (at risk from 2030-11-01): the next renewal is 2031-09-20.
        "gaokao_registration": "valid", "gaokao_exam": "valid",
    }
    reg = next(m for m in r["child"]["milestones"] if m["id"] == "zhongkao_registration")
    assert (reg["start"], reg["end"]) == ("2027-10-01", "2028-03-31")
    assert "2027-09-20" in reg["reason"]["zh"] and "2027-09-20" in reg["reason"]["en"]
    # renew 30 days ahead, confirm the points on the expiry; the next year the same
    assert [(a["id"], a["date"]) for a in r["actions"]] == [
        ("renew_0", "2027-08-21"), ("confirm_0", "2027-09-20"), ("renew_1", "2028-08-21"), ("confirm_1", "2028-09-20")]


def test_renewal_inside_the_gaokao_window():
    # Grade 11 in 2026-27 -> P = 2016; 高考 registration 2027-11-01..30, exam 2028-06-07..10.
    r = run({"permit_expiry": "2027-11-15", "points_status": "approved", "child_stage": "grade_11"})
    assert verdicts(r) == {"gaokao_registration": "at_risk", "gaokao_exam": "at_risk"}
    # renewals are listed up to the last milestone (the exam ends 2028-06-10)
    assert [x["date"] for x in r["renewals"]] == ["2027-11-15"]


# age 30 (30) + bachelor (60) + 84 months of insurance (7 × 3 = 21) = 111; three more full
# years of insurance (+9) reach 120 on 2029-11-30 (age stays under 44: still 30 points).
SLOW = {"as_of": ON, "age": 30, "education": "bachelor", "social_insurance_months": 84}


def test_projection_reaching_120_only_after_the_milestone():
    # Grade 5 in 2026-27 -> P = 2022: junior enrolment 2027-04-01..09-01 comes before 120.
    r = run({"permit_expiry": "2027-08-01", "points_status": "not_yet", "child_stage": "grade_5"}, SLOW)
    assert r["points"]["total"] == 111
    assert r["points"]["reaches_standard_on"] == "2029-11-30"
    # 2029-11-30 is a Friday: 20 working days later is 2029-12-28 (第十七条)
    assert r["points"]["effective_from"] == "2029-12-28"
    assert r["points"]["state"] == "not_yet"
    assert verdicts(r) == {
        "junior_enrolment": "not_yet",
        # 中考 registration 2030-10-01..2031-03-31, 中职 to 2031-07-31, exam 2031-06-10..20:
        # renewals fall on 1 August, outside every window and its 30-day margin
        "zhongkao_registration": "valid", "zhongzhi": "valid", "zhongkao_exam": "valid",
        "gaokao_registration": "valid", "gaokao_exam": "valid",
    }
    junior = r["child"]["milestones"][0]
    assert "2029-11-30" in junior["reason"]["en"]
    assert r["actions"][0]["id"] == "renew_0"
    assert ("apply", "2029-11-30") in [(a["id"], a["date"]) for a in r["actions"]]


def test_born_on_29_february():
    # Born 2020-02-29: turns 6 on 2026-03-01 (周岁 rule: 1 March in a common year), before
    # 31 August, so starts primary school in September 2026. Asked on 2025-11-30.
    r = timeline({"timeline": {"on": "2025-11-30", "child_birth_date": "2020-02-29", "permit_expiry": "2028-02-29",
                               "points_status": "approved"}}, stamp=STAMP)
    assert r["child"]["primary_entry_year"] == 2026
    assert "2026-03-01" in r["child"]["rule"]["zh"]
    first = r["child"]["milestones"][0]
    assert (first["id"], first["start"], first["end"]) == ("primary_enrolment", "2026-04-01", "2026-09-01")
    # a permit expiring on 29 February runs one year to 28 February in a common year
    assert [x["date"] for x in r["renewals"][:3]] == ["2028-02-29", "2029-02-28", "2030-02-28"]


def test_born_1_september_starts_a_year_later():
    r = timeline({"timeline": {"on": "2025-11-30", "child_birth_date": "2019-09-01"}}, stamp=STAMP)
    assert r["child"]["primary_entry_year"] == 2026   # 6 on 2025-09-01, after 31 August 2025


def test_expired_permit_lapses_the_points_and_dates_the_renewal_today():
    r = run({"permit_expiry": "2026-10-01", "points_status": "approved"})
    assert r["points"]["state"] == "lapsed"
    renew = r["actions"][0]
    assert renew["overdue"] and renew["date"] == ON
    assert any(s["article"] and "第二十条" in s["article"] for s in r["points"]["sources"])


def test_missing_expiry_says_it_cannot_tell():
    r = run({"points_status": "approved", "child_stage": "grade_9"})
    assert set(verdicts(r).values()) == {"unknown"}
    assert r["points"]["state"] == "unknown"


def test_approved_on_cannot_be_after_today_or_with_not_yet():
    answer = call({"op": "timeline", "timeline": {"on": ON, "points_approved_on": "2026-12-01"}})
    assert not answer["ok"] and answer["errors"][0]["field"] == "points_approved_on"
    answer = call({"op": "timeline", "timeline": {"on": ON, "points_status": "not_yet", "points_approved_on": "2026-01-01"}})
    assert answer["errors"][0]["field"] == "points_approved_on"


def test_bad_dates_name_the_field_in_both_languages():
    answer = call({"op": "timeline", "timeline": {"permit_expiry": "2027-02-30", "child_birth_date": "tomorrow"}})
    assert not answer["ok"]
    fields = {e["field"]: e for e in answer["errors"]}
    assert set(fields) == {"permit_expiry", "child_birth_date"}
    for e in fields.values():
        assert "YYYY-MM-DD" in e["zh"] and "YYYY-MM-DD" in e["en"]


def test_birth_date_and_grade_together_are_refused():
    answer = call({"op": "timeline", "timeline": {"child_birth_date": "2018-01-01", "child_stage": "grade_2"}})
    assert answer["errors"][0]["field"] == "child_stage"


# ------------------------------------------------------------------ what 120 unlocks
def test_unlocks_say_what_120_does_not_give():
    r = run({})
    ids = {u["id"]: u for u in r["unlocks"]}
    assert ids["no_hukou"]["gives"] is False
    assert "落户" in ids["no_hukou"]["text"]["zh"] and "settl" in ids["no_hukou"]["text"]["en"]
    for u in r["unlocks"]:
        assert u["source"]["title"]["zh"] and u["source"]["title"]["en"]
        assert u["source"]["official"] or u["source"]["confirm_with"]


# ------------------------------------------------------------------ 居转户 pre-check
def test_settle_check_statuses():
    r = run({"settle_permit_years": 7, "settle_insured_years": 6, "settle_tax_in_shanghai": True})
    status = {c["id"]: c["status"] for c in r["settle"]["checks"]}
    assert status == {"permit_years": "met", "insured_years": "not_met", "income_tax": "met", "title": "unknown",
                      "no_record": "unknown"}
    assert r["settle"]["status"] == "not_met"
    assert r["settle"]["shortened_routes"] and all(not s["decided"] for s in r["settle"]["shortened_routes"])
    all_yes = run({"settle_permit_years": 9, "settle_insured_years": 7, "settle_tax_in_shanghai": True,
                   "settle_title_matches": True, "settle_no_record": True})
    assert all_yes["settle"]["status"] == "met"


settle_inputs = st.fixed_dictionaries({}, optional={
    "settle_permit_years": st.integers(0, 60), "settle_insured_years": st.integers(0, 60),
    "settle_tax_in_shanghai": st.booleans(), "settle_title_matches": st.booleans(), "settle_no_record": st.booleans()})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(settle=settle_inputs, months=st.integers(0, 200), age=st.integers(16, 60))
def test_the_pre_check_never_changes_the_points(settle, months, age):
    profile = {"as_of": ON, "age": age, "education": "bachelor_degree", "social_insurance_months": months}
    plain = call({"op": "timeline", "profile": profile, "timeline": {"on": ON}})["result"]
    checked = call({"op": "timeline", "profile": profile, "timeline": {"on": ON, **settle}})["result"]
    assert checked["points"] == plain["points"]
    assert call({"op": "score", "profile": profile})["result"]["total"] == checked["points"]["total"]


# ------------------------------------------------------------------ properties
dates = st.dates(dt.date(2018, 1, 1), dt.date(2040, 12, 31))
grades = st.sampled_from([None] + [f"grade_{n}" for n in range(1, 13)])


@st.composite
def inputs(draw):
    on = draw(dates)
    out = {"on": on.isoformat()}
    if draw(st.booleans()):
        out["permit_expiry"] = draw(st.dates(on - dt.timedelta(days=400), on + dt.timedelta(days=800))).isoformat()
    status = draw(st.sampled_from(["unknown", "approved", "not_yet"]))
    out["points_status"] = status
    if status == "approved" and draw(st.booleans()):
        out["points_approved_on"] = draw(st.dates(on - dt.timedelta(days=800), on)).isoformat()
    if draw(st.booleans()):
        out["child_birth_date"] = draw(st.dates(dt.date(on.year - 19, 1, 1), on)).isoformat()
    else:
        stage = draw(grades)
        if stage:
            out["child_stage"] = stage
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inp=inputs(), with_profile=st.booleans(), months=st.integers(0, 120))
def test_no_past_date_is_advised_and_every_verdict_names_its_source(inp, with_profile, months):
    on = dt.date.fromisoformat(inp["on"])
    profile = {"as_of": inp["on"], "age": 30, "education": "bachelor", "social_insurance_months": months} if with_profile else None
    req = {"timeline": inp, **({"profile": profile} if profile else {})}
    answer = call({"op": "timeline", **req})
    assume(answer["ok"])
    r = answer["result"]
    for a in r["actions"]:
        assert dt.date.fromisoformat(a["date"]) >= on, a
        assert a["sources"]
    for x in r["renewals"]:
        assert dt.date.fromisoformat(x["date"]) >= on
    for m in (r["child"] or {}).get("milestones", []):
        assert dt.date.fromisoformat(m["end"]) >= on
        assert m["verdict"] in {"valid", "at_risk", "not_yet", "unknown"}
        assert m["sources"] and m["reason"]["zh"] and m["reason"]["en"]
        for s in m["sources"]:
            assert s["title"]["zh"] and s["title"]["en"]
            assert s["official"] or (s["confirm_with"] and s["confirm_with"]["zh"] and s["confirm_with"]["en"])
        if not m["official"]:
            assert m["office"]["zh"] and m["office"]["en"]
    assert r["points"]["sources"]


# ------------------------------------------------------------------ the .ics file
def test_ics_parses_back_with_reminders():
    r = run({"permit_expiry": "2027-09-20", "points_status": "approved", "child_stage": "grade_8"}, lang="en")
    raw = r["ics"].encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(r["ics"])
    events = list(cal.walk("VEVENT"))
    # 2 renewals and 2 confirmations (actions), 2 later renewals up to the 高考 (2029, 2030),
    # and 5 milestones
    assert len(events) == 4 + 2 + 5
    assert len({str(e["UID"]) for e in events}) == len(events)
    for e in events:
        assert e["DTSTAMP"].dt == STAMP
        assert isinstance(e["DTSTART"].dt, dt.date) and not isinstance(e["DTSTART"].dt, dt.datetime)
        assert e["DTEND"].dt > e["DTSTART"].dt
        (alarm,) = e.walk("VALARM")
        assert alarm["TRIGGER"].dt == -dt.timedelta(days=21)
    starts = {(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events}
    assert ("Renew the residence permit (valid until 2027-09-20)", dt.date(2027, 8, 21)) in starts
    reg = next(e for e in events if str(e["SUMMARY"]).startswith("中考 registration"))
    assert (reg["DTSTART"].dt, reg["DTEND"].dt) == (dt.date(2027, 10, 1), dt.date(2028, 4, 1))   # DTEND exclusive
    assert "at risk" in str(reg["DESCRIPTION"])


def test_ics_escaping_and_folding_round_trip():
    from calculator.timeline.ics import calendar
    text = "逗号, 分号; 反斜杠\\ 换行\n" + "长" * 60
    out = calendar([{"uid": "x@shpoints", "start": dt.date(2027, 1, 1), "end": dt.date(2027, 1, 1),
                     "summary": text, "description": text}], STAMP, 21)
    (e,) = icalendar.Calendar.from_ical(out).walk("VEVENT")
    assert str(e["SUMMARY"]) == text and str(e["DESCRIPTION"]) == text
    assert all(len(line) <= 75 for line in out.encode("utf-8").split(b"\r\n"))


@given(st.text(min_size=0, max_size=300))
def test_fold_keeps_every_character_and_the_limit(s):
    s = s.replace("\r", "").replace("\n", "")
    folded = fold("SUMMARY:" + s)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == "SUMMARY:" + s


# ------------------------------------------------------------------ API, form export, CLI
def test_form_export_has_the_timeline_fields_with_both_languages():
    from calculator.formspec import form_spec
    spec = form_spec()["timeline"]
    names = [f["name"] for f in spec["fields"]]
    assert {"permit_expiry", "points_status", "points_approved_on", "child_birth_date", "child_stage",
            "settle_permit_years"} <= set(names)
    for f in spec["fields"]:
        assert f["label"]["zh"] and f["label"]["en"] and f["help"]["zh"] and f["help"]["en"]
    years = next(f for f in spec["fields"] if f["name"] == "settle_permit_years")
    assert (years["minimum"], years["maximum"]) == (0, 60)


def cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "calculator", "timeline", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_cli_writes_the_calendar_and_json(tmp_path):
    out = tmp_path / "t.ics"
    proc = cli("--on", ON, "--permit-expiry", "2027-09-20", "--points-status", "approved", "--child-stage", "grade_8",
               "--ics", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["points"]["valid_to"] == "2027-09-20"
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    table = cli("--on", ON, "--permit-expiry", "2027-09-20", "--child-stage", "grade_8", "--format", "table", "--lang", "en")
    assert table.returncode == 0 and "中考 registration" in table.stdout


def test_cli_bad_date_exits_2_with_both_languages_and_no_traceback():
    proc = cli("--permit-expiry", "2027-13-01")
    assert proc.returncode == 2
    assert "permit_expiry" in proc.stderr and "YYYY-MM-DD" in proc.stderr and "有效日期" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_cli_refused_profile_exits_2(tmp_path):
    p = tmp_path / "p.json"
    p.write_text(json.dumps({"age": 12}), encoding="utf-8")
    proc = cli("--profile", str(p))
    assert proc.returncode == 2 and "age" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("bad", ["x", [], 3])
def test_api_refuses_a_timeline_that_is_not_an_object(bad):
    answer = call({"op": "timeline", "timeline": bad})
    assert not answer["ok"] and answer["errors"][0]["field"] is None


def test_the_same_request_gives_the_same_calendar():
    """DTSTAMP comes from the day the timeline looks from, not the clock: an answer is a
    function of its request (the build compares answers of two runtimes, run apart)."""
    req = {"timeline": {"on": "2026-11-21", "permit_expiry": "2027-04-10", "child_stage": "grade_8"}}
    first = timeline(req)["ics"]
    assert "DTSTAMP:20261121T000000Z" in first
    assert timeline(req)["ics"] == first
