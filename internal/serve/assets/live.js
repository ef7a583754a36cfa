// Live reload for `lexsite serve`. The preview server adds this script to
// the HTML pages it serves; it is never part of a built site.
//
// The server sends one event per finished build over /__lexsite/events:
//   state   {version, ok, diagnostics}  on connect, and when only the
//           error state changed
//   reload  {version, ok}               the pages changed: reload
//   css     {version, previous, ok, diagnostics, files}
//                                       only stylesheets changed: swap them
// The page knows the version it was built from (the ?v= of this script),
// so a page that missed a build — loaded just before it, or open while the
// server restarted — reloads as soon as it connects.
//
// The script reconnects on its own timer whenever the stream fails, rather
// than leaving it to the browser: before a stream has delivered the
// server's "retry:", a browser waits its own default (3 s in Chromium)
// between attempts, and after an answer that is not a stream it gives up
// for good. The timer starts short and backs off to a few seconds while
// the server is away; a tab brought back to the front, or a computer back
// online, tries again at once, since hidden tabs run timers rarely.
//
// The script element's data-lexsite-live tells where the script stands:
// "connecting", "connected" (the stream is open and the page is current),
// "reconnecting" (waiting to try again) or "reloading".
(function () {
  "use strict";

  var prefix = "/__lexsite/";
  var scrollKey = "lexsite:scroll";
  var overlayId = "lexsite-overlay";
  var firstDelay = 250; // ms before the first new attempt
  var maxDelay = 2000; // ms between attempts, at most
  var script = document.currentScript;
  var version = script ? new URL(script.src, location.href).searchParams.get("v") || "" : "";
  var events = null; // the open or opening stream, if any
  var timer = 0; // the pending new attempt, if any
  var delay = firstDelay;
  var leaving = false; // the page is reloading: no more attempts

  restoreScroll();
  connect();
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      wake();
    }
  });
  window.addEventListener("online", wake);
  window.addEventListener("pageshow", function (e) {
    // Back from the back-forward cache: the page may be stale, and a
    // reload it started may not have happened.
    if (e.persisted) {
      leaving = false;
      wake();
    }
  });

  function mark(state) {
    if (script) {
      script.setAttribute("data-lexsite-live", state);
    }
  }

  // here is the page's own address, so a saved position is only used on
  // the page it was saved on.
  function here() {
    return location.pathname + location.search;
  }

  function reload() {
    leaving = true;
    mark("reloading");
    stop();
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ path: here(), x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Storage may be off; the reload still happens.
    }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return;
    }
    if (!saved || saved.path !== here()) {
      return;
    }
    var apply = function () {
      // "instant": a site's scroll-behavior: smooth would otherwise
      // animate the page back down after every save.
      window.scrollTo({ left: saved.x, top: saved.y, behavior: "instant" });
    };
    apply();
    // Images and fonts can change the layout until the page has loaded.
    window.addEventListener("load", apply, { once: true });
  }

  // swapStyles re-requests the page's own stylesheets with a new query, so
  // the browser fetches them again; the old link goes once the new one has
  // loaded, so the page never shows unstyled.
  function swapStyles(v) {
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname.indexOf(prefix) === 0) {
        return;
      }
      url.searchParams.set("lexsite", v);
      var next = link.cloneNode(false);
      next.href = url.href;
      var done = function () {
        link.remove();
      };
      next.addEventListener("load", done, { once: true });
      next.addEventListener("error", done, { once: true });
      link.after(next);
    });
  }

  function connect() {
    timer = 0;
    if (leaving) {
      return;
    }
    mark("connecting");
    var source = new EventSource(prefix + "events");
    events = source;
    source.addEventListener("state", function (e) {
      var s = JSON.parse(e.data);
      if (s.version && s.version !== version) {
        reload();
        return;
      }
      delay = firstDelay;
      mark("connected");
      show(s);
    });
    source.addEventListener("reload", function () {
      reload();
    });
    source.addEventListener("css", function (e) {
      var s = JSON.parse(e.data);
      if (s.previous !== version) {
        reload();
        return;
      }
      version = s.version;
      swapStyles(s.version);
      show(s);
    });
    source.addEventListener("error", function () {
      // The stream ended or could not be opened: the server stopped, is
      // restarting, or answered with something else than a stream. Try
      // again on our own timer, whatever the browser would have done.
      if (source !== events) {
        return;
      }
      stop();
      retry();
    });
  }

  // stop closes the stream and forgets any pending attempt.
  function stop() {
    if (events) {
      events.close();
      events = null;
    }
    if (timer) {
      window.clearTimeout(timer);
      timer = 0;
    }
  }

  function retry() {
    if (leaving || timer) {
      return;
    }
    mark("reconnecting");
    timer = window.setTimeout(connect, delay);
    delay = Math.min(delay * 2, maxDelay);
  }

  // wake tries at once when no stream is open or opening: the page waits
  // for its timer, or the browser closed the stream (a page put in the
  // back-forward cache).
  function wake() {
    if (leaving || (events && events.readyState !== EventSource.CLOSED)) {
      return;
    }
    stop();
    connect();
  }

  function show(s) {
    if (s.ok) {
      var box = document.getElementById(overlayId);
      if (box) {
        box.remove();
      }
      return;
    }
    showOverlay(s.diagnostics || []);
  }

  // el makes an element whose text is set as text, never parsed as HTML:
  // diagnostics quote the author's input.
  function el(tag, className, text) {
    var e = document.createElement(tag);
    e.className = className;
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function ensureStyles() {
    if (document.getElementById(overlayId + "-css")) {
      return;
    }
    var link = document.createElement("link");
    link.id = overlayId + "-css";
    link.rel = "stylesheet";
    link.href = prefix + "live.css";
    (document.head || document.documentElement).appendChild(link);
  }

  function showOverlay(diagnostics) {
    ensureStyles();
    var box = document.getElementById(overlayId);
    if (!box) {
      box = el("aside", "lexsite-overlay");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.setAttribute("lang", "en");
      box.setAttribute("dir", "ltr");
      (document.body || document.documentElement).appendChild(box);
    }
    var errors = diagnostics.filter(function (d) {
      return d.severity === "error";
    }).length;
    var title = el("p", "lexsite-overlay__title",
      errors === 1 ? "The site does not build: 1 error." : "The site does not build: " + errors + " errors.");
    var note = el("p", "lexsite-overlay__note",
      "You are seeing the last good build. This message goes away by itself when the problems are fixed.");
    var list = el("ul", "lexsite-overlay__list");
    diagnostics.forEach(function (d) {
      var item = el("li", "lexsite-overlay__item lexsite-overlay__item--" + (d.severity === "error" ? "error" : "warning"));
      item.append(
        el("code", "lexsite-overlay__where", d.path + ":" + d.line + ":" + d.col),
        " ",
        el("span", "lexsite-overlay__severity", d.severity + ":"),
        " ",
        el("span", "lexsite-overlay__message", d.message)
      );
      list.appendChild(item);
    });
    var hide = el("button", "lexsite-overlay__hide", "Hide");
    hide.type = "button";
    hide.addEventListener("click", function () {
      box.hidden = true;
    });
    box.replaceChildren(title, note, list, hide);
    box.hidden = false;
  }
})();
