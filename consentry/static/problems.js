// Shows problem+json errors: a box with title and detail, and each field error next to its field.

import { Problem } from "./api.js";
import { h, fill } from "./dom.js";

let errorCount = 0;

function controlFor(form, field) {
  if (!form || !field) return null;
  const parts = String(field).split(".");
  // "purposes.0" names the list field "purposes"; "body.question" names "question".
  for (let end = parts.length; end > 0; end -= 1) {
    for (let start = 0; start < end; start += 1) {
      const name = parts.slice(start, end).join(".");
      const control = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (control) return control;
    }
  }
  return null;
}

export function clearProblem(slot, form) {
  if (slot) fill(slot);
  if (!form) return;
  for (const note of form.querySelectorAll(".field-error")) note.remove();
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    const own = (control.getAttribute("aria-describedby") || "")
      .split(" ")
      .filter((id) => id && !id.startsWith("field-error-"));
    if (own.length) control.setAttribute("aria-describedby", own.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

function markField(control, message) {
  errorCount += 1;
  const id = `field-error-${errorCount}`;
  const note = h("p", { class: "field-error", id, text: message });
  (control.closest(".field") || control.parentElement).append(note);
  control.setAttribute("aria-invalid", "true");
  const described = control.getAttribute("aria-describedby");
  control.setAttribute("aria-describedby", described ? `${described} ${id}` : id);
  return control;
}

// Render `problem` into `slot`; field errors go next to the fields of `form` when it has them.
export function showProblem(slot, problem, form) {
  clearProblem(slot, form);
  const unplaced = [];
  let first = null;
  for (const error of problem.errors || []) {
    const control = controlFor(form, error.field);
    if (control) first = first || markField(control, error.message);
    else unplaced.push(error);
  }
  const status = problem.status ? ` (${problem.status})` : "";
  const box = h(
    "div",
    { class: "problem", role: "alert" },
    h("p", { class: "problem-title", text: `${problem.title}${status}` }),
    problem.detail ? h("p", { class: "problem-detail", text: problem.detail }) : null,
    unplaced.length
      ? h(
          "ul",
          { class: "problem-fields" },
          unplaced.map((e) => h("li", {}, h("code", { text: e.field }), `: ${e.message}`)),
        )
      : null,
  );
  if (slot) fill(slot, box);
  if (first) first.focus();
  return box;
}

// Run `work`; a Problem it throws is shown in `slot`, anything else is re-thrown.
export async function guarded(slot, form, work) {
  clearProblem(slot, form);
  try {
    return await work();
  } catch (error) {
    if (error instanceof Problem) {
      showProblem(slot, error, form);
      return undefined;
    }
    throw error;
  }
}
