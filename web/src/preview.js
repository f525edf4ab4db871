// The document: the .docx bytes remissgen built from the current text, drawn by
// docx-preview as HTML (real text a screen reader can read). While the text has problems
// the last good document stays, marked as stale with the number of problems.
import { renderAsync } from "docx-preview";

const OPTIONS = {
  inWrapper: true, breakPages: true, renderHeaders: true, renderFooters: true,
  renderFootnotes: true, useBase64URL: true, ignoreLastRenderedPageBreak: false,
  experimental: false, className: "docx",
};

export function mountPreview(ctx) {
  const holder = document.getElementById("forhandsvisning");
  const stale = document.getElementById("inaktuell");
  let rendering = Promise.resolve();
  let generation = 0;

  ctx.on("result", (result) => {
    const n = result.problems.length;
    if (!result.docx) {
      stale.hidden = false;
      stale.textContent = `Inaktuellt: ärendefilen har ${n === 1 ? "1 problem" : `${n} problem`}. ` +
        "Dokumentet visar den senaste giltiga texten.";
      holder.classList.add("inaktuell");
      holder.setAttribute("aria-busy", "false");
      return;
    }
    const mine = ++generation;
    const bytes = Uint8Array.from(atob(result.docx), (c) => c.charCodeAt(0));
    rendering = rendering.then(async () => {
      if (mine !== generation) return; // a newer document is on its way
      const next = document.createElement("div");
      next.className = "dokument";
      await renderAsync(bytes, next, next, OPTIONS);
      // docx-preview drops the image's description (docPr descr); the only image remissgen
      // writes is the logo, so its alternative text is put back for screen readers.
      for (const img of next.querySelectorAll("img:not([alt]), img[alt='']")) {
        img.alt = result.logo_alt || "";
      }
      if (mine !== generation) return;
      holder.replaceChildren(next);
      holder.classList.remove("inaktuell");
      stale.hidden = true;
      holder.dataset.version = String(mine);
      ctx.emit("rendered", mine);
    }).catch((err) => {
      stale.hidden = false;
      stale.textContent = "Dokumentet kunde inte visas: " + err;
    });
  });
}
