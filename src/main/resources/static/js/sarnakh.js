// Sarnakh page behaviour. No inline scripts (the Content-Security-Policy forbids them): every hook
// is a data- attribute read here.
(function () {
  'use strict';

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  // htmx requests carry the CSRF token as a header, as form posts carry it as a field.
  document.addEventListener('htmx:configRequest', function (e) {
    var c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });

  // A session that ended meanwhile turns an htmx request (the bell's refresh, say) into the sign-in
  // page: load that page whole instead of swapping it into a corner of this one.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && new URL(url).pathname === '/login') {
      e.detail.shouldSwap = false;
      window.location.assign(url);
    }
  });

  // <form data-confirm="…"> and <button data-confirm="…"> ask before they submit.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var button = e.submitter;
    var message = (button && button.dataset.confirm) || form.dataset.confirm;
    if (message && !window.confirm(message)) { e.preventDefault(); }
  }, true);

  // Selecting rows of a list: the "all" box, the count, and the bulk bar that acts on them.
  function updateSelection(scope) {
    var boxes = scope.querySelectorAll('input[data-row-select]');
    var checked = scope.querySelectorAll('input[data-row-select]:checked');
    var all = scope.querySelector('input[data-select-all]');
    if (all) {
      all.checked = boxes.length > 0 && checked.length === boxes.length;
      all.indeterminate = checked.length > 0 && checked.length < boxes.length;
    }
    var digits = new Intl.NumberFormat(document.documentElement.lang || undefined);
    document.querySelectorAll('[data-selected-count]').forEach(function (el) {
      el.textContent = digits.format(checked.length);
    });
    document.querySelectorAll('[data-needs-selection]').forEach(function (el) {
      el.disabled = checked.length === 0;
    });
    document.querySelectorAll('[data-bulk-bar]').forEach(function (el) {
      el.classList.toggle('d-none', checked.length === 0);
    });
  }
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t.matches('input[data-select-all]')) {
      var scope = t.closest('[data-selection]') || document;
      scope.querySelectorAll('input[data-row-select]').forEach(function (b) { b.checked = t.checked; });
      updateSelection(scope);
    } else if (t.matches('input[data-row-select]')) {
      updateSelection(t.closest('[data-selection]') || document);
    }
    // <select data-reveal="#id" data-reveal-value="DEAD"> shows #id only for that value.
    if (t.matches('select[data-reveal]')) { reveal(t); }
  });
  function reveal(select) {
    var target = document.querySelector(select.dataset.reveal);
    if (!target) { return; }
    var show = select.value === select.dataset.revealValue;
    target.classList.toggle('d-none', !show);
    target.querySelectorAll('select, input').forEach(function (i) { i.required = show; });
  }
  document.addEventListener('htmx:afterSwap', function (e) {
    updateSelection(e.detail.target.closest('[data-selection]') || document);
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-selection]').forEach(updateSelection);
    document.querySelectorAll('select[data-reveal]').forEach(reveal);
  });

  // Copy buttons for secrets shown once: <button data-copy="#id">.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('[data-copy]');
    if (!b) { return; }
    var source = document.querySelector(b.dataset.copy);
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        b.classList.add('btn-success');
      });
    }
  });

  // <canvas data-chart='[{"day","fit","engagement","total"}…]' data-series="Fit|Engagement|Total">:
  // a score-over-time chart; Chart.js is loaded only on pages that have one.
  // <canvas data-bars='{"labels":[…],"series":[[…],…]}' data-series="Name|Name" data-unit="%">: bars.
  function drawBars(c, rtl) {
    var spec = JSON.parse(c.dataset.bars);
    var names = (c.dataset.series || '').split('|');
    var unit = c.dataset.unit || '';
    new window.Chart(c, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (data, i) { return { label: names[i] || '', data: data }; })
      },
      options: { animation: false, plugins: { legend: { display: spec.series.length > 1, rtl: rtl },
        tooltip: { callbacks: { label: function (ctx) { return ctx.dataset.label + ' ' + ctx.formattedValue + unit; } } } },
        scales: { x: { reverse: rtl }, y: { beginAtZero: true } } }
    });
  }

  function drawCharts() {
    var canvases = document.querySelectorAll('canvas[data-chart], canvas[data-bars]');
    if (!canvases.length) { return; }
    var draw = function () {
      canvases.forEach(function (c) {
        if (c.dataset.bars) { drawBars(c, document.documentElement.dir === 'rtl'); return; }
        var days = JSON.parse(c.dataset.chart);
        var names = (c.dataset.series || 'fit|engagement|total').split('|');
        var rtl = document.documentElement.dir === 'rtl';
        new window.Chart(c, {
          type: 'line',
          data: {
            labels: days.map(function (d) { return d.day; }),
            datasets: [
              { label: names[2], data: days.map(function (d) { return d.total; }), borderWidth: 2, tension: 0.2 },
              { label: names[0], data: days.map(function (d) { return d.fit; }), borderWidth: 1, tension: 0.2 },
              { label: names[1], data: days.map(function (d) { return d.engagement; }), borderWidth: 1, tension: 0.2 }
            ]
          },
          options: { animation: false, plugins: { legend: { rtl: rtl, labels: { boxWidth: 10 } } },
            scales: { x: { reverse: rtl, ticks: { maxTicksLimit: 6 } } } }
        });
      });
    };
    if (window.Chart) { draw(); return; }
    var s = document.createElement('script');
    s.src = '/webjars/chart.js/dist/chart.umd.min.js';
    s.onload = draw;
    document.head.appendChild(s);
  }
  document.addEventListener('DOMContentLoaded', drawCharts);

  // "/" jumps to the search box of the page, as in most list-heavy tools.
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var tag = (document.activeElement && document.activeElement.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') { return; }
    var search = document.querySelector('[data-search-box]');
    if (search) { e.preventDefault(); search.focus(); search.select(); }
  });
})();
