<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AnalysisPage</name>
    <message>
        <source>生成/刷新草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>由数据重新汇总；已填写的原因分析、改进措施和总体评价保留。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>总体评价…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组长审定…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回审定…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印质控记录本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度/年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>存在问题、原因分析与改进措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写原因分析和改进措施…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补充问题…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除补充的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（草稿）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已审定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年度总结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1还没有分析。点“生成草稿”，由本期的指标、不良事件、检查、整改、培训和计划执行数据生成草稿。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已审定（组长 %1，%2），内容已锁定。如需修改，请先“撤回审定”并说明原因。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿，数据截至 %1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有 %1 个问题未填写原因分析或改进措施；全部填写后由组长审定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各问题均已填写，可由组长审定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>曾撤回审定，原因：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>总体评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>概况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控小组例会：%1/%2 个月已召开，共 %3 次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训 %1 次、%2 学时；考核合格率 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查督查 %1 次，发现问题 %2 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改：新增 %1 项，销号 %2 项，期末超期 %3 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2（%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质量指标（%1 项有数据，%2 项未达目标或有控制图信号）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部指标达到年度目标，无控制图信号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1级 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不良事件（共 %1 例）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期无不良事件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度计划执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年度尚未制定年度质控计划。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训 %1/%2 项已开展；检查 %3/%4 次已完成；每月质控重点 %5/%6 项已落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从人、机、料、法、环等方面分析根本原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>具体措施、责任人和完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题 %1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补充问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定删除补充的问题“%1”吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本期质量与安全的总体情况、主要成效和下期重点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审定人（组长）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组长审定 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审定后分析内容锁定，随下一次月度上报报送质控办；审定日期为 %1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回审定 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssessmentsList</name>
    <message>
        <source>从 Excel 导入成绩…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成绩表中需有考核内容和考核日期两列；某次培训的成绩请在“培训”标签中导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>被考核人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个人培训档案…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceDialog</name>
    <message>
        <source>出席情况 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席情况有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组角色 / 岗位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>缺席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请假</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号 %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendancePicker</name>
    <message>
        <source>查找：姓名或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组成员全部出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所列人员全部出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把当前列出的人（搜索后只含找到的人）都标为出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除所列人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在“出席 / 缺席 / 请假”下打勾；或选中一人按 1 出席、2 缺席、3 请假、0 清除。没有打勾的人不记入名单。浅蓝底色为质控小组成员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记 %1 人：出席 %2，缺席 %3，请假 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuthorisationsPage</name>
    <message>
        <source>授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已过期 %1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>被授权人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 PICC 置管</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 理论考核 92 分，操作考核合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂停授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BeforeAfterView</name>
    <message>
        <source>改进前中位数 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进后中位数 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设定指标、基线月份和改进生效月份后，这里显示改进前后对比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进措施实施（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>过渡期（不计入对比）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BinderDialog</name>
    <message>
        <source>打印质控记录本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成一个 PDF：封面、目录、月度工作一览，以及小组成员及职责、年度计划、月度会议记录、培训与考核、质量指标监测与分析、检查督查、不良事件与分析、整改台账、持续改进案例、季度分析和年度总结。病历号只显示部分数字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择保存位置并打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>选题与阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标与效果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现状与要因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对策（5W1H）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实施记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准化与下一轮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基线（改进前）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要因验证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对策（What）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>理由（Why）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点（Where）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方法（How）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人（Who）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限（When）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>台账状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>效果确认结论：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现状描述：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准化：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一轮：%1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检讨与下一轮：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前阶段：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未设定）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进主题：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人：%1&#x3000;小组成员：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立项日期：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&#x3000;结案日期：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基线（改进前）：%1 — %2&#x3000;改进措施生效月份：%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选题理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本轮已结案。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进入“%1”之前还缺：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已具备进入“%1”的条件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>柏拉图来源：未设定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不良事件原因因素</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>柏拉图来源：%1（%2 — %3）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>请选择指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>滚动 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>控制限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近 12 个月滚动率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>信号（需关注）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>信号（改善）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至今尚无下一例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达目标</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistAnalysisPage</name>
    <message>
        <source>柏拉图只统计所选评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分趋势（按月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格例数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分项目柏拉图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有检查评分表。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <source>修订检查评分表 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-本科1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版本号 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存后生成新版本并启用；原版本 %1 保留，已用它评分的检查不受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>抽查数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每处扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分标准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>增加项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存为新版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 项，标准分合计 %2 分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistScoresPage</name>
    <message>
        <source>季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查评分表（版本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>平均得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最低得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>被扣分检查次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉及单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各单位得分对比（同一版本）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分最多的项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2 版）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本季度没有按检查评分表逐项评分的检查上报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2，%3 版）：%4 个单位，全部检查平均得分 %5。得分为得分率（%），只比较同一版本。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistsPage</name>
    <message>
        <source>检查评分表是逐项评分的依据。修订会生成新版本并启用；已用于检查的版本保持不变，旧检查仍按当时的版本计分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示历史版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订（生成新版本）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入评分表文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>是</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已用于检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查内容及扣分标准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>程序自带</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科修订</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分标准：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有检查评分表。可导入评分表文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，修订自 %1 版</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1（%2）&#x3000;版本 %3%4&#x3000;类别：%5&#x3000;标准分 %6 分，共 %7 项，已用于 %8 次检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查评分表文件 (*.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入并启用：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出到 %1。修改后可用“导入评分表文件”作为新版本导入（须改用新的版本号）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComparisonPage</name>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>趋势单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>达标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>漏斗图（99.8%）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各单位对比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>漏斗图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位趋势（控制图）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接近预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持续观察</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>离群</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompletenessPage</name>
    <message>
        <source>近 %1 个月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择一个已上报的单元格，查看该单位该月的数字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>及时率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报日期 %1，共 %2 个版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 需提醒的单位（%2 个）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2（截至 %3）：质控小组例会 %4 次；已填报指标 %5 项；不良事件 %6 例；整改事项 %7 项（本月新增 %8 项，本月销号 %9 项），月末未销号 %10 项，其中逾期 %11 项。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompliancePage</name>
    <message>
        <source>季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训次数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核人次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>安全培训覆盖率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不良事件（按单位、月份、类别、等级）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>本月质控小组例会</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去会议记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月质量指标录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去录入指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去整改台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医疗安全/法规培训（每年至少 2 次）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去培训考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 天内到期的授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去授权管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去月度上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作台 — %1（截至 %2）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 %1（今天）：未完成 %2 项，其中逾期 %3 项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已召开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未召开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月至少召开一次质控小组例会。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上月已录入 %1 / %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月指标已全部录入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未录入：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期最久（%1 天）：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 %1 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 人不足</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年尚不足 2 次：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全员已达到每年 2 次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另有 %1 项已过期仍为有效状态。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 天内没有到期的授权。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未设置本单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1数据，截止日期 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超过截止日期。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DestinationBox</name>
    <message>
        <source>上报包送到哪里</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>先放在本机发件箱，稍后再发送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制到文件夹（U 盘或共享文件夹）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过网络发送到质控办：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过网络发送到质控办（登记文件中没有接收地址）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 E:\ 或 \\质控办\收件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择 U 盘或共享文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择要复制到的文件夹。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>登记单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月上报截止日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收地址（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入质控办登记文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办会给每个科室发一个登记文件（*.json）。导入后：本单位的医院和科室代码按登记文件设置；本机生成本科室的签名密钥；以后的上报包加密后只有质控办能打开，并按登记文件中的地址发送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件的位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签发的质控办：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月上报截止：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收地址：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办密钥指纹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>注意：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入并生成本科室密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择质控办登记文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>次月 %1 日前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请与质控办公布的指纹逐字核对，一致再导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入后，本单位代码将由 %1 改为 %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <source>不良事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发生时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>根因分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件经过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>病案号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已转整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>匿名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>根因分析…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看缺根因分析的Ⅰ、Ⅱ级事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>须做，尚未分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未完成（缺 %1 项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件分级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即时处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只填病案号，不填患者姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不填即为匿名上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用科室质控小组工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第一次使用，请填写本单位信息。以后可以在“设置”中修改。
数据将保存在：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始使用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已有质控办登记文件？从文件填写…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有登记文件也可以先开始使用，以后在“设置”中导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择质控办登记文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件 (*.json);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将导入登记文件 %1。质控办密钥指纹：%2（请与质控办公布的核对）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件没有导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库已建好，可以稍后在“设置”中再导入登记文件。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FishboneView</name>
    <message>
        <source>尚无原因分析</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FocusList</name>
    <message>
        <source>每月质控重点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控重点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>落实依据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>具体内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 会议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已填写落实情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 跌倒预防、压力性损伤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月如何落实；填写后即视为已落实</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowupPage</name>
    <message>
        <source>只看超期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超期天数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至（最近上报月末）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销号率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未销号事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各单位销号率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题类别排列图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超期未销号事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1共 %2 条，按期限先后显示前 %3 条；请用上方的单位、来源、类别筛选缩小范围。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1共 %2 条。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>带 * 的为必填项。Enter 保存，Esc 取消。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名单中没有“%1”，请从列表中选择。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写%1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1不能小于 %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1不能大于 %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有尚未保存的修改。关闭后这些修改将丢失，确定关闭吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <source>漏斗图只适用于比例和率类指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位规模（分母）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsList</name>
    <message>
        <source>恢复目录目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不再使用科室自定的目标，改回指标目录中的目标值。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标年度目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目录目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室自定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年累计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>达标月数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年目标（按指标单位）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 上年实际已优于目录目标，科室目标从严</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupPage</name>
    <message>
        <source>打印成员及职责（签名）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今天的小组成员、职务、职责/分工和本人签名栏，供小组成员签字后存档。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 Excel 导入成员…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印小组成员及职责</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已卸任</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职务</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职责/分工</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 科主任、护士长、护理质控员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 负责护理质量指标的收集、分析与上报</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupStep</name>
    <message>
        <source>勾选质控小组成员并选择角色；小组要有一位组长。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新成员的起始日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不在名单中的人员请先在上一步导入。已卸任的成员在“质控小组”页修改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>培训：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择要导入的文件；导入前会先试运行，不会写入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认是哪一位人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员或记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变化</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将导入的行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未选择文件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xlsm *.csv);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>模板已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>模板已保存到 %1。
按表头填写（示例行请删除）后，回到这里选择该文件导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将导入的行（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未变</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整个文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>收件箱：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫描收件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口打开时每 5 分钟自动扫描</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回所选…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次处理 %1 个文件：导入 %2，未变 %3，旧版本 %4，待确认密钥 %5，拒绝 %6（已移入隔离区）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件箱中没有新的上报包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择上报包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包 (*.qmspkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在左侧表格中选择一个上报包。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回原因（科室据此更正）：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorChartWidget</name>
    <message>
        <source>Laney 修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分母很大时月度间真实波动会使 p/u 图的控制限过窄，Laney p′/u′ 修正按实际波动加宽控制限。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>图形</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有指标。请先在设置中安装指标目录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>运行图：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorGrid</name>
    <message>
        <source>在“分子”“分母”列直接输入，或从 Excel 复制一块单元格后按 Ctrl+V 粘贴。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从表格导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入 .xlsx 或 .csv（列：指标编码、月份、分子、分母）；全部行通过检查才写入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下载导入模板…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要导入的表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入指标数据…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>……另有 {n} 处问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格中有以下问题，所有行均未写入：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入未完成：{n} 处问题，未写入任何数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存导入模板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存模板：{e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存导入模板：{p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 {n} 行超出表格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴内容超出表格：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；未保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorGridModel</name>
    <message>
        <source>编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未保存（其他行有误）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待填写完整</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月无暴露</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分子：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分母：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{x}”不是数字。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 {n} 行未通过检查，本次未保存，请修改后重试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存 {n} 项。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorValuesList</name>
    <message>
        <source>数据列表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>录入数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>达标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分子</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本月无暴露时填 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorsPage</name>
    <message>
        <source>月度录入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>趋势与控制图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题帕累托图</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IndicatorsStep</name>
    <message>
        <source>按科室类型已勾选质控办目录中的常用指标；不适用的取消勾选，每月只需填写勾选的指标。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室类型常用</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectionPlanList</name>
    <message>
        <source>检查计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按计划完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>频次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成/到期应做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全年应做</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未完成的时段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理文书质量自查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理质控员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分表编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用评分表时填写，可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>检查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次检查发现的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逐项评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按检查评分表逐项填写扣分，得分自动计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分扣分项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未转整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分转为整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增发现问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查人/部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发现问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选用评分表时可不填，默认为评分表名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分转为整改事项 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueTable</name>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击一行，打开需要修改的记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必须处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提示</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>全部来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择一项，查看整改进展和修改记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>销号日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期 %1 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改进展：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（暂无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改记录：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理文书、用药安全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改完成，提交验证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证通过，销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证未通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>效果评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证并销号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未通过原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证未通过，退回整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进展说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交验证</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>此页面不能新增记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此页面不能修改记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此页面不能删除记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索（任意列的文字）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示 %1 / 共 %2 条</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定删除“%1”吗？
删除后可以点“撤销删除”恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复“%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>科室质控小组工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室质控小组工作台 qmsdesk
版本：{v}
数据库：{db}
数据文件夹：{d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未打开）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于本程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未设置本单位（请到“设置”填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据文件：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>会议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次会议提出的问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签到表（本次会议）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下次例会签到表（按日期）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未转整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主持人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>议题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议纪要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决定事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次问题跟进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席情况…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印会议记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例会日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印下次例会签到表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择一次会议，查看它提出的问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次会议尚未完成的整改事项：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上次会议没有未完成的整改事项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 护理文书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增会议问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这个问题已转为整改事项（%1），请到整改台账查看。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeContext</name>
    <message>
        <source>正在导入上报包…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动扫描收件箱：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自动扫描收件箱</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <source>质控办工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>汇总库：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件箱：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下次启动时打开科室工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于本程序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办工作台 qmsdesk
版本：{v}
汇总库：{s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下次启动将打开科室工作台；运行 qmsdesk office 可回到质控办。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>操作未完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagedWindow</name>
    <message>
        <source>后台操作失败：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParetoView</name>
    <message>
        <source>所选范围内没有问题记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{c}
{n} 个（{p:.1f}%）
累计 {q:.1f}%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>设置密钥口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入密钥口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室的签名私钥将保存在密钥文件中：
%1

请设置一个口令（至少 %2 个字符）来保护它。每次启动程序后第一次上报或登记时需要输入此口令。口令请记在安全的地方：忘记口令只能重新登记并生成新密钥。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室的签名私钥保存在口令保护的密钥文件中：
%1

请输入设置密钥文件时所用的口令。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入口令：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入口令。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>口令太短：至少需要 %1 个字符。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的口令不一致，请重新输入。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdcaPage</name>
    <message>
        <source>进入下一阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回实施（D）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印案例（PDF）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始下一轮…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加指标及目标…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现状分析来源…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增原因…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增对策…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选对策</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在整改台账中查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增实施记录…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除所选记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写效果确认、标准化与下一轮…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请按 YYYY-MM 填写月份，如 2026-01。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立项日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM，如 2026-01</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选题理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>小组成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现状描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基线开始月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基线结束月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进措施生效月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>效果确认结论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准化（形成的制度、流程、培训）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检讨与下一轮计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进入下一阶段：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开始下一轮：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进的指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加指标及目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>柏拉图的来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查扣分（评分表）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不良事件原因因素</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分表（空白为全部）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件类别（空白为全部）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>现状分析来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认为要因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要因验证（方法与结果）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对策（What）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>理由（Why）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点（Where）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>方法（How）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人（Who）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成期限（When）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>针对的要因（可空）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增对策</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存后对策即成为整改台账中的一项，由负责人在台账中推进、验证、销号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>做了什么</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增实施记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在表格中选中要删除的%1。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除%1“%2”？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对策</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
它在整改台账中的事项仍保留，如不再需要请在整改台账中处理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实施记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能进入下一阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回原因（效果未达到的情况）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退回实施（D）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新一轮立项日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改进主题（不填沿用本轮）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选题理由（不填沿用本轮的下一轮计划）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始下一轮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存持续改进案例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持续改进案例已保存到：%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdcaPlanList</name>
    <message>
        <source>PDCA 主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到开始月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已启动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未启动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 降低住院患者跌倒发生率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联指标编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 NUR-FALL，可不填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>输入姓名或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonRecordDialog</name>
    <message>
        <source>个人培训档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonRecordView</name>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年培训学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医疗安全/法律法规培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参加的培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>补考（原考核 %1，%2 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已补考：%1，%2 分，%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待补考</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 天内到期（还剩 %1 天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已过期 %1 天，需重新授权</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择一位人员（可输入姓名或拼音首字母）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 年培训考核档案</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>该年度不在职，没有培训要求。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 学时（参加培训 %2 次）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 次 ✓ 已达到每年至少 %2 次的要求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 次 ⚠ 不足 %2 次（制度要求每年至少 %2 次），请安排参加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本年没有考核记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过 %1 项；不合格 %2 次；待补考 %3 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有授权记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效 %1 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；⚠ %1 项 30 天内到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；⚠ %1 项已过期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年不足 %2 次的人员：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanCard</name>
    <message>
        <source>年度计划执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>去年度计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年度计划执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未制定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未制定 %1 年度质控计划（培训、检查和每月质控重点）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训 %1/%2 项已开展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查 %1/%2 次已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控重点 %1/%2 项已落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按计划进行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 项未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训未开展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控重点未落实</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanList</name>
    <message>
        <source>%1月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行情况</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>编辑年度质控目标…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从上一年复制计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度质控目标：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度质控目标：尚未填写（点“编辑年度质控目标…”）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 %1 年复制计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年还没有年度质控计划。在下面各页新增条目即可开始（指标目标默认为目录目标），或从上一年复制。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 %1 的执行情况：培训 %2/%3 项已开展（全年计划 %4 项）；检查 %5/%6 次已完成；每月质控重点 %7/%8 项已落实；PDCA 主题 %9/%10 个已启动。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度质控目标与工作重点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年度质控目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把 %1 年计划的目标、每月重点、培训、检查和 PDCA 主题复制到 %2 年吗？复制后可逐项修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制年度计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanStep</name>
    <message>
        <source>计划年度：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度质控目标与工作重点：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月一次科室护理质量自查（列入年度检查计划）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每季度一次核心制度与质量安全培训（3、6、9、12 月）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>改为复制去年的年度计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标的年度目标值先采用质控办目录中的目标值，以后可在年度计划中修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年的计划：目标和常规安排，填好后每月的工作台会提示计划中的事项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年已有计划（%2 项检查、%3 项培训）；这里只补充没有的常规项目。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年还没有年度质控计划。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RcaDialog</name>
    <message>
        <source>根因分析（RCA）— %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2（%3）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>事件经过：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>伤害程度与 5 个为什么</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>伤害程度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1可选：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分析日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>参加分析的人员，如：护士长、责任护士、质控护士</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分析小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为什么会这样？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>那又是为什么？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>为什么 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>根本原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经验教训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因因素（人·机·料·法·环·测，从词表中勾选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只能勾选词表中的原因，科室自己的说法写在“备注”里（双击填写）；主要原因在鱼骨图中标红。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因因素</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主要原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>由本次分析制定的改进措施（整改台账事项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增整改事项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>根因分析完整。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ⅰ、Ⅱ级事件须完成根因分析，否则本月不能上报。还缺：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>根因分析还缺（本级别事件可不做）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>报告署名，例如：某县医共体质控办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>生成季度报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告包括：上报完整性与及时性、各单位质量指标与目标及控制图信号、不良事件分类分级、整改销号与超期事项、培训考核，以及需要关注的单位与指标。生成 PDF 与 Excel 两个文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成季度报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告未生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成：
%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterStep</name>
    <message>
        <source>把护理部或人事科给的 Excel 名单直接导入，不必逐个录入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名单中需要有 姓名、工号、专业类别 三列；性别、职称、护士层级、入职日期、执业证书号 可有可无。没有现成名单时，可在导入窗口中下载模板，填好后再导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 Excel 导入名单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>也可以跳过这一步，以后在“人员”页导入或逐个添加。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员名单现有 %1 人。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreGridDialog</name>
    <message>
        <source>录入成绩 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2（%3，%4 学时）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格线</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核内容 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这次培训还没有登记出席的人。请先关闭本窗口，点“出席情况…”登记出席，再录入成绩。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在“成绩”栏直接输入分数，按 Enter 到下一人；也可从 Excel 复制一列分数后按 Ctrl+V。没参加考核的人留空。按 Ctrl+S 保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存全部成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席 %1 人，本次填写 %2 人：合格 %3，不合格 %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分数有误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，分数有误 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（另有 %1 人此前已录入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还没有填写任何成绩。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有保存任何成绩：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已填写的成绩尚未保存。关闭后这些成绩将丢失，确定关闭吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreModel</name>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已录入：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这项考核已保存；要改分数请到“考核”页修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分数有误</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScoreSheetDialog</name>
    <message>
        <source>逐项评分 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&#x3000;检查评分表：%2（%3 版，标准分 %4 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分由各项标准分减扣分自动计算，不能手工填写。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按处扣分的项目填写不合格数后自动计算扣分（不超过该项最多扣分），可再调整；有扣分的项目须写明扣分原因。不适用的项目不计入总分。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查内容及扣分标准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标准分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查方法</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>抽查数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不合格数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附件（照片等）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扣分标准：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择照片或文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最多扣 %1 分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分：%1 分（标准分 100 分，扣 %2 分）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分：—（所有项目均不适用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>得分：%1%（%2 / %3 分，扣 %4 分）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>重新发送 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把发件箱中已生成的上报包再送一次（上次发送失败、换了 U 盘，或质控办没有收到）：
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>本单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改本单位信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首次使用设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更改语言后，重新启动程序生效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机的环境变量 QMSDESK_LANG 设定了界面语言，这里的选择在不设置它时生效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据与备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据文件夹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近的备份：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室公钥指纹：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入质控办登记文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制本科室公钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未登记：上报包只签名、不加密。请导入质控办发放的登记文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件文件夹 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>接收地址 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记（%1）。质控办密钥指纹：%2
%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（密钥在口令保护的文件中：点“复制本科室公钥”并输入口令后显示）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（登记后生成）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已复制本科室公钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已复制到剪贴板，可粘贴发给质控办核对。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（还没有备份。程序升级前会自动备份；也可点“立即备份”。）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本单位信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存。重新启动程序后生效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在备份数据库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已备份到：
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要恢复的备份文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用“%1”替换当前数据库吗？
当前数据库会先另存一份，不会丢失。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在恢复数据库…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原数据库另存为：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已从备份恢复。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>首次使用设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跳过此步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以后再说</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>从 Excel 导入名单…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在岗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已离开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>专业类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>职称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>护士层级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>入职日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>离开日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 主管护师</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执业证书号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只保存在本机，不上报质控办</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmissionPage</name>
    <message>
        <source>未上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>草稿（更正中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已校验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已发送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已接收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已被新版本替代</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成，待发送</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办暂存，待确认密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已接收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已拒收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
质控办拒收的原因：%1
请按原因处理（必要时申请更正生成新版本），再点“重新发送…”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
质控办已收到但暂存：%1
请电话告知质控办本科室的密钥指纹，请其确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
上次发送没有成功：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 版</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验本月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请更正…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新发送…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入回执…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从文件夹导入（U 盘、共享文件夹）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从质控办接收地址下载</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开发件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel 和 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>送达位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>各版本与上报包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选中月份后点“校验本月”，这里列出上报前必须处理的问题（红色）和需要核实的提示（橙色）。双击一行可打开相应记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未上报，截止日期 %1。先点“校验本月”检查，再点“上报…”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（已逾期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办退回了第 %1 版，意见：%2
本月已重新打开：请按意见修改记录，然后点“上报…”生成第 %3 版。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已接收第 %1 版。本月记录已锁定；如发现错误，可点“申请更正…”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不在本机发件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 %1 版已上报，本月记录已锁定。上报包：%2（%3）。如需更正，请点“申请更正…”并填写原因。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在更正（第 %1 版）。更正原因：%2
本月记录已重新打开，修改后点“上报…”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如：10 月跌倒漏报 1 例，需要补录并重新计算指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请更正 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正会生成第 %1 版：本月记录重新打开，修改后再次上报。原来的各版本和这次的原因都会保留，并随新的上报包交给质控办。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在发送 %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发送未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发送没有成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办拒收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办暂存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已收到，但暂存未导入：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 第 %2 版的上报包已送到：%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择存放质控办回执的文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导入回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件夹中没有回执文件（*.receipt.json）：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法下载回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件中没有质控办接收地址，请从文件夹导入回执。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在从质控办下载回执…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更正原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>上报 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报前检查：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对以上提示的说明 *（随上报包交给质控办，例如：已核实，数据无误；超期事项已与护理部沟通延期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核实情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机尚未导入质控办登记文件：上报包只签名、不加密，也没有质控办的接收地址。请尽快在“设置”中导入登记文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认人：%1。确认人、确认时间和说明会写在 PDF 封面、工作簿和上报包中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报并锁定本月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报后本月记录将被锁定，不能再修改；如需更正，可在“月度上报”中申请更正（须填写原因）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有必须处理的问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先填写对提示的说明。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已取消上报，本月没有锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在上报 %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>个人档案</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPlanList</name>
    <message>
        <source>打印签到表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按培训对象列出应到人员，签名和签到时间留空。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已开展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开展</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训对象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开展日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授课人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 全体医护、护士、N0–N1 护士</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingSessionsList</name>
    <message>
        <source>签到表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训记录（出勤与成绩）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 Excel 导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考核成绩…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训主题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>学时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授课人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席人数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印签到表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印培训记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>出席情况…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>录入成绩…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitBars</name>
    <message>
        <source>该月没有单位上报此指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目标 %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>登记单位…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新发放登记文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认密钥…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室编码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截止日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已确认的密钥指纹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待确认的密钥指纹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位的密钥随第一个上报包到达，状态为“待确认”。请与科室电话核对指纹后再确认；确认后，其他密钥签名的上报包一律拒收。科室换了新密钥时，状态为“新密钥待确认”，两个指纹都列出；确认新密钥后，旧密钥只对此前签名的上报包有效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择一个有待确认密钥的单位。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 发来的待确认密钥指纹是：

%3

请与科室核对（科室可在“设置”中看到本科室公钥指纹）。指纹一致才确认。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

这将替换已确认的旧密钥：%1
确认后，旧密钥只对确认之前签名的上报包有效。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存登记文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记文件已保存：%1。请交给科室导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指纹一致，确认</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>指标预警</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标值（目标）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预警原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未录入任何指标数据。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标预警 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 未达目标或出现控制图信号的指标；另列出 %2 至 %3 的控制图信号。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 至 %2 没有未达目标或出现控制图信号的指标。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（目标 %1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看控制图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已转整改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已转为整改事项，请到整改台账查看。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达目标（近 12 个月滚动率 %1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>转为整改事项 — %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_RangeChooser</name>
    <message>
        <source>从</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>到</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>演示数据来自旧版本，正在重新生成（约需十几秒）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成演示数据（约需十几秒）…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法生成演示数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库已在另一个窗口中打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binder</name>
    <message>
        <source>%1 年全年</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年第一季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年第二季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年第三季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 年第四季度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成质控记录本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录本未生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控记录本（%1）已生成。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>enrollment</name>
    <message>
        <source>已登记：%1 %2。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室公钥指纹：%1（随每个上报包发送，质控办据此确认）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密钥保存在：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室公钥：%1
指纹：%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <source>导入人员名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入质控小组成员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入培训签到表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入考核成绩</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从护理部或人事科的 Excel 名单导入（.xlsx 或 .csv）。按工号匹配已有人员：工号相同就更新，新的工号会新增人员；名单中没有的人员不受影响。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成员须已在人员名单中（先导入人员名单）。每行写明姓名或工号、小组角色和起始日期。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签到表上的每个人记为出席；“出勤”列可写 出席、缺席 或 请假。已记录但不在表中的人保持不变。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>考试平台或问卷星导出的成绩表可以直接导入。同一考核此前未通过的再次考核自动记为补考。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>menus</name>
    <message>
        <source>视图(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户手册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于本程序…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>立即备份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从备份恢复…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出本月报表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印本月报表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印质控记录本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤销删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫描收件箱</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入上报包…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>知道了</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>month_report</name>
    <message>
        <source>选择保存报表的文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成 %1 的月度报表…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法导出报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报表已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：
%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法生成报表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 质控月报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印机没有响应。请检查打印机是否已连接并开机。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>office</name>
    <message>
        <source>密钥文件口令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未输入口令，无法使用质控办密钥。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开质控办汇总库</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>工作台</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控小组</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训考核</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>授权管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质量指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查督查</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查评分表</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分分析</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不良事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改台账</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持续改进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度分析与年度总结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月度上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收件箱与导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>单位与登记</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指标对比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整改跟踪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>培训与不良事件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评分对比</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度报告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能生成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：
%1

打开所在文件夹吗？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self._job</name>
    <message>
        <source>已取消。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <source>导入人员名单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控小组成员与角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本科室适用的质量指标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年的年度质控计划</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>submission</name>
    <message>
        <source>有 %1 个问题必须先处理，处理完才能上报（双击一行去修改）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另有 %1 条提示。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有必须处理的问题。有 %1 条提示，请逐条核实，并在下面写明情况后上报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查通过：没有发现问题，可以上报。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 第 %2 版已上报，本月记录已锁定。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（本机尚未登记，上报包未加密。）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办已收到，但暂存未导入：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已送到：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办拒收：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包仍在发件箱中（质控办已拒收）。请按原因处理后，在“月度上报”中点“重新发送”或申请更正。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发送没有成功：%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包仍在发件箱中，可稍后在“月度上报”中点“重新发送”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上报包在本机发件箱中，可随时点“重新发送”复制到 U 盘或发送给质控办。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>unit</name>
    <message>
        <source>医院名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 某某县人民医院</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>医院代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>质控办提供的代码，例如 H001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 心血管内科；乡镇卫生院可填“全院”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 CARD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>科室类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每月上报截止日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>北京时间（Asia/Shanghai）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新疆时间（Asia/Urumqi）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>香港（Asia/Hong_Kong）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>澳门（Asia/Macau）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>（只读）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
