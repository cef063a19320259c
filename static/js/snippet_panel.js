/*
 * The 素材库 panel beside the entries (templates/snippets/panel/_side.html): search the unit's and the
 * shared snippets with the aspect in view pre-selected, insert a hit into the field the drafter last
 * clicked (追加 / 替换, with 撤销), and 存入素材库 on every card.
 *
 * An insertion is typed text as far as autosave.js is concerned: the field changes, autosave saves it
 * (or holds back a text over the field's limit, with its message). Only once that save has succeeded
 * is the use recorded on the server; an insertion undone before is never recorded, one undone after
 * has its record deleted. The entry a field belongs to is read from its form's address, the one
 * autosave posts to (apps/workspace/urls.py), so new cards are known as soon as they are created.
 */
(function () {
  "use strict";

  const panel = document.querySelector("[data-snippet-panel]");
  if (!panel) return;

  const canEdit = Boolean(panel.dataset.useUrl);
  const searchForm = panel.querySelector("[data-snippet-search]");
  const hitList = panel.querySelector("[data-snippet-hits]");
  const totalLine = panel.querySelector("[data-snippet-total]");
  const moreButton = panel.querySelector("[data-snippet-more]");
  const targetLine = panel.querySelector("[data-snippet-target]");
  const undoBox = panel.querySelector("[data-snippet-undo]");
  const snippetTab = document.querySelector('[data-side-tab="snippets"]');
  const TAB_KEY = "reportbuilder-side-tab";
  const NO_TARGET = "请先点击要插入的输入框";

  // The workspace script (loaded before this deferred one) posts and shows toasts for every step.
  const { post, showToast: toast } = window.Workspace;

  // ---- Which entry a form saves ---------------------------------------------------------------------
  // Form addresses of apps/workspace/urls.py; "new" while a card has not been saved yet.
  const ENTRY_ADDRESSES = [
    [/\/measures\/\d+\/items\/(\d+|new)\/$/, "item"],
    [/\/problems\/(\d+|new)\/$/, "problem"],
    [/\/causes\/(\d+|new)\/$/, "cause"],
    [/\/measures\/(\d+|new)\/$/, "measure"],
    [/\/aspects\/(\d+)\/$/, "aspect"],
    [/\/m\/(\d+)\/text\/$/, "material"],
  ];
  // The fields a snippet may go into (apps/snippets/services.py ENTRY_FIELDS, which the server checks).
  const ENTRY_FIELDS = {
    problem: ["headline", "elaboration", "example"],
    cause: ["headline", "elaboration"],
    measure: ["headline", "elaboration"],
    item: ["text"],
    aspect: ["lead_in"],
    material: ["preamble", "recap", "problems_lead", "causes_lead", "measures_lead", "closing"],
  };

  function entryOf(form) {
    const address = new URL(form.action, window.location.href).pathname;
    for (const [pattern, type] of ENTRY_ADDRESSES) {
      const match = address.match(pattern);
      if (match) return { type, id: match[1] === "new" ? null : match[1] };
    }
    return null;
  }

  function insertable(field) {
    if (!field || !field.matches("textarea, input[type=text]") || field.disabled) return false;
    const form = field.closest("form[data-autosave]");
    const entry = form && entryOf(form);
    return Boolean(entry && (ENTRY_FIELDS[entry.type] || []).includes(field.name));
  }

  // ---- The filters: kind from the step or the field, aspect from the field or the block in view ----
  const filters = {
    kind: searchForm.elements.kind,
    aspect: searchForm.elements.aspect,
    presetKind: searchForm.elements.kind.value,
    presetAspect: "",
    // A preset changes the select only when the preset itself changes: a drafter's own choice stays
    // until they move to another kind of field or another aspect.
    preset(name, value) {
      const key = name === "kind" ? "presetKind" : "presetAspect";
      if (this[key] === value) return;
      this[key] = value;
      const select = this[name];
      if (![...select.options].some((option) => option.value === value)) return;
      select.value = value;
      searchSoon();
    },
  };

  function kindFor(entry, fieldName) {
    if (entry.type === "aspect" || fieldName.endsWith("_lead")) return "lead_in";
    if (entry.type === "item") return "measure";
    if (entry.type === "material") return "";
    return entry.type;
  }

  function aspectOf(element) {
    const block = element.closest("[data-section][data-aspect]");
    return block ? block.dataset.aspect : null;
  }

  let target = null; // the field the drafter last focused that can take a snippet

  document.addEventListener("focusin", (event) => {
    const field = event.target;
    if (!insertable(field)) return;
    target = field;
    const entry = entryOf(field.closest("form"));
    filters.preset("kind", kindFor(entry, field.name));
    const aspect = aspectOf(field);
    if (aspect) filters.preset("aspect", aspect);
    showTarget();
  });

  // On 查摆问题 the aspect block scrolled into the upper part of the window is the aspect in view,
  // unless the field being written sits in a block that is still visible.
  const blocks = [...document.querySelectorAll("[data-section][data-aspect]")];
  if (blocks.length && "IntersectionObserver" in window) {
    const visible = new Set();
    const observer = new IntersectionObserver(
      (changes) => {
        changes.forEach((change) => (change.isIntersecting ? visible.add(change.target) : visible.delete(change.target)));
        const focusedBlock = target && target.isConnected && target.closest("[data-section][data-aspect]");
        if (focusedBlock && visible.has(focusedBlock)) return;
        const first = blocks.find((block) => visible.has(block));
        if (first) filters.preset("aspect", first.dataset.aspect);
      },
      { rootMargin: "-15% 0px -55% 0px" },
    );
    blocks.forEach((block) => observer.observe(block));
  }

  // "（一）学习贯彻… 一是 · 具体表现" in the panel; without the aspect in a toast, which is narrow.
  function fieldLabel(field, withAspect = true) {
    const label = field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    const text = label ? label.textContent.replace(/\*/g, "").trim() : field.getAttribute("aria-label") || field.name;
    const card = field.closest("[data-entry]");
    const number = card && card.querySelector("[data-number]");
    const block = withAspect && field.closest("[data-section][data-aspect]");
    const heading = block && block.querySelector(".aspect-title");
    const aspect = heading ? heading.textContent.trim().slice(0, 12) + "… " : "";
    return aspect + (number && number.textContent.trim() ? number.textContent.trim() + " · " : "") + text;
  }

  function showTarget() {
    if (!targetLine) return;
    targetLine.textContent = target && target.isConnected ? "插入到：" + fieldLabel(target) : NO_TARGET + "，再选择素材“追加”或“替换”。";
  }

  // ---- Searching --------------------------------------------------------------------------------
  let searchTimer = null;
  let searched = false;
  let request = 0; // only the answer to the latest request is shown

  function searchSoon() {
    if (!searched) return; // nothing asked before the panel is first shown
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => load(0), 300);
  }

  function load(offset) {
    searched = true;
    clearTimeout(searchTimer);
    const params = new URLSearchParams(new FormData(searchForm));
    params.set("offset", offset);
    const mine = ++request;
    if (!offset) totalLine.textContent = "正在查找…";
    moreButton.disabled = true;
    return window.Session.fetch(panel.dataset.searchUrl + "?" + params)
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        if (mine !== request) return;
        if (!offset) hitList.innerHTML = data.html;
        else hitList.insertAdjacentHTML("beforeend", data.html);
        totalLine.textContent = (data.total ? `共找到 ${data.total} 条素材。` : "") + (data.notice || "");
        moreButton.hidden = data.next_offset === null;
        moreButton.dataset.offset = data.next_offset === null ? "" : data.next_offset;
      })
      .catch((status) => {
        if (mine !== request) return;
        if (status === 401) {
          totalLine.textContent = "登录已过期：重新登录后会自动再查找。";
          window.Session.retryWhenBack(searchForm, () => load(offset));
        } else totalLine.textContent = "查找失败：网络连接中断或服务器出错，请稍后重试。";
      })
      .finally(() => (moreButton.disabled = false));
  }

  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    load(0);
  });
  searchForm.elements.q.addEventListener("input", () => {
    searched = true;
    searchSoon();
  });
  searchForm.addEventListener("change", (event) => {
    if (event.target.tagName === "SELECT") load(0);
  });
  moreButton.addEventListener("click", () => load(Number(moreButton.dataset.offset || 0)));

  // The panel's tab: searched when first shown, and shown again on the next page if it was left open.
  if (snippetTab) {
    snippetTab.addEventListener("shown.bs.tab", () => {
      storeTab("snippets");
      if (!searched) load(0);
    });
    document.querySelector('[data-side-tab="guide"]')?.addEventListener("shown.bs.tab", () => storeTab("guide"));
    document.addEventListener("DOMContentLoaded", () => {
      if (readTab() === "snippets" && window.bootstrap) window.bootstrap.Tab.getOrCreateInstance(snippetTab).show();
    });
  }

  function storeTab(name) {
    try {
      window.localStorage.setItem(TAB_KEY, name);
    } catch (error) {
      /* storage disabled: the guidance tab opens first next time */
    }
  }

  function readTab() {
    try {
      return window.localStorage.getItem(TAB_KEY);
    } catch (error) {
      return null;
    }
  }

  if (!canEdit) return; // a reader searches; nothing below writes

  // ---- Inserting, recording, undoing ---------------------------------------------------------------
  let lastInsertion = null;

  hitList.addEventListener("click", (event) => {
    const button = event.target.closest("[data-snippet-insert]");
    if (!button) return;
    insert(button.closest("[data-snippet-hit]"), button.dataset.snippetInsert);
  });

  function insert(hit, mode) {
    const field = target;
    if (!field || !field.isConnected || field.disabled) {
      toast(NO_TARGET + "，再选择素材“追加”或“替换”。");
      return;
    }
    const form = field.closest("form");
    const text = hit.dataset.snippetText;
    const insertion = { field, form, snippet: hit.dataset.snippetId, mode, before: field.value, state: "saving" };
    field.value = mode === "append" ? field.value + text : text;
    insertion.after = field.value;
    // As if typed: counters, warnings and autosave follow; "change" saves without the typing pause.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    field.focus();
    field.setSelectionRange?.(field.value.length, field.value.length);
    insertion.onSaved = () => saved(insertion);
    form.addEventListener("autosave:saved", insertion.onSaved);
    lastInsertion = insertion;
    undoBox.hidden = false;
    const done = mode === "append" ? "已追加到" : "已替换";
    toast(`${done}“${fieldLabel(field, false)}”。`, "撤销", () => undo(insertion));
  }

  // The field's text reached the server (and nothing typed since waits): the use is recorded.
  function saved(insertion) {
    if (insertion.state !== "saving" || insertion.form.autosave?.dirty) return;
    const entry = entryOf(insertion.form);
    if (!entry || !entry.id) return;
    insertion.form.removeEventListener("autosave:saved", insertion.onSaved);
    insertion.state = "recording";
    insertion.recorded = post(panel.dataset.useUrl, {
      snippet: insertion.snippet,
      entry_type: entry.type,
      entry: entry.id,
      field: insertion.field.name,
      mode: insertion.mode,
    })
      .then(({ status, json }) => {
        if (status !== 200 || !json.ok) return null;
        insertion.use = json.use;
        if (insertion.state === "undone") return forget(insertion);
        insertion.state = "recorded";
        return json.use;
      })
      .catch(() => null);
  }

  function forget(insertion) {
    if (!insertion.use) return null;
    const url = panel.dataset.forgetUrl.replace(/\/uses\/0\//, `/uses/${insertion.use}/`);
    const use = insertion.use;
    insertion.use = null;
    return post(url, {}).catch(() => (insertion.use = use));
  }

  function undo(insertion) {
    if (insertion.state === "undone") return;
    const { field } = insertion;
    if (!field.isConnected) {
      toast("撤销失败：这条内容已不在页面上。");
      return;
    }
    if (field.value !== insertion.after) {
      // Typed on since the insertion: going back would lose that typing.
      toast("插入后这个输入框又修改过，为免丢失修改，不能自动撤销，请直接在输入框中修改。");
      return;
    }
    const wasRecorded = insertion.state === "recorded";
    insertion.state = "undone";
    insertion.form.removeEventListener("autosave:saved", insertion.onSaved);
    field.value = insertion.before;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    if (wasRecorded) forget(insertion);
    // a record still on its way is forgotten as soon as it answers (see saved)
    if (lastInsertion === insertion) undoBox.hidden = true;
    toast("已撤销插入，恢复原来的内容。");
  }

  undoBox.querySelector("[data-snippet-undo-button]").addEventListener("click", () => lastInsertion && undo(lastInsertion));

  // ---- 存入素材库 --------------------------------------------------------------------------------------
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-snippet-save]");
    if (button) saveToLibrary(button);
  });

  function saveToLibrary(button) {
    const scope = button.closest("[data-entry], [data-aspect-lead-in]");
    const form = scope && scope.querySelector("form[data-autosave]");
    const entry = form && entryOf(form);
    if (!entry) return;
    const texts = [...form.querySelectorAll("textarea, input[type=text]")].map((field) => field.value.trim());
    if (!entry.id || !texts.some(Boolean)) {
      toast("这条内容还是空的，写好并保存后再存入素材库。");
      return;
    }
    if (form.autosave && (form.autosave.dirty || form.autosave.state !== "saved")) {
      toast("这条内容还没有保存好，请等页面显示“已保存”后再存入素材库。");
      return;
    }
    button.disabled = true;
    post(panel.dataset.saveUrl, { entry_type: entry.type, entry: entry.id })
      .then(({ status, json }) => {
        if (status === 200 && json.ok) {
          toast(json.message);
          if (searched) load(0);
        } else if (status === 422 || status === 401 || (status === 403 && json.errors)) {
          toast((json.errors && json.errors.__all__ && json.errors.__all__[0]) || "没有存入素材库。");
        }
        else toast("没有存入素材库：这条内容可能已被删除，或您没有修改权限。请刷新页面。");
      })
      .catch(() => toast("没有存入素材库：网络连接中断，请稍后重试。"))
      .finally(() => (button.disabled = false));
  }
})();
