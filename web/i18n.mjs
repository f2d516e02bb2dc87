// Page chrome strings (not the form: labels, help and limits come from formspec.json,
// result texts from the engine). Chinese is the default, English is on a switch.

const STRINGS = {
  zh: {
    title: '上海居住证积分计算器',
    tagline: '按《上海市居住证积分管理办法》逐条计算，标准分值 120 分。',
    privacy: '你填写的信息只在本机计算，不会上传：没有账号、没有 Cookie、没有统计代码，页面不向任何其他网站发送请求。',
    lang_switch: 'English',
    lang_switch_label: 'Switch to English',
    form_heading: '填写你的情况',
    form_loading: '正在加载表单…',
    form_failed: '表单加载失败，请刷新本页。',
    skip_to_result: '跳到计算结果',
    form_intro: '边填边算，不用提交。没有把握的项目可以先留空。',
    result_heading: '你的积分',
    total_label: '总分',
    standard: '标准分 {n}',
    of_standard: '/ {n} 分',
    points: '{n} 分',
    points_option: '{label}（{n} 分）',
    verdict_meets: '达标',
    verdict_below: '未达标',
    verdict_gap: '还差 {n} 分',
    verdict_over: '超出标准 {n} 分',
    verdict_disqualified: '一票否决：不能申请积分',
    verdict_waiting: '等待计算…',
    verdict_invalid: '有 {n} 处需要修改',
    mini_loading: '计算引擎加载中 {step}/3',
    total_none: '—',
    gauge_label: '总分 {total}，标准分 {standard}',
    gauge_mark: '{n} 分线',
    subtotals: '小计',
    breakdown: '逐项明细',
    counted: '计入',
    not_counted: '未计入',
    zero_items: '其他 {n} 项（0 分）',
    conditions: '还需满足',
    notices: '提示',
    edition: '依据：{name}；计算日期 {date}，按 {age} 周岁计',
    eligibility_heading: '申请资格',
    eligibility_more: '查看各项条件',
    elig_eligible: '符合申请条件',
    elig_not_eligible: '不符合申请条件',
    elig_unknown: '申请条件尚未全部确认',
    elig_ok: '符合',
    elig_fail: '不符合',
    elig_unknown_item: '未确认',
    errors_heading: '需要修改',
    live_summary: '总分 {total} 分，{verdict}',
    live_invalid: '有 {n} 处需要修改',
    yes: '是',
    no: '否',
    unknown: '不确定',
    not_answered: '未填写',
    one_of_hint: '二选一填写',
    range: '范围 {min}–{max}',
    at_least: '最少 {min}',
    engine_loading: '正在准备计算引擎（首次约需几十秒，之后会快很多）。可以先填写。',
    engine_ready: '计算引擎已就绪',
    stage_runtime: '第 1/3 步：加载 Python 运行环境',
    stage_packages: '第 2/3 步：加载计算所需的程序包',
    stage_engine: '第 3/3 步：启动积分计算程序',
    failed_heading: '计算引擎无法启动',
    failed_no_worker: '你的浏览器不支持后台计算（模块化 Web Worker）。请把浏览器或微信更新到最新版本，或换用最新版的 Chrome、Edge、Safari、Firefox。',
    failed_no_wasm: '你的浏览器不支持或禁用了 WebAssembly，无法运行计算程序。请更新浏览器，或关闭“禁用 JavaScript 优化/WebAssembly”的设置。',
    failed_memory: '设备可用内存不足，计算程序无法启动。请关闭其他标签页或应用后刷新本页。',
    failed_network: '计算程序下载失败，可能是网络中断。请检查网络后刷新本页。',
    failed_corrupt: '计算程序的文件已损坏（可能下载不完整，或被网络中途改动），无法运行。请刷新本页；如果仍然失败，请换一个网络再试。',
    failed_other: '计算程序启动失败。请刷新本页重试；如果仍然失败，请换用最新版浏览器。',
    failed_detail: '技术信息：{message}',
    retry: '刷新重试',
    request_failed: '计算出错：{message}',
    tier_summary: '不知道社保缴费基数是哪一档？输入月缴费基数算一算',
    tier_intro: '档次按缴费基数与上海市职工社会平均工资（社平工资）的倍数确定。结果仅作参考，以社保记录为准。',
    tier_base: '月缴费基数',
    tier_base_help: '社保缴费记录上的月缴费基数（元/月），不是到手工资。',
    tier_on: '按哪一天的社平工资',
    tier_on_help: '留空按今天；社保年度为每年 7 月至次年 6 月。',
    tier_average: '社平工资（可选，自定义）',
    tier_average_help: '留空则用系统内置的公布数据；也可以填你查到的数字。',
    tier_unit: '元/月',
    tier_multiple: '倍数',
    tier_average_used: '采用的社平工资',
    tier_period: '适用期间',
    tier_source: '来源',
    period_range: '{from} 至 {to}',
    period_open: '{from} 起',
    tier_suggested: '建议档次',
    tier_apply: '填入“{field}”',
    tier_applied: '已填入',
    tier_custom: '自定义',
    tier_prompt: '输入月缴费基数后显示档次。',
    footer: '开源、免费、仅供参考：最终以上海市人才服务中心的审核为准。',
    footer_engines: '已在这些浏览器引擎上测试：Chromium 156（Chrome、Edge、安卓浏览器）、WebKitGTK 2.50（Safari 及 iPhone 上的所有浏览器和微信所用的 WebKit）、Firefox ESR 153。',
  },
  en: {
    title: 'Shanghai Residence Permit Points Calculator',
    tagline: 'Computed article by article from the Shanghai residence-permit points rules (上海市居住证积分管理办法). The standard is 120 points.',
    privacy: 'What you enter is computed on this device only and never uploaded: no account, no cookies, no analytics, and the page sends no request to any other site.',
    lang_switch: '中文',
    lang_switch_label: '切换到中文',
    form_heading: 'Your situation',
    form_loading: 'Loading the form…',
    form_failed: 'The form could not be loaded; please reload the page.',
    skip_to_result: 'Skip to the result',
    form_intro: 'The score updates as you type; there is nothing to submit. Leave blank what you are not sure of.',
    result_heading: 'Your points',
    total_label: 'Total',
    standard: 'Standard {n}',
    of_standard: '/ {n} points',
    points: '{n} pts',
    points_option: '{label} ({n} pts)',
    verdict_meets: 'Meets the standard',
    verdict_below: 'Below the standard',
    verdict_gap: '{n} points short',
    verdict_over: '{n} points above the standard',
    verdict_disqualified: 'Veto: not allowed to apply for points',
    verdict_waiting: 'Calculating…',
    verdict_invalid: '{n} to correct',
    mini_loading: 'Loading the calculator {step}/3',
    total_none: '—',
    gauge_label: 'Total {total}, standard {standard}',
    gauge_mark: '{n}-point line',
    subtotals: 'Subtotals',
    breakdown: 'Item by item',
    counted: 'counted',
    not_counted: 'not counted',
    zero_items: '{n} more items (0 points)',
    conditions: 'Also required',
    notices: 'Notes',
    edition: 'Rules applied: {name}; date {date}, age {age}',
    eligibility_heading: 'Who may apply',
    eligibility_more: 'See each condition',
    elig_eligible: 'Meets the application conditions',
    elig_not_eligible: 'Does not meet the application conditions',
    elig_unknown: 'Application conditions not all confirmed',
    elig_ok: 'yes',
    elig_fail: 'no',
    elig_unknown_item: 'not confirmed',
    errors_heading: 'Please correct',
    live_summary: 'Total {total} points, {verdict}',
    live_invalid: '{n} entries need correcting',
    yes: 'Yes',
    no: 'No',
    unknown: 'Not sure',
    not_answered: 'Not answered',
    one_of_hint: 'Give one of the two',
    range: 'Range {min}–{max}',
    at_least: 'At least {min}',
    engine_loading: 'Preparing the calculator (the first time takes up to a minute, later visits are much faster). You can start filling in.',
    engine_ready: 'Calculator ready',
    stage_runtime: 'Step 1/3: loading the Python runtime',
    stage_packages: 'Step 2/3: loading the packages it needs',
    stage_engine: 'Step 3/3: starting the points calculator',
    failed_heading: 'The calculator could not start',
    failed_no_worker: 'Your browser cannot run the calculation in the background (module Web Workers). Please update your browser or WeChat, or use a current Chrome, Edge, Safari or Firefox.',
    failed_no_wasm: 'Your browser does not support WebAssembly or has it turned off, so the calculator cannot run. Please update the browser or turn off the setting that disables WebAssembly/JavaScript optimisation.',
    failed_memory: 'Not enough free memory on this device to start the calculator. Close other tabs or apps and reload this page.',
    failed_network: 'The calculator could not be downloaded, perhaps the connection dropped. Check your connection and reload this page.',
    failed_corrupt: 'A file of the calculator arrived damaged (an incomplete download, or changed on the way), so it cannot run. Please reload the page; if it fails again, try another network.',
    failed_other: 'The calculator failed to start. Please reload the page; if it fails again, try a current browser.',
    failed_detail: 'Technical detail: {message}',
    retry: 'Reload',
    request_failed: 'Calculation error: {message}',
    tier_summary: 'Not sure which tier your contribution base is? Work it out from your monthly base',
    tier_intro: 'The tier is the multiple of your contribution base over the Shanghai average wage (社平工资). For guidance only; your social-insurance record decides.',
    tier_base: 'Monthly contribution base',
    tier_base_help: 'The monthly base (CNY/month) on your social-insurance record, not your take-home pay.',
    tier_on: 'Average wage in force on',
    tier_on_help: 'Blank means today; the social-insurance year runs from July to June.',
    tier_average: 'Average wage (optional, your own figure)',
    tier_average_help: 'Blank uses the published figures built in; or enter a figure you found.',
    tier_unit: 'CNY/month',
    tier_multiple: 'Multiple',
    tier_average_used: 'Average wage used',
    tier_period: 'In force',
    tier_source: 'Source',
    period_range: '{from} to {to}',
    period_open: 'from {from}',
    tier_suggested: 'Suggested tier',
    tier_apply: 'Use for “{field}”',
    tier_applied: 'Done',
    tier_custom: 'your own figure',
    tier_prompt: 'Enter a monthly base to see the tier.',
    footer: 'Open source, free, for guidance only: the Shanghai talent service centre’s review is final.',
    footer_engines: 'Tested in these browser engines: Chromium 156 (Chrome, Edge, Android browsers), WebKitGTK 2.50 (WebKit, the engine of Safari and of every browser and WeChat on iPhone), Firefox ESR 153.',
  },
};

export const LANGS = ['zh', 'en'];
let current = 'zh';
const listeners = new Set();

export function lang() { return current; }

/** Fill {name} placeholders: fill('还差 {n} 分', {n: 25}). */
export function fill(s, vars = {}) {
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Chrome string `key` in the current language, with {name} placeholders filled. */
export function t(key, vars = {}, lng = current) {
  const table = STRINGS[lng] || STRINGS.zh;
  return fill(table[key] ?? STRINGS.zh[key] ?? key, vars);
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

/** Re-apply the language to chrome strings ([data-i18n]) and bound texts ([data-zh]). */
export function applyLang(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-zh]')) el.textContent = current === 'en' ? el.dataset.en : el.dataset.zh;
}

export function setLang(lng) {
  if (!LANGS.includes(lng)) return;
  current = lng;
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  applyLang(document);
  for (const fn of listeners) fn(lng);
}

export function onLangChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

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
