// Préavis admin: optional help only; every screen works without it.
// Moves the focus to the first field in error, so keyboard and screen-reader users land there.
document.addEventListener("DOMContentLoaded", () => {
  const first = document.querySelector("[aria-invalid='true']");
  if (first instanceof HTMLElement) first.focus();
});
