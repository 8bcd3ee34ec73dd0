// course-engine serve: live reload, and the course's problems shown on the page.
(function () {
  // The build the page came from (`serve` writes it into the script's address).
  var built = /[?&]built=(\d+)/.exec(document.currentScript ? document.currentScript.src : '');
  var generation = built ? Number(built[1]) : null;
  var asked = false;
  function overlay(problems) {
    var box = document.getElementById('engine-problems');
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement('section');
      box.id = 'engine-problems';
      box.setAttribute('role', 'alert');
      box.setAttribute('aria-label', 'Problems in the course');
      box.setAttribute('data-testid', 'engine-problems');
      box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:1000;' +
        'background:#fff3f3;color:#5c0000;border-top:3px solid #b00020;padding:.75rem 1rem;font:14px/1.4 monospace';
      document.body.appendChild(box);
    }
    box.textContent = '';
    var head = document.createElement('p');
    head.style.cssText = 'margin:0 0 .5rem;font-weight:bold';
    head.textContent = problems.length + (problems.length === 1 ? ' problem' : ' problems') +
      ' in the course; the page shows the last good version.';
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.style.marginInlineStart = '1rem';
    close.onclick = function () { box.remove(); };
    head.appendChild(close);
    var list = document.createElement('ul');
    list.style.cssText = 'margin:0;padding-inline-start:1.25rem';
    problems.forEach(function (p) { var li = document.createElement('li'); li.textContent = p; list.appendChild(li); });
    box.appendChild(head);
    box.appendChild(list);
  }
  function wait() {
    // The first ask answers at once (with any problems to show); later ones wait for a build.
    fetch('/__engine/wait?since=' + (asked && generation !== null ? generation : 0), { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        asked = true;
        if (generation !== null && s.generation > generation && !s.problems.length) { location.reload(); return; }
        generation = s.generation;
        overlay(s.problems);
        wait();
      })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
