// THE catalogue of the page's own strings (both pages, every module), one entry a key:
// {zh, en}. Not here: what Python owns — form labels, help, limits, option texts, messages
// and result texts come from formspec.json or the engine's answers — and no rule figure:
// the standard, the projection's horizon, the insurance year are variables filled from
// formspec.json or the result ({standard}, {years}, ...). Chinese is the default.

import { emit } from './events.mjs';

const STRINGS = {
  title: { zh: '上海居住证积分计算器', en: 'Shanghai Residence Permit Points Calculator' },
  tagline: { zh: '按《上海市居住证积分管理办法》逐条计算。', en: 'Article by article, by Shanghai\'s residence-permit points rules.' },
  privacy: { zh: '你填写的信息只在本机计算，不会上传：没有账号、没有 Cookie、没有统计代码，页面不向任何其他网站发送请求。', en: 'What you enter is computed on this device only and never uploaded: no account, no cookies, no analytics, and the page sends no request to any other site.' },
  lang_switch: { zh: 'English', en: '中文' },
  lang_switch_label: { zh: 'Switch to English', en: '切换到中文' },
  form_heading: { zh: '填写你的情况', en: 'Your situation' },
  form_loading: { zh: '正在加载表单…', en: 'Loading the form…' },
  form_failed: { zh: '表单加载失败，请刷新本页。', en: 'The form could not be loaded; please reload the page.' },
  skip_to_result: { zh: '跳到计算结果', en: 'Skip to the result' },
  form_intro: { zh: '边填边算，不用提交。没有把握的项目可以先留空。', en: 'The score updates as you type; there is nothing to submit. Leave blank what you are not sure of.' },
  result_heading: { zh: '你的积分', en: 'Your points' },
  total_label: { zh: '总分', en: 'Total' },
  standard: { zh: '标准分 {n}', en: 'Standard {n}' },
  of_standard: { zh: '/ {n} 分', en: '/ {n} points' },
  points: { zh: '{n} 分', en: '{n} pts' },
  points_option: { zh: '{label}（{n} 分）', en: '{label} ({n} pts)' },
  verdict_meets: { zh: '达标', en: 'Meets the standard' },
  verdict_below: { zh: '未达标', en: 'Below the standard' },
  verdict_gap: { zh: '还差 {n} 分', en: '{n} points short' },
  verdict_over: { zh: '超出标准 {n} 分', en: '{n} points above the standard' },
  verdict_disqualified: { zh: '一票否决：不能申请积分', en: 'Veto: not allowed to apply for points' },
  verdict_waiting: { zh: '等待计算…', en: 'Calculating…' },
  verdict_invalid: { zh: '有 {n} 处需要修改', en: '{n} to correct' },
  mini_loading: { zh: '计算引擎加载中 {step}/3', en: 'Loading the calculator {step}/3' },
  total_none: { zh: '—', en: '—' },
  gauge_label: { zh: '总分 {total}，标准分 {standard}', en: 'Total {total}, standard {standard}' },
  gauge_mark: { zh: '{n} 分线', en: '{n}-point line' },
  subtotals: { zh: '小计', en: 'Subtotals' },
  breakdown: { zh: '逐项明细', en: 'Item by item' },
  counted: { zh: '计入', en: 'counted' },
  not_counted: { zh: '未计入', en: 'not counted' },
  zero_items: { zh: '其他 {n} 项（0 分）', en: 'Items at 0 points: {n}' },
  conditions: { zh: '还需满足', en: 'Also required' },
  notices: { zh: '提示', en: 'Notes' },
  edition: { zh: '依据：{name}；计算日期 {date}，按 {age} 周岁计', en: 'Rules applied: {name}; date {date}, age {age}' },
  eligibility_heading: { zh: '申请资格', en: 'Who may apply' },
  eligibility_more: { zh: '查看各项条件', en: 'See each condition' },
  elig_eligible: { zh: '符合申请条件', en: 'Meets the application conditions' },
  elig_not_eligible: { zh: '不符合申请条件', en: 'Does not meet the application conditions' },
  elig_unknown: { zh: '申请条件尚未全部确认', en: 'Application conditions not all confirmed' },
  elig_ok: { zh: '符合', en: 'yes' },
  elig_fail: { zh: '不符合', en: 'no' },
  elig_unknown_item: { zh: '未确认', en: 'not confirmed' },
  errors_heading: { zh: '需要修改', en: 'Please correct' },
  live_summary: { zh: '总分 {total} 分，{verdict}', en: 'Total {total} points, {verdict}' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  unknown: { zh: '不确定', en: 'Not sure' },
  not_answered: { zh: '未填写', en: 'Not answered' },
  date_placeholder: { zh: '如 {example}', en: 'e.g. {example}' },
  date_pick: { zh: '用日历选择：{label}', en: 'Pick from a calendar: {label}' },
  fix_first: { zh: '请修改：{field}', en: 'Please correct: {field}' },
  start_hint: { zh: '填写年龄即可开始', en: 'Enter your age to start' },
  errors_heading_start: { zh: '填写后即可计算', en: 'To get a score' },
  privacy_short: { zh: '只在本机计算，不会上传。', en: 'Nothing you enter leaves this device.' },
  one_of_hint: { zh: '二选一填写', en: 'Give one of the two' },
  range: { zh: '范围 {min}–{max}', en: 'Range {min}–{max}' },
  at_least: { zh: '最少 {min}', en: 'At least {min}' },
  engine_loading: { zh: '正在准备计算引擎（首次约需几十秒，之后会快很多）。可以先填写。', en: 'Preparing the calculator (the first time takes up to a minute, later visits are much faster). You can start filling in.' },
  engine_ready: { zh: '计算引擎已就绪', en: 'Calculator ready' },
  stage_runtime: { zh: '第 1/3 步：加载 Python 运行环境', en: 'Step 1/3: loading the Python runtime' },
  stage_packages: { zh: '第 2/3 步：加载计算所需的程序包', en: 'Step 2/3: loading the packages it needs' },
  stage_engine: { zh: '第 3/3 步：启动积分计算程序', en: 'Step 3/3: starting the points calculator' },
  failed_heading: { zh: '计算引擎无法启动', en: 'The calculator could not start' },
  failed_no_worker: { zh: '你的浏览器不支持后台计算（模块化 Web Worker）。请把浏览器或微信更新到最新版本，或换用最新版的 Chrome、Edge、Safari、Firefox。', en: 'Your browser cannot run the calculation in the background (module Web Workers). Please update your browser or WeChat, or use a current Chrome, Edge, Safari or Firefox.' },
  failed_no_wasm: { zh: '你的浏览器不支持或禁用了 WebAssembly，无法运行计算程序。请更新浏览器，或关闭“禁用 JavaScript 优化/WebAssembly”的设置。', en: 'Your browser does not support WebAssembly or has it turned off, so the calculator cannot run. Please update the browser or turn off the setting that disables WebAssembly/JavaScript optimisation.' },
  failed_memory: { zh: '设备可用内存不足，计算程序无法启动。请关闭其他标签页或应用后刷新本页。', en: 'Not enough free memory on this device to start the calculator. Close other tabs or apps and reload this page.' },
  failed_network: { zh: '计算程序下载失败，可能是网络中断。请检查网络后刷新本页。', en: 'The calculator could not be downloaded, perhaps the connection dropped. Check your connection and reload this page.' },
  failed_other: { zh: '计算程序启动失败。请刷新本页重试；如果仍然失败，请换用最新版浏览器。', en: 'The calculator failed to start. Please reload the page; if it fails again, try a current browser.' },
  failed_detail: { zh: '技术信息：{message}', en: 'Technical detail: {message}' },
  retry: { zh: '刷新重试', en: 'Reload' },
  request_failed: { zh: '计算出错：{message}', en: 'Calculation error: {message}' },
  tier_summary: { zh: '不知道社保缴费基数是哪一档？输入月缴费基数算一算', en: 'Not sure which tier your contribution base is? Work it out from your monthly base' },
  tier_intro: { zh: '档次按缴费基数与上年度全口径城镇单位就业人员月平均工资（社平工资）的倍数确定。结果仅作参考，以社保记录为准。', en: 'The tier is the multiple of your contribution base over the average monthly wage of the previous year (上年度全口径城镇单位就业人员月平均工资, 社平工资). For guidance only; your social-insurance record decides.' },
  tier_base: { zh: '月缴费基数', en: 'Monthly contribution base' },
  tier_base_help: { zh: '社保缴费记录上的月缴费基数（元/月），不是到手工资。', en: 'The monthly base (CNY/month) on your social-insurance record, not your take-home pay.' },
  tier_on: { zh: '按哪一天的月平均工资', en: 'Average wage in force on' },
  tier_on_help: { zh: '留空按今天；社保年度为每年 {year_from} 月至次年 {year_to} 月。', en: 'Blank means today; the social-insurance year runs from {year_from_name} to {year_to_name}.' },
  tier_average: { zh: '上年度全口径城镇单位就业人员月平均工资（可选，自定义）', en: 'Average wage (optional, your own figure)' },
  tier_average_help: { zh: '留空则用系统内置的公布数据；也可以填你查到的数字。', en: 'Blank uses the published figures built in; or enter a figure you found.' },
  tier_unit: { zh: '元/月', en: 'CNY/month' },
  tier_multiple: { zh: '倍数', en: 'Multiple' },
  tier_average_used: { zh: '采用的上年度全口径城镇单位就业人员月平均工资', en: 'Average wage used' },
  tier_period: { zh: '适用期间', en: 'In force' },
  tier_source: { zh: '来源', en: 'Source' },
  period_range: { zh: '{from} 至 {to}', en: '{from} to {to}' },
  period_open: { zh: '{from} 起', en: 'from {from}' },
  tier_suggested: { zh: '建议档次', en: 'Suggested tier' },
  tier_apply: { zh: '填入“{field}”', en: 'Use for “{field}”' },
  tier_applied: { zh: '已填入', en: 'Done' },
  tier_custom: { zh: '自定义', en: 'your own figure' },
  tier_prompt: { zh: '输入月缴费基数后显示档次。', en: 'Enter a monthly base to see the tier.' },
  footer: { zh: '开源、免费、仅供参考：最终以上海市人才服务中心的审核为准。', en: 'Open source, free, for guidance only: the Shanghai talent service centre’s review is final.' },
  plan_heading: { zh: '怎样达到 {n} 分', en: 'How to reach {n}' },
  plan_heading_met: { zh: '今后的积分', en: 'Your points from here' },
  plan_loading: { zh: '正在计算达标计划…', en: 'Working out the plan…' },
  plan_updating: { zh: '正在更新…', en: 'Updating…' },
  plan_gap: { zh: '还差 {gap} 分', en: '{gap} points short' },
  plan_gap_sub: { zh: '现在 {total} 分，标准分 {n} 分。', en: 'Now {total}; the standard is {n}.' },
  plan_met: { zh: '已达到标准分', en: 'Meets the standard' },
  plan_met_sub: { zh: '现在 {total} 分，超出标准分 {over} 分。', en: 'Now {total}, {over} above the standard.' },
  plan_vetoed: { zh: '一票否决：任何加分都不能达标', en: 'Vetoed: no points can reach the standard' },
  plan_when: { zh: '只要照常缴纳社保、其他情况不变，预计 {date} 达到 {n} 分（{wait}后）。', en: 'Paying social insurance as now, with nothing else changing, you reach {n} on {date} (in {wait}).' },
  plan_never: { zh: '只靠时间，未来 {years} 年内达不到 {n} 分（{years} 年后 {end} 分）。需要下面的做法。', en: 'Time alone does not get you to {n} within {years} years ({end} after {years} years). It takes one of the actions below.' },
  plan_drops: { zh: '注意：按现状推算，{date} 起会降到 {n} 分以下（{why}）。', en: 'Note: as things stand the total falls below {n} from {date} ({why}).' },
  plan_why_age: { zh: '年龄分随年龄减少', en: 'age points go down with age' },
  plan_why_other: { zh: '见下方图表', en: 'see the chart below' },
  plan_actions: { zh: '能加分的做法', en: 'What would add points' },
  plan_actions_more_met: { zh: '还能加分的做法（{n} 项）', en: 'What would add more points ({n})' },
  plan_actions_intro: { zh: '按“能否单独达标、需要多久、加多少分”排序；分数是在今天的总分上实际能增加的分数（已考虑“只取最高一项”和封顶）。', en: 'Ranked by: closes the gap on its own, time it takes, points. Points are what the total actually gains today (the one-of rules and caps applied).' },
  plan_none: { zh: '按现有信息，没有找到能加分的做法。', en: 'With what you entered, no action adds points.' },
  plan_more: { zh: '其余 {n} 项', en: '{n} more' },
  plan_points: { zh: '+{n} 分', en: '+{n} pts' },
  plan_closes: { zh: '单独即可达标', en: 'Closes the gap alone' },
  plan_not_closes: { zh: '单独不够', en: 'Not enough alone' },
  plan_takes: { zh: '需时：最多 {t}', en: 'Takes: up to {t}' },
  plan_takes_status: { zh: '需时：取决于何时取得', en: 'Takes: as soon as you obtain it' },
  plan_also: { zh: '还需要：', en: 'Also needs: ' },
  plan_explanations: { zh: '扣分和否决', en: 'Deductions and vetoes' },
  plan_assumptions: { zh: '推算基于这些假设', en: 'What the projection assumes' },
  plan_off: { zh: '先修改上面标出的内容，才能计算达标计划。', en: 'Fix the marked entries above to see the plan.' },
  plan_failed: { zh: '达标计划计算出错：{m}', en: 'The plan could not be worked out: {m}' },
  chart_title: { zh: '未来 {years} 年积分推算', en: 'Points over the next {years} years' },
  chart_axis_x: { zh: '年份', en: 'Year' },
  chart_axis_y: { zh: '分', en: 'Points' },
  chart_legend_reached: { zh: '达到 {n} 的日期', en: 'Date it reaches {n}' },
  chart_reached: { zh: '{date} 达到 {n}', en: 'Reaches {n}: {date}' },
  chart_reached_now: { zh: '现在已达到 {n}', en: 'Already at {n}' },
  chart_never: { zh: '{years} 年内达不到 {n}', en: 'Does not reach {n} in {years} years' },
  chart_desc_now: { zh: '现在 {total} 分。', en: 'Now {total} points.' },
  chart_desc_reached: { zh: '按现状推算，{date}（{wait}后）达到标准分 {n} 分。', en: 'If things go on as they are, the total reaches the standard of {n} on {date} (in {wait}).' },
  chart_desc_reached_now: { zh: '已达到标准分 {n} 分。', en: 'The total already meets the standard of {n}.' },
  chart_desc_never: { zh: '按现状推算，{years} 年内达不到标准分 {n} 分。', en: 'If things go on as they are, the total does not reach the standard of {n} within {years} years.' },
  chart_desc_drops: { zh: '{date} 起降到 {n} 分以下。', en: 'It falls below {n} from {date}.' },
  chart_desc_end: { zh: '{years} 年后（{date}）{total} 分；期间最高 {max} 分，最低 {min} 分。', en: 'After {years} years ({date}): {total} points; highest {max}, lowest {min}.' },
  chart_table_caption: { zh: '逐年推算（每年同一天的总分）', en: 'Year by year (the total on the same day each year)' },
  chart_table_date: { zh: '日期', en: 'Date' },
  share_copy: { zh: '复制链接', en: 'Copy link' },
  share_copied: { zh: '链接已复制。', en: 'Link copied.' },
  share_copy_by_hand: { zh: '无法自动复制，请长按或选中上面的链接手动复制。', en: 'Could not copy automatically: select the link above and copy it.' },
  share_link_label: { zh: '分享链接', en: 'Share link' },
  share_share_note: { zh: '链接里包含你填写的内容（在“#”号之后的部分）。浏览器不会把这部分发送给任何服务器，但拿到链接的人都能看到这些内容。', en: 'The link contains what you entered (in the part after “#”). Browsers never send that part to any server, but anyone who has the link can see it.' },
  share_print: { zh: '打印', en: 'Print' },
  share_clear: { zh: '清除本机保存的数据', en: 'Clear saved data' },
  share_saved_note: { zh: '你填写的内容只保存在这台设备的浏览器里，刷新后仍在，不会上传。', en: 'What you enter is kept only in this device’s browser, so it survives a reload. It is never uploaded.' },
  share_no_storage_note: { zh: '这个浏览器窗口不能在本机保存数据（例如隐私模式），刷新后需要重新填写。', en: 'This browser window cannot keep data on the device (private mode, for example); after a reload the form starts empty.' },
  share_cleared: { zh: '已清除本机保存的数据，表单已清空。', en: 'Saved data cleared and the form emptied.' },
  share_dismiss: { zh: '知道了', en: 'Dismiss' },
  print_title: { zh: '上海市居住证积分 · 计算结果摘要', en: 'Shanghai residence-permit points · result summary' },
  print_note: { zh: '本摘要由开源计算器在本机生成，仅供参考；最终以上海市人才服务中心的审核为准。', en: 'Generated on this device by an open-source calculator, for guidance only; the Shanghai talent service centre’s review is final.' },
  print_documents: { zh: '需要准备的材料', en: 'Documents to prepare' },
  print_documents_note: { zh: '由单位经办人网上申报后，携带原件及复印件到区人才服务中心办理。', en: 'After the employer files the application online, its contact brings originals and copies to the district talent service centre.' },
  batch_note_rows: { zh: '（涉及第{rows}行）', en: '(rows {rows})' },
  batch_title: { zh: '批量计算居住证积分（HR）', en: 'Score a whole team — Shanghai residence-permit points' },
  batch_stage_start: { zh: '正在准备计算引擎…', en: 'Preparing the calculator…' },
  batch_failed: { zh: '计算引擎无法启动（{m}）。请刷新本页，或换用最新版 Chrome、Edge、Safari、Firefox。', en: 'The calculator did not start ({m}). Reload the page, or use a current Chrome, Edge, Safari or Firefox.' },
  batch_reading: { zh: '正在读取“{name}”…', en: 'Reading “{name}”…' },
  batch_scoring: { zh: '正在本机计算“{name}”（{kb} KB），请稍候…', en: 'Scoring “{name}” ({kb} KB) on this computer…' },
  batch_done: { zh: '“{name}”已算完：{rows} 行，{ok} 行已计算，{err} 行有错误。', en: '“{name}” done: {rows} rows, {ok} scored, {err} with errors.' },
  batch_progress: { zh: '正在本机计算“{name}”：已算 {done} / {total} 行…', en: 'Scoring “{name}” on this computer: {done} of {total} rows…' },
  batch_reader: { zh: '正在加载 Excel 读取组件（只在第一次需要）…', en: 'Loading the Excel reader (needed the first time only)…' },
  batch_sheet: { zh: '工作表', en: 'Sheet' },
  batch_sheet_note: { zh: '这个文件有多张工作表，可以换一张计算。', en: 'The workbook has several sheets; choose another to score it.' },
  batch_note_sheet: { zh: '读的是工作表「{sheet}」。', en: 'Read from sheet “{sheet}”.' },
  batch_note_skipped: { zh: '跳过了 {n} 个空行。', en: 'Empty rows skipped: {n}.' },
  batch_row_error: { zh: '有错误', en: 'error' },
  batch_export_failed: { zh: '结果文件生成失败：{m}', en: 'The results file could not be made: {m}' },
  batch_refused: { zh: '无法读取这个文件：{m}', en: 'This file cannot be read: {m}' },
  batch_too_big: { zh: '文件太大（超过 20 MB）。请分成几个文件。', en: 'The file is too large (over 20 MB). Split it into several files.' },
  batch_empty: { zh: '文件里没有员工数据行。', en: 'The file has no employee rows.' },
  batch_preview_caption: { zh: '预览：前 {n} 行（共 {total} 行，全部结果请下载）', en: 'Preview: the first {n} rows (of {total}; download the file for all of them)' },
  batch_preview_caption_all: { zh: '全部 {n} 行', en: 'All {n} rows' },
  batch_errors_caption: { zh: '需要修改的单元格：{n} 处，在 {rows} 行', en: 'Cells to fix: {n}, in {rows} rows' },
  batch_errors_more: { zh: '另有 {n} 处，见下载文件的“错误”列。', en: '{n} more: see the Errors column of the downloaded file.' },
  batch_col_row: { zh: '行', en: 'Row' },
  batch_col_verdict: { zh: '结论', en: 'Verdict' },
  batch_col_errors: { zh: '错误', en: 'Errors' },
  batch_template_failed: { zh: '模板生成失败：{m}', en: 'The template could not be made: {m}' },
  batch_template_name: { zh: '居住证积分-批量模板.csv', en: 'shpoints-batch-template.csv' },
  batch_template_name_xlsx: { zh: '居住证积分-批量模板.xlsx', en: 'shpoints-batch-template.xlsx' },
  batch_result_suffix: { zh: '-积分结果.csv', en: '-points.csv' },
  batch_result_suffix_xlsx: { zh: '-积分结果.xlsx', en: '-points.xlsx' },
  tagline_standard: { zh: '标准分值 {standard} 分。', en: ' The standard is {standard} points.' },
  batch_skip: { zh: '跳到选择文件', en: 'Skip to choosing a file' },
  batch_heading: { zh: '批量计算居住证积分', en: 'Score a whole team' },
  batch_tagline: { zh: '给人事（HR）：一个 Excel 或 CSV 文件，每行一名员工，一次算完。', en: 'For HR: one Excel or CSV file, one employee per row, all scored at once.' },
  batch_back: { zh: '← 返回单人计算器', en: '← Back to the calculator' },
  batch_privacy: { zh: '文件不会上传到任何地方：它只在这台电脑的浏览器里读取和计算，结果也在本机生成、直接下载。页面不向任何其他网站发送请求。', en: 'Nothing is uploaded anywhere: the file is read and scored inside this browser on this computer, and the results file is made here and downloaded directly. The page sends no request to any other site.' },
  batch_prepare: { zh: '1. 准备文件', en: '1. Prepare the file' },
  batch_prepare_header: { zh: '第一行是列名：用模板里的中文列名（如 年龄、学历、社保月数），常用写法（最高学历、社保缴纳月数、缴费基数档次…）和字段名也认；以下每行一名员工。', en: 'The first row names the columns: the template\'s names (age, education, social_insurance_months…), the Chinese names and the usual short ones (学历, 社保月数…) are all read; each later row is one employee.' },
  batch_prepare_ids: { zh: '可以加一列 {id_columns} 来标识员工，结果里原样保留。不需要的列可以删掉，空着的格子按默认值计算。', en: 'Add a {id_columns} column to identify people; it is copied to the results. Columns you do not need can be deleted; empty cells take the default.' },
  batch_prepare_excel: { zh: '直接选 Excel 文件（.xlsx）即可，也可以用 CSV（UTF-8 或 GBK 都能读）。第一次打开 Excel 文件时本页会下载读取组件，之后离线也能用。', en: 'Choose the Excel file (.xlsx) itself, or a CSV (UTF-8 or GBK). The first Excel file makes the page download its reader once; after that it works offline too.' },
  batch_template: { zh: '下载 CSV 模板', en: 'Download the CSV template' },
  batch_template_xlsx: { zh: '下载 Excel 模板（带下拉选项）', en: 'Download the Excel template (with drop-down lists)' },
  batch_pick: { zh: '2. 选择文件并计算', en: '2. Choose the file and score it' },
  batch_file_label: { zh: '员工名单：Excel（.xlsx）或 CSV 文件（选好后立即在本机计算）', en: 'The list of employees: an Excel (.xlsx) or CSV file (scored on this computer as soon as you choose it)' },
  batch_results: { zh: '3. 结果', en: '3. Results' },
  batch_rows: { zh: '行数', en: 'Rows' },
  batch_scored: { zh: '已计算', en: 'Scored' },
  batch_with_errors: { zh: '有错误', en: 'With errors' },
  batch_download: { zh: '下载结果 Excel', en: 'Download the results (Excel)' },
  batch_download_csv: { zh: '下载结果 CSV', en: 'Download the results (CSV)' },
  batch_download_note: { zh: '每行有行号、总分、结论和各项得分；有错误的行在“错误”列写明原因。', en: 'Each row has its row number, the total, the verdict and every item’s points; rows with errors say why in the Errors column.' },
  batch_link: { zh: '给人事（HR）：用 Excel 或 CSV 文件批量计算积分', en: 'For HR: score a whole Excel or CSV file at once' },
  update_ready: { zh: '新版本已就绪，点此刷新', en: 'New version ready — reload' },
  print_date: { zh: '打印日期：{date}', en: 'Printed on {date}' },
  share_damaged: { zh: '分享链接已损坏或不完整（可能复制时被截断），无法读取其中的内容。请重新复制完整的链接，或直接在下面填写。', en: 'The share link is damaged or incomplete (perhaps cut off when copied), so its contents could not be read. Copy the whole link again, or fill in the form below.' },
  share_version: { zh: '这个分享链接来自不同版本的计算器，无法读取。请在下面重新填写。', en: 'This share link comes from a different version of the calculator and cannot be read. Please fill in the form below.' },
  share_unknown: { zh: '分享链接中有 {n} 项本计算器不认识，已忽略；其余内容已填入。', en: '{n} item(s) in the share link are not known to this calculator and were ignored; the rest has been filled in.' },
  share_restored: { zh: '已按分享链接填入。', en: 'Filled in from the share link.' },
  share_restored_timeline: { zh: '已按分享链接填入，包括居住证有效期和孩子的年级或出生日期（见“孩子升学和积分有效期”）。', en: 'Filled in from the share link, with the permit\'s expiry date and the child\'s grade or birth date (see “Your child\'s school dates”).' },
  share_timeline: { zh: '同时分享居住证有效期和孩子年级/出生日期', en: 'Also share the permit\'s expiry date and the child\'s grade or birth date' },
  share_timeline_empty: { zh: '还没有填写居住证有效期或孩子的年级、出生日期，链接里只有积分的填写内容。', en: 'No permit expiry date or child\'s grade or birth date entered yet: the link has the points inputs only.' },
  worker_failed: { zh: '计算引擎未能启动：{m}', en: 'The calculator did not start: {m}' },
  worker_internal: { zh: '计算程序内部错误：{m}', en: 'Internal error in the calculator: {m}' },
  worker_reader_failed: { zh: '打开 Excel 文件要用的读取组件没能载入（{m}）。它只需联网下载一次：请联网后再选一次文件；暂时离线时，可以在 Excel 里另存为 CSV 再选。', en: 'The Excel reader could not be loaded ({m}). It is downloaded once, online: connect and choose the file again; while offline, save the sheet as CSV in Excel and choose that.' },
  failed_corrupt: { zh: '计算程序的文件已损坏（可能下载不完整，或被网络中途改动），无法运行。请刷新本页；如果仍然失败，请换一个网络再试。', en: 'A file of the calculator arrived damaged (an incomplete download, or changed on the way), so it cannot run. Please reload the page; if it fails again, try another network.' },
  footer_engines: { zh: '已在这些浏览器引擎上测试：Chromium 156（Chrome、Edge、安卓浏览器）、WebKitGTK 2.50（Safari 及 iPhone 上的所有浏览器和微信所用的 WebKit）、Firefox ESR 153。', en: 'Tested in these browser engines: Chromium 156 (Chrome, Edge, Android browsers), WebKitGTK 2.50 (WebKit, the engine of Safari and of every browser and WeChat on iPhone), Firefox ESR 153.' },
  // ---- the timeline section (web/timeline/)
  tl_heading: { zh: '积分有效期、孩子升学和居转户条件自查', en: 'How long the points stay valid, your child\'s school dates, and the 居转户 conditions' },
  tl_entry: { zh: '孩子升学和积分有效期', en: 'Your child\'s school dates and points validity' },
  tl_loading: { zh: '正在加载…', en: 'Loading…' },
  tl_unlocks_link: { zh: '达标能带来什么？不能带来什么？', en: 'What does meeting the standard give, and not give?' },
  tl_unlocks: { zh: '达到标准分能带来什么、不能带来什么', en: 'What meeting the standard gives, and what it does not' },
  tl_gives: { zh: '能：', en: 'Gives:' },
  tl_not_gives: { zh: '不能：', en: 'Does not give:' },
  tl_actions: { zh: '要做的事和日期', en: 'What to do, and when' },
  tl_child: { zh: '孩子的升学节点', en: 'Your child\'s milestones' },
  tl_child_missing: { zh: '填写孩子的出生日期或年级，就能看到入学、中考、高考时积分是否有效。', en: 'Give the child\'s birth date or grade to see whether the points are valid at school entry, the 中考 and the 高考.' },
  tl_no_milestones: { zh: '孩子后面没有依赖积分的升学节点了。', en: 'No milestone that depends on the points is ahead.' },
  tl_sources: { zh: '依据', en: 'Sources' },
  tl_unofficial: { zh: '（非官方来源）', en: '(unofficial source)' },
  tl_confirm_with: { zh: '日期以此为准：', en: 'Dates confirmed by:' },
  tl_ics: { zh: '下载日历文件（.ics，含提前提醒）', en: 'Download a calendar file (.ics, with reminders)' },
  tl_settle: { zh: '居转户条件自查（与积分无关，单独判断）', en: 'The 居转户 (permit to hukou) conditions, checked apart from the points' },
  tl_fix_above: { zh: '先修改上面标出的内容，才能计算时间线。', en: 'Fix the marked entries above to see the timeline.' },
  tl_failed: { zh: '时间线计算出错：', en: 'The timeline could not be worked out:' },
};

export const LANGS = ['zh', 'en'];
let current = 'zh';

export function lang() { return current; }

let defaults = {};   // variables every string may use, from formspec.json (setDefaults)

/** Variables filled into every string from now on, e.g. {standard} from formspec.json. */
export function setDefaults(vars) {
  defaults = { ...defaults, ...vars };
  applyLang(document);
}

function fill(s, vars) {
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** The string `key` in language `lng` (default: the page's), with {name} placeholders filled. */
export function t(key, vars = {}, lng = current) {
  const entry = STRINGS[key];
  const text = entry ? entry[lng] ?? entry.zh : key;
  return fill(text, { ...defaults, ...vars });
}

/** The string `key` in both languages, {zh, en}, for bindText (it follows language switches). */
export function texts(key, vars = {}) {
  return { zh: t(key, vars, 'zh'), en: t(key, vars, 'en') };
}

/** Pick the current language from a {zh, en} object (or pass a plain string through). */
export function pick(text, lng = current) {
  if (text == null) return '';
  if (typeof text === 'string' || typeof text === 'number') return String(text);
  return text[lng] ?? text.zh ?? text.en ?? '';
}

/** Set an element's text from a {zh, en} object and remember it for language switches. */
export function bindText(el, text) {
  if (typeof text === 'string') { el.textContent = text; return el; }
  el.dataset.zh = text?.zh ?? '';
  el.dataset.en = text?.en ?? text?.zh ?? '';
  el.textContent = pick(text);
  return el;
}

const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());

/** Set attribute `name` from a {zh, en} object and remember it for language switches. */
export function bindAttr(el, name, text) {
  el.dataset[`${camel(name)}Zh`] = text?.zh ?? '';
  el.dataset[`${camel(name)}En`] = text?.en ?? text?.zh ?? '';
  const bound = new Set((el.dataset.boundAttrs || '').split(' ').filter(Boolean));
  bound.add(name);
  el.dataset.boundAttrs = [...bound].join(' ');
  el.setAttribute(name, pick(text));
  return el;
}

/** The variables the page's strings quote from formspec.json (never written in web/). */
export function specVars(spec) {
  const { from_month: from, to_month: to } = spec.insurance_year;
  const monthName = (m) => new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return { standard: spec.standard, year_from: from, year_to: to, year_from_name: monthName(from), year_to_name: monthName(to) };
}

const unfilled = /\{\w+\}/;

/** Re-apply the language to catalogue strings ([data-i18n]) and bound texts ([data-zh]). */
export function applyLang(root = document) {
  // a string whose variables are not known yet (formspec.json not loaded) stays empty
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n);
    el.textContent = unfilled.test(text) ? '' : text;
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-zh]')) el.textContent = current === 'en' ? el.dataset.en : el.dataset.zh;
  for (const el of root.querySelectorAll('[data-bound-attrs]')) {
    for (const name of el.dataset.boundAttrs.split(' ')) {
      el.setAttribute(name, el.dataset[`${camel(name)}${current === 'en' ? 'En' : 'Zh'}`] ?? '');
    }
  }
}

export function setLang(lng) {
  if (!LANGS.includes(lng)) return;
  current = lng;
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  applyLang(document);
  emit('lang', { lang: lng });
}


const numberFormats = new Map();   // one Intl.NumberFormat per language and options: they are slow to create

/** Format a number for display in the current language (grouping, no currency). */
export function num(n, opts = {}) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n ?? '');
  const locale = current === 'zh' ? 'zh-CN' : 'en';
  const key = `${locale} ${JSON.stringify(opts)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, format = new Intl.NumberFormat(locale, opts));
  return format.format(n);
}
