/*
 * The server calls of every script go through Session.fetch, which knows how the login looks from a
 * script: idle sessions end after SESSION_IDLE_MINUTES, and the server then answers a script's
 * request 401 with JSON ({login_required, login_url, errors}; apps/security/sessions.py) instead of
 * the login page.
 *
 * Session.fetch is window.fetch with the site's headers (X-Requested-With, JSON wanted, the CSRF
 * token read from the cookie: logging in again in another window rotates it, and the copy in the page
 * would then be refused). It resolves with the response as fetch does, a 401 included, whose JSON says
 * 登录已过期 in errors.__all__ like any refusal. On a 401 it also shows the page's one notice: 登录已过期,
 * nothing typed is lost, a link to log in in a new window, and 重试. A script that has something to
 * send again hands it to Session.retryWhenBack(owner, retry): one retry per owner (a comment form, an
 * autosaved form), run once the user is back — on 重试, when the window gets the focus again after
 * logging in elsewhere, or as soon as any call succeeds again. What the user typed stays where it was
 * typed: only the scripts decide what to send, and they send it from there.
 */
(function () {
  "use strict";

  const waiting = new Map(); // owner → retry, until the user is logged in again

  function csrfToken() {
    const cookie = document.cookie.split("; ").find((part) => part.startsWith("csrftoken="));
    if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
    return document.querySelector('meta[name="csrf-token"]')?.content || "";
  }

  function loginPath() {
    return document.querySelector('meta[name="login-url"]')?.content || "/accounts/login/";
  }

  // The server's 401; a redirect to the login page too, should anything answer the old way.
  function isExpired(response) {
    if (!response) return false;
    if (response.status === 401) return true;
    return Boolean(response.redirected && new URL(response.url).pathname === loginPath());
  }

  function sessionFetch(url, options = {}) {
    const method = (options.method || "GET").toUpperCase();
    const headers = { "X-Requested-With": "XMLHttpRequest", Accept: "application/json", ...(options.headers || {}) };
    const body = options.body;
    if (method !== "GET" && method !== "HEAD") {
      headers["X-CSRFToken"] = csrfToken();
      // A form's own hidden token would win over the header, and it is stale after a new login.
      if (body && typeof body.has === "function" && body.has("csrfmiddlewaretoken")) body.set("csrfmiddlewaretoken", csrfToken());
    }
    return fetch(url, { credentials: "same-origin", ...options, headers }).then((response) => {
      if (isExpired(response)) notice(true);
      else if (response.ok) back();
      return response;
    });
  }

  function retryWhenBack(owner, retry) {
    waiting.set(owner, retry);
    notice(true);
  }

  function dropRetry(owner) {
    waiting.delete(owner);
  }

  function retryAll() {
    const retries = [...waiting.values()];
    waiting.clear();
    retries.forEach((retry) => retry()); // each hands itself back if the session is still gone
  }

  // An answer from the logged-in server: the notice goes, and what waited is sent.
  function back() {
    if (!document.getElementById("session-expired") && !waiting.size) return;
    notice(false);
    retryAll();
  }

  window.addEventListener("focus", () => waiting.size && retryAll());

  function notice(show) {
    let box = document.getElementById("session-expired");
    if (!show) {
      box?.remove();
      return;
    }
    if (box) return;
    box = document.createElement("div");
    box.id = "session-expired";
    box.className = "alert alert-warning shadow session-expired-notice";
    box.setAttribute("role", "alert");
    const text = document.createElement("span");
    text.textContent = "登录已过期（长时间未操作）。您输入的内容都还在，不会丢失。请";
    const link = document.createElement("a");
    link.href = loginPath() + "?next=" + encodeURIComponent("/");
    link.target = "_blank";
    link.rel = "noopener";
    link.className = "alert-link";
    link.textContent = "在新窗口登录";
    const after = document.createElement("span");
    after.textContent = "，登录后回到本页，没有完成的保存和提交会自动重试。";
    const retry = document.createElement("button");
    retry.type = "button";
    retry.className = "btn btn-sm btn-outline-dark ms-2";
    retry.textContent = "重试";
    retry.addEventListener("click", retryAll);
    box.append(text, link, after, retry);
    document.body.prepend(box);
  }

  // ``back`` is for a script whose request did not go through Session.fetch (pdf.js fetches the PDF
  // itself) and came back fine: the user is logged in again.
  window.Session = { fetch: sessionFetch, isExpired, retryWhenBack, dropRetry, back, csrfToken, loginPath };
})();
