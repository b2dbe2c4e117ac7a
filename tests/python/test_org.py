"""charter.org from Python: roles, duties, staff, permissions with reasons, validation."""

import pickle
from datetime import date

import pytest

import charter
from charter import org

A, R, C, I = org.Raci.accountable, org.Raci.responsible, org.Raci.consulted, org.Raci.informed


def act(name, raci):
    return org.Responsibility(org.Subject(org.SubjectKind.action, name), raci)


@pytest.fixture(scope="module")
def centre():
    """A small centre: manager ← call-centre supervisor ← quality staff."""
    roles = [
        org.Role(id="deputy_leader", name=charter.LocalizedText("分管领导", "Deputy leader")),
        org.Role(
            id="cs_manager",
            name=charter.LocalizedText("客户服务经理", "Customer-service manager"),
            reports_to="deputy_leader",
            headcount=1,
            duties=[
                org.Duty(
                    id="cs_manager.complaints",
                    text=charter.LocalizedText("监督客户投诉处理并反馈结果", "Supervises complaint handling"),
                    covers=[act("complaint.escalate", A), act("complaint.close", R),
                            org.Responsibility(org.Subject(org.SubjectKind.standard, "R-05"), A)],
                )
            ],
        ),
        org.Role(
            id="call_supervisor",
            reports_to="cs_manager",
            duties=[org.Duty(id="call_supervisor.route", covers=[act("complaint.escalate", R), act("complaint.accept", A)])],
        ),
        org.Role(
            id="qa_staff",
            reports_to="call_supervisor",
            duties=[org.Duty(id="qa_staff.check", covers=[act("complaint.accept", R), act("complaint.close", C)])],
        ),
    ]
    units = [org.Unit(id="centre"), org.Unit(id="calls", parent="centre")]
    staff = [
        org.Staff(id="s1", name="王芳", phone="13812345678", roles=["cs_manager"], unit="centre"),
        org.Staff(id="s2", name="李雷", roles=["qa_staff"], unit="calls", active_from=date(2025, 1, 1), active_until=date(2025, 12, 31)),
        org.Staff(id="s3", name="韩梅梅", roles=["qa_staff", "call_supervisor"], unit="calls"),
    ]
    grants = [org.Grant(role="call_supervisor", action="complaint.close", allow=False, reason="only the manager closes")]
    return org.Organization(units=units, roles=roles, staff=staff, grants=grants)


def test_escalation_chain_goes_up_to_the_top(centre):
    assert [r.id for r in centre.escalation_chain("qa_staff")] == ["call_supervisor", "cs_manager", "deputy_leader"]
    assert centre.escalation_chain("deputy_leader") == []
    assert centre.escalation_chain(centre.role("cs_manager"))[0].name.zh == "分管领导"


def test_responsibilities(centre):
    assert [r.id for r in centre.responsible_for("complaint.escalate")] == ["call_supervisor"]
    assert centre.accountable_for("complaint.escalate").id == "cs_manager"
    assert centre.accountable_for(org.Subject(org.SubjectKind.standard, "R-05")).id == "cs_manager"
    assert centre.accountable_for("complaint.nothing") is None
    holders = centre.holders("complaint.close")
    assert {(h.role, h.raci) for h in holders} == {("cs_manager", R), ("qa_staff", C)}


def test_may_explains_itself(centre):
    d = centre.may("cs_manager", "complaint.close")
    assert d and d.allowed and d.source == "duty:cs_manager.complaints"
    assert "responsible" in d.reason
    # Consulted is not a right to act.
    d = centre.may("qa_staff", "complaint.close")
    assert not d and "no duty or grant" in d.reason and d.source == ""
    # An explicit denial wins (call_supervisor has no duty for it, but is denied anyway).
    d = centre.may("s3", "complaint.close")
    assert not d.allowed and d.source == "grant:call_supervisor/complaint.close"
    assert "only the manager closes" in d.reason
    # Staff act through their roles, only while active.
    assert centre.may("s2", "complaint.accept", on=date(2025, 6, 1)).allowed
    d = centre.may("s2", "complaint.accept", on=date(2026, 1, 1))
    assert not d.allowed and "not active" in d.reason
    assert centre.may(centre.staff_member("s1"), "complaint.escalate").allowed


def test_staff_queries(centre):
    assert [s.id for s in centre.staff_in("qa_staff")] == ["s2", "s3"]
    assert [s.id for s in centre.staff_in("qa_staff", unit="centre")] == ["s2", "s3"]  # sub-unit
    assert [s.id for s in centre.staff_in("qa_staff", on=date(2026, 3, 1))] == ["s3"]
    assert [r.id for r in centre.roles_of("s3")] == ["qa_staff", "call_supervisor"]


def test_personal_data_is_masked(centre):
    s1 = centre.staff_member("s1")
    assert s1.name == "王芳"  # kept for the application
    assert s1.masked_name == "王*" and s1.masked_phone == "*******5678"
    assert "王芳" not in repr(s1) and "13812345678" not in repr(s1)
    for d in (centre.may("s1", "complaint.accept"), centre.may("s2", "complaint.close")):
        assert "王芳" not in d.reason and "李雷" not in d.reason


def test_unknown_ids(centre):
    with pytest.raises(charter.UnknownIdError, match="'nobody'"):
        centre.may("nobody", "complaint.close")
    with pytest.raises(charter.UnknownIdError, match="unknown role 'ghost'"):
        centre.escalation_chain("ghost")


def test_every_problem_is_reported_at_once():
    roles = [
        org.Role(id="a", reports_to="b"),
        org.Role(id="b", reports_to="a"),
        org.Role(id="c", reports_to="nowhere", headcount=1,
                 duties=[org.Duty(id="c.d", covers=[act("complaint.close", A)])]),
        org.Role(id="d", duties=[org.Duty(id="d.d", covers=[act("complaint.close", A)])]),
    ]
    staff = [org.Staff(id="x", name="张三", roles=["c"]), org.Staff(id="y", name="李四", roles=["c"]),
             org.Staff(id="z", roles=["missing"])]
    with pytest.raises(charter.OrganizationError) as info:
        org.Organization(roles=roles, staff=staff)
    problems = info.value.problems

    def said(path, words):
        return any(p == path and words in m for p, m in problems)

    assert said("roles[0].reports_to", "cycle")
    assert said("roles[2].reports_to", "unknown role 'nowhere'")
    assert said("roles[2].duties[0].covers[0]", "2 accountable roles")
    assert said("roles[2].duties[0].covers[0]", "no responsible (R) role")
    assert said("roles[2].headcount", "headcount of 1 but 2")
    assert said("staff[2].roles[0]", "unknown role 'missing'")
    assert len(problems) == 6
    assert "张三" not in str(info.value) and "李四" not in str(info.value)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_every_type(centre, protocol):
    for obj in (centre, centre.role("cs_manager"), centre.staff_member("s2"), centre.unit("calls"),
                centre.grants[0], centre.role("cs_manager").duties[0], org.Raci.consulted,
                org.Subject(org.SubjectKind.cycle, "R-23"), charter.LocalizedText("中", "mid")):
        assert pickle.loads(pickle.dumps(obj, protocol)) == obj


@pytest.mark.parametrize("fmt", ["binary", "text", "xml"])
def test_save_and_load(tmp_path, centre, fmt):
    path = tmp_path / f"org.{fmt}"
    charter.save(centre, path, format=fmt)
    assert charter.load(path) == centre
