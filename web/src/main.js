// The page of `remissgen redigera`: the case file's text to the left; to the right, beside
// it, the document (Förhandsvisning) and the form (Uppgifter), as tabs, or as two more
// columns on a wide screen. Each part is its own module; they meet in ctx (context.js). A
// new panel beside the text is added with addPanel(ctx, {id, label, mount}) from panels.js.
// One check per edit (/api/kontrollera) answers for the problems, the document and the form.
import { api } from "./api.js";
import { createContext } from "./context.js";
import { addPanel, show } from "./panels.js";
import { mountEditor } from "./editor.js";
import { mountProblems } from "./problems.js";
import { mountPreview } from "./preview.js";
import { mountActions } from "./actions.js";
import { mountForm } from "./form.js";

const CHECK_DELAY = 120; // ms after the last keystroke

async function start() {
  const ctx = createContext();
  const [file, schema] = await Promise.all([api.file(), api.schema()]);
  ctx.file = file;
  ctx.schema = schema;
  ctx.baseHash = file.hash;
  document.getElementById("filnamn").textContent = file.name;
  document.title = `${file.name} – remissgen redigera`;

  mountEditor(document.getElementById("text"), ctx, { onSave: () => ctx.save() });
  ctx.showPanel = show;
  addPanel(ctx, { id: "forhandsvisning", label: "Förhandsvisning", mount: () => mountPreview(ctx) });
  addPanel(ctx, { id: "uppgifter", label: "Uppgifter", mount: (panel) => mountForm(panel, ctx) });
  mountProblems(document.getElementById("problem"), ctx);
  mountActions(ctx);

  let timer = null;
  let sent = 0;
  async function check() {
    const mine = ++sent;
    const { status, data } = await api.check(ctx.text());
    if (mine !== sent || status !== 200) return; // a newer check is on its way
    ctx.lastResult = data;
    ctx.emit("result", data);
  }
  ctx.on("change", () => {
    clearTimeout(timer);
    timer = setTimeout(check, CHECK_DELAY);
  });
  ctx.check = check;
  window.remissgen = { ctx, addPanel: (panel) => addPanel(ctx, panel) };
  await check();
  document.body.dataset.klar = "ja";
}

start().catch((err) => {
  document.getElementById("status").textContent = `Sidan kunde inte starta: ${err.message || err}`;
});
