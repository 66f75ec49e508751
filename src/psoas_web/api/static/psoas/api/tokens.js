// The personal tokens page: a "Copy" button for the token shown once, where the
// browser allows writing to the clipboard. Without it the token can be selected.
(function () {
  "use strict";
  var status = document.getElementById("copy-status");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field || !navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) { status.textContent = "Copied to the clipboard."; } },
        function () {
          field.select();
          if (status) { status.textContent = "Could not copy: the token is selected, copy it yourself."; }
        }
      );
    });
  });
  var shown = document.getElementById("new-token");
  if (shown) { shown.focus(); }
})();
