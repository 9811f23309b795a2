<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AnalysisPage</name>
    <message>
        <source>生成/刷新草稿</source>
        <translation>Draft / refresh</translation>
    </message>
    <message>
        <source>由数据重新汇总；已填写的原因分析、改进措施和总体评价保留。</source>
        <translation>Gather the figures again from the data; the causes, measures and overall judgement already written are kept.</translation>
    </message>
    <message>
        <source>总体评价…</source>
        <translation>Overall judgement…</translation>
    </message>
    <message>
        <source>组长审定…</source>
        <translation>Leader approves…</translation>
    </message>
    <message>
        <source>撤回审定…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>打印质控记录本…</source>
        <translation>Print the binder…</translation>
    </message>
    <message>
        <source>季度/年度</source>
        <translation>Quarter/year</translation>
    </message>
    <message>
        <source>存在问题、原因分析与改进措施</source>
        <translation>Problems, causes and improvement measures</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation>Cause analysis</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not written)</translation>
    </message>
    <message>
        <source>改进措施</source>
        <translation>Improvement measures</translation>
    </message>
    <message>
        <source>填写原因分析和改进措施…</source>
        <translation>Write cause and measures…</translation>
    </message>
    <message>
        <source>补充问题…</source>
        <translation>Add a problem…</translation>
    </message>
    <message>
        <source>删除补充的问题</source>
        <translation>Delete added problem</translation>
    </message>
    <message>
        <source>（草稿）</source>
        <translation> (draft)</translation>
    </message>
    <message>
        <source>（已审定）</source>
        <translation> (approved)</translation>
    </message>
    <message>
        <source>%1 年度总结</source>
        <translation>%1 annual summary</translation>
    </message>
    <message>
        <source>生成草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>刷新草稿</source>
        <translation>Refresh draft</translation>
    </message>
    <message>
        <source>%1还没有分析。点“生成草稿”，由本期的指标、不良事件、检查、整改、培训和计划执行数据生成草稿。</source>
        <translation>%1 has no analysis yet. Press &apos;Draft&apos; to draft it from the period&apos;s indicators, adverse events, inspections, ledger, training and plan.</translation>
    </message>
    <message>
        <source>已审定（组长 %1，%2），内容已锁定。如需修改，请先“撤回审定”并说明原因。</source>
        <translation>Approved (leader %1, %2); the analysis is locked. To change it, first &apos;Reopen&apos; it and give the reason.</translation>
    </message>
    <message>
        <source>草稿，数据截至 %1。</source>
        <translation>Draft, figures as of %1.</translation>
    </message>
    <message>
        <source>还有 %1 个问题未填写原因分析或改进措施；全部填写后由组长审定。</source>
        <translation>%1 problems still lack a cause analysis or measures; once all are written the leader approves.</translation>
    </message>
    <message>
        <source>各问题均已填写，可由组长审定。</source>
        <translation>Every problem is written; the leader can approve.</translation>
    </message>
    <message>
        <source>曾撤回审定，原因：%1</source>
        <translation>Reopened earlier because: %1</translation>
    </message>
    <message>
        <source>总体评价</source>
        <translation>Overall judgement</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>质控小组例会：%1/%2 个月已召开，共 %3 次</source>
        <translation>Group meetings: held in %1 of %2 months, %3 in all</translation>
    </message>
    <message>
        <source>培训 %1 次、%2 学时；考核合格率 %3</source>
        <translation>Training: %1 sessions, %2 hours; assessment pass rate %3</translation>
    </message>
    <message>
        <source>检查督查 %1 次，发现问题 %2 项</source>
        <translation>Inspections: %1, with %2 findings</translation>
    </message>
    <message>
        <source>整改：新增 %1 项，销号 %2 项，期末超期 %3 项</source>
        <translation>Ledger: %1 raised, %2 closed, %3 overdue at the end</translation>
    </message>
    <message>
        <source>%1：%2（%3）</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>质量指标（%1 项有数据，%2 项未达目标或有控制图信号）</source>
        <translation>Indicators (%1 with values, %2 off goal or with a control-chart signal)</translation>
    </message>
    <message>
        <source>全部指标达到年度目标，无控制图信号。</source>
        <translation>Every indicator met its goal; no control-chart signal.</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1级 %2</source>
        <translation>grade %1: %2</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>不良事件（共 %1 例）</source>
        <translation>Adverse events (%1)</translation>
    </message>
    <message>
        <source>本期无不良事件。</source>
        <translation>No adverse events in this period.</translation>
    </message>
    <message>
        <source>年度计划执行</source>
        <translation>Annual plan carried out</translation>
    </message>
    <message>
        <source>本年度尚未制定年度质控计划。</source>
        <translation>No annual quality plan for this year.</translation>
    </message>
    <message>
        <source>培训 %1/%2 项已开展；检查 %3/%4 次已完成；每月质控重点 %5/%6 项已落实</source>
        <translation>Trainings held %1/%2; inspections done %3/%4; monthly focus themes taken up %5/%6</translation>
    </message>
    <message>
        <source>从人、机、料、法、环等方面分析根本原因</source>
        <translation>Root causes: people, equipment, materials, methods, environment</translation>
    </message>
    <message>
        <source>具体措施、责任人和完成时限</source>
        <translation>Measures, who is responsible, by when</translation>
    </message>
    <message>
        <source>问题 %1：%2</source>
        <translation>Problem %1: %2</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>问题来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>补充问题</source>
        <translation>Add a problem</translation>
    </message>
    <message>
        <source>删除问题</source>
        <translation>Delete problem</translation>
    </message>
    <message>
        <source>确定删除补充的问题“%1”吗？</source>
        <translation>Delete the added problem &apos;%1&apos;?</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>本期质量与安全的总体情况、主要成效和下期重点</source>
        <translation>Overall quality and safety, main results, next period&apos;s priorities</translation>
    </message>
    <message>
        <source>审定人（组长）</source>
        <translation>Approver (group leader)</translation>
    </message>
    <message>
        <source>组长审定 — %1</source>
        <translation>Leader&apos;s approval — %1</translation>
    </message>
    <message>
        <source>审定后分析内容锁定，随下一次月度上报报送质控办；审定日期为 %1。</source>
        <translation>Once approved the analysis is locked and goes to the quality office with the next monthly submission; approval date %1.</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <source>撤回审定 — %1</source>
        <translation>Reopen — %1</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
</context>
<context>
    <name>AssessmentsList</name>
    <message>
        <source>从 Excel 导入成绩…</source>
        <translation>Import scores from Excel…</translation>
    </message>
    <message>
        <source>成绩表中需有考核内容和考核日期两列；某次培训的成绩请在“培训”标签中导入。</source>
        <translation>The sheet needs a subject and a date column; import the scores of a training session on the Training tab.</translation>
    </message>
    <message>
        <source>考核</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>考核成绩</source>
        <translation>assessment result</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>考核类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>考核内容</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>补考</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>被考核人</source>
        <translation>Person assessed</translation>
    </message>
    <message>
        <source>考核日期</source>
        <translation>Assessment date</translation>
    </message>
    <message>
        <source>合格线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>个人培训档案…</source>
        <translation>Personal record…</translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>出席情况 — %1</source>
        <translation>Attendance — %1</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>出席情况有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？</source>
        <translation>The attendance has unsaved changes. Closing loses them. Close anyway?</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>小组角色 / 岗位</source>
        <translation>Group role / post</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>请假</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>工号 %1</source>
        <translation>Employee no. %1</translation>
    </message>
</context>
<context>
    <name>AttendancePicker</name>
    <message>
        <source>查找：姓名或拼音首字母</source>
        <translation>Find: name or pinyin initials</translation>
    </message>
    <message>
        <source>小组成员全部出席</source>
        <translation>All group members present</translation>
    </message>
    <message>
        <source>所列人员全部出席</source>
        <translation>All listed present</translation>
    </message>
    <message>
        <source>把当前列出的人（搜索后只含找到的人）都标为出席</source>
        <translation>Mark everyone listed (after a search: those found) present</translation>
    </message>
    <message>
        <source>清除所列人员</source>
        <translation>Clear listed</translation>
    </message>
    <message>
        <source>在“出席 / 缺席 / 请假”下打勾；或选中一人按 1 出席、2 缺席、3 请假、0 清除。没有打勾的人不记入名单。浅蓝底色为质控小组成员。</source>
        <translation>Tick Present, Absent or Excused; or select a person and press 1 present, 2 absent, 3 excused, 0 clear. People with no tick are left off the list. Light blue rows are quality-group members.</translation>
    </message>
    <message>
        <source>已登记 %1 人：出席 %2，缺席 %3，请假 %4</source>
        <translation>%1 recorded: %2 present, %3 absent, %4 excused</translation>
    </message>
</context>
<context>
    <name>AuthorisationsPage</name>
    <message>
        <source>授权</source>
        <translation>authorisation</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>授权项目</source>
        <translation>Authorised item</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>授权日期</source>
        <translation>Granted on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Expires on</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>已过期 %1 天</source>
        <translation>expired %1 days ago</translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>被授权人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>例如 PICC 置管</source>
        <translation>e.g. PICC insertion</translation>
    </message>
    <message>
        <source>例如 理论考核 92 分，操作考核合格</source>
        <translation>e.g. theory exam 92, practical assessment passed</translation>
    </message>
    <message>
        <source>暂停授权</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>取消授权</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>恢复授权</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>BeforeAfterView</name>
    <message>
        <source>改进前中位数 </source>
        <translation>Baseline median </translation>
    </message>
    <message>
        <source>改进后中位数 </source>
        <translation>After median </translation>
    </message>
    <message>
        <source>目标 </source>
        <translation>Target </translation>
    </message>
    <message>
        <source>设定指标、基线月份和改进生效月份后，这里显示改进前后对比</source>
        <translation>Set the indicator, the baseline months and the month the change took effect to see before and after here</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>改进措施实施（%1）</source>
        <translation>Change in effect (%1)</translation>
    </message>
    <message>
        <source>改进前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>改进后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>过渡期（不计入对比）</source>
        <translation>Between (not compared)</translation>
    </message>
</context>
<context>
    <name>BinderDialog</name>
    <message>
        <source>打印质控记录本</source>
        <translation>Print the quality binder</translation>
    </message>
    <message>
        <source>生成一个 PDF：封面、目录、月度工作一览，以及小组成员及职责、年度计划、月度会议记录、培训与考核、质量指标监测与分析、检查督查、不良事件与分析、整改台账、持续改进案例、季度分析和年度总结。病历号只显示部分数字。</source>
        <translation>One PDF: cover, contents, the months at a glance, then members and duties, the annual plan, monthly meeting minutes, training and assessment, indicator monitoring and analysis, inspections, adverse events and their analysis, the rectification ledger, improvement cases, quarterly analyses and the annual summary. Patient record numbers are shown in part only.</translation>
    </message>
    <message>
        <source>打印范围</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>选择保存位置并打印…</source>
        <translation>Choose where to save and print…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>选题与阶段</source>
        <translation>Theme &amp;&amp; stage</translation>
    </message>
    <message>
        <source>指标与效果</source>
        <translation>Indicators &amp;&amp; effect</translation>
    </message>
    <message>
        <source>现状与要因</source>
        <translation>State &amp;&amp; causes</translation>
    </message>
    <message>
        <source>对策（5W1H）</source>
        <translation>Countermeasures</translation>
    </message>
    <message>
        <source>实施记录</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>标准化与下一轮</source>
        <translation>Standard &amp;&amp; next cycle</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>基线（改进前）</source>
        <translation>Baseline (before)</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>要因</source>
        <translation>Key cause</translation>
    </message>
    <message>
        <source>要因验证</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>对策（What）</source>
        <translation>What</translation>
    </message>
    <message>
        <source>理由（Why）</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>地点（Where）</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>方法（How）</source>
        <translation>How</translation>
    </message>
    <message>
        <source>负责人（Who）</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>期限（When）</source>
        <translation>When</translation>
    </message>
    <message>
        <source>台账状态</source>
        <translation>Ledger status</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>效果确认结论：</source>
        <translation>Conclusion of the check: </translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>现状描述：</source>
        <translation>Current state: </translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>标准化：</source>
        <translation>Standardisation: </translation>
    </message>
    <message>
        <source>上一轮：%1
</source>
        <translation>Previous cycle: %1
</translation>
    </message>
    <message>
        <source>检讨与下一轮：</source>
        <translation>Review and next cycle: </translation>
    </message>
    <message>
        <source>当前阶段：%1</source>
        <translation>Current stage: %1</translation>
    </message>
    <message>
        <source>（未设定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>改进主题：%1</source>
        <translation>Theme: %1</translation>
    </message>
    <message>
        <source>负责人：%1&#x3000;小组成员：%2</source>
        <translation>Leader: %1   Team: %2</translation>
    </message>
    <message>
        <source>立项日期：%1</source>
        <translation>Started: %1</translation>
    </message>
    <message>
        <source>&#x3000;结案日期：%1</source>
        <translation>   Closed: %1</translation>
    </message>
    <message>
        <source>基线（改进前）：%1 — %2&#x3000;改进措施生效月份：%3</source>
        <translation>Baseline: %1 — %2   Change in effect from: %3</translation>
    </message>
    <message>
        <source>选题理由：</source>
        <translation>Why this theme: </translation>
    </message>
    <message>
        <source>本轮已结案。</source>
        <translation>This cycle is closed.</translation>
    </message>
    <message>
        <source>进入“%1”之前还缺：</source>
        <translation>Still missing before &apos;%1&apos;:</translation>
    </message>
    <message>
        <source>已具备进入“%1”的条件。</source>
        <translation>Ready to move to &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>柏拉图来源：未设定</source>
        <translation>Pareto source: not set</translation>
    </message>
    <message>
        <source>检查扣分</source>
        <translation>checklist deductions</translation>
    </message>
    <message>
        <source>不良事件原因因素</source>
        <translation>event contributing factors</translation>
    </message>
    <message>
        <source>柏拉图来源：%1（%2 — %3）</source>
        <translation>Pareto source: %1 (%2 — %3)</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>请选择指标</source>
        <translation>Choose an indicator</translation>
    </message>
    <message>
        <source>目标 </source>
        <translation>Target </translation>
    </message>
    <message>
        <source>滚动 </source>
        <translation>rolling </translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>控制限</source>
        <translation>Control limits</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>近 12 个月滚动率</source>
        <translation>rolling 12-month rate</translation>
    </message>
    <message>
        <source>信号（需关注）</source>
        <translation>Signal (needs attention)</translation>
    </message>
    <message>
        <source>信号（改善）</source>
        <translation>Signal (improvement)</translation>
    </message>
    <message>
        <source>至今尚无下一例</source>
        <translation>no event since</translation>
    </message>
    <message>
        <source>未达目标</source>
        <translation>Target missed</translation>
    </message>
</context>
<context>
    <name>ChecklistAnalysisPage</name>
    <message>
        <source>柏拉图只统计所选评分表</source>
        <translation>Pareto of the chosen checklist only</translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>得分趋势（按月）</source>
        <translation>Score by month</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>扣分项目</source>
        <translation>Deducted item</translation>
    </message>
    <message>
        <source>不合格例数</source>
        <translation>Instances non-compliant</translation>
    </message>
    <message>
        <source>扣分项目柏拉图</source>
        <translation>Pareto of deducted items</translation>
    </message>
    <message>
        <source>没有检查评分表。</source>
        <translation>No checklists.</translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <source>修订检查评分表 — %1</source>
        <translation>Revise checklist — %1</translation>
    </message>
    <message>
        <source>%1-本科1</source>
        <translation>%1-local1</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>新版本号 *</source>
        <translation>New version *</translation>
    </message>
    <message>
        <source>保存后生成新版本并启用；原版本 %1 保留，已用它评分的检查不受影响。</source>
        <translation>Saving makes a new version and puts it in use; version %1 stays, and inspections scored with it keep it.</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>What is checked</translation>
    </message>
    <message>
        <source>标准分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>抽查数</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>每处扣分</source>
        <translation>Points per instance</translation>
    </message>
    <message>
        <source>最多扣分</source>
        <translation>Most off</translation>
    </message>
    <message>
        <source>扣分标准</source>
        <translation>Deduction rule</translation>
    </message>
    <message>
        <source>增加项目</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>删除所选项目</source>
        <translation>Remove selected items</translation>
    </message>
    <message>
        <source>保存为新版本</source>
        <translation>Save as new version</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>共 %1 项，标准分合计 %2 分</source>
        <translation>%1 items, %2 points in total</translation>
    </message>
</context>
<context>
    <name>ChecklistScoresPage</name>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>检查评分表（版本）</source>
        <translation>Checklist (version)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>检查次数</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>平均得分</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <source>最低得分</source>
        <translation>Lowest score</translation>
    </message>
    <message>
        <source>评分表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>被扣分检查次数</source>
        <translation>Inspections that deducted it</translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>扣分合计</source>
        <translation>Points deducted</translation>
    </message>
    <message>
        <source>各单位得分对比（同一版本）</source>
        <translation>Scores by unit (same version)</translation>
    </message>
    <message>
        <source>扣分最多的项目</source>
        <translation>Most deducted items</translation>
    </message>
    <message>
        <source>%1（%2 版）</source>
        <translation>%1 (version %2)</translation>
    </message>
    <message>
        <source>本季度没有按检查评分表逐项评分的检查上报。</source>
        <translation>No inspection scored item by item was reported this quarter.</translation>
    </message>
    <message>
        <source>%1（%2，%3 版）：%4 个单位，全部检查平均得分 %5。得分为得分率（%），只比较同一版本。</source>
        <translation>%1 (%2, version %3): %4 units, mean score of all inspections %5. Scores are percentages of the applicable points; only the same version is compared.</translation>
    </message>
</context>
<context>
    <name>ChecklistsPage</name>
    <message>
        <source>检查评分表是逐项评分的依据。修订会生成新版本并启用；已用于检查的版本保持不变，旧检查仍按当时的版本计分。</source>
        <translation>Inspections are scored item by item against these checklists. A revision makes a new version and puts it in use; a version already used stays unchanged, so earlier inspections keep the points they were scored on.</translation>
    </message>
    <message>
        <source>显示历史版本</source>
        <translation>Show earlier versions</translation>
    </message>
    <message>
        <source>修订（生成新版本）…</source>
        <translation>Revise (new version)…</translation>
    </message>
    <message>
        <source>导入评分表文件…</source>
        <translation>Import checklist file…</translation>
    </message>
    <message>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>评分表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>已用于检查</source>
        <translation>Used</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Section</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查内容及扣分标准</source>
        <translation>What is checked, and the deduction rule</translation>
    </message>
    <message>
        <source>标准分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>最多扣分</source>
        <translation>Most off</translation>
    </message>
    <message>
        <source>程序自带</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>本科修订</source>
        <translation>Revised here</translation>
    </message>
    <message>
        <source>扣分标准：%1</source>
        <translation>Deduction rule: %1</translation>
    </message>
    <message>
        <source>%1 %2 份</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>没有检查评分表。可导入评分表文件。</source>
        <translation>No checklists. Import a checklist file.</translation>
    </message>
    <message>
        <source>，修订自 %1 版</source>
        <translation>, revised from version %1</translation>
    </message>
    <message>
        <source>%1（%2）&#x3000;版本 %3%4&#x3000;类别：%5&#x3000;标准分 %6 分，共 %7 项，已用于 %8 次检查</source>
        <translation>%1 (%2)  version %3%4  category: %5  %6 points, %7 items, used in %8 inspections</translation>
    </message>
    <message>
        <source>导入检查评分表</source>
        <translation>Import checklist</translation>
    </message>
    <message>
        <source>检查评分表文件 (*.toml)</source>
        <translation>Checklist files (*.toml)</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已导入并启用：%1</source>
        <translation>Imported and in use: %1</translation>
    </message>
    <message>
        <source>导出检查评分表</source>
        <translation>Export checklist</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出到 %1。修改后可用“导入评分表文件”作为新版本导入（须改用新的版本号）。</source>
        <translation>Exported to %1. After editing it, “Import checklist file” adds it as a new version (give it a new version number).</translation>
    </message>
</context>
<context>
    <name>ComparisonPage</name>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>趋势单位</source>
        <translation>Trend of unit</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>分子</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>分母</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>漏斗图（99.8%）</source>
        <translation>Funnel plot (99.8%)</translation>
    </message>
    <message>
        <source>各单位对比</source>
        <translation>Units compared</translation>
    </message>
    <message>
        <source>漏斗图</source>
        <translation>Funnel plot</translation>
    </message>
    <message>
        <source>单位趋势（控制图）</source>
        <translation>Unit trend (control chart)</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>接近预警</source>
        <translation>Near warning</translation>
    </message>
    <message>
        <source>持续观察</source>
        <translation>Keep watching</translation>
    </message>
    <message>
        <source>离群</source>
        <translation>Outlier</translation>
    </message>
</context>
<context>
    <name>CompletenessPage</name>
    <message>
        <source>近 %1 个月</source>
        <translation>last %1 months</translation>
    </message>
    <message>
        <source>截至</source>
        <translation>as of</translation>
    </message>
    <message>
        <source>选择一个已上报的单元格，查看该单位该月的数字。</source>
        <translation>Select a reported cell to see that unit&apos;s month in figures.</translation>
    </message>
    <message>
        <source>上报率</source>
        <translation>Submission rate</translation>
    </message>
    <message>
        <source>及时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>上报日期 %1，共 %2 个版本</source>
        <translation>submitted %1, %2 version(s)</translation>
    </message>
    <message>
        <source>%1 需提醒的单位（%2 个）</source>
        <translation>%1 units to remind (%2)</translation>
    </message>
    <message>
        <source>%1 %2（截至 %3）：质控小组例会 %4 次；已填报指标 %5 项；不良事件 %6 例；整改事项 %7 项（本月新增 %8 项，本月销号 %9 项），月末未销号 %10 项，其中逾期 %11 项。</source>
        <translation>%1 %2 (as of %3): %4 group meeting(s); %5 indicator(s) entered; %6 adverse event(s); %7 rectification item(s) (%8 raised and %9 closed this month); %10 open at month end, %11 of them overdue.</translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>培训次数</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>考核人次</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>合格率</source>
        <translation>Pass rate</translation>
    </message>
    <message>
        <source>安全培训覆盖率</source>
        <translation>Safety training coverage</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>例数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>不良事件（按单位、月份、类别、等级）</source>
        <translation>Adverse events (by unit, month, category, grade)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>本月质控小组例会</source>
        <translation>Group meeting this month</translation>
    </message>
    <message>
        <source>去会议记录</source>
        <translation>Go to meetings</translation>
    </message>
    <message>
        <source>本月质量指标录入</source>
        <translation>Indicators entered this month</translation>
    </message>
    <message>
        <source>去录入指标</source>
        <translation>Go to indicators</translation>
    </message>
    <message>
        <source>整改台账</source>
        <translation>Rectification ledger</translation>
    </message>
    <message>
        <source>去整改台账</source>
        <translation>Go to the ledger</translation>
    </message>
    <message>
        <source>医疗安全/法规培训（每年至少 2 次）</source>
        <translation>Safety/law training (at least 2 a year)</translation>
    </message>
    <message>
        <source>去培训考核</source>
        <translation>Go to training</translation>
    </message>
    <message>
        <source>30 天内到期的授权</source>
        <translation>Authorisations expiring in 30 days</translation>
    </message>
    <message>
        <source>去授权管理</source>
        <translation>Go to authorisations</translation>
    </message>
    <message>
        <source>月度上报</source>
        <translation>Monthly submission</translation>
    </message>
    <message>
        <source>去月度上报</source>
        <translation>Go to submission</translation>
    </message>
    <message>
        <source>工作台 — %1（截至 %2）</source>
        <translation>Dashboard — %1 (as of %2)</translation>
    </message>
    <message>
        <source>截至 %1（今天）：未完成 %2 项，其中逾期 %3 项。</source>
        <translation>As of %1 (today): %2 open, %3 of them overdue.</translation>
    </message>
    <message>
        <source>已召开</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>未召开</source>
        <translation>Not held</translation>
    </message>
    <message>
        <source>每月至少召开一次质控小组例会。</source>
        <translation>The group meets at least once a month.</translation>
    </message>
    <message>
        <source>上月已录入 %1 / %2。</source>
        <translation>Last month: %1 / %2 entered.</translation>
    </message>
    <message>
        <source>本月指标已全部录入。</source>
        <translation>All indicators entered for this month.</translation>
    </message>
    <message>
        <source>未录入：%1</source>
        <translation>Missing: %1</translation>
    </message>
    <message>
        <source>逾期最久（%1 天）：%2</source>
        <translation>Longest overdue (%1 days): %2</translation>
    </message>
    <message>
        <source>逾期 %1 项</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>%1 人不足</source>
        <translation>%1 short</translation>
    </message>
    <message>
        <source>%1 年尚不足 2 次：%2</source>
        <translation>Fewer than 2 in %1: %2</translation>
    </message>
    <message>
        <source>全员已达到每年 2 次。</source>
        <translation>Everyone has had 2 this year.</translation>
    </message>
    <message>
        <source>另有 %1 项已过期仍为有效状态。</source>
        <translation>%1 more expired but still marked active.</translation>
    </message>
    <message>
        <source>%1 项</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>30 天内没有到期的授权。</source>
        <translation>None expires in the next 30 days.</translation>
    </message>
    <message>
        <source>未上报</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>（未设置本单位）</source>
        <translation>(unit not set up)</translation>
    </message>
    <message>
        <source>%1数据，截止日期 %2</source>
        <translation>Data of %1, due %2</translation>
    </message>
    <message>
        <source>已超过截止日期。</source>
        <translation>The deadline has passed.</translation>
    </message>
</context>
<context>
    <name>DestinationBox</name>
    <message>
        <source>上报包送到哪里</source>
        <translation>Where the package goes</translation>
    </message>
    <message>
        <source>先放在本机发件箱，稍后再发送</source>
        <translation>Keep it in the outbox on this PC and send it later</translation>
    </message>
    <message>
        <source>复制到文件夹（U 盘或共享文件夹）：</source>
        <translation>Copy to a folder (USB stick or shared folder):</translation>
    </message>
    <message>
        <source>通过网络发送到质控办：%1</source>
        <translation>Send to the quality office over the network: %1</translation>
    </message>
    <message>
        <source>通过网络发送到质控办（登记文件中没有接收地址）</source>
        <translation>Send to the quality office over the network (the enrollment file gives no receiver address)</translation>
    </message>
    <message>
        <source>例如 E:\ 或 \\质控办\收件箱</source>
        <translation>e.g. E:\ or \\office\inbox</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>选择 U 盘或共享文件夹</source>
        <translation>Choose the USB stick or shared folder</translation>
    </message>
    <message>
        <source>请选择要复制到的文件夹。</source>
        <translation>Choose the folder to copy to.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>登记单位</source>
        <translation>Enrol unit</translation>
    </message>
    <message>
        <source>医院编码</source>
        <translation>Hospital code</translation>
    </message>
    <message>
        <source>医院名称</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>科室编码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <source>科室名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <source>科室类型</source>
        <translation>Department type</translation>
    </message>
    <message>
        <source>每月上报截止日</source>
        <translation>Monthly deadline day</translation>
    </message>
    <message>
        <source>接收地址（可不填）</source>
        <translation>Receiver address (optional)</translation>
    </message>
    <message>
        <source>导入质控办登记文件</source>
        <translation>Import the quality office enrollment file</translation>
    </message>
    <message>
        <source>质控办会给每个科室发一个登记文件（*.json）。导入后：本单位的医院和科室代码按登记文件设置；本机生成本科室的签名密钥；以后的上报包加密后只有质控办能打开，并按登记文件中的地址发送。</source>
        <translation>The quality office gives each department an enrollment file (*.json). Importing it sets the hospital and department codes from the file, makes this department&apos;s signing key on this PC, and from then on packages are encrypted so only the office can open them, and are sent to the addresses in the file.</translation>
    </message>
    <message>
        <source>登记文件的位置</source>
        <translation>Location of the enrollment file</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>签发的质控办：</source>
        <translation>Issued by:</translation>
    </message>
    <message>
        <source>医院：</source>
        <translation>Hospital:</translation>
    </message>
    <message>
        <source>科室：</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>每月上报截止：</source>
        <translation>Monthly deadline:</translation>
    </message>
    <message>
        <source>收件文件夹：</source>
        <translation>Inbox folder:</translation>
    </message>
    <message>
        <source>接收地址：</source>
        <translation>Receiver URL:</translation>
    </message>
    <message>
        <source>质控办密钥指纹：</source>
        <translation>Office key fingerprint:</translation>
    </message>
    <message>
        <source>注意：</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>导入并生成本科室密钥</source>
        <translation>Import and make the department key</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>选择质控办登记文件</source>
        <translation>Choose the enrollment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrollment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>次月 %1 日前</source>
        <translation>by day %1 of the next month</translation>
    </message>
    <message>
        <source>请与质控办公布的指纹逐字核对，一致再导入。</source>
        <translation>Compare it character by character with the fingerprint the office announced; import only if they match.</translation>
    </message>
    <message>
        <source>导入后，本单位代码将由 %1 改为 %2。</source>
        <translation>After importing, the unit codes change from %1 to %2.</translation>
    </message>
    <message>
        <source>登记完成</source>
        <translation>Enrolled</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>不良事件</source>
        <translation>Adverse events</translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>分级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>根因分析</source>
        <translation>RCA</translation>
    </message>
    <message>
        <source>事件经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>病案号</source>
        <translation>Record no.</translation>
    </message>
    <message>
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>已转整改</source>
        <translation>In the ledger</translation>
    </message>
    <message>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <source>根因分析…</source>
        <translation>Root-cause analysis…</translation>
    </message>
    <message>
        <source>只看缺根因分析的Ⅰ、Ⅱ级事件</source>
        <translation>Only grade I–II events lacking an RCA</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>须做，尚未分析</source>
        <translation>Required, not done</translation>
    </message>
    <message>
        <source>未完成（缺 %1 项）</source>
        <translation>Incomplete (%1 missing)</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>事件分级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>即时处理</source>
        <translation>Immediate action</translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation>Root cause analysis</translation>
    </message>
    <message>
        <source>只填病案号，不填患者姓名</source>
        <translation>Record number only, never the patient&apos;s name</translation>
    </message>
    <message>
        <source>不填即为匿名上报</source>
        <translation>Leave empty to report anonymously</translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation>Make a rectification item</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation>Rectification item — %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用科室质控小组工作台</source>
        <translation>Welcome to the quality group workbench</translation>
    </message>
    <message>
        <source>第一次使用，请填写本单位信息。以后可以在“设置”中修改。
数据将保存在：%1</source>
        <translation>First start: please describe your unit. You can change it later under Settings.
Data will be kept in: %1</translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>已有质控办登记文件？从文件填写…</source>
        <translation>Have an enrollment file from the quality office? Fill in from it…</translation>
    </message>
    <message>
        <source>没有登记文件也可以先开始使用，以后在“设置”中导入。</source>
        <translation>Without an enrollment file you can start now and import it later in Settings.</translation>
    </message>
    <message>
        <source>选择质控办登记文件</source>
        <translation>Choose the enrollment file</translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation>Enrollment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>将导入登记文件 %1。质控办密钥指纹：%2（请与质控办公布的核对）</source>
        <translation>Enrollment file %1 will be imported. Office key fingerprint: %2 (compare it with the one the office announced)</translation>
    </message>
    <message>
        <source>登记文件没有导入</source>
        <translation>The enrollment file was not imported</translation>
    </message>
    <message>
        <source>数据库已建好，可以稍后在“设置”中再导入登记文件。</source>
        <translation>The database has been created; import the enrollment file later in Settings.</translation>
    </message>
</context>
<context>
    <name>FishboneView</name>
    <message>
        <source>尚无原因分析</source>
        <translation>No cause analysis yet</translation>
    </message>
</context>
<context>
    <name>FocusList</name>
    <message>
        <source>每月质控重点</source>
        <translation>Monthly focus</translation>
    </message>
    <message>
        <source>质控重点</source>
        <translation>Focus theme</translation>
    </message>
    <message>
        <source>已落实</source>
        <translation>Taken up</translation>
    </message>
    <message>
        <source>未落实</source>
        <translation>Not taken up</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>落实依据</source>
        <translation>Found in</translation>
    </message>
    <message>
        <source>具体内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>%1 会议</source>
        <translation>meeting %1</translation>
    </message>
    <message>
        <source>%1 培训</source>
        <translation>training %1</translation>
    </message>
    <message>
        <source>%1 检查</source>
        <translation>inspection %1</translation>
    </message>
    <message>
        <source>已填写落实情况</source>
        <translation>outcome written</translation>
    </message>
    <message>
        <source>例如 跌倒预防、压力性损伤</source>
        <translation>e.g. fall prevention, pressure injuries</translation>
    </message>
    <message>
        <source>本月如何落实；填写后即视为已落实</source>
        <translation>How it was carried out this month; once written it counts as taken up</translation>
    </message>
</context>
<context>
    <name>FollowupPage</name>
    <message>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>deadline</translation>
    </message>
    <message>
        <source>超期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>截至（最近上报月末）</source>
        <translation>As of (end of latest reported month)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>已销号</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>销号率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <source>未销号事项</source>
        <translation>Open items</translation>
    </message>
    <message>
        <source>各单位销号率</source>
        <translation>Closure rate by unit</translation>
    </message>
    <message>
        <source>问题类别排列图</source>
        <translation>Pareto of problem categories</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>超期未销号事项</source>
        <translation>Overdue open items</translation>
    </message>
    <message>
        <source>%1共 %2 条，按期限先后显示前 %3 条；请用上方的单位、来源、类别筛选缩小范围。</source>
        <translation>%1: %2 in all; the first %3 by deadline are shown. Narrow the list with the unit, source and category filters above.</translation>
    </message>
    <message>
        <source>%1共 %2 条。</source>
        <translation>%1: %2.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>带 * 的为必填项。Enter 保存，Esc 取消。</source>
        <translation>Fields marked * are required. Enter saves, Esc cancels.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>名单中没有“%1”，请从列表中选择。</source>
        <translation>&quot;%1&quot; is not on the list; choose from the list.</translation>
    </message>
    <message>
        <source>请填写%1。</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1不能小于 %2。</source>
        <translation>%1 cannot be below %2.</translation>
    </message>
    <message>
        <source>%1不能大于 %2。</source>
        <translation>%1 cannot be above %2.</translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？</source>
        <translation>There are unsaved changes. Closing loses them. Close anyway?</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>漏斗图只适用于比例和率类指标</source>
        <translation>A funnel plot applies only to proportion and rate indicators</translation>
    </message>
    <message>
        <source>单位规模（分母）</source>
        <translation>Unit size (denominator)</translation>
    </message>
</context>
<context>
    <name>GoalsList</name>
    <message>
        <source>恢复目录目标</source>
        <translation>Back to catalogue target</translation>
    </message>
    <message>
        <source>不再使用科室自定的目标，改回指标目录中的目标值。</source>
        <translation>Drop the department&apos;s own goal and use the catalogue&apos;s target again.</translation>
    </message>
    <message>
        <source>指标年度目标</source>
        <translation>Indicator goals</translation>
    </message>
    <message>
        <source>年度目标</source>
        <translation>Annual goal</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>目录目标</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>本年目标</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Set by</translation>
    </message>
    <message>
        <source>科室自定</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>目录</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation>Year so far</translation>
    </message>
    <message>
        <source>达标月数</source>
        <translation>Months met</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>本年目标（按指标单位）</source>
        <translation>This year&apos;s goal (in the indicator&apos;s unit)</translation>
    </message>
    <message>
        <source>例如 上年实际已优于目录目标，科室目标从严</source>
        <translation>e.g. last year already beat the catalogue target, so the goal is stricter</translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>打印成员及职责（签名）…</source>
        <translation>Print roster with signatures…</translation>
    </message>
    <message>
        <source>今天的小组成员、职务、职责/分工和本人签名栏，供小组成员签字后存档。</source>
        <translation>Today&apos;s members with their posts, duties and a column to sign, for the group to sign and file.</translation>
    </message>
    <message>
        <source>从 Excel 导入成员…</source>
        <translation>Import members from Excel…</translation>
    </message>
    <message>
        <source>打印小组成员及职责</source>
        <translation>Print the group roster</translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation>group member</translation>
    </message>
    <message>
        <source>现任</source>
        <translation>Current</translation>
    </message>
    <message>
        <source>已卸任</source>
        <translation>Former</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>小组角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>职责/分工</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>职称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>例如 科主任、护士长、护理质控员</source>
        <translation>e.g. head of department, head nurse, nursing quality officer</translation>
    </message>
    <message>
        <source>例如 负责护理质量指标的收集、分析与上报</source>
        <translation>e.g. collects, analyses and reports the nursing indicators</translation>
    </message>
</context>
<context>
    <name>GroupStep</name>
    <message>
        <source>勾选质控小组成员并选择角色；小组要有一位组长。</source>
        <translation>Tick the group&apos;s members and choose their roles; the group needs one leader.</translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>职称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>小组角色</source>
        <translation>Group role</translation>
    </message>
    <message>
        <source>新成员的起始日期：</source>
        <translation>New members start on:</translation>
    </message>
    <message>
        <source>不在名单中的人员请先在上一步导入。已卸任的成员在“质控小组”页修改。</source>
        <translation>Import anyone missing from the list in the previous step. Change former members on the Quality group page.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>培训：%1</source>
        <translation>Training: %1</translation>
    </message>
    <message>
        <source>请先选择要导入的文件；导入前会先试运行，不会写入任何数据。</source>
        <translation>Choose the file to import first; a dry run shows what would change and writes nothing.</translation>
    </message>
    <message>
        <source>请确认是哪一位人员</source>
        <translation>Choose the person meant</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>人员或记录</source>
        <translation>Person or record</translation>
    </message>
    <message>
        <source>变化</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>将导入的行</source>
        <translation>Rows to import</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未选择文件）</source>
        <translation>(no file chosen)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation>Choose the sheet to import</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)</source>
        <translation>Sheets (*.xlsx *.xlsm *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save the import template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存模板</source>
        <translation>Cannot save the template</translation>
    </message>
    <message>
        <source>模板已保存</source>
        <translation>Template saved</translation>
    </message>
    <message>
        <source>模板已保存到 %1。
按表头填写（示例行请删除）后，回到这里选择该文件导入。</source>
        <translation>The template was saved to %1.
Fill it in under its headers (delete the example rows), then come back here and choose it.</translation>
    </message>
    <message>
        <source>将导入的行（%1）</source>
        <translation>Rows to import (%1)</translation>
    </message>
    <message>
        <source>问题（%1）</source>
        <translation>Problems (%1)</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>未变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>整个文件</source>
        <translation>Whole file</translation>
    </message>
    <message>
        <source>请选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>没有导入</source>
        <translation>Nothing imported</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>收件箱：%1</source>
        <translation>Inbox: %1</translation>
    </message>
    <message>
        <source>扫描收件箱</source>
        <translation>Scan inbox</translation>
    </message>
    <message>
        <source>导入文件…</source>
        <translation>Import file…</translation>
    </message>
    <message>
        <source>窗口打开时每 5 分钟自动扫描</source>
        <translation>Scanned every 5 minutes while the window is open</translation>
    </message>
    <message>
        <source>接收所选</source>
        <translation>Accept selected</translation>
    </message>
    <message>
        <source>退回所选…</source>
        <translation>Return selected…</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>版本状态</source>
        <translation>Version status</translation>
    </message>
    <message>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>上报日期</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>退回意见</source>
        <translation>Return comments</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>导入摘要</source>
        <translation>Import summary</translation>
    </message>
    <message>
        <source>导入未完成</source>
        <translation>Import not completed</translation>
    </message>
    <message>
        <source>本次处理 %1 个文件：导入 %2，未变 %3，旧版本 %4，待确认密钥 %5，拒绝 %6（已移入隔离区）。</source>
        <translation>%1 files: %2 imported, %3 unchanged, %4 older versions, %5 awaiting key confirmation, %6 refused (moved to quarantine).</translation>
    </message>
    <message>
        <source>收件箱中没有新的上报包。</source>
        <translation>No new packages in the inbox.</translation>
    </message>
    <message>
        <source>选择上报包</source>
        <translation>Choose a package</translation>
    </message>
    <message>
        <source>上报包 (*.qmspkg)</source>
        <translation>Packages (*.qmspkg)</translation>
    </message>
    <message>
        <source>请先在左侧表格中选择一个上报包。</source>
        <translation>Select a package in the table first.</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>退回原因（科室据此更正）：</source>
        <translation>Reason for returning (the department corrects by it):</translation>
    </message>
</context>
<context>
    <name>IndicatorChartWidget</name>
    <message>
        <source>Laney 修正</source>
        <translation>Laney adjustment</translation>
    </message>
    <message>
        <source>分母很大时月度间真实波动会使 p/u 图的控制限过窄，Laney p′/u′ 修正按实际波动加宽控制限。</source>
        <translation>With large denominators real month-to-month variation makes p/u limits too narrow; Laney p′/u′ widens them to the observed variation.</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>图形</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>自动</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>没有指标。请先在设置中安装指标目录。</source>
        <translation>No indicators. Install the indicator catalogue under Settings first.</translation>
    </message>
    <message>
        <source>运行图：%1</source>
        <translation>Run chart: %1</translation>
    </message>
</context>
<context>
    <name>IndicatorGrid</name>
    <message>
        <source>在“分子”“分母”列直接输入，或从 Excel 复制一块单元格后按 Ctrl+V 粘贴。</source>
        <translation>Type into the Numerator and Denominator columns, or copy cells in Excel and press Ctrl+V.</translation>
    </message>
    <message>
        <source>从表格导入…</source>
        <translation>Import from sheet…</translation>
    </message>
    <message>
        <source>导入 .xlsx 或 .csv（列：指标编码、月份、分子、分母）；全部行通过检查才写入。</source>
        <translation>Import .xlsx or .csv (columns: code, month, numerator, denominator); nothing is written unless every row passes.</translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation>Save import template…</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation>Choose a sheet to import</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Sheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>正在导入指标数据…</source>
        <translation>Importing indicator figures…</translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>……另有 {n} 处问题</source>
        <translation>… and {n} more problems</translation>
    </message>
    <message>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <source>表格中有以下问题，所有行均未写入：</source>
        <translation>The sheet has these problems; no row was written:</translation>
    </message>
    <message>
        <source>导入未完成：{n} 处问题，未写入任何数据。</source>
        <translation>Not imported: {n} problems, nothing written.</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import done</translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>无法保存模板：{e}</source>
        <translation>Cannot save the template: {e}</translation>
    </message>
    <message>
        <source>已保存导入模板：{p}</source>
        <translation>Template saved: {p}</translation>
    </message>
    <message>
        <source>第 {n} 行超出表格</source>
        <translation>row {n} is beyond the table</translation>
    </message>
    <message>
        <source>粘贴内容超出表格：</source>
        <translation>The pasted block does not fit:</translation>
    </message>
    <message>
        <source>；未保存。</source>
        <translation>; not saved.</translation>
    </message>
</context>
<context>
    <name>IndicatorGridModel</name>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>分子</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>分母</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>指标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>未保存（其他行有误）</source>
        <translation>Not saved (other rows have errors)</translation>
    </message>
    <message>
        <source>待填写完整</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>未录入</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>本月无暴露</source>
        <translation>No exposure this month</translation>
    </message>
    <message>
        <source>分子：</source>
        <translation>Numerator: </translation>
    </message>
    <message>
        <source>分母：</source>
        <translation>Denominator: </translation>
    </message>
    <message>
        <source>“{x}”不是数字。</source>
        <translation>&quot;{x}&quot; is not a number.</translation>
    </message>
    <message>
        <source>有 {n} 行未通过检查，本次未保存，请修改后重试。</source>
        <translation>{n} rows failed the checks; nothing saved. Correct them and try again.</translation>
    </message>
    <message>
        <source>已保存 {n} 项。</source>
        <translation>{n} saved.</translation>
    </message>
</context>
<context>
    <name>IndicatorValuesList</name>
    <message>
        <source>数据列表</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>指标数据</source>
        <translation>indicator value</translation>
    </message>
    <message>
        <source>录入数据</source>
        <translation>Enter figures</translation>
    </message>
    <message>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>未达标</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>未录入</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>分子</source>
        <translation>Numerator</translation>
    </message>
    <message>
        <source>分母</source>
        <translation>Denominator</translation>
    </message>
    <message>
        <source>指标值</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>本月无暴露时填 0</source>
        <translation>0 when there was no exposure</translation>
    </message>
    <message>
        <source>录入</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>月度录入</source>
        <translation>Monthly entry</translation>
    </message>
    <message>
        <source>趋势与控制图</source>
        <translation>Trend and control chart</translation>
    </message>
    <message>
        <source>问题帕累托图</source>
        <translation>Pareto of problems</translation>
    </message>
</context>
<context>
    <name>IndicatorsStep</name>
    <message>
        <source>按科室类型已勾选质控办目录中的常用指标；不适用的取消勾选，每月只需填写勾选的指标。</source>
        <translation>The office catalogue&apos;s indicators for your department type are ticked; untick those that do not apply. Each month you enter only the ticked ones.</translation>
    </message>
    <message>
        <source>适用</source>
        <translation>Applies</translation>
    </message>
    <message>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>本科室类型常用</source>
        <translation>Usual for this department type</translation>
    </message>
</context>
<context>
    <name>InspectionPlanList</name>
    <message>
        <source>检查计划</source>
        <translation>Inspection plan</translation>
    </message>
    <message>
        <source>计划检查</source>
        <translation>Planned inspection</translation>
    </message>
    <message>
        <source>按计划完成</source>
        <translation>On plan</translation>
    </message>
    <message>
        <source>有未完成</source>
        <translation>Some missed</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>已完成/到期应做</source>
        <translation>Done/due</translation>
    </message>
    <message>
        <source>全年应做</source>
        <translation>Per year</translation>
    </message>
    <message>
        <source>未完成的时段</source>
        <translation>Missed in</translation>
    </message>
    <message>
        <source>评分表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>例如 护理文书质量自查</source>
        <translation>e.g. nursing records self-inspection</translation>
    </message>
    <message>
        <source>例如 护理质控员</source>
        <translation>e.g. nursing quality officer</translation>
    </message>
    <message>
        <source>评分表编码</source>
        <translation>Checklist code</translation>
    </message>
    <message>
        <source>使用评分表时填写，可不填</source>
        <translation>When a checklist is used; optional</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>检查</source>
        <translation>inspection</translation>
    </message>
    <message>
        <source>本次检查发现的问题</source>
        <translation>Findings of this inspection</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>逐项评分</source>
        <translation>Score item by item</translation>
    </message>
    <message>
        <source>按检查评分表逐项填写扣分，得分自动计算</source>
        <translation>Enter deductions item by item against the checklist; the score is computed</translation>
    </message>
    <message>
        <source>评分扣分项目</source>
        <translation>Deducted items</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points off</translation>
    </message>
    <message>
        <source>扣分原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>未转整改</source>
        <translation>Not in the ledger</translation>
    </message>
    <message>
        <source>扣分转为整改事项</source>
        <translation>Deduction to rectification item</translation>
    </message>
    <message>
        <source>新增发现问题</source>
        <translation>Add finding</translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation>Make a rectification item</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>检查人/部门</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>小结</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation>Inspection date</translation>
    </message>
    <message>
        <source>例如 护理部</source>
        <translation>e.g. Nursing department</translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>选用评分表时可不填，默认为评分表名称</source>
        <translation>May be left empty with a checklist: its name is used</translation>
    </message>
    <message>
        <source>选择检查评分表</source>
        <translation>Choose the checklist</translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation>Root cause</translation>
    </message>
    <message>
        <source>扣分转为整改事项 — %1</source>
        <translation>Deduction to rectification item — %1</translation>
    </message>
    <message>
        <source>例如 护理文书</source>
        <translation>e.g. nursing records</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation>Rectification item — %1</translation>
    </message>
</context>
<context>
    <name>IssueTable</name>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>去处理</source>
        <translation>Fix on page</translation>
    </message>
    <message>
        <source>双击一行，打开需要修改的记录</source>
        <translation>Double-click a row to open the record to fix</translation>
    </message>
    <message>
        <source>必须处理</source>
        <translation>Must fix</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部责任人</source>
        <translation>Everyone responsible</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>选择一项，查看整改进展和修改记录。</source>
        <translation>Select an item to see its progress and history.</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation>%1 days overdue</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 条</source>
        <translation>%1 of %2 records</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>整改进展：</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <source>（暂无）</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>修改记录：</source>
        <translation>History:</translation>
    </message>
    <message>
        <source>例如 护理文书、用药安全</source>
        <translation>e.g. nursing records, medication safety</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation>Root cause analysis</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>开始整改</source>
        <translation>Start work</translation>
    </message>
    <message>
        <source>整改完成，提交验证</source>
        <translation>Done, ask for verification</translation>
    </message>
    <message>
        <source>验证通过，销号</source>
        <translation>Verified, close</translation>
    </message>
    <message>
        <source>验证未通过</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <source>验证人</source>
        <translation>Verifier</translation>
    </message>
    <message>
        <source>验证日期</source>
        <translation>Verified on</translation>
    </message>
    <message>
        <source>效果评价</source>
        <translation>Effect evaluation</translation>
    </message>
    <message>
        <source>验证并销号</source>
        <translation>Verify and close</translation>
    </message>
    <message>
        <source>未通过原因</source>
        <translation>Why it failed</translation>
    </message>
    <message>
        <source>验证未通过，退回整改</source>
        <translation>Verification failed, back to work</translation>
    </message>
    <message>
        <source>进展说明</source>
        <translation>Progress note</translation>
    </message>
    <message>
        <source>提交验证</source>
        <translation>Ask for verification</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>此页面不能新增记录。</source>
        <translation>This page cannot add records.</translation>
    </message>
    <message>
        <source>此页面不能修改记录。</source>
        <translation>This page cannot change records.</translation>
    </message>
    <message>
        <source>此页面不能删除记录。</source>
        <translation>This page cannot delete records.</translation>
    </message>
    <message>
        <source>搜索（任意列的文字）</source>
        <translation>Search (text in any column)</translation>
    </message>
    <message>
        <source>全部月份</source>
        <translation>All months</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 条</source>
        <translation>%1 of %2 records</translation>
    </message>
    <message>
        <source>新增%1</source>
        <translation>Add %1</translation>
    </message>
    <message>
        <source>修改%1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>确定删除“%1”吗？
删除后可以点“撤销删除”恢复。</source>
        <translation>Delete &quot;%1&quot;?
You can bring it back with &quot;Undo delete&quot;.</translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation>Delete record</translation>
    </message>
    <message>
        <source>恢复“%1”</source>
        <translation>Bring back &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>科室质控小组工作台</source>
        <translation>Quality group workbench</translation>
    </message>
    <message>
        <source>科室质控小组工作台 qmsdesk
版本：{v}
数据库：{db}
数据文件夹：{d}</source>
        <translation>Quality group workbench qmsdesk
Version: {v}
Database: {db}
Data folder: {d}</translation>
    </message>
    <message>
        <source>（未打开）</source>
        <translation>(not open)</translation>
    </message>
    <message>
        <source>关于本程序</source>
        <translation>About qmsdesk</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>尚未设置本单位（请到“设置”填写）</source>
        <translation>Unit not set up (see Settings)</translation>
    </message>
    <message>
        <source>数据文件：%1</source>
        <translation>Data file: %1</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>会议</source>
        <translation>meeting</translation>
    </message>
    <message>
        <source>本次会议提出的问题</source>
        <translation>Problems raised at this meeting</translation>
    </message>
    <message>
        <source>签到表（本次会议）…</source>
        <translation>Sign-in sheet (this meeting)…</translation>
    </message>
    <message>
        <source>会议记录…</source>
        <translation>Minutes…</translation>
    </message>
    <message>
        <source>下次例会签到表（按日期）…</source>
        <translation>Sign-in sheet for the next group meeting (by date)…</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation>Rectification item</translation>
    </message>
    <message>
        <source>未转整改</source>
        <translation>Not in the ledger</translation>
    </message>
    <message>
        <source>新增问题</source>
        <translation>Add problem</translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation>Make a rectification item</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>问题数</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>会议日期</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>会议纪要</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>决定事项</source>
        <translation>Decisions</translation>
    </message>
    <message>
        <source>上次问题跟进</source>
        <translation>Follow-up of last meeting</translation>
    </message>
    <message>
        <source>出席情况…</source>
        <translation>Attendance…</translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation>Print sign-in sheet</translation>
    </message>
    <message>
        <source>打印会议记录</source>
        <translation>Print minutes</translation>
    </message>
    <message>
        <source>例会日期</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <source>打印下次例会签到表</source>
        <translation>Sign-in sheet for the next group meeting</translation>
    </message>
    <message>
        <source>选择一次会议，查看它提出的问题。</source>
        <translation>Select a meeting to see the problems it raised.</translation>
    </message>
    <message>
        <source>期限 %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <source>上次会议尚未完成的整改事项：</source>
        <translation>Open items from the previous meeting:</translation>
    </message>
    <message>
        <source>上次会议没有未完成的整改事项。</source>
        <translation>No open items from the previous meeting.</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>例如 护理文书</source>
        <translation>e.g. nursing records</translation>
    </message>
    <message>
        <source>新增会议问题</source>
        <translation>Add meeting problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation>Rectification item — %1</translation>
    </message>
    <message>
        <source>这个问题已转为整改事项（%1），请到整改台账查看。</source>
        <translation>This problem is already a rectification item (%1); see the rectification ledger.</translation>
    </message>
</context>
<context>
    <name>OfficeContext</name>
    <message>
        <source>正在导入上报包…</source>
        <translation>Importing packages…</translation>
    </message>
    <message>
        <source>自动扫描收件箱：%1</source>
        <translation>Automatic inbox scan: %1</translation>
    </message>
    <message>
        <source>自动扫描收件箱</source>
        <translation>Automatic inbox scan</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <source>质控办工作台</source>
        <translation>Quality office</translation>
    </message>
    <message>
        <source>汇总库：%1</source>
        <translation>Store: %1</translation>
    </message>
    <message>
        <source>收件箱：%1</source>
        <translation>Inbox: %1</translation>
    </message>
    <message>
        <source>下次启动时打开科室工作台</source>
        <translation>Open the department workbench next time</translation>
    </message>
    <message>
        <source>关于本程序</source>
        <translation>About this program</translation>
    </message>
    <message>
        <source>质控办工作台 qmsdesk
版本：{v}
汇总库：{s}</source>
        <translation>Quality office desk qmsdesk
Version: {v}
Store: {s}</translation>
    </message>
    <message>
        <source>下次启动将打开科室工作台；运行 qmsdesk office 可回到质控办。</source>
        <translation>The department workbench opens next time; run qmsdesk office to return to the office.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>PagedWindow</name>
    <message>
        <source>后台操作失败：%1</source>
        <translation>Background work failed: %1</translation>
    </message>
</context>
<context>
    <name>ParetoView</name>
    <message>
        <source>所选范围内没有问题记录</source>
        <translation>No problems in the chosen range</translation>
    </message>
    <message>
        <source>{c}
{n} 个（{p:.1f}%）
累计 {q:.1f}%</source>
        <translation>{c}
{n} ({p:.1f}%)
cumulative {q:.1f}%</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>设置密钥口令</source>
        <translation>Set the key passphrase</translation>
    </message>
    <message>
        <source>输入密钥口令</source>
        <translation>Enter the key passphrase</translation>
    </message>
    <message>
        <source>本科室的签名私钥将保存在密钥文件中：
%1

请设置一个口令（至少 %2 个字符）来保护它。每次启动程序后第一次上报或登记时需要输入此口令。口令请记在安全的地方：忘记口令只能重新登记并生成新密钥。</source>
        <translation>The department&apos;s private signing key will be kept in the key file:
%1

Choose a passphrase (at least %2 characters) to protect it. It is asked the first time you submit or enroll after starting the program. Keep it somewhere safe: a forgotten passphrase means enrolling again with a new key.</translation>
    </message>
    <message>
        <source>本科室的签名私钥保存在口令保护的密钥文件中：
%1

请输入设置密钥文件时所用的口令。</source>
        <translation>The department&apos;s private signing key is kept in the passphrase-protected key file:
%1

Enter the passphrase chosen when the key file was made.</translation>
    </message>
    <message>
        <source>口令：</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>再次输入口令：</source>
        <translation>Passphrase again:</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <source>口令太短：至少需要 %1 个字符。</source>
        <translation>The passphrase is too short: at least %1 characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，请重新输入。</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
</context>
<context>
    <name>PdcaPage</name>
    <message>
        <source>进入下一阶段</source>
        <translation>Move to next stage</translation>
    </message>
    <message>
        <source>退回实施（D）…</source>
        <translation>Back to Do (D)…</translation>
    </message>
    <message>
        <source>打印案例（PDF）…</source>
        <translation>Print case (PDF)…</translation>
    </message>
    <message>
        <source>开始下一轮…</source>
        <translation>Start next cycle…</translation>
    </message>
    <message>
        <source>添加指标及目标…</source>
        <translation>Add indicator and target…</translation>
    </message>
    <message>
        <source>现状分析来源…</source>
        <translation>Current-state source…</translation>
    </message>
    <message>
        <source>新增原因…</source>
        <translation>Add cause…</translation>
    </message>
    <message>
        <source>删除所选原因</source>
        <translation>Remove selected cause</translation>
    </message>
    <message>
        <source>新增对策…</source>
        <translation>Add countermeasure…</translation>
    </message>
    <message>
        <source>删除所选对策</source>
        <translation>Remove selected countermeasure</translation>
    </message>
    <message>
        <source>在整改台账中查看</source>
        <translation>Show in the ledger</translation>
    </message>
    <message>
        <source>新增实施记录…</source>
        <translation>Add log entry…</translation>
    </message>
    <message>
        <source>删除所选记录</source>
        <translation>Remove selected note</translation>
    </message>
    <message>
        <source>填写效果确认、标准化与下一轮…</source>
        <translation>Check, standardisation, next cycle…</translation>
    </message>
    <message>
        <source>请按 YYYY-MM 填写月份，如 2026-01。</source>
        <translation>Write the month as YYYY-MM, e.g. 2026-01.</translation>
    </message>
    <message>
        <source>改进项目</source>
        <translation>improvement project</translation>
    </message>
    <message>
        <source>改进主题</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>立项日期</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>YYYY-MM，如 2026-01</source>
        <translation>YYYY-MM, e.g. 2026-01</translation>
    </message>
    <message>
        <source>选题理由</source>
        <translation>Why this theme</translation>
    </message>
    <message>
        <source>项目负责人</source>
        <translation>Project leader</translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>现状描述</source>
        <translation>Current state</translation>
    </message>
    <message>
        <source>基线开始月份</source>
        <translation>Baseline from</translation>
    </message>
    <message>
        <source>基线结束月份</source>
        <translation>Baseline to</translation>
    </message>
    <message>
        <source>改进措施生效月份</source>
        <translation>Change in effect from</translation>
    </message>
    <message>
        <source>效果确认结论</source>
        <translation>Conclusion of the check</translation>
    </message>
    <message>
        <source>标准化（形成的制度、流程、培训）</source>
        <translation>Standardisation (rules, procedures, training)</translation>
    </message>
    <message>
        <source>检讨与下一轮计划</source>
        <translation>Review and next cycle</translation>
    </message>
    <message>
        <source>进入下一阶段：%1</source>
        <translation>Move to: %1</translation>
    </message>
    <message>
        <source>已开始下一轮：%1</source>
        <translation>Next cycle already started: %1</translation>
    </message>
    <message>
        <source>改进的指标</source>
        <translation>Indicator to improve</translation>
    </message>
    <message>
        <source>目标值</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>添加指标及目标</source>
        <translation>Add indicator and target</translation>
    </message>
    <message>
        <source>YYYY-MM</source>
        <translation>YYYY-MM</translation>
    </message>
    <message>
        <source>柏拉图的来源</source>
        <translation>Pareto from</translation>
    </message>
    <message>
        <source>检查扣分（评分表）</source>
        <translation>Checklist deductions</translation>
    </message>
    <message>
        <source>不良事件原因因素</source>
        <translation>Event contributing factors</translation>
    </message>
    <message>
        <source>开始月份</source>
        <translation>From month</translation>
    </message>
    <message>
        <source>结束月份</source>
        <translation>To month</translation>
    </message>
    <message>
        <source>评分表（空白为全部）</source>
        <translation>Checklist (blank: all)</translation>
    </message>
    <message>
        <source>事件类别（空白为全部）</source>
        <translation>Event category (blank: all)</translation>
    </message>
    <message>
        <source>现状分析来源</source>
        <translation>Current-state source</translation>
    </message>
    <message>
        <source>原因类别</source>
        <translation>Cause category</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>确认为要因</source>
        <translation>Key cause</translation>
    </message>
    <message>
        <source>要因验证（方法与结果）</source>
        <translation>Verification (how and what was found)</translation>
    </message>
    <message>
        <source>新增原因</source>
        <translation>Add cause</translation>
    </message>
    <message>
        <source>对策（What）</source>
        <translation>What</translation>
    </message>
    <message>
        <source>理由（Why）</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>地点（Where）</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>方法（How）</source>
        <translation>How</translation>
    </message>
    <message>
        <source>负责人（Who）</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>完成期限（When）</source>
        <translation>When (deadline)</translation>
    </message>
    <message>
        <source>针对的要因（可空）</source>
        <translation>Key cause addressed (optional)</translation>
    </message>
    <message>
        <source>新增对策</source>
        <translation>Add countermeasure</translation>
    </message>
    <message>
        <source>保存后对策即成为整改台账中的一项，由负责人在台账中推进、验证、销号。</source>
        <translation>Once saved, the countermeasure is a ledger item: its owner moves it on, and it is verified and closed there.</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>做了什么</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>新增实施记录</source>
        <translation>Add log entry</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>请先在表格中选中要删除的%1。</source>
        <translation>Select the %1 to remove in the table first.</translation>
    </message>
    <message>
        <source>删除%1“%2”？</source>
        <translation>Remove %1 “%2”?</translation>
    </message>
    <message>
        <source>不能删除</source>
        <translation>Cannot remove</translation>
    </message>
    <message>
        <source>对策</source>
        <translation>the countermeasure</translation>
    </message>
    <message>
        <source>
它在整改台账中的事项仍保留，如不再需要请在整改台账中处理。</source>
        <translation>
Its item stays in the rectification ledger; close or delete it there if it is no longer needed.</translation>
    </message>
    <message>
        <source>实施记录</source>
        <translation>the note</translation>
    </message>
    <message>
        <source>不能进入下一阶段</source>
        <translation>Cannot move to the next stage</translation>
    </message>
    <message>
        <source>退回原因（效果未达到的情况）</source>
        <translation>Why back (the effect not yet reached)</translation>
    </message>
    <message>
        <source>退回实施（D）</source>
        <translation>Back to Do (D)</translation>
    </message>
    <message>
        <source>新一轮立项日期</source>
        <translation>Start of the next cycle</translation>
    </message>
    <message>
        <source>改进主题（不填沿用本轮）</source>
        <translation>Theme (blank: keep this one)</translation>
    </message>
    <message>
        <source>选题理由（不填沿用本轮的下一轮计划）</source>
        <translation>Why (blank: this cycle&apos;s next-cycle plan)</translation>
    </message>
    <message>
        <source>开始下一轮</source>
        <translation>Start next cycle</translation>
    </message>
    <message>
        <source>保存持续改进案例</source>
        <translation>Save improvement case</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>持续改进案例已保存到：%1</source>
        <translation>The improvement case was saved to: %1</translation>
    </message>
</context>
<context>
    <name>PdcaPlanList</name>
    <message>
        <source>PDCA 主题</source>
        <translation>PDCA theme</translation>
    </message>
    <message>
        <source>未到开始月份</source>
        <translation>Not started yet</translation>
    </message>
    <message>
        <source>已启动</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>未启动</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>开始月份</source>
        <translation>Start month</translation>
    </message>
    <message>
        <source>关联指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>例如 降低住院患者跌倒发生率</source>
        <translation>e.g. reduce inpatient falls</translation>
    </message>
    <message>
        <source>关联指标编码</source>
        <translation>Indicator code</translation>
    </message>
    <message>
        <source>例如 NUR-FALL，可不填</source>
        <translation>e.g. NUR-FALL; optional</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
</context>
<context>
    <name>PersonRecordDialog</name>
    <message>
        <source>个人培训档案</source>
        <translation>Personal training record</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PersonRecordView</name>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>本年培训学时</source>
        <translation>Training hours this year</translation>
    </message>
    <message>
        <source>医疗安全/法律法规培训</source>
        <translation>Safety/law training</translation>
    </message>
    <message>
        <source>考核</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>授权</source>
        <translation>Authorisations</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>考核内容</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>补考</source>
        <translation>Retake</translation>
    </message>
    <message>
        <source>授权项目</source>
        <translation>Authorised item</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>授权日期</source>
        <translation>Granted on</translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation>Expires on</translation>
    </message>
    <message>
        <source>长期</source>
        <translation>No expiry</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>参加的培训</source>
        <translation>Training attended</translation>
    </message>
    <message>
        <source>考核成绩</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>补考（原考核 %1，%2 分）</source>
        <translation>Retake (of %1, %2 points)</translation>
    </message>
    <message>
        <source>已补考：%1，%2 分，%3</source>
        <translation>Retaken: %1, %2 points, %3</translation>
    </message>
    <message>
        <source>待补考</source>
        <translation>Retake due</translation>
    </message>
    <message>
        <source>30 天内到期（还剩 %1 天）</source>
        <translation>Expires within 30 days (%1 left)</translation>
    </message>
    <message>
        <source>已过期 %1 天，需重新授权</source>
        <translation>Expired %1 days ago; renew it</translation>
    </message>
    <message>
        <source>请先选择一位人员（可输入姓名或拼音首字母）。</source>
        <translation>Choose a person first (type a name or pinyin initials).</translation>
    </message>
    <message>
        <source>%1 · %2 年培训考核档案</source>
        <translation>%1 · training record %2</translation>
    </message>
    <message>
        <source>该年度不在职，没有培训要求。</source>
        <translation>Not employed that year; no training required.</translation>
    </message>
    <message>
        <source>%1 学时（参加培训 %2 次）</source>
        <translation>%1 hours (%2 sessions)</translation>
    </message>
    <message>
        <source>%1 次 ✓ 已达到每年至少 %2 次的要求</source>
        <translation>%1 ✓ meets the rule of at least %2 a year</translation>
    </message>
    <message>
        <source>%1 次 ⚠ 不足 %2 次（制度要求每年至少 %2 次），请安排参加</source>
        <translation>%1 ⚠ fewer than %2 (the rule is at least %2 a year); please arrange</translation>
    </message>
    <message>
        <source>本年没有考核记录。</source>
        <translation>No assessments this year.</translation>
    </message>
    <message>
        <source>通过 %1 项；不合格 %2 次；待补考 %3 项</source>
        <translation>%1 passed; %2 failed attempts; %3 retakes due</translation>
    </message>
    <message>
        <source>没有授权记录。</source>
        <translation>No authorisations.</translation>
    </message>
    <message>
        <source>有效 %1 项</source>
        <translation>%1 active</translation>
    </message>
    <message>
        <source>；⚠ %1 项 30 天内到期</source>
        <translation>; ⚠ %1 expire within 30 days</translation>
    </message>
    <message>
        <source>；⚠ %1 项已过期</source>
        <translation>; ⚠ %1 expired</translation>
    </message>
    <message>
        <source>%1 年不足 %2 次的人员：</source>
        <translation>Fewer than %2 safety/law trainings in %1: </translation>
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <source>年度计划执行</source>
        <translation>Annual plan</translation>
    </message>
    <message>
        <source>去年度计划</source>
        <translation>Go to the plan</translation>
    </message>
    <message>
        <source>%1 年度计划执行</source>
        <translation>Annual plan %1</translation>
    </message>
    <message>
        <source>未制定</source>
        <translation>No plan</translation>
    </message>
    <message>
        <source>尚未制定 %1 年度质控计划（培训、检查和每月质控重点）。</source>
        <translation>No quality plan for %1 yet (trainings, inspections, monthly focus).</translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>培训 %1/%2 项已开展</source>
        <translation>Trainings held %1/%2</translation>
    </message>
    <message>
        <source>检查 %1/%2 次已完成</source>
        <translation>inspections done %1/%2</translation>
    </message>
    <message>
        <source>质控重点 %1/%2 项已落实</source>
        <translation>focus themes taken up %1/%2</translation>
    </message>
    <message>
        <source>按计划进行</source>
        <translation>On plan</translation>
    </message>
    <message>
        <source>%1 项未完成</source>
        <translation>%1 not done</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>%1–%2月</source>
        <translation>Months %1–%2</translation>
    </message>
    <message>
        <source>培训未开展</source>
        <translation>training not held</translation>
    </message>
    <message>
        <source>检查未完成</source>
        <translation>inspection not done</translation>
    </message>
    <message>
        <source>质控重点未落实</source>
        <translation>focus not taken up</translation>
    </message>
</context>
<context>
    <name>PlanList</name>
    <message>
        <source>%1月</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>执行情况</source>
        <translation>Done?</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>编辑年度质控目标…</source>
        <translation>Edit the year&apos;s objectives…</translation>
    </message>
    <message>
        <source>从上一年复制计划</source>
        <translation>Copy last year&apos;s plan</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>年度质控目标：%1</source>
        <translation>Objectives: %1</translation>
    </message>
    <message>
        <source>年度质控目标：尚未填写（点“编辑年度质控目标…”）。</source>
        <translation>Objectives: not written yet (press &apos;Edit the year&apos;s objectives…&apos;).</translation>
    </message>
    <message>
        <source>从 %1 年复制计划</source>
        <translation>Copy the %1 plan</translation>
    </message>
    <message>
        <source>%1 年还没有年度质控计划。在下面各页新增条目即可开始（指标目标默认为目录目标），或从上一年复制。</source>
        <translation>There is no quality plan for %1 yet. Add items in the tabs below to start (indicator goals default to the catalogue targets), or copy last year&apos;s.</translation>
    </message>
    <message>
        <source>截至 %1 的执行情况：培训 %2/%3 项已开展（全年计划 %4 项）；检查 %5/%6 次已完成；每月质控重点 %7/%8 项已落实；PDCA 主题 %9/%10 个已启动。</source>
        <translation>As of %1: trainings held %2/%3 (%4 planned for the year); inspections done %5/%6; monthly focus themes taken up %7/%8; PDCA themes started %9/%10.</translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>年度质控目标与工作重点</source>
        <translation>Objectives and priorities</translation>
    </message>
    <message>
        <source>%1 年度质控目标</source>
        <translation>Objectives for %1</translation>
    </message>
    <message>
        <source>把 %1 年计划的目标、每月重点、培训、检查和 PDCA 主题复制到 %2 年吗？复制后可逐项修改。</source>
        <translation>Copy the goals, monthly focus, trainings, inspections and PDCA themes of the %1 plan to %2? You can change each item afterwards.</translation>
    </message>
    <message>
        <source>复制年度计划</source>
        <translation>Copy the annual plan</translation>
    </message>
    <message>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>PlanStep</name>
    <message>
        <source>计划年度：</source>
        <translation>Plan year:</translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>年度质控目标与工作重点：</source>
        <translation>The year&apos;s quality objectives and priorities:</translation>
    </message>
    <message>
        <source>每月一次科室护理质量自查（列入年度检查计划）</source>
        <translation>A nursing quality self-inspection every month (in the year&apos;s inspection plan)</translation>
    </message>
    <message>
        <source>每季度一次核心制度与质量安全培训（3、6、9、12 月）</source>
        <translation>Core rules and safety training once a quarter (March, June, September, December)</translation>
    </message>
    <message>
        <source>改为复制去年的年度计划</source>
        <translation>Copy last year&apos;s plan instead</translation>
    </message>
    <message>
        <source>指标的年度目标值先采用质控办目录中的目标值，以后可在年度计划中修改。</source>
        <translation>Indicator goals start as the office catalogue&apos;s targets; change them in the annual plan later.</translation>
    </message>
    <message>
        <source>%1 年的计划：目标和常规安排，填好后每月的工作台会提示计划中的事项。</source>
        <translation>The %1 plan: objectives and the usual items; the dashboard then reminds you of what is planned each month.</translation>
    </message>
    <message>
        <source>%1 年已有计划（%2 项检查、%3 项培训）；这里只补充没有的常规项目。</source>
        <translation>%1 already has a plan (%2 inspections, %3 trainings); only the usual items it lacks are added.</translation>
    </message>
    <message>
        <source>%1 年还没有年度质控计划。</source>
        <translation>There is no quality plan for %1 yet.</translation>
    </message>
</context>
<context>
    <name>RcaDialog</name>
    <message>
        <source>根因分析（RCA）— %1</source>
        <translation>Root-cause analysis (RCA) — %1</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>事件经过：%1</source>
        <translation>What happened: %1</translation>
    </message>
    <message>
        <source>伤害程度与 5 个为什么</source>
        <translation>Harm level and the 5 whys</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>伤害程度</source>
        <translation>Harm level</translation>
    </message>
    <message>
        <source>%1可选：%2</source>
        <translation>%1 allows: %2</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>分析日期</source>
        <translation>Analysed on</translation>
    </message>
    <message>
        <source>参加分析的人员，如：护士长、责任护士、质控护士</source>
        <translation>Who took part, e.g. head nurse, primary nurse, quality nurse</translation>
    </message>
    <message>
        <source>分析小组</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>为什么会这样？</source>
        <translation>Why did it happen?</translation>
    </message>
    <message>
        <source>那又是为什么？</source>
        <translation>And why was that?</translation>
    </message>
    <message>
        <source>为什么 %1</source>
        <translation>Why %1</translation>
    </message>
    <message>
        <source>根本原因</source>
        <translation>Root cause</translation>
    </message>
    <message>
        <source>经验教训</source>
        <translation>Lessons learned</translation>
    </message>
    <message>
        <source>原因因素（人·机·料·法·环·测，从词表中勾选）</source>
        <translation>Contributing factors (people, equipment, materials, methods, environment, measurement — from the vocabulary)</translation>
    </message>
    <message>
        <source>只能勾选词表中的原因，科室自己的说法写在“备注”里（双击填写）；主要原因在鱼骨图中标红。</source>
        <translation>Tick terms of the vocabulary only; your own wording goes in the note (double-click). Primary causes are red on the fishbone.</translation>
    </message>
    <message>
        <source>原因因素</source>
        <translation>Factor</translation>
    </message>
    <message>
        <source>主要原因</source>
        <translation>Primary</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>由本次分析制定的改进措施（整改台账事项）</source>
        <translation>Improvement items raised by this analysis (ledger)</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>新增整改事项…</source>
        <translation>New ledger item…</translation>
    </message>
    <message>
        <source>根因分析完整。</source>
        <translation>The root-cause analysis is complete.</translation>
    </message>
    <message>
        <source>Ⅰ、Ⅱ级事件须完成根因分析，否则本月不能上报。还缺：</source>
        <translation>Grade I–II events need a complete RCA before the month can be submitted. Missing: </translation>
    </message>
    <message>
        <source>根因分析还缺（本级别事件可不做）：</source>
        <translation>The analysis lacks (optional for this grade): </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>报告署名，例如：某县医共体质控办</source>
        <translation>Signed by, e.g. the county medical community quality office</translation>
    </message>
    <message>
        <source>生成季度报告</source>
        <translation>Write quarterly report</translation>
    </message>
    <message>
        <source>季度</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>报告包括：上报完整性与及时性、各单位质量指标与目标及控制图信号、不良事件分类分级、整改销号与超期事项、培训考核，以及需要关注的单位与指标。生成 PDF 与 Excel 两个文件。</source>
        <translation>The report covers completeness and timeliness of submissions, each unit&apos;s indicators against targets with control-chart signals, adverse events by category and grade, rectification closure and overdue items, training and assessment, and the units and indicators that need attention. It writes a PDF and an Excel file.</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>正在生成季度报告…</source>
        <translation>Writing the quarterly report…</translation>
    </message>
    <message>
        <source>报告未生成</source>
        <translation>Report not written</translation>
    </message>
    <message>
        <source>已生成：
%1
%2</source>
        <translation>Written:
%1
%2</translation>
    </message>
</context>
<context>
    <name>RosterStep</name>
    <message>
        <source>把护理部或人事科给的 Excel 名单直接导入，不必逐个录入。</source>
        <translation>Import the Excel list from the nursing or personnel office instead of typing each person.</translation>
    </message>
    <message>
        <source>名单中需要有 姓名、工号、专业类别 三列；性别、职称、护士层级、入职日期、执业证书号 可有可无。没有现成名单时，可在导入窗口中下载模板，填好后再导入。</source>
        <translation>The list needs name, employee number and profession columns; gender, title, nursing level, hire date and licence number are optional. Without a list, download the template in the import window, fill it in and import it.</translation>
    </message>
    <message>
        <source>从 Excel 导入名单…</source>
        <translation>Import the list from Excel…</translation>
    </message>
    <message>
        <source>也可以跳过这一步，以后在“人员”页导入或逐个添加。</source>
        <translation>You can skip this step and import or add people on the Staff page later.</translation>
    </message>
    <message>
        <source>人员名单现有 %1 人。</source>
        <translation>The staff list has %1 people.</translation>
    </message>
</context>
<context>
    <name>ScoreGridDialog</name>
    <message>
        <source>录入成绩 — %1</source>
        <translation>Enter scores — %1</translation>
    </message>
    <message>
        <source>%1 %2（%3，%4 学时）</source>
        <translation>%1 %2 (%3, %4 h)</translation>
    </message>
    <message>
        <source> 分</source>
        <translation> points</translation>
    </message>
    <message>
        <source>考核类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>考核日期</source>
        <translation>Assessment date</translation>
    </message>
    <message>
        <source>合格线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <source>考核内容 *</source>
        <translation>Subject *</translation>
    </message>
    <message>
        <source>这次培训还没有登记出席的人。请先关闭本窗口，点“出席情况…”登记出席，再录入成绩。</source>
        <translation>No attendance recorded for this session yet. Close this window, record attendance with &quot;Attendance…&quot;, then enter scores.</translation>
    </message>
    <message>
        <source>在“成绩”栏直接输入分数，按 Enter 到下一人；也可从 Excel 复制一列分数后按 Ctrl+V。没参加考核的人留空。按 Ctrl+S 保存。</source>
        <translation>Type each score in the Score column and press Enter for the next person, or copy a column of scores in Excel and press Ctrl+V. Leave people who did not sit the exam empty. Ctrl+S saves.</translation>
    </message>
    <message>
        <source>保存全部成绩</source>
        <translation>Save all scores</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>出席 %1 人，本次填写 %2 人：合格 %3，不合格 %4</source>
        <translation>%1 present, %2 entered: %3 passed, %4 failed</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>分数有误</source>
        <translation>Invalid score</translation>
    </message>
    <message>
        <source>，分数有误 %1</source>
        <translation>, %1 invalid</translation>
    </message>
    <message>
        <source>（另有 %1 人此前已录入）</source>
        <translation>(%1 more entered before)</translation>
    </message>
    <message>
        <source>还没有填写任何成绩。</source>
        <translation>No score entered yet.</translation>
    </message>
    <message>
        <source>没有保存任何成绩：</source>
        <translation>No score was saved:</translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <source>已填写的成绩尚未保存。关闭后这些成绩将丢失，确定关闭吗？</source>
        <translation>The scores are not saved. Closing loses them. Close anyway?</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>ScoreModel</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>成绩</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>不合格</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>已录入：%1</source>
        <translation>Entered: %1</translation>
    </message>
    <message>
        <source>这项考核已保存；要改分数请到“考核”页修改。</source>
        <translation>This assessment is saved; change the score on the Assessments tab.</translation>
    </message>
    <message>
        <source>分数有误</source>
        <translation>Invalid score</translation>
    </message>
</context>
<context>
    <name>ScoreSheetDialog</name>
    <message>
        <source>逐项评分 — %1</source>
        <translation>Score item by item — %1</translation>
    </message>
    <message>
        <source>%1&#x3000;检查评分表：%2（%3 版，标准分 %4 分）</source>
        <translation>%1  checklist: %2 (version %3, %4 points)</translation>
    </message>
    <message>
        <source>得分由各项标准分减扣分自动计算，不能手工填写。</source>
        <translation>The score is computed from each item&apos;s points less its deduction; it cannot be typed.</translation>
    </message>
    <message>
        <source>按处扣分的项目填写不合格数后自动计算扣分（不超过该项最多扣分），可再调整；有扣分的项目须写明扣分原因。不适用的项目不计入总分。</source>
        <translation>For items deducted per instance, entering the failures fills in the deduction (at most the item&apos;s cap), which you may adjust; every deduction needs its reason. Items that do not apply leave the total.</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查内容及扣分标准</source>
        <translation>What is checked, and the deduction rule</translation>
    </message>
    <message>
        <source>标准分</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>抽查数</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>不合格数</source>
        <translation>Failures</translation>
    </message>
    <message>
        <source>扣分</source>
        <translation>Points off</translation>
    </message>
    <message>
        <source>扣分原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>附件（照片等）</source>
        <translation>Attachment (photo…)</translation>
    </message>
    <message>
        <source>%1 %2 份</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>扣分标准：%1</source>
        <translation>Deduction rule: %1</translation>
    </message>
    <message>
        <source>选择照片或文件</source>
        <translation>Choose a photo or file</translation>
    </message>
    <message>
        <source>最多扣 %1 分</source>
        <translation>At most %1 points off</translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation>Choose attachment</translation>
    </message>
    <message>
        <source>得分：%1 分（标准分 100 分，扣 %2 分）</source>
        <translation>Score: %1 (of 100, %2 off)</translation>
    </message>
    <message>
        <source>得分：—（所有项目均不适用）</source>
        <translation>Score: — (no item applies)</translation>
    </message>
    <message>
        <source>得分：%1%（%2 / %3 分，扣 %4 分）</source>
        <translation>Score: %1% (%2 / %3 points, %4 off)</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>重新发送 %1</source>
        <translation>Send %1 again</translation>
    </message>
    <message>
        <source>把发件箱中已生成的上报包再送一次（上次发送失败、换了 U 盘，或质控办没有收到）：
%1</source>
        <translation>Send the package in the outbox once more (the last send failed, another USB stick, or the office did not receive it):
%1</translation>
    </message>
    <message>
        <source>发送</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>本单位</source>
        <translation>This unit</translation>
    </message>
    <message>
        <source>修改本单位信息</source>
        <translation>Edit unit</translation>
    </message>
    <message>
        <source>首次使用设置</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>更改语言后，重新启动程序生效。</source>
        <translation>A new language applies after restarting the program.</translation>
    </message>
    <message>
        <source>本机的环境变量 QMSDESK_LANG 设定了界面语言，这里的选择在不设置它时生效。</source>
        <translation>The environment variable QMSDESK_LANG sets the language on this computer; the choice here applies when it is not set.</translation>
    </message>
    <message>
        <source>数据与备份</source>
        <translation>Data and backups</translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>数据库文件：</source>
        <translation>Database file:</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>最近的备份：</source>
        <translation>Recent backups:</translation>
    </message>
    <message>
        <source>质控办登记</source>
        <translation>Quality office enrollment</translation>
    </message>
    <message>
        <source>登记状态：</source>
        <translation>Enrollment:</translation>
    </message>
    <message>
        <source>本科室公钥指纹：</source>
        <translation>Department key fingerprint:</translation>
    </message>
    <message>
        <source>导入质控办登记文件…</source>
        <translation>Import enrollment file…</translation>
    </message>
    <message>
        <source>复制本科室公钥</source>
        <translation>Copy department public key</translation>
    </message>
    <message>
        <source>尚未登记：上报包只签名、不加密。请导入质控办发放的登记文件。</source>
        <translation>Not enrolled: packages are signed but not encrypted. Import the enrollment file from the quality office.</translation>
    </message>
    <message>
        <source>收件文件夹 %1</source>
        <translation>inbox folder %1</translation>
    </message>
    <message>
        <source>接收地址 %1</source>
        <translation>receiver URL %1</translation>
    </message>
    <message>
        <source>已登记（%1）。质控办密钥指纹：%2
%3</source>
        <translation>Enrolled (%1). Office key fingerprint: %2
%3</translation>
    </message>
    <message>
        <source>（密钥在口令保护的文件中：点“复制本科室公钥”并输入口令后显示）</source>
        <translation>(the key is in the passphrase-protected file: shown after “Copy department public key” and the passphrase)</translation>
    </message>
    <message>
        <source>（登记后生成）</source>
        <translation>(made when enrolling)</translation>
    </message>
    <message>
        <source>已复制本科室公钥</source>
        <translation>Department public key copied</translation>
    </message>
    <message>
        <source>已复制到剪贴板，可粘贴发给质控办核对。</source>
        <translation>Copied to the clipboard; paste it into a message to the quality office.</translation>
    </message>
    <message>
        <source>（还没有备份。程序升级前会自动备份；也可点“立即备份”。）</source>
        <translation>(No backups yet. One is made automatically before each upgrade; or press &quot;Back up now&quot;.)</translation>
    </message>
    <message>
        <source>本单位信息</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>已保存。重新启动程序后生效。</source>
        <translation>Saved. Applies after restarting the program.</translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation>Backup done</translation>
    </message>
    <message>
        <source>已备份到：
%1</source>
        <translation>Backed up to:
%1</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>选择要恢复的备份文件</source>
        <translation>Choose a backup to restore</translation>
    </message>
    <message>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation>Database backups (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>用“%1”替换当前数据库吗？
当前数据库会先另存一份，不会丢失。</source>
        <translation>Replace the current database with &quot;%1&quot;?
The current one is kept as a copy first; nothing is lost.</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>正在恢复数据库…</source>
        <translation>Restoring the database…</translation>
    </message>
    <message>
        <source>原数据库另存为：%1</source>
        <translation>The previous database was kept as: %1</translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation>Restore done</translation>
    </message>
    <message>
        <source>已从备份恢复。</source>
        <translation>Restored from the backup.</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>首次使用设置</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>跳过此步</source>
        <translation>Skip this step</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>从 Excel 导入名单…</source>
        <translation>Import list from Excel…</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>已离开</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation>Initials</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>专业类别</source>
        <translation>Profession</translation>
    </message>
    <message>
        <source>职称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>护士层级</source>
        <translation>Nursing level</translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation>Hired on</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>离开日期</source>
        <translation>Left on</translation>
    </message>
    <message>
        <source>例如 主管护师</source>
        <translation>e.g. Nurse-in-charge</translation>
    </message>
    <message>
        <source>执业证书号</source>
        <translation>Licence no.</translation>
    </message>
    <message>
        <source>只保存在本机，不上报质控办</source>
        <translation>Kept on this PC only, never sent to the office</translation>
    </message>
</context>
<context>
    <name>SubmissionPage</name>
    <message>
        <source>未上报</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>草稿（更正中）</source>
        <translation>Draft (amending)</translation>
    </message>
    <message>
        <source>已校验</source>
        <translation>Validated</translation>
    </message>
    <message>
        <source>已上报</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已发送</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>已被新版本替代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <source>已生成，待发送</source>
        <translation>Built, not sent</translation>
    </message>
    <message>
        <source>质控办暂存，待确认密钥</source>
        <translation>Held by the office until it confirms the key</translation>
    </message>
    <message>
        <source>质控办已接收</source>
        <translation>Accepted by the office</translation>
    </message>
    <message>
        <source>质控办已拒收</source>
        <translation>Refused by the office</translation>
    </message>
    <message>
        <source>质控办已退回</source>
        <translation>Returned by the office</translation>
    </message>
    <message>
        <source>
质控办拒收的原因：%1
请按原因处理（必要时申请更正生成新版本），再点“重新发送…”。</source>
        <translation>
Why the office refused it: %1
Act on the reason (amend to a new version if needed), then click &quot;Send again…&quot;.</translation>
    </message>
    <message>
        <source>
质控办已收到但暂存：%1
请电话告知质控办本科室的密钥指纹，请其确认。</source>
        <translation>
The office received it but holds it: %1
Call the office and read out this unit&apos;s key fingerprint so it can confirm it.</translation>
    </message>
    <message>
        <source>
上次发送没有成功：%1</source>
        <translation>
The last send failed: %1</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>上报状态</source>
        <translation>Submission status</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>第 %1 版</source>
        <translation>version %1</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>上报包</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>质控办意见</source>
        <translation>Office comments</translation>
    </message>
    <message>
        <source>校验本月</source>
        <translation>Check month</translation>
    </message>
    <message>
        <source>上报…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <source>申请更正…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <source>重新发送…</source>
        <translation>Send again…</translation>
    </message>
    <message>
        <source>导入回执…</source>
        <translation>Import receipts…</translation>
    </message>
    <message>
        <source>从文件夹导入（U 盘、共享文件夹）…</source>
        <translation>From a folder (USB stick, shared folder)…</translation>
    </message>
    <message>
        <source>从质控办接收地址下载</source>
        <translation>Download from the office receiver</translation>
    </message>
    <message>
        <source>打开发件箱</source>
        <translation>Open outbox</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>导出 Excel 和 PDF…</source>
        <translation>Export Excel and PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>上报包文件</source>
        <translation>Package file</translation>
    </message>
    <message>
        <source>校验值</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>发件箱</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>送达位置</source>
        <translation>Sent to</translation>
    </message>
    <message>
        <source>各版本与上报包</source>
        <translation>Versions and packages</translation>
    </message>
    <message>
        <source>选中月份后点“校验本月”，这里列出上报前必须处理的问题（红色）和需要核实的提示（橙色）。双击一行可打开相应记录。</source>
        <translation>Select a month and press “Check month”: problems to fix before submitting (red) and warnings to confirm (orange) are listed here. Double-click a row to open its record.</translation>
    </message>
    <message>
        <source>校验结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>尚未上报，截止日期 %1。先点“校验本月”检查，再点“上报…”。</source>
        <translation>not submitted yet, deadline %1. Press “Check month” first, then “Submit…”.</translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>质控办退回了第 %1 版，意见：%2
本月已重新打开：请按意见修改记录，然后点“上报…”生成第 %3 版。</source>
        <translation>the quality office returned version %1: %2
The month is open again: correct the records as asked, then press “Submit…” to make version %3.</translation>
    </message>
    <message>
        <source>质控办已接收第 %1 版。本月记录已锁定；如发现错误，可点“申请更正…”。</source>
        <translation>version %1 was accepted by the quality office. The month is locked; to correct an error, press “Amend…”.</translation>
    </message>
    <message>
        <source>不在本机发件箱</source>
        <translation>not in this PC&apos;s outbox</translation>
    </message>
    <message>
        <source>第 %1 版已上报，本月记录已锁定。上报包：%2（%3）。如需更正，请点“申请更正…”并填写原因。</source>
        <translation>version %1 is submitted and the month is locked. Package: %2 (%3). To correct it, press “Amend…” and give the reason.</translation>
    </message>
    <message>
        <source>正在更正（第 %1 版）。更正原因：%2
本月记录已重新打开，修改后点“上报…”。</source>
        <translation>being amended (version %1). Reason: %2
The month is open again; after correcting, press “Submit…”.</translation>
    </message>
    <message>
        <source>例如：10 月跌倒漏报 1 例，需要补录并重新计算指标</source>
        <translation>e.g. one fall in October was not recorded; add it and recalculate the indicator</translation>
    </message>
    <message>
        <source>申请更正 %1</source>
        <translation>Amend %1</translation>
    </message>
    <message>
        <source>更正会生成第 %1 版：本月记录重新打开，修改后再次上报。原来的各版本和这次的原因都会保留，并随新的上报包交给质控办。</source>
        <translation>Amending makes version %1: the month reopens; correct it and submit again. Earlier versions and this reason are kept and go to the office with the new package.</translation>
    </message>
    <message>
        <source>正在发送 %1…</source>
        <translation>Sending %1…</translation>
    </message>
    <message>
        <source>发送未完成</source>
        <translation>Sending not completed</translation>
    </message>
    <message>
        <source>发送没有成功</source>
        <translation>Sending failed</translation>
    </message>
    <message>
        <source>质控办拒收</source>
        <translation>Refused by the office</translation>
    </message>
    <message>
        <source>质控办暂存</source>
        <translation>Held by the office</translation>
    </message>
    <message>
        <source>质控办已收到，但暂存未导入：%1</source>
        <translation>The office received it but holds it without importing: %1</translation>
    </message>
    <message>
        <source>%1 第 %2 版的上报包已送到：%3</source>
        <translation>The package of %1 version %2 went to: %3</translation>
    </message>
    <message>
        <source>选择存放质控办回执的文件夹</source>
        <translation>Choose the folder with the office&apos;s receipts</translation>
    </message>
    <message>
        <source>无法导入回执</source>
        <translation>Receipts could not be imported</translation>
    </message>
    <message>
        <source>导入回执</source>
        <translation>Import receipts</translation>
    </message>
    <message>
        <source>文件夹中没有回执文件（*.receipt.json）：%1</source>
        <translation>No receipt files (*.receipt.json) in the folder: %1</translation>
    </message>
    <message>
        <source>无法下载回执</source>
        <translation>Receipts could not be downloaded</translation>
    </message>
    <message>
        <source>登记文件中没有质控办接收地址，请从文件夹导入回执。</source>
        <translation>The enrollment file gives no office receiver address; import the receipts from a folder.</translation>
    </message>
    <message>
        <source>正在从质控办下载回执…</source>
        <translation>Downloading receipts from the quality office…</translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation>Amendment reason</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>上报 %1</source>
        <translation>Submit %1</translation>
    </message>
    <message>
        <source>上报前检查：%1</source>
        <translation>Check before submitting: %1</translation>
    </message>
    <message>
        <source>对以上提示的说明 *（随上报包交给质控办，例如：已核实，数据无误；超期事项已与护理部沟通延期）</source>
        <translation>Comment on the warnings above * (goes to the office with the package, e.g. checked, the data are correct; overdue items extended with the nursing department)</translation>
    </message>
    <message>
        <source>核实情况</source>
        <translation>What you checked</translation>
    </message>
    <message>
        <source>本机尚未导入质控办登记文件：上报包只签名、不加密，也没有质控办的接收地址。请尽快在“设置”中导入登记文件。</source>
        <translation>This PC has not imported the enrollment file: the package is signed but not encrypted, and there is no office address. Import the enrollment file in Settings soon.</translation>
    </message>
    <message>
        <source>确认人：%1。确认人、确认时间和说明会写在 PDF 封面、工作簿和上报包中。</source>
        <translation>Accepted by: %1. Who accepted, when, and the comment are written on the PDF cover, in the workbook and in the package.</translation>
    </message>
    <message>
        <source>上报并锁定本月</source>
        <translation>Submit and lock the month</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>上报后本月记录将被锁定，不能再修改；如需更正，可在“月度上报”中申请更正（须填写原因）。</source>
        <translation>After submitting, the month&apos;s records are locked; to correct them, amend the month on the Monthly submission page (with a reason).</translation>
    </message>
    <message>
        <source>还有必须处理的问题。</source>
        <translation>There are problems that must be fixed.</translation>
    </message>
    <message>
        <source>请先填写对提示的说明。</source>
        <translation>Comment on the warnings first.</translation>
    </message>
    <message>
        <source>无法打开密钥</source>
        <translation>The key cannot be opened</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>已取消上报，本月没有锁定。</source>
        <translation>Submission cancelled; the month was not locked.</translation>
    </message>
    <message>
        <source>上报未完成</source>
        <translation>Submission not completed</translation>
    </message>
    <message>
        <source>上报完成</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>正在上报 %1…</source>
        <translation>Submitting %1…</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>个人档案</source>
        <translation>Personal record</translation>
    </message>
</context>
<context>
    <name>TrainingPlanList</name>
    <message>
        <source>打印签到表…</source>
        <translation>Print sign-in sheet…</translation>
    </message>
    <message>
        <source>按培训对象列出应到人员，签名和签到时间留空。</source>
        <translation>Lists the people the training is for, with blank signature and time columns.</translation>
    </message>
    <message>
        <source>培训计划</source>
        <translation>Training plan</translation>
    </message>
    <message>
        <source>计划培训</source>
        <translation>Planned training</translation>
    </message>
    <message>
        <source>已开展</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>未开展</source>
        <translation>Not held</translation>
    </message>
    <message>
        <source>未到期</source>
        <translation>Not due</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation>Audience</translation>
    </message>
    <message>
        <source>开展日期</source>
        <translation>Held on</translation>
    </message>
    <message>
        <source>授课人</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>计划学时</source>
        <translation>Planned hours</translation>
    </message>
    <message>
        <source>例如 全体医护、护士、N0–N1 护士</source>
        <translation>e.g. all staff, nurses, N0–N1 nurses</translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation>Print sign-in sheet</translation>
    </message>
</context>
<context>
    <name>TrainingSessionsList</name>
    <message>
        <source>签到表…</source>
        <translation>Sign-in sheet…</translation>
    </message>
    <message>
        <source>培训记录（出勤与成绩）…</source>
        <translation>Training record (attendance and scores)…</translation>
    </message>
    <message>
        <source>从 Excel 导入</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <source>考核成绩…</source>
        <translation>Scores…</translation>
    </message>
    <message>
        <source>培训</source>
        <translation>Training sessions</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>授课人</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <source>出席人数</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>培训日期</source>
        <translation>Training date</translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation>Print sign-in sheet</translation>
    </message>
    <message>
        <source>打印培训记录</source>
        <translation>Print training record</translation>
    </message>
    <message>
        <source>出席情况…</source>
        <translation>Attendance…</translation>
    </message>
    <message>
        <source>录入成绩…</source>
        <translation>Enter scores…</translation>
    </message>
</context>
<context>
    <name>UnitBars</name>
    <message>
        <source>该月没有单位上报此指标</source>
        <translation>No unit reported this indicator that month</translation>
    </message>
    <message>
        <source>目标 %1</source>
        <translation>Target %1</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>登记单位…</source>
        <translation>Enrol unit…</translation>
    </message>
    <message>
        <source>重新发放登记文件…</source>
        <translation>Reissue enrolment file…</translation>
    </message>
    <message>
        <source>确认密钥…</source>
        <translation>Confirm key…</translation>
    </message>
    <message>
        <source>医院编码</source>
        <translation>Hospital code</translation>
    </message>
    <message>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <source>科室编码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <source>科室</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>截止日</source>
        <translation>Deadline day</translation>
    </message>
    <message>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>已确认的密钥指纹</source>
        <translation>Confirmed key fingerprint</translation>
    </message>
    <message>
        <source>待确认的密钥指纹</source>
        <translation>Fingerprint waiting for confirmation</translation>
    </message>
    <message>
        <source>单位的密钥随第一个上报包到达，状态为“待确认”。请与科室电话核对指纹后再确认；确认后，其他密钥签名的上报包一律拒收。科室换了新密钥时，状态为“新密钥待确认”，两个指纹都列出；确认新密钥后，旧密钥只对此前签名的上报包有效。</source>
        <translation>A unit&apos;s key arrives with its first package as &quot;pending&quot;. Check the fingerprint with the unit by phone before confirming it; after that, packages signed by any other key are refused. When a unit makes a new key it shows as &quot;new key pending&quot; with both fingerprints; once the new key is confirmed, the old one stays valid only for packages it signed before.</translation>
    </message>
    <message>
        <source>请选择一个有待确认密钥的单位。</source>
        <translation>Select a unit with a key waiting for confirmation.</translation>
    </message>
    <message>
        <source>%1 %2 发来的待确认密钥指纹是：

%3

请与科室核对（科室可在“设置”中看到本科室公钥指纹）。指纹一致才确认。</source>
        <translation>The key waiting for confirmation from %1 %2 has the fingerprint:

%3

Check it with the unit (it sees its own fingerprint under Settings). Confirm only if they match.</translation>
    </message>
    <message>
        <source>

这将替换已确认的旧密钥：%1
确认后，旧密钥只对确认之前签名的上报包有效。</source>
        <translation>

This replaces the confirmed old key: %1
After confirming, the old key is valid only for packages it signed before.</translation>
    </message>
    <message>
        <source>收件文件夹</source>
        <translation>Inbox folder</translation>
    </message>
    <message>
        <source>保存登记文件</source>
        <translation>Save enrolment file</translation>
    </message>
    <message>
        <source>已登记</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <source>登记文件已保存：%1。请交给科室导入。</source>
        <translation>Enrolment file saved: %1. Give it to the department to import.</translation>
    </message>
    <message>
        <source>确认密钥</source>
        <translation>Confirm key</translation>
    </message>
    <message>
        <source>指纹一致，确认</source>
        <translation>It matches, confirm</translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>指标预警</source>
        <translation>Indicator warnings</translation>
    </message>
    <message>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>指标值（目标）</source>
        <translation>Value (target)</translation>
    </message>
    <message>
        <source>预警原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>尚未录入任何指标数据。</source>
        <translation>No indicator values have been entered yet.</translation>
    </message>
    <message>
        <source>指标预警 — %1</source>
        <translation>Indicator warnings — %1</translation>
    </message>
    <message>
        <source>%1 未达目标或出现控制图信号的指标；另列出 %2 至 %3 的控制图信号。</source>
        <translation>Indicators that missed their target or gave a control-chart signal in %1; signals from %2 to %3 are listed too.</translation>
    </message>
    <message>
        <source>%1 至 %2 没有未达目标或出现控制图信号的指标。</source>
        <translation>No indicator missed its target or gave a control-chart signal from %1 to %2.</translation>
    </message>
    <message>
        <source>（目标 %1）</source>
        <translation> (target %1)</translation>
    </message>
    <message>
        <source>查看控制图</source>
        <translation>View chart</translation>
    </message>
    <message>
        <source>已转整改</source>
        <translation>In the ledger</translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation>Make a rectification item</translation>
    </message>
    <message>
        <source>已转为整改事项，请到整改台账查看。</source>
        <translation>Already a rectification item: see the rectification ledger.</translation>
    </message>
    <message>
        <source>未达目标（近 12 个月滚动率 %1）</source>
        <translation>Off target (rolling 12-month rate %1)</translation>
    </message>
    <message>
        <source>未达目标</source>
        <translation>Target missed</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>转为整改事项 — %1 %2</source>
        <translation>Make a rectification item — %1 %2</translation>
    </message>
</context>
<context>
    <name>_RangeChooser</name>
    <message>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <source>到</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>演示数据来自旧版本，正在重新生成（约需十几秒）…</source>
        <translation>The demo data is from an older version; making it again (about fifteen seconds)…</translation>
    </message>
    <message>
        <source>正在生成演示数据（约需十几秒）…</source>
        <translation>Writing the demo data (takes a few seconds)…</translation>
    </message>
    <message>
        <source>无法生成演示数据</source>
        <translation>Cannot write the demo data</translation>
    </message>
    <message>
        <source>数据库已在另一个窗口中打开</source>
        <translation>The database is open in another window</translation>
    </message>
    <message>
        <source>只读打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation>Opening the database</translation>
    </message>
</context>
<context>
    <name>binder</name>
    <message>
        <source>%1 年全年</source>
        <translation>%1, whole year</translation>
    </message>
    <message>
        <source>%1 年第一季度</source>
        <translation>%1 Q1</translation>
    </message>
    <message>
        <source>%1 年第二季度</source>
        <translation>%1 Q2</translation>
    </message>
    <message>
        <source>%1 年第三季度</source>
        <translation>%1 Q3</translation>
    </message>
    <message>
        <source>%1 年第四季度</source>
        <translation>%1 Q4</translation>
    </message>
    <message>
        <source>正在生成质控记录本…</source>
        <translation>Laying out the quality binder…</translation>
    </message>
    <message>
        <source>记录本未生成</source>
        <translation>The binder was not made</translation>
    </message>
    <message>
        <source>质控记录本（%1）已生成。</source>
        <translation>The quality binder (%1) is ready.</translation>
    </message>
</context>
<context>
    <name>enrollment</name>
    <message>
        <source>已登记：%1 %2。</source>
        <translation>Enrolled: %1 %2.</translation>
    </message>
    <message>
        <source>本科室公钥指纹：%1（随每个上报包发送，质控办据此确认）</source>
        <translation>Department key fingerprint: %1 (sent with every package; the office confirms it)</translation>
    </message>
    <message>
        <source>密钥保存在：%1</source>
        <translation>Key kept in: %1</translation>
    </message>
    <message>
        <source>本科室公钥：%1
指纹：%2</source>
        <translation>Department public key: %1
Fingerprint: %2</translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <source>导入人员名单</source>
        <translation>Import the staff list</translation>
    </message>
    <message>
        <source>导入质控小组成员</source>
        <translation>Import group members</translation>
    </message>
    <message>
        <source>导入培训签到表</source>
        <translation>Import a training sign-in sheet</translation>
    </message>
    <message>
        <source>导入考核成绩</source>
        <translation>Import assessment scores</translation>
    </message>
    <message>
        <source>从护理部或人事科的 Excel 名单导入（.xlsx 或 .csv）。按工号匹配已有人员：工号相同就更新，新的工号会新增人员；名单中没有的人员不受影响。</source>
        <translation>Import the nursing or personnel office&apos;s Excel list (.xlsx or .csv). People are matched by employee number: the same number updates the person, a new number adds one; people not on the list are left alone.</translation>
    </message>
    <message>
        <source>成员须已在人员名单中（先导入人员名单）。每行写明姓名或工号、小组角色和起始日期。</source>
        <translation>Members must be on the staff list (import it first). Each row gives the name or employee number, the group role and the start date.</translation>
    </message>
    <message>
        <source>签到表上的每个人记为出席；“出勤”列可写 出席、缺席 或 请假。已记录但不在表中的人保持不变。</source>
        <translation>Everyone on the sign-in sheet is recorded present; an attendance column may mark someone present, absent or excused. People already recorded but not on the sheet stay as they are.</translation>
    </message>
    <message>
        <source>考试平台或问卷星导出的成绩表可以直接导入。同一考核此前未通过的再次考核自动记为补考。</source>
        <translation>Score sheets exported by an exam platform or Wenjuanxing import as they are. A second attempt at an assessment failed before is recorded as a retake.</translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>用户手册</source>
        <translation>User manual</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <source>关于本程序…</source>
        <translation>About this program…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <source>导出本月报表…</source>
        <translation>Export this month&apos;s report…</translation>
    </message>
    <message>
        <source>打印本月报表…</source>
        <translation>Print this month&apos;s report…</translation>
    </message>
    <message>
        <source>打印质控记录本…</source>
        <translation>Print the quality record book…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation>Undo delete</translation>
    </message>
    <message>
        <source>扫描收件箱</source>
        <translation>Scan the inbox</translation>
    </message>
    <message>
        <source>导入上报包…</source>
        <translation>Import packages…</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>month_report</name>
    <message>
        <source>选择保存报表的文件夹</source>
        <translation>Choose the folder for the report</translation>
    </message>
    <message>
        <source>正在生成 %1 的月度报表…</source>
        <translation>Making the report of %1…</translation>
    </message>
    <message>
        <source>无法导出报表</source>
        <translation>Cannot export the report</translation>
    </message>
    <message>
        <source>报表已导出</source>
        <translation>Report exported</translation>
    </message>
    <message>
        <source>已保存：
%1
%2</source>
        <translation>Saved:
%1
%2</translation>
    </message>
    <message>
        <source>无法生成报表</source>
        <translation>Cannot make the report</translation>
    </message>
    <message>
        <source>%1 质控月报</source>
        <translation>%1 quality report</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>打印机没有响应。请检查打印机是否已连接并开机。</source>
        <translation>The printer does not respond. Check that it is connected and switched on.</translation>
    </message>
</context>
<context>
    <name>office</name>
    <message>
        <source>密钥文件口令</source>
        <translation>Key file passphrase</translation>
    </message>
    <message>
        <source>未输入口令，无法使用质控办密钥。</source>
        <translation>No passphrase was entered; the office keys cannot be used.</translation>
    </message>
    <message>
        <source>无法打开质控办汇总库</source>
        <translation>Cannot open the office store</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>工作台</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>质控小组</source>
        <translation>Quality group</translation>
    </message>
    <message>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>会议记录</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>授权管理</source>
        <translation>Authorisations</translation>
    </message>
    <message>
        <source>质量指标</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <source>检查督查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>评分分析</source>
        <translation>Checklist scores</translation>
    </message>
    <message>
        <source>不良事件</source>
        <translation>Adverse events</translation>
    </message>
    <message>
        <source>整改台账</source>
        <translation>Rectification ledger</translation>
    </message>
    <message>
        <source>持续改进</source>
        <translation>Improvement (PDCA)</translation>
    </message>
    <message>
        <source>年度计划</source>
        <translation>Annual plan</translation>
    </message>
    <message>
        <source>季度分析与年度总结</source>
        <translation>Quarterly &amp; annual analysis</translation>
    </message>
    <message>
        <source>月度上报</source>
        <translation>Monthly submission</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>上报情况</source>
        <translation>Submissions</translation>
    </message>
    <message>
        <source>收件箱与导入</source>
        <translation>Inbox and import</translation>
    </message>
    <message>
        <source>单位与登记</source>
        <translation>Units and enrolment</translation>
    </message>
    <message>
        <source>指标对比</source>
        <translation>Indicator comparison</translation>
    </message>
    <message>
        <source>整改跟踪</source>
        <translation>Rectification follow-up</translation>
    </message>
    <message>
        <source>培训与不良事件</source>
        <translation>Training and adverse events</translation>
    </message>
    <message>
        <source>评分对比</source>
        <translation>Checklist scores by unit</translation>
    </message>
    <message>
        <source>季度报告</source>
        <translation>Quarterly report</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>未能生成</source>
        <translation>Not made</translation>
    </message>
    <message>
        <source>已保存：
%1

打开所在文件夹吗？</source>
        <translation>Saved:
%1

Open its folder?</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>self._job</name>
    <message>
        <source>已取消。</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <source>导入人员名单</source>
        <translation>Import the staff list</translation>
    </message>
    <message>
        <source>质控小组成员与角色</source>
        <translation>Group members and roles</translation>
    </message>
    <message>
        <source>本科室适用的质量指标</source>
        <translation>Indicators for this department</translation>
    </message>
    <message>
        <source>今年的年度质控计划</source>
        <translation>This year&apos;s quality plan</translation>
    </message>
</context>
<context>
    <name>submission</name>
    <message>
        <source>有 %1 个问题必须先处理，处理完才能上报（双击一行去修改）。</source>
        <translation>%1 problem(s) must be fixed before the month can be submitted (double-click a row to fix it).</translation>
    </message>
    <message>
        <source>另有 %1 条提示。</source>
        <translation> Also %1 warning(s).</translation>
    </message>
    <message>
        <source>没有必须处理的问题。有 %1 条提示，请逐条核实，并在下面写明情况后上报。</source>
        <translation>Nothing must be fixed. %1 warning(s): check each, write what you found below, then submit.</translation>
    </message>
    <message>
        <source>检查通过：没有发现问题，可以上报。</source>
        <translation>Check passed: no problems found, the month can be submitted.</translation>
    </message>
    <message>
        <source>%1 第 %2 版已上报，本月记录已锁定。</source>
        <translation>%1 version %2 is submitted; the month is locked.</translation>
    </message>
    <message>
        <source>上报包：%1</source>
        <translation>Package: %1</translation>
    </message>
    <message>
        <source>（本机尚未登记，上报包未加密。）</source>
        <translation>(This PC is not enrolled; the package is not encrypted.)</translation>
    </message>
    <message>
        <source>质控办已收到，但暂存未导入：%1</source>
        <translation>The office received it but holds it without importing: %1</translation>
    </message>
    <message>
        <source>已送到：%1</source>
        <translation>Sent to: %1</translation>
    </message>
    <message>
        <source>质控办拒收：%1</source>
        <translation>Refused by the office: %1</translation>
    </message>
    <message>
        <source>上报包仍在发件箱中（质控办已拒收）。请按原因处理后，在“月度上报”中点“重新发送”或申请更正。</source>
        <translation>The package stays in the outbox (refused by the office). Act on the reason, then click &quot;Send again&quot; on Monthly submission, or amend the month.</translation>
    </message>
    <message>
        <source>发送没有成功：%1</source>
        <translation>Sending failed: %1</translation>
    </message>
    <message>
        <source>上报包仍在发件箱中，可稍后在“月度上报”中点“重新发送”。</source>
        <translation>The package is still in the outbox; use “Send again…” on the Monthly submission page later.</translation>
    </message>
    <message>
        <source>上报包在本机发件箱中，可随时点“重新发送”复制到 U 盘或发送给质控办。</source>
        <translation>The package is in this PC&apos;s outbox; use “Send again…” any time to copy it to a USB stick or send it to the office.</translation>
    </message>
</context>
<context>
    <name>unit</name>
    <message>
        <source>医院名称</source>
        <translation>Hospital name</translation>
    </message>
    <message>
        <source>例如 某某县人民医院</source>
        <translation>e.g. County People&apos;s Hospital</translation>
    </message>
    <message>
        <source>医院代码</source>
        <translation>Hospital code</translation>
    </message>
    <message>
        <source>质控办提供的代码，例如 H001</source>
        <translation>code given by the quality office, e.g. H001</translation>
    </message>
    <message>
        <source>科室名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <source>例如 心血管内科；乡镇卫生院可填“全院”</source>
        <translation>e.g. Cardiology; a township hospital may write &quot;whole hospital&quot;</translation>
    </message>
    <message>
        <source>科室代码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <source>例如 CARD</source>
        <translation>e.g. CARD</translation>
    </message>
    <message>
        <source>科室类型</source>
        <translation>Department type</translation>
    </message>
    <message>
        <source>每月上报截止日</source>
        <translation>Monthly deadline day</translation>
    </message>
    <message>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>北京时间（Asia/Shanghai）</source>
        <translation>China time (Asia/Shanghai)</translation>
    </message>
    <message>
        <source>新疆时间（Asia/Urumqi）</source>
        <translation>Xinjiang time (Asia/Urumqi)</translation>
    </message>
    <message>
        <source>香港（Asia/Hong_Kong）</source>
        <translation>Hong Kong (Asia/Hong_Kong)</translation>
    </message>
    <message>
        <source>澳门（Asia/Macau）</source>
        <translation>Macau (Asia/Macau)</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
</TS>
