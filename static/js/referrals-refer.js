// The referral stop page: a button that copies the GP record line (the line can be selected
// and copied by hand without JavaScript; the button appears only when it can work).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    const target = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyTarget + "-status");
    if (!target || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(target.value).then(
        () => { if (status) status.textContent = "Copied."; },
        () => { target.select(); if (status) status.textContent = "Select the line and copy it."; },
      );
    });
  });
});
