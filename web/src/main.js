// The page of `remissgen redigera`: the case file to the left, the document to the right.
// Each part is its own module; they meet in ctx (context.js). A new left-hand panel is
// added with addPanel(ctx, {id, label, mount}) from panels.js.
import { api } from "./api.js";
import { createContext } from "./context.js";
import { addPanel } from "./panels.js";
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

  addPanel(ctx, { id: "text", label: "Ärendefil", mount: (panel) => mountEditor(panel, ctx, { onSave: () => ctx.save() }) });
  addPanel(ctx, { id: "uppgifter", label: "Uppgifter", mount: (panel) => mountForm(panel, ctx) });
  mountProblems(document.getElementById("problem"), ctx);
  mountPreview(ctx);
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
