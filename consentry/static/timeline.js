// A customer's events in time order, with a marker where the chosen as-of day ends.

import { dayOf, eventName, fieldList, formatTime, h } from "./dom.js";
import { statusBadge } from "./views.js";

// Shown elsewhere in the item (time, status badge) or meaningful only to the store.
const HIDDEN_FIELDS = ["originator_id", "originator_version", "timestamp", "status", "occurred_at", "effective_at"];

function when(event) {
  return event.occurred_at || event.recorded_at || "";
}

function marker(asOf) {
  return h(
    "li",
    { class: "as-of-marker", "aria-label": `The state shown is as of the end of ${asOf}` },
    h("span", { text: `State shown: end of ${asOf} (UTC)` }),
  );
}

function item(event, day, after) {
  const data = event.data || {};
  return h(
    "li",
    { class: after ? "event after" : "event", "data-position": event.position, "data-type": event.type },
    h("time", { class: "event-when", datetime: when(event), text: formatTime(when(event)) }),
    h(
      "div",
      { class: "event-body" },
      h("p", { class: "event-type" }, eventName(event.type), data.status ? statusBadge(data.status) : null),
      fieldList(data, HIDDEN_FIELDS),
      h("p", { class: "event-meta", text: `position ${event.position} · recorded ${formatTime(event.recorded_at)}` }),
      after ? h("p", { class: "after-note", text: "After the chosen date" }) : null,
      day ? h("button", { type: "button", class: "quiet small", "data-day": day, text: `Show the state on ${day}` }) : null,
    ),
  );
}

export function timeline(events, asOf) {
  if (!events.length) return [h("li", { class: "muted", text: "No events recorded." })];
  const time = (event) => new Date(when(event)).getTime() || 0;
  const ordered = [...events].sort((a, b) => time(a) - time(b) || (a.position ?? 0) - (b.position ?? 0));
  const items = [];
  let placed = !asOf;
  for (const event of ordered) {
    const day = dayOf(when(event));
    const after = Boolean(asOf) && day > asOf;
    if (after && !placed) {
      items.push(marker(asOf));
      placed = true;
    }
    items.push(item(event, day, after));
  }
  if (!placed) items.push(marker(asOf));
  return items;
}
