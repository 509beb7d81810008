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

  // "Add a row" adds one blank row here, focused (without script it asks the server for more).
  const add = document.getElementById("add-row");
  const body = form.querySelector("table.rows.editing tbody");
  const count = form.querySelector("input[name=rows]");
  if (!add || !body || !(count instanceof HTMLInputElement)) return;
  add.addEventListener("click", (event) => {
    const last = body.querySelector("tr:last-child");
    const n = Number(count.value);
    if (!last || !(n >= 1) || n >= 80) return; // the server's limit: let it say so
    event.preventDefault();
    const row = last.cloneNode(true);
    const from = new RegExp(`^r${n - 1}_`);
    row.id = `row-${n}`;
    for (const el of row.querySelectorAll("[id], [name], label[for], [aria-describedby]")) {
      for (const attr of ["id", "name", "for"]) {
        const value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(from, `r${n}_`));
      }
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    }
    for (const gone of row.querySelectorAll("fieldset.offsets, .field-error")) gone.remove();
    for (const label of row.querySelectorAll("label.sr")) {
      label.textContent = label.textContent.replace(/\d+$/, String(n + 1));
    }
    for (const el of row.querySelectorAll("input, textarea, select")) {
      if (el instanceof HTMLInputElement && el.type === "checkbox") el.checked = false;
      else if (el instanceof HTMLSelectElement) el.selectedIndex = el.name.endsWith("_impact") ? el.options.length - 1 : 0;
      else el.value = "";
    }
    body.append(row);
    count.value = String(n + 1);
    const first = row.querySelector("select");
    if (first instanceof HTMLElement) first.focus();
  });
});
