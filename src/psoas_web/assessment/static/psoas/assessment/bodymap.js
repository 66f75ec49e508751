// Body map: tapping a region on the figures ticks or unticks its checkbox, and the
// figures show what is ticked. Without this script the checkbox list works alone.
(function () {
  "use strict";
  document.querySelectorAll("[data-bodymap]").forEach(function (map) {
    var boxes = map.querySelectorAll('input[name="regions"]');
    function box(region) {
      return map.querySelector('input[name="regions"][value="' + region + '"]');
    }
    function sync() {
      boxes.forEach(function (b) {
        map.querySelectorAll('[data-region="' + b.value + '"]').forEach(function (shape) {
          shape.classList.toggle("on", b.checked);
        });
      });
    }
    map.addEventListener("click", function (event) {
      var shape = event.target.closest("[data-region]");
      if (!shape) { return; }
      var b = box(shape.getAttribute("data-region"));
      if (!b) { return; }
      b.checked = !b.checked;
      b.dispatchEvent(new Event("change", { bubbles: true }));
    });
    map.addEventListener("change", sync);
    // hovering a region highlights its name in the list, and the other way round
    function hover(region, on) {
      map.querySelectorAll('[data-region="' + region + '"]').forEach(function (s) { s.classList.toggle("hover", on); });
      var b = box(region);
      if (b && b.closest("label")) { b.closest("label").classList.toggle("hover", on); }
    }
    map.addEventListener("mouseover", function (e) {
      var t = e.target.closest("[data-region]") ;
      var b = e.target.closest("label") && e.target.closest("label").querySelector('input[name="regions"]');
      if (t) { hover(t.getAttribute("data-region"), true); } else if (b) { hover(b.value, true); }
    });
    map.addEventListener("mouseout", function (e) {
      var t = e.target.closest("[data-region]");
      var b = e.target.closest("label") && e.target.closest("label").querySelector('input[name="regions"]');
      if (t) { hover(t.getAttribute("data-region"), false); } else if (b) { hover(b.value, false); }
    });
    map.classList.add("js");
    sync();
  });
})();
