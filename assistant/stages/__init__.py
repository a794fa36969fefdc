"""The stages one question goes through, in order; `Assistant.ask` calls each once.

1. `question` reads the request: the checked question, its session, the text to search
   with, the customers it names (`Asked`).
2. `retrieve` asks the LangChain retriever for the question's passages, sets aside those
   that read like instructions, groups the rest by article, and reads the named customers'
   registry state (`Found`).
3. `judge` scores each article's evidence and decides whether the sources answer at all:
   the refusal decision (`Judged`).
4. `select` chooses the articles that answer and the sentence each is quoted by
   (`Selection`).
5. `compose` words the answer, the refusal or "no such article", extractively or through
   the chat model under citation checks (`Draft`).
6. `render` adds the customers' state and the flagged documents (`Rendered`).
7. `record` logs the advice, remembers the chat turn and returns the `Answer`.

Each stage takes the previous stage's result and returns its own; each result keeps the one
before it, so the last holds everything the answer reports.
"""
