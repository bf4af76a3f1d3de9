// What a builder made, for the reader: files to download with their sizes, a document printed from the
// engine's own web page, and a document shown on the builder's page under its own heading.

import { esc } from "./govuk-form.js";

// A file for the reader to keep, from text or bytes: {format, name, label, use, size, url}.
export function madeFile(format, name, data, type, label, use) {
  const blob = new Blob([data], { type });
  return { format, name, label, use, size: blob.size, url: URL.createObjectURL(blob) };
}

// A file's size as GOV.UK writes it beside a download: "38 KB", "1.2 MB".
export function size(bytes) {
  return bytes < 1000 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function downloadsHTML(files) {
  return `<ul class="cc-downloads">${files.map((file) => `<li><a href="${file.url}" download="${esc(file.name)}" class="cc-download" data-format="${file.format}">${esc(file.label)}</a>, ${size(file.size)}. ${esc(file.use)}</li>`).join("")}</ul>`;
}

// Saves text as a file now, as a download link would.
export function downloadText(name, text, type = "text/yaml;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// The engine's own web page of a document, with its print stylesheet, printed from a hidden frame.
export function printDocument(html, title) {
  const frame = document.createElement("iframe");
  frame.className = "cc-print-frame";
  frame.title = title;
  frame.srcdoc = html;
  frame.addEventListener("load", () => {
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 1000);
  });
  document.body.append(frame);
}

// A document the engine made (its HTML fragment) shown in `section`, under the page's own h1: its headings
// move down a level on the page (not in the files), their ids take `prefix`, and links within it are
// plain text (they lead to the document's own sections, not the page's). Its tables sit in the boxes the
// site's own tables sit in, so that one wider than a phone scrolls and can take focus (scroll-regions.js,
// which looks at them again after a resize).
export function showDocument(section, fragment, prefix) {
  section.innerHTML = fragment;
  for (const level of [5, 4, 3, 2, 1]) {
    section.querySelectorAll("h" + level).forEach((heading) => {
      const lower = document.createElement("h" + (level + 1));
      lower.innerHTML = heading.innerHTML;
      if (heading.id) lower.id = prefix + heading.id;
      heading.replaceWith(lower);
    });
  }
  section.querySelectorAll("a.headerlink, a[href^='#']").forEach((a) => a.removeAttribute("href"));
  section.querySelectorAll("table").forEach((table) => {
    const inner = Object.assign(document.createElement("div"), { className: "md-typeset__table" });
    const wrap = Object.assign(document.createElement("div"), { className: "md-typeset__scrollwrap" });
    table.replaceWith(wrap);
    wrap.append(inner);
    inner.append(table);
  });
  window.dispatchEvent(new Event("resize"));
}
