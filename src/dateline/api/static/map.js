// The events map: Leaflet (XStatic-Leaflet) with clusters (XStatic-Leaflet-MarkerCluster), an
// offline basemap (country outlines, gazetteer towns and provinces as labels) and the timeline's
// range brush. Written for dateline; the libraries are served as their packages ship them.
(function () {
  "use strict";
  const SMALLEST = 4;  // an event without a toll, in pixels

  function start() {
    const el = document.getElementById("map");
    if (!el || !window.L) return;
    // area grows with the toll, up to a cap (basemap.SYMBOL_CAP_PX): 280,000 dead must not cover a region
    const CAP = +el.dataset.cap || 22;
    const radius = (killed) => Math.min(CAP, SMALLEST + 1.5 * Math.sqrt(Math.max(0, killed || 0)));
    const colours = JSON.parse(el.dataset.colours || "{}");
    const colour = (t) => colours[(t || "").toUpperCase()] || "#737373";
    const map = L.map(el, {worldCopyJump: true, minZoom: 2, maxZoom: 12}).setView([30, 25], 3);
    window.datelineMap = map;  // for the browser tests and a curious reader's console
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth (countryinfo); places: GeoNames");
    map.createPane("land").style.zIndex = 200;
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";
    fetch("/map/countries.geojson").then((r) => r.json()).then((g) => {
      L.geoJSON(g, {pane: "land", interactive: false,
        style: {color: "#9a9488", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1}}).addTo(map);
    });
    const labels = L.layerGroup().addTo(map);
    let labelTimer = null;
    function drawLabels() {
      const b = map.getBounds(), z = map.getZoom();
      const q = `west=${b.getWest().toFixed(3)}&south=${b.getSouth().toFixed(3)}&east=${b.getEast().toFixed(3)}&north=${b.getNorth().toFixed(3)}&zoom=${z}`;
      fetch(`/map/labels.json?${q}`).then((r) => r.json()).then((d) => {
        labels.clearLayers();
        for (const [name, lat, lon] of d.regions) {
          labels.addLayer(L.marker([lat, lon], {pane: "labels", interactive: false, keyboard: false,
            icon: L.divIcon({className: "nodot", html: "", iconSize: [0, 0]})}).bindTooltip(name, {permanent: true, direction: "center", className: "maplabel region", pane: "labels"}));
        }
        for (const [name, lat, lon] of d.towns) {
          const icon = L.divIcon({className: "towndot", iconSize: [4, 4]});
          labels.addLayer(L.marker([lat, lon], {pane: "labels", interactive: false, keyboard: false, icon})
            .bindTooltip(name, {permanent: true, direction: "right", offset: [3, 0], className: "maplabel town", pane: "labels"}));
        }
      });
    }
    map.on("moveend", () => { clearTimeout(labelTimer); labelTimer = setTimeout(drawLabels, 120); });

    const clusters = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: (c) => {
        const n = c.getChildCount();
        const size = Math.round(Math.min(2 * CAP, 18 + 4 * Math.sqrt(n)));
        return L.divIcon({html: `<span style="line-height:${size - 4}px">${n}</span>`, className: "cluster", iconSize: [size, size]});
      },
    }).addTo(map);
    let all = [];
    fetch(el.dataset.points).then((r) => r.json()).then((d) => {
      const col = Object.fromEntries(d.columns.map((c, i) => [c, i]));
      all = d.points.map((p) => {
        const m = L.circleMarker([p[col.lat], p[col.lon]], {
          radius: radius(p[col.fatalities]), fillColor: colour(p[col.type]), color: "#fff", weight: 1, fillOpacity: 0.8,
        });
        m.ev = {id: p[col.id], day: p[col.day], last: p[col.last]};
        const toll = p[col.fatalities] ? `, ${p[col.fatalities]} killed` : "";
        m.bindTooltip(`${p[col.type]} · ${p[col.place] || ""} · ${p[col.day] || "undated"}${toll} · ${p[col.sources]} source${p[col.sources] === 1 ? "" : "s"}`);
        m.on("click", () => sources(m));
        return m;
      });
      show(all, false);
      const count = document.getElementById("map-count");
      if (count) count.textContent = `${all.length} on the map` + (d.total > all.length ? ` (of ${d.total} with a place)` : "");
      el.dataset.ready = "1";
      if (!all.length) drawLabels();
    });

    function show(markers, animate = true) {
      clusters.clearLayers();
      clusters.addLayers(markers);
      if (markers.length) map.fitBounds(core(markers.map((m) => m.getLatLng())).pad(0.15), {maxZoom: 8, animate});
      else drawLabels();
    }

    // the view fits the events, less the farthest out (a tenth each way) when there are many: a few
    // reports from other continents should not shrink the region where the rest happened (they
    // are still on the map, a zoom out away)
    function core(points) {
      if (points.length < 20) return L.latLngBounds(points);
      const lats = points.map((p) => p.lat).sort((a, b) => a - b), lons = points.map((p) => p.lng).sort((a, b) => a - b);
      const k = Math.floor(points.length * 0.1), z = points.length - 1 - k;
      return L.latLngBounds([lats[k], lons[k]], [lats[z], lons[z]]);
    }

    // a point opens its event's reports: each outlet, its figures and the sentence, linked to the article
    function sources(m) {
      fetch(`/api/events/${encodeURIComponent(m.ev.id)}`).then((r) => r.json()).then((e) => {
        const box = document.createElement("div");
        box.className = "popup";
        const h = document.createElement("strong");
        h.textContent = [e.type, e.place, e.date].filter(Boolean).join(" · ") + (e.fatalities ? ` · ${e.fatalities} killed` : "");
        box.appendChild(h);
        const ul = document.createElement("ul");
        const seen = new Set();  // an article that tells the event twice is listed once
        for (const s of e.sources || []) {
          if (seen.has(s.article_id)) continue;
          seen.add(s.article_id);
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = `/articles/${encodeURIComponent(s.article_id)}#s-${String(s.event_id).replace(/[^A-Za-z0-9_-]+/g, "_")}`;
          a.textContent = s.title || s.outlet || s.article_id;
          li.appendChild(a);
          if (s.sentence) { const q = document.createElement("div"); q.className = "sentence"; q.textContent = s.sentence; li.appendChild(q); }
          ul.appendChild(li);
        }
        box.appendChild(ul);
        m.unbindPopup();  // opened with its content, so Leaflet pans the map to show all of it
        m.bindPopup(box, {maxWidth: 380}).openPopup();
      });
    }

    // the timeline: dragging across it shows that range on the map at once, then the page (list and
    // map, one filter) is asked for it
    const svg = document.getElementById("timeline");
    if (!svg || !svg.dataset.first) return;
    const brush = document.getElementById("brush");
    const first = Date.parse(svg.dataset.first), last = Date.parse(svg.dataset.last);
    const left = +svg.dataset.left, right = +svg.dataset.right;
    const toX = (ev) => { const p = svg.createSVGPoint(); p.x = ev.clientX; p.y = ev.clientY; return Math.min(right, Math.max(left, p.matrixTransform(svg.getScreenCTM().inverse()).x)); };
    const toDay = (x) => new Date(first + (x - left) / (right - left) * (last - first)).toISOString().slice(0, 10);
    let from = null;
    svg.addEventListener("mousedown", (ev) => { from = toX(ev); ev.preventDefault(); });
    svg.addEventListener("mousemove", (ev) => {
      if (from === null) return;
      const x = toX(ev);
      brush.setAttribute("x", Math.min(from, x)); brush.setAttribute("width", Math.abs(x - from));
    });
    window.addEventListener("mouseup", (ev) => {
      if (from === null) return;
      const x = toX(ev), a = toDay(Math.min(from, x)), z = toDay(Math.max(from, x));
      from = null;
      if (a === z) return;
      show(all.filter((m) => (m.ev.last || m.ev.day) >= a && m.ev.day && m.ev.day <= z));
      const url = new URL(location.href);
      url.searchParams.set("date_from", a); url.searchParams.set("date_to", z);
      location.assign(url.toString());
    });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
