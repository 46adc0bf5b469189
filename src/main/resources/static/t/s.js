/*
 * Sarnakh page-view snippet. Put on every page of a site:
 *   <script src="https://YOUR-SARNAKH/t/s.js" data-site="site_…" async></script>
 * It sends one page view per page load: an anonymous visitor id kept in this site's localStorage,
 * the address and the referrer. It sends nothing when the browser asks not to be tracked
 * (Do-Not-Track, Global Privacy Control). When the visitor arrives from a Sarnakh email link, the
 * link's short-lived identity (snk_t) tells Sarnakh who the visitor is, and is then removed from
 * the address bar.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var site = script.getAttribute('data-site');
  if (!site) { return; }
  if (navigator.doNotTrack === '1' || window.doNotTrack === '1' || navigator.globalPrivacyControl === true) { return; }
  var endpoint = new URL('/t/e', script.src).href;

  var key = 'snk_aid';
  var visitor = null;
  try { visitor = window.localStorage.getItem(key); } catch (e) { visitor = null; }
  if (!visitor) {
    visitor = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID()
      : String(Date.now()) + String(Math.random()).slice(2);
    try { window.localStorage.setItem(key, visitor); } catch (e) { /* private mode: one visit, one id */ }
  }

  var params = new URLSearchParams(window.location.search);
  var identity = params.get('snk_t');
  var address = window.location.href;
  if (identity) {
    params.delete('snk_t');
    var query = params.toString();
    var clean = window.location.pathname + (query ? '?' + query : '') + window.location.hash;
    address = window.location.origin + clean;
    try { window.history.replaceState(window.history.state, '', clean); } catch (e) { /* keep the address as it is */ }
  }

  var body = JSON.stringify({
    site: site,
    anonymousId: visitor,
    eventId: 'pv-' + visitor + '-' + Date.now() + '-' + Math.random().toString(36).slice(2, 10),
    url: address,
    referrer: document.referrer || null,
    identity: identity
  });
  if (navigator.sendBeacon) {
    navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }));
  } else {
    fetch(endpoint, { method: 'POST', body: body, keepalive: true, mode: 'cors', headers: { 'Content-Type': 'text/plain' } });
  }
})();
