// ZQT (政企通): the duty roster (政策专员值班) in the Tasklist header, loaded through config.customScripts.
//
// A policy specialist sees their own state (在岗 / 离岗) next to the user menu, with a button to change it: 离岗 when
// on duty, 上岗 when off. Three-way calls go only to specialists on duty (else to an on-duty colleague of the unit),
// so a specialist who leaves the desk presses 离岗. The state is read from GET /api/knowledge/specialists/me (with
// the Tasklist session; 404 for users who are not specialists: nothing is shown) and changed with
// PUT /api/knowledge/specialists/{userId}/duty, sending the session's CSRF token as Camunda's own webapp API does.

const ITEM_CLASS = 'zqt-duty';
const API = '/api/knowledge/specialists';
let loading = false;

function csrfToken() {
  const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => e.setAttribute(name, value));
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function render(item, me) {
  item.replaceChildren();
  item.dataset.userId = me.userId;
  item.dataset.onDuty = String(me.onDuty);
  const state = element('span', {class: `zqt-duty-state ${me.onDuty ? 'zqt-on' : 'zqt-off'}`,
    'data-testid': 'duty-state', title: '政策专员在岗状态：在岗时可接三方连线'}, me.onDuty ? '在岗' : '离岗');
  const button = element('button', {type: 'button', class: 'btn btn-default btn-xs', 'data-testid': 'duty-toggle'},
    me.onDuty ? '离岗' : '上岗');
  const message = element('span', {class: 'zqt-duty-message', 'data-testid': 'duty-message'});
  button.addEventListener('click', async () => {
    button.disabled = true;
    message.textContent = '';
    try {
      const response = await fetch(`${API}/${encodeURIComponent(me.userId)}/duty`, {
        method: 'PUT', credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(),
          'X-Requested-With': 'XMLHttpRequest'},
        body: JSON.stringify({onDuty: !me.onDuty})
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        message.textContent = response.status === 401 ? '登录已过期，请重新登录' : (body.detail || `操作失败（${response.status}）`);
        button.disabled = false;
        return;
      }
      render(item, Object.assign({}, me, {onDuty: body.onDuty}));
    } catch (e) {
      message.textContent = '暂时无法连接，请稍后再试';
      button.disabled = false;
    }
  });
  item.appendChild(state);
  item.appendChild(button);
  item.appendChild(message);
}

async function load(menu) {
  loading = true;
  try {
    const response = await fetch(`${API}/me`, {credentials: 'same-origin',
      headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
    if (!response.ok) {
      return; // not a policy specialist (404), or not logged in
    }
    const me = await response.json();
    if (!menu.isConnected || menu.querySelector(`:scope > li.${ITEM_CLASS}`)) {
      return;
    }
    const item = element('li', {class: ITEM_CLASS, 'data-testid': 'duty'});
    render(item, me);
    menu.insertBefore(item, menu.querySelector(':scope > li.account') || null);
  } catch (e) {
    // the header simply shows no roster
  } finally {
    loading = false;
  }
}

let checkedFor = null;

function place() {
  const menu = document.querySelector('.cam-nav.app-menu > ul');
  const account = document.querySelector('[cam-widget-header] .account');
  const existing = menu && menu.querySelector(`:scope > li.${ITEM_CLASS}`);
  if (!account) {
    // logged out: forget the user, so the next login asks again
    if (existing) {
      existing.remove();
    }
    checkedFor = null;
    return;
  }
  if (menu && !existing && !loading && checkedFor !== menu) {
    checkedFor = menu;
    load(menu);
  }
}

const style = document.createElement('style');
style.textContent = `.${ITEM_CLASS}{display:flex;align-items:center;gap:6px;padding:0 10px}
.${ITEM_CLASS} .zqt-on{color:#2e7d32;font-weight:bold}.${ITEM_CLASS} .zqt-off{color:#9e9e9e;font-weight:bold}
.${ITEM_CLASS} .zqt-duty-message{color:#c62828}`;
document.head.appendChild(style);

place();
new MutationObserver(place).observe(document.body, {childList: true, subtree: true});
