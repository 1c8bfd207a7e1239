// kawaru: the editing forms work without this script; it only saves a round trip. Each
// fieldset with data-rows="<prefix>" holds a table of numbered rows whose fields are named
// "<prefix>-<field>-<n>" and a hidden "<prefix>-rows" count: "Add a row" copies the last row
// empty, numbered next, and raises the count, so the server reads it as if it had sent it.
// A printable page's <button data-print hidden> is shown and prints the page (the page also
// says how to print with the browser, for those without JavaScript).
(function () {
  'use strict';
  document.querySelectorAll('fieldset[data-rows]').forEach(function (set) {
    var prefix = set.getAttribute('data-rows');
    var count = set.querySelector('input[name="' + prefix + '-rows"]');
    var body = set.querySelector('tbody');
    if (!count || !body || !body.rows.length) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary add-row';
    button.textContent = document.documentElement.lang === 'en' ? 'Add a row' : '行を追加';
    button.addEventListener('click', function () {
      var n = parseInt(count.value, 10);
      var last = body.rows[body.rows.length - 1];
      var row = last.cloneNode(true);
      row.classList.remove('has-error');
      row.querySelectorAll('input, select, textarea').forEach(function (f) {
        f.name = f.name.replace(/-\d+$/, '-' + n);
        f.removeAttribute('aria-invalid');
        f.removeAttribute('aria-describedby');
        if (f.tagName === 'SELECT') f.selectedIndex = 0;
        else if (f.type === 'checkbox') f.checked = false;
        else f.value = '';
        var label = f.getAttribute('aria-label');
        if (label) f.setAttribute('aria-label', label.replace(/\d+/, String(n + 1)));
      });
      var head = row.querySelector('th');
      if (head) head.textContent = String(n + 1);
      body.appendChild(row);
      count.value = String(n + 1);
      var first = row.querySelector('input, select, textarea');
      if (first) first.focus();
    });
    set.appendChild(button);
  });
  document.querySelectorAll('button[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
})();
