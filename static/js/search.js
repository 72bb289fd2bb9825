/* The search page's map: the services on the current page, drawn from the result cards' data
   attributes. The list stays primary and complete; the map is an extra for sighted users. */
(function () {
  "use strict";
  var map = null;

  function drawMap() {
    var holder = document.getElementById("results-map");
    if (map) { map.remove(); map = null; }
    if (!holder || typeof L === "undefined") { return; }
    var cards = document.querySelectorAll(".service-card[data-lat]");
    if (!cards.length) { return; }
    holder.hidden = false;
    L.Icon.Default.imagePath = holder.dataset.icons || "/static/vendor/leaflet/images/";
    // An overview for sighted users: the list is the way to open a service, so the map and its
    // markers take no focus and no clicks (keyboard and screen-reader users lose nothing).
    map = L.map(holder, { scrollWheelZoom: false, keyboard: false });
    map.attributionControl.setPrefix(false);
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18, attribution: holder.dataset.attribution }).addTo(map);
    var bounds = [];
    cards.forEach(function (card) {
      var point = [parseFloat(card.dataset.lat), parseFloat(card.dataset.lng)];
      L.marker(point, { title: card.dataset.name, alt: card.dataset.name, interactive: false, keyboard: false }).addTo(map);
      bounds.push(point);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }

  document.addEventListener("DOMContentLoaded", drawMap);
  document.addEventListener("htmx:afterSettle", drawMap);
})();
