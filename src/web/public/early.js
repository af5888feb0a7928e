// Starts the requests that the first page needs while the app's code is still loading: the session on every
// page, the study on a study's pages, and the document in the coding workspace (its largest answer). The app's
// request() in src/web/api/client.ts takes a started request over (once, while fresh) instead of asking again.
// A plain script without imports (not bundled): it runs before the app's modules have arrived.
(function () {
  'use strict';
  if (typeof fetch !== 'function' || typeof Map !== 'function') return;
  var started = new Map();
  var init = { method: 'GET', headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' };

  function start(path) {
    var response = fetch(path, init);
    // the app reports failures when it asks; an unused request must not become an unhandled rejection
    response.catch(function () {});
    started.set(path, { at: Date.now(), response: response });
  }

  // /onderzoeken/:slug/… and the workspace /onderzoeken/:slug/documenten/:documentId
  function startStudyRequests() {
    var parts = location.pathname.split('/');
    if (parts[1] !== 'onderzoeken' || !parts[2] || parts[2] === 'nieuw') return;
    var study = '/api/studies/' + encodeURIComponent(decodeURIComponent(parts[2]));
    start(study);
    if (parts[3] === 'documenten' && parts.length === 5 && parts[4] && parts[4] !== 'importeren' && parts[4] !== 'zoeken') {
      start(study + '/documents/' + encodeURIComponent(decodeURIComponent(parts[4])));
    }
  }

  start('/api/auth/me');
  try {
    startStudyRequests();
  } catch (e) {
    // a malformed address: the app asks for itself
  }
  window.__tnhEarly = started;
})();
