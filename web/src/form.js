// The "Uppgifter" panel: the case's facts as a form, made from the field table the server
// describes (/api/formular/falt), so that a new field appears without new code here.
// An edit in the form asks the server to change only that value's lines in the text
// (/api/formular/andra) and puts the new text into the editor; an edit in the text comes
// back here in the same check that brings the problems and the document (its "formular":
// the values written, the values used, where each stands), so one request per edit
// updates all three. Fields left out of the file show the value that will be used, marked
// "härleds" or "från profilen".

import {
  button, help, problemSlot, idOf, written, usedOwner, effective, originOf, assign, signature,
  fieldAt, replaceText,
} from "./formdata.js";
import { message } from "./editor.js";

const EDIT_DELAY = 60; // ms after the last keystroke in a form field

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify(body), credentials: "same-origin",
  });
  return { status: response.status, data: await response.json().catch(() => ({})) };
}

export function mountForm(panel, ctx) {
  const state = {
    fields: [], desc: null, places: [], fromForm: false, locked: false, problems: [], errors: [],
  };
  const heading = document.createElement("h2");
  heading.className = "visually-hidden";
  heading.textContent = "Uppgifter i ärendet";
  const notice = document.createElement("div");
  notice.id = "formular-las";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  const wrap = document.createElement("fieldset");
  wrap.id = "formular";
  wrap.className = "formular";
  const legend = document.createElement("legend");
  legend.className = "visually-hidden";
  legend.textContent = "Uppgifter";
  wrap.append(legend);
  const body = document.createElement("div");
  wrap.append(body);
  panel.append(heading, notice, wrap);

  let shape = "";

  // The check of the text (main.js) carries the form's values: the last valid ones stay
  // while the text has problems, shown read-only (unless a form edit passes through).
  function apply(result) {
    const data = result.formular;
    state.problems = result.problems.concat(result.warnings).filter((p) => p.path === ctx.file.name);
    state.errors = result.problems;
    if (!data) return;
    state.places = data.places || [];
    if (data.giltig) {
      state.desc = data;
      state.locked = false;
    } else {
      state.locked = !state.fromForm; // a form edit may pass through an invalid text
    }
    if (!state.fields.length) return; // drawn once the fields have come
    render();
    ctx.emit("form", state);
  }
  ctx.on("change", () => {
    if (!ctx.formEditing) state.fromForm = false; // typed in the text
  });
  ctx.on("result", apply);
  ctx.fieldFor = (line) => fieldAt(state, line);

  // ---------------------------------------------------------------- edits

  const pending = new Map();
  function later(key, fn) {
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => { pending.delete(key); fn(); }, EDIT_DELAY));
  }

  let queue = Promise.resolve();
  function change(edit) {
    queue = queue.then(async () => {
      const { status, data } = await post("/api/formular/andra", { text: ctx.text(), ...edit });
      if (status !== 200) {
        ctx.status(data.fel || "Ändringen gick inte att göra.");
        return;
      }
      state.fromForm = true;
      replaceText(ctx, data.text);
    }).catch((err) => ctx.status(`Ändringen gick inte att göra: ${err}`));
    return queue;
  }

  // Set the value at `path` (a list of keys and indexes). A value left out whose list or
  // group is used as a whole (from the profile) is written whole, with the change made.
  function setAt(path, value) {
    const owner = usedOwner(state.desc, path);
    if (owner) {
      const whole = structuredClone(effective(state.desc, owner));
      assign(whole, path.slice(owner.length), value);
      return change({ op: "sätt", path: owner, value: whole });
    }
    if (value === "" && typeof path[path.length - 1] === "number") {
      return change({ op: "sätt", path, value }); // an emptied row stays a row
    }
    if (value === "" && written(state.desc, path) !== undefined) {
      return change({ op: "ta_bort", path }); // cleared: back to the derived value
    }
    if (value === "") return queue;
    return change({ op: "sätt", path, value });
  }

  function listEdit(path, op, index, to, value) {
    const owner = usedOwner(state.desc, path) || (written(state.desc, path) === undefined ? path : null);
    if (owner) {
      const list = structuredClone(effective(state.desc, path) || []);
      if (op === "infoga") list.splice(index, 0, value);
      if (op === "ta_bort") list.splice(index, 1);
      if (op === "flytta") list.splice(to, 0, list.splice(index, 1)[0]);
      return change({ op: "sätt", path, value: list });
    }
    if (op === "infoga") return change({ op, path, index, value });
    if (op === "ta_bort") return change({ op, path: [...path, index] });
    return change({ op, path, index, to });
  }

  // ---------------------------------------------------------------- drawing

  function render() {
    wrap.disabled = state.locked;
    wrap.classList.toggle("last", state.locked);
    notice.hidden = !state.locked;
    if (state.locked) {
      const lead = document.createElement("p");
      lead.textContent = "Texten har problem. Formuläret visar de senaste giltiga värdena och går " +
        "inte att ändra förrän texten är rättad:";
      const list = document.createElement("ul");
      for (const p of state.errors || []) {
        const li = document.createElement("li");
        const where = document.createElement("span");
        where.className = "plats";
        where.textContent = p.path === ctx.file.name ? `rad ${p.line}` : `${p.path}:${p.line}`;
        li.append(where, message(p));
        list.append(li);
      }
      notice.replaceChildren(lead, list);
    } else {
      notice.replaceChildren();
    }
    if (!state.desc) return;
    const next = signature(state);
    if (next !== shape) {
      const focused = document.activeElement && wrap.contains(document.activeElement) ? document.activeElement.id : "";
      const caret = focused && "selectionStart" in document.activeElement ? document.activeElement.selectionStart : null;
      body.replaceChildren(...state.fields.map((f) => field(f, f.path, f.path)));
      shape = next;
      const again = focused && document.getElementById(focused);
      if (again) {
        again.focus();
        if (caret !== null && "setSelectionRange" in again) {
          try { again.setSelectionRange(caret, caret); } catch { /* a date input */ }
        }
      }
    }
    fill();
    showProblems();
  }

  // Put each control's value and its origin mark in place, except in the one being typed in.
  function fill() {
    for (const el of body.querySelectorAll("[data-path], [data-lista]")) {
      const path = JSON.parse(el.dataset.path || el.dataset.lista);
      const origin = originOf(state.desc, path);
      const mark = document.getElementById(`${el.id}-ursprung`);
      if (mark) {
        mark.textContent = origin || "";
        mark.hidden = !origin;
      }
      el.classList.toggle("harleds", Boolean(origin));
      if (el.dataset.lista || el === document.activeElement || pending.size) continue;
      const value = effective(state.desc, path);
      let shown = typeof value === "string" ? value : "";
      if (el.tagName === "SELECT") shown = shown.trim().toLowerCase();
      if (el.value !== shown) el.value = shown;
    }
  }

  function field(f, path, idPath) {
    const id = idOf(idPath);
    const box = document.createElement("div");
    box.className = `falt falt-${f.kind}`;
    box.dataset.falt = path.join(".");
    if (f.kind === "grupp") {
      const set = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = f.title;
      set.append(legend, help(f, id), ...f.children.map((c) => field(c, [...path, c.key], [...idPath, c.key])));
      box.append(set);
      return box;
    }
    if (f.kind === "textlista" || f.kind === "grupplista") {
      box.append(list(f, path, id));
      return box;
    }
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = f.title + (f.required ? " *" : "");
    const origin = document.createElement("span");
    origin.className = "ursprung";
    origin.id = `${id}-ursprung`;
    origin.hidden = true;
    const control = input(f, id, path);
    const row = document.createElement("div");
    row.className = "rad";
    row.append(control);
    if (f.kind === "långtext") box.append(label, origin, toolbar(control, f), row);
    else box.append(label, origin, row);
    const empty = button("Töm", `Skriv en tom text i ${f.title}, som tar bort ett värde från profilen`, () => {
      control.value = "";
      change({ op: "sätt", path, value: "" });
    });
    empty.className = "tom";
    row.append(empty);
    box.append(help(f, id), problemSlot(id));
    control.setAttribute("aria-describedby", `${id}-hjalp ${id}-problem ${id}-ursprung`);
    return box;
  }

  function input(f, id, path) {
    let el;
    if (f.kind === "långtext") {
      el = document.createElement("textarea");
      el.rows = 5;
    } else if (f.kind === "janej") { // ja or nej, as the contract reads it; blank: left out
      el = document.createElement("select");
      for (const [value, label] of [["", "(inte angivet)"], ["ja", "ja"], ["nej", "nej"]]) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = label;
        el.append(option);
      }
    } else {
      el = document.createElement("input");
      el.type = f.kind === "datum" ? "date" : "text";
    }
    el.id = id;
    el.dataset.path = JSON.stringify(path);
    const send = () => setAt(path, el.value);
    if (f.kind === "datum" || f.kind === "janej") el.addEventListener("change", send); // whole values only
    else el.addEventListener("input", () => later(id, send));
    return el;
  }

  function toolbar(area, f) {
    const bar = document.createElement("div");
    bar.className = "verktyg";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", `Formatering av ${f.title}`);
    const wrapWith = (mark) => () => {
      const { selectionStart: a, selectionEnd: b, value } = area;
      const picked = value.slice(a, b) || "text";
      area.value = value.slice(0, a) + mark + picked + mark + value.slice(b);
      area.setSelectionRange(a + mark.length, a + mark.length + picked.length);
      area.dispatchEvent(new Event("input"));
      area.focus();
    };
    const lines = (numbered) => () => {
      const { selectionStart: a, selectionEnd: b, value } = area;
      const start = value.lastIndexOf("\n", a - 1) + 1;
      const endAt = value.indexOf("\n", b);
      const end = endAt < 0 ? value.length : endAt;
      const chosen = value.slice(start, end).split("\n");
      const made = chosen.map((l, n) => `${numbered ? `${n + 1}.` : "-"} ${l || "punkt"}`).join("\n");
      const before = start > 0 && value.slice(0, start).trim() && !value.slice(0, start).endsWith("\n\n") ? "\n" : "";
      area.value = value.slice(0, start) + before + made + value.slice(end);
      area.dispatchEvent(new Event("input"));
      area.focus();
    };
    bar.append(button("Fet", "Fet stil: **text**", wrapWith("**")),
      button("Kursiv", "Kursiv stil: *text*", wrapWith("*")),
      button("Punktlista", "Gör raderna till en punktlista (- )", lines(false)),
      button("Numrerad lista", "Gör raderna till en numrerad lista (1. )", lines(true)));
    return bar;
  }

  function list(f, path, id) {
    const set = document.createElement("fieldset");
    set.className = "lista";
    const legend = document.createElement("legend");
    legend.textContent = f.title + (f.required ? " *" : "");
    const origin = document.createElement("span");
    origin.className = "ursprung";
    origin.id = `${id}-ursprung`;
    origin.hidden = true;
    legend.append(" ", origin);
    set.append(legend, help(f, id));
    const items = effective(state.desc, path) || [];
    const ol = document.createElement("ol");
    items.forEach((_, n) => {
      const li = document.createElement("li");
      li.className = "listrad";
      const itemId = `${id}-${n}`;
      if (f.kind === "textlista") {
        const label = document.createElement("label");
        label.htmlFor = itemId;
        label.className = "visually-hidden";
        label.textContent = `${f.title} ${n + 1}`;
        const el = document.createElement("input");
        el.type = "text";
        el.id = itemId;
        el.dataset.path = JSON.stringify([...path, n]);
        el.addEventListener("input", () => later(itemId, () => setAt([...path, n], el.value)));
        li.append(label, el);
      } else {
        const group = document.createElement("fieldset");
        const lg = document.createElement("legend");
        lg.textContent = `${f.title} ${n + 1}`;
        group.append(lg, ...f.children.map((c) => field(c, [...path, n, c.key], [...path, n, c.key])));
        li.append(group);
      }
      const tools = document.createElement("span");
      tools.className = "radknappar";
      tools.append(
        button("Upp", `Flytta ${f.title} ${n + 1} uppåt`, () => listEdit(path, "flytta", n, n - 1), n === 0),
        button("Ner", `Flytta ${f.title} ${n + 1} nedåt`, () => listEdit(path, "flytta", n, n + 1), n === items.length - 1),
        button("Ta bort", `Ta bort ${f.title} ${n + 1}`, () => listEdit(path, "ta_bort", n)));
      li.append(tools);
      ol.append(li);
    });
    const add = button(`Lägg till`, `Lägg till en rad i ${f.title}`, () => {
      const blank = f.kind === "textlista" ? "FYLL I" : Object.fromEntries(f.children.filter((c) => c.required).map((c) => [c.key, "FYLL I"]));
      listEdit(path, "infoga", items.length, null, blank);
    });
    add.className = "lagg-till";
    const empty = button("Töm", `Skriv en tom text i ${f.title}, som tar bort listan från profilen`, () => change({ op: "sätt", path, value: "" }));
    empty.className = "tom";
    set.append(ol, add, empty, problemSlot(id));
    set.id = id;
    set.dataset.lista = JSON.stringify(path);
    return set;
  }

  function showProblems() {
    for (const slot of body.querySelectorAll(".falt-problem")) slot.replaceChildren();
    for (const el of body.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const p of state.problems) {
      const path = fieldAt(state, p.line);
      if (!path) continue;
      const slot = slotFor(path);
      if (!slot) continue;
      const item = document.createElement("button");
      item.type = "button";
      item.className = p.severity === "fel" ? "fel" : "varning";
      item.textContent = `${p.severity}: ${p.message} (rad ${p.line})`;
      item.title = p.hint ? `tips: ${p.hint}` : "";
      item.addEventListener("click", () => ctx.goTo(p.line, p.column));
      slot.append(item);
      const control = document.getElementById(slot.id.replace(/-problem$/, ""));
      if (control && p.severity === "fel") control.setAttribute("aria-invalid", "true");
    }
  }

  function slotFor(path) {
    for (let n = path.length; n > 0; n--) {
      const slot = document.getElementById(`${idOf(path.slice(0, n))}-problem`);
      if (slot) return slot;
    }
    return null;
  }

  fetch("/api/formular/falt", { credentials: "same-origin" }).then((r) => r.json()).then((fields) => {
    state.fields = fields;
    if (ctx.lastResult) apply(ctx.lastResult);
  });
}
