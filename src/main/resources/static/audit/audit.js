// 审计查阅页面: search cases, read one case's timeline, export. Uses the Camunda webapp session (GET only).
(function () {
  'use strict';

  var TYPE_NAMES = { STEP: '流程步骤', TASK: '办理任务', DECISION: '决策', COMMENT: '备注', ESCALATION: '督办事项',
    OPERATION: '人工操作', VOTE: '评议投票' };
  var ESCALATION_NAMES = { REMINDER: '超期提醒', OVERDUE: '超时', RETURN: '退单', EXTENSION: '延期', REWORK: '退回重办',
    REOPEN: '重新办理' };
  var FILTERS = ['caseNumber', 'enterprise', 'creditCode', 'unit', 'status', 'from', 'to'];
  var state = { page: 0, size: 20, total: 0, lastQuery: '' };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function time(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    if (isNaN(d.getTime())) { return iso; }
    // Beijing time, whatever the browser's zone
    var bj = new Date(d.getTime() + 8 * 3600 * 1000);
    function p(n) { return (n < 10 ? '0' : '') + n; }
    return bj.getUTCFullYear() + '-' + p(bj.getUTCMonth() + 1) + '-' + p(bj.getUTCDate()) + ' ' + p(bj.getUTCHours())
      + ':' + p(bj.getUTCMinutes()) + ':' + p(bj.getUTCSeconds());
  }

  /** A value for people: ISO times in Beijing time, booleans as 是/否, nothing as （空）. */
  function display(value) {
    if (value === null || value === undefined || value === '') { return '（空）'; }
    if (typeof value === 'boolean') { return value ? '是' : '否'; }
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) { return time(value); }
    return String(value);
  }

  function who(w) {
    if (!w) { return '系统'; }
    return w.name ? w.name + '（' + w.id + '）' : w.id;
  }

  function showError(text) {
    var box = $('error');
    box.textContent = text;
    box.hidden = !text;
  }

  function problemText(status, body) {
    if (body && body.errors && body.errors.length) {
      return body.errors.map(function (e) { return e.field + '：' + e.message; }).join('\n');
    }
    if (status === 403) { return '无权查阅：审计查阅仅供审计人员、流程负责人、系统管理员及承办单位（本单位工单）使用。'; }
    if (status === 404) { return '未找到该工单，或无权查阅。'; }
    if (status === 503 && body && body.detail) { return body.detail; }
    return '请求失败（HTTP ' + status + '）' + (body && body.detail ? '：' + body.detail : '');
  }

  /** GET a JSON resource with the webapp session; resolves with the body or rejects after showing the problem. */
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json',
      'X-Requested-With': 'XMLHttpRequest' } }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (response.status === 401) {
          $('login-required').hidden = false;
          $('search-view').hidden = true;
          $('case-view').hidden = true;
          throw new Error('not logged in');
        }
        if (!response.ok) {
          showError(problemText(response.status, body));
          throw new Error('HTTP ' + response.status);
        }
        return body;
      });
    });
  }

  function query(withPage) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var v = $('search-' + name).value.trim();
      if (v) { params.set(name, v); }
    });
    if (withPage) {
      params.set('page', String(state.page));
      params.set('size', $('search-size').value);
    }
    return params.toString();
  }

  function updateExportLink() {
    var q = query(false);
    $('export-xlsx').href = '/api/audit/cases.xlsx' + (q ? '?' + q : '');
  }

  function search() {
    showError('');
    updateExportLink();
    var q = query(true);
    state.lastQuery = q;
    return getJson('/api/audit/cases?' + q).then(function (result) {
      state.total = result.total;
      state.size = result.size;
      var body = $('results-body');
      body.textContent = '';
      result.items.forEach(function (c) {
        var tr = el('tr', { 'data-testid': 'result-row', 'data-case-number': c.caseNumber });
        var link = el('a', { href: '#case=' + encodeURIComponent(c.caseNumber), 'data-testid': 'case-link',
          'class': 'case-link' }, c.caseNumber);
        var first = el('td');
        first.appendChild(link);
        tr.appendChild(first);
        [time(c.receivedAt), c.enterpriseName, c.title, c.topicName, c.handlingUnitName || '—', c.statusName]
          .forEach(function (v) { tr.appendChild(el('td', {}, v)); });
        body.appendChild(tr);
      });
      var pages = Math.max(1, Math.ceil(result.total / result.size));
      $('result-summary').textContent = result.totalCapped ? '超过 ' + result.total + ' 件工单，请增加查询条件'
        : '共 ' + result.total + ' 件工单';
      $('page-info').textContent = '第 ' + (result.page + 1) + ' / ' + pages + ' 页';
      $('page-prev').disabled = result.page <= 0;
      $('page-next').disabled = result.page + 1 >= pages;
    }).catch(function () { /* shown already */ });
  }

  function details(e) {
    var lines = [];
    var d = e.details || {};
    (d.formValues || d.values || []).forEach(function (v) {
      var value = display(v.value);
      lines.push({ cls: 'form-value', text: v.label + '：' + value + (v.valueLabel ? '（' + v.valueLabel + '）' : '') });
    });
    (d.inputs || []).forEach(function (i) {
      lines.push({ cls: 'decision-input', text: '输入 ' + (i.label || i.clauseId) + '：' + display(i.value) });
    });
    (d.outputs || []).forEach(function (o) {
      lines.push({ cls: 'decision-output', text: '输出 ' + (o.label || o.name) + '：' + display(o.value) });
    });
    if (d.text) { lines.push({ cls: 'comment', text: d.text }); }
    if (d.unitName) { lines.push({ cls: 'reminder', text: '承办单位：' + d.unitName + '，时限：' + time(d.dueAt) }); }
    (d.changes || []).forEach(function (c) {
      lines.push({ cls: 'change', text: c.property + '：' + display(c.from) + ' → ' + display(c.to) });
    });
    return lines;
  }

  function summaryRow(dl, label, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', {}, label));
    dl.appendChild(el('dd', {}, value));
  }

  function showCase(caseNumber) {
    showError('');
    $('search-view').hidden = true;
    $('case-view').hidden = false;
    $('case-number').textContent = caseNumber;
    var base = '/api/audit/cases/' + encodeURIComponent(caseNumber);
    $('export-pdf').href = base + '/timeline.pdf';
    $('export-json').href = base + '/timeline.json';
    $('timeline').textContent = '';
    $('replies').textContent = '';
    $('case-summary').textContent = '';
    return getJson(base + '/timeline').then(function (t) {
      var c = t['case'];
      var n = t.names || {};
      $('case-status').textContent = t.statusName;
      var dl = $('case-summary');
      summaryRow(dl, '企业名称', c.enterpriseName);
      summaryRow(dl, '统一社会信用代码', c.creditCode);
      summaryRow(dl, '联系人', c.contactName + '  ' + c.contactPhone);
      summaryRow(dl, '诉求类型', n.type || c.type);
      summaryRow(dl, '诉求事项', n.topic || c.topic);
      summaryRow(dl, '所在区市', n.district || c.district);
      summaryRow(dl, '受理渠道', n.channel || c.channel);
      summaryRow(dl, '受理时间', time(c.receivedAt));
      summaryRow(dl, '受理人', c.receivedBy);
      summaryRow(dl, '标题', c.title);
      summaryRow(dl, '诉求内容', c.description);
      summaryRow(dl, '承办单位', n.handlingUnit || c.handlingUnit);
      summaryRow(dl, '分拨理由', c.routingReason);
      summaryRow(dl, '质检结论', n.qcVerdict || c.qcVerdict);
      summaryRow(dl, '回访满意度', n.satisfaction || c.satisfaction);
      summaryRow(dl, '办结时间', c.closedAt ? time(c.closedAt) : null);
      summaryRow(dl, '退单/延期/重办/重新办理', c.returnCount + ' / ' + c.extensionCount + ' / ' + c.reworkCount + ' / '
        + c.reopenCount);
      if (!t.replies.length) { $('replies').appendChild(el('li', {}, '（暂无答复）')); }
      t.replies.forEach(function (r) {
        var li = el('li', { 'data-testid': 'reply' });
        li.appendChild(el('div', { 'class': 'entry-head' }, time(r.at) + '  ' + who(r.who) + '  ' + (r.resultName || '')));
        li.appendChild(el('div', {}, r.text));
        $('replies').appendChild(li);
      });
      t.entries.forEach(function (e) {
        var li = el('li', { 'data-testid': 'timeline-entry', 'data-type': e.type, 'data-kind': e.kind || '',
          'data-seq': e.seq, 'data-activity-id': e.activityId || '', 'class': 'type-' + e.type });
        var head = el('div', { 'class': 'entry-head' });
        head.appendChild(el('span', { 'class': 'entry-time', 'data-testid': 'entry-time' }, time(e.at)));
        var kind = e.type === 'ESCALATION' && e.kind ? (ESCALATION_NAMES[e.kind] || e.kind) : (TYPE_NAMES[e.type] || e.type);
        head.appendChild(el('span', { 'class': 'entry-type' }, kind));
        head.appendChild(el('span', { 'class': 'entry-what', 'data-testid': 'entry-what' }, e.what));
        head.appendChild(el('span', { 'class': 'entry-who', 'data-testid': 'entry-who' }, who(e.who)));
        li.appendChild(head);
        var lines = details(e);
        if (lines.length) {
          var ul = el('ul', { 'class': 'entry-details', 'data-testid': 'entry-details' });
          lines.forEach(function (l) { ul.appendChild(el('li', { 'class': l.cls }, l.text)); });
          li.appendChild(ul);
        }
        $('timeline').appendChild(li);
      });
    }).catch(function () { /* shown already */ });
  }

  function route() {
    var m = /^#case=(.+)$/.exec(location.hash);
    if (m) {
      return showCase(decodeURIComponent(m[1]));
    }
    $('case-view').hidden = true;
    $('search-view').hidden = false;
    return search();
  }

  function init() {
    fetch('/camunda/api/admin/auth/user/default', { credentials: 'same-origin' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (me) {
      if (me && me.userId) { $('current-user').textContent = '当前用户：' + me.userId; }
    }).catch(function () { /* the API calls say whether the user is logged in */ });
    getJson('/api/reference').then(function (ref) {
      var select = $('search-unit');
      ref.units.forEach(function (u) { select.appendChild(el('option', { value: u.code }, u.nameZh)); });
    }).catch(function () { /* shown already */ });
    $('search-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      state.page = 0;
      if (location.hash) { location.hash = ''; } else { search(); }
    });
    $('search-form').addEventListener('reset', function () { setTimeout(updateExportLink, 0); });
    $('search-form').addEventListener('change', updateExportLink);
    $('page-prev').addEventListener('click', function () { state.page = Math.max(0, state.page - 1); search(); });
    $('page-next').addEventListener('click', function () { state.page += 1; search(); });
    $('back-to-search').addEventListener('click', function (ev) { ev.preventDefault(); location.hash = ''; });
    window.addEventListener('hashchange', route);
    route();
  }

  document.addEventListener('DOMContentLoaded', init);
}());
