// The global event log, read page by page in position order and filtered by type, day and
// customer (a customer's events are found through their history, so no reference is matched
// against stored data).

import { api, pathOf } from "./api.js";
import { $, dayOf, eventName, fill, h, setBusy, timeOf, worthShowing } from "./dom.js";
import { guarded } from "./problems.js";
import { table } from "./views.js";

const PAGE_SIZE = 200;
const MATCHES_PER_LOAD = 50;
const PAGES_PER_LOAD = 10;

let state = fresh();

function fresh() {
  return { after: null, done: false, read: 0, rows: [], filters: null, positions: null, types: new Set(), loaded: false };
}

export function init() {
  const form = $("#events-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start();
  });
  // After the form has cleared its fields, read the log again without filters.
  $("button[type=reset]", form).addEventListener("click", () => setTimeout(start, 0));
  $("#events-more").addEventListener("click", () => more());
}

export function showOnce() {
  if (!state.loaded && !$("#events-form").closest("section").classList.contains("no-access")) start();
}

export function reset() {
  state = fresh();
  $("#events-form").reset();
  fill($("#events-body"));
  fill($("#events-summary"));
  fill($("#event-types"));
  $("#events-more").hidden = true;
}

function filtersOf(form) {
  const f = form.elements;
  return { type: f.type.value.trim().toLowerCase(), from: f.from.value, to: f.to.value, subject: f.subject.value.trim() };
}

async function start() {
  const form = $("#events-form");
  const types = state.types;
  state = { ...fresh(), types, loaded: true, filters: filtersOf(form) };
  fill($("#events-body"));
  if (state.filters.subject) {
    const path = pathOf("/v1/subjects/{ref}/history", state.filters.subject);
    const body = await guarded($(".problem-slot", form), form, () => api(path));
    if (body === undefined) return;
    state.positions = new Set((body.events || []).map((e) => e.position));
  }
  await more();
}

function matches(event) {
  const { type, from, to } = state.filters;
  const day = dayOf(event.recorded_at || event.occurred_at);
  if (type && !`${event.type} ${eventName(event.type)}`.toLowerCase().includes(type)) return false;
  if (from && day < from) return false;
  if (to && day > to) return false;
  return !state.positions || state.positions.has(event.position);
}

async function more() {
  const button = $("#events-more");
  const slot = $(".problem-slot", $("#events-form"));
  setBusy(button, true);
  let found = 0;
  for (let page = 0; page < PAGES_PER_LOAD && !state.done && found < MATCHES_PER_LOAD; page += 1) {
    const query = { after: state.after, limit: PAGE_SIZE };
    const body = await guarded(slot, null, () => api("/v1/audit/events", { query }));
    if (body === undefined) break;
    const batch = body.events || [];
    state.read += batch.length;
    for (const event of batch) state.types.add(event.type);
    const kept = batch.filter(matches);
    state.rows.push(...kept);
    found += kept.length;
    const next = body.next_after ?? (batch.length ? batch[batch.length - 1].position : null);
    state.done = !batch.length || batch.length < PAGE_SIZE || next === null || next === state.after;
    state.after = next;
  }
  setBusy(button, false);
  render();
}

function details(event) {
  const data = event.data || {};
  return Object.entries(data)
    .filter(([name, value]) => typeof value !== "object" && worthShowing(name, value))
    .map(([name, value]) => `${name}: ${value}`)
    .join(" · ");
}

function record(event) {
  const id = String(event.aggregate_id || event.originator_id || "");
  return h("code", { title: id, text: id.slice(0, 8) });
}

function render() {
  const columns = [
    ["Position", (e) => e.position],
    ["Recorded", (e) => timeOf(e.recorded_at || e.occurred_at)],
    ["Type", (e) => eventName(e.type)],
    ["Record", (e) => record(e)],
    ["Details", (e) => details(e)],
  ];
  const rows = state.rows;
  fill($("#events-body"), rows.length ? table(columns, rows, (e) => ({ "data-type": e.type })) : h("p", { class: "muted", text: "No events match." }));
  const tail = state.done ? "end of the log" : "more to read";
  $("#events-summary").textContent = `${rows.length} matching of ${state.read} events read (${tail}).`;
  $("#events-more").hidden = state.done;
  fill($("#event-types"), [...state.types].sort().map((type) => h("option", { value: type })));
}
