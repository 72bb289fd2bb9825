// The shortlist page: a Print button, shown only where a script can press the browser's Print.
// Without JavaScript the page says to print from the browser's menu.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  });
})();
