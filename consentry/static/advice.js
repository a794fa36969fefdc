// The advice log: every answer the assistant gave, who asked, the sources it cited, its mode.

import { api } from "./api.js";
import { $, fill, h, listOf, setBusy, timeOf, words } from "./dom.js";
import { guarded } from "./problems.js";
import { table } from "./views.js";

const PAGE_SIZE = 50;
let rows = [];

export function init() {
  $("#advice-load").addEventListener("click", () => load(true));
  $("#advice-more").addEventListener("click", () => load(false));
}

export function reset() {
  rows = [];
  fill($("#advice-body"));
  $("#advice-more").hidden = true;
}

async function load(fromStart) {
  const button = fromStart ? $("#advice-load") : $("#advice-more");
  if (fromStart) rows = [];
  setBusy(button, true);
  const slot = $(".problem-slot", button.closest("section"));
  const query = { limit: PAGE_SIZE, offset: rows.length };
  const body = await guarded(slot, null, () => api("/v1/assistant/advice", { query }));
  setBusy(button, false);
  if (body === undefined) return;
  const batch = listOf(body, "entries");
  rows.push(...batch);
  $("#advice-more").hidden = batch.length < PAGE_SIZE;
  render();
}

function sourcesOf(entry) {
  const cited = entry.cited || [];
  if (cited.length) return cited.join("; ");
  return entry.refused ? "refused: no basis found" : "";
}

function render() {
  const columns = [
    ["When", (e) => timeOf(e.at)],
    ["Who", (e) => [e.role, e.label || e.key_id].filter(Boolean).join(" · ")],
    ["Question", (e) => e.question],
    ["Sources", sourcesOf],
    ["Mode", (e) => words(e.mode)],
    ["Index", (e) => (e.index_version ? h("code", { title: e.index_version, text: String(e.index_version).slice(0, 12) }) : "")],
  ];
  const shown = rows.length ? table(columns, rows) : h("p", { class: "muted", text: "No advice recorded yet." });
  fill($("#advice-body"), shown);
}
