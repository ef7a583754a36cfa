/* Lexsite: flow.js. "Your answers" on the steps of a decision guide.
 *
 * Walking a flow needs no script: every answer is a plain link. This file
 * only adds a summary of the answers given in this browser tab, each with a
 * "Change" link back to its question, the way GOV.UK smart answers do.
 * Answers stay in sessionStorage, so they are gone when the tab closes and
 * never leave the reader's device. Without the script, or without storage,
 * the summary stays hidden and nothing else changes.
 *
 * Plain ES5 and DOM level 2 so that old phone browsers run it too; no
 * inline code, so a strict Content-Security-Policy holds.
 */
(function () {
  "use strict";

  var box = document.querySelector(".your-answers[data-flow]");
  var restarts = document.querySelectorAll("[data-restart]");
  var storage = null;
  try {
    storage = window.sessionStorage;
    storage.setItem("lexsite-test", "1");
    storage.removeItem("lexsite-test");
  } catch (e) {
    storage = null;
  }
  if (!storage || !window.JSON) {
    return;
  }

  // On a step, the flow's key; on an overview page, none: its Start
  // button then forgets the answers of every flow.
  var flowKey = box ? box.getAttribute("data-flow") : null;

  function key(flow) {
    return "lexsite-flow:" + flow;
  }

  function load(flow) {
    try {
      var list = JSON.parse(storage.getItem(key(flow)) || "[]");
      return list instanceof Array ? list : [];
    } catch (e) {
      return [];
    }
  }

  function save(flow, list) {
    try {
      storage.setItem(key(flow), JSON.stringify(list));
    } catch (e) {
      /* storage full or refused: the summary is a convenience */
    }
  }

  function clearAll() {
    var doomed = [];
    for (var i = 0; i < storage.length; i++) {
      var k = storage.key(i);
      if (k && k.indexOf("lexsite-flow:") === 0 && (!box || k === key(flowKey))) {
        doomed.push(k);
      }
    }
    for (var j = 0; j < doomed.length; j++) {
      storage.removeItem(doomed[j]);
    }
  }

  for (var r = 0; r < restarts.length; r++) {
    restarts[r].addEventListener("click", clearAll, false);
  }

  if (!box) {
    return;
  }
  var step = box.getAttribute("data-step");
  var question = box.getAttribute("data-question");
  var list = load(flowKey);

  // The answers that led here: those given before this step if the reader
  // came back to it, else all of them if the last one leads here. A list
  // that does not lead here (a step opened from a bookmark) is not shown.
  var shown = [];
  var at = -1;
  for (var i = 0; i < list.length; i++) {
    if (list[i] && list[i].step === step) {
      at = i;
      break;
    }
  }
  if (at >= 0) {
    shown = list.slice(0, at);
  } else if (list.length && list[list.length - 1].to === step) {
    shown = list;
  }

  // Choosing an answer here forgets what was answered from here on.
  var answers = document.querySelectorAll("a.answer[data-to]");
  for (var a = 0; a < answers.length; a++) {
    answers[a].addEventListener("click", function (ev) {
      var link = ev.currentTarget || this;
      var next = shown.slice(0);
      next.push({
        step: step,
        question: question,
        answer: link.textContent,
        to: link.getAttribute("data-to"),
        url: window.location.href.split("#")[0]
      });
      save(flowKey, next);
    }, false);
  }

  if (!shown.length) {
    return;
  }
  // Back leads to the question answered last: the page alone knows it
  // only when a single question leads here.
  var back = document.querySelector("a[data-back]");
  if (back && shown[shown.length - 1].url) {
    back.href = shown[shown.length - 1].url;
  }
  var dl = box.querySelector("dl");
  var change = box.getAttribute("data-change");
  var label = box.getAttribute("data-change-label");
  for (var s = 0; s < shown.length; s++) {
    var e = shown[s];
    var row = document.createElement("div");
    row.className = "your-answers__row";
    var dt = document.createElement("dt");
    dt.appendChild(document.createTextNode(e.question));
    var dd = document.createElement("dd");
    var answer = document.createElement("span");
    answer.className = "your-answers__answer";
    answer.appendChild(document.createTextNode(e.answer));
    dd.appendChild(answer);
    dd.appendChild(document.createTextNode(" "));
    var link = document.createElement("a");
    link.className = "your-answers__change";
    link.href = e.url;
    link.appendChild(document.createTextNode(change));
    link.setAttribute("aria-label", label.replace("{question}", e.question));
    dd.appendChild(link);
    row.appendChild(dt);
    row.appendChild(dd);
    dl.appendChild(row);
  }
  box.hidden = false;
  box.removeAttribute("hidden");
})();
