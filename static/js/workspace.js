/*
 * The workspace's behaviour around autosave: automatic numbering (一是… / （一）… / 一要…), character
 * counters per field and per section, adding cards, delete with undo, and reordering by drag
 * (SortableJS), by the ↑/↓ buttons or with Alt+↑/↓ from inside a card.
 */
(function () {
  "use strict";

  const DIGITS = "零一二三四五六七八九";
  function chineseNumeral(n) {
    if (n < 1 || n > 999) return String(n);
    const hundreds = Math.floor(n / 100);
    const rest = n % 100;
    const tens = Math.floor(rest / 10);
    const ones = rest % 10;
    let out = "";
    if (hundreds) {
      out += DIGITS[hundreds] + "百";
      if (rest && tens === 0) out += "零";
    }
    if (tens) out += (tens === 1 && !hundreds ? "" : DIGITS[tens]) + "十";
    if (ones) out += DIGITS[ones];
    return out;
  }
  const markers = {
    "是": (n) => chineseNumeral(n) + "是",
    "要": (n) => chineseNumeral(n) + "要",
    "（）": (n) => "（" + chineseNumeral(n) + "）",
    "1.": (n) => n + ".",
  };
  window.chineseNumeral = chineseNumeral;

  // A POST of the page's scripts, answered {status, json}. After the idle session ended the answer is
  // a 401 whose json.errors.__all__ says 登录已过期 (session.js shows the notice with the login link).
  function post(url, data) {
    const body = data instanceof FormData ? data : new URLSearchParams(data);
    return window.Session.fetch(url, { method: "POST", body }).then((response) =>
      response.json().catch(() => ({})).then((json) => ({ status: response.status, json })),
    );
  }

  // ---- Numbering -------------------------------------------------------------------------------
  function renumber(list) {
    const marker = markers[list.dataset.marker] || markers["是"];
    const cards = [...list.children].filter((el) => el.matches("[data-entry]"));
    cards.forEach((card, index) => {
      const label = card.querySelector("[data-number]");
      if (label) label.textContent = marker(index + 1);
    });
    const section = scopeOf(list);
    const total = section && section.matches("[data-section]") && section.querySelector("[data-entry-total]");
    if (total) total.textContent = cards.filter((card) => card.dataset.id).length;
    recount(list);
  }

  // The character counts around a list whose cards changed (one deleted, added, or saved for the
  // first time and so counted from now on): the cards it sits in and its section (per aspect).
  function recount(list) {
    for (let card = list.closest("[data-entry]"); card; card = card.parentElement.closest("[data-entry]")) {
      updateCard(card);
    }
    const section = list.closest("[data-section]");
    if (section) updateSection(section);
  }

  // Lists can nest (a measure's sub-items inside the measure's card): each [data-entry-list] and its
  // <template data-new-entry> belong to the nearest [data-entry-scope] or [data-section] around them.
  const SCOPE = "[data-entry-scope], [data-section]";
  function scopeOf(element) {
    return element.parentElement && element.parentElement.closest(SCOPE);
  }
  function ownPart(scope, selector) {
    return [...scope.querySelectorAll(selector)].find((el) => scopeOf(el) === scope);
  }

  // ---- Counters -----------------------------------------------------------------------------
  const length = (text) => [...text].length; // characters, not UTF-16 units (𠮷 is one)

  function counterFor(field) {
    let counter = field.parentElement.querySelector(":scope > [data-counter]");
    if (!counter) {
      counter = document.createElement("div");
      counter.className = "form-text text-end field-counter";
      counter.dataset.counter = "";
      field.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }

  function updateCounter(field) {
    const count = length(field.value);
    const limit = Number(field.dataset.limit || 0);
    const counter = counterFor(field);
    counter.textContent = limit ? `${count} / ${limit} 字` : `${count} 字`;
    counter.classList.toggle("text-danger", Boolean(limit) && count > limit);
  }

  function updateSection(section) {
    const fields = section.querySelectorAll("[data-entry][data-id] [data-count], form:not([data-create]) [data-count]");
    let sum = 0;
    new Set(fields).forEach((field) => (sum += length(field.value)));
    const out = section.querySelector("[data-section-count]");
    if (out) out.textContent = sum;
  }

  function updateCard(card) {
    const out = card.querySelector("[data-card-count]");
    if (!out) return;
    let sum = 0;
    card.querySelectorAll("[data-count]").forEach((field) => (sum += length(field.value)));
    out.textContent = sum + " 字";
  }

  function autogrow(field) {
    if (field.tagName !== "TEXTAREA") return;
    field.style.height = "auto";
    field.style.height = field.scrollHeight + 2 + "px";
  }

  // ---- Characters the exports cannot print well ---------------------------------------------------
  // Warnings only: the text is saved as typed. Emoji have no place in an official document, and
  // Word/WPS without an emoji font (and LibreOffice) show them as boxes or drop them; a private-use
  // character (a font's own 造字) means nothing outside that font; a character no installed font has
  // prints as a box. The server knows its fonts (apps/exports/coverage.py): the unusual characters
  // typed are asked about once each.
  const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}/u;
  const PRIVATE_USE = /\p{Co}/u;
  // Never asked about: ASCII and Latin, general and CJK punctuation, full-width forms and the CJK
  // ideographs every installation's Noto CJK fonts have (Unicode 10, Extension A); blanks.
  const USUAL = /[\u0000-\u024F\u2000-\u206F\u3000-\u303F\u3400-\u4DB5\u4E00-\u9FEF\uFF00-\uFFEF\s]/u;
  const glyphsUrl = document.currentScript && document.currentScript.dataset.glyphsMissing;
  const drawable = new Map(); // character → true / false, as the server answered
  const asking = new Set();
  let askTimer = null;
  const segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "grapheme" }) : null;

  function graphemes(text) {
    return segmenter ? [...segmenter.segment(text)].map((part) => part.segment) : [...text];
  }

  function quoted(chars) {
    const shown = chars.slice(0, 5).map((ch) => `“${ch}”`).join("");
    return chars.length > 5 ? shown + `等${chars.length}个` : shown;
  }

  function exportWarnings(text) {
    const emoji = new Set();
    const privateUse = new Set();
    const missing = new Set();
    for (const part of graphemes(text)) {
      if (EMOJI.test(part)) emoji.add(part);
      else if (PRIVATE_USE.test(part)) privateUse.add(part);
      else if ([...part].some((ch) => drawable.get(ch) === false)) missing.add(part);
    }
    const messages = [];
    if (emoji.size) messages.push(`含有表情符号${quoted([...emoji])}，公文中不宜使用，导出的 Word/PDF 可能无法正常显示`);
    if (privateUse.size) messages.push(`含有自造字或私用区字符${quoted([...privateUse])}，导出的 Word/PDF 无法正常显示，请改用规范汉字`);
    if (missing.size) messages.push(`含有字库中没有的字${quoted([...missing])}，导出的 Word/PDF 会显示为方框，请改用规范汉字或加注说明`);
    return messages;
  }

  function askAboutGlyphs(text) {
    if (!glyphsUrl) return;
    for (const ch of text) {
      if (!USUAL.test(ch) && !drawable.has(ch) && !EMOJI.test(ch) && !PRIVATE_USE.test(ch)) asking.add(ch);
    }
    if (!asking.size || askTimer) return;
    askTimer = setTimeout(() => {
      const chars = [...asking].slice(0, 200);
      chars.forEach((ch) => asking.delete(ch));
      askTimer = null;
      window.Session.fetch(glyphsUrl + "?chars=" + encodeURIComponent(chars.join("")))
        .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
        .then(({ missing }) => {
          chars.forEach((ch) => drawable.set(ch, !missing.includes(ch)));
          document.querySelectorAll(WARNED).forEach(updateWarning);
          if (asking.size) askAboutGlyphs("");
        })
        .catch(() => chars.forEach((ch) => drawable.set(ch, true))); // no answer: no false alarm
    }, 300);
  }

  const WARNED = "form[data-autosave] textarea, form[data-autosave] input[type=text]";

  function updateWarning(field) {
    const messages = exportWarnings(field.value);
    let box = field.parentElement.querySelector(":scope > [data-field-warning]");
    if (!messages.length) {
      if (box) {
        box.remove();
        describe(field, box.id, false);
      }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "form-text text-warning-emphasis field-warning";
      box.dataset.fieldWarning = "";
      box.id = (field.id || field.name) + "-warning";
      const counter = field.parentElement.querySelector(":scope > [data-counter]");
      (counter || field).insertAdjacentElement("afterend", box);
    }
    box.replaceChildren();
    messages.forEach((message) => {
      const line = document.createElement("div");
      const icon = document.createElement("i");
      icon.className = "bi bi-exclamation-triangle me-1";
      icon.setAttribute("aria-hidden", "true");
      line.append(icon, message);
      box.appendChild(line);
    });
    describe(field, box.id, true);
  }

  // Add or remove one id in the field's aria-describedby, so that a screen reader reads the warning.
  function describe(field, id, on) {
    const ids = new Set((field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
    if (on) ids.add(id);
    else ids.delete(id);
    if (ids.size) field.setAttribute("aria-describedby", [...ids].join(" "));
    else field.removeAttribute("aria-describedby");
  }

  function checkCharacters(field) {
    askAboutGlyphs(field.value);
    updateWarning(field);
  }

  function refreshField(field) {
    updateCounter(field);
    autogrow(field);
    for (let card = field.closest("[data-entry]"); card; card = card.parentElement.closest("[data-entry]")) {
      updateCard(card);
    }
    const section = field.closest("[data-section]");
    if (section) updateSection(section);
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("[data-count]")) refreshField(event.target);
    else event.target.closest("form")?.querySelectorAll("[data-count]").forEach(refreshField);
    if (event.target.matches(WARNED)) checkCharacters(event.target);
    else event.target.closest("form")?.querySelectorAll(WARNED).forEach(checkCharacters);
  });

  // Server-side counters and step marks come back with every save.
  document.addEventListener("workspace:progress", (event) => {
    const { stats, steps, summary, warning } = event.detail;
    // Counts in words (会前准备, 出席情况) and a warning the page must not miss.
    for (const [key, value] of Object.entries(summary || {})) {
      document.querySelectorAll(`[data-summary="${key}"]`).forEach((el) => (el.textContent = value));
    }
    if (warning) showToast(warning);
    if (stats) {
      for (const [key, value] of Object.entries(stats)) {
        document.querySelectorAll(`[data-stat="${key}"]`).forEach((el) => (el.textContent = value));
      }
    }
    (steps || []).forEach((step) => {
      const link = document.querySelector(`[data-step="${step.key}"]`);
      if (!link) return;
      const badge = link.querySelector("[data-step-state]");
      badge.className = "badge ws-state ws-state-" + step.state;
      badge.dataset.stepState = step.state;
      badge.textContent = step.label;
      link.querySelectorAll("[data-step-note]").forEach((note) => note.remove());
      const text = link.querySelector(".flex-grow-1");
      step.notes.forEach((note) => {
        const small = document.createElement("small");
        small.className = "d-block text-body-secondary";
        small.dataset.stepNote = "";
        small.textContent = note;
        text.appendChild(small);
      });
    });
  });

  // ---- Adding a card ---------------------------------------------------------------------------
  let newCards = 0;
  function addEntry(button) {
    const section = button.closest(SCOPE) || button.parentElement;
    const template = ownPart(section, "template[data-new-entry]");
    const list = ownPart(section, "[data-entry-list]");
    const fragment = template.content.cloneNode(true);
    newCards += 1;
    // Ids must stay unique on the page when several new cards are open.
    fragment.querySelectorAll("[id]").forEach((el) => (el.id = el.id.replace("new", "new" + newCards)));
    fragment.querySelectorAll("[for]").forEach((el) => el.setAttribute("for", el.getAttribute("for").replace("new", "new" + newCards)));
    fragment.querySelectorAll("[aria-describedby]").forEach((el) =>
      el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").replaceAll("new", "new" + newCards)),
    );
    const card = fragment.querySelector("[data-entry]");
    list.appendChild(fragment);
    setUpCard(card);
    renumber(list);
    card.querySelector("input:not([type=hidden]), textarea, select")?.focus();
    return card;
  }

  function setUpCard(card) {
    window.Autosave.attach(card);
    card.querySelectorAll("[data-count]").forEach(refreshField);
  }

  // ---- Delete with undo --------------------------------------------------------------------------
  function deleteEntry(card) {
    const form = card.querySelector("form");
    const list = card.parentElement;
    if (!card.dataset.id) {
      // Never saved: nothing on the server to delete.
      discardSavers(card);
      card.remove();
      renumber(list);
      return;
    }
    post(form.dataset.deleteUrl, {}).then(({ status, json }) => {
      if (status !== 200 || !json.ok) {
        showToast((json && json.errors && json.errors.__all__) || "删除失败，请刷新页面后重试。");
        return;
      }
      discardSavers(card);
      card.remove();
      renumber(list);
      document.dispatchEvent(new CustomEvent("workspace:progress", { detail: json }));
      if (!json.undo) return showToast(json.message || "已删除。"); // deleted for good, after a confirm
      showToast(`已删除${json.undo.label}。`, "撤销", () =>
        post(json.undo.url, { token: json.undo.token })
          .then(({ status: s, json: restored }) => {
            if (s === 200 && restored.ok) window.location.reload();
            else showToast((restored.errors && restored.errors.__all__) || "撤销失败。");
          })
          .catch(() => showToast("撤销失败：网络连接中断，请稍后在本页重试。")),
      );
    }).catch(() => showToast("删除失败：网络连接中断，内容仍在，请稍后重试。"));
  }

  function discardSavers(card) {
    card.querySelectorAll("form").forEach((form) => form.autosave?.discard());
  }

  function showToast(message, actionText, action) {
    const area = document.getElementById("toast-area") || createToastArea();
    const toast = document.createElement("div");
    toast.className = "toast align-items-center show";
    toast.setAttribute("role", "status");
    const body = document.createElement("div");
    body.className = "d-flex align-items-center gap-2 p-2";
    const text = document.createElement("span");
    text.className = "me-auto";
    text.textContent = message;
    body.appendChild(text);
    if (actionText) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-primary";
      button.textContent = actionText;
      button.addEventListener("click", () => {
        toast.remove();
        action();
      });
      body.appendChild(button);
      setTimeout(() => button.focus(), 0);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("aria-label", "关闭");
    close.addEventListener("click", () => toast.remove());
    body.appendChild(close);
    toast.appendChild(body);
    area.appendChild(toast);
    setTimeout(() => toast.remove(), 15000);
  }

  function createToastArea() {
    const area = document.createElement("div");
    area.id = "toast-area";
    area.className = "toast-container position-fixed bottom-0 end-0 p-3";
    area.setAttribute("aria-live", "polite");
    document.body.appendChild(area);
    return area;
  }
  window.showToast = showToast;

  // ---- Reordering --------------------------------------------------------------------------------
  // A new order counts as unsaved work until the server has it: the page says 保存中… meanwhile
  // and leaving it warns (autosave.js looks at every member of Autosave.savers).
  function saveOrder(list) {
    renumber(list);
    const ids = [...list.children].filter((el) => el.matches("[data-entry][data-id]")).map((el) => el.dataset.id);
    const data = new URLSearchParams(list.dataset.reorderExtra || "");
    ids.forEach((id) => data.append("ids", id));
    const pending = { state: "saving", dirty: false };
    window.Autosave.savers.add(pending);
    window.Autosave.refreshPageState();
    window.Session.dropRetry(list); // this order replaces one waiting for the login
    let waiting = false;
    return post(list.dataset.reorderUrl, data)
      .then(({ status, json }) => {
        if (status === 200 && json.ok) document.dispatchEvent(new CustomEvent("workspace:progress", { detail: json }));
        else if (status === 401) {
          // Still unsaved work (leaving the page warns) until the user is back and it is sent again.
          waiting = true;
          pending.state = "expired";
          window.Session.retryWhenBack(list, () => {
            window.Autosave.savers.delete(pending);
            saveOrder(list);
          });
        } else showToast((json.errors && json.errors.__all__) || "顺序未保存，请刷新页面后重试。");
      })
      .catch(() => showToast("顺序未保存：网络连接失败，请刷新页面后重试。"))
      .finally(() => {
        if (!waiting) window.Autosave.savers.delete(pending);
        window.Autosave.refreshPageState();
      });
  }

  function move(card, direction) {
    const list = card.parentElement;
    const sibling = direction < 0 ? card.previousElementSibling : card.nextElementSibling;
    if (!sibling || !sibling.matches("[data-entry]")) return;
    const focused = document.activeElement;
    if (direction < 0) list.insertBefore(card, sibling);
    else list.insertBefore(sibling, card);
    (focused && card.contains(focused) ? focused : card.querySelector("[data-move]"))?.focus();
    saveOrder(list);
  }

  document.addEventListener("keydown", (event) => {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const card = event.target.closest("[data-entry]");
    if (!card || !card.parentElement.matches("[data-entry-list][data-reorder-url]") || !card.dataset.id) return;
    event.preventDefault();
    move(card, event.key === "ArrowUp" ? -1 : 1);
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.matches("[data-add-entry]")) addEntry(button);
    else if (button.matches("[data-delete]")) {
      if (!button.dataset.confirm || window.confirm(button.dataset.confirm)) deleteEntry(button.closest("[data-entry]"));
    }
    else if (button.matches("[data-move]")) move(button.closest("[data-entry]"), button.dataset.move === "up" ? -1 : 1);
  });

  document.addEventListener("entry:created", (event) => {
    const list = event.target.closest("[data-entry-list]");
    if (list) renumber(list);
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-count]").forEach(refreshField);
    document.querySelectorAll(WARNED).forEach(checkCharacters);
    document.querySelectorAll("[data-entry-list]").forEach(setUpList);
    restoreDrafts();
  });

  // Text typed on this page that never reached the server (reload while offline, a new card whose
  // headline was still missing…) is put back and saved; see the drafts of autosave.js.
  function restoreDrafts() {
    if (!document.querySelector("form[data-autosave]")) return;
    const { restored, newCards: pending } = window.Autosave.drafts.restore();
    let count = restored;
    pending.forEach((draft) => {
      const template = [...document.querySelectorAll("template[data-new-entry]")].find((candidate) => {
        const form = candidate.content.querySelector("form");
        const aspect = candidate.content.querySelector('input[name="aspect"]');
        return form && form.getAttribute("action") === draft.action && (aspect ? aspect.value : "") === draft.aspect;
      });
      const scope = template && (scopeOf(template) || template.parentElement);
      const button = scope && ownPart(scope, "[data-add-entry]");
      if (!button) return;
      const card = addEntry(button);
      if (window.Autosave.drafts.apply(card.querySelector("form").autosave, draft)) count += 1;
    });
    if (!count) return;
    const tooLong = [...window.Autosave.savers].some((saver) => saver.heldBack);
    showToast(`已恢复${count}处上次未保存的内容，` + (tooLong ? "超出字数的内容精简后才会保存。" : "正在保存。"));
  }

  // Numbering and drag and drop for a list; a list of sub-items names its own handle (data-handle)
  // so that dragging a sub-item never drags the card around it.
  function setUpList(list) {
    renumber(list);
    if (window.Sortable && list.dataset.reorderUrl && !list.sortable && list.closest("main").querySelector("[data-autosave]")) {
      list.sortable = window.Sortable.create(list, {
        handle: list.dataset.handle || "[data-drag-handle]",
        draggable: "[data-entry][data-id]",
        animation: 150,
        onEnd: () => saveOrder(list),
      });
    }
  }

  window.Workspace = { addEntry, renumber, setUpCard, setUpList, showToast, post };
})();
