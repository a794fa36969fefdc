// Small DOM helpers. Text from the API is always set as text, never parsed as HTML.

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

// "2024-06-01T10:00:00+00:00" → "2024-06-01 10:00 UTC"; anything unreadable is shown as is.
export function formatTime(iso) {
  if (!iso) return "";
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return String(iso);
  return `${time.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function timeOf(iso) {
  return iso ? h("time", { datetime: iso, text: formatTime(iso) }) : "";
}

export function dayOf(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? "" : time.toISOString().slice(0, 10);
}

// The end of a calendar day in UTC: "the state as of 2024-03-01" includes that whole day.
export function endOfDay(day) {
  return day ? `${day}T23:59:59Z` : "";
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

function spaced(name) {
  return name
    .replace(/_/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
}

// "Subject.ConsentGiven" → "Consent given"; "Purpose.Defined" → "Purpose defined" (a one-word
// event name says little without its aggregate); "module:Class.Event" topics work too.
export function eventName(type) {
  const parts = String(type || "").split(":").pop().split(".");
  const event = spaced(parts.pop() || "");
  const owner = spaced(parts.pop() || "");
  const name = owner && !event.includes(" ") ? `${owner} ${event}` : event;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function words(value) {
  return String(value ?? "").replace(/_/g, " ");
}

export function listOf(body, ...names) {
  if (Array.isArray(body)) return body;
  for (const name of names) {
    if (body && Array.isArray(body[name])) return body[name];
  }
  return [];
}

// Fields worth a line: set, and for yes/no flags only when set (except `separate`, whose
// "no" matters under PIPL).
export function worthShowing(name, value) {
  if (value === null || value === undefined || value === "") return false;
  return value !== false || name === "separate";
}

// A definition list of the fields of a record.
export function fieldList(record, skip = []) {
  const list = h("dl", { class: "fields" });
  for (const [name, value] of Object.entries(record || {})) {
    if (skip.includes(name) || !worthShowing(name, value)) continue;
    const shown = typeof value === "object" ? JSON.stringify(value) : String(value);
    list.append(h("dt", { text: words(name) }), h("dd", { text: shown }));
  }
  return list;
}

export function setBusy(button, busy) {
  button.disabled = busy;
  button.setAttribute("aria-busy", busy ? "true" : "false");
}
