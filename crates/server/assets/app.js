// Strongroom's only script: the live password strength meter. The server judges (the same
// rules as when the form is sent); this only shows what it says while the person types.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("input[data-strength]");
  const out = document.getElementById("strength");
  if (!input || !out) return;
  const username = document.getElementById("username");
  let timer = null;
  let sequence = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++sequence;
      if (input.value.length === 0) { out.textContent = ""; out.className = ""; return; }
      try {
        const response = await fetch(input.dataset.strengthUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": input.dataset.strength },
          body: JSON.stringify({ password: input.value, username: username ? username.value : "" }),
          credentials: "same-origin",
        });
        if (!response.ok || mine !== sequence) return;
        const verdict = await response.json();
        const words = ["very weak", "weak", "fair", "strong", "very strong"];
        let text = "Strength: " + words[verdict.score] + ". ";
        if (verdict.problem) text += verdict.problem;
        else if (verdict.suggestions.length) text += verdict.suggestions.join(" ");
        out.textContent = text;
        out.className = verdict.acceptable ? "good" : "weak";
      } catch (_) { /* the form still works; the server checks on submit */ }
    }, 250);
  });
});
