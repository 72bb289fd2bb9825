// The listing form: after "Add another opening time/location" the page comes back with one more
// row; move focus to its first field, so keyboard and screen-reader users land where they asked.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.service-form[data-focus]");
  if (!form) {
    return;
  }
  const prefix = form.dataset.focus === "place" ? "place" : "opening";
  const rows = form.querySelectorAll(`fieldset[id^="${prefix}-row-"]`);
  const last = rows[rows.length - 1];
  const field = last && last.querySelector("input:not([type=hidden]), select, textarea");
  if (field) {
    field.focus();
  }
});
