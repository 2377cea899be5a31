// Courses open to everyone: a visitor without an account marks lessons as done, and this
// browser keeps them (localStorage, as lesson translation keys) until they sign in. On a page
// for someone signed in, the kept lessons are sent once to the server, which adds them to the
// learner's record (courses.services.open_progress_merge), then forgotten here.
// Without JavaScript the lessons still read; only the browser-kept progress is missing.
(function () {
  "use strict";
  var STORE = "lms-open-progress";
  var MAX_LESSONS = 500; // courses.services.OPEN_PROGRESS_MAX_LESSONS

  function kept() {
    try {
      var value = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(value) ? value.filter(function (key) { return typeof key === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function keep(keys) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(keys.slice(0, MAX_LESSONS)));
      return true;
    } catch (error) {
      return false; // storage full or refused: the lesson stays readable, nothing is kept
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(STORE);
    } catch (error) {
      /* nothing kept, nothing to forget */
    }
  }

  function showDone(keys) {
    document.querySelectorAll("[data-open-step]").forEach(function (step) {
      if (keys.indexOf(step.dataset.openStep) === -1 || step.classList.contains("is-done")) return;
      step.classList.add("is-done");
      var outline = step.closest("[data-open-done-label]");
      if (!outline) return;
      var badge = document.createElement("span");
      badge.className = "badge badge-done";
      badge.textContent = outline.dataset.openDoneLabel;
      step.appendChild(badge);
    });
  }

  // A visitor reading a lesson of an open course.
  var lesson = document.querySelector("[data-open-progress]");
  if (lesson) {
    var key = lesson.dataset.openProgress;
    var action = lesson.querySelector("[data-open-progress-action]");
    var done = lesson.querySelector("[data-open-progress-done]");
    var render = function () {
      var isDone = kept().indexOf(key) !== -1;
      if (action) action.hidden = isDone;
      if (done) done.hidden = !isDone;
    };
    var button = lesson.querySelector("[data-open-progress-mark]");
    if (button) {
      button.addEventListener("click", function () {
        var keys = kept();
        if (keys.indexOf(key) === -1) keys.push(key);
        if (keep(keys)) {
          render();
          showDone(keys);
          if (done) done.focus();
        }
      });
    }
    render();
  }
  showDone(kept());

  // Someone signed in: hand what this browser kept to their record, once.
  var merge = document.querySelector("[data-open-progress-merge]");
  var waiting = kept();
  if (merge && waiting.length && window.fetch) {
    var body = new URLSearchParams();
    body.set("lessons", JSON.stringify(waiting));
    window
      .fetch(merge.dataset.openProgressMerge, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": merge.dataset.csrf },
        body: body,
      })
      .then(function (response) {
        // Refused for good (the server says why on the next page): forget and show it.
        // Anything but an answer (offline, a server error) is tried again on the next page.
        if (response.status === 400) {
          forget();
          window.location.reload();
          return;
        }
        if (!response.ok) return;
        return response.json().then(function (answer) {
          forget();
          if (answer.added) window.location.reload(); // the page now shows the lessons done
        });
      })
      .catch(function () {});
  }
})();
