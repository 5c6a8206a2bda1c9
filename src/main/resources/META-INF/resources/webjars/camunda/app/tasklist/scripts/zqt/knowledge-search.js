// ZQT (政企通): knowledge-base search inside the operator's direct-answer form (精准直办), loaded through
// config.customScripts.
//
// The direct-answer form (processes/forms/direct-answer.form, Camunda Forms) has a field for the keys of the knowledge
// entries the answer uses. When that field appears, a search panel is placed right below the form: the operator
// searches the knowledge base (GET /api/knowledge/search, read with the Tasklist session), reads the highlighted
// snippets and picks entries; 选用 adds the entry's key to the field. The form stays a Camunda Form: the panel only
// types into its field, and the server checks the keys on submit like any other input.

const KEY_FIELDS = ['Field_knowledgeEntryKeys'];
const PANEL_CLASS = 'zqt-kb-panel';

function fieldInput(form, fieldId) {
  return form.querySelector(`[id$='-${fieldId}']`);
}

/**
 * Puts text into a form-js input as typing would: the browser's own text insertion, so the form receives the same
 * input events as from the keyboard. `replace` replaces the whole value, otherwise the text is appended.
 */
function typeInto(input, text, replace) {
  input.focus();
  if (replace) {
    input.select();
  } else {
    input.setSelectionRange(input.value.length, input.value.length);
  }
  if (!document.execCommand('insertText', false, text)) {
    const prototype = input.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value').set.call(input, replace ? text : input.value + text);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
}

function keysOf(input) {
  return (input.value || '').split(/[;；,，\s]+/).map((k) => k.trim()).filter((k) => k);
}

function element(tag, attributes, text) {
  const e = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => e.setAttribute(name, value));
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

/** The snippet comes from the server HTML-escaped, with <em> around the matches; nothing else is let through. */
function snippetNode(html) {
  const span = element('span', {class: 'zqt-kb-snippet'});
  const parts = String(html || '').split(/(<em>|<\/em>)/);
  let emphasised = false;
  const decoder = document.createElement('textarea');
  parts.forEach((part) => {
    if (part === '<em>') {
      emphasised = true;
    } else if (part === '</em>') {
      emphasised = false;
    } else if (part) {
      decoder.innerHTML = part;
      const text = document.createTextNode(decoder.value);
      if (emphasised) {
        const em = document.createElement('em');
        em.appendChild(text);
        span.appendChild(em);
      } else {
        span.appendChild(text);
      }
    }
  });
  return span;
}

function hitNode(hit, form, keyInput) {
  const item = element('li', {class: 'zqt-kb-hit', 'data-testid': 'kb-hit', 'data-key': hit.key});
  const head = element('div', {class: 'zqt-kb-hit-head'});
  head.appendChild(element('span', {class: 'zqt-kb-type'}, hit.typeZh || hit.type));
  head.appendChild(element('strong', {class: 'zqt-kb-title'}, hit.title));
  head.appendChild(element('span', {class: 'zqt-kb-key'}, hit.key));
  if (hit.valid === false) {
    head.appendChild(element('span', {class: 'zqt-kb-expired'}, '已失效或未生效'));
  }
  item.appendChild(head);
  const source = [hit.issuingBody, hit.documentNumber, hit.effectiveDate ? `${hit.effectiveDate} 起施行` : '',
    hit.expiryDate ? `${hit.expiryDate} 失效` : ''].filter((s) => s).join(' · ');
  if (source) {
    item.appendChild(element('div', {class: 'zqt-kb-source'}, source));
  }
  item.appendChild(snippetNode(hit.snippet));
  const actions = element('div', {class: 'zqt-kb-actions'});
  const use = element('button', {type: 'button', class: 'btn btn-default btn-xs', 'data-testid': 'kb-use'}, '选用');
  use.addEventListener('click', () => {
    const keys = keysOf(keyInput);
    if (!keys.includes(hit.key)) {
      keys.push(hit.key);
      typeInto(keyInput, keys.join(';'), true);
    }
    use.textContent = '已选用';
  });
  actions.appendChild(use);
  item.appendChild(actions);
  return item;
}

async function search(panel, form, keyInput) {
  const query = panel.querySelector('input[type=search]').value.trim();
  const status = panel.querySelector('.zqt-kb-status');
  const list = panel.querySelector('.zqt-kb-hits');
  list.replaceChildren();
  if (!query) {
    status.textContent = '请输入要查找的内容。';
    return;
  }
  status.textContent = '正在检索…';
  const params = new URLSearchParams({q: query, limit: '8'});
  if (panel.querySelector('input[type=checkbox]').checked) {
    params.set('includeExpired', 'true');
  }
  try {
    const response = await fetch(`/api/knowledge/search?${params}`, {credentials: 'same-origin',
      headers: {Accept: 'application/json'}});
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = body.detail || body.title || `检索失败（${response.status}）`;
      return;
    }
    const hits = body.hits || [];
    status.textContent = hits.length ? `找到 ${body.total} 条，显示前 ${hits.length} 条` : '没有找到相关条目，可换个说法再试。';
    hits.forEach((hit) => list.appendChild(hitNode(hit, form, keyInput)));
  } catch (e) {
    status.textContent = '知识库暂时无法访问，请稍后再试。';
  }
}

function addPanel(form, keyInput) {
  // outside the form's own DOM (which its renderer owns and re-renders): right below the form, next to the key field
  const container = form.closest('.fjs-container') || form;
  if (!container.parentElement) {
    return;
  }
  const existing = container.parentElement.querySelector(`:scope > .${PANEL_CLASS}`);
  if (existing && existing.zqtForm === form) {
    return;
  }
  if (existing) {
    existing.remove();
  }
  const panel = element('div', {class: PANEL_CLASS, 'data-testid': 'kb-panel'});
  panel.zqtForm = form;
  panel.appendChild(element('label', {class: 'fjs-form-field-label'}, '检索知识库'));
  const row = element('div', {class: 'zqt-kb-row'});
  const input = element('input', {type: 'search', class: 'form-control', 'data-testid': 'kb-query',
    placeholder: '如：新办企业怎么申请社保登记', maxlength: '100'});
  const button = element('button', {type: 'button', class: 'btn btn-primary', 'data-testid': 'kb-search'}, '检索');
  const expired = element('label', {class: 'zqt-kb-include-expired'});
  const box = element('input', {type: 'checkbox'});
  expired.appendChild(box);
  expired.appendChild(document.createTextNode(' 含已失效'));
  row.appendChild(input);
  row.appendChild(button);
  row.appendChild(expired);
  panel.appendChild(row);
  panel.appendChild(element('div', {class: 'zqt-kb-status', 'data-testid': 'kb-status'}));
  panel.appendChild(element('ol', {class: 'zqt-kb-hits'}));
  button.addEventListener('click', () => search(panel, form, keyInput));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search(panel, form, keyInput);
    }
  });
  container.parentElement.insertBefore(panel, container.nextSibling);
}

function scan(root) {
  // a panel whose form has gone (another task was opened) goes with it
  root.querySelectorAll(`.${PANEL_CLASS}`).forEach((panel) => {
    if (!panel.zqtForm || !panel.zqtForm.isConnected) {
      panel.remove();
    }
  });
  root.querySelectorAll('form.fjs-form').forEach((form) => {
    for (const fieldId of KEY_FIELDS) {
      const keyInput = fieldInput(form, fieldId);
      if (keyInput) {
        addPanel(form, keyInput);
        return;
      }
    }
  });
}

let scheduled = false;
new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(() => {
      scheduled = false;
      scan(document);
    });
  }
}).observe(document.documentElement, {childList: true, subtree: true});


