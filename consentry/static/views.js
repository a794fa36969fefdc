// Shared pieces of the pages: tables that read well on a phone, status badges, reason lists.

import { h, words } from "./dom.js";

// `columns` are [title, row => cell content]; each cell carries its title for narrow screens.
export function table(columns, rows, rowAttrs = () => ({})) {
  const head = h("tr", {}, columns.map(([title]) => h("th", { scope: "col", text: title })));
  const body = rows.map((row) =>
    h(
      "tr",
      rowAttrs(row),
      columns.map(([title, cell]) => h("td", { "data-label": title }, cell(row) ?? "")),
    ),
  );
  return h("div", { class: "table-wrap" }, h("table", { class: "data" }, h("thead", {}, head), h("tbody", {}, body)));
}

export function statusBadge(status) {
  const name = String(status || "unknown").toLowerCase();
  return h("span", { class: `status status-${name}`, text: words(name) });
}

// Reasons as the API gives them: {code, message, article} or {article, text}, or plain text.
export function reasonList(reasons, className = "reasons") {
  if (!reasons.length) return null;
  return h(
    "ul",
    { class: className },
    reasons.map((reason) =>
      typeof reason === "string"
        ? h("li", { text: reason })
        : h(
            "li",
            {},
            h("span", { class: "reason-text", text: reason.message || reason.text || reason.code || "" }),
            reason.article ? h("span", { class: "article", text: String(reason.article) }) : null,
            reason.code && (reason.message || reason.text)
              ? h("code", { class: "reason-code", text: reason.code })
              : null,
            reason.position !== undefined && reason.position !== null
              ? h("span", { class: "reason-code", text: `event #${reason.position}` })
              : null,
          ),
    ),
  );
}

export function moreButton(button, next) {
  button.hidden = next === null || next === undefined;
}
