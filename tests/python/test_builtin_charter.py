"""The built-in charter holds every duty of the source documents under a stable id.

The list below walks the source documents section by section (S4 = 客户服务部职责, S0 = 服务中心
制度职责范例 §4 integrity duties, S1 p3 = 客户服务质量监督管理标准); each duty must be in
charter.Charter.builtin() under the id given here, with its Chinese text and an English one. The
S4 texts are kept verbatim, so they are also found in the source page itself.
"""

import re
from pathlib import Path

import pytest

import charter

DUTIES = [
    # S1 p3 §3.2 分管领导
    ("S1 p3 §3.2.1", "deputy_leader.staff_training"),
    ("S1 p3 §3.2.2", "deputy_leader.satisfaction_research"),
    ("added", "deputy_leader.other_assigned_tasks"),
    # S4 §2(一) 客户服务经理
    ("S4 §2(一)1", "cs_manager.retention_standards"),
    ("S4 §2(一)2", "cs_manager.service_operations"),
    ("S4 §2(一)3", "cs_manager.department_training_appraisal"),
    ("S4 §2(一)4", "cs_manager.customer_resource_analysis"),
    ("S4 §2(一)5", "cs_manager.tiered_customer_visits"),
    ("S4 §2(一)6", "cs_manager.relationship_maintenance"),
    ("S4 §2(一)7", "cs_manager.complaint_supervision"),
    ("S4 §2(一)8", "cs_manager.key_account_reception"),
    ("S4 §2(一)9", "cs_manager.interdepartmental_coordination"),
    ("S4 §2(一)10", "cs_manager.front_hall_reception"),
    ("S4 §2(一)11", "cs_manager.rules_review"),
    ("S4 §2(一)12", "cs_manager.executive_exchange"),
    ("S4 §2(一)13", "cs_manager.other_assigned_tasks"),
    # S4 第一章: the department's duties, held by its head
    ("S4 第一章 1", "cs_manager.dept_customer_communication"),
    ("S4 第一章 2", "cs_manager.dept_retain_customers"),
    ("S4 第一章 3", "cs_manager.dept_product_follow_up_service"),
    ("S4 第一章 4", "cs_manager.dept_market_feedback"),
    ("S4 第一章 5", "cs_manager.dept_develop_customers"),
    ("S4 第一章 6", "cs_manager.dept_promote_products"),
    ("S4 第一章 7", "cs_manager.dept_follow_up_requests"),
    ("S4 第一章 8", "cs_manager.dept_other_services"),
    # S1 p3: the centre as supervising department
    ("S1 p3 §2.1", "cs_manager.centre_quality_supervision"),
    ("S1 p3 §3.1.1", "cs_manager.centre_quality_system"),
    ("S1 p3 §3.1.2", "cs_manager.centre_standard_procedures"),
    ("S1 p3 §3.1.3", "cs_manager.centre_inspection_plan"),
    ("S1 p3 §3.1.4", "cs_manager.centre_rectification_notices"),
    ("S1 p3 §3.1.5", "cs_manager.centre_hotline"),
    ("S1 p3 §3.1.6", "cs_manager.centre_order_correction"),
    # S0 §4 廉政责任
    ("S0 §4.1", "cs_manager.integrity_self_discipline"),
    ("S0 §4.2", "cs_manager.integrity_funds_and_staffing"),
    ("S0 §4.3", "cs_manager.integrity_customer_rights"),
    ("S0 §4.4", "cs_manager.integrity_accept_supervision"),
    ("S0 §4.5", "cs_manager.integrity_education"),
    # S4 §2(二) 前台接待主管
    ("S4 §2(二)1", "front_desk_supervisor.service_standards"),
    ("S4 §2(二)2", "front_desk_supervisor.visitor_reception"),
    ("S4 §2(二)3", "front_desk_supervisor.user_info_confirmation"),
    ("S4 §2(二)4", "front_desk_supervisor.additional_services"),
    ("S4 §2(二)5", "front_desk_supervisor.staff_training_appraisal"),
    ("S4 §2(二)6", "front_desk_supervisor.other_assigned_tasks"),
    # S4 §2(三) 志愿、商家服务主管 (after-sales)
    ("S4 §2(三)1", "after_sales_supervisor.service_standards"),
    ("S4 §2(三)2", "after_sales_supervisor.service_agreements"),
    ("S4 §2(三)3", "after_sales_supervisor.inspection_and_surveys"),
    ("S4 §2(三)4", "after_sales_supervisor.complaints"),
    ("S4 §2(三)5", "after_sales_supervisor.customer_archives"),
    ("S4 §2(三)6", "after_sales_supervisor.volunteer_service_policy"),
    ("S4 §2(三)7", "after_sales_supervisor.key_account_callbacks"),
    ("S4 §2(三)8", "after_sales_supervisor.staff_training_appraisal"),
    ("S4 §2(三)9", "after_sales_supervisor.other_assigned_tasks"),
    # S4 §2(四) 呼叫中心主管
    ("S4 §2(四)1", "call_centre_supervisor.service_standards"),
    ("S4 §2(四)2", "call_centre_supervisor.bookings_and_enquiries"),
    ("S4 §2(四)3", "call_centre_supervisor.hotline_routing"),
    ("S4 §2(四)4", "call_centre_supervisor.phone_surveys_callbacks"),
    ("S4 §2(四)5", "call_centre_supervisor.telemarketing_support"),
    ("S4 §2(四)6", "call_centre_supervisor.staff_training_appraisal"),
    ("S4 §2(四)7", "call_centre_supervisor.other_assigned_tasks"),
    # S4 §3(一) 客户关系管理人员
    ("S4 §3(一)1", "relationship_staff.relationship_maintenance"),
    ("S4 §3(一)2", "relationship_staff.daily_contact"),
    ("S4 §3(一)3", "relationship_staff.other_assigned_tasks"),
    # S4 §3(二) 客户服务质量管理人员, and S1 p3 §2.2, §3.3 (CS staff in quality supervision)
    ("S4 §3(二)1", "quality_staff.daily_inspection"),
    ("S4 §3(二)2", "quality_staff.abnormality_investigation"),
    ("S4 §3(二)3", "quality_staff.daily_abnormality_report"),
    ("S4 §3(二)4", "quality_staff.cause_review_meeting"),
    ("S4 §3(二)5", "quality_staff.improvement_measures"),
    ("S4 §3(二)6", "quality_staff.other_assigned_tasks"),
    ("S1 p3 §2.2", "quality_staff.supervise_all_units"),
    ("S1 p3 §3.3.1", "quality_staff.enforce_rules"),
    ("S1 p3 §3.3.2", "quality_staff.process_control"),
    ("S1 p3 §3.3.3", "quality_staff.stop_and_record_violations"),
    ("S1 p3 §3.3.4", "quality_staff.quality_analysis_report"),
    ("S1 p3 §3.3.5", "quality_staff.hotline_duty"),
    # S4 §3(三) 客户信息档案管理人员
    ("S4 §3(三)1", "archive_staff.survey_planning"),
    ("S4 §3(三)2", "archive_staff.information_analysis"),
    ("S4 §3(三)3", "archive_staff.archive_management"),
    ("S4 §3(三)4", "archive_staff.credit_management"),
    ("S4 §3(三)5", "archive_staff.other_assigned_tasks"),
    # S4 §3(四) 大客户服务人员
    ("S4 §3(四)1", "key_account_staff.scheduled_callbacks"),
    ("S4 §3(四)2", "key_account_staff.information_flow"),
    ("S4 §3(四)3", "key_account_staff.staff_feedback"),
    ("S4 §3(四)4", "key_account_staff.tailored_service_plans"),
    ("S4 §3(四)5", "key_account_staff.preferential_policies"),
    ("S4 §3(四)6", "key_account_staff.other_assigned_tasks"),
    # S4 §3(五) 售后服务人员: the page is cut off after the heading
    ("S4 §3(五)", "after_sales_staff.other_assigned_tasks"),
]

# A copy of the source page S4 (shared/seeds/004_c1fd873a44179956.txt), kept with the tests so
# they run wherever the repository is.
SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"


@pytest.fixture(scope="module")
def org():
    return charter.Charter.builtin().organization


@pytest.mark.parametrize("source, duty_id", DUTIES, ids=[d for _, d in DUTIES])
def test_every_source_duty_is_present(org, source, duty_id):
    duty = org.duty(duty_id)
    assert duty.text.zh and duty.text.en, f"{duty_id} ({source}) needs its Chinese text and English beside it"
    role = duty_id.split(".")[0]
    assert duty_id in [d.id for d in org.role(role).duties]


def test_no_duty_is_unaccounted_for(org):
    listed = {d for _, d in DUTIES}
    present = {d.id for r in org.roles for d in r.duties}
    assert present == listed


def test_s4_duty_texts_are_the_source_words(org):
    # S4 is 004_…txt; its lines are joined because the page wraps sentences.
    page = re.sub(r"\s+", "", (SEEDS / "004_c1fd873a44179956.txt").read_text(encoding="utf-8"))
    for source, duty_id in DUTIES:
        if source.startswith("S4 §") and not duty_id.endswith("other_assigned_tasks"):
            text = re.sub(r"\s+", "", org.duty(duty_id).text.zh)
            assert text in page, f"{duty_id}: {text!r} is not in S4"


def test_the_reporting_lines_of_the_source(org):
    # S4 第二节 and S1 p3 §3.2: the manager answers to the deputy leader; the supervisors to the manager.
    chain = [r.id for r in org.escalation_chain("call_centre_supervisor")]
    assert chain == ["cs_manager", "deputy_leader"]
    assert org.role("cs_manager").headcount == 1
    assert org.role("cs_manager").name.zh == "客户服务经理"


def test_no_personal_names_from_the_sources(org):
    # The pages name real people beside the posts (S4 §2); the charter defines posts only.
    everything = " ".join(d.text.zh + d.text.en for r in org.roles for d in r.duties)
    everything += " ".join(r.name.zh + r.name.en for r in org.roles)
    for name in ("陈磊", "陈仕荣", "苏言洪"):
        assert name not in everything
    assert org.staff == []


def test_calendars_of_the_builtin_charter():
    c = charter.Charter.builtin()
    from datetime import datetime, timedelta

    assert c.calendar("office") == charter.calendars.china()
    hotline = c.calendar("hotline")
    assert hotline.add(datetime(2025, 10, 1, 23, 0), timedelta(hours=2)) == datetime(2025, 10, 2, 1, 0)
