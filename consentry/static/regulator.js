// Regulator: verify the hash chain, download the export, read the event log and the advice log.

import { send, api } from "./api.js";
import { $, fill, formatTime, h, setBusy, today } from "./dom.js";
import { guarded } from "./problems.js";
import * as events from "./events.js";
import * as advice from "./advice.js";

export function init() {
  $("#verify-run").addEventListener("click", onVerify);
  $("#export-run").addEventListener("click", onExport);
  events.init();
  advice.init();
}

export function show() {
  events.showOnce();
}

export function reset() {
  fill($("#verify-result"));
  fill($("#export-result"));
  events.reset();
  advice.reset();
}

function card(button) {
  return button.closest("section");
}

async function onVerify(event) {
  const button = event.currentTarget;
  fill($("#verify-result"));
  setBusy(button, true);
  const result = await guarded($(".problem-slot", card(button)), null, () => api("/v1/audit/verify"));
  setBusy(button, false);
  if (result) fill($("#verify-result"), verdict(result));
}

function verdict(result) {
  const ok = Boolean(result.ok);
  const checked = `${Number(result.events_checked ?? 0).toLocaleString("en")} events checked`;
  return h(
    "div",
    { class: `verdict-box ${ok ? "allowed" : "denied"}`, "data-ok": String(ok) },
    h("p", {
      class: "verdict-line",
      text: ok ? "✓ The chain verifies" : `✗ The chain is broken at position ${result.first_bad_position}`,
    }),
    h("p", { text: `${checked} · verified ${formatTime(new Date().toISOString())}` }),
    result.reason ? h("p", { class: "reason-text", text: result.reason }) : null,
    result.head ? h("p", { class: "hash" }, "Head: ", h("code", { text: String(result.head) })) : null,
  );
}

async function onExport(event) {
  const button = event.currentTarget;
  fill($("#export-result"));
  setBusy(button, true);
  const response = await guarded($(".problem-slot", card(button)), null, () =>
    send("/v1/audit/export", { accept: "application/x-ndjson" }),
  );
  if (response) {
    const blob = await response.blob();
    const name = `consentry-audit-${today()}.ndjson`;
    download(blob, name);
    const lines = (await blob.text()).split("\n").filter(Boolean).length;
    $("#export-result").textContent = `Saved ${name}: ${lines.toLocaleString("en")} lines, ${blob.size.toLocaleString("en")} bytes.`;
  }
  setBusy(button, false);
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
