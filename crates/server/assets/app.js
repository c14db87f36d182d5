// Strongroom's only script: the live password strength meter (the server judges, with the same
// rules as when the form is sent; this only shows what it says while the person types), the
// passkey ceremonies, and the password vault's copy button.
"use strict";
// The page's language: the server puts the script's few words on <body> from its catalogue.
const t = (name, fallback) => (document.body && document.body.dataset[name]) || fallback;

// The print view's button: the browser's own print dialog.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});

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
        const words = t("tWords", "very weak|weak|fair|strong|very strong").split("|");
        let text = t("tStrength", "Strength: ") + words[verdict.score] + ". ";
        if (verdict.problem) text += verdict.problem;
        else if (verdict.suggestions.length) text += verdict.suggestions.join(" ");
        out.textContent = text;
        out.className = verdict.acceptable ? "good" : "weak";
      } catch (_) { /* the form still works; the server checks on submit */ }
    }, 250);
  });
});

// Passkeys: the server sends the WebAuthn options as JSON, the browser's authenticator answers,
// and the answer goes back as JSON. Messages are written with textContent only.
document.addEventListener("DOMContentLoaded", () => {
  const post = async (url, csrf, body) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    const json = await response.json().catch(() => ({ error: "unexpected answer from the server" }));
    if (json.step_up) {
      // Confirm the password, then come back here.
      window.location.assign("/account/step-up?next=" + encodeURIComponent(window.location.pathname));
      throw new Error("confirm your password first");
    }
    if (!response.ok) throw new Error(json.error || "refused");
    return json;
  };
  const show = (text) => {
    const out = document.getElementById("passkey-result");
    if (out) out.textContent = text;
  };
  const showCodes = (codes, next) => {
    const out = document.getElementById("passkey-result");
    if (!out) return;
    out.textContent = "";
    const intro = document.createElement("p");
    intro.textContent = t("tRecovery", "Your recovery codes: each works once if you lose your passkeys. Keep them safe; they are shown only now.");
    const list = document.createElement("ol");
    list.className = "codes";
    for (const code of codes) {
      const item = document.createElement("li");
      const text = document.createElement("code");
      text.textContent = code;
      item.appendChild(text);
      list.appendChild(item);
    }
    const link = document.createElement("a");
    link.className = "button";
    link.href = next;
    link.textContent = t("tKept", "I have kept them safely");
    out.append(intro, list, link);
  };
  const register = document.querySelector("form[data-passkey=register]");
  if (register) {
    register.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        if (!window.PublicKeyCredential) throw new Error(t("tUnsupported", "this browser has no passkey support"));
        const csrf = register.dataset.csrf;
        const options = await post("/account/passkeys/start", csrf);
        const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey) });
        const name = document.getElementById("passkey-name").value;
        const done = await post("/account/passkeys/finish", csrf, { name, credential: credential.toJSON() });
        if (done.recovery_codes) showCodes(done.recovery_codes, done.next);
        else window.location.assign(done.next);
      } catch (error) {
        show(t("tNotAdded", "The passkey was not added: ") + error.message);
      }
    });
  }
  const signIn = document.querySelector("button[data-passkey=sign-in]");
  if (signIn) {
    signIn.addEventListener("click", async () => {
      try {
        if (!window.PublicKeyCredential) throw new Error(t("tUnsupported", "this browser has no passkey support"));
        const csrf = signIn.dataset.csrf;
        const options = await post("/login/passkey/start", csrf);
        const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey) });
        const done = await post("/login/passkey/finish", csrf, { credential: credential.toJSON() });
        window.location.assign(done.next);
      } catch (error) {
        show(t("tFailed", "That did not work: ") + error.message);
      }
    });
  }
});

// The password vault's copy button: the password is fetched as JSON (the CSRF token in a header)
// and put on the clipboard without ever being shown; the page only says it was copied.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const status = button.parentElement.querySelector(".copied");
      try {
        const response = await fetch(button.dataset.copy, {
          method: "POST",
          headers: { "X-CSRF-Token": button.dataset.csrf },
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const answer = await response.json();
        await navigator.clipboard.writeText(answer.password);
        if (status) status.textContent = " " + button.dataset.done;
      } catch (_) {
        if (status) status.textContent = " " + button.dataset.failed;
      }
    });
  }
});

// A phishing drill's teaching page: the opening is recorded by this script's request, not by
// the link itself, so a mail system that checks links before delivery does not count as a click.
document.addEventListener("DOMContentLoaded", () => {
  for (const seen of document.querySelectorAll("form[data-drill-seen]")) {
    fetch(seen.action, { method: "POST", credentials: "omit" }).catch(() => {});
  }
});
