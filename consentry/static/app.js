// The single-page shell: sign-in, navigation by hash route (#/ask, #/customer/REF?as_of=DAY,
// #/transfers, #/regulator) and showing only the pages the signed-in role may open.

import { api, session, Problem } from "./api.js";
import { PAGES, applyRights, firstPage, mayOpen, who } from "./access.js";
import { $, fill, h } from "./dom.js";
import { guarded, showProblem } from "./problems.js";
import * as ask from "./ask.js";
import * as customer from "./customer.js";
import * as transfers from "./transfers.js";
import * as regulator from "./regulator.js";

const MODULES = { ask, customer, transfers, regulator };
let shown = null;

function parseHash() {
  const hash = window.location.hash;
  if (hash && !hash.startsWith("#/")) return null; // an in-page anchor, such as the skip link
  const [path, search] = hash.slice(2).split("?");
  const [page, ...rest] = (path || "").split("/").map(decodeURIComponent);
  return { page, rest, query: new URLSearchParams(search || "") };
}

export function go(page, rest = [], query = {}) {
  const path = [page, ...rest.map(encodeURIComponent)].join("/");
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v)).toString();
  const hash = `#/${path}${search ? `?${search}` : ""}`;
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function showSection(id, title) {
  const changed = shown !== id;
  for (const section of document.querySelectorAll("main > .page")) section.hidden = section.id !== id;
  for (const item of document.querySelectorAll("#nav a")) {
    if (item.dataset.page === id.replace("page-", "")) item.setAttribute("aria-current", "page");
    else item.removeAttribute("aria-current");
  }
  document.title = `${title} · Consentry`;
  if (changed && shown !== null) $(`#${id} h1`).focus();
  shown = id;
}

function showDenied(page) {
  fill(
    $("#denied-text"),
    `The ${PAGES[page].title} page is not available to the role `,
    h("strong", { text: who.role }),
    ". ",
    firstPage() ? h("a", { href: `#/${firstPage()}`, text: `Go to ${PAGES[firstPage()].title}` }) : "",
  );
  showSection("page-denied", "Not for your role");
}

function route() {
  const target = parseHash();
  if (!target) return;
  if (!who.role) {
    showSection("page-signin", "Sign in");
    return;
  }
  const page = PAGES[target.page] ? target.page : firstPage();
  if (!page) {
    showSection("page-denied", "No pages");
    fill($("#denied-text"), `The role ${who.role} has no pages here.`);
  } else if (!mayOpen(page)) {
    showDenied(page);
  } else {
    showSection(`page-${page}`, PAGES[page].title);
    MODULES[page].show(target);
  }
}

function signedIn(me, key) {
  if (key) session.signIn(key);
  who.role = me.role;
  who.label = me.label || "";
  for (const link of document.querySelectorAll("#nav a")) {
    link.parentElement.hidden = !mayOpen(link.dataset.page);
  }
  fill($("#who-role"), me.role);
  $("#who-label").textContent = who.label ? ` (${who.label})` : "";
  $("#who").hidden = false;
  $("#nav").hidden = false;
  applyRights(document);
}

function signOut() {
  for (const module of Object.values(MODULES)) module.reset(); // still with the key, to close sessions
  session.signOut();
  who.role = null;
  who.label = "";
  $("#who").hidden = true;
  $("#nav").hidden = true;
  shown = null;
  window.location.hash = "#/signin";
  route();
  $("#signin-key").focus();
}

async function onSignIn(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const key = form.elements.Authorization.value.trim();
  await guarded($(".problem-slot", form), form, async () => {
    const me = await api("/v1/whoami", { key });
    signedIn(me, key);
    form.reset();
    const target = parseHash();
    go(target && PAGES[target.page] && mayOpen(target.page) ? target.page : firstPage());
  });
}

async function resume() {
  if (!session.key) return;
  try {
    signedIn(await api("/v1/whoami"));
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    session.signOut();
    showProblem($("#page-signin .problem-slot"), error, $("#signin-form"));
  }
}

async function start() {
  for (const module of Object.values(MODULES)) module.init({ go });
  $("#signin-form").addEventListener("submit", onSignIn);
  $("#sign-out").addEventListener("click", signOut);
  window.addEventListener("hashchange", route);
  await resume();
  route();
  document.body.dataset.ready = "true";
}

start();
