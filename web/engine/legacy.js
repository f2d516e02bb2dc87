/* Runs only in browsers without ES modules (<script nomodule>): say so instead of a form that cannot score. */
(function () {
  // the build writes the whole form into #form-fields; without modules nothing would score it
  var box = document.getElementById('form-fields');
  if (box) {
    var el = document.createElement('p');
    el.className = 'form-failed';
    el.textContent = '你的浏览器版本过旧，无法运行本计算器。请更新浏览器或微信后再打开本页。 ' +
      'Your browser is too old to run this calculator; please update it (or WeChat) and open this page again.';
    box.innerHTML = '';
    box.appendChild(el);
  }
  document.documentElement.setAttribute('data-engine', 'failed');
})();
