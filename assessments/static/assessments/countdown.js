// Shows the minutes and seconds left in a timed attempt. The deadline is enforced on the
// server; this only informs. Without JavaScript the deadline time is shown instead.
(function () {
  const box = document.querySelector("[data-deadline]");
  if (!box) return;
  const deadline = Date.parse(box.dataset.deadline);
  const out = box.querySelector(".countdown");
  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    out.textContent = "(" + minutes + ":" + seconds + ")";
    if (left === 0) {
      clearInterval(timer);
      const finish = document.querySelector('button[value="finish"], button[value="next"]');
      if (finish) finish.click();
    }
  }
  const timer = setInterval(tick, 1000);
  tick();
})();
