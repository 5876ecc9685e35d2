/* Claimdesk admin: confirm before publishing, and no double submits.
 *
 * A form with data-confirm asks first and, once confirmed, tells the server so (the
 * hidden "confirmed" field); without script the server asks on a page of its own.
 * Every desk form disables its buttons while its request is in flight, so a slow check
 * or a double click never sends the same action twice.
 */
(function () {
  "use strict";

  function busy(form, on) {
    form.querySelectorAll("button, input[type=submit]").forEach(function (button) {
      button.disabled = on;
      if (on) { button.setAttribute("aria-busy", "true"); } else { button.removeAttribute("aria-busy"); }
    });
    form.classList.toggle("cd-in-flight", on);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches(".cd-action-form, .cd-guarded")) { return; }
    if (form.classList.contains("cd-in-flight")) { event.preventDefault(); return; }
    var question = form.getAttribute("data-confirm");
    var confirmed = form.querySelector("input[name=confirmed]");
    if (question && confirmed && confirmed.value !== "1") {
      if (!window.confirm(question)) { event.preventDefault(); return; }
      confirmed.value = "1";
    }
    if (form.hasAttribute("hx-post")) { return; }  /* htmx disables its own elements */
    /* After this tick, so the pressed button's name and value are still submitted. */
    window.setTimeout(function () { busy(form, true); }, 0);
  });

  /* Coming back with the browser's back button must not leave buttons disabled. */
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form.cd-in-flight").forEach(function (form) { busy(form, false); });
  });
})();
