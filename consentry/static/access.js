// What each role may see, as the API's access rules state it. The server decides in the end:
// a call it refuses shows its 403 problem; this table only keeps out of sight what would fail.

const EVERYONE = ["admin", "staff", "system", "regulator"];

export const RIGHTS = {
  ask: EVERYONE,
  consents: EVERYONE,
  purposes: EVERYONE,
  history: ["admin", "staff", "regulator"],
  permission: ["admin", "staff", "system"],
  assess: ["admin", "staff", "system"],
  volumes: EVERYONE,
  audit: ["admin", "regulator"],
  advice: ["admin", "regulator"],
};

// A page is shown when the role has at least one of its rights.
export const PAGES = {
  ask: { title: "Ask", rights: ["ask"] },
  customer: { title: "Customer", rights: ["consents", "history", "permission"] },
  transfers: { title: "Transfers", rights: ["assess", "volumes"] },
  regulator: { title: "Regulator", rights: ["audit", "advice"] },
};

export const RIGHT_NAMES = {
  ask: "ask the assistant",
  consents: "read a customer's consents",
  purposes: "read the purpose catalogue",
  history: "read a customer's history",
  permission: "check a customer's permission",
  assess: "assess a transfer",
  volumes: "read a controller's transfer volumes",
  audit: "read the audit log",
  advice: "read the advice log",
};

export const who = { role: null, label: "" };

export function may(right) {
  return Boolean(who.role) && (RIGHTS[right] || []).includes(who.role);
}

export function mayOpen(page) {
  return Boolean(PAGES[page]) && PAGES[page].rights.some(may);
}

export function firstPage() {
  return Object.keys(PAGES).find(mayOpen) || null;
}

// Sections marked data-needs="right" show only their heading and a note when the role lacks
// that right (the CSS hides the rest of a `.no-access` section).
export function applyRights(root) {
  for (const section of root.querySelectorAll("[data-needs]")) {
    const right = section.dataset.needs;
    const allowed = may(right);
    section.classList.toggle("no-access", !allowed);
    let note = section.querySelector(":scope > .denied-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "denied-note";
      section.append(note);
    }
    note.textContent = allowed ? "" : `Your role (${who.role}) may not ${RIGHT_NAMES[right] || right}.`;
  }
}
