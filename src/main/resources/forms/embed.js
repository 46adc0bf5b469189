/*
 * Sarnakh web form embed. Put where the form should appear:
 *   <script src="https://YOUR-SARNAKH/f/FORM-KEY/embed.js" async></script>
 * It reads the form's fields, labels and consent text (in the form's language) from Sarnakh, renders
 * a plain form in place, and sends it as JSON (CORS: only from the sites the form allows). The
 * consent box is never ticked in advance. When the page also carries the Sarnakh tracking snippet,
 * its anonymous visitor id goes along, so the visitor's earlier page views join the new lead.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = script.src.replace(/\/embed\.js(\?.*)?$/, '');
  var holder = document.createElement('div');
  holder.className = 'sarnakh-form';
  script.parentNode.insertBefore(holder, script.nextSibling);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) { e.textContent = text; }
    return e;
  }

  function visitor() {
    try { return window.localStorage.getItem('snk_aid'); } catch (e) { return null; }
  }

  function render(config) {
    holder.setAttribute('lang', config.language);
    holder.setAttribute('dir', config.dir);
    var form = el('form', { novalidate: '', 'data-testid': 'snk-form' });
    var token = config.token;
    var inputs = {};
    var errors = {};
    config.fields.forEach(function (f) {
      var id = 'snk-' + f.name.replace('.', '-');
      var row = el('p', { 'class': 'sarnakh-field' });
      var label = el('label', { 'for': id }, f.label + (f.required ? ' *' : ''));
      var input = f.multiline ? el('textarea', { id: id, name: f.name, rows: '4' })
        : el('input', { id: id, name: f.name, type: f.type });
      if (f.required) { input.setAttribute('required', ''); input.setAttribute('aria-required', 'true'); }
      var error = el('span', { id: id + '-error', 'class': 'sarnakh-error', role: 'alert', 'data-testid': 'snk-error-' + f.name });
      input.setAttribute('aria-describedby', id + '-error');
      row.appendChild(label);
      row.appendChild(el('br'));
      row.appendChild(input);
      row.appendChild(error);
      form.appendChild(row);
      inputs[f.name] = input;
      errors[f.name] = error;
    });
    var consent = null;
    if (config.consent) {
      var row = el('p', { 'class': 'sarnakh-consent' });
      var label = el('label');
      // Never checked in advance: the visitor ticks it, or not.
      consent = el('input', { type: 'checkbox', name: 'consent', id: 'snk-consent' });
      label.appendChild(consent);
      label.appendChild(document.createTextNode(' ' + config.consent.text + (config.consent.required ? ' *' : '')));
      row.appendChild(label);
      if (config.consent.policyUrl) {
        row.appendChild(document.createTextNode(' '));
        row.appendChild(el('a', { href: config.consent.policyUrl, target: '_blank', rel: 'noopener' }, config.consent.policyLabel));
      }
      errors.consent = el('span', { 'class': 'sarnakh-error', role: 'alert', 'data-testid': 'snk-error-consent' });
      row.appendChild(errors.consent);
      form.appendChild(row);
    }
    var trap = el('input', { type: 'text', name: 'website_url', tabindex: '-1', autocomplete: 'off' });
    var trapRow = el('p', { 'aria-hidden': 'true', style: 'position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden' });
    trapRow.appendChild(trap);
    form.appendChild(trapRow);
    var button = el('button', { type: 'submit', 'data-testid': 'snk-submit' }, config.submit);
    form.appendChild(el('p')).appendChild(button);
    var status = el('p', { role: 'status', 'class': 'sarnakh-status' });
    form.appendChild(status);

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      Object.keys(errors).forEach(function (k) { errors[k].textContent = ''; });
      status.textContent = '';
      var body = { _token: token, website_url: trap.value, pageUrl: window.location.href };
      var aid = visitor();
      if (aid) { body._aid = aid; }
      Object.keys(inputs).forEach(function (k) { body[k] = inputs[k].value; });
      if (consent) { body.consent = consent.checked; }
      button.disabled = true;
      fetch(base, {
        method: 'POST', mode: 'cors', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body)
      }).then(function (r) {
        return r.json().then(function (j) { return { status: r.status, body: j }; });
      }).then(function (res) {
        button.disabled = false;
        if (res.status === 200) {
          if (res.body.redirect) { window.location.href = res.body.redirect; return; }
          var done = el('p', { role: 'status', 'data-testid': 'snk-thanks' }, res.body.message);
          holder.replaceChild(done, form);
          return;
        }
        (res.body.errors || []).forEach(function (x) {
          if (x.field === '_token') { refreshToken(); }
          var target = errors[x.field];
          if (target) { target.textContent = ' ' + x.text; } else { status.textContent = x.text; }
          if (inputs[x.field]) { inputs[x.field].setAttribute('aria-invalid', 'true'); }
        });
        if (!res.body.errors) { status.textContent = res.body.detail || ''; }
      }).catch(function () {
        button.disabled = false;
        status.textContent = '\u26A0';
      });
    });
    function refreshToken() {
      fetch(base + '/config', { mode: 'cors', credentials: 'omit' }).then(function (r) { return r.json(); })
        .then(function (c) { token = c.token; });
    }
    holder.appendChild(form);
  }

  fetch(base + '/config', { mode: 'cors', credentials: 'omit' })
    .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
    .then(render)
    .catch(function () { holder.textContent = ''; });
})();
