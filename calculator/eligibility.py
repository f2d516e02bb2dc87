"""Who may apply (第二条, 第十三条; docs/rulebook-additions.md). Reported beside the score; never changes it.

The articles come from the edition's ``[eligibility]`` references (parameters/sources.toml).

Each check is answered from optional profile fields; a field left out (None) makes
its check unknown, so the overall status is "unknown" until every check is answered.
"""

from __future__ import annotations

from .editions import Edition
from .profile import EMPLOYER_TYPE_OPTIONS, Profile
from .result import Check, Eligibility
from .text import t


def _check(id: str, ok: bool | None, label, yes, no, unknown, article: str) -> Check:
    reason = unknown if ok is None else yes if ok else no
    return Check(id=id, ok=ok, label=label, reason=reason, article=article)


def check(p: Profile, disqualified: bool, edition: Edition) -> Eligibility:
    rules = edition.eligibility
    need, window = rules.insured_months_min, rules.insured_months_window
    article, employer_article = edition.article("eligibility"), edition.article("eligibility", "employer")
    employer = p.employer_type
    employer_no = {
        "outside_branch": t("本市单位在外省市设立的分支机构的工作人员，不属于积分申请对象",
                            "Staff of a Shanghai employer's branch outside Shanghai are not eligible"),
        "representative_office": t("外省市政府、企事业单位在沪设立的办事机构等派出机构，不属受理范围",
                                   "Representative offices in Shanghai of organisations from elsewhere are not accepted"),
        "self_employed": t("个人及个体工商户不能自行申请，须由用人单位代为申请",
                           "Individuals and sole traders cannot apply on their own; an employer must file"),
    }
    months = p.insured_months_last_12
    checks = [
        _check(
            "residence_permit", p.has_residence_permit,
            t("持有有效的《上海市居住证》", "Holds a valid Shanghai Residence Permit"),
            t("已持有有效居住证", "Has a valid permit"),
            t("须先办理《上海市居住证》，积分随居住证有效", "Get the residence permit first; points are valid with it"),
            t("未回答：是否持有有效的居住证", "Not answered: do you hold a valid residence permit?"),
            article,
        ),
        _check(
            "employer", None if employer is None else employer == "shanghai_employer",
            t("由本市注册的用人单位代为申请", "Filed by an employer registered in Shanghai"),
            t(EMPLOYER_TYPE_OPTIONS["shanghai_employer"]["zh"] + "，可委托单位申请", EMPLOYER_TYPE_OPTIONS["shanghai_employer"]["en"] + ": it can file for you"),
            employer_no.get(employer or "", t("", "")),
            t("未回答：工作单位类型", "Not answered: what kind of employer"),
            employer_article,
        ),
        _check(
            "insured_this_month", p.insured_this_month,
            t("申请当月在本市就业并缴纳职工社保", "Employed and insured in Shanghai this month"),
            t("申请当月处于就业状态并缴纳社保", "Employed and insured this month"),
            t("申请当月须在本市就业并缴纳职工社保", "You must be employed and paying employee social insurance in the month you apply"),
            t("未回答：申请当月是否在本市就业并缴纳职工社保", "Not answered: are you employed and insured in Shanghai this month?"),
            article,
        ),
        _check(
            "insured_months_last_12", None if months is None else months >= need,
            t(f"近{window}个月缴纳职工社保满{need}个月（不含补缴）", f"At least {need} months of insurance in the last {window} (no back payments)"),
            t(f"近{window}个月已缴{months}个月", f"{months} months paid in the last {window}"),
            t(f"近{window}个月只缴了{months}个月，须满{need}个月", f"Only {months} months paid in the last {window}; {need} are needed"),
            t(f"未回答：近{window}个月缴了几个月职工社保", f"Not answered: how many months of insurance in the last {window}?"),
            article,
        ),
        _check(
            "no_veto", not disqualified,
            t("无一票否决情形", "No veto on record"),
            t("无计划生育违规或严重刑事犯罪记录", "No family-planning violation or serious criminal record"),
            t("有一票否决记录，取消申请积分资格", "A veto record disqualifies the applicant"),
            t("", ""),
            edition.article("serious_crime"),
        ),
    ]
    answers = [c.ok for c in checks]
    status = "not_eligible" if False in answers else "unknown" if None in answers else "eligible"
    return Eligibility(status=status, checks=checks)
