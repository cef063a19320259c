/*
 * 导入已有材料: a busy button while an upload or a commit is on its way, the review's link between a
 * proposed item and the source line it came from (both ways), and the result page's copy button.
 * Counters on the review's fields come from workspace.js (data-count / data-limit).
 */
(function () {
  "use strict";

  // ---- Busy buttons ------------------------------------------------------------------------------
  // The clicked button shows a spinner and every button of the form is disabled, so a slow upload
  // is visibly under way and a second click cannot send it twice. Disabling waits a tick: a button
  // disabled during the submit event would drop out of the submission.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    const owner = form.matches("[data-busy-on-submit]") ? form : null;
    if (!owner) return;
    const button = event.submitter;
    if (button) {
      button.querySelector("[data-spinner]")?.classList.remove("d-none");
      const label = button.querySelector("[data-label]");
      if (label && button.dataset.busyText) label.textContent = button.dataset.busyText;
    }
    setTimeout(() => {
      owner.querySelectorAll("button[type=submit]").forEach((b) => (b.disabled = true));
      document.querySelectorAll(`button[form="${owner.id}"]`).forEach((b) => (b.disabled = true));
    }, 0);
  });
  // Back from the next page (bfcache): the buttons work again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-busy-on-submit] button[type=submit]").forEach((button) => {
      button.disabled = false;
      button.querySelector("[data-spinner]")?.classList.add("d-none");
    });
  });

  // ---- Proposal ⇄ source ----------------------------------------------------------------------------
  const sourcePane = document.querySelector("[data-source-pane]");
  const proposalPane = document.querySelector("[data-proposal-pane]");

  function mark(element, className) {
    document.querySelectorAll("." + className).forEach((el) => el.classList.remove(className));
    element.classList.add(className);
  }

  function showSource(line) {
    const target = document.getElementById("src-" + line);
    if (!target || !sourcePane) return;
    mark(target, "src-current");
    target.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function showProposal(line) {
    const target = proposalPane && proposalPane.querySelector(`.review-item[data-line="${line}"], [data-aspect-block][data-line="${line}"]`);
    if (!target) return;
    mark(target, "review-current");
    target.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  if (proposalPane) {
    const follow = (event) => {
      const item = event.target.closest("[data-line]");
      if (item && Number(item.dataset.line) >= 0) showSource(item.dataset.line);
    };
    proposalPane.addEventListener("focusin", follow);
    proposalPane.addEventListener("click", (event) => {
      const link = event.target.closest('a[href^="#src-"]');
      if (link) {
        event.preventDefault();
        showSource(link.getAttribute("href").slice(5));
        return;
      }
      follow(event);
    });
  }
  if (sourcePane) {
    sourcePane.addEventListener("click", (event) => {
      const line = event.target.closest(".src-line");
      if (line) showProposal(line.dataset.line);
    });
  }

  // ---- Copy the kept text ------------------------------------------------------------------------------
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-copy-target]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copyTarget);
    const label = button.querySelector("[data-label]");
    const done = (text) => {
      if (label) label.textContent = text;
      setTimeout(() => label && (label.textContent = "复制全部"), 3000);
    };
    const fallback = () => {
      field.focus();
      field.select();
      done(document.execCommand("copy") ? "已复制" : "请按 Ctrl+C 复制");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(() => done("已复制"), fallback);
    } else {
      fallback();
    }
  });
})();
