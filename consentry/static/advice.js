// The advice log: every answer the assistant gave, who asked, the sources it cited, its mode.

import { api } from "./api.js";
import { $, fill, formatTime, h, listOf, setBusy, words } from "./dom.js";
import { guarded } from "./problems.js";
import { table } from "./views.js";

const PAGE_SIZE = 50;
let state = { after: null, rows: [] };

export function init() {
  $("#advice-load").addEventListener("click", () => load(true));
  $("#advice-more").addEventListener("click", () => load(false));
}

export function reset() {
  state = { after: null, rows: [] };
  fill($("#advice-body"));
  $("#advice-more").hidden = true;
}

async function load(fromStart) {
  const button = fromStart ? $("#advice-load") : $("#advice-more");
  if (fromStart) state = { after: null, rows: [] };
  setBusy(button, true);
  const slot = $(".problem-slot", button.closest("section"));
  const query = { after: state.after, limit: PAGE_SIZE };
  const body = await guarded(slot, null, () => api("/v1/assistant/advice", { query }));
  setBusy(button, false);
  if (body === undefined) return;
  const batch = listOf(body, "entries", "advice", "items");
  state.rows.push(...batch);
  state.after = body.next_after ?? null;
  $("#advice-more").hidden = state.after === null || !batch.length;
  render();
}

function sourcesOf(entry) {
  const sources = entry.cited_sources || entry.sources || entry.citations || [];
  return sources
    .map((s) => (typeof s === "string" ? s : [s.law || s.source, s.article && `Art. ${s.article}`].filter(Boolean).join(" ")))
    .join("; ");
}

function render() {
  const columns = [
    ["When", (e) => formatTime(e.at || e.asked_at || e.recorded_at || e.time)],
    ["Who", (e) => [e.role, e.label || e.who || e.key_id].filter(Boolean).join(" · ")],
    ["Question", (e) => e.question],
    ["Sources", (e) => sourcesOf(e) || (e.refused ? "refused: no basis found" : "")],
    ["Mode", (e) => words(e.mode)],
    ["Index", (e) => (e.index_version ? h("code", { text: String(e.index_version).slice(0, 12) }) : "")],
  ];
  const rows = state.rows;
  fill($("#advice-body"), rows.length ? table(columns, rows) : h("p", { class: "muted", text: "No advice recorded yet." }));
}
