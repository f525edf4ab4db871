// The "Uppgifter" panel's helpers: what the form shows at a path (the file's value, or the
// value used, derived or from the profile), small controls, and putting a new text into
// the editor as the smallest change.

export function button(label, title, fn, disabled = false) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.title = title;
  b.setAttribute("aria-label", title);
  b.disabled = disabled;
  b.addEventListener("click", fn);
  return b;
}

export function help(f, id) {
  const p = document.createElement("p");
  p.className = "hjalp";
  p.id = `${id}-hjalp`;
  p.textContent = f.help;
  return p;
}

export function problemSlot(id) {
  const div = document.createElement("div");
  div.className = "falt-problem";
  div.id = `${id}-problem`;
  div.setAttribute("aria-live", "polite");
  return div;
}

export function idOf(path) {
  return "f-" + path.map((p) => String(p).replace(/[^\p{L}\p{N}_-]/gu, "_")).join("-");
}

// The value at `path` in the file, or undefined when it is not written there.
export function written(desc, path) {
  let node = desc ? desc.values : undefined;
  for (const part of path) {
    if (node === null || typeof node !== "object" || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

// The shortest prefix of `path` that the file leaves out and whose value is used whole.
export function usedOwner(desc, path) {
  if (!desc) return null;
  for (let n = 1; n <= path.length; n++) {
    const prefix = path.slice(0, n);
    if (written(desc, prefix) !== undefined) continue;
    if (desc.used[prefix.join(".")] && n < path.length) return prefix;
    return null;
  }
  return null;
}

// What the document will use at `path`: the file's value, else the derived or profile one.
export function effective(desc, path) {
  const own = written(desc, path);
  if (own !== undefined) return own;
  for (let n = path.length; n > 0; n--) {
    const used = desc && desc.used[path.slice(0, n).join(".")];
    if (used) {
      let node = used.value;
      for (const part of path.slice(n)) node = node && typeof node === "object" ? node[part] : undefined;
      return node;
    }
  }
  return undefined;
}

export function originOf(desc, path) {
  if (written(desc, path) !== undefined) return "";
  for (let n = path.length; n > 0; n--) {
    const used = desc && desc.used[path.slice(0, n).join(".")];
    if (used) return used.origin;
    if (written(desc, path.slice(0, n - 1)) !== undefined && n - 1 > 0) break;
  }
  return "";
}

export function assign(target, path, value) {
  let node = target;
  path.slice(0, -1).forEach((p) => { node = node[p]; });
  node[path[path.length - 1]] = value;
}

// A key for the form's structure: which lists have how many rows. Values are not in it.
export function signature(state) {
  const counts = [];
  const walk = (fields, path) => {
    for (const f of fields) {
      const here = [...path, f.key];
      if (f.kind === "grupp") walk(f.children, here);
      if (f.kind === "textlista" || f.kind === "grupplista") {
        const items = effective(state.desc, here) || [];
        counts.push(`${here.join(".")}=${Array.isArray(items) ? items.length : 0}`);
      }
    }
  };
  walk(state.fields, []);
  return counts.join(";");
}

// The deepest written value whose lines hold `line`.
export function fieldAt(state, line) {
  let best = null;
  for (const place of state.places) {
    if (place.first <= line && line <= place.last) {
      if (!best || place.path.length > best.path.length) best = place;
    }
  }
  return best ? best.path : null;
}

// Put `next` into the editor as the smallest change from its current text.
export function replaceText(ctx, next) {
  const view = ctx.view;
  const now = view.state.doc.toString();
  if (now === next) return;
  let a = 0;
  while (a < now.length && a < next.length && now[a] === next[a]) a++;
  let b = 0;
  while (b < now.length - a && b < next.length - a && now[now.length - 1 - b] === next[next.length - 1 - b]) b++;
  ctx.formEditing = true;
  try {
    view.dispatch({ changes: { from: a, to: now.length - b, insert: next.slice(a, next.length - b) } });
  } finally {
    ctx.formEditing = false;
  }
}
