// kawaru: the logic model's editor (/plans/{id}/logic-model/edit) works without this script; it
// only saves the page loads. Each form of the editor is sent with fetch, as the browser would
// send it (the same fields and CSRF token), and the editor the server answers — after its 303,
// or the form again with its errors (422) — replaces the one on screen, where the reader was;
// then the changed node, the arrows or the error summary takes the focus. "Edit" opens the
// node's form in its place in the list instead of on a page of its own. Any other answer (a
// failure, a sign-in page) falls back to sending the form the ordinary way.
(function () {
  'use strict';
  var editor = document.getElementById('logic-editor');
  if (!editor || !window.fetch || !window.DOMParser) return;

  function replaceWith(html, url) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fresh = doc.getElementById('logic-editor');
    if (!fresh) return false;
    var x = window.scrollX, y = window.scrollY;
    editor.replaceWith(fresh);
    editor = fresh;
    window.scrollTo(x, y);
    var target = editor.querySelector('.error-summary');
    var saved = url ? new URL(url, location.href).searchParams.get('saved') : null;
    if (!target && saved) target = document.getElementById(saved);
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: isVisible(target) });
    }
    return true;
  }

  function isVisible(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }

  function send(form) {
    var body = new URLSearchParams(new FormData(form));
    editor.setAttribute('aria-busy', 'true');
    fetch(form.action, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (res) {
        return res.text().then(function (text) {
          if ((res.ok || res.status === 422) && replaceWith(text, res.url)) return;
          form.submit();
        });
      })
      .catch(function () { form.submit(); })
      .then(function () { editor.removeAttribute('aria-busy'); });
  }

  // the node's own form, fetched from its page and put in place of the node's buttons
  function editInline(link) {
    fetch(link.href, { credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : Promise.reject(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var form = doc.querySelector('#node-form form');
        var item = link.closest('li');
        if (!form || !item) { location.href = link.href; return; }
        var back = form.querySelector('.button-row a');
        if (back) back.remove();
        var cancel = document.createElement('button');
        cancel.type = 'button';
        cancel.className = 'secondary';
        cancel.textContent = document.documentElement.lang === 'en' ? 'Cancel' : 'やめる';
        var row = form.querySelector('.button-row');
        if (row) row.appendChild(cancel);
        var place = document.createElement('div');
        place.className = 'lm-inline';
        place.appendChild(document.importNode(form, true));
        // the add form has the same ids: these get their own, and their labels and hints follow
        place.querySelectorAll('[id]').forEach(function (el) { el.id = 'edit-' + el.id; });
        place.querySelectorAll('label[for]').forEach(function (el) { el.htmlFor = 'edit-' + el.htmlFor; });
        place.querySelectorAll('[aria-describedby]').forEach(function (el) {
          el.setAttribute('aria-describedby', el.getAttribute('aria-describedby').split(/\s+/)
            .map(function (id) { return 'edit-' + id; }).join(' '));
        });
        var buttons = item.querySelector('.button-row');
        buttons.style.display = 'none';            // .button-row's display would win over [hidden]
        item.classList.add('editing');             // the whole row of the grid: room for the form
        item.appendChild(place);
        cancel = place.querySelector('button.secondary');
        cancel.addEventListener('click', function () {
          place.remove();
          buttons.style.display = '';
          item.classList.remove('editing');
          link.focus();
        });
        var first = place.querySelector('select, textarea, input:not([type=hidden])');
        if (first) first.focus();
      })
      .catch(function () { location.href = link.href; });
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!editor.contains(form) || form.method.toLowerCase() !== 'post') return;
    e.preventDefault();
    send(form);
  });
  document.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('a.lm-edit');
    if (!link || !editor.contains(link) || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    editInline(link);
  });
})();
