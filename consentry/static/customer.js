// Customer: consent per purpose as of any day, the timeline of events, the permission check.

import { api, pathOf, Problem } from "./api.js";
import { may } from "./access.js";
import { $, endOfDay, fill, formatTime, h, listOf, setBusy, timeOf } from "./dom.js";
import { guarded, showProblem } from "./problems.js";
import { reasonList, statusBadge, table } from "./views.js";
import { timeline } from "./timeline.js";

let go = null;
let current = { ref: "", asOf: "" };
let history = { ref: null, events: [] };
let loads = 0;
let catalogue = null;

export function init(context) {
  go = context.go;
  const form = $("#customer-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    lookUp(form.elements.ref.value.trim(), form.elements.as_of.value);
  });
  form.elements.as_of.addEventListener("change", () => {
    const ref = form.elements.ref.value.trim();
    if (ref) lookUp(ref, form.elements.as_of.value);
  });
  $("#customer-now").addEventListener("click", () => {
    form.elements.as_of.value = "";
    const ref = form.elements.ref.value.trim();
    if (ref) lookUp(ref, "");
  });
  $("#permission-form").addEventListener("submit", onPermission);
  $("#timeline").addEventListener("click", (event) => {
    const day = event.target.closest("button[data-day]")?.dataset.day;
    if (day) lookUp(current.ref, day);
  });
}

export function reset() {
  current = { ref: "", asOf: "" };
  history = { ref: null, events: [] };
  catalogue = null;
  $("#customer-form").reset();
  $("#permission-form").reset();
  for (const id of ["#consents-body", "#permission-result", "#timeline", "#consents-as-of"]) fill($(id));
  $("#customer-result").hidden = true;
}

function lookUp(ref, asOf) {
  const form = $("#customer-form");
  if (!ref) {
    const errors = [{ field: "ref", message: "Enter a customer reference." }];
    showProblem($(".problem-slot", form), new Problem(0, { title: "Which customer?", errors }), form);
    return;
  }
  go("customer", [ref], { as_of: asOf });
}

export function show(target) {
  const ref = target.rest[0] || "";
  const asOf = target.query.get("as_of") || "";
  const form = $("#customer-form");
  form.elements.ref.value = ref;
  form.elements.as_of.value = asOf;
  if (!ref) return;
  if (ref !== current.ref) {
    fill($("#permission-result"));
    $("#permission-form").reset();
  }
  current = { ref, asOf };
  load(ref, asOf);
}

async function load(ref, asOf) {
  const load = ++loads;
  const form = $("#customer-form");
  const body = may("consents")
    ? await guarded($(".problem-slot", form), form, () =>
        api(pathOf("/v1/subjects/{ref}/consents", ref), { query: { as_of: endOfDay(asOf) } }),
      )
    : {};
  if (load !== loads) return;
  $("#customer-result").hidden = body === undefined;
  if (body === undefined) return;
  showConsents(body, asOf);
  fillPurposes(listOf(body, "consents").map((c) => c.purpose));
  if (may("history")) await showHistory(ref, asOf, load);
}

function showConsents(body, asOf) {
  const when = body.as_of ? formatTime(body.as_of) : asOf ? `end of ${asOf} (UTC)` : "";
  $("#consents-as-of").textContent = asOf ? `State as of ${when}` : "Current state";
  const rows = listOf(body, "consents");
  if (!rows.length) {
    fill($("#consents-body"), h("p", { class: "muted", text: "No consent recorded for this customer at that time." }));
    return;
  }
  const columns = [
    ["Purpose", (c) => c.purpose],
    ["Status", (c) => [statusBadge(c.status), c.reason ? h("span", { class: "cell-note", text: c.reason }) : null]],
    ["Separate", (c) => (c.separate === undefined ? "" : c.separate ? "yes" : "no")],
    ["Version", (c) => c.purpose_version],
    ["Since", (c) => timeOf(c.since)],
    ["Position", (c) => c.position],
  ];
  fill($("#consents-body"), table(columns, rows, (c) => ({ "data-purpose": c.purpose })));
}

async function showHistory(ref, asOf, load) {
  const card = $("#timeline").closest("section");
  if (history.ref !== ref) {
    const body = await guarded($(".problem-slot", card), null, () =>
      api(pathOf("/v1/subjects/{ref}/history", ref)),
    );
    if (load !== loads || body === undefined) return;
    history = { ref, events: listOf(body, "events") };
  }
  fill($("#timeline"), timeline(history.events, asOf));
}

async function fillPurposes(seen) {
  if (catalogue === null && may("purposes")) {
    try {
      catalogue = listOf(await api("/v1/purposes"), "purposes", "items").map(
        (p) => p.purpose_id || p.id || p.purpose,
      );
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      catalogue = [];
    }
  }
  const ids = [...new Set([...seen, ...(catalogue || [])].filter(Boolean))].sort();
  fill($("#purpose-options"), ids.map((id) => h("option", { value: id })));
}

async function onPermission(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const purpose = form.elements.purpose.value.trim();
  const destination = form.elements.destination.value.trim().toUpperCase();
  form.elements.destination.value = destination;
  const button = $("button[type=submit]", form);
  const slot = $(".problem-slot", form);
  if (!purpose) {
    const errors = [{ field: "purpose", message: "Enter the purpose to check." }];
    showProblem(slot, new Problem(0, { title: "Which purpose?", errors }), form);
    return;
  }
  setBusy(button, true);
  const path = pathOf("/v1/subjects/{ref}/permission", current.ref);
  const answer = await guarded(slot, form, () => api(path, { query: { purpose, destination } }));
  setBusy(button, false);
  fill($("#permission-result"), answer ? verdict(answer, purpose, destination) : "");
}

function verdict(answer, purpose, destination) {
  const allowed = Boolean(answer.allowed);
  const scope = destination ? `${purpose}, sent to ${destination}` : purpose;
  return h(
    "div",
    { class: `verdict-box ${allowed ? "allowed" : "denied"}` },
    h("p", { class: "verdict-line", text: allowed ? "✓ Allowed" : "✗ Not allowed" }),
    h("p", { class: "muted", text: `${current.ref} · ${scope} · checked ${formatTime(new Date().toISOString())}` }),
    reasonList(answer.reasons || []),
  );
}
