// The panels beside the case file's text, each a tab of the right-hand column: the
// document (Förhandsvisning) and the form (Uppgifter). The text itself is never a tab, so
// it stays in view whichever panel is shown. On a wide screen (WIDE) there are no tabs:
// text, form and document stand in three columns. Another panel registers itself with
// addPanel and talks to the rest through ctx.

const panels = [];
const WIDE = "(min-width: 1600px)";
let chosen = null;

export function addPanel(ctx, { id, label, mount }) {
  const tabs = document.getElementById("flikar");
  const holder = document.getElementById("paneler");
  const tab = document.createElement("button");
  tab.type = "button";
  tab.id = `flik-${id}`;
  tab.setAttribute("role", "tab");
  tab.setAttribute("aria-controls", `panel-${id}`);
  tab.textContent = label;
  let panel = document.getElementById(`panel-${id}`); // a panel the page already holds
  if (!panel) {
    panel = document.createElement("section");
    panel.id = `panel-${id}`;
    holder.appendChild(panel);
  }
  panel.classList.add("panel");
  panel.setAttribute("role", "tabpanel");
  panel.setAttribute("aria-labelledby", tab.id);
  tabs.appendChild(tab);
  panels.push({ id, tab, panel });
  tab.addEventListener("click", () => show(id));
  tab.addEventListener("keydown", (event) => {
    const at = panels.findIndex((p) => p.id === id);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = panels[(at + step + panels.length) % panels.length];
    show(next.id);
    next.tab.focus();
  });
  mount(panel, ctx);
  show(chosen || panels[0].id);
  return panel;
}

// Show the panel `id` (its tab chosen); on a wide screen every panel is shown anyway.
export function show(id) {
  chosen = id;
  const wide = window.matchMedia(WIDE).matches;
  document.body.dataset.vy = wide ? "tre" : "flikar";
  for (const p of panels) {
    const on = p.id === id;
    p.tab.setAttribute("aria-selected", String(on));
    p.tab.tabIndex = on ? 0 : -1;
    p.panel.hidden = !on && !wide;
  }
}

window.matchMedia(WIDE).addEventListener("change", () => { if (chosen) show(chosen); });
