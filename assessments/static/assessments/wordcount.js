// Counts the words of a written answer as it is typed. The server counts them too and
// refuses an answer over the limit; without JavaScript the count shown is the saved one.
(function () {
  document.querySelectorAll("textarea.written-answer").forEach(function (box) {
    const counter = document.getElementById(box.getAttribute("aria-describedby"));
    const number = counter && counter.querySelector(".word-number");
    if (!number) return;
    const limit = parseInt(box.dataset.wordLimit || "0", 10);
    function update() {
      const words = box.value.trim() ? box.value.trim().split(/\s+/).length : 0;
      number.textContent = String(words);
      counter.classList.toggle("is-over", limit > 0 && words > limit);
    }
    box.addEventListener("input", update);
    update();
  });
})();
