/* The "Show the map (loads OpenStreetMap)" button of the map, place and event pages
   (templates/includes/place_map.html). Nothing is asked of another host until the visitor
   presses it; then Leaflet (static/vendor/leaflet, served by this site) is loaded and shows
   the tiles of the tile server the page names, with the places as markers. Without
   JavaScript the button stays hidden and the list and the drawing are the map. */
(function () {
  "use strict";

  var leaflet = null;

  function load(tag, properties) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(properties).forEach(function (name) {
        element[name] = properties[name];
      });
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.appendChild(element);
    });
  }

  function loadLeaflet(block) {
    if (!leaflet) {
      leaflet = Promise.all([
        load("link", { rel: "stylesheet", href: block.dataset.leafletCss }),
        load("script", { src: block.dataset.leafletJs }),
      ]);
    }
    return leaflet;
  }

  function draw(block, canvas, places) {
    var L = window.L;
    var icon = L.icon({
      iconUrl: block.dataset.icon,
      iconRetinaUrl: block.dataset.icon2x,
      shadowUrl: block.dataset.shadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
    var map = L.map(canvas, { scrollWheelZoom: false });
    map.attributionControl.setPrefix('<a href="https://leafletjs.com/">Leaflet</a>');
    L.tileLayer(block.dataset.tiles, {
      maxZoom: 19,
      attribution: block.dataset.attribution,
      // OpenStreetMap asks to know which site shows its tiles: the origin, never the page.
      referrerPolicy: "strict-origin",
    }).addTo(map);
    var points = places.map(function (place) {
      var link = document.createElement("a");
      link.href = place.url;
      link.textContent = place.name;
      L.marker([place.lat, place.lon], { icon: icon, title: place.name, alt: place.name })
        .bindPopup(link)
        .addTo(map);
      return [place.lat, place.lon];
    });
    if (points.length === 1) {
      map.setView(points[0], 16);
    } else {
      map.fitBounds(points, { padding: [30, 30], maxZoom: 17 });
    }
  }

  function show(block) {
    var button = block.querySelector("[data-map-show]");
    var status = block.querySelector("[data-map-status]");
    var canvas = block.querySelector("[data-map-canvas]");
    var places = JSON.parse(document.getElementById(block.dataset.places).textContent);
    button.disabled = true;
    status.textContent = block.dataset.loading;
    loadLeaflet(block).then(
      function () {
        canvas.hidden = false;
        draw(block, canvas, places);
        block.querySelector("[data-map-offer]").hidden = true;
        status.textContent = block.dataset.loaded;
        canvas.focus(); // the button is gone: keyboard users continue on the map
      },
      function () {
        button.disabled = false;
        status.textContent = block.dataset.failed;
      }
    );
  }

  document.querySelectorAll("[data-place-map]").forEach(function (block) {
    block.querySelector("[data-map-offer]").hidden = false;
    block.querySelector("[data-map-show]").addEventListener("click", function () {
      show(block);
    });
  });
})();
