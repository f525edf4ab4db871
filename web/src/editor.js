// The case file's text: CodeMirror 6 with YAML, schema completion and hover, and the
// problems of the last check as inline markers.
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { autocompletion } from "@codemirror/autocomplete";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { schemaCompletion, schemaHover } from "./schema.js";

// Swedish texts for CodeMirror's own controls (search panel, lint, completion).
const PHRASES = {
  "Find": "Sök", "Replace": "Ersätt", "next": "nästa", "previous": "föregående", "all": "alla",
  "match case": "skiftlägeskänslig", "by word": "hela ord", "regexp": "reguljärt uttryck",
  "replace": "ersätt", "replace all": "ersätt alla", "close": "stäng",
  "Go to line": "Gå till rad", "go": "gå",
  "Diagnostics": "Problem", "No diagnostics": "Inga problem",
  "Completions": "Förslag", "Folded lines": "Hopfällda rader", "Unfolded lines": "Utfällda rader",
  "to": "till", "folded code": "hopfälld kod", "unfold": "fäll ut",
  "Fold line": "Fäll ihop rad", "Unfold line": "Fäll ut rad",
  "selection deleted": "markeringen borttagen", "current match": "aktuell träff",
  "on line": "på rad",
};

export function mountEditor(panel, ctx, { onSave }) {
  const label = document.createElement("h2");
  label.id = "editor-rubrik";
  label.className = "visually-hidden";
  label.textContent = "Ärendefilens text (YAML)";
  const host = document.createElement("div");
  host.id = "editor";
  panel.append(label, host);

  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: ctx.file.text,
      extensions: [
        basicSetup,
        EditorState.phrases.of(PHRASES),
        yaml(),
        lintGutter(),
        autocompletion({ override: [schemaCompletion(ctx)], icons: false }),
        schemaHover(ctx),
        keymap.of([{ key: "Mod-s", preventDefault: true, run: () => { onSave(); return true; } }]),
        EditorView.contentAttributes.of({ "aria-labelledby": "editor-rubrik", "aria-multiline": "true" }),
        EditorView.updateListener.of((u) => { if (u.docChanged) ctx.emit("change", ctx.text()); }),
        EditorView.lineWrapping,
      ],
    }),
  });

  ctx.view = view;
  ctx.text = () => view.state.doc.toString();
  ctx.setText = (text) => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  };
  ctx.goTo = (line, column) => {
    const doc = view.state.doc;
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const pos = Math.min(l.from + Math.max(column - 1, 0), l.to);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  };
  ctx.on("result", (result) => view.dispatch(setDiagnostics(view.state, diagnostics(view.state, ctx, result))));
  return view;
}

// Return CodeMirror diagnostics for the problems and warnings located in this file.
function diagnostics(state, ctx, result) {
  const doc = state.doc;
  const out = [];
  for (const p of [...result.problems, ...result.warnings]) {
    if (p.path !== ctx.file.name || p.line > doc.lines) continue;
    const line = doc.line(Math.max(p.line, 1));
    const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
    const word = /^[^\s:,\]}]+/.exec(doc.sliceString(from, line.to));
    const to = word ? from + word[0].length : Math.min(from + 1, doc.length);
    out.push({
      from, to: Math.max(to, from),
      severity: p.severity === "fel" ? "error" : "warning",
      source: p.severity === "fel" ? "kontrollera" : "granska",
      message: p.hint ? `${p.message}\ntips: ${p.hint}` : p.message,
      renderMessage: () => message(p),
    });
  }
  return out;
}

export function message(p) {
  const el = document.createElement("span");
  el.className = "problem-text";
  const main = document.createElement("span");
  main.textContent = `${p.severity}: ${p.message}`;
  el.append(main);
  if (p.hint) {
    const tip = document.createElement("span");
    tip.className = "tips";
    tip.textContent = `tips: ${p.hint}`;
    el.append(tip);
  }
  return el;
}
