"""Who may take which action: one table, deny by default.

docs/permissions.md shows this table as a role × action matrix; a test parses that document and
checks every cell against both this table and the actions themselves.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import connection

from renda.core.errors import NotPermitted
from renda.core.models import Congress, RoleGrant
from renda.core.roles import Role
from renda.core.written_out import placeholders, table

ADMIN = frozenset({Role.ADMIN})
OFFICE = frozenset({Role.ADMIN, Role.OFFICE_STAFF})
STAFF = frozenset({Role.ADMIN, Role.OFFICE_STAFF, Role.COMMITTEE_STAFF})
SIGNED_IN = frozenset(set(Role) - {Role.PUBLIC})
MEMBERS = frozenset({Role.DEPUTY, Role.SC_MEMBER})

# action name → (label, roles allowed)
PERMISSIONS: dict[str, tuple[str, frozenset[Role]]] = {
    # core
    "create_term": ("新建届次", ADMIN),
    "change_rule": ("修改规则设置", ADMIN),
    "grant_role": ("授予角色", ADMIN),
    "revoke_role": ("撤销角色", ADMIN),
    "issue_api_token": ("申请 API 令牌", SIGNED_IN),
    "revoke_api_token": ("撤销本人的 API 令牌", SIGNED_IN),
    "view_audit_log": ("查看、导出审计日志", ADMIN),
    "view_rules": ("查看规则设置", STAFF),
    "view_accounts": ("查看本级账号", ADMIN),
    "create_account": ("新建账号", ADMIN),
    "disable_account": ("停用账号", ADMIN),
    "enable_account": ("启用账号", ADMIN),
    "reset_password": ("重置账号密码", ADMIN),
    "change_own_password": ("修改本人密码", SIGNED_IN),
    # people and organisations
    "update_person": ("修改人员信息", OFFICE),
    "appoint_deputy": ("登记代表资格", OFFICE),
    "update_mandate": ("修改代表资格信息", OFFICE),
    "end_mandate": ("终止代表资格", OFFICE),
    "suspend_mandate": ("暂停执行代表职务", OFFICE),
    "restore_mandate": ("恢复执行代表职务", OFFICE),
    "create_organisation": ("新建机构", OFFICE),
    "update_organisation": ("修改机构", OFFICE),
    "add_membership": ("增加机构成员", OFFICE),
    "end_membership": ("结束机构成员任职", OFFICE),
    "import_people": ("导入代表和机构", OFFICE),
    "export_people": ("导出代表和机构", STAFF),
    "view_contact_details": ("查看代表联系方式", STAFF | {Role.SC_MEMBER}),
    "update_own_contact": ("代表修改本人联系方式", frozenset({Role.DEPUTY, Role.SC_MEMBER})),
    # meetings
    "create_meeting": ("召集会议", OFFICE),
    "update_meeting": ("修改会议的时间、地点、召集人和主持人", OFFICE),
    "build_roster": ("生成会议名单", OFFICE),
    "add_attendee": ("增加列席人员", OFFICE),
    "open_meeting": ("宣布开会", OFFICE),
    "close_meeting": ("宣布闭会", OFFICE),
    "request_leave": ("请假", OFFICE | MEMBERS),
    "decide_leave": ("批准请假（工作人员或会议主持人）", OFFICE | {Role.SC_MEMBER}),
    "sign_in_at_desk": ("签到台签到", OFFICE),
    "sign_in_by_code": ("手机签到", MEMBERS),
    "import_sign_ins": ("导入电子签到记录", OFFICE),
    "add_agenda_item": ("编排议程", OFFICE),
    "publish_document": ("发布会议文件", OFFICE),
    # voting
    "create_vote": ("提请表决", OFFICE),
    "setup_election": ("设置选举", OFFICE),
    "open_vote": ("开始表决", OFFICE),
    "cast_vote": ("记名表决", MEMBERS),
    "cast_ballot": ("投无记名票", MEMBERS),
    "close_vote": ("结束表决", OFFICE),
    "announce_result": ("宣布表决结果", OFFICE),
    "record_paper_count": ("录入纸质计票", OFFICE),
    "reconcile_paper_counts": ("核对纸质计票", OFFICE),
    "start_further_round": ("另行选举或重新投票", OFFICE),
    "correct_result": ("更正已宣布的结果", ADMIN),
    "setup_project_vote": ("设置民生实事项目票决", OFFICE),
    # livelihood projects
    "open_call": ("发布民生实事项目征集", OFFICE),
    "submit_proposal": ("提出民生实事项目建议", frozenset(Role)),
    "merge_proposals": ("合并重复的项目建议", OFFICE),
    "record_feasibility": ("记录可行性审查", OFFICE),
    "decide_stage": ("记录审查环节决定", OFFICE),
    "fix_candidates": ("确定候选项目", OFFICE),
    "put_projects_to_vote": ("提交大会票决", OFFICE),
    "record_project_result": ("确认票决结果", OFFICE),
    "presidium_decide": ("记录主席团决定", OFFICE),
    "assign_supervision": ("确定牵头单位、预算、节点和监督小组", OFFICE),
    "report_progress": ("报告项目进展", OFFICE | {Role.UNIT_OFFICER}),
    "record_inspection": ("记录代表小组视察", STAFF | MEMBERS),
    "start_evaluation": ("开展年终满意度测评", OFFICE),
    "set_project_leader": ("确定项目包联领导", OFFICE),
    "decide_livelihood_ranking": ("记录主任会议确定的年度考评排名及上级同意", OFFICE),
    "commend_livelihood": ("印发表扬通报", OFFICE),
    "hold_unit_accountable": ("督查问责（调查核实、征求意见、提请审核、上级同意、问责）", OFFICE),
    "view_livelihood_report": ("查看、导出项目评议报告", STAFF | MEMBERS),
    # motions and suggestions
    "save_suggestion_draft": ("起草议案建议", MEMBERS),
    "attach_to_suggestion": ("为议案建议上传附件", MEMBERS),
    "confirm_cosign": ("确认联名", MEMBERS),
    "submit_suggestion": ("提交议案建议", MEMBERS),
    "withdraw_suggestion": ("撤回议案建议", MEMBERS),
    "return_suggestion": ("退回议案建议修改", STAFF),
    "accept_suggestion": ("议案建议立案编号", STAFF),
    "merge_suggestions": ("议案建议并案", STAFF),
    "assign_suggestion": ("交办议案建议", OFFICE),
    "record_contact": ("记录与代表的沟通", OFFICE | {Role.UNIT_OFFICER}),
    "answer_suggestion": ("书面答复议案建议", OFFICE | {Role.UNIT_OFFICER}),
    "rate_suggestion": ("代表评价办理工作和结果", MEMBERS),
    "assign_in_bulk": ("批量交办议案建议", OFFICE),
    "waive_contact": ("代表表示无需承办单位沟通", MEMBERS),
    "submit_co_opinion": ("协办单位提出协办意见", OFFICE | {Role.UNIT_OFFICER}),
    "request_handling_change": ("承办单位申请调整或延期", OFFICE | {Role.UNIT_OFFICER}),
    "decide_handling_request": ("决定调整或延期申请", OFFICE),
    "report_commitment_done": ("承办单位报告承诺事项完成", OFFICE | {Role.UNIT_OFFICER}),
    "confirm_commitment": ("代表确认承诺事项办成", MEMBERS),
    "mark_key_supervision": ("确定重点督办", OFFICE | {Role.SC_MEMBER}),
    "send_due_reminders": ("发送办理期限提醒", OFFICE),
    "set_confidential": ("设定答复不公开", OFFICE),
    "view_suggestion_reports": ("查看、导出议案建议统计和承办单位考评", STAFF | {Role.SC_MEMBER}),
    # reading one item: each row is a relation to the item, held only with the role (proposals.queries.readable)
    "view_own_suggestion": ("查看本人领衔或联名的议案建议（含草稿）", MEMBERS),
    "view_assigned_suggestion": ("查看交办本单位（主办或协办）的议案建议", frozenset({Role.UNIT_OFFICER})),
    "view_submitted_suggestion": ("查看已提交的全部议案建议", STAFF | {Role.SC_MEMBER}),
    "view_published_suggestion": ("查看已公开的建议和答复", frozenset(Role)),
    # liaison with constituents
    "set_up_station": ("维护联络站信息", OFFICE),
    "set_rota": ("安排代表进站接待", OFFICE),
    "record_reception": ("记录接待活动", OFFICE | MEMBERS),
    "submit_concern": ("反映群众诉求（含扫码网上反映）", frozenset(Role)),
    "triage_concern": ("分办群众诉求（及时办、上报办、跟踪办）", OFFICE | MEMBERS),
    "report_committee_result": ("记录村（居）委会办理结果", OFFICE | MEMBERS),
    "answer_concern": ("答复群众诉求", OFFICE | MEMBERS | {Role.UNIT_OFFICER}),
    "record_follow_up": ("记录跟踪办理情况", OFFICE | MEMBERS),
    "record_feedback": ("反馈并评价（反映人凭查询码，或代表、工作人员代为记录）", frozenset(Role)),
    "dismiss_concern": ("不予受理群众诉求", OFFICE),
    "draft_suggestion_from_concern": ("把群众诉求转为本人建议草稿", MEMBERS),
    "link_contact": ("确定双联系对象", OFFICE | MEMBERS),
    "record_liaison_contact": ("记录双联系活动", OFFICE | MEMBERS),
    "view_concern_queue": ("查看群众诉求办理队列", STAFF | MEMBERS | {Role.UNIT_OFFICER}),
    "view_liaison_statistics": ("查看、导出联络站统计", STAFF | MEMBERS),
    # oversight: the yearly plan
    "draft_oversight_plan": ("起草年度监督工作计划", STAFF),
    "arrange_plan_item": ("编排、修改监督计划项目", STAFF),
    "approve_oversight_plan": ("记录主任会议通过监督计划", OFFICE),
    "publish_oversight_plan": ("公布年度监督工作计划", OFFICE),
    "set_plan_item_status": ("记录监督计划项目推迟、取消或已审议", STAFF),
    "view_oversight": ("查看监督工作（计划草案、调研检查、报告稿）", STAFF | {Role.SC_MEMBER}),
    # oversight: surveys, law-enforcement inspections and inspection visits
    "start_activity": ("组织专题调研、执法检查或视察", STAFF),
    "set_team": ("确定调研（检查）组组成人员", STAFF),
    "write_activity_plan": ("制定调研（检查）方案和行程", STAFF),
    "begin_fieldwork": ("开始调研（检查）", STAFF),
    "send_team_notice": ("向组成人员发通知", STAFF),
    "reply_to_notice": ("回复是否参加", STAFF | MEMBERS),
    "send_self_report_letter": ("致函单位报送自查报告", STAFF),
    "file_self_report": ("报送自查报告", STAFF | {Role.UNIT_OFFICER}),
    "record_site_visit": ("记录实地察看", STAFF | MEMBERS),
    "record_symposium": ("记录座谈会（汇报材料、发言）", STAFF),
    "attach_questionnaire": ("为调研（检查）附加问卷", STAFF),
    # oversight: the report
    "draft_oversight_report": ("起草调研（检查）报告", STAFF),
    "comment_on_report": ("对报告稿提出修改意见", STAFF | MEMBERS),
    "record_finding": ("记录报告中的问题和建议", STAFF),
    "tag_report_figure": ("标注报告中的数据", STAFF),
    "finalise_oversight_report": ("报告定稿", STAFF),
    "place_report_on_agenda": ("将报告提请常委会会议审议", OFFICE),
    # oversight: hearing a body's special work report
    "schedule_work_report": ("安排听取专项工作报告（报告机关、会议、初审机构）", STAFF),
    "file_work_report": ("报送专项工作报告", STAFF | {Role.UNIT_OFFICER}),
    "review_work_report": ("专门委员会或工作机构初审报告", STAFF),
    "record_speech": ("记录审议发言", STAFF | {Role.SC_MEMBER}),
    "evaluate_work_report": ("对报告开展满意度测评、记录测评结果", OFFICE),
    # oversight: review opinions and the body's reply
    "draft_review_opinion": ("起草审议意见", STAFF),
    "approve_review_opinion": ("记录主任会议通过审议意见", OFFICE),
    "send_review_opinion": ("交办审议意见", OFFICE),
    "file_opinion_reply": ("报送审议意见研究处理情况", STAFF | {Role.UNIT_OFFICER}),
    "deliberate_opinion_reply": ("将研究处理情况报告提请常委会会议审议", OFFICE),
    "publish_review_opinion": ("公开审议意见和研究处理情况", OFFICE),
    # oversight: special inquiries, questioning, investigations
    "prepare_inquiry": ("筹备专题询问（题目、应询人）", STAFF),
    "register_inquiry_question": ("登记询问问题", STAFF | MEMBERS),
    "record_inquiry_answer": ("记录应询人的回答、询问情况综述", STAFF),
    "rate_inquiry_answer": ("询问人评价回答", STAFF | MEMBERS),
    "draft_questioning": ("起草质询案、联名", STAFF | MEMBERS),
    "file_questioning": ("提出质询案", STAFF | MEMBERS),
    "decide_questioning": ("记录主席团或主任会议对质询案的决定", OFFICE),
    "record_questioning_answer": ("记录受质询机关的答复", STAFF | {Role.UNIT_OFFICER}),
    "rate_questioning_answer": ("提案人对质询答复表示满意与否", STAFF | MEMBERS),
    "establish_investigation": ("提请设立特定问题调查委员会、记录表决结果和组成人员", OFFICE),
    "log_investigation_evidence": ("登记调查取证材料（调查委员会成员和机关工作人员）", STAFF | MEMBERS),
    "view_investigation_evidence": ("查看调查取证材料（调查委员会成员和机关工作人员）", STAFF | MEMBERS),
    "report_investigation": ("记录调查报告和常委会决议", OFFICE),
    # rectification lists
    "list_rectification": ("列入整改清单（问题、目标、时限、责任单位和责任人）", STAFF),
    "report_rectification_progress": ("报告整改进展、申请销号", STAFF | {Role.UNIT_OFFICER}),
    "check_rectification": ("实地检查、抽查整改情况", STAFF | MEMBERS),
    "accept_rectification": ("验收销号或退回整改", STAFF),
    "escalate_rectification": ("发送整改催办提醒、提请主任会议研究逾期事项", OFFICE),
    "view_rectification": ("查看整改清单", STAFF | MEMBERS | {Role.UNIT_OFFICER}),
    # questionnaires
    "build_questionnaire": ("编制问卷", STAFF),
    "open_questionnaire": ("发布问卷", STAFF),
    "close_questionnaire": ("结束问卷", STAFF),
    "issue_answer_codes": ("生成答卷码", STAFF),
    "answer_questionnaire": ("填写问卷（扫码，无需账号）", frozenset(Role)),
    "view_questionnaire_results": ("查看问卷统计", STAFF | {Role.SC_MEMBER}),
    # 议程（提请事项、议程草案） (agenda; add this app's actions here)
    "propose_agenda_item": ("登记提请常委会审议的事项", STAFF),
    "add_agenda_document": ("为提请事项补充文件", STAFF),
    "decide_agenda_item": ("主任会议决定是否提请常委会审议", OFFICE),
    "fix_draft_agenda": ("主任会议确定会议议程草案和日程草案", OFFICE),
    "adopt_agenda": ("常委会会议表决通过会议议程", OFFICE),
    "record_agenda_outcome": ("记录议程审议结果", OFFICE),
    "view_agenda": ("查看提请事项和议程草案", STAFF | {Role.SC_MEMBER}),
    # 人事任免、宪法宣誓 (appointments; add this app's actions here)
    "view_appointments": ("查看任免案、任命人员名册", STAFF | {Role.SC_MEMBER}),
    "draft_appointment_bill": ("起草任免案（提请机关、提请函、拟任免人员及其材料）、撤回任免案", OFFICE),
    "submit_appointment_bill": ("记录主任会议决定将任免案提请常委会审议", OFFICE),
    "put_appointments_to_vote": ("将任免案逐人提请表决", OFFICE),
    "decide_appointments": ("根据宣布的表决结果决定任免、任职开始或结束", OFFICE),
    "issue_appointment_document": ("签发任命书或免职通知", OFFICE),
    "record_oath": ("记录宪法宣誓仪式", OFFICE),
    # 述职评议 (duty_reports; add this app's actions here)
    "make_duty_plan": ("制定年度述职计划", OFFICE),
    "file_duty_report": ("提交述职报告（本人或工作人员代交）", STAFF | MEMBERS | {Role.UNIT_OFFICER}),
    "rate_duty_report": ("述职测评、录入联络站评议结果", OFFICE),
    "view_duty_reports": ("查看述职评议", STAFF | {Role.SC_MEMBER}),
    # 工作要点与行事历 (work_points; add this app's actions here)
    "manage_work_points": ("编制年度工作要点和行事历", OFFICE),
    "close_work_point": ("工作要点办结或结转（本委室的）", STAFF),
    "view_work_points": ("查看工作要点和行事历", STAFF | {Role.SC_MEMBER}),
    # 重大事项决定 (decisions; add this app's actions here)
    "propose_decision": ("提出重大事项议案、列入常委会会议议程", OFFICE),
    "put_decision_to_vote": ("将重大事项决定草案付表决", OFFICE),
    "record_decision_outcome": ("记录重大事项表决结果、形成决议或决定及其文号", OFFICE),
    "publish_decision": ("公布重大事项决议、决定", OFFICE),
    "track_decision_implementation": ("将决议、决定的执行情况报告列入整改跟踪", OFFICE),
    "view_decisions": ("查看重大事项决定（未公布的议案和表决情况）", STAFF | {Role.SC_MEMBER}),
    # 分管与对口联系 (portfolios; add this app's actions here)
    "edit_portfolios": ("设定领导分管和委员会对口联系部门", OFFICE),
    "view_portfolios": ("查看领导分管、对口联系和领导的分管工作", STAFF | {Role.SC_MEMBER}),
    # 法规文本、版本、比较、现行法规 (legislation; add this app's actions here)
    "create_bill": ("起草法规案（制定、修改、废止）及其草案文本", STAFF),
    "edit_bill_text": ("修改法规案文本（增加修改稿、逐条修改、移动、删除条文）", STAFF),
    "view_bills": ("查看法规案、各版本文本及其对照", STAFF | {Role.SC_MEMBER}),
    "register_law": ("登记现行法规及其制定、修改情况（系统启用前通过的）", OFFICE),
    # 立法规划、年度立法计划、立项、立法调研、立法后评估 (legislative_plans; add this app's actions here)
    "create_legislative_plan": ("编制立法规划、年度立法计划", OFFICE),
    "add_plan_item": ("列入立法计划项目", OFFICE),
    "change_plan_item": ("调整立法计划项目（含正式、预备、调研项目之间的调整）", OFFICE),
    "adopt_legislative_plan": ("记录立法规划、计划的通过", OFFICE),
    "start_bill_for_plan_item": ("计划项目启动起草，建立法规案", OFFICE),
    "submit_legislative_proposal": ("提出立法项目建议（立项）", frozenset(Role)),
    "decide_legislative_proposal": ("研究立项建议：列入计划或不予立项", OFFICE),
    "start_legislative_research": ("组织立法调研", STAFF),
    "start_post_enactment_review": ("组织立法后评估", STAFF),
    "link_review_amendment": ("将立法后评估与修改法规案关联", OFFICE),
    "view_legislative_plans": ("查看立法计划草案、立项建议", STAFF | {Role.SC_MEMBER}),
    # 征求意见、基层立法联系点 (law_comments; add this app's actions here)
    "open_comment_period": ("将法规草案（修改稿）征求意见：范围、起止日期", STAFF),
    "close_comment_period": ("提前结束征求意见（向社会公开征求意见的不能提前结束）", STAFF),
    "comment_on_draft": ("对法规草案提出意见（代表、组成人员、单位本人账号；公众无需账号）", frozenset(Role)),
    "forward_contact_point_comment": ("基层立法联系点报送收集的群众意见（注明来源）", OFFICE | {Role.CONTACT_POINT_STAFF}),
    "decide_law_comment": ("研究处理立法意见：采纳、部分采纳、未采纳及理由", STAFF),
    "finalise_comment_summary": ("意见汇总及采纳情况定稿", STAFF),
    "view_law_comments": ("查看按条汇总的立法意见及采纳情况", STAFF | {Role.SC_MEMBER}),
    # 审议、表决、批准、公布、备案 (enactment; add this app's actions here)
    "submit_bill": ("提请常委会审议法规案（列入提请事项）", OFFICE),
    "record_preliminary_review": ("主任会议听取法规案初审意见的报告", OFFICE),
    "schedule_reading": ("法规案列入常委会会议审议、向组成人员发送草案", OFFICE),
    "record_reading": ("记录法规案审议（不付表决）", OFFICE),
    "record_opinion": ("记录审议意见（按条文；组成人员只能记录本人的）", STAFF | {Role.SC_MEMBER}),
    "record_review_report": ("记录法制委员会审议结果的报告、修改情况的报告", OFFICE),
    "set_readings_required": ("确定法规案的审议次数", OFFICE),
    "end_bill": ("终止审议搁置满两年的法规案", OFFICE),
    "put_articles_to_vote": ("对法规案个别条款单独付表决", OFFICE),
    "put_bill_to_vote": ("将法规案表决稿付表决", OFFICE),
    "record_bill_vote": ("记录法规案表决结果", OFFICE),
    "submit_for_approval": ("法规报请省级人大常委会批准", OFFICE),
    "record_approval": ("记录省级人大常委会的批准决定", OFFICE),
    "promulgate_law": ("公布法规（公告号、公布日期、施行日期）", OFFICE),
    "record_filing": ("记录法规报送备案", OFFICE),
    "bring_laws_into_force": ("按施行日期更新法规效力状态", OFFICE),
    "view_enactment": ("查看法规案审议、表决、批准、公布和备案", STAFF | {Role.SC_MEMBER}),
    # 代表闭会期间活动、代表培训 (activities; add this app's actions here)
    "create_activity": ("组织代表活动（视察、调研、座谈、培训等）", STAFF),
    "update_activity": ("修改或取消代表活动", STAFF),
    "add_participants": ("增减代表活动参加人员", STAFF),
    "reply_to_activity": ("回复活动通知（参加或请假；限本人）", frozenset(Role)),
    "sign_in_to_activity": ("手机扫码签到代表活动（限本人）", frozenset(Role)),
    "record_attendance": ("记录代表活动出席情况和学时", STAFF),
    "record_activity_held": ("记录代表活动举行情况", STAFF),
    "add_output": ("登记代表活动成果（意见建议、代表建议、报告）", STAFF),
    "create_training_programme": ("设立、修改培训项目", STAFF),
    "issue_certificates": ("颁发培训结业证书", STAFF),
    "view_activities": ("查看代表活动和培训（参加人员可看本人的）", STAFF | {Role.SC_MEMBER}),
    # 代表小组 (deputy_groups; add this app's actions here)
    "create_deputy_group": ("建立代表小组（按区域或专业）", OFFICE),
    "edit_deputy_group": ("修改代表小组信息", OFFICE),
    "add_group_members": ("增加代表小组成员（可含上级、下级人大代表；批量导入）", OFFICE),
    "remove_group_member": ("代表退出代表小组", OFFICE),
    "set_group_leader": ("确定代表小组组长、副组长", OFFICE),
    "adopt_group_plan": ("通过代表小组年度活动计划", OFFICE),
    "watch_for_group": ("代表小组跟踪民生实事项目或整改事项", OFFICE),
    "unwatch_for_group": ("代表小组停止跟踪民生实事项目或整改事项", OFFICE),
    "view_deputy_groups": ("查看代表小组、成员、计划和活动", STAFF | MEMBERS),
    # 代表履职档案 (records; add this app's actions here)
    "view_own_record": ("查看本人的履职档案", MEMBERS),
    "view_records": ("查看全部代表的履职档案", STAFF),
    "write_record_note": ("为本人年度履职档案写说明", MEMBERS),
    "export_records": ("导出履职档案（代表年度 PDF、全体代表 .xlsx）", STAFF),
    # 意见建议登记办理（代表直通车、座谈走访意见、会议交办、信访） (opinions; add this app's actions here)
    # (assigning to a unit, answering and the raiser's acknowledgment are liaison's triage_concern,
    # answer_concern and record_feedback: the register runs on the concern workflow)
    "record_opinions": ("登记走访、座谈会上每位发言人的意见及会议交办事项", STAFF),
    "send_direct_line": ("代表直通车：代表直接向常委会办公室反映（限本级在任代表本人）", MEMBERS),
    "register_petition": ("登记人大信访（来信来访，记录信访人姓名和联系方式）", OFFICE),
    "classify_opinion": ("意见建议归类", OFFICE),
    "merge_opinions": ("归并同类意见建议（并入主件，随主件答复和办结）", OFFICE),
    "record_petition_delivery": ("记录信访答复已送达信访人", OFFICE),
    "view_opinion_register": ("查看意见建议登记簿及统计、导出", STAFF),
    "view_own_opinions": ("查看本人提出的意见建议及答复（我的意见）", MEMBERS),
    # 网上代表之家、致代表的信 (deputy_pages; add this app's actions here)
    "contact_deputy": ("在代表的网上代表之家给代表留言（无需账号）", frozenset(Role)),
    "set_contact_form_open": ("开启、关闭代表的网上留言（代表本人或联络工作人员）", OFFICE | MEMBERS),
    "send_letter": ("给代表写信（致代表的信）", OFFICE),
    "remind_unread": ("提醒尚未阅读来信的代表", OFFICE),
    "view_letters": ("查看致代表的信及阅读、回复情况，导出回复", STAFF),
    "mark_letter_read": ("阅读给本人的来信（记录已读）", MEMBERS),
    "reply_to_letter": ("回复给本人的来信", MEMBERS),
    # 全文检索 (search; add this app's actions here)
    "search": ("全文检索（只找到本人可以查看的内容）", frozenset(Role)),
    # 相似件与重复件 (similar; add this app's actions here)
    "view_similar_clusters": ("查看相似件聚类（并案候选）", STAFF),
    # 承办单位职责与交办建议 (routing; add this app's actions here)
    "set_unit_duties": ("填写、修改承办单位职责（三定方案），用于建议承办单位", OFFICE),
    "view_unit_routing": ("查看承办单位职责，按件文字建议承办单位及理由", STAFF),
    # 答复质量提示 (answer_quality; add this app's actions here)
    "check_answer": ("检查答复质量（套话答复、答非所问；随答复自动进行，仅作提示）", OFFICE | {Role.UNIT_OFFICER}),
    "check_concern_answer": ("检查群众诉求、意见建议的答复质量（套话答复、答非所问；随答复自动进行，仅作提示）",
                             OFFICE | MEMBERS | {Role.UNIT_OFFICER}),
    "view_answer_flags": ("查看答复质量提示及其依据", STAFF),
    # 日程与日历订阅 (schedule; add this app's actions here)
    "issue_calendar_feed": ("生成（重新生成）本人的日历订阅地址", SIGNED_IN),
    "revoke_calendar_feed": ("停用本人的日历订阅地址", SIGNED_IN),
    # 通知送达渠道 (delivery; add this app's actions here)
    "set_delivery_preferences": ("选择本人接收通知的渠道（电子邮件、短信或政务通讯），填写邮箱和手机号", SIGNED_IN),
    "read_own_notices": ("查看本人的通知，标为已读", SIGNED_IN),
    "view_dead_deliveries": ("查看多次发送失败的通知（死信）", OFFICE),
    "retry_delivery": ("重新发送多次失败的通知", OFFICE),
    "send_meeting_notice": ("向会议名单发送会议通知（附参加、请假回执链接）", OFFICE),
    "reply_meeting_notice": ("回复会议通知：确认参加（请假另按请假办理）", SIGNED_IN),
    # 导出、打印、图表 (core outputs; add these actions here)
    # 两代表一委员之家：政协委员进站 (liaison, CPPCC part; add this app's actions here)
    "register_cppcc_member": ("登记进站政协委员", OFFICE),
    "edit_cppcc_member": ("修改进站政协委员信息", OFFICE),
    "deactivate_cppcc_member": ("政协委员不再进站（停用）", OFFICE),
    "view_cppcc_members": ("查看进站政协委员", STAFF | MEMBERS),
    # 代表向选民述职、选民评议 (duty_reports, voters' part; add this app's actions here)
    "schedule_voter_evaluation": ("安排代表向选民述职（联络站或选区、时间）及扫码评议时段", OFFICE),
    "open_voter_evaluation": ("开始选民扫码评议", OFFICE),
    "close_voter_evaluation": ("结束选民扫码评议并记入述职评议结果", OFFICE),
    "record_paper_counts": ("录入选民书面评议票数（与扫码评议合计）", OFFICE),
    "evaluate_duty_report": ("选民扫码评议代表述职（无需账号）", frozenset(Role)),
}


def roles_of(user, congress: Congress) -> frozenset[Role]:
    """The user's roles in this congress; everyone, signed in or not, is also the public. Read once per
    request, and kept per data version between requests: granting or revoking a role (an action, a
    back-office correction, any save of a grant) moves the version."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return frozenset({Role.PUBLIC})
    cache = user.__dict__.setdefault("_renda_roles", {})
    if congress.pk not in cache:
        from renda.core import versioned

        cache[congress.pk] = versioned.cached(congress, f"roles:{user.pk}:{user.is_superuser}",
                                              lambda: _granted(user, congress))
    return cache[congress.pk]


def _granted(user, congress: Congress) -> frozenset[Role]:
    roles = {Role.PUBLIC}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    roles.update(Role(r) for r in RoleGrant.objects.in_congress(congress).filter(user=user).values_list("role", flat=True))
    return frozenset(roles)


def grant_saved(sender, instance: RoleGrant, raw: bool = False, **kwargs) -> None:
    from renda.core import tallies

    if not raw:
        tallies.note_write(Congress(pk=instance.congress_id))


def prime_roles(users: list, congress: Congress) -> None:
    """Load the roles of many users in one query (a group-committed batch), so that checking each
    of them costs nothing more."""
    waiting = {u.pk: u for u in users if getattr(u, "is_authenticated", False)
               and congress.pk not in u.__dict__.get("_renda_roles", {})}
    granted: dict[int, set[Role]] = {pk: {Role.PUBLIC} | ({Role.ADMIN} if u.is_superuser else set())
                                     for pk, u in waiting.items()}
    if waiting:  # a hall batch asks: written out (core.written_out), the ORM took longer to build it
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT "user_id", "role" FROM {table(RoleGrant)} WHERE "congress_id" = %s '
                           f'AND "user_id" IN ({placeholders(len(waiting))})', [congress.pk, *waiting])
            for user_id, role in cursor.fetchall():
                granted[user_id].add(Role(role))
    for pk, user in waiting.items():
        user.__dict__.setdefault("_renda_roles", {})[congress.pk] = frozenset(granted[pk])


def forget_roles(user) -> None:
    user.__dict__.pop("_renda_roles", None)


def may(user, congress: Congress, action: str) -> bool:
    if action not in PERMISSIONS:
        return False
    return bool(roles_of(user, congress) & PERMISSIONS[action][1])


def check_permission(user, congress: Congress, action: str) -> None:
    if action not in PERMISSIONS:
        raise NotPermitted(f"操作“{action}”没有声明权限，一律拒绝")
    if not may(user, congress, action):
        raise NotPermitted(f"您在{congress.name}没有“{PERMISSIONS[action][0]}”的权限")


def organisations_of(user, congress: Congress, role: Role) -> list[int]:
    """The bodies a committee-staff or unit-officer grant ties the user to."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        RoleGrant.objects.in_congress(congress)
        .filter(user=user, role=role, organisation__isnull=False)
        .values_list("organisation_id", flat=True)
    )
