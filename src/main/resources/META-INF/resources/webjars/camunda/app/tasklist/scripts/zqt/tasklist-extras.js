// ZQT (政企通): Tasklist additions, loaded as an ES module through config.customScripts.
//
// 1. Form validation messages in Chinese. Camunda Forms (form-js, inside Tasklist) print their validation errors in
//    English, as <div class="fjs-form-field-error"><ul><li>Field is required.</li></ul></div>. A MutationObserver
//    rewrites each message as it appears. Messages are left in English when the user chose English
//    (localStorage 'zqt-locale' = 'en', the header's language switch).
// 2. Task cards that are overdue or due soon get a class of their own on the card (li.task):
//      zqt-task-overdue   the due date has passed     (Tasklist marks span.due-date with "overdue")
//      zqt-task-due-soon  the follow-up date has passed, the due date not yet (span.followup-date.overdue; ZQT sets
//                         every task's follow-up date one working day before its due date)
//    styles/user-styles.css colours them.

const ENGLISH = (() => {
  try {
    return window.localStorage.getItem('zqt-locale') === 'en';
  } catch (e) {
    return false;
  }
})();

/** Exact form-js messages (Camunda 7.24 Tasklist) and their Chinese. */
const FIXED = {
  'Field is required.': '此项为必填项。',
  'Value is not a number.': '请输入数字。',
  'Value is expected to be an integer.': '请输入整数。',
  'Date and time must both be entered.': '日期和时间都必须填写。',
  'Field must be a valid email.': '请输入有效的电子邮箱地址。',
  'Field must be a valid  international phone number. (e.g. +4930664040900)':
    '请输入有效的国际格式电话号码（如 +8653566123456）。',
  'Date must match pattern yyyy-MM-dd': '日期格式应为 yyyy-MM-dd',
  'Time must match pattern hh:mm:ss[time zone]': '时间格式应为 hh:mm:ss（可带时区）'
};

/** Messages with a number or pattern in them. */
const PATTERNS = [
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少填写 ${m[1]} 个字。`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多填写 ${m[1]} 个字。`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于 ${m[1]}。`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于 ${m[1]}。`],
  [/^Field must match pattern .*\.$/, () => '格式不正确，请按字段说明填写。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `最多保留 ${m[1]} 位小数。`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m) => `请输入有效的值，最接近的有效值是 ${m[1]} 和 ${m[2]}。`]
];

export function translateMessage(text) {
  const message = (text || '').trim();
  if (Object.prototype.hasOwnProperty.call(FIXED, message)) {
    return FIXED[message];
  }
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(message);
    if (match) {
      return render(match);
    }
  }
  return null;
}

function translateErrors(root) {
  root.querySelectorAll('.fjs-form-field-error li').forEach((item) => {
    const chinese = translateMessage(item.textContent);
    if (chinese !== null && item.textContent !== chinese) {
      item.textContent = chinese;
      item.setAttribute('lang', 'zh-CN');
    }
  });
}

function setClass(element, name, on) {
  if (element.classList.contains(name) !== on) {
    element.classList.toggle(name, on);
  }
}

function markCards(root) {
  root.querySelectorAll('ol.tasks-list > li.task').forEach((card) => {
    const overdue = card.querySelector('.due-date.overdue') !== null;
    const dueSoon = !overdue && card.querySelector('.followup-date.overdue') !== null;
    setClass(card, 'zqt-task-overdue', overdue);
    setClass(card, 'zqt-task-due-soon', dueSoon);
  });
}

let scheduled = false;

function update() {
  scheduled = false;
  if (!ENGLISH) {
    translateErrors(document);
  }
  markCards(document);
}

function schedule() {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(update);
  }
}

function start() {
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class']
  });
  schedule();
}

if (document.body) {
  start();
} else {
  document.addEventListener('DOMContentLoaded', start);
}
