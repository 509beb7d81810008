// Préavis admin: optional help only; every screen works without it.
document.addEventListener("DOMContentLoaded", () => {
  // The focus goes to the first field in error, so keyboard and screen-reader users land there.
  const first = document.querySelector("[aria-invalid='true']");
  if (first instanceof HTMLElement) first.focus();

  // The editor's preview follows the form as the person types (the server renders it; the
  // "Preview" button does the same without JavaScript).
  const form = document.querySelector("form.editor[data-preview]");
  const target = document.getElementById("preview");
  if (!(form instanceof HTMLFormElement) || !target) return;
  let timer = 0;
  let asked = 0;
  const refresh = () => {
    const mine = ++asked;
    fetch(form.dataset.preview, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Preview": "fragment" },
      credentials: "same-origin",
    })
      .then((answer) => (answer.ok ? answer.text() : null))
      .then((html) => {
        if (html !== null && mine === asked) target.innerHTML = html;
      })
      .catch(() => {}); // the button still works
  };
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
});
