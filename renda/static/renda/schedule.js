// 复制订阅地址: <button data-copy="#input-id"> copies that field's value; without the clipboard API the
// field's text is selected, so a long press copies it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) return;
    var label = button.textContent;
    var done = function () { button.textContent = "已复制"; setTimeout(function () { button.textContent = label; }, 2000); };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      try { if (document.execCommand("copy")) done(); } catch (e) { /* the text stays selected */ }
    }
  });
})();
