"""The live-reload script, its injection into served HTML, and the page shown before any good build.
Pure. The script is added to responses of the dev server only; a published build never has it."""

from __future__ import annotations

import html
import re

PREFIX = "/__pressroom/"
SCRIPT_PATH = PREFIX + "live.js"
EVENTS_PATH = PREFIX + "events"
STATUS_PATH = PREFIX + "status"
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)

# Listens to the server's events: reloads when the build differs from the one this page came
# from; shows the errors of a failed build over the page and removes them once it builds again.
LIVE_SCRIPT = """\
(() => {
  "use strict";
  const build = document.currentScript ? document.currentScript.dataset.build : "";
  let host = null;
  function hide() { if (host) { host.remove(); host = null; } }
  function show(errors) {
    hide();
    host = document.createElement("pressroom-overlay");
    host.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;display:block");
    const root = host.attachShadow({mode: "open"});
    const style = document.createElement("style");
    style.textContent = `
      .backdrop { position: fixed; inset: 0; background: rgba(20, 20, 20, .55); overflow: auto; }
      .panel { max-width: 56rem; margin: 3rem auto; padding: 1.25rem 1.5rem; background: #fff; color: #1a1a1a;
               border-top: .5rem solid #b00020; border-radius: .25rem; box-shadow: 0 .5rem 2rem rgba(0,0,0,.4);
               font: 15px/1.5 system-ui, sans-serif; }
      h2 { margin: 0 0 .25rem; font-size: 1.25rem; color: #b00020; }
      p { margin: 0 0 1rem; }
      ol { margin: 0; padding-left: 1.5rem; }
      li { margin: 0 0 .75rem; }
      code { font: 13px/1.4 ui-monospace, monospace; background: #f3f3f3; padding: .1rem .3rem; }
      .hint { color: #444; }
      button { float: right; font: inherit; border: 1px solid #999; background: #fff; border-radius: .25rem;
               padding: .1rem .6rem; cursor: pointer; }`;
    const backdrop = document.createElement("div");
    backdrop.className = "backdrop";
    const panel = document.createElement("div");
    panel.className = "panel";
    panel.setAttribute("role", "alert");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", hide);
    const title = document.createElement("h2");
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    title.textContent = `${count}: the site was not rebuilt`;
    const note = document.createElement("p");
    note.textContent = (build ? "This page shows the last good build." : "Nothing has been built yet.") +
      " Fix the file and save: the page updates itself.";
    const list = document.createElement("ol");
    for (const error of errors) {
      const item = document.createElement("li");
      const where = document.createElement("code");
      where.textContent = error.location;
      item.append(where, " ", error.message);
      if (error.hint) {
        const hint = document.createElement("div");
        hint.className = "hint";
        hint.textContent = "→ " + error.hint;
        item.append(hint);
      }
      list.append(item);
    }
    panel.append(close, title, note, list);
    backdrop.append(panel);
    root.append(style, backdrop);
    document.documentElement.append(host);
  }
  const events = new EventSource("__EVENTS__");
  events.onmessage = (message) => {
    const status = JSON.parse(message.data);
    if (status.build !== build) { events.close(); location.reload(); return; }
    if (status.errors.length) { show(status.errors); } else { hide(); }
  };
})();
""".replace("__EVENTS__", EVENTS_PATH)


def script_tag(build_id: str) -> bytes:
    return f'<script src="{SCRIPT_PATH}" data-build="{html.escape(build_id)}"></script>'.encode()


def inject_live_script(page: bytes, build_id: str) -> bytes:
    """The page with the live-reload script before its (last) </body>, or at the end."""
    tag = script_tag(build_id)
    matches = list(_BODY_END.finditer(page))
    if not matches:
        return page + tag
    at = matches[-1].start()
    return page[:at] + tag + b"\n" + page[at:]


def waiting_page() -> bytes:
    """Served while no build has succeeded yet; the overlay says why."""
    return (b'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Pressroom: no build yet</title>'
            b"</head>\n<body>\n<h1>The site has not been built yet</h1>\n<p>The content has errors (listed in the "
            b"terminal and over this page). Fix them and save: this page updates itself.</p>\n</body>\n</html>\n")
