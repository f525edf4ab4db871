// Spara, Bygg, Visa som PDF, and the watch on the file on disk. Saving sends the hash the
// text started from; the server refuses when the file on disk is another, and the page
// then offers to reload (or to overwrite, by the user's own choice): never silently.
import { api } from "./api.js";

export function mountActions(ctx) {
  const saveButton = document.getElementById("spara");
  const buildButton = document.getElementById("bygg");
  const finalButton = document.getElementById("bygg-slutlig");
  const pdfBox = document.getElementById("bygg-pdf");
  const pdfButton = document.getElementById("visa-pdf");
  const result = document.getElementById("byggresultat");
  const banner = document.getElementById("andrad");
  const reload = document.getElementById("las-in");
  const overwrite = document.getElementById("skriv-over");
  let savedText = ctx.file.text;
  let diskHash = ctx.baseHash;
  let busy = 0; // a save or build is writing the file: its new hash is not a change behind us

  const dirty = () => ctx.text() !== savedText;
  const showDirty = () => {
    saveButton.textContent = dirty() ? "Spara*" : "Spara";
    saveButton.setAttribute("aria-label", dirty() ? "Spara (osparade ändringar)" : "Spara");
  };
  ctx.on("change", showDirty);

  function changedOnDisk(hash) {
    diskHash = hash;
    banner.hidden = false;
  }

  function report(text, ok) {
    result.hidden = false;
    result.className = ok ? "ok" : "fel";
    result.textContent = text;
  }

  async function save() {
    const text = ctx.text();
    busy++;
    const { status, data } = await api.save(text, ctx.baseHash).finally(() => busy--);
    if (status === 409) { changedOnDisk(data.disk_hash); report(data.fel, false); return false; }
    if (status !== 200) { report(data.fel, false); return false; }
    ctx.baseHash = data.hash; diskHash = data.hash; savedText = text;
    showDirty();
    ctx.status(`Sparad: ${ctx.file.name}`);
    ctx.emit("saved", text);
    return true;
  }
  ctx.save = save;

  async function build(final = false) {
    const text = ctx.text();
    buildButton.disabled = true;
    finalButton.disabled = true;
    ctx.status(final ? "Bygger den slutliga versionen …" : "Bygger …");
    try {
      busy++;
      const { status, data } = await api.build(text, ctx.baseHash, pdfBox.checked, final)
        .finally(() => busy--);
      if (status === 409) { changedOnDisk(data.disk_hash); report(data.fel, false); return; }
      if (data.hash) { ctx.baseHash = data.hash; diskHash = data.hash; savedText = text; showDirty(); }
      if (data.fel) { report(data.fel, false); ctx.status("Bygget avbröts."); return; }
      report(`Sparade ${ctx.file.name} och skrev ${data.written.join(" och ")}.`, true);
      ctx.status(`Byggt: ${data.written.join(", ")}`);
    } finally {
      buildButton.disabled = false;
      finalButton.disabled = false;
    }
  }

  async function showPdf() {
    pdfButton.disabled = true;
    ctx.status("Gör PDF med LibreOffice …");
    try {
      const { data } = await api.pdf(ctx.text());
      if (data.fel) { report(data.fel, false); return; }
      const frame = document.getElementById("pdf-ram");
      frame.src = `/dokument.pdf?v=${Date.now()}`;
      document.getElementById("pdf-vy").hidden = false;
      ctx.showPanel("forhandsvisning");
      ctx.status("PDF:en visas till höger; Stäng PDF-vyn tar tillbaka dokumentet.");
    } finally {
      pdfButton.disabled = !ctx.file.libreoffice;
    }
  }

  saveButton.addEventListener("click", save);
  buildButton.addEventListener("click", () => build(false));
  finalButton.addEventListener("click", () => build(true));
  if (ctx.file.libreoffice) {
    pdfButton.addEventListener("click", showPdf);
  } else {
    pdfButton.disabled = true;
    pdfButton.textContent = "Visa som PDF: kräver LibreOffice";
    const why = document.getElementById("pdf-tips");
    why.hidden = false;
    why.textContent = `LibreOffice hittades inte, så sidorna kan inte visas som PDF. Tips: ${ctx.file.libreoffice_tips}`;
  }
  document.getElementById("stang-pdf").addEventListener("click", () => {
    document.getElementById("pdf-vy").hidden = true;
  });
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented) return; // the editor's own Ctrl+S has saved already
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save();
    }
  });

  reload.addEventListener("click", async () => {
    const file = await api.file();
    ctx.file.text = file.text;
    ctx.baseHash = file.hash; diskHash = file.hash; savedText = file.text;
    ctx.setText(file.text);
    banner.hidden = true;
    showDirty();
    ctx.status("Filen lästes in från disken.");
  });
  overwrite.addEventListener("click", async () => {
    ctx.baseHash = diskHash; // the user chose to replace the newer file with this text
    banner.hidden = true;
    await save();
  });

  // The file on disk: a hash every second; a change not made by this page is announced.
  setInterval(async () => {
    try {
      const hash = await api.diskHash();
      if (!busy && hash !== ctx.baseHash) changedOnDisk(hash);
    } catch { /* the server has stopped; nothing to do */ }
  }, 1000);
}
