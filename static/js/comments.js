/*
 * Comments beside the entries (apps/comments): a 意见 button with the count of open threads on every
 * card of the workspace (a problem, cause, measure or sub-item, an aspect's lead-in, the material's
 * texts); a click opens the threads on that card in a panel at the side, where one replies, resolves
 * and writes a new comment without leaving the page.
 *
 * The entry a card stands for is read from its form's address, the one autosave posts to
 * (apps/workspace/urls.py), so a card created on the page gets its button once it is saved. All the
 * counts come in one request per page (comments:counts); a thread is loaded when it is opened.
 * A refused text (empty, too long) stays in its box with the reason under it. So does a text sent
 * after the idle session ended: session.js says 登录已过期 with a link to log in in a new window, and
 * the text is sent again, once, when the user is back.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const main = document.querySelector(".ws-main");
  if (!script || !main) return;
  const countsUrl = script.dataset.counts;
  const threadUrl = script.dataset.thread;

  // Form addresses of apps/workspace/urls.py → anchor kinds of apps/comments/anchors.py.
  const ENTRY_ADDRESSES = [
    [/\/measures\/\d+\/items\/(\d+)\/$/, "item"],
    [/\/problems\/(\d+)\/$/, "problem"],
    [/\/causes\/(\d+)\/$/, "cause"],
    [/\/measures\/(\d+)\/$/, "measure"],
    [/\/aspects\/(\d+)\/$/, "aspect"],
  ];
  const MATERIAL_TEXT = /\/m\/\d+\/text\/$/;
  // The material's texts a comment may concern (apps/comments/anchors.py TEXT_FIELDS), in the order
  // a card is named after: the 开头 card also holds 上年度整改落实情况 and is the preamble's.
  const TEXT_FIELDS = ["preamble", "recap", "problems_lead", "causes_lead", "measures_lead", "closing"];

  let counts = {};
  let canComment = false;

  const { Session } = window;
  const toast = (message) => (window.showToast ? window.showToast(message) : window.alert(message));

  function anchorOf(form) {
    const address = new URL(form.getAttribute("action") || "", window.location.href).pathname;
    if (MATERIAL_TEXT.test(address)) {
      const names = [...form.elements].map((field) => field.name);
      const field = TEXT_FIELDS.find((name) => names.includes(name));
      return field ? "text:" + field : null;
    }
    for (const [pattern, kind] of ENTRY_ADDRESSES) {
      const match = address.match(pattern);
      if (match) return kind + ":" + match[1];
    }
    return null;
  }

  // Where a card's button goes: the header of an entry or text card, the actions of a sub-item, under
  // an aspect's lead-in.
  function placeFor(form, anchor) {
    const kind = anchor.split(":")[0];
    if (kind === "item") return form.closest("[data-entry]")?.querySelector(".item-actions");
    if (kind === "aspect") return form.closest("[data-aspect-lead-in]");
    if (kind === "text") {
      const header = form.closest("section.card")?.querySelector(":scope > .card-header");
      header?.classList.add("d-flex", "align-items-center", "gap-2");
      return header;
    }
    return form.closest("[data-entry]")?.querySelector(":scope > .card-header");
  }

  function labelButton(button) {
    const open = counts[button.dataset.anchor] || 0;
    button.querySelector("[data-comments-count]").textContent = open ? String(open) : "";
    button.title = open ? `${open} 条未解决的意见，点击查看和回复` : "查看或提出意见";
    button.classList.toggle("btn-outline-secondary", !open);
    button.classList.toggle("btn-warning", Boolean(open));
  }

  function decorate(form) {
    const anchor = anchorOf(form);
    let button = form.commentsButton;
    if (button && button.dataset.anchor === anchor) return;
    if (!anchor) return;
    const place = placeFor(form, anchor);
    if (!place) return;
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm comments-button";
      if (place.matches(".card-header")) button.classList.add("ms-auto");
      button.dataset.commentsOpen = "";
      button.innerHTML =
        '<i class="bi bi-chat-left-text" aria-hidden="true"></i> 意见 <span class="badge text-bg-light" data-comments-count></span>';
      const before = place.querySelector(":scope > [data-snippet-save], :scope > .btn-group");
      place.insertBefore(button, before);
      form.commentsButton = button;
    }
    button.dataset.anchor = anchor;
    labelButton(button);
  }

  function decorateAll() {
    main.querySelectorAll("form[action]").forEach(decorate);
  }

  function refreshButtons(anchor) {
    main.querySelectorAll(`[data-comments-open][data-anchor="${CSS.escape(anchor)}"]`).forEach(labelButton);
    showTotal();
  }

  // The sidebar's 意见汇总 link: the material's open threads, on every card and the whole material.
  function showTotal() {
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const badge = document.querySelector("[data-comments-total]");
    if (!badge) return;
    badge.textContent = total ? String(total) : "";
    badge.title = total ? `${total} 条未解决的意见` : "";
  }

  // ---- The panel beside the cards -----------------------------------------------------------------
  let panel = null;
  let current = null; // the anchor shown

  function ensurePanel() {
    if (panel) return panel;
    panel = document.createElement("aside");
    panel.className = "offcanvas offcanvas-end comments-panel";
    panel.id = "comments-panel";
    panel.tabIndex = -1;
    panel.setAttribute("aria-labelledby", "comments-panel-title");
    panel.dataset.bsScroll = "true";
    panel.dataset.bsBackdrop = "false";
    panel.innerHTML =
      '<div class="offcanvas-header border-bottom">' +
      '<h2 class="offcanvas-title h6" id="comments-panel-title">意见</h2>' +
      '<button type="button" class="btn-close" data-bs-dismiss="offcanvas" aria-label="关闭意见"></button></div>' +
      '<div class="offcanvas-body" data-comments-body></div>';
    document.body.appendChild(panel);
    panel.addEventListener("submit", onSubmit);
    return panel;
  }

  function titleFor(button) {
    if (!button) return "整份材料的意见";
    const card = button.closest("[data-entry], section.card, [data-aspect-lead-in]");
    const number = card?.querySelector("[data-number]")?.textContent.trim();
    const heading = card?.querySelector(".card-header h3")?.textContent.trim();
    if (button.dataset.anchor.startsWith("aspect:")) {
      const aspect = button.closest("[data-section]")?.querySelector(".aspect-title")?.textContent.trim();
      return "方面导语的意见" + (aspect ? "：" + aspect.slice(0, 20) : "");
    }
    const headline = card?.querySelector("[name=headline], [name=text]")?.value.trim() || "";
    const name = heading || [number, headline.slice(0, 24)].filter(Boolean).join(" ");
    return "意见" + (name ? "：" + name : "");
  }

  function show(json) {
    const body = panel.querySelector("[data-comments-body]");
    body.innerHTML = json.html;
    counts[json.anchor] = json.open;
    refreshButtons(json.anchor);
  }

  function open(anchor, button) {
    ensurePanel();
    current = anchor;
    panel.querySelector("#comments-panel-title").textContent = titleFor(button);
    panel.querySelector("[data-comments-body]").innerHTML = '<p class="text-body-secondary small">正在载入…</p>';
    const offcanvas = window.bootstrap.Offcanvas.getOrCreateInstance(panel);
    // Bootstrap ignores show() while the panel is still sliding out: open it once it is gone.
    if (panel.classList.contains("hiding")) {
      panel.addEventListener("hidden.bs.offcanvas", () => offcanvas.show(), { once: true });
    } else {
      offcanvas.show();
    }
    loadThread(anchor);
  }

  function loadThread(anchor) {
    const body = panel.querySelector("[data-comments-body]");
    Session.fetch(threadUrl + "?anchor=" + encodeURIComponent(anchor))
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((json) => {
        if (current === anchor) show(json);
      })
      .catch((status) => {
        if (current !== anchor) return;
        body.innerHTML = "";
        const message = document.createElement("p");
        message.className = "text-danger small";
        message.textContent =
          status === 404 ? "该条目已不存在，请刷新页面。"
          : status === 401 ? "登录已过期，重新登录后意见会自动载入。"
          : "意见未能载入，请稍后重试。";
        body.appendChild(message);
        if (status === 401) Session.retryWhenBack(panel, () => current === anchor && loadThread(anchor));
      });
  }

  function onSubmit(event) {
    const form = event.target.closest("form[data-comments-form]");
    if (!form) return;
    event.preventDefault();
    submit(form);
  }

  // Sends the form as it is now (a retry sends what the box holds then); the text stays in its box
  // until the server has it.
  function submit(form) {
    Session.dropRetry(form); // this is the retry, or a new try that replaces it
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    Session.fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)) })
      .then((response) => response.json().catch(() => ({})).then((json) => ({ status: response.status, json })))
      .then(({ status, json }) => {
        if (json.ok) return show(json);
        if (button) button.disabled = false;
        if (status === 401) {
          refused(form, "登录已过期，意见还没有提交，内容仍在输入框中；重新登录后会自动提交。", false);
          if (form.isConnected) Session.retryWhenBack(form, () => form.isConnected && submit(form));
          return;
        }
        const errors = json.errors || {};
        refused(form, (errors.body || errors.__all__ || []).join(" ") || refusedMessage(status), true);
      })
      .catch(() => {
        if (button) button.disabled = false;
        toast("意见未能提交，请检查网络后重试；输入的内容仍在。");
      });
  }

  function refused(form, message, invalid) {
    const box = form.querySelector("textarea");
    const feedback = form.querySelector("[data-comments-error]");
    if (box) box.classList.toggle("is-invalid", invalid);
    if (feedback) {
      feedback.textContent = message;
      feedback.classList.toggle("d-block", !invalid); // shown without marking the text as wrong
    } else toast(message);
  }

  function refusedMessage(status) {
    if (status === 403) return "您没有权限进行该操作。";
    if (status === 404) return "该意见或条目已不存在，请刷新页面。";
    return "提交失败，请稍后重试；输入的内容仍在。";
  }

  // A comment typed but not yet sent: the browser asks before the page goes (a reload, a link, the
  // tab closed), as autosave.js does for unsaved text. The server has nothing of it until 提出意见.
  window.addEventListener("beforeunload", (event) => {
    const boxes = panel ? panel.querySelectorAll("form[data-comments-form] textarea") : [];
    if ([...boxes].some((box) => box.value.trim())) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  main.addEventListener("click", (event) => {
    const button = event.target.closest("[data-comments-open]");
    if (button) open(button.dataset.anchor, button);
  });

  // A card saved for the first time gets its address (autosave.js): give it its button then.
  // Counters change on every keystroke: look at the forms once per frame at most.
  let pending = false;
  const decorateSoon = () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      decorateAll();
    });
  };
  new MutationObserver(decorateSoon).observe(main, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["action"],
  });

  function openFromAddress() {
    // The list page links here as #comments=<anchor>: open that card's threads.
    const match = window.location.hash.match(/^#comments=(.+)$/);
    if (!match) return;
    const anchor = decodeURIComponent(match[1]);
    const button = main.querySelector(`[data-comments-open][data-anchor="${CSS.escape(anchor)}"]`);
    if (button) button.scrollIntoView({ block: "center" });
    open(anchor, button);
  }

  function loadCounts() {
    Session.fetch(countsUrl)
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((json) => {
        counts = json.counts || {};
        canComment = Boolean(json.can_comment);
        main.querySelectorAll("[data-comments-open]").forEach(labelButton);
        showTotal();
        main.dataset.commentsReady = canComment ? "write" : "read";
        openFromAddress();
      })
      .catch((status) => {
        // The buttons still open the threads; only their counts are missing until the user is back.
        if (status === 401) Session.retryWhenBack(loadCounts, loadCounts);
      });
  }

  decorateAll();
  loadCounts();
})();
