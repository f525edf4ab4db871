// Calls to the editor's own server. No call names a file: the server serves one case file.

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = { fel: await response.text().catch(() => "okänt fel") };
  }
  return { status: response.status, data };
}

async function get(url) {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

export const api = {
  file: () => get("/api/fil"),
  schema: () => get("/api/schema"),
  diskHash: () => get("/api/disk").then((d) => d.hash),
  check: (text) => post("/api/kontrollera", { text }),
  save: (text, hash) => post("/api/spara", { text, hash }),
  build: (text, hash, pdf, slutlig = false) => post("/api/bygg", { text, hash, pdf, slutlig }),
  pdf: (text) => post("/api/pdf", { text }),
};
