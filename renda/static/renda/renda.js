/* Renda's few behaviours, shared by every page: ask before weighty actions, pick people by name,
   open the menu on a phone. Everything works without it except the asking and the picking list. */
(function () {
  "use strict";

  // ── Confirm before irreversible or weighty actions ──
  // <form data-confirm="…"> or <button data-confirm="…">; htmx's hx-confirm uses the same dialog.
  function ask(question, okLabel) {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") return Promise.resolve(window.confirm(question));
    dialog.querySelector("#confirm-text").textContent = question;
    dialog.querySelector("#confirm-ok").textContent = okLabel || "确定";
    return new Promise(function (resolve) {
      function done(answer) {
        dialog.removeEventListener("close", onClose);
        resolve(answer);
      }
      function onClose() { done(dialog.returnValue === "ok"); }
      dialog.returnValue = "";
      dialog.addEventListener("close", onClose);
      dialog.showModal();
      dialog.querySelector("#confirm-cancel").focus();
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (!question || form.dataset.confirmed === "yes") {
      delete form.dataset.confirmed;
      return;
    }
    event.preventDefault();
    var label = submitter ? (submitter.textContent || submitter.value || "").trim() : "";
    ask(question, label).then(function (ok) {
      if (!ok) return;
      form.dataset.confirmed = "yes";
      if (form.requestSubmit) form.requestSubmit(submitter || undefined); else form.submit();
    });
  });

  document.addEventListener("htmx:confirm", function (event) {
    if (!event.detail.question) return;
    event.preventDefault();
    ask(event.detail.question).then(function (ok) { if (ok) event.detail.issueRequest(true); });
  });

  // ── Person picker (see renda/core/picker.py) ──
  function addChip(picker, value, label, detail) {
    var name = picker.dataset.name;
    var chips = picker.querySelector(".chips");
    if (chips.querySelector('input[value="' + value + '"]')) return;
    if (!picker.hasAttribute("data-multiple")) chips.innerHTML = "";
    var li = document.createElement("li");
    li.className = "chip";
    var span = document.createElement("span");
    span.textContent = label;
    if (detail) {
      var small = document.createElement("small");
      small.className = "muted";
      small.textContent = "（" + detail + "）";
      span.appendChild(small);
    }
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = name;
    hidden.value = value;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.setAttribute("aria-label", "移除" + label);
    remove.textContent = "×";
    li.append(span, hidden, remove);
    chips.appendChild(li);
    chips.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest(".picker-option");
    if (option) {
      var picker = option.closest(".picker");
      addChip(picker, option.dataset.value, option.dataset.label, option.dataset.detail);
      var box = picker.querySelector('input[type="search"]');
      box.value = "";
      picker.querySelector(".picker-options").innerHTML = "";
      box.focus();
      return;
    }
    var remove = event.target.closest(".chip-remove");
    if (remove) {
      var chips = remove.closest(".chips");
      remove.closest(".chip").remove();
      chips.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    var toggle = event.target.closest("[data-menu-toggle]");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
  });

  // Enter in a picker's search box picks the first match instead of submitting the form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.closest) return;
    var picker = event.target.closest(".picker");
    if (!picker || event.target.type !== "search") return;
    var first = picker.querySelector(".picker-option");
    if (first) {
      event.preventDefault();
      first.click();
    }
  });
})();
