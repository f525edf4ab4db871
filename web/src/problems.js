// The list of problems (kontrollera) and warnings (granska) under the editor. Each entry
// is a button: it moves the cursor to the problem's line and column.
import { message } from "./editor.js";

export function mountProblems(container, ctx) {
  const heading = document.createElement("h2");
  heading.id = "problem-rubrik";
  heading.textContent = "Problem och varningar";
  const summary = document.createElement("p");
  summary.id = "problem-summering";
  summary.setAttribute("aria-live", "polite");
  const list = document.createElement("ul");
  list.id = "problemlista";
  list.setAttribute("aria-labelledby", "problem-rubrik");
  container.append(heading, summary, list);

  ctx.on("result", (result) => {
    const all = [...result.problems, ...result.warnings];
    const n = result.problems.length, w = result.warnings.length;
    summary.textContent = n === 0 && w === 0 ? "Inga problem och inga varningar."
      : `${count(n, "problem", "problem")}, ${count(w, "varning", "varningar")}.`;
    list.replaceChildren(...all.map((p) => entry(p, ctx)));
  });
}

function count(n, one, many) {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

function entry(p, ctx) {
  const li = document.createElement("li");
  li.className = p.severity === "fel" ? "fel" : "varning";
  li.dataset.line = p.line;
  li.dataset.column = p.column;
  const button = document.createElement("button");
  button.type = "button";
  const where = document.createElement("span");
  where.className = "plats";
  const own = p.path === ctx.file.name;
  where.textContent = own ? `rad ${p.line}, kolumn ${p.column}` : `${p.path}:${p.line}:${p.column}`;
  button.append(where, message(p));
  const path = own && ctx.fieldFor ? ctx.fieldFor(p.line) : null;
  if (path) { // the form's field too (Uppgifter)
    const field = document.createElement("span");
    field.className = "falt-namn";
    field.textContent = `fält: ${path.map((k) => (typeof k === "number" ? k + 1 : k)).join(" › ")}`;
    button.append(field);
  }
  if (own) button.addEventListener("click", () => ctx.goTo(p.line, p.column));
  else button.disabled = true;
  li.append(button);
  return li;
}
