// Completion and hover from the case file's JSON Schema (the one `remissgen schema` prints),
// and snippets for list items. The key path at a position is found from the indentation of
// the lines above it, which is how a case file is written (block style).
import { snippetCompletion } from "@codemirror/autocomplete";
import { hoverTooltip } from "@codemirror/view";

const KEY_LINE = /^(\s*)((?:-\s+)*)([^\s#:'"\-][^:#]*?|"[^"]*"|'[^']*')\s*:(?:\s|$)/;
const DASH_LINE = /^(\s*)-(?:\s|$)/;

// Return {keys, keyCol} for the key of line `lineNo` (1-based), or null.
function lineKey(text) {
  const m = KEY_LINE.exec(text);
  if (!m) return null;
  return { key: m[3].replace(/^["']|["']$/g, ""), dashCol: m[1].length, keyCol: m[1].length + m[2].length, dashes: m[2].length > 0 };
}

// Return the keys from the root to the mapping that holds column `col` of line `lineNo`.
export function parentPath(doc, lineNo, col) {
  const path = [];
  let target = col;
  for (let n = lineNo - 1; n >= 1 && target > 0; n--) {
    const text = doc.line(n).text;
    if (!text.trim() || text.trimStart().startsWith("#")) continue;
    const indent = text.length - text.trimStart().length;
    if (indent >= target) continue;
    const k = lineKey(text);
    if (k && k.keyCol < target) {
      path.unshift(k.key);
      target = k.dashes ? k.dashCol : k.keyCol;
      continue;
    }
    if (k && k.dashes && k.dashCol < target) { target = k.dashCol; continue; }
    if (DASH_LINE.test(text)) { target = indent; continue; }
    target = indent; // a line of a block scalar or a flow value; go on above it
  }
  return path;
}

// Return the schema of the mapping at `path` (lists stepped into), or null.
export function schemaAt(root, path) {
  let s = root;
  for (const key of path) {
    s = intoItems(s);
    if (!s || !s.properties || !s.properties[key]) return null;
    s = s.properties[key];
  }
  return intoItems(s);
}

function intoItems(s) {
  while (s && !s.properties && s.items) s = s.items;
  return s;
}

function types(s) {
  return Array.isArray(s.type) ? s.type : [s.type];
}

export function isDate(s) {
  return Boolean(s && s.description && s.description.includes("ÅÅÅÅ-MM-DD"));
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function keyInsert(key, s, indent) {
  const t = types(s);
  const inner = " ".repeat(indent + 2);
  if (t.includes("object") && !t.includes("string")) return `${key}:\n${inner}`;
  if (t.includes("array") && !t.includes("string")) return `${key}:\n${inner}- `;
  return `${key}: `;
}

function info(s, required) {
  return () => {
    const el = document.createElement("div");
    el.className = "schema-info";
    const title = document.createElement("strong");
    title.textContent = s.title || "";
    const body = document.createElement("p");
    body.textContent = s.description || "";
    el.append(title, body);
    if (isDate(s)) {
      const fmt = document.createElement("p");
      fmt.textContent = "Datumformat: ÅÅÅÅ-MM-DD, till exempel " + today() + ".";
      el.append(fmt);
    }
    if (required && !/Måste finnas/.test(s.description || "")) {
      const req = document.createElement("p");
      req.textContent = "Måste finnas.";
      el.append(req);
    }
    return el;
  };
}

const SNIPPETS = [
  ["motionär", "en motionär i remiss.motionärer", "- namn: ${Förnamn Efternamn}\n  parti: ${X}"],
  ["behandlat", "ett organ i beredning.behandlat", "- organ: ${pensionärsrådet}\n  datum: ${" + "ÅÅÅÅ-MM-DD" + "}"],
  ["underskrift", "en underskrift i underskrifter", "- namn: ${Förnamn Efternamn}\n  titel: ${Titel}"],
  ["bilaga", "en bilaga i bilagor", "- ${Bilagans namn}"],
  ["avsnitt", "ett eget avsnitt i avsnitt", "- rubrik: ${Rubrik}\n  text: |\n    ${Text}"],
];

function snippets() {
  return SNIPPETS.map(([label, detail, template]) =>
    snippetCompletion(template.replace("ÅÅÅÅ-MM-DD", today()), {
      label, detail: "mall för " + detail, type: "text", boost: -1,
    }));
}

// A completion source: keys (with their Swedish descriptions), values and snippets.
export function schemaCompletion(ctx) {
  return (context) => {
    const schema = ctx.schema;
    if (!schema) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const keyM = /^(\s*)((?:-\s+)*)([\p{L}_\-]*)$/u.exec(before);
    if (keyM) {
      const col = keyM[1].length + keyM[2].length;
      const word = keyM[3];
      if (!word && !context.explicit) return null;
      const path = parentPath(context.state.doc, line.number, keyM[2] ? keyM[1].length + 1 : col);
      const at = schemaAt(schema, path);
      const options = [];
      if (at && at.properties) {
        const present = siblings(context.state.doc, line.number, col);
        const required = new Set(at.required || []);
        for (const [key, s] of Object.entries(at.properties)) {
          if (present.has(key)) continue;
          options.push({ label: key, type: "property", detail: s.title,
            apply: keyInsert(key, s, col), info: info(s, required.has(key)) });
        }
      }
      options.push(...snippets());
      return { from: context.pos - word.length, options, validFor: /^[\p{L}_\-]*$/u };
    }
    const valM = /^(\s*)((?:-\s+)*)([^\s#:][^:#]*?):\s+(\S*)$/u.exec(before);
    if (valM) {
      const col = valM[1].length + valM[2].length;
      const path = parentPath(context.state.doc, line.number, valM[2] ? valM[1].length + 1 : col);
      const at = schemaAt(schema, path);
      const s = at && at.properties && at.properties[valM[3]];
      if (!s) return null;
      const options = [];
      if (isDate(s)) options.push({ label: today(), detail: "dagens datum (ÅÅÅÅ-MM-DD)", type: "constant" });
      for (const ex of s.examples || []) {
        if (typeof ex === "string") options.push({ label: ex, detail: "exempel", type: "text" });
      }
      if (!options.length) return null;
      return { from: context.pos - valM[4].length, options };
    }
    return null;
  };
}

// Return the keys already written in the mapping that holds column `col` of line `lineNo`.
function siblings(doc, lineNo, col) {
  const found = new Set();
  for (const dir of [-1, 1]) {
    for (let n = lineNo + dir; n >= 1 && n <= doc.lines; n += dir) {
      const text = doc.line(n).text;
      if (!text.trim() || text.trimStart().startsWith("#")) continue;
      const k = lineKey(text);
      const indent = text.length - text.trimStart().length;
      if (k && k.keyCol === col) { found.add(k.key); if (k.dashes && dir < 0) break; continue; }
      if (indent < col) break;
    }
  }
  return found;
}

// Hover over a key: its title, Swedish description and format.
export function schemaHover(ctx) {
  return hoverTooltip((view, pos) => {
    const schema = ctx.schema;
    if (!schema) return null;
    const line = view.state.doc.lineAt(pos);
    const k = lineKey(line.text);
    if (!k) return null;
    const from = line.from + k.keyCol, to = from + k.key.length;
    if (pos < from || pos > to) return null;
    const path = parentPath(view.state.doc, line.number, k.dashes ? k.dashCol + 1 : k.keyCol);
    const at = schemaAt(schema, path);
    const s = at && at.properties && at.properties[k.key];
    if (!s) return null;
    return { pos: from, end: to, above: true,
      create: () => ({ dom: info(s, (at.required || []).includes(k.key))() }) };
  });
}
