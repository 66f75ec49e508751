/* psoas guided session: one exercise at a time, with hold timers, a rep counter,
 * pain checks, skip, a screen wake lock, and the warning-sign stop.
 *
 * Without JavaScript the page is a checklist form; this script turns it into the
 * guided session. All timing goes through `clock` (now / later / cancel), so tests
 * can drive time (Playwright's clock control replaces Date.now and setTimeout).
 */
(function () {
  "use strict";

  var clock = {
    now: function () { return Date.now(); },
    later: function (fn, ms) { return window.setTimeout(fn, ms); },
    cancel: function (id) { window.clearTimeout(id); }
  };
  var TICK_MS = 200;
  var SWITCH_S = 5;

  // --- what one exercise consists of --------------------------------------------------

  /** The timed steps of a dose: each set (left then right when per side), rests between. */
  function planSteps(dose) {
    var sides = dose.per_side ? ["left side", "right side"] : [null];
    var steps = [];
    var word = dose.reps === null ? "Hold" : "Set";
    for (var set = 1; set <= dose.sets; set++) {
      for (var s = 0; s < sides.length; s++) {
        var side = sides[s];
        var title = word + " " + set + " of " + dose.sets + (side ? ", " + side : "");
        if (dose.reps !== null && dose.hold_s !== null) {
          for (var rep = 1; rep <= dose.reps; rep++) {
            var counted = title + " · rep " + rep + " of " + dose.reps;
            steps.push({ kind: "move", seconds: dose.rep_s, label: counted + " · move into position" });
            steps.push({ kind: "hold", seconds: dose.hold_s, label: counted + " · hold" });
          }
        } else if (dose.reps !== null) {
          steps.push({ kind: "reps", seconds: dose.reps * dose.rep_s, label: title, reps: dose.reps, repS: dose.rep_s });
        } else {
          steps.push({ kind: "hold", seconds: dose.hold_s, label: title + " · hold" });
        }
        var lastSide = s === sides.length - 1;
        if (!lastSide) {
          steps.push({ kind: "switch", seconds: SWITCH_S, label: "Change sides" });
        } else if (set < dose.sets && dose.rest_s > 0) {
          steps.push({ kind: "rest", seconds: dose.rest_s, label: "Rest" });
        }
      }
    }
    return steps;
  }

  /** A countdown that only counts while running; pause() and resume() keep its place. */
  function Countdown(seconds, onTick, onDone) {
    this.seconds = seconds;
    this.onTick = onTick;
    this.onDone = onDone;
    this.before = 0;
    this.since = null;
    this.handle = null;
  }
  Countdown.prototype.elapsed = function () {
    var running = this.since === null ? 0 : (clock.now() - this.since) / 1000;
    return Math.min(this.seconds, this.before + running);
  };
  Countdown.prototype.start = function () {
    if (this.since !== null) { return; }
    this.since = clock.now();
    this.tick();
  };
  Countdown.prototype.pause = function () {
    if (this.since === null) { return; }
    this.before = this.elapsed();
    this.since = null;
    clock.cancel(this.handle);
    this.onTick(this.before);
  };
  Countdown.prototype.stop = function () {
    this.since = null;
    clock.cancel(this.handle);
  };
  Countdown.prototype.tick = function () {
    var elapsed = this.elapsed();
    this.onTick(elapsed);
    if (elapsed >= this.seconds) {
      this.stop();
      this.onDone();
      return;
    }
    var self = this;
    var wait = Math.min(TICK_MS, (this.seconds - elapsed) * 1000);
    this.handle = clock.later(function () { self.tick(); }, Math.max(wait, 10));
  };

  // --- the screen wake lock -----------------------------------------------------------------

  var wake = {
    wanted: false,
    sentinel: null,
    acquire: function () {
      wake.wanted = true;
      if (!("wakeLock" in navigator) || document.visibilityState !== "visible") { return; }
      navigator.wakeLock.request("screen").then(function (s) { wake.sentinel = s; }, function () {});
    },
    release: function () {
      wake.wanted = false;
      if (wake.sentinel) { wake.sentinel.release().catch(function () {}); wake.sentinel = null; }
    }
  };
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && wake.wanted) { wake.acquire(); }
  });

  // --- the page -----------------------------------------------------------------------------

  var app = document.getElementById("session-app");
  if (!app) { return; }
  var doses = JSON.parse(document.getElementById("session-doses").textContent);
  var form = document.getElementById("checklist");
  var items = Array.prototype.slice.call(form.querySelectorAll("li.exercise"));
  var timer = document.getElementById("timer");
  var warningBox = document.getElementById("warning-box");
  var bar = app.querySelector(".session-bar");
  var painStop = parseInt(app.dataset.painStop, 10);

  function $(selector, root) { return (root || app).querySelector(selector); }
  function all(selector, root) { return Array.prototype.slice.call((root || app).querySelectorAll(selector)); }
  function field(name) { return form.querySelector("[name='" + name + "']").value; }

  $("[data-screen='intro'] .js-only").hidden = false;
  all(".nojs-only").forEach(function (el) { el.hidden = true; });
  app.classList.add("guided");
  bar.hidden = false;

  var record = {
    program_id: field("program_id"),
    week: parseInt(field("week"), 10),
    day: localDay(),
    completed: [],
    skipped: [],
    pain_before: null,
    pain_during: null,
    pain_after: null,
    new_red_flag: false,
    stopped: "",
    started_at: new Date(clock.now()).toISOString(),
    finished_at: null
  };
  var state = { index: -1, steps: [], step: 0, countdown: null, paused: false, count: 0, painNext: null, saving: false, ended: false };

  function localDay() {
    var d = new Date(clock.now());
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function show(name) {
    all(".screen").forEach(function (el) { el.hidden = el.dataset.screen !== name; });
    var screen = $("[data-screen='" + name + "']");
    var heading = screen && screen.querySelector("h2[tabindex]");
    if (name === "exercise") { heading = items[state.index].querySelector("h2"); }
    if (heading) { heading.focus({ preventScroll: true }); }
    window.scrollTo(0, 0);
    var quit = $("[data-action='quit']", bar);
    quit.hidden = !(name === "exercise" || name === "pain") || state.index < 0;
  }

  // --- pain checks -------------------------------------------------------------------

  function askPain(question, then) {
    $("#pain-title").textContent = question;
    state.painNext = then;
    show("pain");
  }
  all("[data-pain]").forEach(function (button) {
    button.addEventListener("click", function () {
      var value = button.dataset.pain === "" ? null : parseInt(button.dataset.pain, 10);
      var then = state.painNext;
      state.painNext = null;
      if (then) { then(value); }
    });
  });

  // --- the flow ----------------------------------------------------------------------

  $("[data-action='safe']").addEventListener("click", function () {
    record.started_at = new Date(clock.now()).toISOString();
    record.day = localDay();
    wake.acquire();
    askPain("Before you start: how much pain do you have now?", function (value) {
      record.pain_before = value;
      openExercise(0);
    });
  });
  $("[data-action='unsafe']").addEventListener("click", openWarning);

  function openExercise(index) {
    if (index >= items.length) { finish(); return; }
    app.classList.add("running");
    state.index = index;
    state.steps = planSteps(doses[index].dose);
    state.step = 0;
    state.count = 0;
    state.paused = false;
    items.forEach(function (li, i) { li.classList.toggle("current", i === index); });
    items[index].querySelector(".timer-slot").appendChild(timer);
    timer.hidden = false;
    $("#skip-reasons").hidden = true;
    ready();
    show("exercise");
  }

  function ready() {
    timer.classList.add("ready");
    setText("#timer-step", "Get into the starting position, then press Start.");
    setText("#timer-big", "");
    setText("#timer-hint", doses[state.index].words || "");
    setBar(0);
    buttons({ start: true });
  }

  function buttons(visible) {
    ["start", "count", "pause", "next"].forEach(function (name) {
      $("[data-action='" + name + "']", timer).hidden = !visible[name];
    });
    var step = state.steps[state.step];
    $(".pace", timer).hidden = !(step && step.kind === "reps") || !visible.pace;
  }

  function setText(selector, text) { $(selector).textContent = text; }
  function setBar(fraction) { $("#timer-bar").style.width = Math.round(fraction * 100) + "%"; }

  function runStep() {
    if (state.countdown) { state.countdown.stop(); state.countdown = null; }
    var step = state.steps[state.step];
    if (!step) { exerciseDone(); return; }
    state.paused = false;
    timer.classList.remove("ready");
    $("[data-action='pause']", timer).textContent = "Pause";
    setText("#timer-step", step.label);
    if (step.kind === "reps" && !$("#pace-reps").checked) {
      state.count = 0;
      showCount(step);
      buttons({ count: true, next: true, pace: true });
      $("[data-action='next']", timer).textContent = "Set done";
      return;
    }
    $("[data-action='next']", timer).textContent = step.kind === "rest" || step.kind === "switch" ? "Skip the rest" : "Done early";
    buttons({ pause: true, next: true, pace: step.kind === "reps" });
    state.countdown = new Countdown(step.seconds, function (elapsed) { showTime(step, elapsed); }, nextStep);
    state.countdown.start();
  }

  function showCount(step) {
    setText("#timer-big", state.count + " of " + step.reps);
    setText("#timer-hint", "Tap Count a rep after each one, at your own pace.");
    setBar(state.count / step.reps);
  }

  function showTime(step, elapsed) {
    if (step.kind === "reps") {
      var rep = Math.min(step.reps, Math.floor(elapsed / step.repS) + 1);
      setText("#timer-big", "rep " + rep + " of " + step.reps);
      setText("#timer-hint", state.paused ? "Paused." : "One rep every " + step.repS + " seconds.");
    } else {
      var left = Math.max(0, Math.ceil(step.seconds - elapsed - 0.001));
      setText("#timer-big", left + " s");
      setText("#timer-hint", state.paused ? "Paused." : (step.kind === "hold" ? "Breathe slowly." : ""));
    }
    setBar(step.seconds ? elapsed / step.seconds : 1);
  }

  function nextStep() {
    if (state.countdown) { state.countdown.stop(); state.countdown = null; }
    state.step += 1;
    runStep();
  }

  function exerciseDone() {
    record.completed.push(doses[state.index].id);
    afterExercise();
  }

  function afterExercise() {
    timer.hidden = true;
    askPain("Pain right now, after this exercise?", function (value) {
      if (value !== null) { record.pain_during = Math.max(value, record.pain_during || 0); }
      if (value !== null && value > painStop && state.index < items.length - 1) {
        $("[data-slot='pain']").textContent = value;
        show("high-pain");
        return;
      }
      openExercise(state.index + 1);
    });
  }

  timer.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) { return; }
    var action = target.dataset.action;
    var step = state.steps[state.step];
    if (action === "start" && !state.countdown) { runStep(); }
    if (action === "pause" && state.countdown) {
      state.paused = !state.paused;
      if (state.paused) { state.countdown.pause(); } else { state.countdown.start(); }
      target.textContent = state.paused ? "Resume" : "Pause";
    }
    if (action === "count" && step) {
      state.count += 1;
      showCount(step);
      if (state.count >= step.reps) { nextStep(); }
    }
    if (action === "next") { nextStep(); }
    if (action === "skip") {
      if (state.countdown && !state.paused) {
        state.countdown.pause();
        state.paused = true;
        $("[data-action='pause']", timer).textContent = "Resume";
      }
      $("#skip-reasons").hidden = false;
      $("[data-reason]", timer).focus();
    }
    if (action === "unskip") {
      $("#skip-reasons").hidden = true;
      target.blur();
    }
    if (target.dataset.reason) {
      if (state.countdown) { state.countdown.stop(); state.countdown = null; }
      record.skipped.push({ exercise_id: doses[state.index].id, reason: target.dataset.reason });
      afterExercise();
    }
  });
  $("#pace-reps").addEventListener("change", function () {
    var step = state.steps[state.step];
    var started = $("[data-action='start']", timer).hidden;
    if (step && step.kind === "reps" && started) {
      if (state.countdown) { state.countdown.stop(); state.countdown = null; }
      runStep();
    }
  });

  $("[data-action='carry-on']").addEventListener("click", function () { openExercise(state.index + 1); });
  all("[data-action='quit']").forEach(function (button) {
    button.addEventListener("click", function () {
      if (state.countdown) { state.countdown.stop(); state.countdown = null; }
      record.stopped = "quit";
      finish();
    });
  });

  function finish() {
    timer.hidden = true;
    var done = record.stopped ? "You stopped early; that is fine." : "Well done.";
    askPain(done + " How much pain do you have now?", function (value) {
      record.pain_after = value;
      save();
    });
  }

  function summary() {
    var text = "Saved: " + record.completed.length + " of " + items.length + " exercises done";
    if (record.skipped.length) { text += ", " + record.skipped.length + " skipped"; }
    return text + ".";
  }

  function save(onSaved) {
    record.finished_at = new Date(clock.now()).toISOString();
    state.ended = true;
    wake.release();
    bar.hidden = true;
    if (!record.new_red_flag) {
      warningBox.hidden = true;
      $("#end-title").textContent = record.stopped ? "Session stopped" : "Well done";
      $("[data-slot='summary']").textContent = "Saving…";
      show("end");
    }
    var token = form.querySelector("[name='csrfmiddlewaretoken']").value;
    fetch(app.dataset.saveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(record)
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) { throw new Error(result.body.error || "not saved"); }
      $("[data-action='retry']").hidden = true;
      if (onSaved) { onSaved(); } else { $("[data-slot='summary']").textContent = summary(); }
    }).catch(function (error) {
      var slot = record.new_red_flag ? $("[data-screen='warning-" + state.level + "'] [data-slot='saved']") : $("[data-slot='summary']");
      slot.textContent = "Your session could not be saved (" + error.message + "). Check your connection and try again.";
      $("[data-action='retry']").hidden = record.new_red_flag;
    });
  }
  $("[data-action='retry']").addEventListener("click", function () { save(); });

  // --- the warning sign -------------------------------------------------------------------

  function openWarning() {
    if (state.countdown && !state.paused) { state.countdown.pause(); state.paused = true; }
    warningBox.open = true;
    $("[data-action='close-warning']").hidden = false;
    warningBox.scrollIntoView({ block: "start" });
    warningBox.querySelector("summary").focus();
  }
  $("[data-action='warning']", bar).addEventListener("click", openWarning);
  $("[data-action='close-warning']").addEventListener("click", function () {
    warningBox.open = false;
    this.hidden = true;
  });
  document.getElementById("warning-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var sign = event.submitter ? event.submitter.value : "emergency";
    if (state.countdown) { state.countdown.stop(); state.countdown = null; }
    state.level = sign === "urgent" ? "urgent" : "emergency";
    record.new_red_flag = true;
    record.stopped = "red_flag";
    record.sign = sign;
    timer.hidden = true;
    warningBox.open = false;
    warningBox.hidden = true;
    var saved = $("[data-screen='warning-" + state.level + "'] [data-slot='saved']");
    saved.textContent = "The session has stopped. Saving it with the warning sign noted…";
    show("warning-" + state.level);
    save(function () {
      saved.textContent = "The session has stopped and is saved with the warning sign noted. Please do not carry on with the exercises. When you have been checked, do the safety screen again.";
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (state.index >= 0 && !state.ended) { event.preventDefault(); }
  });

  // for tests and for the curious: the clock can be swapped, the plan inspected
  window.psoasSession = { clock: clock, planSteps: planSteps, Countdown: Countdown, record: record, state: state };
  show("intro");
}());
