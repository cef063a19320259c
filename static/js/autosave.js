/*
 * Autosave for every <form data-autosave>: the whole form is posted by fetch while the drafter
 * types (debounced) and when a field is left. The server answers in the protocol described in
 * apps/workspace/autosave.py: 200 saved, 422 field errors, 409 conflict with both texts.
 * Network failures and server errors are retried with a growing delay until they succeed.
 * Leaving the page with anything unsaved asks first. Text over a field's limit is kept, marked
 * and not posted until it fits. A save refused because the idle session expired keeps the text in
 * the browser and is retried once the user is back (session.js shows the notice with the link to log
 * in in a new window).
 */
(function () {
  "use strict";

  const DEBOUNCE_MS = 800;
  const RETRY_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  const EXPIRED_RETRY_MS = 15000;
  const savers = new Set();

  // ---- The page-wide save state (已保存 / 保存中… / 保存失败，正在重试 / 有内容未保存) -------------
  const STATES = {
    saved: ["bi-check-circle", "已保存"],
    saving: ["bi-arrow-repeat", "保存中…"],
    failed: ["bi-exclamation-triangle", "保存失败，正在重试"],
    invalid: ["bi-exclamation-circle", "有内容未保存：请按提示修改"],
    conflict: ["bi-people", "有修改冲突，请选择保留的版本"],
    expired: ["bi-box-arrow-in-right", "登录已过期，内容暂存在本浏览器"],
  };
  const PRIORITY = ["expired", "failed", "conflict", "invalid", "saving", "saved"];

  function refreshPageState() {
    const states = new Set([...savers].map((s) => s.state));
    const box = document.getElementById("save-state");
    if (!box) return;
    const state = PRIORITY.find((s) => states.has(s)) || "saved";
    box.dataset.state = state;
    box.querySelector("i").className = "bi " + STATES[state][0];
    box.querySelector("[data-save-text]").textContent = STATES[state][1];
  }

  function hasUnsaved() {
    return [...savers].some((s) => s.dirty || s.state !== "saved");
  }

  window.addEventListener("beforeunload", (event) => {
    if (hasUnsaved()) {
      // Flush what can still be sent; browsers show their own "leave page?" question.
      savers.forEach((s) => s.dirty && s.state !== "invalid" && s.save());
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // ---- Drafts: unsaved text also kept in the browser ----------------------------------------------
  // Until the server has a form's text, it is kept in localStorage as well, so that a reload, a
  // closed tab or a crash while offline loses nothing: the next visit of the page puts it back and
  // saves it (with the revision and base it was typed on, so the server merges or shows a conflict).
  const drafts = {
    PREFIX: "reportbuilder-draft:",
    MAX_AGE_MS: 14 * 24 * 3600 * 1000,
    store(saver) {
      const storage = localStorageOrNull();
      if (!storage) return;
      const form = saver.form;
      const record = {
        action: form.getAttribute("action"),
        isNew: form.hasAttribute("data-create"),
        aspect: form.elements.aspect ? form.elements.aspect.value : "",
        values: formValues(form),
        base: saver.base,
        revision: form.elements.revision.value,
        at: Date.now(),
      };
      try {
        storage.setItem(this.key(form), JSON.stringify(record));
      } catch (error) {
        /* storage full or disabled: the server copy and the leave warning remain */
      }
    },
    clear(saver) {
      localStorageOrNull()?.removeItem(this.key(saver.form));
      delete saver.form.dataset.draftKey; // a created card is from now on known by its address
    },
    key(form) {
      if (!form.dataset.draftKey) {
        form.dataset.draftKey = form.hasAttribute("data-create")
          ? "new:" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
          : "entry:" + form.getAttribute("action");
      }
      return this.PREFIX + window.location.pathname + "|" + form.dataset.draftKey;
    },
    // Put back the drafts of this page's existing entries; return the drafts of new cards, which
    // workspace.js recreates (it knows where each kind of card is added).
    restore() {
      const storage = localStorageOrNull();
      const result = { restored: 0, newCards: [] };
      if (!storage) return result;
      const prefix = this.PREFIX + window.location.pathname + "|";
      const forms = [...document.querySelectorAll("form[data-autosave]")];
      for (const key of Object.keys(storage)) {
        if (!key.startsWith(prefix)) continue;
        let draft = null;
        try {
          draft = JSON.parse(storage.getItem(key));
        } catch (error) {
          draft = null;
        }
        storage.removeItem(key);
        if (!draft || Date.now() - draft.at > this.MAX_AGE_MS) continue;
        if (draft.isNew) {
          result.newCards.push(draft);
          continue;
        }
        const form = forms.find((f) => f.getAttribute("action") === draft.action);
        if (form && form.autosave && this.apply(form.autosave, draft)) result.restored += 1;
      }
      return result;
    },
    apply(saver, draft) {
      const current = formValues(saver.form);
      const differs = Object.keys(draft.values).some(
        (name) => JSON.stringify(draft.values[name]) !== JSON.stringify(current[name]),
      );
      if (!differs) return false;
      for (const [name, value] of Object.entries(draft.values)) setValue(saver.form.elements[name], value);
      saver.base = draft.base || saver.base;
      if (!saver.form.hasAttribute("data-create")) saver.form.elements.revision.value = draft.revision;
      saver.form.querySelectorAll("[data-count]").forEach((field) => field.dispatchEvent(new Event("input", { bubbles: true })));
      saver.changed(0);
      return true;
    },
  };

  function localStorageOrNull() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  // ---- Limits ---------------------------------------------------------------------------------------
  // A field's limit (data-limit; never the maxlength attribute, at which browsers silently cut a
  // paste) is checked before anything is posted. Over-long text stays in the field and in the
  // draft, the field says by how much it is too long, and nothing is sent until it fits: the server
  // would refuse it anyway. Counted like the counters of workspace.js: characters, not UTF-16 units.
  function overLimit(form) {
    const errors = {};
    for (const field of form.elements) {
      const limit = Number(field.dataset.limit || 0);
      const excess = limit && field.name ? [...field.value].length - limit : 0;
      if (excess > 0) errors[field.name] = [`超出 ${excess} 字，请精简后保存`];
    }
    return Object.keys(errors).length ? errors : null;
  }

  // ---- One saver per form --------------------------------------------------------------------------
  class Saver {
    constructor(form) {
      this.form = form;
      this.state = "saved";
      this.dirty = false;
      this.inFlight = null;
      this.timer = null;
      this.retries = 0;
      form.autosave = this;
      savers.add(this);
      this.base = formValues(form); // what the form showed at its last load or save
      form.addEventListener("input", () => this.changed(DEBOUNCE_MS));
      form.addEventListener("change", () => this.changed(0));
      form.addEventListener("focusout", () => this.dirty && this.changed(0));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.changed(0);
      });
    }

    get card() {
      return this.form.closest("[data-entry]") || this.form;
    }

    setState(state, text) {
      this.state = state;
      const label = this.card.querySelector("[data-card-state]");
      if (label) label.textContent = text !== undefined ? text : STATES[state][1];
      this.card.dataset.saveState = state;
      refreshPageState();
    }

    changed(delay) {
      this.dirty = true;
      drafts.store(this);
      clearTimeout(this.timer);
      if (this.holdBack()) return; // said at once, while typing, not after the pause
      if (this.state === "saved") this.setState("saving");
      this.timer = setTimeout(() => this.save(), delay);
    }

    // True (and the fields marked) while a text is over its limit; once everything fits again the
    // marks go and the next save proceeds as usual.
    holdBack() {
      const tooLong = overLimit(this.form);
      if (tooLong) {
        this.heldBack = true;
        this.showErrors(tooLong);
        return true;
      }
      if (this.heldBack) {
        this.heldBack = false;
        this.clearErrors();
        this.setState("saving");
      }
      return false;
    }

    discard() {
      savers.delete(this);
      window.Session.dropRetry(this);
      clearTimeout(this.timer);
      refreshPageState();
    }

    async save() {
      clearTimeout(this.timer);
      if (this.inFlight) {
        this.pending = true; // save again once the running request answers
        return;
      }
      if (!this.dirty && this.state === "saved") return;
      if (this.holdBack()) return; // a retry or a queued save must not post over-long text either
      // A date with a blank part (one being typed, or a part just deleted) reads as "": sent, it
      // would erase the stored date. Wait until it is whole again, or cleared entirely.
      const partDate = [...this.form.querySelectorAll("input[type=date]")].find((input) => input.validity.badInput);
      if (partDate) {
        if (document.activeElement !== partDate) this.showErrors({ [partDate.name]: ["日期不完整：请填写年、月、日，或全部删除。"] });
        return;
      }
      this.dirty = false;
      this.pending = false;
      this.setState("saving");
      const body = new FormData(this.form);
      body.set("_base", JSON.stringify(this.base));
      this.sent = body;
      const sentValues = formValues(this.form);
      window.Session.dropRetry(this); // this save is the retry
      this.inFlight = window.Session.fetch(this.form.action, { method: "POST", body })
        .then((response) => {
          if (window.Session.isExpired(response)) return this.loggedOut();
          return response
            .json()
            .catch(() => ({}))
            .then((data) => this.answered(response.status, data, sentValues));
        })
        .catch(() => this.failed())
        .finally(() => {
          this.inFlight = null;
          if (this.pending) this.save();
          else if (this.heldBack) this.changed(0); // went over its limit while this request was out
        });
    }

    answered(status, data, sentValues) {
      if (status === 200 && data.ok) {
        this.base = Object.assign(sentValues, data.normalised || {});
        return this.succeeded(data);
      }
      if (status === 422) return this.showErrors(data.errors || {});
      if (status === 409 && data.conflict) return this.showConflict(data.conflict);
      if (status === 403 || status === 404) {
        this.dirty = false;
        // A 403 says why (the material was submitted for review meanwhile, the unit closed…).
        const reason = status === 403 && data.errors && data.errors.__all__;
        if (reason) return this.showErrors({ __all__: [`没有保存：${reason[0]}`] });
        return this.showErrors({ __all__: ["没有保存：您没有修改权限，或该内容已被删除。请刷新页面。"] });
      }
      return this.failed();
    }

    succeeded(data) {
      this.retries = 0;
      this.form.elements.revision.value = data.revision;
      this.clearErrors();
      if (data.urls && this.form.hasAttribute("data-create")) {
        // The first save of a new card created it: from now on it saves to its own address.
        drafts.clear(this);
        this.form.removeAttribute("data-create");
        this.form.action = data.urls.save;
        this.form.dataset.deleteUrl = data.urls.delete;
        this.card.dataset.id = data.id;
        this.card.dispatchEvent(new CustomEvent("entry:created", { bubbles: true, detail: data }));
      }
      this.showNormalised(data.normalised || {});
      if (this.dirty) drafts.store(this);
      else drafts.clear(this);
      this.setState(this.dirty ? "saving" : "saved", this.dirty ? undefined : "已保存");
      document.dispatchEvent(new CustomEvent("workspace:progress", { detail: data }));
      // For whoever waits on this form's text reaching the server (snippet_panel.js records a use).
      this.form.dispatchEvent(new CustomEvent("autosave:saved", { detail: data }));
    }

    // The server stored a cleaned text (typed numbering stripped…): show it, without moving the
    // caret under the drafter's fingers — a field being typed in is updated when it is left.
    showNormalised(values) {
      for (const [name, value] of Object.entries(values)) {
        const field = this.form.elements[name];
        if (!field) continue;
        if (!field.tagName || Array.isArray(value)) {
          setValue(field, value); // a group of checkboxes or radios someone else changed
          continue;
        }
        if (field.value === String(value)) continue;
        const typed = this.sent && this.sent.get(name);
        const apply = () => {
          if (field.value !== typed) return; // typed on since: the next save normalises again
          field.value = value;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        };
        if (document.activeElement === field) field.addEventListener("blur", apply, { once: true });
        else apply();
      }
    }

    loggedOut() {
      this.dirty = true;
      drafts.store(this); // kept for a reload or a new visit after logging in again
      this.setState("expired", "登录已过期，内容暂存在本浏览器");
      clearTimeout(this.timer);
      // Saved as soon as the user is back (session.js), or at the latest by this timer.
      window.Session.retryWhenBack(this, () => this.save());
      this.timer = setTimeout(() => this.save(), EXPIRED_RETRY_MS);
    }

    failed() {
      this.dirty = true;
      const delay = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)];
      this.retries += 1;
      this.setState("failed", "保存失败，" + Math.round(delay / 1000) + "秒后重试");
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.save(), delay);
    }

    // ---- Field errors ------------------------------------------------------------------------
    clearErrors() {
      this.form.querySelectorAll(".is-invalid").forEach((el) => el.classList.remove("is-invalid"));
      this.form.querySelectorAll("[data-autosave-error]").forEach((el) => el.remove());
      const general = this.form.querySelector("[data-form-errors]");
      if (general) {
        general.classList.add("d-none");
        general.textContent = "";
      }
    }

    showErrors(errors) {
      this.clearErrors();
      for (const [name, messages] of Object.entries(errors)) {
        const field = this.form.elements[name];
        const input = field && (field.length && !field.tagName ? field[0] : field);
        if (!input || name === "__all__") {
          const general = this.form.querySelector("[data-form-errors]");
          if (general) {
            general.textContent = messages.join(" ");
            general.classList.remove("d-none");
          }
          continue;
        }
        input.classList.add("is-invalid");
        const feedback = document.createElement("div");
        feedback.className = "invalid-feedback d-block";
        feedback.dataset.autosaveError = "";
        feedback.id = (input.id || name) + "-error";
        feedback.textContent = messages.join(" ");
        input.setAttribute("aria-describedby", feedback.id);
        (input.closest(".mb-3") || input.parentElement).appendChild(feedback);
      }
      this.setState("invalid", "未保存：请按提示修改");
    }

    // ---- Conflicts: both texts side by side, the drafter keeps one -------------------------
    showConflict(conflict) {
      const panel = this.form.querySelector("[data-conflict]");
      panel.replaceChildren();
      const title = document.createElement("p");
      title.className = "fw-bold mb-2";
      title.textContent = "这条内容刚被其他人修改并保存过。请对比两个版本，选择要保留的内容：";
      panel.appendChild(title);
      for (const [name, field] of Object.entries(conflict.fields)) {
        const row = document.createElement("div");
        row.className = "row g-2 mb-2";
        row.dataset.conflictField = name;
        row.append(
          this.version(field.label + "（我的版本）", field.mine_text, "mine"),
          this.version(field.label + "（对方保存的版本）", field.theirs_text, "theirs"),
        );
        panel.appendChild(row);
      }
      const actions = document.createElement("div");
      actions.className = "d-flex gap-2";
      const keepMine = this.button("保留我的版本", "btn-primary", () => this.resolve(conflict, "mine"));
      const keepTheirs = this.button("采用对方的版本", "btn-outline-secondary", () => this.resolve(conflict, "theirs"));
      actions.append(keepMine, keepTheirs);
      panel.appendChild(actions);
      panel.classList.remove("d-none");
      this.setState("conflict", "有修改冲突");
      keepMine.focus();
    }

    version(label, text, which) {
      const col = document.createElement("div");
      col.className = "col-md-6";
      const head = document.createElement("div");
      head.className = "small text-body-secondary";
      head.textContent = label;
      const body = document.createElement("div");
      body.className = "conflict-text border rounded p-2 bg-body";
      body.dataset.version = which;
      body.textContent = text;
      col.append(head, body);
      return col;
    }

    button(text, style, onClick) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm " + style;
      button.textContent = text;
      button.addEventListener("click", onClick);
      return button;
    }

    resolve(conflict, keep) {
      this.form.elements.revision.value = conflict.revision;
      if (keep === "theirs") {
        for (const [name, field] of Object.entries(conflict.fields)) setValue(this.form.elements[name], field.theirs);
      }
      const panel = this.form.querySelector("[data-conflict]");
      panel.classList.add("d-none");
      panel.replaceChildren();
      this.form.dispatchEvent(new Event("input", { bubbles: true })); // counters follow the new text
      this.dirty = true;
      this.state = "saving";
      this.save();
    }
  }

  // The form's values by field name (lists for checkbox groups and multiple selects), without
  // the bookkeeping fields; sent as "_base" so the server can merge edits of different fields.
  function formValues(form) {
    const values = {};
    for (const element of form.elements) {
      const name = element.name;
      if (!name || name === "revision" || name === "_base" || element.type === "button") continue;
      if (element.type === "date" && element.validity.badInput) continue; // half typed: not a value yet
      const group = form.elements[name];
      const multiple = element.type === "checkbox" && group.length > 1 && !group.tagName;
      if (element.type === "checkbox" && !multiple) values[name] = element.checked ? element.value || "on" : "";
      else if (element.type === "checkbox" || element.type === "radio") {
        if (!(name in values)) values[name] = element.type === "radio" ? "" : [];
        if (element.checked) {
          if (element.type === "radio") values[name] = element.value;
          else values[name].push(element.value);
        }
      } else if (element.tagName === "SELECT" && element.multiple) {
        values[name] = [...element.selectedOptions].map((option) => option.value);
      } else values[name] = element.value;
    }
    return values;
  }

  function setValue(field, value) {
    if (!field) return;
    if (field instanceof RadioNodeList || (field.length && !field.tagName)) {
      const wanted = new Set((Array.isArray(value) ? value : [value]).map(String));
      [...field].forEach((input) => {
        if (input.type === "checkbox" || input.type === "radio") input.checked = wanted.has(input.value);
      });
      return;
    }
    if (field.type === "checkbox") field.checked = Boolean(value);
    else field.value = value === null || value === undefined ? "" : value;
  }

  window.Autosave = {
    attach(root) {
      (root || document).querySelectorAll("form[data-autosave]").forEach((form) => form.autosave || new Saver(form));
    },
    savers,
    refreshPageState,
    drafts,
  };
  document.addEventListener("DOMContentLoaded", () => window.Autosave.attach(document));
})();
