"""Statutory rules, one place: each with its statute and article, a default, and a per-congress value.

Workflows read rules only through ``get(congress, key)``. A congress's own value (a ``RuleSetting``
row, changed through ``core.actions.change_rule`` and audited) overrides the default; where the
default differs by level (township / county / city / provincial) it is given per level.

Statutes (texts read; check against the official database before go-live):
  组织法 = 地方各级人民代表大会和地方各级人民政府组织法 (2022)
  代表法 = 全国人民代表大会和地方各级人民代表大会代表法 (2025)
  选举法 = 全国人民代表大会和地方各级人民代表大会选举法 (2020)
  监督法 = 各级人民代表大会常务委员会监督法 (2024)
  立法法 = 中华人民共和国立法法 (2023)
"local practice" marks a rule the law leaves to the congress; its default comes from DOMAIN.md §10.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError

from renda.core.models import Congress, RuleSetting

INT, FRACTION, BOOL, OPTIONAL_INT, LABELS, DAYS_LIST = "int", "fraction", "bool", "optional_int", "labels", "days"


@dataclass(frozen=True)
class Rule:
    key: str
    group: str
    label: str
    kind: str
    default: Any  # a value, or a dict level → value with "*" for the other levels
    basis: str  # statute and article, or "local practice: …"
    # Smallest and largest whole number a congress may set (INT, OPTIONAL_INT, each day of DAYS_LIST):
    # these numbers feed counts, loops and date arithmetic, so 10^20 would crash or run for ever.
    bounds: tuple[int, int] | None = None

    def default_for(self, congress: Congress) -> Any:
        if isinstance(self.default, dict):
            return self.default.get(congress.level, self.default.get("*"))
        return self.default

    @property
    def local_practice(self) -> bool:
        return self.basis.startswith("地方实践")


RULES: list[Rule] = [
    # ── Congress plenary (大会) ──
    Rule("plenary.quorum", "大会", "大会全体会议须有不少于此比例的代表出席方能举行", FRACTION, "2/3",
         "组织法第十四条"),
    Rule("plenary.pass_fraction", "大会", "选举和决议须获全体代表的过半数（超过此比例）通过", FRACTION, "1/2",
         "组织法第二十五条"),
    Rule("plenary.extra_session_fraction", "大会", "提议临时召集大会所需代表比例（不少于）", FRACTION, "1/5",
         "组织法第十四条"),
    Rule("plenary.motion_min_deputies", "大会", "代表联名提出议案的最少人数", INT,
         {"township": 5, "*": 10}, "组织法第二十二条", bounds=(1, 3000)),
    Rule("plenary.inquiry_min_deputies", "大会", "代表联名提出质询案的最少人数", INT, 10, "组织法第二十四条", bounds=(1, 3000)),
    Rule("plenary.nomination_min_deputies", "大会", "代表联合提名国家机关领导人员候选人的最少人数", INT,
         {"provincial": 30, "city": 20, "county": 10, "*": 10},
         "组织法第二十六条（乡镇级法律未列明，默认按县级）", bounds=(1, 3000)),
    Rule("plenary.removal_min_fraction", "大会", "代表联名提出罢免案所需代表比例（不少于）", FRACTION, "1/10",
         "组织法第三十一条"),
    Rule("plenary.absences_without_leave", "大会", "未经批准连续缺席大会会议达此次数的，代表资格终止", INT, 2,
         "代表法第六十二条", bounds=(1, 100)),
    # ── Elections (选举) ──
    Rule("election.pass_fraction", "选举", "当选须获全体代表的过半数（超过此比例）选票", FRACTION, "1/2",
         "组织法第二十五条、第二十九条；选举法第四十五条"),
    Rule("election.vice_chair_surplus_min", "选举", "常委会副主任、副职领导差额选举：候选人比应选人数至少多", INT, 1,
         "组织法第二十七条", bounds=(0, 100)),
    Rule("election.vice_chair_surplus_max", "选举", "常委会副主任、副职领导差额选举：候选人比应选人数至多多", INT, 3,
         "组织法第二十七条", bounds=(0, 100)),
    Rule("election.member_surplus_min", "选举", "常委会委员差额选举：候选人多于应选人数的最低比例", FRACTION, "1/10",
         "组织法第二十七条"),
    Rule("election.member_surplus_max", "选举", "常委会委员差额选举：候选人多于应选人数的最高比例", FRACTION, "1/5",
         "组织法第二十七条"),
    # ── Standing committee (常委会) ──
    Rule("sc.size_min", "常委会", "常委会组成人员名额下限", OPTIONAL_INT,
         {"provincial": 45, "city": 29, "county": 15, "*": None}, "组织法第四十七条", bounds=(1, 3000)),
    Rule("sc.size_max", "常委会", "常委会组成人员名额上限", OPTIONAL_INT,
         {"provincial": 75, "city": 51, "county": 35, "*": None},
         "组织法第四十七条（人口超过规定数的可适当增加）", bounds=(1, 3000)),
    Rule("sc.meeting_interval_months", "常委会", "常委会会议至少每隔几个月举行一次", INT, 2, "组织法第五十一条", bounds=(1, 120)),
    Rule("sc.quorum", "常委会", "常委会会议须有全体组成人员的过半数（超过此比例）出席方能举行", FRACTION, "1/2",
         "组织法第五十一条"),
    Rule("sc.pass_fraction", "常委会", "常委会决议须获全体组成人员的过半数（超过此比例）通过", FRACTION, "1/2",
         "组织法第五十一条"),
    Rule("sc.motion_min_members", "常委会", "常委会组成人员联名提出议案的最少人数", INT,
         {"county": 3, "*": 5}, "组织法第五十二条", bounds=(1, 3000)),
    Rule("sc.inquiry_min_members", "常委会", "常委会组成人员联名提出质询案的最少人数", INT,
         {"county": 3, "*": 5}, "组织法第五十三条", bounds=(1, 3000)),
    Rule("sc.dismissal_min_fraction", "常委会", "常委会组成人员联名提出撤职案所需比例（不少于）", FRACTION, "1/5",
         "监督法第六十一条、第六十二条"),
    Rule("meeting.other_quorum", "常委会", "主席团、代表团、主任会议须有全体组成人员的过半数（超过此比例）出席", FRACTION,
         "1/2", "地方实践：参照组织法第五十一条"),
    Rule("sc.satisfaction_evaluation", "常委会", "开展满意度测评", BOOL, True, "地方实践：法律未作规定"),
    # ── Oversight (监督) ──
    Rule("oversight.report_to_committee_days", "监督", "专项工作报告送交有关专门委员会或工作机构的最少提前天数",
         INT, 20, "监督法第十五条", bounds=(0, 366)),
    Rule("oversight.report_to_sc_days", "监督", "专项工作报告送交常委会办事机构的最少提前天数", INT, 10,
         "监督法第十五条", bounds=(0, 366)),
    Rule("oversight.report_to_members_days", "监督", "专项工作报告发给常委会组成人员的最少提前天数", INT, 7,
         "监督法第十五条", bounds=(0, 366)),
    Rule("oversight.review_response_days", "监督", "审议意见研究处理情况的书面报告期限（天，空为不设）",
         OPTIONAL_INT, None, "地方实践：监督法第十七条未规定期限", bounds=(1, 3660)),
    Rule("oversight.reply_deliberated", "监督", "审议意见研究处理情况报告提请常委会会议审议", BOOL, False,
         "监督法第十四条：常委会认为必要时可以对研究处理情况报告进行审议"),
    Rule("oversight.unsatisfied_fraction", "监督", "满意度测评：不满意票超过实际投票数的此比例，测评结果为不满意",
         FRACTION, "1/2", "地方实践：满意度测评办法"),
    Rule("oversight.report_again_months", "监督", "测评结果为不满意的，报告机关再次报告的期限（月）", INT, 6,
         "地方实践：满意度测评办法", bounds=(1, 60)),
    Rule("oversight.questioning_further_fraction", "监督", "提质询案的人员中超过此比例对答复不满意的，可以要求再作答复",
         FRACTION, "1/2", "代表法第二十条；监督法第四十五条"),
    Rule("rectification.reminder_days", "监督", "整改事项到期前提醒的天数", DAYS_LIST, [30, 7, 1], "地方实践",
         bounds=(0, 3660)),
    Rule("rectification.escalate_after_days", "监督", "整改事项逾期超过此天数，提请主任会议研究", INT, 30,
         "地方实践：整改清单销号管理", bounds=(0, 3660)),
    # ── Deputies and suggestions (代表和建议) ──
    Rule("suggestion.answer_months", "建议", "建议自交办之日起答复期限（月）", INT, 3, "代表法第五十一条", bounds=(1, 120)),
    Rule("suggestion.complex_answer_months", "建议", "涉及面广、处理难度大的建议答复期限（月）", INT, 6,
         "代表法第五十一条", bounds=(1, 120)),
    Rule("suggestion.wrong_assignment_return_days", "建议", "承办单位退回交办不当建议的期限（天）", INT, 10,
         "地方实践：上海、浙江规定", bounds=(0, 3660)),
    Rule("suggestion.co_unit_opinion_months", "建议", "协办单位向主办单位提出意见的期限（月）", INT, 1,
         "地方实践：上海、浙江规定", bounds=(0, 120)),
    Rule("suggestion.rehandling_months", "建议", "代表不满意后重新办理的答复期限（月）", INT, 1,
         "地方实践：上海、浙江规定", bounds=(0, 120)),
    Rule("suggestion.outcome_classes", "建议", "答复分类（每行一类：代码 说明）", LABELS,
         ["A 已解决或采纳", "B 正在解决或列入计划解决", "C 因条件限制留作参考"], "地方实践：上海、浙江规定"),
    Rule("suggestion.reminder_days", "建议", "到期前提醒的天数", DAYS_LIST, [30, 7, 1], "地方实践", bounds=(0, 3660)),
    Rule("suggestion.max_extension_months", "建议", "承办单位申请延期答复的最长期限（月）", INT, 3,
         "地方实践：代表法第五十一条规定答复期限，延期须经交办机关同意", bounds=(0, 120)),
    Rule("suggestion.weight_timeliness", "建议", "承办单位评分权重：按期答复率（分）", INT, 30, "地方实践：建议办理考评办法", bounds=(0, 100)),
    Rule("suggestion.weight_satisfaction", "建议", "承办单位评分权重：代表满意率（分）", INT, 40, "地方实践：建议办理考评办法", bounds=(0, 100)),
    Rule("suggestion.weight_ab_share", "建议", "承办单位评分权重：A、B类答复占比（分）", INT, 30, "地方实践：建议办理考评办法", bounds=(0, 100)),
    Rule("suggestion.rehandling_penalty", "建议", "承办单位评分：每件重新办理扣分", INT, 2, "地方实践：建议办理考评办法", bounds=(0, 100)),
    Rule("dates.working_days", "日期", "按工作日（周一至周五）计算以日计的地方期限：申请调整承办单位、联络站各环节", BOOL, False,
         "地方实践：期限自交办次日起算"),
    # ── Legislation (立法) ──
    Rule("legislation.draft_to_members_days", "立法", "法规案在常委会会议举行前发给组成人员的最少天数", INT, 7,
         "立法法第三十一条", bounds=(0, 366)),
    Rule("legislation.normal_readings", "立法", "法规案一般审议次数", INT, 3, "立法法第三十二条、第三十三条", bounds=(1, 10)),
    Rule("legislation.public_comment_days", "立法", "法规草案公开征求意见的最少天数", INT, 30, "立法法第四十条、第八十七条", bounds=(0, 366)),
    Rule("legislation.shelved_years", "立法", "搁置满此年数的法规案可终止审议", INT, 2, "立法法第四十五条", bounds=(1, 100)),
    Rule("legislation.approval_months", "立法", "省级人大常委会批准设区的市法规的期限（月）", INT, 4,
         "立法法第八十一条", bounds=(1, 120)),
    # ── Livelihood projects (民生实事项目票决) ──
    Rule("livelihood.candidate_surplus", "民生实事", "候选项目数多于拟票决项目数的最低比例（向上取整）", FRACTION,
         "1/5", "地方实践：组织法第十一条、第五十条；浙江（2022）、陕西（2025）规定"),
    Rule("livelihood.review_stages", "民生实事", "审查环节（每行一个，按先后顺序）", LABELS,
         ["政府审查", "主任会议审议", "党委审定"], "地方实践：征集、筛选、审议、审定"),
    Rule("livelihood.weight_completion", "民生实事", "单位评分权重：完成率（分）", INT, 40, "地方实践", bounds=(0, 100)),
    Rule("livelihood.weight_timeliness", "民生实事", "单位评分权重：按期完成节点率（分）", INT, 30, "地方实践", bounds=(0, 100)),
    Rule("livelihood.weight_satisfaction", "民生实事", "单位评分权重：代表满意率（分）", INT, 30, "地方实践", bounds=(0, 100)),
    Rule("livelihood.pass_fraction", "民生实事", "项目须获全体代表过半数（超过此比例）赞成", FRACTION, "1/2",
         "地方实践：浙江（2022）、陕西（2025）规定"),
    # ── Liaison with constituents (代表联络站、群众诉求) ──
    Rule("liaison.categories", "联络站", "群众诉求类别（每行一类）", LABELS,
         ["城乡建设", "交通出行", "教育", "医疗卫生", "社会保障", "就业创业", "农牧业", "生态环境", "社会治理", "其他"],
         "地方实践：代表联络站工作规则"),
    Rule("liaison.committee_days", "联络站", "及时办：交村（居）委会办理的期限（日）", INT, 15,
         "地方实践：“事事有回音，件件有着落”", bounds=(0, 3660)),
    Rule("liaison.unit_answer_days", "联络站", "上报办：承办单位答复期限（日）", INT, 30, "地方实践：代表联络站工作规则", bounds=(0, 3660)),
    Rule("liaison.tracking_days", "联络站", "跟踪办：负责代表跟踪办理期限（日）", INT, 30, "地方实践：代表联络站工作规则", bounds=(0, 3660)),
    Rule("liaison.feedback_days", "联络站", "办结后向反映人反馈并听取评价的期限（日）", INT, 7, "地方实践", bounds=(0, 3660)),
    Rule("liaison.intake_per_address_hour", "联络站", "网上反映：同一网络地址每小时最多提交件数", INT, 10,
         "平台安全：防止恶意提交", bounds=(1, 100000)),
    Rule("liaison.intake_per_station_hour", "联络站", "网上反映：每个联络站每小时最多受理件数", INT, 300,
         "平台安全：防止恶意提交", bounds=(1, 100000)),
    Rule("questionnaire.answers_per_address_hour", "问卷", "扫码填写问卷：同一网络地址每小时最多提交份数（会场共用一个"
         "无线网络时调高，或改用答卷码）", INT, 30, "平台安全：防止恶意提交", bounds=(1, 100000)),
    Rule("liaison.challenge_after", "联络站", "网上反映：同一地址一小时内提交达到此数后须回答验证题", INT, 3,
         "平台安全：防止恶意提交", bounds=(0, 100000)),
    # ── Signing in with the hall code (手机签到) ──
    # Platform security, not statute: the six-digit code could be guessed at ~200 tries a second.
    Rule("meeting.hall_code_tries", "会议签到", "手机签到：同一账号连续输错签到码达到此数后暂停手机签到（次）", INT, 5,
         "平台安全：防止猜测签到码", bounds=(1, 1000)),
    Rule("meeting.hall_code_lock_minutes", "会议签到", "手机签到：输错暂停的时长（分钟，自最后一次输错起）", INT, 15,
         "平台安全：防止猜测签到码", bounds=(1, 10080)),
    Rule("meeting.hall_code_tries_per_address", "会议签到", "手机签到：同一网络地址输错签到码达到此数后暂停该地址的手机签到（次）",
         INT, 30, "平台安全：会场网络下多人共用一个地址，故高于每人次数", bounds=(1, 10000)),
    # ── Deputy mandates (代表资格) ──
    Rule("mandate.suspension_enabled", "代表资格", "记录暂停执行代表职务及恢复", BOOL, True,
         "代表法关于暂停执行代表职务的规定"),
    # ── Voting in the hall (表决) ──
    # Local practice, not statute: whether members see the running counts on their phones while a
    # recorded vote is open. Off by default so no member's choice is swayed by the others' so far;
    # the staff-run hall screen shows the counts either way.
    Rule("voting.show_running_tally_to_members", "表决", "表决进行中，组成人员在手机上可以看到实时票数", BOOL, False,
         "地方实践：法律未作规定，按本级会议惯例"),
    # Electronic secret ballots are sealed while the vote is open to a key split among the tellers
    # (监票人, 选举法 on 监票 and 计票): any ``teller_quorum`` of the ``teller_slips`` open them at the close.
    # Bounded 1–20: the key splitting takes 1 to 255 shares, and no congress has more than 20 tellers.
    Rule("voting.teller_slips", "表决", "电子无记名投票开始时生成的监票人密钥条张数（每名监票人一张）", INT, 3,
         "地方实践：选举法规定设监票人，张数按本级监票人人数", bounds=(1, 20)),
    Rule("voting.teller_quorum", "表决", "结束电子无记名投票时须输入的监票人密钥条张数", INT, 2,
         "地方实践：不多于密钥条张数", bounds=(1, 20)),
    # ── 议程（提请事项、议程草案） (agenda) ──
    # (members' joint proposals use sc.motion_min_members above)
    # ── 人事任免、宪法宣誓 (appointments) ──
    Rule("appointments.law_exam", "人事任免", "提请任命的人员须参加任前法律知识考试", BOOL, False,
         "地方实践：本级人大常委会任免办法规定"),
    Rule("appointments.law_exam_pass_mark", "人事任免", "任前法律知识考试合格分数（百分制）", INT, 60,
         "地方实践：本级人大常委会任免办法规定", bounds=(0, 100)),
    Rule("appointments.secret_ballot", "人事任免", "人事任免采用无记名投票表决（否则按表决器记名表决）", BOOL, False,
         "地方实践：组织法第五十一条未规定表决方式，按本级议事规则"),
    Rule("appointments.oath_required", "人事任免", "任命人员须进行宪法宣誓后方显示为在任", BOOL, True,
         "宪法第二十七条；全国人大常委会关于实行宪法宣誓制度的决定（2018年修订）"),
    # ── 述职评议 (duty_reports) ──
    Rule("duty_reports.appointee_times_per_term", "述职评议", "常委会任命的人员每届述职次数（述职计划据此提出尚未述职的人员）",
         INT, 1, "地方实践：常委会任命人员每届任期内至少述职一次", bounds=(0, 10)),
    Rule("duty_reports.unsatisfied_fraction", "述职评议", "述职测评：不满意票超过此比例（占有效票）的，评为不满意", FRACTION,
         "1/2", "地方实践：述职评议办法"),
    # ── 工作要点与行事历 (work_points) ──
    # ── 重大事项决定 (decisions) ──
    Rule("decisions.report_months", "重大事项决定", "决议、决定通过后向常委会报告执行情况的期限（月）", INT, 6,
         "地方实践：组织法第五十条规定常委会讨论、决定重大事项，执行情况报告的期限由本级确定", bounds=(1, 60)),
    # ── 分管与对口联系 (portfolios) ──
    # ── 法规文本 (legislation) ──
    # ── 立法规划与计划 (legislative_plans) ──
    Rule("legislative_plans.public_per_address_hour", "立法计划", "网上提出立法项目建议：同一网络地址每小时最多提交件数", INT, 5,
         "平台安全：防止恶意提交（立法法第五十六条：编制立法规划和年度立法计划应当广泛征集意见；第八十七条）", bounds=(1, 100000)),
    Rule("legislative_plans.public_per_hour", "立法计划", "网上提出立法项目建议：本级每小时最多受理件数", INT, 200,
         "平台安全：防止恶意提交（立法法第五十六条、第八十七条）", bounds=(1, 100000)),
    Rule("legislative_plans.challenge_after", "立法计划", "网上提出立法项目建议：同一地址一小时内提交达到此数后须回答验证题",
         INT, 2, "平台安全：防止恶意提交（立法法第五十六条、第八十七条）", bounds=(0, 100000)),
    # ── 征求意见 (law_comments) ──
    # (the public period's length is legislation.public_comment_days above; the public form's per-address
    # limit and its sum are the public intake's own, liaison.intake_per_address_hour and liaison.challenge_after)
    Rule("law_comments.public_per_period_hour", "立法", "网上对法规草案提意见：每件草案每小时最多受理条数", INT, 300,
         "平台安全：防止恶意提交（立法法第四十条、第八十七条：向社会公布征求意见）", bounds=(1, 100000)),
    # ── 审议、表决、批准、公布、备案 (enactment) ──
    Rule("enactment.approval_required", "立法", "本级制定的地方性法规须报省级人大常委会批准后施行", BOOL,
         {"city": True, "*": False}, "立法法第八十一条（设区的市的地方性法规）"),
    Rule("enactment.filing_days", "立法", "法规公布后报送备案的期限（日）", INT, 30, "立法法第一百零九条",
         bounds=(1, 366)),
    Rule("enactment.filing_bodies", "立法", "地方性法规公布后报送备案的机关（每行一个）", LABELS,
         {"city": ["全国人民代表大会常务委员会（由省级人大常委会报送）", "国务院（由省级人大常委会报送）"],
          "*": ["全国人民代表大会常务委员会", "国务院"]},
         "立法法第一百零九条第二项（设区的市的地方性法规由省、自治区人大常委会报全国人大常委会和国务院备案）"),
    # ── 代表闭会期间活动、代表培训 (activities) ──
    # ── 代表小组 (deputy_groups) ──
    Rule("deputy_groups.one_area_group", "代表小组", "一名代表只能参加一个按区域划分的代表小组（按专业划分的不限）", BOOL, True,
         "地方实践：代表小组按行政区域划分，代表按居住地或工作地编入一个代表小组（代表法第二十二条、第二十三条：代表小组活动）"),
    # ── 代表履职档案 (records) ──
    Rule("records.note_max_chars", "履职档案", "代表对年度履职档案所作说明的最多字数", INT, 500,
         "地方实践：代表法第四十五条、第五十八条（记录代表履职情况）；说明由代表本人填写，档案数字由系统计算", bounds=(50, 5000)),
    Rule("records.score_enabled", "履职档案", "履职档案计算积分（按下列各项权重）", BOOL, False,
         "地方实践：部分地方实行代表履职积分管理，法律未规定"),
    Rule("records.score_weights", "履职档案", "履职积分权重（每行一项：项目代码 分值，可为负数，如 meetings_absent -2）",
         LABELS, ["meetings_attended 2", "meetings_absent -2", "votes_cast 0", "suggestions_led 3",
                  "suggestions_cosigned 1", "motions_led 5", "motions_cosigned 2", "receptions 2", "concerns_handled 1",
                  "contacts 1", "activities_attended 2", "training_sessions 1", "duty_reports 5",
                  "livelihood_inspections 1", "register_items 1"],
         "地方实践：代表履职积分管理办法"),
    # ── 意见建议登记办理（代表直通车、座谈走访意见、会议交办、信访） (opinions) ──
    Rule("opinions.unit_answer_days", "意见建议登记", "交办的意见建议（代表直通车、座谈走访、会议交办）承办单位答复期限（日）",
         INT, 30, "地方实践：意见建议登记办理“事事有回音，件件有着落”", bounds=(1, 3660)),
    Rule("opinions.petition_days", "意见建议登记", "人大信访事项交办后的办结期限（日）", INT, 60,
         "《信访工作条例》（2022）：信访事项自受理之日起六十日内办结", bounds=(1, 3660)),
    # ── 网上代表之家、致代表的信 (deputy_pages) ──
    # (the contact form's per-address limit and its sum are the public intake's own,
    # liaison.intake_per_address_hour and liaison.challenge_after; its station's hourly limit counts it too)
    Rule("deputy_pages.reply_max_chars", "代表联络", "致代表的信：代表回复最多字数", INT, 2000,
         "地方实践：闭会前征求代表意见的回执", bounds=(50, 20000)),
    Rule("deputy_pages.duty_days_ahead", "代表联络", "网上代表之家：公开代表此后多少天内的进站接待安排", INT, 60,
         "地方实践：联络站公开代表进站接待安排", bounds=(1, 366)),
    # ── 全文检索 (search) ──
    # ── 相似件与重复件 (similar) ──
    Rule("similar.min_score", "相似件", "起草建议、反映诉求时提示相似已有件的最低相似度（共同三字片段占较短一方的比例）", FRACTION, "1/3",
         "地方实践：提示而不阻止——代表可联名、群众可了解已有诉求的办理进度，以减少重复提出（代表法第十九条：代表联名提出建议）"),
    Rule("similar.cluster_threshold", "相似件", "批量审查时归为一组并案候选的相似度（三字片段的 Jaccard 相似度，MinHash 估计）", FRACTION, "1/2",
         "地方实践：内容相同或相近的建议可并案办理；并案由工作人员决定，系统只提出候选"),
    Rule("similar.candidates", "相似件", "每次提示最多比较的已有件数（按共同字词从数据库取出的候选）", INT, 500,
         "平台性能：输入时即时提示，不得扫描全部已有件", bounds=(50, 5000)),
    # ── 承办单位职责与交办建议 (routing) ──
    Rule("routing.duties_max_chars", "交办建议", "承办单位职责（三定方案）文本最多字数", INT, 5000,
         "地方实践：三定方案“主要职责”一节通常在数千字以内；系统据此建议承办单位", bounds=(200, 50000)),
    # ── 答复质量提示 (answer_quality) ──
    Rule("answer_quality.boilerplate_containment", "答复质量提示", "套话答复：本答复的三字片段有不少于此比例出现在同一单位此前对另一件的答复中，即提示",
         FRACTION, "3/5", "地方实践：代表建议答复应当有针对性，不得以“供研究时参考”等套话敷衍（代表法第四十九条：有关机关、组织应当认真研究办理代表建议并负责答复）"),
    Rule("answer_quality.boilerplate_passage_units", "答复质量提示", "套话答复：与同一单位此前对另一件的答复有一段连续相同的文字达到此字数，即提示",
         INT, 30, "地方实践：整段照搬此前答复（如“我局高度重视……将认真研究”）属敷衍答复；代表法第四十九条", bounds=(6, 5000)),
    Rule("answer_quality.off_topic_coverage", "答复质量提示", "答非所问：建议的请求内容（含“建议”“请求”等的句子）中的两字片段出现在答复中的比例低于此值，即提示",
         FRACTION, "1/5", "地方实践：答复应当针对代表提出的具体问题（代表法第四十九条）"),
    Rule("answer_quality.min_units", "答复质量提示", "答复或请求内容少于此字数（汉字、字母、数字）的不作比较", INT, 6,
         "统计上的下限：过短的文字任意两段都可能相同，提示没有意义", bounds=(3, 1000)),
    Rule("answer_quality.request_markers", "答复质量提示", "表示请求的词（每行一个）：含这些词的句子作为建议的请求内容，词本身不计入比较",
         LABELS, ["建议", "请求", "希望", "要求", "呼吁", "恳请", "尽快", "应当"],
         "地方实践：代表建议的“建议”部分是答复应当回应的内容"),
    # ── 日程与日历订阅 (schedule) ──
    Rule("schedule.rating_days", "日程与日历订阅", "代表收到建议答复后填写评价（征询意见表）的期限（天），日程中显示为“评价答复”的日期",
         INT, 30, "地方实践：各地代表建议办理办法通常要求代表收到答复后一个月内反馈对办理工作的意见",
         bounds=(1, 365)),
    Rule("schedule.meeting_hours", "日程与日历订阅", "会议只记录开始时间：日历中会议按此时长（小时）显示", INT, 3,
         "平台约定：会议未记录结束时间，订阅日历需要一个结束时间", bounds=(1, 24)),
    Rule("schedule.feed_days_back", "日程与日历订阅", "日历订阅包含过去多少天的事项", INT, 90,
         "平台约定：手机日历只需近期已过的事项", bounds=(0, 3660)),
    Rule("schedule.feed_days_ahead", "日程与日历订阅", "日历订阅包含今后多少天的事项", INT, 400,
         "平台约定：覆盖一年的会议和期限", bounds=(1, 3660)),
    # ── 通知送达渠道 (delivery) ──
    Rule("delivery.max_attempts", "通知送达", "一条通知经同一渠道发送失败达到此次数即列入死信，由工作人员处理后重发", INT, 5,
         "平台可靠性：短信网关或邮件服务器暂时故障时自动重试，持续失败时交人工处理", bounds=(1, 50)),
    Rule("delivery.retry_minutes", "通知送达", "首次发送失败后等待的分钟数；此后每次失败等待时间加倍", INT, 1,
         "平台可靠性：指数退避，避免故障期间反复冲击网关", bounds=(1, 1440)),
    Rule("delivery.pickup_days", "通知送达", "送达程序补发此天数内产生、尚未安排送达的通知（更早的只在站内显示）", INT, 2,
         "平台：上线或停机后不向代表补发久远的旧通知", bounds=(1, 60)),
    Rule("delivery.urgent_meeting_hours", "通知送达", "会议在此小时数内举行的会议通知为紧急通知，发往本人选择的全部渠道", INT, 24,
         "地方实践：会议前一天的提醒须确保送达（代表法第四条：代表应当按时出席本级人民代表大会会议）", bounds=(1, 168)),
    Rule("delivery.reply_link_days", "通知送达", "会议通知中参加、请假回执链接的有效天数（会议开始后一律失效）", INT, 30,
         "平台安全：回执链接凭签名识别本人，须有期限", bounds=(1, 365)),
    # ── 导出、打印、图表 (core outputs) ──
    Rule("exports.background_rows", "导出", "列表导出超过此行数时在后台生成文件并显示进度，生成后下载", INT, 5000,
         "平台性能：大表导出需要数秒以上，后台生成以免请求超时；文件只供本人下载，一天后删除", bounds=(1, 100000)),
    # ── 两代表一委员之家：政协委员进站 (liaison, CPPCC part) ──
    # ── 代表向选民述职、选民评议 (duty_reports, voters' part) ──
    # (the grade is the standing committee's own rule duty_reports.unsatisfied_fraction above)
    Rule("duty_reports.evaluations_per_address_hour", "述职评议", "选民扫码评议代表述职：同一网络地址每小时最多提交次数"
         "（会场多人共用一个无线网络，故高于网上反映）", INT, 60,
         "代表法第五十八条（代表向原选区选民或原选举单位报告履职情况）；平台安全：防止恶意提交", bounds=(1, 100000)),
    Rule("duty_reports.evaluation_default_hours", "述职评议", "选民扫码评议：未填结束时间时，评议自开始起持续的小时数", INT, 3,
         "地方实践：述职会议当场评议", bounds=(1, 720)),
]

BY_KEY = {rule.key: rule for rule in RULES}


def rule(key: str) -> Rule:
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"no statutory rule {key!r} in core.rules") from None


def parse(r: Rule, raw: Any) -> Any:
    """Turn a value from a form, the API or storage into the rule's type; ValidationError names the rule."""
    try:
        if r.kind == INT:
            value = int(raw)
            if value < 0:
                raise ValueError
            return _within(r, value, raw)
        if r.kind == OPTIONAL_INT:
            if raw in (None, ""):
                return None
            value = int(raw)
            if value < 0:
                raise ValueError
            return _within(r, value, raw)
        if r.kind == FRACTION:
            fraction = Fraction(str(raw).strip())
            if not 0 < fraction <= 1:
                raise ValueError
            return fraction
        if r.kind == BOOL:
            if isinstance(raw, bool):
                return raw
            if str(raw).lower() in {"1", "true", "on", "yes", "是"}:
                return True
            if str(raw).lower() in {"0", "false", "off", "no", "否", ""}:
                return False
            raise ValueError
        if r.kind == LABELS:
            lines = raw if isinstance(raw, list) else str(raw).splitlines()
            lines = [str(line).strip() for line in lines if str(line).strip()]
            if not lines:
                raise ValueError
            return lines
        if r.kind == DAYS_LIST:
            items = raw if isinstance(raw, list) else str(raw).replace("，", ",").split(",")
            days = sorted({int(str(i).strip()) for i in items if str(i).strip()}, reverse=True)
            if not days or days[-1] < 0:
                raise ValueError
            for day in days:
                _within(r, day, raw)
            return days
    except (ValueError, ZeroDivisionError, TypeError):
        pass
    hints = {
        INT: "须为不小于 0 的整数",
        OPTIONAL_INT: "须为不小于 0 的整数，或留空",
        FRACTION: "须为 0 到 1 之间的分数，如 2/3",
        BOOL: "须为“是”或“否”",
        LABELS: "至少一行",
        DAYS_LIST: "须为逗号分隔的天数，如 30,7,1",
    }
    raise ValidationError({"value": f"“{r.label}”{hints[r.kind]}，收到：{raw!r}"})


def _within(r: Rule, value: int, raw: Any) -> int:
    """The value if inside the rule's bounds; else a ValidationError naming the rule and the range."""
    if r.bounds is not None and not r.bounds[0] <= value <= r.bounds[1]:
        low, high = r.bounds
        raise ValidationError({"value": f"“{r.label}”须为 {low} 至 {high} 的整数，收到：{raw!r}"})
    return value


def get(congress: Congress, key: str) -> Any:
    """This congress's value, or the default. A stored value the rule no longer accepts (set before its
    bounds existed, e.g. 1,000,000 teller slips) reads as the default rather than crashing a workflow."""
    r = rule(key)
    stored = overrides(congress)
    if key in stored:
        try:
            return parse(r, stored[key])
        except ValidationError:
            pass
    return parse(r, r.default_for(congress)) if r.default_for(congress) is not None else None


def overrides(congress: Congress) -> dict[str, Any]:
    """This congress's stored settings, read once per version of its rules: a hall screen asks a rule
    on every poll while every batch of votes moves the congress's data version. A setting saved by any
    path moves the rules' version (``setting_saved``; ``core.actions.change_rule`` also for a reset)."""
    from renda.core import versioned

    return versioned.cached(congress, "rules", lambda: dict(RuleSetting.objects.in_congress(congress)
                                                            .values_list("key", "value")), part=VERSION_PART)


VERSION_PART = "rules"  # the part of a congress's data version its rule settings move (core.tallies.note_write)


def setting_saved(sender, instance: RuleSetting, **kwargs) -> None:
    from renda.core import tallies

    tallies.note_write(instance.congress, VERSION_PART)


def storable(r: Rule, value: Any) -> Any:
    return str(value) if isinstance(value, Fraction) else value


def display(value: Any) -> str:
    if value is None:
        return "（不设）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "；".join(str(v) for v in value)
    return str(value)


# ── Counting helpers every workflow uses, so "at least" and "more than" are never mixed up ──

def at_least(count: int, total: int, fraction: Fraction) -> bool:
    """count / total ≥ fraction, in exact arithmetic (e.g. quorum of two-thirds: 29 of 43 is enough)."""
    return count * fraction.denominator >= fraction.numerator * total


def more_than(count: int, total: int, fraction: Fraction) -> bool:
    """count / total > fraction (e.g. more than half of ALL 43 members: 22 passes, 21 does not)."""
    return count * fraction.denominator > fraction.numerator * total


def plenary_quorum_met(congress: Congress, present: int, total_deputies: int) -> bool:
    return at_least(present, total_deputies, get(congress, "plenary.quorum"))


def sc_quorum_met(congress: Congress, present: int, total_members: int) -> bool:
    return more_than(present, total_members, get(congress, "sc.quorum"))


def meeting_quorum_met(congress: Congress, kind: str, present: int, total: int) -> bool:
    """Quorum by meeting kind: a plenary needs at least two-thirds of all deputies (组织法 art. 14);
    a standing-committee session more than half of all members (art. 51); other bodies by setting."""
    if kind in ("plenary", "preparatory"):
        return plenary_quorum_met(congress, present, total)
    if kind == "sc_session":
        return sc_quorum_met(congress, present, total)
    return more_than(present, total, get(congress, "meeting.other_quorum"))


def quorum_rule_text(congress: Congress, kind: str) -> str:
    if kind in ("plenary", "preparatory"):
        return f"不少于全体代表的{get(congress, 'plenary.quorum')}（组织法第十四条）"
    if kind == "sc_session":
        return f"超过全体组成人员的{get(congress, 'sc.quorum')}（组织法第五十一条）"
    return f"超过全体组成人员的{get(congress, 'meeting.other_quorum')}"


def vote_passes(congress: Congress, kind: str, yes: int, electorate: int) -> bool:
    """Adopted with more than half of ALL deputies (plenary, 组织法 art. 25) or of ALL members
    (standing committee, art. 51) — never of those present."""
    key = "plenary.pass_fraction" if kind in ("plenary", "preparatory") else "sc.pass_fraction"
    return more_than(yes, electorate, get(congress, key))


def add_months(day, months: int):
    """The same date ``months`` later, or the month's last day where it has none (Jan 31 → Apr 30)."""
    import calendar
    import datetime

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(congress: Congress, day, days: int):
    """``days`` after ``day`` — calendar days, or working days (Monday to Friday) where the congress
    counts its local deadlines that way (dates.working_days). Public holidays and the weekend days
    worked in their place are not known to Renda yet, so a working-day deadline over a holiday week
    comes out early, never late."""
    import datetime

    if not get(congress, "dates.working_days"):
        return day + datetime.timedelta(days=days)
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def answer_due(congress: Congress, assigned_on, complex_item: bool = False):
    """代表法 art. 51: within three months of assignment (six when wide-ranging or difficult), counted
    from the day after assignment to the same date N months later; the due day itself is on time."""
    months = get(congress, "suggestion.complex_answer_months" if complex_item else "suggestion.answer_months")
    return add_months(assigned_on, months)


def answered_on_time(answered_on, due_on) -> bool:
    """An answer on the due day is on time; the next day is late."""
    return answered_on <= due_on


def motion_cosigners_needed(congress: Congress) -> int:
    return get(congress, "plenary.motion_min_deputies")


# ── Date windows (issue 11, point 5): a date outside its window is a typo (0001-01-01, 9999-12-31),
# refused with the field named, never stored or counted. Local practice, not statute, except where said.
# 1954: the first local people's congresses under the 1954 Constitution; no term of any congress
# Renda serves began earlier. A term is planned at most ten years ahead (two five-year terms).
TERM_FIRST_YEAR, TERM_YEARS_AHEAD = 1954, 10
# Meetings: the platform holds no meetings from before 2000, and none is convened more than five
# years ahead (a term's length, 组织法第十四条/宪法第九十八条).
MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD = 2000, 5
# A unit's answer to a suggestion is dated no earlier than the day it was assigned, and no more
# than one day after today (an entry made late in the evening in another time zone); an answer
# dated in the future would count as "on time" (答复期限, 代表法第四十六条) before it exists.
ANSWER_DAYS_AHEAD = 1


def year_window(first_year: int, years_ahead: int, today=None):
    """The first and last day of the window from 1 January of ``first_year`` to 31 December of the
    year ``years_ahead`` years after today's."""
    import datetime

    from django.utils import timezone

    today = today or timezone.localdate()
    return datetime.date(first_year, 1, 1), datetime.date(today.year + years_ahead, 12, 31)
