// eventwire dashboard: the pages on the analysis endpoints (dyad, shifts, network). They count
// clusters (real-world events) where the server can; a read-only server whose clusters are
// behind the events would refuse (409), so there they count reports, and say so.
"use strict";

const ael = (...args) => window.ew.el(...args);

async function analysisGet(path, params) {
  const stats = await window.ew.stats;
  const unit = window.ew.urlParams().get("unit") || (stats.clusters_current ? "cluster" : "report");
  params.set("unit", unit);
  return { body: await window.ew.get(path, params), unit, behind: !stats.clusters_current };
}

function unitNote(result) {
  const text = result.unit === "cluster" ? "Counting clusters (one per real-world event)."
    : "Counting reports" + (result.behind ? " (the clusters stored are behind the events; `eventwire clusters` brings them up to date)" : "") + ".";
  return ael("p", { class: "muted", id: "unit-note" }, text);
}

function dyadOf() {
  const dyad = (window.ew.urlParams().get("dyad") || "").toUpperCase().split(/[,-]/).filter(Boolean);
  return dyad.length === 2 ? dyad : null;
}

async function dyadPage(main) {
  const dyad = dyadOf();
  if (!dyad) {
    main.replaceChildren(ael("p", {}, "Give a dyad in the filters (e.g. IRN,RUS) to see its series and alignment."));
    return;
  }
  const [a, b] = dyad;
  const by = window.ew.urlParams().get("by") || "month";
  const params = new URLSearchParams({ a, b, by });
  for (const name of ["since", "until"]) if (window.ew.urlParams().get(name)) params.set(name, window.ew.urlParams().get(name));
  const series = await analysisGet("/dyads/series", params);
  const counts = series.body.flatMap((p) => [1, 2, 3, 4].map((q) => ({ period: p.period, quad_class: q, events: p[`q${q}`] })));
  const index = ael("table", { id: "series" },
    ael("thead", {}, ael("tr", {}, ["period", "events", "coop", "conflict", "index"].map((h) => ael("th", {}, h)))),
    ael("tbody", {}, series.body.map((p) => ael("tr", {}, ael("td", {}, p.period), ael("td", {}, p.events),
      ael("td", {}, p.coop), ael("td", {}, p.conflict), ael("td", {}, p.index === null ? "—" : p.index.toFixed(2))))));
  const alignParams = new URLSearchParams({ by: "all", samples: "100" });
  const align = await analysisGet(`/align/${a}`, alignParams);
  const shares = ael("table", { id: "alignment" },
    ael("thead", {}, ael("tr", {}, ["partner", "kind", "coop", "coop share (95%)", "conflict", "conflict share (95%)"].map((h) => ael("th", {}, h)))),
    ael("tbody", {}, align.body.map((r) => ael("tr", {}, ael("td", {}, r.partner), ael("td", {}, r.kind),
      ael("td", {}, r.coop), ael("td", {}, share(r.coop_share, r.coop_low, r.coop_high)),
      ael("td", {}, r.conflict), ael("td", {}, share(r.conflict_share, r.conflict_low, r.conflict_high))))));
  main.replaceChildren(ael("h3", {}, `${a} – ${b}, by ${by}`), unitNote(series),
    ael("p", { class: "muted" }, "Click a bar for the events behind it."),
    ael("div", { class: "chart", id: "chart" }, window.ewChart(counts, by)),
    ael("div", { class: "split" }, ael("div", {}, ael("h4", {}, "series"), index), ael("div", {}, ael("h4", {}, `${a}'s partners`), shares)));
}

function share(value, low, high) {
  if (value === null || value === undefined) return "—";
  return `${(100 * value).toFixed(0)}% (${(100 * (low ?? value)).toFixed(0)}–${(100 * (high ?? value)).toFixed(0)})`;
}

async function shiftsPage(main) {
  const url = window.ew.urlParams();
  const params = new URLSearchParams({ by: url.get("by") || "week" });
  const dyad = dyadOf();
  if (dyad) { params.set("a", dyad[0]); params.set("b", dyad[1]); } else if (url.get("country")) params.set("a", url.get("country").toUpperCase());
  const result = await analysisGet("/shifts", params);
  const rows = result.body.map((alert) => ael("tr", {},
    ael("td", {}, alert.series), ael("td", {}, alert.kind), ael("td", {}, alert.start), ael("td", {}, alert.end || "—"),
    ael("td", {}, `${alert.before.toFixed(1)} → ${alert.after.toFixed(1)}`), ael("td", {}, alert.ratio === null ? "—" : alert.ratio.toFixed(1)),
    ael("td", {}, ael("a", { href: shiftEvents(alert) }, "events"))));
  main.replaceChildren(ael("h3", {}, "Shift alerts"), unitNote(result),
    rows.length ? ael("table", { id: "shifts" },
      ael("thead", {}, ael("tr", {}, ["series", "kind", "from", "to", "before → after", "ratio", ""].map((h) => ael("th", {}, h)))),
      ael("tbody", {}, rows)) : ael("p", { id: "no-shifts" }, "No change or surge in these series."));
}

function shiftEvents(alert) {
  const params = new URLSearchParams();
  const codes = alert.series.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (codes.length === 2) params.set("dyad", codes.join(",")); else if (codes.length === 1) params.set("country", codes[0]);
  params.set("since", alert.start);
  if (alert.end) params.set("until", alert.end);
  return `/ui/events?${params}`;
}

async function networkPage(main) {
  const params = new URLSearchParams({ kind: window.ew.urlParams().get("kind") || "all" });
  for (const name of ["since", "until"]) if (window.ew.urlParams().get(name)) params.set(name, window.ew.urlParams().get(name));
  const result = await analysisGet("/network", params);
  main.replaceChildren(ael("h3", {}, "Who acts on whom"), unitNote(result),
    ael("p", { class: "legend" }, ael("span", { class: "q1" }, "— cooperation"), ael("span", { class: "q4" }, "— conflict"),
      ael("span", { class: "muted" }, "line width: events; click a country for its events")),
    ael("div", { class: "chart", id: "network" }, graph(result.body)));
}

function graph(network) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  const [width, height] = [720, 520];
  const root = svg("svg", { width, height, role: "img", "aria-label": "network of countries" });
  const nodes = network.nodes.slice(0, 40);
  const at = {};
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    at[node.id] = [width / 2 + 220 * Math.cos(angle), height / 2 + 210 * Math.sin(angle)];
  });
  const most = Math.max(1, ...network.edges.map((e) => e.count));
  for (const edge of network.edges) {
    if (!at[edge.source] || !at[edge.target]) continue;
    const [[x1, y1], [x2, y2]] = [at[edge.source], at[edge.target]];
    const line = svg("line", { x1, y1, x2, y2, class: "edge", stroke: edge.coop >= edge.conflict ? "#2e7d32" : "#c62828",
      "stroke-width": 1 + (5 * edge.count) / most, "stroke-opacity": 0.7, "data-source": edge.source, "data-target": edge.target });
    line.append(svg("title", {}));
    line.firstChild.textContent = `${edge.source} → ${edge.target}: ${edge.count} (coop ${edge.coop}, conflict ${edge.conflict})`;
    root.append(line);
  }
  for (const node of nodes) {
    const [x, y] = at[node.id];
    const group = svg("a", { href: `/ui/events?country=${node.id}`, class: "node", "data-id": node.id });
    group.append(svg("circle", { cx: x, cy: y, r: 6 + Math.sqrt(node.events) * 2, fill: "#1f4e79" }));
    const label = svg("text", { x, y: y - 12 - Math.sqrt(node.events) * 2, "text-anchor": "middle", "font-size": 12 });
    label.textContent = `${node.id} (${node.events})`;
    group.append(label);
    root.append(group);
  }
  return root;
}

Object.assign(window.ewPages, { dyad: dyadPage, shifts: shiftsPage, network: networkPage });
