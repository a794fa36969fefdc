// Transfers: assess a transfer abroad (mechanism, reasons, articles) and a controller's volumes.

import { api, pathOf, Problem } from "./api.js";
import { $, fieldList, fill, h, setBusy, words } from "./dom.js";
import { guarded, showProblem } from "./problems.js";
import { reasonList } from "./views.js";

const MECHANISMS = {
  none: "No mechanism required",
  standard_contract_or_certification: "Standard contract or certification",
  security_assessment: "CAC security assessment",
  adequacy: "Adequacy decision",
  sccs_or_bcrs: "Standard contractual clauses or binding corporate rules",
  derogation: "Derogation for a specific situation",
  not_permitted: "Not permitted",
};

export function init() {
  $("#assess-form").addEventListener("submit", onAssess);
  $("#volumes-form").addEventListener("submit", onVolumes);
}

export function show() {
  const year = $("#volumes-form").elements.year;
  if (!year.value) year.value = String(new Date().getUTCFullYear());
}

export function reset() {
  $("#assess-form").reset();
  $("#volumes-form").reset();
  fill($("#assess-result"));
  fill($("#volumes-result"));
}

function items(text) {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

function missing(form, names) {
  return names
    .filter((name) => !form.elements[name].value.trim())
    .map((name) => ({ field: name, message: "This field is required." }));
}

function assessBody(form) {
  const f = form.elements;
  const count = f.individuals.value.trim();
  const body = {
    controller: f.controller.value.trim(),
    destination: f.destination.value.trim().toUpperCase(),
    recipient: f.recipient.value.trim(),
    purposes: items(f.purposes.value),
    data_categories: items(f.data_categories.value),
    sensitive: f.sensitive.checked,
    individuals: /^\d+$/.test(count) ? Number(count) : count,
    ciio: f.ciio.checked,
    important_data: f.important_data.checked,
    scenario: f.scenario.value || null,
  };
  if (f.date.value) body.date = f.date.value;
  return body;
}

async function submitWith(form, required, call) {
  const slot = $(".problem-slot", form);
  const errors = missing(form, required);
  if (errors.length) {
    showProblem(slot, new Problem(0, { title: "Some fields are missing", errors }), form);
    return undefined;
  }
  const button = $("button[type=submit]", form);
  setBusy(button, true);
  const answer = await guarded(slot, form, call);
  setBusy(button, false);
  return answer;
}

async function onAssess(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const required = ["controller", "destination", "recipient", "purposes", "individuals"];
  const body = assessBody(form);
  const answer = await submitWith(form, required, () =>
    api("/v1/transfers/assess", { method: "POST", body }),
  );
  fill($("#assess-result"), answer ? assessment(answer, body) : "");
  const volumes = $("#volumes-form").elements.controller;
  if (answer && !volumes.value) volumes.value = body.controller;
}

function assessment(answer, body) {
  const mechanism = answer.mechanism || "unknown";
  return h(
    "div",
    { class: `verdict-box mechanism mechanism-${mechanism}`, "data-mechanism": mechanism },
    h("p", { class: "verdict-label", text: "Mechanism required" }),
    h("p", { class: "verdict-line", text: MECHANISMS[mechanism] || words(mechanism) }),
    answer.exempt_reason
      ? h("p", { class: "exempt", text: `Exempt: ${words(answer.exempt_reason)}` })
      : null,
    h("p", { class: "muted", text: `${body.controller} → ${body.recipient} in ${body.destination}` }),
    counted(answer),
    h("h3", { text: "Reasons" }),
    reasonList(answer.reasons || []) || h("p", { class: "muted", text: "No reasons given." }),
    answer.duties && answer.duties.length ? h("h3", { text: "Duties that apply in any case" }) : null,
    reasonList(answer.duties || [], "reasons duties"),
    answer.rule_version ? h("p", { class: "muted", text: `Rule set: ${answer.rule_version}` }) : null,
  );
}

// The controller's count the rule used: persons already sent in the counting period plus this
// transfer's.
function counted(answer) {
  if (answer.counted_non_sensitive == null && answer.counted_sensitive == null) return null;
  const since = answer.counting_period_start ? ` since ${answer.counting_period_start}` : "";
  const figures = [
    `${Number(answer.counted_non_sensitive ?? 0).toLocaleString("en")} non-sensitive`,
    `${Number(answer.counted_sensitive ?? 0).toLocaleString("en")} sensitive`,
  ];
  return h("p", { class: "counted", text: `Counted${since}: ${figures.join(" and ")} individuals.` });
}

async function onVolumes(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const controller = form.elements.controller.value.trim();
  const year = form.elements.year.value.trim();
  const answer = await submitWith(form, ["controller", "year"], () =>
    api(pathOf("/v1/controllers/{id}/volumes", controller), { query: { year } }),
  );
  fill($("#volumes-result"), answer ? volumes(answer, controller, year) : "");
}

function volumes(answer, controller, year) {
  const isCount = ([name, value]) => typeof value === "number" && name !== "year";
  const counts = Object.entries(answer).filter(isCount);
  return h(
    "div",
    { class: "volumes" },
    h("p", { class: "muted", text: `Distinct individuals sent abroad by ${controller} in ${year}` }),
    h(
      "ul",
      { class: "stats" },
      counts.map(([name, value]) =>
        h(
          "li",
          { "data-count": name },
          h("span", { class: "stat-value", text: value.toLocaleString("en") }),
          h("span", { class: "stat-name", text: words(name) }),
        ),
      ),
    ),
    fieldList(Object.fromEntries(Object.entries(answer).filter((entry) => !isCount(entry)))),
  );
}
