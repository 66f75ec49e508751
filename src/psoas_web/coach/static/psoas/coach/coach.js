/* The sit-less coach in the page: the scheduler rules of psoas.coach for one tab.
 *
 * All timing goes through one clock object (Date.now and setTimeout), so tests can
 * replace it (window.psoasCoachClock) or drive it with Playwright's clock control.
 * Notification permission is asked only when the person presses "Start the coach".
 */
(function () {
  "use strict";

  var configNode = document.getElementById("coach-config");
  if (!configNode) return;
  var config = JSON.parse(configNode.textContent);
  var S = config.settings;
  var MINUTE = 60 * 1000;
  var TICK = 1000;

  var clock = window.psoasCoachClock || {
    now: function () { return Date.now(); },
    after: function (ms, fn) { return setTimeout(fn, ms); },
    cancel: function (id) { clearTimeout(id); },
  };

  function $(id) { return document.getElementById(id); }
  var ui = {
    status: $("coach-status"), countdown: $("coach-countdown"), next: $("coach-next"),
    start: $("coach-start"), stop: $("coach-stop"), self: $("coach-self"),
    prompt: $("coach-prompt"), title: $("prompt-title"), message: $("prompt-message"),
    moveLeft: $("move-left"), moveBar: $("move-bar"), moveStatus: $("move-status"),
    done: $("prompt-done"), postpone: $("prompt-postpone"), skip: $("prompt-skip"),
    promptSelf: $("prompt-self"), skipForm: $("skip-form"), error: $("prompt-error"),
    postponeLeft: $("postpone-left"), notifyHint: $("coach-notify-hint"), today: $("coach-today"),
  };

  var state = {
    running: false, due: 0, lastLong: 0, timer: null, lastTick: 0,
    prompt: null, ignoredInRow: 0, hiddenAt: null, repeat: null,
    postponesUsed: config.postponesUsed || 0,
    n: Number(readStore(localStorage, "psoas-coach-n")) || 0,
  };

  // --- working hours -------------------------------------------------------------
  function minutesOf(text) {
    var parts = String(text).split(":");
    return Number(parts[0]) * 60 + Number(parts[1]);
  }
  var workStart = minutesOf(S.work_start);
  var workEnd = minutesOf(S.work_end);
  var workDays = S.work_days.map(Number);

  function dayStart(ms) { var d = new Date(ms); d.setHours(0, 0, 0, 0); return d.getTime(); }
  function isWorkDay(ms) { return workDays.indexOf((new Date(ms).getDay() + 6) % 7) !== -1; }
  function isWorking(ms) {
    var d = new Date(ms);
    var m = d.getHours() * 60 + d.getMinutes();
    return isWorkDay(ms) && m >= workStart && m < workEnd;
  }
  /* The first working moment at or after ms. */
  function nextWorking(ms) {
    if (isWorking(ms)) return ms;
    for (var i = 0; i < 8; i += 1) {
      var day = dayStart(ms) + i * 24 * 60 * MINUTE;
      var d = new Date(day); d.setHours(0, workStart, 0, 0);
      var begin = d.getTime();
      if (isWorkDay(day) && begin >= ms) return begin;
    }
    return ms;
  }
  /* When the next break falls, counting `minutes` of sitting inside working hours. */
  function dueAfter(from, minutes) {
    var at = from + minutes * MINUTE;
    if (isWorking(at)) return at;
    return nextWorking(at) + minutes * MINUTE;
  }

  // --- small helpers -------------------------------------------------------------
  function readStore(store, key) { try { return store.getItem(key); } catch (e) { return null; } }
  function writeStore(store, key, value) { try { store.setItem(key, value); } catch (e) { /* private mode */ } }
  function show(node, on) { if (node) node.hidden = !on; }
  function clockText(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }
  function timeText(ms) {
    var d = new Date(ms);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function save() {
    writeStore(sessionStorage, "psoas-coach", JSON.stringify(
      { running: state.running, due: state.due, lastLong: state.lastLong }));
  }

  /* Send one event to the server; resolves to {ok, status, body}. */
  function send(kind, extra) {
    var body = Object.assign({ kind: kind }, extra || {});
    return fetch(config.eventUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, status: response.status, body: data };
      });
    }).catch(function () {
      return { ok: false, status: 0, body: { error: "Could not reach psoas; this answer was not saved." } };
    });
  }

  /* Keep "Today so far" in step with the answers given in this tab. */
  var today = config.today || { done: 0, breaks: 0, skipped: 0 };
  function count(kind) {
    if (kind === "done") today.done += 1;
    else if (kind === "self_break" || kind === "idle_break") today.breaks += 1;
    else if (kind === "skipped") today.skipped += 1;
    else return;
    function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
    ui.today.textContent = plural(today.done, "movement") + " done, " +
      plural(today.breaks, "other break") + ", " + today.skipped + " skipped.";
  }

  // --- the schedule --------------------------------------------------------------
  function schedule() {
    if (state.timer !== null) clock.cancel(state.timer);
    state.timer = state.running ? clock.after(TICK, tick) : null;
  }

  function tick() {
    state.timer = null;
    if (!state.running) return;
    var now = clock.now();
    // after sleep or a frozen tab, count the gap as a break instead of a burst of prompts
    if (state.lastTick && now - state.lastTick >= Math.max(2 * MINUTE, S.micro_s * 1000)) {
      awayBreak(now);
    }
    state.lastTick = now;
    if (state.prompt) {
      updateMovement(now);
      if (now - state.prompt.at >= S.micro_every_min * MINUTE) ignored(now);
    } else if (now >= state.due && isWorking(now)) {
      openPrompt(now);
    } else if (now >= state.due) {
      state.due = dueAfter(now, S.micro_every_min);
    }
    render(now);
    schedule();
  }

  function render(now) {
    if (!state.running) {
      show(ui.countdown, false);
      return;
    }
    show(ui.countdown, !state.prompt);
    if (!isWorking(now)) {
      ui.next.textContent = "after " + timeText(state.due);
      ui.status.textContent = "Outside your working hours: the coach is waiting.";
    } else if (!state.prompt) {
      ui.next.textContent = clockText(state.due - now);
    }
  }

  function pickExercise(breakKind) {
    if (state.repeat) { // a postponed break comes back with the same movement
      var again = state.repeat;
      state.repeat = null;
      return { id: again.id, name: again.name, breakKind: breakKind };
    }
    var list = config.exercises;
    var exercise = list[state.n % list.length];
    state.n += 1;
    writeStore(localStorage, "psoas-coach-n", String(state.n));
    return { id: exercise.id, name: exercise.name, breakKind: breakKind };
  }

  function openPrompt(now) {
    var breakKind = now - state.lastLong >= S.long_every_min * MINUTE ? "long" : "micro";
    var pick = pickExercise(breakKind);
    var seconds = breakKind === "long" ? S.long_min * 60 : S.micro_s;
    state.prompt = { at: now, id: pick.id, name: pick.name, breakKind: breakKind, seconds: seconds };
    var escalated = state.ignoredInRow >= S.escalate_after;
    document.querySelectorAll(".coach-exercise").forEach(function (node) {
      node.hidden = node.getAttribute("data-exercise") !== pick.id;
    });
    ui.prompt.classList.toggle("escalated", escalated);
    ui.prompt.classList.toggle("long", breakKind === "long");
    ui.title.textContent = breakKind === "long" ? "Time for a longer movement break" : "Time to move: " + pick.name;
    ui.message.textContent = escalated
      ? "The last " + state.ignoredInRow + " reminders went by. Even one minute on your feet now breaks up the sitting."
      : breakKind === "long"
        ? "Get up for about " + S.long_min + " minutes: walk around, then try " + pick.name.toLowerCase() + "."
        : "You have been sitting for a while. Take " + S.micro_s + " seconds for this movement.";
    show(ui.skipForm, false);
    show(ui.error, false);
    ui.postpone.disabled = state.postponesUsed >= S.max_postpones_per_day;
    updatePostponeHint();
    show(ui.prompt, true);
    ui.status.textContent = "Break time.";
    updateMovement(now);
    send("prompt", { break_kind: breakKind, exercise_id: pick.id });
    if (escalated) send("escalated", { break_kind: breakKind, exercise_id: pick.id });
    notify(pick, breakKind);
    if (!document.hidden) ui.title.focus();
  }

  function updateMovement(now) {
    var p = state.prompt;
    if (!p) return;
    var left = p.at + p.seconds * 1000 - now;
    ui.moveLeft.textContent = clockText(left);
    ui.moveBar.style.width = Math.min(100, Math.round(100 * (1 - left / (p.seconds * 1000)))) + "%";
    if (left <= 0 && !p.finished) {
      p.finished = true;
      ui.moveStatus.textContent = "Movement time is up. Press Done if you moved.";
    }
  }

  function closePrompt() {
    state.prompt = null;
    show(ui.prompt, false);
    show(ui.skipForm, false);
    ui.moveStatus.textContent = "";
    closeNotification();
  }

  function nextFrom(now, minutes) {
    state.due = dueAfter(now, minutes);
    save();
    render(now);
  }

  function answered(kind, extra, message) {
    var now = clock.now();
    var p = state.prompt;
    var payload = Object.assign(p ? { break_kind: p.breakKind, exercise_id: p.id } : {}, extra || {});
    if (kind === "done" && p && p.breakKind === "long") state.lastLong = now;
    if (kind === "self_break" || kind === "done") state.ignoredInRow = 0;
    closePrompt();
    ui.status.textContent = message;
    nextFrom(now, S.micro_every_min);
    count(kind);
    return send(kind, payload);
  }

  function ignored(now) {
    var p = state.prompt;
    state.ignoredInRow += 1;
    send("ignored", { break_kind: p.breakKind, exercise_id: p.id });
    closePrompt();
    state.due = now; // the next prompt follows straight away
  }

  function awayBreak(now) {
    if (state.prompt) return; // the prompt is waiting for an answer
    state.ignoredInRow = 0;
    send("idle_break", { break_kind: "micro" });
    count("idle_break");
    ui.status.textContent = "Welcome back. Your time away counted as a break.";
    nextFrom(now, S.micro_every_min);
  }

  // --- notifications -------------------------------------------------------------
  var shown = null;
  function notify(pick, breakKind) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    try {
      shown = new Notification(breakKind === "long" ? "Time for a longer break" : "Time to move", {
        body: pick.name + ". Open psoas to see how.", tag: "psoas-coach",
      });
      shown.onclick = function () { window.focus(); ui.title.focus(); };
    } catch (e) { shown = null; /* some browsers only allow them from a service worker */ }
  }
  function closeNotification() { if (shown) { shown.close(); shown = null; } }

  function askPermission() {
    if (!("Notification" in window)) {
      ui.notifyHint.textContent = "This browser cannot show notifications: the prompt will appear on this page, so keep it open.";
      return;
    }
    if (Notification.permission === "denied") {
      ui.notifyHint.textContent = "Notifications are blocked for psoas in this browser: the prompt will appear on this page, so keep it open.";
    }
    if (Notification.permission === "default") {
      Notification.requestPermission().then(function (answer) {
        if (answer === "granted") {
          ui.notifyHint.textContent = "Notifications are on: you will see the prompt even in another tab.";
        } else {
          ui.notifyHint.textContent = "Notifications are off: the prompt will appear on this page, so keep it open.";
        }
      });
    }
  }

  // --- controls ------------------------------------------------------------------
  function start(resumed) {
    var now = clock.now();
    state.running = true;
    state.lastTick = now;
    if (!resumed) {
      askPermission();
      state.lastLong = now;
      state.due = dueAfter(now, S.micro_every_min);
    }
    show(ui.start, false); show(ui.stop, true); show(ui.self, true);
    ui.status.textContent = "The coach is on. The next break is at " + timeText(state.due) + ".";
    save();
    render(now);
    schedule();
  }

  function stop() {
    state.running = false;
    closePrompt();
    schedule();
    show(ui.start, true); show(ui.stop, false); show(ui.self, false);
    ui.status.textContent = "The coach is off.";
    save();
    render(clock.now());
  }

  function updatePostponeHint() {
    var left = Math.max(0, S.max_postpones_per_day - state.postponesUsed);
    ui.postponeLeft.textContent = left
      ? "You can postpone " + left + " more time" + (left === 1 ? "" : "s") + " today."
      : "No postpones left today: take the break, or skip it.";
  }

  ui.start.addEventListener("click", function () { start(false); });
  ui.stop.addEventListener("click", stop);
  ui.self.addEventListener("click", function () {
    answered("self_break", {}, "Noted: you took a break. The next one is in " + S.micro_every_min + " minutes.");
  });
  ui.promptSelf.addEventListener("click", function () {
    answered("self_break", {}, "Noted: you took a break yourself.");
  });
  ui.done.addEventListener("click", function () {
    answered("done", {}, "Well done. The next break is in " + S.micro_every_min + " minutes.");
  });
  ui.skip.addEventListener("click", function () {
    show(ui.skipForm, true);
    var first = ui.skipForm.querySelector("input");
    if (first) first.focus();
  });
  ui.skipForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = ui.skipForm.querySelector("input[name=reason]:checked");
    answered("skipped", { reason: chosen ? chosen.value : "" }, "Skipped. The next break is in " + S.micro_every_min + " minutes.");
  });
  ui.postpone.addEventListener("click", function () {
    var p = state.prompt;
    if (!p) return;
    ui.postpone.disabled = true;
    send("postponed", { break_kind: p.breakKind, exercise_id: p.id }).then(function (result) {
      if (!result.ok) {
        ui.error.textContent = result.body.error || "The break could not be postponed.";
        show(ui.error, true);
        if (result.status === 409) state.postponesUsed = S.max_postpones_per_day;
        updatePostponeHint();
        return;
      }
      state.postponesUsed += 1;
      state.repeat = { id: p.id, name: p.name };
      var now = clock.now();
      closePrompt();
      state.due = now + S.postpone_min * MINUTE;
      ui.status.textContent = "Postponed by " + S.postpone_min + " minutes.";
      save();
      render(now);
    });
  });

  document.addEventListener("visibilitychange", function () {
    if (!state.running) return;
    var now = clock.now();
    if (document.hidden) { state.hiddenAt = now; return; }
    var away = state.hiddenAt === null ? 0 : now - state.hiddenAt;
    state.hiddenAt = null;
    if (away >= S.micro_s * 1000) awayBreak(now);
  });

  // the coach keeps running in this tab across a reload
  var saved = null;
  try { saved = JSON.parse(readStore(sessionStorage, "psoas-coach") || "null"); } catch (e) { saved = null; }
  if (saved && saved.running) {
    state.due = Math.max(saved.due || 0, clock.now());
    state.lastLong = saved.lastLong || clock.now();
    start(true);
  }
  window.psoasCoach = { state: state, tick: tick };
})();
