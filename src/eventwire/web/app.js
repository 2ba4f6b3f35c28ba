// eventwire dashboard: shared parts. Filters live in the URL (so a view can be shared); every
// page reads them from there, and the form writes them back. Only this server is ever called.
"use strict";

const FILTERS = ["dyad", "country", "actor", "type", "quad_class", "modality", "outlet", "since", "until", "q"];
const PAGE_NAMES = { events: "Events", map: "Map", timeline: "Timeline", dyad: "Dyad", shifts: "Shifts", network: "Network" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

const ew = {
  page: location.pathname.split("/")[2] || "events",

  // the filters of the URL, as query parameters for the API
  filters() {
    const url = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      for (const value of url.getAll(name)) if (value) params.append(name, value);
    }
    return params;
  },

  // write the form's filters (and page-specific values) into the URL
  setUrl(params, push = true) {
    const query = params.toString();
    const target = location.pathname + (query ? "?" + query : "");
    if (push) history.pushState(null, "", target); else history.replaceState(null, "", target);
  },

  urlParams() { return new URLSearchParams(location.search); },

  async get(path, params) {
    const query = params && params.toString() ? "?" + params.toString() : "";
    const response = await fetch(path + query, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ detail: response.statusText }));
    if (!response.ok) throw new Error(body.detail || response.statusText);
    return body;
  },

  showError(error) {
    const box = document.getElementById("error");
    box.textContent = error ? String(error.message || error) : "";
    box.hidden = !error;
  },

  el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  },

  day(event) { return (event.date && event.date.start) || event.published_at || ""; },
  actor(actor) { return actor ? `${actor.name}${actor.country ? " (" + actor.country + ")" : ""}` : "—"; },
};

function fillForm() {
  const form = document.getElementById("filters");
  const select = form.elements.type;
  for (const name of PLOVER) select.append(ew.el("option", { value: name }, name));
  const url = ew.urlParams();
  for (const name of FILTERS) form.elements[name].value = url.get(name) || "";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    const keep = ew.urlParams();  // page settings (period) stay; the open article closes
    for (const name of ["period", "by", "unit", "kind"]) if (keep.get(name)) params.set(name, keep.get(name));
    ew.setUrl(params);
    render();
  });
  document.getElementById("clear").addEventListener("click", () => {
    for (const name of FILTERS) form.elements[name].value = "";
    ew.setUrl(new URLSearchParams());
    render();
  });
}

function fillNav() {
  const nav = document.getElementById("nav");
  nav.replaceChildren();
  for (const [page, title] of Object.entries(PAGE_NAMES)) {
    const query = ew.filters().toString();
    const link = ew.el("a", { href: `/ui/${page}${query ? "?" + query : ""}`, class: page === ew.page ? "current" : "" }, title);
    nav.append(link);
  }
}

async function showStore() {
  try {
    const stats = await ew.stats;
    document.getElementById("store-info").textContent =
      `${stats.tables.events} events · ${stats.tables.documents} documents · ${stats.writable ? "writable" : "read-only"}`;
  } catch (error) {
    ew.showError(error);
  }
}

async function render() {
  document.body.dataset.ready = "0";
  ew.showError(null);
  fillNav();
  const draw = (window.ewPages || {})[ew.page];
  const main = document.getElementById("page");
  if (!draw) { main.textContent = "no such page"; return; }
  try {
    await draw(main);
  } catch (error) {
    ew.showError(error);
  }
  document.body.dataset.ready = "1";  // the browser tests wait for this
}

window.ew = ew;
window.ewRender = render;
window.addEventListener("popstate", render);
document.addEventListener("DOMContentLoaded", () => {
  ew.stats = ew.get("/stats");  // once a page load: what the store holds, what it can answer
  ew.stats.catch(() => null);
  fillForm(); showStore(); render();
});
