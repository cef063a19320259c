/*
 * Steps 原因剖析, 整改措施 and 会前准备, on top of workspace.js and autosave.js:
 * - the list of problems no cause explains / no measure answers yet follows every save (the
 *   server sends it as "uncovered" with the counters);
 * - a new measure takes sub-items (一要…) once its first save has created it: the sub-item form
 *   learns its address then;
 * - 会前准备: the paste form's 来源 list and the 来源 shown on opinion cards follow every save
 *   (the server sends the meeting's solicitations as "sources"), so a solicitation added,
 *   renamed or deleted on the page is offered, renamed or gone at once, without a reload.
 */
(function () {
  "use strict";

  document.addEventListener("workspace:progress", (event) => {
    const uncovered = event.detail && event.detail.uncovered;
    if (!Array.isArray(uncovered)) return;
    document.querySelectorAll("[data-uncovered]").forEach((box) => {
      const list = box.querySelector("[data-uncovered-list]");
      list.replaceChildren(
        ...uncovered.map((problem) => {
          const item = document.createElement("li");
          item.dataset.problem = problem.id;
          item.textContent = problem.label;
          return item;
        }),
      );
      const count = box.querySelector("[data-uncovered-count]");
      count.textContent = uncovered.length;
      count.classList.toggle("text-bg-warning", uncovered.length > 0);
      count.classList.toggle("text-bg-success", uncovered.length === 0);
      box.querySelector("[data-uncovered-empty]")?.classList.toggle("d-none", uncovered.length > 0);
    });
  });

  document.addEventListener("workspace:progress", (event) => {
    const sources = event.detail && event.detail.sources;
    if (!Array.isArray(sources)) return;
    const labels = new Map(sources.map((source) => [String(source.id), source.label]));
    document.querySelectorAll("select[data-sources]").forEach((select) => {
      const chosen = select.value;
      const none = select.querySelector('option[value=""]');
      select.replaceChildren(...(none ? [none] : []), ...sources.map((source) => new Option(source.label, source.id)));
      select.value = labels.has(chosen) ? chosen : "";
    });
    document.querySelectorAll("[data-source]").forEach((note) => {
      const label = labels.get(note.dataset.source);
      if (label) note.textContent = "来源：" + label;
      else note.remove(); // its solicitation was deleted: the opinion has no source any more
    });
  });

  // A date field also reads as the document will print it (2026年1月5日), whatever the browser's
  // own format for <input type="date"> is.
  function showChineseDate(input) {
    let out = input.parentElement.querySelector(":scope > [data-date-text]");
    if (!out) {
      out = document.createElement("div");
      out.className = "form-text fw-semibold";
      out.dataset.dateText = "";
      input.insertAdjacentElement("afterend", out);
    }
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
    out.textContent = parts ? `${Number(parts[1])}年${Number(parts[2])}月${Number(parts[3])}日` : "";
  }
  const DATE = "[data-measure] input[type=date]";
  ["input", "change"].forEach((type) =>
    document.addEventListener(type, (event) => {
      const target = event.target;
      if (target.matches && target.matches(DATE)) showChineseDate(target);
      else if (target.tagName === "FORM") target.querySelectorAll(DATE).forEach(showChineseDate);
    }),
  );
  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll(DATE).forEach(showChineseDate));

  document.addEventListener("entry:created", (event) => {
    const card = event.target;
    if (!card.matches || !card.matches("[data-measure]")) return;
    const urls = (event.detail && event.detail.urls) || {};
    const scope = card.querySelector("[data-items]");
    if (!scope || !urls.item_create) return;
    const template = scope.querySelector("template[data-new-entry]");
    if (template) template.content.querySelectorAll("form").forEach((form) => form.setAttribute("action", urls.item_create));
    const list = scope.querySelector("[data-entry-list]");
    list.dataset.reorderUrl = urls.items_reorder;
    scope.hidden = false;
    card.querySelector("[data-items-pending]")?.remove();
    window.Workspace.setUpList(list);
  });
})();
