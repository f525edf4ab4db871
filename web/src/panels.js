// Panels of the left column, each a tab: the case file's text is the first. Another panel
// (for example a form) registers itself with addPanel and talks to the rest through ctx.

const panels = [];

export function addPanel(ctx, { id, label, mount }) {
  const tabs = document.getElementById("flikar");
  const holder = document.getElementById("paneler");
  const tab = document.createElement("button");
  tab.type = "button";
  tab.id = `flik-${id}`;
  tab.setAttribute("role", "tab");
  tab.setAttribute("aria-controls", `panel-${id}`);
  tab.textContent = label;
  const panel = document.createElement("section");
  panel.id = `panel-${id}`;
  panel.className = "panel";
  panel.setAttribute("role", "tabpanel");
  panel.setAttribute("aria-labelledby", tab.id);
  tabs.appendChild(tab);
  holder.appendChild(panel);
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
  show(panels[0].id);
  return panel;
}

export function show(id) {
  for (const p of panels) {
    const on = p.id === id;
    p.tab.setAttribute("aria-selected", String(on));
    p.tab.tabIndex = on ? 0 : -1;
    p.panel.hidden = !on;
  }
}
