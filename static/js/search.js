/* The search page's map, and its filters kept as they were while htmx swaps the form.

   The map shows the services on the current page, drawn from the result cards' data attributes.
   The list stays primary and complete; the map is an extra. Each pin can be tabbed to, and a
   click or Enter opens a popup with the service's name, a link to its page, which takes the focus;
   Escape closes it and gives the focus back to the pin. Services too close together to have a pin
   each share one, whose popup lists them. On a narrow screen the map comes after
   the list, so that the first result is on the first screen; on a wide one, above it. It is moved
   in the page itself, not only drawn elsewhere, so the focus order follows what is seen.

   The filters fold away on a phone behind "Filters (n)" (a <details>, so without JavaScript too).
   Ticking a filter swaps the whole form for the server's new one, where they are folded again:
   here they are opened again if they were open, and the focus goes back to the filter ticked. */
(function () {
  "use strict";
  var map = null;
  var narrow = window.matchMedia("(max-width: 991.98px)");
  var filtersWereOpen = false;
  var focusedId = null;

  function placeMap(holder) {
    var list = document.querySelector(".results-list");
    if (!list) { return; }
    if (narrow.matches) {
      list.after(holder);
    } else {
      list.before(holder);
    }
  }

  // Pins that would overlap on screen share one pin, which lists their services, so that every pin
  // is a target of its own (WCAG 2.5.8). A pin's icon is 25 × 41 px and a shared one 32 × 32, both
  // standing on their place: pins this far apart never overlap. Regrouped at each zoom.
  var APART_X = 34;
  var APART_Y = 44;
  var places = [];
  var pins = null;

  function link(place) {
    var anchor = document.createElement("a");
    anchor.href = place.url;
    anchor.textContent = place.name;
    return anchor;
  }

  function popupFor(group) {
    if (group.length === 1) { return link(group[0]); }
    var holder = document.createElement("div");
    var intro = document.createElement("p");
    intro.textContent = group.length + " services here:";
    var list = document.createElement("ul");
    group.forEach(function (place) {
      var item = document.createElement("li");
      item.appendChild(link(place));
      list.appendChild(item);
    });
    holder.appendChild(intro);
    holder.appendChild(list);
    return holder;
  }

  function groupOnScreen() {
    var groups = [];
    places.forEach(function (place) {
      var at = map.latLngToLayerPoint(place.point);
      var near = groups.find(function (group) {
        return Math.abs(group.at.x - at.x) < APART_X && Math.abs(group.at.y - at.y) < APART_Y;
      });
      if (near) {
        near.places.push(place);
      } else {
        groups.push({ at: at, places: [place] });
      }
    });
    return groups.map(function (group) { return group.places; });
  }

  function iconFor(group) {
    if (group.length === 1) { return new L.Icon.Default(); }
    var count = document.createElement("span");
    count.textContent = String(group.length);
    return L.divIcon({ className: "map-pin-group", html: count, iconSize: [32, 32], iconAnchor: [16, 32], popupAnchor: [0, -30] });
  }

  function addPin(group) {
    var names = group.map(function (place) { return place.name; });
    var label = group.length === 1 ? names[0] : group.length + " services: " + names.join(", ");
    var marker = L.marker(group[0].point, { icon: iconFor(group), title: label, alt: label, keyboard: true });
    marker.bindPopup(popupFor(group));
    marker.on("popupopen", function (event) {
      var first = event.popup.getElement().querySelector(".leaflet-popup-content a");
      if (first) { first.focus(); }
    });
    marker.on("popupclose", function (event) {
      var popup = event.popup.getElement();
      var active = document.activeElement;
      var icon = marker.getElement();
      if (icon && (!active || active === document.body || (popup && popup.contains(active)))) {
        icon.focus();
      }
    });
    marker.addTo(pins);
    if (group.length > 1) { marker.getElement().setAttribute("aria-label", label); }
  }

  function drawPins() {
    pins.clearLayers();
    groupOnScreen().forEach(addPin);
  }

  function drawMap() {
    var holder = document.getElementById("results-map");
    if (map) { map.remove(); map = null; }
    if (!holder || typeof L === "undefined") { return; }
    var cards = document.querySelectorAll(".service-card[data-lat]");
    if (!cards.length) { return; }
    placeMap(holder);
    holder.hidden = false;
    L.Icon.Default.imagePath = holder.dataset.icons || "/static/vendor/leaflet/images/";
    // The map itself takes no focus (its arrow keys would only pan it); its pins do.
    // Without fading or zooming animations for those who ask for less motion.
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    map = L.map(holder, {
      scrollWheelZoom: false,
      keyboard: false,
      fadeAnimation: !still,
      zoomAnimation: !still,
      markerZoomAnimation: !still
    });
    map.attributionControl.setPrefix(false);
    L.tileLayer(holder.dataset.tiles, { maxZoom: 18, attribution: holder.dataset.attribution }).addTo(map);
    places = Array.prototype.map.call(cards, function (card) {
      return {
        point: [parseFloat(card.dataset.lat), parseFloat(card.dataset.lng)],
        name: card.dataset.name,
        url: card.dataset.url
      };
    });
    pins = L.layerGroup().addTo(map);
    map.fitBounds(places.map(function (place) { return place.point; }), { padding: [24, 24], maxZoom: 14 });
    drawPins();
    map.on("zoomend", drawPins);
  }

  function closePopupOnEscape(event) {
    if (event.key === "Escape" && map && event.target.closest && event.target.closest("#results-map")) {
      map.closePopup();
    }
  }

  // Where the browser cannot show a closed <details>'s content (no ::details-content), the filters
  // are opened on a wide screen, where they belong beside the results.
  function openFiltersWhenWide() {
    var details = document.getElementById("filters-disclosure");
    if (details && !narrow.matches && !(window.CSS && CSS.supports("selector(::details-content)"))) {
      details.open = true;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    openFiltersWhenWide();
    drawMap();
  });
  document.addEventListener("keydown", closePopupOnEscape);
  narrow.addEventListener("change", drawMap);

  document.addEventListener("htmx:beforeSwap", function () {
    var details = document.getElementById("filters-disclosure");
    filtersWereOpen = Boolean(details && details.open);
    focusedId = document.activeElement ? document.activeElement.id : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var details = document.getElementById("filters-disclosure");
    if (details && filtersWereOpen) { details.open = true; }
    openFiltersWhenWide();
    var focused = focusedId && document.getElementById(focusedId);
    if (focused && document.activeElement !== focused) { focused.focus(); }
  });
  document.addEventListener("htmx:afterSettle", drawMap);
})();
