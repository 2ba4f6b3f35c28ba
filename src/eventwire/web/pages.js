// eventwire dashboard: the pages. Each draws itself into <main> from the API and the URL.
"use strict";

const el = (...args) => window.ew.el(...args);
const PAGE_SIZE = 50;

// ---- event explorer and the provenance view -------------------------------------------------
async function eventsPage(main) {
  const ew = window.ew;
  const url = ew.urlParams();
  const params = ew.filters();
  params.set("limit", String(PAGE_SIZE));
  if (url.get("cursor")) params.set("cursor", url.get("cursor"));
  const page = await ew.get("/events", params);
  const rows = page.events.map((event) => el("tr", {
    "data-id": event.id,
    class: event.id === url.get("event") ? "selected" : "",
    onclick: () => openEvent(event.id),
  },
  el("td", {}, ew.day(event)),
  el("td", { class: `q${event.quad_class}` }, event.type),
  el("td", {}, ew.actor(event.source)),
  el("td", {}, ew.actor(event.target)),
  el("td", {}, event.modality + (event.negated ? " (negated)" : "")),
  el("td", {}, event.location ? `${event.location.name} (${event.location.precision})` : "—"),
  el("td", { class: "muted" }, event.trigger.text)));
  const table = el("table", { id: "events" },
    el("thead", {}, el("tr", {}, ["date", "type", "source", "target", "modality", "place", "trigger"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
  const pager = el("div", { class: "pager" },
    el("span", { class: "muted", id: "count" }, `${page.events.length} events on this page`),
    url.get("cursor") ? el("a", { href: withParam("cursor", null) }, "first page") : null,
    page.next_cursor ? el("a", { id: "next", href: withParam("cursor", page.next_cursor) }, "next page") : null);
  const article = el("section", { id: "article" }, el("p", { class: "muted" }, "Click an event to read the words behind it."));
  main.replaceChildren(el("div", { class: "split" }, el("div", {}, pager, table), article));
  if (url.get("event")) await showArticle(url.get("event"));
}

function withParam(name, value) {
  const params = window.ew.urlParams();
  if (value === null) params.delete(name); else params.set(name, value);
  params.delete("event");
  return `${location.pathname}?${params}`;
}

async function openEvent(id) {
  const params = window.ew.urlParams();
  params.set("event", id);
  window.ew.setUrl(params);
  for (const row of document.querySelectorAll("#events tbody tr")) {
    row.classList.toggle("selected", row.dataset.id === id);
  }
  try { await showArticle(id); } catch (error) { window.ew.showError(error); }
}

async function showArticle(id) {
  const ew = window.ew;
  const detail = await ew.get(`/events/${encodeURIComponent(id)}`);
  const event = detail.event;
  const doc = detail.document;
  const facts = el("dl", {},
    el("dt", {}, "event"), el("dd", {}, `${event.type} (${event.cameo}), quad class ${event.quad_class}: ${QUAD_NAMES[event.quad_class]}`),
    el("dt", {}, "source"), el("dd", {}, ew.actor(event.source)),
    el("dt", {}, "target"), el("dd", {}, ew.actor(event.target)),
    el("dt", {}, "modality"), el("dd", {}, event.modality),
    el("dt", {}, "date"), el("dd", {}, event.date ? `${event.date.start} … ${event.date.end} (${event.date.granularity}${event.date.inferred ? ", inferred" : ""})` : "—"),
    el("dt", {}, "place"), el("dd", {}, event.location ? `${event.location.name}, precision ${event.location.precision}` : "—"),
    el("dt", {}, "confidence"), el("dd", {}, event.confidence.toFixed(2)),
    el("dt", {}, "source article"), el("dd", {}, doc.url ? el("span", {}, `${doc.outlet || ""} ${doc.url}`) : doc.outlet || "—"));
  const legend = el("p", { class: "legend" },
    ["trigger", "source", "target", "date", "place", "quantity", "attribution", "evidence"].map((r) => el("span", {}, el("mark", { class: r }, r))));
  const text = el("div", { class: "text", id: "article-text" }, marked(doc.text, detail.highlights));
  const box = document.getElementById("article");
  box.replaceChildren(el("h3", {}, doc.title || doc.id), el("p", { class: "muted" }, `published ${doc.published_at || "unknown"}`), facts, legend, text);
  const trigger = text.querySelector("mark.trigger");
  // the text scrolls by itself, beside the facts: bring the trigger to its middle
  if (trigger) text.scrollTop = Math.max(0, trigger.offsetTop - text.offsetTop - text.clientHeight / 2);
}

// the text cut at every highlight boundary; each piece marked with every role that covers it
function marked(text, highlights) {
  const cuts = new Set([0, text.length]);
  for (const h of highlights) { cuts.add(h.start); cuts.add(h.end); }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const roles = highlights.filter((h) => h.start <= start && end <= h.end).map((h) => h.role);
    const words = text.slice(start, end);
    pieces.push(roles.length ? el("mark", { class: [...new Set(roles)].join(" "), "data-start": start }, words) : words);
  }
  return pieces;
}

// ---- map ------------------------------------------------------------------------------------
const COUNTRY_STYLE = { color: "#9aa9b8", weight: 0.6, fillColor: "#fdfdf8", fillOpacity: 1 };

async function mapPage(main) {
  const ew = window.ew;
  main.replaceChildren(el("p", { class: "muted", id: "map-note" }, "Pins: a town or site; circles: a province; shaded countries and dashed circles: only the country or region is known."), el("div", { id: "map" }));
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([35, 40], 3);
  map.attributionControl.setPrefix(false).addAttribution("Natural Earth");
  const world = await fetch("/static/vendor/world/countries-110m.json").then((r) => r.json());
  const countries = topojson.feature(world, world.objects.countries);
  const countryLayer = L.geoJSON(countries, { style: COUNTRY_STYLE }).addTo(map);
  const params = ew.filters();
  params.set("limit", "500");
  const page = await ew.get("/events", params);
  const cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
  const drawn = [];
  for (const event of page.events) {
    const place = event.location;
    if (!place || place.lat === null || place.lon === null) continue;
    const label = `${event.type}: ${ew.actor(event.source)} → ${ew.actor(event.target)}<br>${place.name} (precision: ${place.precision})<br>${ew.day(event)}`;
    const link = `<br><a href="/ui/events?${ew.filters()}&event=${encodeURIComponent(event.id)}">read the article</a>`;
    let kind = "pin";
    if (place.precision === "point") {
      cluster.addLayer(L.marker([place.lat, place.lon], { title: place.name }).bindPopup(label + link));
    } else if (place.precision === "admin1") {
      kind = "province";
      L.circle([place.lat, place.lon], { radius: 60000, color: "#6a1b9a", weight: 1 }).bindPopup(label + link).addTo(map);
    } else {
      kind = shadeCountry(countryLayer, place) ? "country" : "region";
      L.circle([place.lat, place.lon], { radius: 250000, color: "#6a1b9a", weight: 1, dashArray: "4 4", fillOpacity: 0.05 }).bindPopup(label + link).addTo(map);
    }
    drawn.push({ id: event.id, lat: place.lat, lon: place.lon, name: place.name, precision: place.precision, kind });
  }
  map.addLayer(cluster);
  window.ewMapDrawn = drawn;  // what the map shows, for the browser tests
  document.getElementById("map-note").prepend(`${drawn.length} located events of ${page.events.length}. `);
}

function shadeCountry(layer, place) {
  let found = false;
  layer.eachLayer((shape) => {
    if (shape.feature.properties.name === place.name) {
      shape.setStyle({ fillColor: "#e1bee7" });
      found = true;
    }
  });
  return found;
}

// ---- timeline by quad class -----------------------------------------------------------------
const QUAD_COLOURS = { 1: "#2e7d32", 2: "#1565c0", 3: "#ef6c00", 4: "#c62828" };

async function timelinePage(main) {
  const ew = window.ew;
  const period = ew.urlParams().get("period") || "month";
  const params = ew.filters();
  params.set("period", period);
  const body = await ew.get("/timeline", params);
  const choose = el("select", { id: "period", onchange: (e) => {
    const next = ew.urlParams(); next.set("period", e.target.value); ew.setUrl(next); window.ewRender();
  } }, ["day", "week", "month", "quarter", "year"].map((p) => el("option", { value: p, ...(p === period ? { selected: "" } : {}) }, p)));
  const legend = el("p", { class: "legend" }, [1, 2, 3, 4].map((q) => el("span", { class: `q${q}` }, `■ ${q} ${QUAD_NAMES[q]}`)));
  main.replaceChildren(el("p", {}, "period ", choose), legend, el("div", { class: "chart", id: "chart" }, chart(body.counts, period)));
}

function chart(counts, period) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  const periods = [...new Set(counts.map((c) => c.period))].sort();
  const totals = Object.fromEntries(periods.map((p) => [p, 0]));
  for (const c of counts) totals[c.period] += c.events;
  const most = Math.max(1, ...Object.values(totals));
  const [width, height, pad] = [Math.max(400, periods.length * 28 + 60), 260, 30];
  const step = Math.min(60, (width - 2 * pad) / Math.max(1, periods.length));  // few periods: slim bars
  const root = svg("svg", { width, height, role: "img", "aria-label": "events by period and quad class" });
  periods.forEach((p, i) => {
    let y = height - pad;
    for (const q of [1, 2, 3, 4]) {
      const n = counts.filter((c) => c.period === p && c.quad_class === q).reduce((a, c) => a + c.events, 0);
      if (!n) continue;
      const h = (n / most) * (height - 2 * pad);
      y -= h;
      const bar = svg("rect", { class: "bar", x: pad + i * step + 2, y, width: Math.max(2, step - 4), height: h, fill: QUAD_COLOURS[q], "data-period": p, "data-quad": q, "data-events": n });
      bar.append(svg("title", {}));
      bar.firstChild.textContent = `${p}: ${n} events, quad class ${q}`;
      bar.addEventListener("click", () => { location.href = eventsOf(p, period, q); });
      root.append(bar);
    }
    const label = svg("text", { x: pad + i * step + step / 2, y: height - 10, "text-anchor": "middle", "font-size": 10 });
    label.textContent = p.slice(0, period === "year" ? 4 : 7);
    root.append(label);
  });
  return root;
}

// the events behind one bar: the same filters, the bar's period and quad class
function eventsOf(start, period, quad) {
  const params = window.ew.filters();
  const first = new Date(start + "T00:00:00Z");
  const last = new Date(first);
  const add = { day: () => last.setUTCDate(last.getUTCDate() + 1), week: () => last.setUTCDate(last.getUTCDate() + 7),
    month: () => last.setUTCMonth(last.getUTCMonth() + 1), quarter: () => last.setUTCMonth(last.getUTCMonth() + 3),
    year: () => last.setUTCFullYear(last.getUTCFullYear() + 1) };
  add[period]();
  last.setUTCDate(last.getUTCDate() - 1);
  params.set("since", start);
  params.set("until", last.toISOString().slice(0, 10));
  params.set("quad_class", String(quad));
  return `/ui/events?${params}`;
}

window.ewPages = { events: eventsPage, map: mapPage, timeline: timelinePage };
window.ewChart = chart;
