/* Copy to the clipboard: a button with data-copy-target="<CSS selector>" copies that element's
   value (a textarea or input) or its text. Progressive enhancement: the button is `hidden` in the
   HTML and shown here, so without JavaScript the text is still there to select and copy by hand.
   What happened is said in the nearest [role=status] after the button (or data-copy-status="<selector>"). */
(function () {
  "use strict";

  function statusFor(button) {
    var selector = button.getAttribute("data-copy-status");
    if (selector) {
      return document.querySelector(selector);
    }
    var next = button.nextElementSibling;
    while (next) {
      if (next.getAttribute("role") === "status") {
        return next;
      }
      next = next.nextElementSibling;
    }
    return null;
  }

  function say(button, text) {
    var status = statusFor(button);
    if (status) {
      status.textContent = text;
    }
  }

  function textOf(target) {
    return "value" in target && typeof target.value === "string" ? target.value : target.textContent;
  }

  function copyBySelecting(target) {
    if (typeof target.select === "function") {
      target.focus();
      target.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var done = button.getAttribute("data-copy-done") || "Copied.";
    var failed = button.getAttribute("data-copy-failed") || "Could not copy: select the text and copy it yourself.";
    var text = textOf(target);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(button, done); },
        function () { say(button, copyBySelecting(target) ? done : failed); }
      );
    } else {
      say(button, copyBySelecting(target) ? done : failed);
    }
  }

  function setUp() {
    var buttons = document.querySelectorAll("[data-copy-target]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (!document.querySelector(button.getAttribute("data-copy-target"))) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
