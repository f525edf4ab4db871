// The page's shared state and events. Panels talk through this, never to each other:
//   ctx.text()              the editor's current text
//   ctx.setText(text)       replace the editor's text (a form panel writes through this)
//   ctx.on("change", fn)    the text changed (fn(text))
//   ctx.on("result", fn)    a check came back (fn({problems, warnings, docx}))
//   ctx.goTo(line, column)  move the editor's cursor there and focus it
//   ctx.status(message)     one line in the status bar (read by screen readers)

export function createContext() {
  const listeners = new Map();
  const ctx = {
    file: null, // {name, docx, text, hash, libreoffice, libreoffice_tips}
    schema: null,
    baseHash: "", // the hash of the file on disk that the text started from
    lastResult: null,
    text: () => "",
    setText: () => {},
    goTo: () => {},
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, []);
      listeners.get(event).push(fn);
    },
    emit(event, value) {
      for (const fn of listeners.get(event) || []) fn(value);
    },
    status(message) {
      const el = document.getElementById("status");
      if (el) el.textContent = message;
    },
  };
  return ctx;
}
