// Ask: a conversation with the assistant; each citation opens its article beside the answer.

import { api, pathOf, Problem } from "./api.js";
import { $, fill, h, setBusy, words } from "./dom.js";
import { guarded, showProblem } from "./problems.js";

let sessionId = null;
let openButton = null;
let articleLoads = 0;
// What kind of text a citation quotes: our own summary of an article, or the text itself.
const KINDS = {
  digest: "Digest written by Consentry",
  law: "Official text",
  regulation: "Official text",
  policy: "Company policy",
};
// On a phone the source opens inside the answer's turn; on a wide screen, in a column beside it.
const narrow = window.matchMedia("(max-width: 55.99rem)");

export function init() {
  const form = $("#ask-form");
  form.addEventListener("submit", onAsk);
  $("#ask-question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  $("#ask-new").addEventListener("click", () => {
    reset();
    $("#ask-question").focus();
  });
  $("#source-close").addEventListener("click", () => closeSource(true));
  narrow.addEventListener("change", () => {
    if (openButton) placeSource(openButton);
  });
}

export function show() {}

export function reset() {
  if (sessionId) {
    const closing = pathOf("/v1/assistant/sessions/{id}", sessionId);
    api(closing, { method: "DELETE" }).catch(() => undefined); // it expires on its own anyway
  }
  sessionId = null;
  closeSource(false);
  $(".ask-layout").append($("#ask-source"));
  fill($("#ask-log"));
  $("#ask-form").reset();
}

function askBody(form) {
  const body = { question: form.elements.question.value.trim() };
  const subject = form.elements.subject_ref.value.trim();
  if (subject) body.subject_ref = subject;
  if (form.elements.as_of.value) body.as_of = form.elements.as_of.value;
  return body;
}

// Follow-up questions use the earlier turns of the conversation's session; without one
// (the service refused to open it) each question stands alone.
async function conversation() {
  if (sessionId) return sessionId;
  try {
    sessionId = (await api("/v1/assistant/sessions", { method: "POST" })).session_id || null;
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
  }
  return sessionId;
}

async function askInConversation(body) {
  const session = await conversation();
  try {
    return await api("/v1/assistant/ask", { method: "POST", body: session ? { ...body, session_id: session } : body });
  } catch (error) {
    if (error instanceof Problem && error.status === 404 && session) sessionId = null; // expired
    throw error;
  }
}

async function onAsk(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const slot = $(".problem-slot", form);
  const body = askBody(form);
  if (!body.question) {
    const errors = [{ field: "question", message: "Write a question first." }];
    showProblem(slot, new Problem(0, { title: "Nothing to ask", errors }), form);
    return;
  }
  const turn = addTurn(body.question);
  setBusy($("#ask-send"), true);
  const answer = await guarded(slot, form, () => askInConversation(body));
  setBusy($("#ask-send"), false);
  if (!answer) {
    turn.remove();
    return;
  }
  fill($(".turn-answer", turn), answerBlock(answer));
  form.elements.question.value = "";
}

function addTurn(question) {
  const turn = h(
    "li",
    { class: "turn" },
    h("div", { class: "turn-question" }, h("span", { class: "speaker", text: "You asked" }), h("p", { text: question })),
    h("div", { class: "turn-answer" }, h("p", { class: "pending", text: "Looking in the sources…" })),
  );
  $("#ask-log").append(turn);
  turn.scrollIntoView({ block: "nearest" });
  return turn;
}

function modeLabel(mode) {
  const value = String(mode || "unknown").toLowerCase();
  if (value === "llm") return "LLM";
  if (value.startsWith("extractive")) {
    const rest = words(value.slice("extractive".length).replace(/^[-_\s]+/, "")).trim();
    return rest ? `Extractive (${rest})` : "Extractive";
  }
  return words(value);
}

function answerBlock(answer) {
  const refused = Boolean(answer.refused);
  const mode = modeLabel(answer.mode);
  const kind = mode === "LLM" ? "llm" : "extractive";
  return h(
    "article",
    { class: refused ? "answer refused" : "answer", "data-mode": answer.mode || "" },
    h(
      "div",
      { class: "answer-head" },
      h("span", { class: "verdict", text: refused ? "No basis found in the sources" : "Answer" }),
      h("span", { class: `mode mode-${kind}`, title: "How this answer was written", text: `Mode: ${mode}` }),
    ),
    h("p", { class: "answer-text", text: answer.answer || "" }),
    answer.fallback_reason
      ? h("p", { class: "fallback", text: `The language model's answer was not used (${answer.fallback_reason}); this is the extractive answer.` })
      : null,
    citations(answer.citations || [], refused),
  );
}

export function citationLabel(citation) {
  const name = citation.law || citation.source || citation.title || "Source";
  const article = citation.article ?? null;
  return article === null || article === "" ? name : `${name} Art. ${article}`;
}

function citations(list, refused) {
  if (!list.length) return null;
  const items = list.map((citation, index) => {
    const button = h("button", {
      type: "button",
      class: "cite",
      "aria-controls": "ask-source",
      "aria-expanded": "false",
      text: `[${index + 1}] ${citationLabel(citation)}`,
    });
    button.addEventListener("click", () => openSource(button, citation));
    return h("li", {}, button, citation.title ? h("span", { class: "cite-title", text: citation.title }) : null);
  });
  return h(
    "div",
    { class: "citations" },
    h("h3", { text: refused ? "Nearest articles" : "Sources" }),
    h("ul", {}, items),
  );
}

function openSource(button, citation) {
  if (openButton) openButton.setAttribute("aria-expanded", "false");
  openButton = button;
  button.setAttribute("aria-expanded", "true");
  $("#source-title").textContent = citationLabel(citation);
  const kind = KINDS[citation.kind] || "";
  $("#source-name").textContent = [kind, citation.title, citation.article_label].filter(Boolean).join(" · ");
  $("#source-flag").hidden = !citation.flagged;
  $("#source-quote").textContent = citation.quote || "";
  const aside = placeSource(button);
  aside.hidden = false;
  aside.scrollIntoView({ block: "nearest" });
  $("#source-title").focus();
  loadArticle(citation);
}

function placeSource(button) {
  const aside = $("#ask-source");
  const turn = button.closest(".turn");
  if (narrow.matches && turn) turn.append(aside);
  else if (aside.parentElement !== $(".ask-layout")) $(".ask-layout").append(aside);
  return aside;
}

function closeSource(returnFocus) {
  $("#ask-source").hidden = true;
  if (!openButton) return;
  openButton.setAttribute("aria-expanded", "false");
  if (returnFocus && openButton.isConnected) openButton.focus();
  openButton = null;
}

async function loadArticle(citation) {
  const box = $("#source-text");
  const load = ++articleLoads;
  fill(box, h("p", { class: "muted", text: "Loading the article…" }));
  try {
    const query = { source: citation.source, article: citation.article };
    const passage = await api("/v1/assistant/passages", { query });
    if (load !== articleLoads) return;
    fill(box, highlighted(readable(passage.text), citation.quote || ""));
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    if (load !== articleLoads) return;
    const text =
      error.status === 404
        ? "The full text of this article is not available from the service; the quote above is the cited passage."
        : `The article text could not be loaded: ${error.title}. ${error.detail}`;
    fill(box, h("p", { class: "muted", text }));
  }
}

// The indexed text keeps its Markdown headings and emphasis marks; the pane shows it plain.
function readable(text) {
  return (text || "").replace(/^#{1,6}\s+/gm, "").replace(/\*\*/g, "");
}

function highlighted(text, quote) {
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) return h("p", { text });
  return h("p", {}, text.slice(0, at), h("mark", { text: quote }), text.slice(at + quote.length));
}
