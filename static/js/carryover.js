/*
 * 按上年台账重新生成 (templates/ledger/_carryover_recap.html): asks the server for the 上年度整改落实情况
 * drafted from last year's 整改台账 and puts it in the field as if typed, so that autosave.js stores it
 * with its revision check (a conflicting save shows both texts, as for any typing).
 *
 * The drafter's text is never lost silently: replacing a non-empty text asks first, and 撤销 puts the
 * previous text back as long as nothing was typed since.
 */
(function () {
  "use strict";

  const tools = document.querySelector("[data-recap-tools]");
  if (!tools) return;
  const card = tools.closest("section");
  const field = card && card.querySelector("textarea[name=recap]");
  const button = tools.querySelector("[data-recap-generate]");
  const undoButton = tools.querySelector("[data-recap-undo]");
  if (!field || !button) return;

  const { post, showToast: toast } = window.Workspace;
  let last = null; // { before, after } of the latest replacement

  function put(text) {
    field.value = text;
    // As if typed: counters, warnings and autosave follow; "change" saves without the typing pause.
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function errorOf(status, json) {
    const errors = json && json.errors && json.errors.__all__;
    if (errors && errors.length) return errors[0];
    if (status === 403) return "没有生成：您没有修改这份材料的权限，或材料已提交审核。";
    return "没有生成：服务器出错，请稍后重试。";
  }

  function generate() {
    if (field.disabled) return;
    button.disabled = true;
    post(tools.dataset.url, {})
      .then(({ status, json }) => {
        if (status !== 200 || !json.ok) {
          toast(errorOf(status, json));
          return;
        }
        const before = field.value;
        if (before.trim() === json.text.trim()) {
          toast("现有文字与按上年台账生成的一致，没有改动。");
          return;
        }
        const question = "“上年度整改落实情况”已有文字。用按上年台账生成的文字替换吗？替换后可以撤销。";
        if (before.trim() && !window.confirm(question)) return;
        put(json.text);
        last = { before, after: field.value };
        undoButton.hidden = false;
        toast("已按上年台账重新生成“上年度整改落实情况”。", "撤销", undo);
      })
      .catch(() => toast("没有生成：网络连接中断，请稍后重试。"))
      .finally(() => (button.disabled = false));
  }

  function undo() {
    if (!last) return;
    if (field.value !== last.after) {
      // Typed on since: going back would lose that typing.
      toast("生成后这段文字又修改过，为免丢失修改，不能自动撤销，请直接在输入框中修改。");
      return;
    }
    put(last.before);
    last = null;
    undoButton.hidden = true;
    toast("已撤销，恢复原来的文字。");
  }

  button.addEventListener("click", generate);
  undoButton.addEventListener("click", undo);
})();
